package io.jnetlink;

import io.jnetlink.internal.Bytes;
import io.jnetlink.schema.AttrDef;
import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.MessageDef;
import io.jnetlink.schema.StructDef;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A failed netlink operation: the kernel's NLMSG_ERROR (or an error carried by NLMSG_DONE), or a failed
 * system call on the socket. It carries the operation, the errno number and name and, where the kernel
 * sent them, the extended-ack message, the offset into the request and the attribute found there
 * (as a dotted path such as {@code linkinfo.data.mtu}), and a missing attribute's type.
 */
public class NetlinkException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String op;
    private final int errno;
    private final String extAckMessage;
    private final int extAckOffset;
    private final String attributePath;
    private final int missingType;
    private final int seq;

    /** A failure of {@code op} with {@code errno} and optional detail text. */
    public NetlinkException(String op, int errno, String detail) {
        this(op, errno, detail, -1, null, -1, 0);
    }

    /** A kernel error with every extended-ack field. */
    protected NetlinkException(String op, int errno, String extAckMessage, int extAckOffset, String attributePath,
                               int missingType, int seq) {
        super(format(op, errno, extAckMessage, extAckOffset, attributePath, missingType));
        this.op = op;
        this.errno = errno;
        this.extAckMessage = extAckMessage;
        this.extAckOffset = extAckOffset;
        this.attributePath = attributePath;
        this.missingType = missingType;
        this.seq = seq;
    }

    private static String format(String op, int errno, String msg, int offset, String path, int missing) {
        StringBuilder sb = new StringBuilder();
        sb.append(op).append(": ").append(Errno.name(errno)).append(" (").append(describe(errno)).append(')');
        if (msg != null && !msg.isEmpty()) {
            sb.append(": ").append(msg);
        }
        if (path != null) {
            sb.append(" [attribute ").append(path).append(" at offset ").append(offset).append(']');
        } else if (offset >= 0) {
            sb.append(" [offset ").append(offset).append(']');
        }
        if (missing >= 0) {
            sb.append(" [missing attribute type ").append(missing).append(']');
        }
        return sb.toString();
    }

    private static String describe(int errno) {
        try {
            return Libc.system().strerror(errno);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    /**
     * The same error (errno and every extended-ack field) under another operation name, for a provider that
     * names what it was doing ("route add 10.0.0.0/24") rather than the message it sent.
     */
    public NetlinkException withOp(String newOp) {
        return new NetlinkException(newOp, errno, extAckMessage, extAckOffset, attributePath, missingType, seq);
    }

    /** The operation that failed ("request getfamily", "bind", "recvmsg", ...). */
    public String op() {
        return op;
    }

    /** The positive errno number. */
    public int errno() {
        return errno;
    }

    /** The symbolic errno name, such as "EEXIST". */
    public String errnoName() {
        return Errno.name(errno);
    }

    /** The kernel's extended-ack message, or null. */
    public String extAckMessage() {
        return extAckMessage;
    }

    /** The extended-ack byte offset into the request, or -1. */
    public int extAckOffset() {
        return extAckOffset;
    }

    /** The request attribute at the extended-ack offset as a dotted path, or null. */
    public String attributePath() {
        return attributePath;
    }

    /** The type number of an attribute the kernel reported missing, or -1. */
    public int missingAttributeType() {
        return missingType;
    }

    /** The sequence number of the failed request, or 0. */
    public int seq() {
        return seq;
    }

    /**
     * The error carried by an NLMSG_ERROR or NLMSG_DONE message, or null for a success ACK / a clean DONE.
     *
     * @param m       the control message
     * @param request the request it answers, used to name the attribute at the ext-ack offset; may be null
     * @param op      what was being done
     */
    public static NetlinkException fromReply(NetlinkMessage m, OutgoingMessage request, String op) {
        byte[] b = m.buffer();
        int base = m.offset() + Netlink.NLMSG_HDRLEN;
        int end = m.offset() + m.length();
        if (m.length() < Netlink.NLMSG_HDRLEN + 4) {
            return null;
        }
        int error = Bytes.i32(b, base);
        if (error >= 0) {
            return null;
        }
        int tlv;
        if (m.type() == Netlink.NLMSG_ERROR) {
            int quoted = Netlink.NLMSG_HDRLEN;
            if ((m.flags() & Netlink.NLM_F_CAPPED) == 0 && base + 4 + 4 <= end) {
                quoted = Math.max(Netlink.NLMSG_HDRLEN, Bytes.align4(Bytes.i32(b, base + 4)));
            }
            tlv = (int) Math.min(end, (long) base + 4 + quoted);
        } else {
            tlv = base + 4;
        }
        String msg = null;
        int offset = -1;
        int missing = -1;
        if ((m.flags() & Netlink.NLM_F_ACK_TLVS) != 0 && tlv < end) {
            try {
                for (Attribute a : new Attributes(b, tlv, end, null, 0)) {
                    switch (a.type()) {
                        case Netlink.NLMSGERR_ATTR_MSG -> msg = a.asString();
                        case Netlink.NLMSGERR_ATTR_OFFS -> offset = (int) a.asLong();
                        case Netlink.NLMSGERR_ATTR_MISS_TYPE -> missing = (int) a.asLong();
                        default -> {
                        }
                    }
                }
            } catch (MalformedMessageException e) {
                msg = msg == null ? "(malformed extended ack: " + e.getMessage() + ")" : msg;
            }
        }
        String path = offset >= 0 && request != null ? attributePath(request, offset) : null;
        return new NetlinkException(op, -error, msg, offset, path, missing, m.seq());
    }

    /** The attribute of {@code request} at byte {@code offset}, as a dotted path, or null. */
    static String attributePath(OutgoingMessage request, int offset) {
        byte[] b = request.raw();
        if (offset < Netlink.NLMSG_HDRLEN || offset >= b.length) {
            return null;
        }
        int p = Netlink.NLMSG_HDRLEN + (request.isGeneric() ? Netlink.GENL_HDRLEN : 0);
        MessageDef def = request.definition();
        if (def != null && def.fixedHeader() != null) {
            StructDef s = def.fixedHeader();
            if (offset < p + s.size()) {
                int at = p;
                for (StructDef.Member mem : s.members()) {
                    if (offset < at + mem.size()) {
                        return "header." + mem.name();
                    }
                    at += mem.size();
                }
            }
            p += Bytes.align4(s.size());
        }
        return walk(b, p, b.length, def == null ? null : def.attributes(), offset);
    }

    private static String walk(byte[] b, int start, int end, AttributeSet set, int offset) {
        Map<String, String> strings = new HashMap<>();
        for (int p = start; p + 4 <= end; ) {
            int len = Bytes.u16(b, p);
            if (len < 4 || p + len > end) {
                return null;
            }
            int type = Bytes.u16(b, p + 2) & 0x3fff;
            AttrDef d = set == null ? null : set.byId(type);
            String name = d != null ? d.name() : Integer.toString(type);
            if (d != null && d.type() == AttrType.STRING) {
                int e = p + 4;
                while (e < p + len && b[e] != 0) {
                    e++;
                }
                strings.put(name, new String(b, p + 4, e - p - 4, StandardCharsets.UTF_8));
            }
            if (offset == p) {
                return name;
            }
            if (offset > p && offset < p + len) {
                String child = null;
                if (d != null) {
                    switch (d.type()) {
                        case NEST -> child = walk(b, p + 4, p + len, d.nested(), offset);
                        case INDEXED_ARRAY -> child = walk(b, p + 4, p + len, null, offset);
                        case SUB_MESSAGE -> {
                            MessageDef f = d.format(strings.get(d.selector()));
                            if (f != null && f.attributes() != null) {
                                child = walk(b, p + 4 + Bytes.align4(f.headerSize()), p + len, f.attributes(), offset);
                            }
                        }
                        default -> {
                        }
                    }
                }
                return child == null ? name : name + "." + child;
            }
            p += Bytes.align4(len);
        }
        return null;
    }
}
