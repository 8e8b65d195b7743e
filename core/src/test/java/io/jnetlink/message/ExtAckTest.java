package io.jnetlink.message;

import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.Wire;

import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.Schema;
import io.jnetlink.schema.StructDef;
import io.jnetlink.schema.SubMessageDef;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.jnetlink.Netlink.NLMSGERR_ATTR_MISS_NEST;
import static io.jnetlink.Netlink.NLMSGERR_ATTR_MISS_TYPE;
import static io.jnetlink.Netlink.NLMSGERR_ATTR_MSG;
import static io.jnetlink.Netlink.NLMSGERR_ATTR_OFFS;
import static io.jnetlink.Netlink.NLMSGERR_ATTR_POLICY;
import static io.jnetlink.Netlink.NLM_F_ACK_TLVS;
import static io.jnetlink.Netlink.NLM_F_CAPPED;
import static io.jnetlink.Wire.attr;
import static io.jnetlink.Wire.buf;
import static io.jnetlink.Wire.cstr;
import static io.jnetlink.Wire.nest;
import static io.jnetlink.Wire.u32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NLMSG_ERROR and NLMSG_DONE replies shaped like the kernel's (anchors.md 5.4) to NetlinkException: errno,
 * extended-ack message and offset, and the request attribute at that offset as a dotted path.
 */
class ExtAckTest {
    static final int SEQ = 7;
    static final int PORT = 4242;

    static final Schema RT = Schema.builder("rt", Schema.Protocol.NETLINK_RAW, Netlink.NETLINK_ROUTE)
            .struct(new StructDef("ifinfomsg", List.of(
                    StructDef.Member.of("family", AttrType.U8),
                    new StructDef.Member("pad", AttrType.PAD, 1, false, null, null),
                    StructDef.Member.of("type", AttrType.U16),
                    StructDef.Member.of("index", AttrType.S32),
                    StructDef.Member.of("flags", AttrType.U32),
                    StructDef.Member.of("change", AttrType.U32))))
            .attributeSet(AttributeSet.builder("link-attrs")
                    .attr(3, "ifname", AttrType.STRING)
                    .attr(4, "mtu", AttrType.U32)
                    .nest(18, "linkinfo", "linkinfo-attrs")
                    .build())
            .attributeSet(AttributeSet.builder("linkinfo-attrs")
                    .attr(1, "kind", AttrType.STRING)
                    .attr(2, "data", AttrType.SUB_MESSAGE, a -> a.subMessage("linkinfo-data-msg", "kind"))
                    .build())
            .attributeSet(AttributeSet.builder("veth-attrs").attr(1, "peer-name", AttrType.STRING).build())
            .attributeSet(AttributeSet.builder("x-attrs").attr(1, "mtu", AttrType.U32).build())
            .subMessage(new SubMessageDef("linkinfo-data-msg", Map.of(
                    "veth", new SubMessageDef.Format("veth-attrs", null),
                    "x", new SubMessageDef.Format("x-attrs", null))))
            .message(16, "newlink", "ifinfomsg", "link-attrs")
            .build();

    /**
     * newlink, 68 bytes: nlmsghdr 0..15, ifinfomsg 16..31 (index at 20), ifname "dummy0" at 32, linkinfo at 44
     * holding kind "x" at 48 and data at 56 holding mtu at 60.
     */
    static final OutgoingMessage REQUEST = MessageBuilder.of(RT, "newlink")
            .header("index", 5)
            .attr("ifname", "dummy0")
            .nest("linkinfo", w -> w.attr("kind", "x").nest("data", d -> d.attr("mtu", 1500)))
            .build();

    /** The request as the socket sends it: seq and port stamped. */
    static byte[] sent() {
        return REQUEST.stamped(SEQ, PORT, Netlink.NLM_F_ACK);
    }

    static NetlinkMessage parse(byte[] b) {
        List<NetlinkMessage> l = Marshal.classic(RT).parse(b);
        assertEquals(1, l.size());
        return l.getFirst();
    }

    /** The exception an error reply stands for, or null for an ACK or a clean end. */
    static NetlinkException fromReplyOf(NetlinkMessage m, OutgoingMessage request, String op) {
        ErrorReply e = ErrorReply.of(m);
        return e == null || !e.isError() ? null : e.toException(op, request);
    }

    static NetlinkException fromReply(byte[] reply) {
        NetlinkException e = fromReplyOf(parse(reply), REQUEST, "request newlink");
        assertNotNull(e, "an error");
        return e;
    }

    @Test
    void requestLayoutIsWhatTheOffsetsAssume() {
        byte[] b = REQUEST.toByteArray();
        assertEquals(68, b.length);
        assertEquals(24, Wire.u16At(b, 44), "linkinfo nla_len: header, kind 8, data 12");
        assertEquals(12, Wire.u16At(b, 56), "data nla_len");
        assertEquals(18 | Attribute.F_NESTED, Wire.u16At(b, 46), "linkinfo nla_type");
        assertEquals(2 | Attribute.F_NESTED, Wire.u16At(b, 58), "data nla_type");
        assertEquals(1500, Wire.u32At(b, 64), "mtu");
        assertEquals("linkinfo.data.mtu", ErrorReply.attributePath(REQUEST, 60));
    }

    @Test
    void successAckIsThirtySixBytesCappedAndNoError() {
        byte[] ack = Wire.ack(SEQ, PORT, sent());
        assertEquals(36, ack.length);
        NetlinkMessage m = parse(ack);
        assertEquals(Netlink.NLMSG_ERROR, m.type());
        assertEquals(NLM_F_CAPPED, m.flags());
        assertNull(fromReplyOf(m, REQUEST, "request newlink"));
    }

    @Test
    void errorQuotingTheWholeRequestWithExtAckAfterIt() {
        byte[] reply = Wire.error(NLM_F_ACK_TLVS, SEQ, PORT, -22, sent(),
                attr(NLMSGERR_ATTR_MSG, cstr("mtu too large")), attr(NLMSGERR_ATTR_OFFS, u32(60)));
        assertEquals(16 + 4 + 68 + 20 + 8, reply.length);
        NetlinkException e = fromReply(reply);
        assertEquals(22, e.errno());
        assertEquals("EINVAL", e.errnoName());
        assertEquals("mtu too large", e.extAckMessage());
        assertEquals(60, e.extAckOffset());
        assertEquals("linkinfo.data.mtu", e.attributePath());
        assertEquals(-1, e.missingAttributeType());
        assertEquals(SEQ, e.seq());
        assertEquals("request newlink", e.op());
        assertTrue(e.getMessage().startsWith("request newlink: EINVAL ("), e.getMessage());
        assertTrue(e.getMessage().contains(": mtu too large [attribute linkinfo.data.mtu at offset 60]"), e.getMessage());
    }

    @Test
    void offsetsMapToTheAttributeContainingThem() {
        Map<Integer, String> expected = Map.ofEntries(
                Map.entry(16, "header.family"),
                Map.entry(17, "header.pad"),
                Map.entry(18, "header.type"),
                Map.entry(20, "header.index"),
                Map.entry(23, "header.index"),
                Map.entry(24, "header.flags"),
                Map.entry(28, "header.change"),
                Map.entry(32, "ifname"),
                Map.entry(38, "ifname"),
                Map.entry(44, "linkinfo"),
                Map.entry(48, "linkinfo.kind"),
                Map.entry(56, "linkinfo.data"),
                Map.entry(60, "linkinfo.data.mtu"),
                Map.entry(67, "linkinfo.data.mtu"));
        expected.forEach((off, path) -> {
            byte[] reply = Wire.error(NLM_F_ACK_TLVS, SEQ, PORT, -22, sent(), attr(NLMSGERR_ATTR_OFFS, u32(off)));
            NetlinkException e = fromReply(reply);
            assertEquals(path, e.attributePath(), "offset " + off);
            assertEquals(off, e.extAckOffset());
        });
        for (int off : new int[] {0, 8, 15, 68, 1000}) {
            NetlinkException e = fromReply(Wire.error(NLM_F_ACK_TLVS, SEQ, PORT, -22, sent(), attr(NLMSGERR_ATTR_OFFS, u32(off))));
            assertNull(e.attributePath(), "offset " + off + " is in no attribute");
            assertEquals(off, e.extAckOffset());
            assertTrue(e.getMessage().contains("[offset " + off + "]"), e.getMessage());
        }
    }

    @Test
    void cappedErrorHasTheTlvsRightAfterTheQuotedHeader() {
        byte[] reply = Wire.error(NLM_F_CAPPED | NLM_F_ACK_TLVS, SEQ, PORT, -34, Arrays.copyOf(sent(), 16),
                attr(NLMSGERR_ATTR_MSG, cstr("index out of range")), attr(NLMSGERR_ATTR_OFFS, u32(20)));
        assertEquals(0x300, Wire.flagsOf(reply, 0));
        NetlinkException e = fromReply(reply);
        assertEquals(34, e.errno());
        assertEquals("ERANGE", e.errnoName());
        assertEquals("index out of range", e.extAckMessage());
        assertEquals(20, e.extAckOffset());
        assertEquals("header.index", e.attributePath());
    }

    @Test
    void policyNestIsSkippedAndOffsetStillFound() {
        byte[] policy = nest(NLMSGERR_ATTR_POLICY, attr(1, u32(3)), attr(2, buf().u64(0).build()));
        byte[] reply = Wire.error(NLM_F_ACK_TLVS, SEQ, PORT, -34, sent(),
                attr(NLMSGERR_ATTR_MSG, cstr("integer out of range")), attr(NLMSGERR_ATTR_OFFS, u32(60)), policy);
        NetlinkException e = fromReply(reply);
        assertEquals("integer out of range", e.extAckMessage());
        assertEquals("linkinfo.data.mtu", e.attributePath());
    }

    @Test
    void strictDumpRefusalArrivesAsDoneWithAnError() {
        byte[] reply = Wire.done(Netlink.NLM_F_MULTI | NLM_F_ACK_TLVS, SEQ, PORT, -22,
                attr(NLMSGERR_ATTR_MSG, cstr("Invalid header for link dump request")));
        assertEquals(0x202, Wire.flagsOf(reply, 0));
        NetlinkMessage m = parse(reply);
        assertEquals(Netlink.NLMSG_DONE, m.type());
        NetlinkException e = fromReplyOf(m, REQUEST, "request getlink");
        assertNotNull(e);
        assertEquals(22, e.errno());
        assertEquals("Invalid header for link dump request", e.extAckMessage());
        assertEquals(-1, e.extAckOffset());
        assertNull(e.attributePath());
    }

    @Test
    void cleanDoneIsNoError() {
        assertNull(fromReplyOf(parse(Wire.done(Netlink.NLM_F_MULTI, SEQ, PORT, 0)), REQUEST, "dump"));
        assertNull(fromReplyOf(parse(Wire.msgWithLength(16, Netlink.NLMSG_DONE, 2, SEQ, PORT, new byte[0])),
                REQUEST, "dump"));
    }

    @Test
    void enoentWithoutTlvs() {
        byte[] reply = Wire.error(0, SEQ, PORT, -2, sent());
        assertEquals(16 + 4 + 68, reply.length);
        NetlinkException e = fromReply(reply);
        assertEquals(2, e.errno());
        assertEquals("ENOENT", e.errnoName());
        assertNull(e.extAckMessage());
        assertEquals(-1, e.extAckOffset());
        assertNull(e.attributePath());
        assertEquals(-1, e.missingAttributeType());
        assertTrue(e.getMessage().startsWith("request newlink: ENOENT ("), e.getMessage());
    }

    @Test
    void missingAttributeType() {
        byte[] reply = Wire.error(NLM_F_ACK_TLVS, SEQ, PORT, -22, sent(),
                attr(NLMSGERR_ATTR_MSG, cstr("missing attribute")), attr(NLMSGERR_ATTR_MISS_TYPE, u32(3)),
                attr(NLMSGERR_ATTR_MISS_NEST, u32(44)));
        NetlinkException e = fromReply(reply);
        assertEquals(3, e.missingAttributeType());
        assertTrue(e.getMessage().contains("[missing attribute type 3]"), e.getMessage());
    }

    @Test
    void tlvsAreIgnoredWithoutTheAckTlvsFlag() {
        byte[] reply = Wire.error(0, SEQ, PORT, -22, sent(), attr(NLMSGERR_ATTR_MSG, cstr("unseen")));
        assertNull(fromReply(reply).extAckMessage());
    }

    @Test
    void withoutTheRequestTheOffsetIsKeptButNotNamed() {
        byte[] reply = Wire.error(NLM_F_ACK_TLVS, SEQ, PORT, -22, sent(), attr(NLMSGERR_ATTR_OFFS, u32(60)));
        NetlinkException e = fromReplyOf(parse(reply), null, "put");
        assertNotNull(e);
        assertEquals(60, e.extAckOffset());
        assertNull(e.attributePath());
    }

    @Test
    void malformedTlvsMakeTheReplyMalformedAndTheTextNamesTheRule() {
        byte[] reply = Wire.error(NLM_F_ACK_TLVS, SEQ, PORT, -22, sent(), buf().u16(2).u16(1).u32(0).build());
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> parse(reply));
        assertTrue(e.getMessage().contains("attribute length 2 below 4"), e.getMessage());
        assertEquals(16 + 4 + sent().length, e.offset(), "the first TLV after the quoted request");
    }

    @Test
    void aQuotedLengthThatDoesNotFitIsMalformed() {
        for (int quotedLen : new int[] {1000, 0x7fff0000, 0x7fffffe8, 0x7ffffffc, -1, 0, 15}) {
            MalformedMessageException e = assertThrows(MalformedMessageException.class,
                    () -> parse(withQuotedLength(quotedLen)), "quoted nlmsg_len " + quotedLen);
            assertTrue(e.getMessage().contains("NLMSG_ERROR (error -22) quotes a request of "
                    + Integer.toUnsignedString(quotedLen) + " bytes"), e.getMessage());
        }
        assertEquals("m", fromReply(withQuotedLength(16)).extAckMessage(), "exactly the quoted header");
    }

    /** An error quoting only a 16-byte header that claims {@code quotedLen}, then a MSG TLV. */
    private static byte[] withQuotedLength(int quotedLen) {
        byte[] quoted = buf().u32(quotedLen).u16(16).u16(5).u32(SEQ).u32(PORT).build();
        return Wire.error(NLM_F_ACK_TLVS, SEQ, PORT, -22, quoted, attr(NLMSGERR_ATTR_MSG, cstr("m")));
    }
}
