package io.jnetlink.message;

import io.jnetlink.Netlink;

import io.jnetlink.internal.ByteWriter;
import io.jnetlink.internal.Bytes;
import io.jnetlink.schema.MessageDef;
import io.jnetlink.schema.Schema;
import io.jnetlink.schema.StructDef;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Encodes a message from its definition: header fields and attributes by name, through the one encoder
 * that serves every family. Not thread-safe; {@link #build()} may be called more than once.
 *
 * <p>Value forms: integers as any {@link Number}, or an enum name, or for flag sets a collection of names;
 * strings as {@link CharSequence}; binary as {@code byte[]}, {@link java.net.InetAddress}, or text for
 * display-hinted values ("aa:bb:cc:dd:ee:ff", "10.0.0.1", "fe80::1"); a flag as {@code true}; a nest as a
 * {@code Map} or through {@link #nest}; arrays as a {@code List}; an unknown attribute as a
 * {@link io.jnetlink.schema.RawAttribute}.
 *
 * {@snippet :
 * OutgoingMessage m = MessageBuilder.of(Nlctrl.SCHEMA, "getfamily")
 *         .type(Netlink.GENL_ID_CTRL)
 *         .attr("family-name", "ethtool")
 *         .build();
 * }
 */
public final class MessageBuilder {
    private final MessageDef def;
    private final boolean genl;
    private int type;
    private int flags = Netlink.NLM_F_REQUEST;
    private int cmd;
    private int version = 1;
    private final Map<String, Object> header = new LinkedHashMap<>();
    private final ByteWriter attrs = new ByteWriter(256);
    private final AttrWriter writer;

    private MessageBuilder(MessageDef def, boolean genl, int type) {
        this.def = def;
        this.genl = genl;
        this.type = type;
        this.cmd = def == null ? 0 : def.value();
        this.writer = new AttrWriter(attrs, def == null ? null : def.attributes());
    }

    /**
     * Starts the message named {@code message} of {@code schema}. For classic netlink the type is the
     * definition's; for generic netlink the command is, and the family id must be set with {@link #type}.
     *
     * @param schema  the family's definitions
     * @param message the message's name in {@code schema} (e.g. "getfamily")
     * @return a builder with NLM_F_REQUEST set and no attribute yet
     * @throws IllegalArgumentException when the schema has no message of that name
     */
    public static MessageBuilder of(Schema schema, String message) {
        MessageDef d = schema.message(message);
        if (d == null) {
            throw new IllegalArgumentException("schema '" + schema.name() + "' has no message '" + message
                    + "'; it has " + schema.messages().keySet());
        }
        boolean g = schema.protocol() == Schema.Protocol.GENETLINK;
        return new MessageBuilder(d, g, g ? 0 : d.value());
    }

    /**
     * Starts a message of classic framing with no definitions (raw attributes only).
     *
     * @param type nlmsg_type, 0 to 65535
     * @return a builder with NLM_F_REQUEST set, without a fixed header or named attributes
     * @throws IllegalArgumentException when {@code type} is outside 0..65535
     */
    public static MessageBuilder raw(int type) {
        return new MessageBuilder(null, false, 0).type(type);
    }

    /**
     * Sets nlmsg_type (for generic netlink: the resolved family id).
     *
     * @param t nlmsg_type, 0 to 65535
     * @return this builder
     * @throws IllegalArgumentException when {@code t} is outside 0..65535
     */
    public MessageBuilder type(int t) {
        if (t < 0 || t > 0xffff) {
            throw new IllegalArgumentException("type " + t + " is outside 0..65535");
        }
        this.type = t;
        return this;
    }

    /**
     * Sets nlmsg_flags; NLM_F_REQUEST is always kept (the socket adds NLM_F_ACK to a non-dump request).
     *
     * @param f the NLM_F_* flags, 16 bits
     * @return this builder
     * @throws IllegalArgumentException when {@code f} is outside 16 bits
     */
    public MessageBuilder flags(int f) {
        if (f < 0 || f > 0xffff) {
            throw new IllegalArgumentException("flags 0x" + Integer.toHexString(f) + " are outside 16 bits");
        }
        this.flags = f | Netlink.NLM_F_REQUEST;
        return this;
    }

    /**
     * Adds NLM_F_DUMP: a multipart reply ending with NLMSG_DONE.
     *
     * @return this builder
     */
    public MessageBuilder dump() {
        this.flags |= Netlink.NLM_F_DUMP;
        return this;
    }

    /**
     * Sets the generic netlink command (by default the definition's value).
     *
     * @param c the genlmsghdr command, 0 to 255
     * @return this builder
     * @throws IllegalArgumentException when {@code c} is outside 0..255
     */
    public MessageBuilder command(int c) {
        if (c < 0 || c > 0xff) {
            throw new IllegalArgumentException("command " + c + " is outside 0..255");
        }
        this.cmd = c;
        return this;
    }

    /**
     * Sets the generic netlink version byte (default 1).
     *
     * @param v the genlmsghdr version, 0 to 255
     * @return this builder
     * @throws IllegalArgumentException when {@code v} is outside 0..255
     */
    public MessageBuilder version(int v) {
        if (v < 0 || v > 0xff) {
            throw new IllegalArgumentException("version " + v + " is outside 0..255");
        }
        this.version = v;
        return this;
    }

    /**
     * Sets a fixed-header field by name; the value is encoded, and checked, by {@link #build()}.
     *
     * @param field the name of a member of the message's fixed header (e.g. "ifi-index")
     * @param value the value: a {@link Number} or an enum name for an integer member, bytes or text for a binary one
     * @return this builder
     * @throws IllegalArgumentException when the message has no fixed header or no such member
     */
    public MessageBuilder header(String field, Object value) {
        StructDef s = def == null ? null : def.fixedHeader();
        if (s == null || s.member(field) == null) {
            throw new IllegalArgumentException((def == null ? "this message" : def.name())
                    + " has no header field '" + field + "'");
        }
        header.put(field, value);
        return this;
    }

    /**
     * Sets several fixed-header fields.
     *
     * @param fields member names to values, as for {@link #header(String, Object)}
     * @return this builder
     * @throws IllegalArgumentException when the fixed header has no member of a name
     */
    public MessageBuilder header(Map<String, ?> fields) {
        fields.forEach(this::header);
        return this;
    }

    /**
     * Appends an attribute, encoded at once by its definition.
     *
     * @param name  the attribute's name in the message's attribute set
     * @param value the value, in one of the forms above
     * @return this builder
     * @throws IllegalArgumentException when the set has no such attribute or the value does not fit its type
     */
    public MessageBuilder attr(String name, Object value) {
        writer.attr(name, value);
        return this;
    }

    /**
     * Appends every attribute of {@code values}, in order.
     *
     * @param values attribute names to values (see {@link AttrWriter#attrs(Map)})
     * @return this builder
     * @throws IllegalArgumentException when the set has no attribute of a name or a value does not fit its type
     */
    public MessageBuilder attrs(Map<String, ?> values) {
        writer.attrs(values);
        return this;
    }

    /**
     * Appends a nest (or a sub-message) filled by {@code body} (see {@link AttrWriter#nest}).
     *
     * @param name the name of a nest or sub-message attribute in the message's attribute set
     * @param body writes the nest's attributes
     * @return this builder
     * @throws IllegalArgumentException when the attribute is not a nest, or a sub-message without a usable format
     */
    public MessageBuilder nest(String name, Consumer<AttrWriter> body) {
        writer.nest(name, body);
        return this;
    }

    /**
     * Appends a raw attribute by number.
     *
     * @param attrType the attribute type number, with any NLA_F_* bits
     * @param payload  the payload, written as it is
     * @return this builder
     */
    public MessageBuilder raw(int attrType, byte[] payload) {
        writer.raw(attrType, payload);
        return this;
    }

    /**
     * The encoded message: nlmsghdr (seq and port 0, stamped by the socket), genlmsghdr for generic netlink,
     * the fixed header (members not set are zero), then the attributes.
     *
     * @return the message
     * @throws IllegalStateException when a generic netlink message has no family id ({@link #type} not called)
     * @throws IllegalArgumentException when a fixed-header value does not fit its member
     */
    public OutgoingMessage build() {
        if (genl && type == 0) {
            throw new IllegalStateException("generic netlink message '" + def.name()
                    + "' needs the family id: call type(id)");
        }
        ByteWriter w = new ByteWriter(64 + attrs.position());
        w.reserve(Netlink.NLMSG_HDRLEN);
        if (genl) {
            w.u8(cmd);
            w.u8(version);
            w.u16(0, false);
        }
        if (def != null && def.fixedHeader() != null) {
            Codec.encodeStruct(w, def.fixedHeader(), header);
            w.align();
        }
        byte[] a = attrs.toByteArray();
        w.bytes(a, 0, a.length);
        byte[] out = w.toByteArray();
        Bytes.put32(out, 0, out.length);
        Bytes.put16(out, 4, type);
        Bytes.put16(out, 6, flags);
        return new OutgoingMessage(out, def, genl);
    }
}
