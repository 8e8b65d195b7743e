package io.jnetlink.message;

import io.jnetlink.Netlink;
import io.jnetlink.internal.Bytes;
import io.jnetlink.schema.AttrDef;
import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.MessageDef;
import io.jnetlink.schema.StructDef;

import java.nio.charset.StandardCharsets;

/**
 * Validation at the door, libmnl-style: one walk over a run of received messages, before any is handed out, that
 * allocates nothing while the bytes are well formed. It checks
 * <ul>
 * <li>each message's length (unsigned, at least a header, within the run);</li>
 * <li>the part each type needs: NLMSG_ERROR its error code and the quoted request (its header when NLM_F_CAPPED,
 *     else the whole request as its nlmsg_len says), NLMSG_DONE its error code; a data message its generic netlink
 *     header and fixed header when the definitions know its type;</li>
 * <li>the attributes: every TLV's length, at the top level and in every nest the definitions know (nests, nests
 *     with a fixed header, indexed arrays, nest-type-value levels, sub-messages, records), with the sizes of
 *     fixed-size values (integers, bitfield32, structs); the extended-ack attributes and NLMSGERR_ATTR_POLICY too.</li>
 * </ul>
 * Attributes and message types without a definition are only framed: they stay raw. A remnant of 1 to 3 bytes after
 * the last message is ignored, never turned into a message.
 */
final class Check {
    private Check() {
    }

    /**
     * Checks the messages of {@code b[start, end)}.
     *
     * @return null when they are well formed, else the first fault, naming the rule broken and its byte offset
     */
    static MalformedMessageException run(Marshal marshal, byte[] b, int start, int end) {
        int p = start;
        while (p < end) {
            int left = end - p;
            if (left < Netlink.NLMSG_HDRLEN) {
                if (left < 4) {
                    return null; // a remnant too short to be anything
                }
                return fault("truncated header: " + left + " bytes left", p);
            }
            long mlen = Integer.toUnsignedLong(Bytes.i32(b, p));
            if (mlen < Netlink.NLMSG_HDRLEN) {
                return fault("message length " + mlen + " below " + Netlink.NLMSG_HDRLEN, p);
            }
            if (mlen > left) {
                return fault("message length " + mlen + " past the datagram (" + left + " bytes left)", p);
            }
            MalformedMessageException f = message(marshal, b, p, (int) mlen);
            if (f != null) {
                return f;
            }
            p += (int) Math.min(left, Bytes.align4((int) mlen));
        }
        return null;
    }

    /** The offset of the message that holds byte {@code at} of the run at {@code start} (framing assumed good before it). */
    static int messageAt(byte[] b, int start, int end, int at) {
        int p = start;
        while (p < end && end - p >= Netlink.NLMSG_HDRLEN) {
            int next = p + (int) Math.min(end - p, Bytes.align4((int) Math.min(Integer.MAX_VALUE,
                    Integer.toUnsignedLong(Bytes.i32(b, p)))));
            if (at < next || next <= p) {
                return p;
            }
            p = next;
        }
        return p;
    }

    private static MalformedMessageException message(Marshal marshal, byte[] b, int p, int mlen) {
        int type = Bytes.u16(b, p + 4);
        int flags = Bytes.u16(b, p + 6);
        int body = p + Netlink.NLMSG_HDRLEN;
        int end = p + mlen;
        if (type == Netlink.NLMSG_ERROR) {
            if (mlen < Netlink.NLMSG_HDRLEN + 4 + Netlink.NLMSG_HDRLEN) {
                return fault("NLMSG_ERROR of " + mlen + " bytes is shorter than its error code and the quoted request's"
                        + " header (36 bytes)", p);
            }
            int tlv = body + 4 + Netlink.NLMSG_HDRLEN;
            if ((flags & Netlink.NLM_F_CAPPED) == 0) {
                long quoted = Integer.toUnsignedLong(Bytes.i32(b, body + 4));
                if (quoted < Netlink.NLMSG_HDRLEN || quoted > mlen - Netlink.NLMSG_HDRLEN - 4) {
                    return fault("NLMSG_ERROR (error " + Bytes.i32(b, body) + ") quotes a request of " + quoted
                            + " bytes in " + (mlen - 20) + " (not capped: the whole request follows the error code)",
                            body + 4);
                }
                tlv = body + 4 + Bytes.align4((int) quoted);
            }
            return (flags & Netlink.NLM_F_ACK_TLVS) != 0 && tlv < end
                    ? attrs(b, Math.min(tlv, end), end, ExtAck.ATTRS, 0) : null;
        }
        if (type == Netlink.NLMSG_DONE) {
            if (mlen != Netlink.NLMSG_HDRLEN && mlen < Netlink.NLMSG_HDRLEN + 4) {
                return fault("NLMSG_DONE of " + mlen + " bytes has no room for its error code", p);
            }
            return (flags & Netlink.NLM_F_ACK_TLVS) != 0 && mlen > Netlink.NLMSG_HDRLEN + 4
                    ? attrs(b, body + 4, end, ExtAck.ATTRS, 0) : null;
        }
        if (type < Netlink.NLMSG_MIN_TYPE) {
            return null; // NOOP, OVERRUN and the reserved control types: nothing to check
        }
        if (marshal.knowsFamily(type) && mlen < Netlink.NLMSG_HDRLEN + Netlink.GENL_HDRLEN) {
            return fault("payload of " + (mlen - Netlink.NLMSG_HDRLEN) + " bytes is shorter than the 4-byte generic"
                    + " netlink header", p);
        }
        MessageDef def = marshal.definition(b, p, mlen);
        if (def == null) {
            return null; // unknown: kept raw
        }
        int head = (marshal.isGeneric() ? Netlink.GENL_HDRLEN : 0)
                + (def.fixedHeader() == null ? 0 : HeaderLayout.of(def.fixedHeader()).size);
        if (mlen - Netlink.NLMSG_HDRLEN < head) {
            return fault(def.name() + ": payload of " + (mlen - Netlink.NLMSG_HDRLEN) + " bytes is shorter than its "
                    + head + "-byte header", p);
        }
        return def.attributes() == null ? null
                : attrs(b, Math.min(end, body + Bytes.align4(head)), end, def.attributes(), 0);
    }

    /** The attributes of {@code b[start, end)}, read through {@code set} (null: framed only). */
    static MalformedMessageException attrs(byte[] b, int start, int end, AttributeSet set, int depth) {
        if (depth > Attributes.MAX_DEPTH) {
            return fault("nesting deeper than " + Attributes.MAX_DEPTH + " levels", start);
        }
        for (int q = start; q < end; ) {
            int left = end - q;
            if (left < 4) {
                return fault("attribute header truncated: " + left + " bytes left", q);
            }
            int len = Bytes.u16(b, q);
            if (len < 4) {
                return fault("attribute length " + len + " below 4", q);
            }
            if (len > left) {
                return fault("attribute length " + len + " past its parent (" + left + " bytes left)", q);
            }
            AttrDef d = set == null ? null : set.byId(Bytes.u16(b, q + 2) & 0x3fff);
            if (d != null) {
                MalformedMessageException f = value(b, q, len, d, start, end, set, depth);
                if (f != null) {
                    return f;
                }
            }
            q += Math.min(left, Bytes.align4(len));
        }
        return null;
    }

    /** The value of the attribute at {@code q} (TLV of {@code len} bytes) by its definition. */
    private static MalformedMessageException value(byte[] b, int q, int len, AttrDef d, int levelStart, int levelEnd,
                                                   AttributeSet set, int depth) {
        int v = q + 4;
        int n = len - 4;
        int vend = q + len;
        AttrType t = d.type();
        switch (t) {
            case U8, U16, U32, U64, S8, S16, S32, S64, BITFIELD32 -> {
                return n < t.size() ? fault("attribute '" + d.name() + "' of " + n + " bytes is too short for "
                        + t.ynlName(), q) : null;
            }
            case UINT, SINT -> {
                return n != 4 && n != 8 ? fault("attribute '" + d.name() + "' (" + t.ynlName() + ") of " + n
                        + " bytes (expected 4 or 8)", q) : null;
            }
            case NEST -> {
                int h = d.nestHeaderSize();
                if (n < h) {
                    return fault("nest '" + d.name() + "' of " + n + " bytes is shorter than its " + h + "-byte "
                            + d.struct().name(), q);
                }
                return attrs(b, v + Math.min(n, Bytes.align4(h)), vend, d.nested(), depth + 1);
            }
            case NEST_TYPE_VALUE -> {
                return typeValue(b, v, vend, d, d.typeValueLevels(), depth + 1);
            }
            case INDEXED_ARRAY -> {
                MalformedMessageException f = attrs(b, v, vend, null, depth + 1);
                if (f != null || d.subType() != AttrType.NEST && !d.subType().isInteger()) {
                    return f;
                }
                for (int e = v; e < vend; e += Math.min(vend - e, Bytes.align4(Bytes.u16(b, e)))) {
                    int elen = Bytes.u16(b, e);
                    if (d.subType() == AttrType.NEST) {
                        f = attrs(b, e + 4, e + elen, d.nested(), depth + 2);
                    } else if (d.subType().size() > 0 && elen - 4 < d.subType().size()) {
                        f = fault("element of '" + d.name() + "' of " + (elen - 4) + " bytes is too short for "
                                + d.subType().ynlName(), e);
                    }
                    if (f != null) {
                        return f;
                    }
                }
                return null;
            }
            case SUB_MESSAGE -> {
                MessageDef f = format(b, levelStart, levelEnd, set, d);
                if (f == null) {
                    return null; // no format for the selector's value: kept as bytes
                }
                int h = f.headerSize();
                if (n < h) {
                    return fault("sub-message '" + f.name() + "' of " + n + " bytes is shorter than its " + h
                            + "-byte header", q);
                }
                return f.attributes() == null ? null : attrs(b, v + Math.min(n, Bytes.align4(h)), vend, f.attributes(),
                        depth + 1);
            }
            case BINARY -> {
                if (d.records()) {
                    return records(b, v, vend, d, depth + 1);
                }
                StructDef s = d.struct();
                if (d.structArray()) {
                    return n % s.size() != 0 ? fault("attribute '" + d.name() + "': " + n + " bytes is not a whole"
                            + " number of " + s.size() + "-byte " + s.name(), q) : null;
                }
                return s != null && n < s.size() && !d.structPrefix() ? fault("struct " + s.name() + " needs " + s.size()
                        + " bytes, attribute '" + d.name() + "' has " + n, q) : null;
            }
            default -> {
                return null; // flag, string, unused, pad: any length
            }
        }
    }

    private static MalformedMessageException typeValue(byte[] b, int start, int end, AttrDef d, int levels, int depth) {
        MalformedMessageException f = attrs(b, start, end, null, depth);
        for (int e = start; f == null && e < end; e += Math.min(end - e, Bytes.align4(Bytes.u16(b, e)))) {
            int elen = Bytes.u16(b, e);
            f = levels > 1 ? typeValue(b, e + 4, e + elen, d, levels - 1, depth + 1)
                    : attrs(b, e + 4, e + elen, d.nested(), depth + 1);
        }
        return f;
    }

    private static MalformedMessageException records(byte[] b, int start, int end, AttrDef d, int depth) {
        StructDef s = d.struct();
        StructDef.Member first = s.members().getFirst();
        for (int r = start; r < end; ) {
            if (end - r < s.size()) {
                return fault(s.name() + " of " + (end - r) + " bytes is shorter than its " + s.size(), r);
            }
            long rlen = first.size() == 2 ? Bytes.u16(b, r) : Integer.toUnsignedLong(Bytes.i32(b, r));
            if (rlen < s.size() || rlen > end - r) {
                return fault(s.name() + " length " + rlen + " outside " + s.size() + ".." + (end - r), r);
            }
            MalformedMessageException f = attrs(b, r + Math.min((int) rlen, Bytes.align4(s.size())), r + (int) rlen,
                    d.nested(), depth);
            if (f != null) {
                return f;
            }
            r += (int) Math.min(end - r, Bytes.align4((int) rlen));
        }
        return null;
    }

    /** The sub-message format the selector attribute in the same level picks, or null. */
    static MessageDef format(byte[] b, int start, int end, AttributeSet set, AttrDef d) {
        AttrDef sel = set.byName(d.selector());
        if (sel == null || sel.type() != AttrType.STRING) {
            return null; // only string selectors (a link's kind, a qdisc's kind) are looked up at the door
        }
        for (int q = start; q + 4 <= end; q += Bytes.align4(Math.max(4, Bytes.u16(b, q)))) {
            int len = Bytes.u16(b, q);
            if (len < 4 || len > end - q) {
                return null;
            }
            if ((Bytes.u16(b, q + 2) & 0x3fff) == sel.id()) {
                int e = q + 4;
                while (e < q + len && b[e] != 0) {
                    e++;
                }
                return d.format(new String(b, q + 4, e - q - 4, StandardCharsets.UTF_8));
            }
        }
        return null;
    }

    private static MalformedMessageException fault(String what, int offset) {
        return new MalformedMessageException(what, offset);
    }
}
