package io.jnetlink.message;

import io.jnetlink.internal.Bytes;
import io.jnetlink.schema.AttrDef;
import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.RawAttribute;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A view of one received attribute (struct nlattr and its payload), bounds-checked, not copied.
 * Its value is decoded only when asked for, by its definition when there is one.
 *
 * <pre>
 *  0               2               4
 * +---------------+---------------+-------------------------+---------+
 * | nla_len       | nla_type      | payload (nla_len - 4)   | pad to 4|
 * +---------------+---------------+-------------------------+---------+
 *   nla_type bit 15: NLA_F_NESTED, bit 14: NLA_F_NET_BYTEORDER
 * </pre>
 */
public final class Attribute {
    /** The nested flag of nla_type. */
    public static final int F_NESTED = 0x8000;
    /** The network-byte-order flag of nla_type. */
    public static final int F_NET_BYTEORDER = 0x4000;

    private final Attributes parent;
    private final int off;
    private final int len;
    private final AttrDef def;

    Attribute(Attributes parent, int off, int len, AttrDef def) {
        this.parent = parent;
        this.off = off;
        this.len = len;
        this.def = def;
    }

    /**
     * The attribute type number (nla_type) without the NLA_F_* flags.
     *
     * @return the attribute type number (nla_type) without the NLA_F_* flags
     */
    public int type() {
        return Bytes.u16(parent.buf, off + 2) & 0x3fff;
    }

    /**
     * The NLA_F_NESTED (0x8000) and NLA_F_NET_BYTEORDER (0x4000) bits as received.
     *
     * @return the NLA_F_NESTED (0x8000) and NLA_F_NET_BYTEORDER (0x4000) bits as received
     */
    public int flags() {
        return Bytes.u16(parent.buf, off + 2) & 0xc000;
    }

    /**
     * Its definition, or null when the set does not name this number.
     *
     * @return its definition, or null when the set does not name this number
     */
    public AttrDef definition() {
        return def;
    }

    /**
     * Its name, or its number as text when it has no definition.
     *
     * @return its name, or its number as text when it has no definition
     */
    public String name() {
        return def != null ? def.name() : Integer.toString(type());
    }

    /**
     * Payload length in bytes (nla_len - 4).
     *
     * @return the payload's length in bytes (nla_len - 4), without padding
     */
    public int length() {
        return len - 4;
    }

    /**
     * Offset of the attribute header within the received datagram.
     *
     * @return the offset of the attribute header within the received datagram, in bytes
     */
    public int offset() {
        return off;
    }

    /**
     * A copy of the payload.
     *
     * @return a copy of the payload
     */
    public byte[] bytes() {
        return Arrays.copyOfRange(parent.buf, off + 4, off + len);
    }

    /**
     * The decoded value by the definition: Long or BigInteger for integers (enum names as String, flag
     * sets as List), String, byte[], InetAddress, Boolean for a flag, Map for nests and structs, List for
     * arrays. Without a definition, a {@link RawAttribute}.
     *
     * @return the decoded value, or a {@link RawAttribute} without a definition
     * @throws MalformedMessageException when the payload does not fit the definition
     */
    public Object value() {
        if (def == null) {
            return new RawAttribute(type(), flags(), bytes());
        }
        return Codec.value(def, parent.buf, off + 4, len - 4, parent.depth, parent);
    }

    /**
     * The payload as an integer of 1, 2, 4 or 8 bytes, in the definition's byte order: unsigned, except that a
     * signed definition sign-extends it.
     *
     * @return the value; a u64 above {@link Long#MAX_VALUE} comes back negative
     * @throws MalformedMessageException when the payload's length is not one an integer has (or is shorter than the
     *                                   definition's type)
     */
    public long asLong() {
        int n = len - 4;
        boolean be = def != null && def.bigEndian();
        AttrType t = def != null && def.type().isInteger() ? def.type() : null;
        return Codec.integer(parent.buf, off + 4, n, t, be, off);
    }

    /**
     * The payload as a UTF-8 string ending at its first NUL or at the payload's end.
     *
     * @return the string, without the NUL
     */
    public String asString() {
        int end = off + 4;
        int stop = off + len;
        while (end < stop && parent.buf[end] != 0) {
            end++;
        }
        return new String(parent.buf, off + 4, end - off - 4, StandardCharsets.UTF_8);
    }

    /**
     * The payload as nested attributes, of the definition's nested set (or of no set), after the nest's fixed
     * header when the definition has one.
     *
     * @return a view of the nested attributes
     * @throws MalformedMessageException when the nesting is deeper than {@link Attributes#MAX_DEPTH} levels
     */
    public Attributes asNested() {
        int skip = def == null ? 0 : Math.min(len - 4, Bytes.align4(def.nestHeaderSize()));
        return new Attributes(parent.buf, off + 4 + skip, off + len, def != null ? def.nested() : null, parent.depth + 1);
    }

    @Override
    public String toString() {
        return name() + "(" + type() + ", " + (len - 4) + " bytes)";
    }
}
