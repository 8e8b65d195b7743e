package io.jnetlink.message;

import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.internal.Bytes;
import io.jnetlink.schema.AttrDef;
import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.MessageDef;
import io.jnetlink.schema.StructDef;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What an NLMSG_ERROR or NLMSG_DONE says: its error code and the kernel's extended acknowledgement.
 *
 * <pre>
 * NLMSG_ERROR: nlmsghdr | int error | the request's nlmsghdr (+ its payload unless NLM_F_CAPPED) | ext-ack TLVs
 * NLMSG_DONE:  nlmsghdr | int error | ext-ack TLVs
 * </pre>
 * The TLVs are there when NLM_F_ACK_TLVS is set: NLMSGERR_ATTR_MSG (text), NLMSGERR_ATTR_OFFS (the offset of the
 * faulty attribute in the request), NLMSGERR_ATTR_MISS_TYPE (a missing attribute's type).
 *
 * @param error       0 for an ACK or a clean end of dump, else a negative errno
 * @param message     the kernel's explanation, or null
 * @param offset      the byte offset into the request the kernel points at, or -1
 * @param missingType the type of an attribute the kernel reported missing, or -1
 * @param seq         the sequence number of the request it answers
 */
public record ErrorReply(int error, String message, int offset, int missingType, int seq) {

    /**
     * Reads the error of {@code m}, an NLMSG_ERROR or NLMSG_DONE.
     *
     * @param m the control message
     * @return its error and extended ack, or null when {@code m} is another type
     */
    public static ErrorReply of(NetlinkMessage m) {
        int type = m.type();
        if (type != Netlink.NLMSG_ERROR && type != Netlink.NLMSG_DONE) {
            return null;
        }
        byte[] b = m.buffer();
        int base = m.offset() + Netlink.NLMSG_HDRLEN;
        int end = m.offset() + m.length();
        if (m.length() < Netlink.NLMSG_HDRLEN + 4) {
            return new ErrorReply(0, null, -1, -1, m.seq());
        }
        int error = Bytes.i32(b, base);
        if (error >= 0) {
            return new ErrorReply(error, null, -1, -1, m.seq());
        }
        int tlv;
        if (type == Netlink.NLMSG_ERROR) {
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
            // checked at the door (Marshal.check): the TLVs are well formed
            for (Attribute a : new Attributes(b, tlv, end, ExtAck.ATTRS, 0)) {
                switch (a.type()) {
                    case Netlink.NLMSGERR_ATTR_MSG -> msg = a.asString();
                    case Netlink.NLMSGERR_ATTR_OFFS -> offset = (int) a.asLong();
                    case Netlink.NLMSGERR_ATTR_MISS_TYPE -> missing = (int) a.asLong();
                    default -> {
                    }
                }
            }
        }
        return new ErrorReply(error, msg, offset, missing, m.seq());
    }

    /**
     * True when the kernel refused the request: a negative error code (0 is an acknowledgement).
     *
     * @return true when the kernel refused (a negative error)
     */
    public boolean isError() {
        return error < 0;
    }

    /**
     * The refusal as an exception.
     *
     * @param op      what was being done
     * @param request the request it answers, to name the attribute at the ext-ack offset; may be null
     * @return the exception, carrying errno and every extended-ack field
     */
    public NetlinkException toException(String op, OutgoingMessage request) {
        String path = offset >= 0 && request != null ? attributePath(request, offset) : null;
        return NetlinkException.kernel(op, -error, message, offset, path, missingType, seq);
    }

    /**
     * The attribute of {@code request} at byte {@code offset}, as a dotted path through nests and sub-messages
     * ({@code linkinfo.data.mtu}), or {@code header.FIELD} inside the fixed header.
     *
     * @param request the request as sent
     * @param offset  a byte offset into it
     * @return the path, or null when the offset is in no attribute
     */
    public static String attributePath(OutgoingMessage request, int offset) {
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
                        case NEST -> child = walk(b, p + 4 + Bytes.align4(d.nestHeaderSize()), p + len, d.nested(), offset);
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
