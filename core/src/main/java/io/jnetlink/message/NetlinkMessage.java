package io.jnetlink.message;

import io.jnetlink.Netlink;

import io.jnetlink.internal.Bytes;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.MessageDef;
import io.jnetlink.schema.StructDef;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A received netlink message: a view over the datagram's bytes. The header (length, type, flags, seq,
 * port) is read when the datagram is split; the fixed header and attributes are decoded when asked for,
 * through the {@link MessageDef} the {@link Marshal} chose for the type (and generic netlink command).
 * A message of unknown type has no definition and is still fully readable as raw attributes.
 * Immutable and safe to share between threads.
 */
public final class NetlinkMessage {
    private final byte[] buf;
    private final int off;
    private final int len;
    private final int type;
    private final int flags;
    private final int seq;
    private final int port;
    private final boolean genl;
    private final MessageDef def;
    private final String target;
    private final int nsid;
    private final long receivedNanos;

    NetlinkMessage(byte[] buf, int off, int len, boolean genl, MessageDef def, String target, int nsid, long receivedNanos) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        this.type = Bytes.u16(buf, off + 4);
        this.flags = Bytes.u16(buf, off + 6);
        this.seq = Bytes.i32(buf, off + 8);
        this.port = Bytes.i32(buf, off + 12);
        this.genl = genl;
        this.def = def;
        this.target = target;
        this.nsid = nsid;
        this.receivedNanos = receivedNanos;
    }

    /**
     * nlmsg_len: the message's length in bytes, header included.
     *
     * @return nlmsg_len, in bytes
     */
    public int length() {
        return len;
    }

    /**
     * nlmsg_type.
     *
     * @return nlmsg_type, 0 to 65535
     */
    public int type() {
        return type;
    }

    /**
     * nlmsg_flags.
     *
     * @return nlmsg_flags (NLM_F_MULTI, NLM_F_DUMP_INTR, ...)
     */
    public int flags() {
        return flags;
    }

    /**
     * nlmsg_seq.
     *
     * @return nlmsg_seq: the sequence number of the request it answers, 0 for most notifications
     */
    public int seq() {
        return seq;
    }

    /**
     * nlmsg_pid: the port id of the sender or of the requester.
     *
     * @return nlmsg_pid: the requester's port in a reply, the port that caused the change (or 0) in a notification
     */
    public int port() {
        return port;
    }

    /**
     * The definition chosen for this message, or null when the type (or command) is unknown.
     *
     * @return the definition, or null
     */
    public MessageDef definition() {
        return def;
    }

    /**
     * The definition's name, or "type N".
     *
     * @return the definition's name (e.g. "newlink"), or "type N" without one
     */
    public String name() {
        return def != null ? def.name() : "type " + type;
    }

    /**
     * The label of the socket that received it (the spec's target, "localhost" by default).
     *
     * @return the receiving socket's label
     */
    public String target() {
        return target;
    }

    /**
     * The nsid of the namespace it came from (with allNs), or {@link Integer#MIN_VALUE} when not known.
     *
     * @return the nsid, or {@link Integer#MIN_VALUE}
     */
    public int nsid() {
        return nsid;
    }

    /**
     * {@link System#nanoTime()} when its datagram was received.
     *
     * @return the receive time in {@link System#nanoTime()} time
     */
    public long receivedNanos() {
        return receivedNanos;
    }

    /**
     * True when NLM_F_DUMP_INTR is set: the dump this message belongs to is inconsistent.
     *
     * @return true when NLM_F_DUMP_INTR is set
     */
    public boolean dumpInterrupted() {
        return (flags & Netlink.NLM_F_DUMP_INTR) != 0;
    }

    /**
     * True for the generic netlink framing (a genlmsghdr follows the header).
     *
     * @return true when a genlmsghdr follows nlmsghdr
     */
    public boolean isGeneric() {
        return genl;
    }

    private int need(int n, String what) {
        if (len - Netlink.NLMSG_HDRLEN < n) {
            throw new MalformedMessageException("payload of " + (len - Netlink.NLMSG_HDRLEN)
                    + " bytes is shorter than the " + n + "-byte " + what, off);
        }
        return n;
    }

    /**
     * The generic netlink command (genlmsghdr.cmd).
     *
     * @return the command, 0 to 255
     * @throws MalformedMessageException when the payload is shorter than a genlmsghdr
     */
    public int genlCommand() {
        need(Netlink.GENL_HDRLEN, "genlmsghdr");
        return buf[off + Netlink.NLMSG_HDRLEN] & 0xff;
    }

    /**
     * The generic netlink version (genlmsghdr.version).
     *
     * @return the version, 0 to 255
     * @throws MalformedMessageException when the payload is shorter than a genlmsghdr
     */
    public int genlVersion() {
        need(Netlink.GENL_HDRLEN, "genlmsghdr");
        return buf[off + Netlink.NLMSG_HDRLEN + 1] & 0xff;
    }

    private int headerOffset() {
        return off + Netlink.NLMSG_HDRLEN + (genl ? Netlink.GENL_HDRLEN : 0);
    }

    /**
     * The fixed header's fields by name (empty without a fixed header).
     *
     * @return member names to decoded values, in struct order; empty without a fixed header
     * @throws MalformedMessageException when the message is shorter than its fixed header
     */
    public Map<String, Object> header() {
        if (def == null || def.fixedHeader() == null) {
            return Map.of();
        }
        StructDef s = def.fixedHeader();
        need(s.size() + (genl ? Netlink.GENL_HDRLEN : 0), s.name());
        return Codec.struct(s, buf, headerOffset(), off);
    }

    /**
     * One integer field of the fixed header, by name, without decoding the rest of the header.
     *
     * @param field the member's name, such as {@code "ifi-index"}
     * @return its value (unsigned unless the member is signed)
     * @throws IllegalArgumentException when the fixed header has no integer member of that name
     * @throws MalformedMessageException when the message is shorter than its fixed header
     */
    public long headerField(String field) {
        StructDef s = def == null ? null : def.fixedHeader();
        HeaderLayout l = s == null ? null : HeaderLayout.of(s);
        int i = l == null ? -1 : l.index(field);
        StructDef.Member m = i < 0 ? null : l.members[i];
        if (m == null || !m.type().isInteger()) {
            throw new IllegalArgumentException(name() + " has no integer header field '" + field + "'");
        }
        need(l.size + (genl ? Netlink.GENL_HDRLEN : 0), s.name());
        int at = headerOffset() + l.offsets[i];
        return Codec.integer(buf, at, l.sizes[i], m.type(), m.bigEndian(), at);
    }

    /**
     * A copy of one binary field of the fixed header (an address array of {@code inet_diag_msg}, say), without
     * decoding the rest of the header.
     *
     * @param field the member's name
     * @return its bytes
     * @throws IllegalArgumentException when the header has no binary member of that name
     * @throws MalformedMessageException when the message is shorter than its fixed header
     */
    public byte[] headerBytes(String field) {
        StructDef s = def == null ? null : def.fixedHeader();
        HeaderLayout l = s == null ? null : HeaderLayout.of(s);
        int i = l == null ? -1 : l.index(field);
        if (i < 0 || l.members[i].type() != io.jnetlink.schema.AttrType.BINARY) {
            throw new IllegalArgumentException(name() + " has no binary header field '" + field + "'");
        }
        need(l.size + (genl ? Netlink.GENL_HDRLEN : 0), s.name());
        int at = headerOffset() + l.offsets[i];
        return Arrays.copyOfRange(buf, at, at + l.sizes[i]);
    }

    /**
     * The attributes after the fixed header, read through the definition's attribute set. Control messages
     * (NLMSG_NOOP, NLMSG_ERROR, NLMSG_DONE, NLMSG_OVERRUN) have none: read their error with
     * {@link #error()}.
     *
     * @return a lazy view of the attributes (empty for a control message)
     * @throws MalformedMessageException when the message is shorter than its generic and fixed headers
     */
    public Attributes attributes() {
        if (type < Netlink.NLMSG_MIN_TYPE) {
            return new Attributes(buf, off + len, off + len, null, 0);
        }
        StructDef fixed = def == null ? null : def.fixedHeader();
        int h = (genl ? Netlink.GENL_HDRLEN : 0) + (fixed == null ? 0 : HeaderLayout.of(fixed).size);
        need(h, def != null && def.fixedHeader() != null ? def.fixedHeader().name() : "header");
        AttributeSet set = def == null ? null : def.attributes();
        // attributes start after the header padded to 4 bytes (the kernel's NLMSG_ALIGN(hdrlen))
        int start = Math.min(off + len, off + Netlink.NLMSG_HDRLEN + Bytes.align4(h));
        return new Attributes(buf, start, off + len, set, 0);
    }

    /**
     * The error code of an NLMSG_ERROR or NLMSG_DONE (0 for an ACK or a clean end; a negative errno for an
     * error, explained by {@link ErrorReply#of}), or 0 for any other message.
     *
     * @return the error code, or 0
     */
    public int error() {
        if ((type == Netlink.NLMSG_ERROR || type == Netlink.NLMSG_DONE) && len >= Netlink.NLMSG_HDRLEN + 4) {
            return Bytes.i32(buf, off + Netlink.NLMSG_HDRLEN);
        }
        return 0;
    }

    /**
     * The fixed header's fields followed by every attribute, decoded (as the kernel's YNL CLI shows them);
     * for NLMSG_ERROR and NLMSG_DONE, {@code {"error": code}}.
     *
     * @return the header's fields then the attributes, by name, in order
     * @throws MalformedMessageException when the message or a value in it is malformed
     */
    public Map<String, Object> toMap() {
        if (type < Netlink.NLMSG_MIN_TYPE) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (type == Netlink.NLMSG_ERROR || type == Netlink.NLMSG_DONE) {
                m.put("error", (long) error());
            }
            return m;
        }
        Map<String, Object> m = new LinkedHashMap<>(header());
        m.putAll(attributes().toMap());
        return m;
    }

    /**
     * A copy of the whole message, header included.
     *
     * @return a copy of the message's nlmsg_len bytes
     */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(buf, off, off + len);
    }

    /**
     * The payload (after nlmsghdr) length.
     *
     * @return nlmsg_len - 16: the length in bytes of what follows nlmsghdr
     */
    public int payloadLength() {
        return len - Netlink.NLMSG_HDRLEN;
    }

    byte[] buffer() {
        return buf;
    }

    int offset() {
        return off;
    }

    @Override
    public String toString() {
        return "NetlinkMessage[" + name() + ", len=" + len + ", flags=0x" + Integer.toHexString(flags)
                + ", seq=" + seq + ", port=" + Integer.toUnsignedString(port) + "]";
    }
}
