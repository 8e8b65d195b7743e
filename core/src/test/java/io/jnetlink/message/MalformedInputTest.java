package io.jnetlink.message;

import io.jnetlink.Netlink;
import io.jnetlink.Wire;

import io.jnetlink.TestCtrl;

import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.Schema;
import io.jnetlink.schema.StructDef;
import io.jnetlink.schema.SubMessageDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.jnetlink.Wire.attr;
import static io.jnetlink.Wire.buf;
import static io.jnetlink.Wire.concat;
import static io.jnetlink.Wire.cstr;
import static io.jnetlink.Wire.genl;
import static io.jnetlink.Wire.msg;
import static io.jnetlink.Wire.msgWithLength;
import static io.jnetlink.Wire.nest;
import static io.jnetlink.Wire.u16;
import static io.jnetlink.Wire.u32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every malformed input is reported as one {@link MalformedMessageException} naming the fault and its byte
 * offset in the datagram, with the good messages before it kept; never as IndexOutOfBounds or a hang.
 */
class MalformedInputTest {
    static final int FAMILY = 0x20;
    static final int CMD = 1;

    /** A generic netlink family with a self-referencing nest, a sub-message and most value types. */
    static final Schema MAL = Schema.builder("mal", Schema.Protocol.GENETLINK, Netlink.NETLINK_GENERIC)
            .struct(new StructDef("pair", List.of(StructDef.Member.of("a", AttrType.U16), StructDef.Member.of("b", AttrType.U16))))
            .attributeSet(AttributeSet.builder("root")
                    .attr(1, "name", AttrType.STRING)
                    .attr(2, "val", AttrType.U32)
                    .nest(3, "inner", "inner")
                    .nest(4, "self", "root")
                    .attr(5, "kind", AttrType.STRING)
                    .attr(6, "data", AttrType.SUB_MESSAGE, a -> a.subMessage("data-msg", "kind"))
                    .attr(7, "pair", AttrType.BINARY, a -> a.struct("pair"))
                    .attr(8, "nums", AttrType.INDEXED_ARRAY, a -> a.subType(AttrType.U32))
                    .attr(9, "addr", AttrType.BINARY, a -> a.display(io.jnetlink.schema.Display.IPV4))
                    .attr(10, "ntv", AttrType.NEST_TYPE_VALUE, a -> a.nested("inner"))
                    .attr(11, "tags", AttrType.U32, a -> a.multiAttr())
                    .build())
            .attributeSet(AttributeSet.builder("inner")
                    .attr(1, "x", AttrType.U32)
                    .attr(2, "label", AttrType.STRING)
                    .build())
            .subMessage(new SubMessageDef("data-msg", Map.of(
                    "a", new SubMessageDef.Format("inner", null),
                    "h", new SubMessageDef.Format("inner", "pair"))))
            .message(CMD, "thing", null, "root")
            .build();

    /** A classic family whose message has a 16-byte fixed header. */
    static final Schema CLASSIC = Schema.builder("cls", Schema.Protocol.NETLINK_RAW, 0)
            .struct(new StructDef("ifinfomsg", List.of(
                    StructDef.Member.of("family", AttrType.U8), new StructDef.Member("pad", AttrType.PAD, 1, false, null, null),
                    StructDef.Member.of("type", AttrType.U16), StructDef.Member.of("index", AttrType.S32),
                    StructDef.Member.of("flags", AttrType.U32), StructDef.Member.of("change", AttrType.U32))))
            .attributeSet(AttributeSet.builder("link").attr(3, "ifname", AttrType.STRING).build())
            .message(16, "newlink", "ifinfomsg", "link")
            .build();

    /** A good 36-byte genl message: name "ok", val 7. */
    static final byte[] GOOD = thing(1, attr(1, cstr("ok")), attr(2, u32(7)));
    static final int G = GOOD.length;
    static final OutgoingMessage RICH = rich();
    /** Offset of the first attribute of a message that follows GOOD. */
    static final int A = G + 16 + 4;

    static byte[] thing(int seq, byte[]... attrs) {
        return msg(FAMILY, 0, seq, 0, concat(genl(CMD, 1), concat(attrs)));
    }

    static Marshal genlMarshal() {
        Marshal m = TestCtrl.marshal();
        m.register(FAMILY, MAL);
        return m;
    }

    /** {@code depth} "self" nests around a u32 "val". */
    static byte[] selfChain(int depth) {
        byte[] inner = attr(2, u32(1));
        for (int i = 0; i < depth; i++) {
            inner = nest(4, inner);
        }
        return inner;
    }

    /**
     * A malformed datagram: every fault is found at the door, when the datagram is split, so the good messages
     * before it are all the parse yields and the faulty one is never handed out.
     */
    record Case(String name, Marshal marshal, byte[] data, String fragment, int offset, int before) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Marshal g = genlMarshal();
        Marshal c = Marshal.classic(CLASSIC);
        byte[] goodClassic = msg(16, 0, 1, 0, concat(new byte[16], attr(3, cstr("lo"))));
        return Stream.of(
                new Case("tail of 12 bytes after a good message", g, concat(GOOD, new byte[12]),
                        "truncated header: 12 bytes left", G, 1),
                new Case("tail of 4 bytes after a good message", g, concat(GOOD, new byte[4]),
                        "truncated header: 4 bytes left", G, 1),
                new Case("nlmsg_len 12", g, concat(GOOD, msgWithLength(12, FAMILY, 0, 2, 0, new byte[0])),
                        "message length 12 below 16", G, 1),
                new Case("nlmsg_len 0", g, concat(GOOD, msgWithLength(0, FAMILY, 0, 2, 0, new byte[4])),
                        "message length 0 below 16", G, 1),
                new Case("nlmsg_len 0xffffffff", g, concat(GOOD, msgWithLength(-1, FAMILY, 0, 2, 0, new byte[4])),
                        "message length 4294967295 past the datagram", G, 1),
                new Case("nlmsg_len past the datagram", g, concat(GOOD, msgWithLength(100, FAMILY, 0, 2, 0, genl(CMD, 1))),
                        "message length 100 past the datagram (20 bytes left)", G, 1),
                new Case("NLMSG_ERROR without payload", g, concat(GOOD, msgWithLength(16, Netlink.NLMSG_ERROR, 0, 2, 0, new byte[0])),
                        "NLMSG_ERROR of 16 bytes is shorter than its error code and the quoted request's header", G, 1),
                new Case("NLMSG_ERROR with 2 payload bytes", g, concat(GOOD, msgWithLength(18, Netlink.NLMSG_ERROR, 0, 2, 0, new byte[4])),
                        "NLMSG_ERROR of 18 bytes is shorter than its error code", G, 1),
                new Case("NLMSG_ERROR of 20 bytes: an error code and no quoted request", g,
                        concat(GOOD, msg(Netlink.NLMSG_ERROR, 0, 2, 0, u32(0))),
                        "NLMSG_ERROR of 20 bytes is shorter than its error code", G, 1),
                new Case("uncapped NLMSG_ERROR quoting more than it holds", g,
                        concat(GOOD, msg(Netlink.NLMSG_ERROR, 0, 2, 0, concat(u32(-22), msgWithLength(60, 16, 5, 2, 0, new byte[0])))),
                        "NLMSG_ERROR (error -22) quotes a request of 60 bytes in 16", G + 20, 1),
                new Case("NLMSG_DONE with 2 payload bytes", g, concat(GOOD, msgWithLength(18, Netlink.NLMSG_DONE, 2, 2, 0, new byte[4])),
                        "NLMSG_DONE of 18 bytes has no room for its error code", G, 1),
                new Case("ext-ack offset of 2 bytes", g, concat(GOOD, msg(Netlink.NLMSG_DONE, Netlink.NLM_F_ACK_TLVS, 2, 0,
                        concat(u32(-22), attr(Netlink.NLMSGERR_ATTR_OFFS, u16(3))))),
                        "attribute 'offs' of 2 bytes is too short for u32", G + 20, 1),
                new Case("ext-ack policy nest past its parent", g, concat(GOOD, msg(Netlink.NLMSG_DONE, Netlink.NLM_F_ACK_TLVS, 2, 0,
                        concat(u32(-34), nest(Netlink.NLMSGERR_ATTR_POLICY, buf().u16(12).u16(1).u32(4).build())))),
                        "attribute length 12 past its parent (8 bytes left)", G + 24, 1),
                new Case("attribute length 2", g, concat(GOOD, thing(2, buf().u16(2).u16(2).u32(0).build())),
                        "attribute length 2 below 4", A, 1),
                new Case("attribute length 0", g, concat(GOOD, thing(2, buf().u16(0).u16(2).u32(0).build())),
                        "attribute length 0 below 4", A, 1),
                new Case("attribute length past its parent", g, concat(GOOD, thing(2, attr(1, cstr("a")), buf().u16(40).u16(2).u32(7).build())),
                        "attribute length 40 past its parent (8 bytes left)", A + 8, 1),
                new Case("attribute length 0xffff", g, concat(GOOD, thing(2, buf().u16(0xffff).u16(2).u32(7).build())),
                        "attribute length 65535 past its parent (8 bytes left)", A, 1),
                new Case("attribute header truncated, 1 byte", g, concat(GOOD, thing(2, attr(2, u32(7)), new byte[1])),
                        "attribute header truncated: 1 bytes left", A + 8, 1),
                new Case("attribute header truncated, 2 bytes", g, concat(GOOD, thing(2, attr(2, u32(7)), new byte[2])),
                        "attribute header truncated: 2 bytes left", A + 8, 1),
                new Case("attribute header truncated, 3 bytes", g, concat(GOOD, thing(2, attr(2, u32(7)), new byte[3])),
                        "attribute header truncated: 3 bytes left", A + 8, 1),
                new Case("nested attribute past its nest", g, concat(GOOD, thing(2, nest(3, buf().u16(16).u16(1).u32(5).build()))),
                        "attribute length 16 past its parent (8 bytes left)", A + 4, 1),
                new Case("nesting deeper than MAX_DEPTH", g, concat(GOOD, thing(2, selfChain(Attributes.MAX_DEPTH + 1))),
                        "nesting deeper than 32 levels", A + 4 * (Attributes.MAX_DEPTH + 1), 1),
                new Case("u32 attribute with 2 bytes", g, concat(GOOD, thing(2, attr(1, cstr("a")), attr(2, u16(7)))),
                        "of 2 bytes is too short for u32", A + 8, 1),
                new Case("fixed header longer than the payload", c, concat(goodClassic, msg(16, 0, 2, 0, new byte[8])),
                        "payload of 8 bytes is shorter than its 16-byte header", goodClassic.length, 1),
                new Case("genl payload shorter than genlmsghdr", g, concat(GOOD, msgWithLength(18, FAMILY, 0, 2, 0, new byte[4])),
                        "payload of 2 bytes is shorter than the 4-byte generic netlink header", G, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsFaultWithOffset(Case c) {
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> c.marshal().parse(c.data()));
        assertEquals(c.before(), e.messagesBefore().size(), "messages before the fault");
        for (NetlinkMessage m : e.messagesBefore()) {
            m.toMap();
        }
        assertTrue(e.getMessage().contains(c.fragment()), () -> "message '" + e.getMessage() + "' lacks '" + c.fragment() + "'");
        assertTrue(e.getMessage().contains("at byte " + c.offset()), e.getMessage());
        assertEquals(c.offset(), e.offset());
    }

    @Test
    void aRemnantOfOneToThreeBytesIsIgnoredNeverAMessage() {
        for (int n = 1; n <= 3; n++) {
            List<NetlinkMessage> msgs = genlMarshal().parse(concat(GOOD, new byte[n]));
            assertEquals(1, msgs.size(), n + " bytes after the last message");
        }
    }

    @Test
    void goodMessagesBeforeTheFaultAreFullyReadable() {
        byte[] family = Wire.newFamily(Netlink.NLM_F_MULTI, 9, 4242, "ethtool", 21);
        byte[] data = concat(GOOD, family, new byte[8]);
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> genlMarshal().parse(data));
        assertEquals(G + family.length, e.offset());
        List<NetlinkMessage> before = e.messagesBefore();
        assertEquals(2, before.size());
        assertEquals("thing", before.get(0).name());
        assertEquals(Map.of("name", "ok", "val", 7L), before.get(0).toMap());
        assertEquals(7L, before.get(0).attributes().getLong("val", -1));
        assertEquals(9, before.get(1).seq());
        assertEquals(4242, before.get(1).port());
        TestCtrl.Family f = TestCtrl.parse(before.get(1));
        assertEquals("ethtool", f.name());
        assertEquals(21, f.id());
        assertThrows(UnsupportedOperationException.class, () -> before.add(before.get(0)));
    }

    @Test
    void doneOfSixteenBytesIsAccepted() {
        List<NetlinkMessage> msgs = genlMarshal().parse(concat(GOOD, msgWithLength(16, Netlink.NLMSG_DONE, 2, 3, 0, new byte[0])));
        assertEquals(2, msgs.size());
        assertEquals(Netlink.NLMSG_DONE, msgs.get(1).type());
    }

    /** The attributes of a one-message datagram of the "thing" family, as a view made without the door's check. */
    private static Attributes view(byte[] datagram) {
        return Attributes.of(datagram, 20, datagram.length - 20, MAL.attributeSet("root"));
    }

    @Test
    void thirtyTwoLevelsOfNestingDecode() {
        NetlinkMessage m = genlMarshal().parse(thing(1, selfChain(Attributes.MAX_DEPTH))).getFirst();
        Object v = m.toMap();
        for (int i = 0; i < Attributes.MAX_DEPTH; i++) {
            v = assertInstanceOf(Map.class, v).get("self");
        }
        assertEquals(Map.of("val", 1L), v);
    }

    /** The lazy views still check what they read: over bytes that did not come through the door, they fail the same way. */
    @Test
    void lazyGettersReportTheSameFaults() {
        Attributes shortU32 = view(thing(1, attr(2, u16(7))));
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> shortU32.getLong("val", 0));
        assertEquals(20, e.offset());
        assertThrows(MalformedMessageException.class, () -> shortU32.get("val"));

        Attributes pastNest = view(thing(1, nest(3, buf().u16(16).u16(1).u32(5).build())));
        Attributes inner = pastNest.nested("inner");
        e = assertThrows(MalformedMessageException.class, () -> inner.get("x"));
        assertEquals(24, e.offset());

        Attributes deep = view(thing(1, selfChain(Attributes.MAX_DEPTH + 1)));
        e = assertThrows(MalformedMessageException.class, () -> {
            Attributes a = deep;
            while (a != null) {
                a = a.nested("self");
            }
        });
        assertTrue(e.getMessage().contains("nesting deeper than 32 levels"), e.getMessage());

        byte[] shortBytes = msg(16, 0, 1, 0, new byte[8]);
        NetlinkMessage shortHeader = new NetlinkMessage(shortBytes, 0, shortBytes.length, false,
                CLASSIC.message(16), "localhost", Integer.MIN_VALUE, 0);
        assertThrows(MalformedMessageException.class, shortHeader::header);
        assertThrows(MalformedMessageException.class, () -> shortHeader.headerField("index"));
        assertThrows(MalformedMessageException.class, shortHeader::attributes);

        byte[] noGenlBytes = msgWithLength(18, FAMILY, 0, 1, 0, new byte[4]);
        NetlinkMessage noGenl = new NetlinkMessage(noGenlBytes, 0, 18, true, null, "localhost", Integer.MIN_VALUE, 0);
        e = assertThrows(MalformedMessageException.class, noGenl::genlCommand);
        assertTrue(e.getMessage().contains("shorter than the 4-byte genlmsghdr"), e.getMessage());
        assertEquals(0, e.offset());
    }

    // ------------------------------------------------------------------ fuzzing

    /** A request using every attribute of MAL. */
    static OutgoingMessage rich() {
        return MessageBuilder.of(MAL, "thing").type(FAMILY)
                .attr("name", "rich")
                .attr("val", 1)
                .nest("inner", w -> w.attr("x", 2).attr("label", "lbl"))
                .nest("self", w -> w.attr("val", 3).nest("self", w2 -> w2.attr("name", "deep")))
                .attr("kind", "h")
                .attr("data", Map.of("a", 1, "b", 2, "x", 9))
                .attr("pair", Map.of("a", 5, "b", 6))
                .attr("nums", List.of(1, 2, 3))
                .attr("addr", "10.0.0.1")
                .attr("ntv", Map.of("4", Map.of("x", 4)))
                .attr("tags", List.of(7, 8))
                .build();
    }

    /** A datagram exercising every decoder path: nests, sub-messages, arrays, structs, nlctrl, error and done. */
    static byte[] fuzzBase() {
        byte[] rich = rich().toByteArray();
        byte[] family = MessageBuilder.of(TestCtrl.SCHEMA, "newfamily").type(Netlink.GENL_ID_CTRL)
                .attr("family-id", FAMILY)
                .attr("family-name", "mal")
                .attr("ops", List.of(Map.of("id", 1, "flags", List.of("admin-perm", "cmd-cap-do")), Map.of("id", 2, "flags", 4)))
                .attr("mcast-groups", List.of(Map.of("name", "events", "id", 5)))
                .build().toByteArray();
        byte[] err = Wire.error(Netlink.NLM_F_ACK_TLVS, 3, 0, -22, GOOD,
                attr(Netlink.NLMSGERR_ATTR_MSG, cstr("bad")), attr(Netlink.NLMSGERR_ATTR_OFFS, u32(20)));
        byte[] done = Wire.done(Netlink.NLM_F_MULTI | Netlink.NLM_F_ACK_TLVS, 4, 0, -22, attr(Netlink.NLMSGERR_ATTR_MSG, cstr("no")));
        return concat(rich, family, GOOD, err, done);
    }

    /** Reads everything a user could read from a message: header, toMap, every attribute lazily. */
    static void exercise(NetlinkMessage m) {
        m.toString();
        m.name();
        if (m.type() < Netlink.NLMSG_MIN_TYPE) {
            // control messages carry an error code, not attributes
            ExtAckTest.fromReplyOf(m, null, "fuzz");
            ExtAckTest.fromReplyOf(m, RICH, "fuzz");
            return;
        }
        m.header();
        m.toMap();
        walk(m.attributes(), 0);
    }

    private static void walk(Attributes as, int depth) {
        for (Attribute a : as) {
            a.value();
            a.bytes();
            a.asString();
            if (a.length() == 1 || a.length() == 2 || a.length() == 4 || a.length() == 8) {
                a.asLong();
            }
            if (a.definition() != null && a.definition().type() == AttrType.NEST && depth < 3) {
                walk(a.asNested(), depth + 1);
            }
        }
    }

    /** Runs {@code action}; a MalformedMessageException is an accepted outcome, anything else fails. */
    static boolean tolerant(Runnable action, byte[] data, Consumer<MalformedMessageException> onFault) {
        try {
            action.run();
            return true;
        } catch (MalformedMessageException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= data.length, "offset " + e.offset() + " outside the datagram");
            onFault.accept(e);
            return false;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("not a MalformedMessageException for datagram " + Wire.hex(data), e);
        }
    }

    @Test
    void fuzzedDatagramsOnlyEverRaiseMalformedMessageException() {
        Marshal g = genlMarshal();
        byte[] base = fuzzBase();
        exerciseAll(g, base);
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random r = new Random(20240917L);
            int[] special = {0, 1, 2, 3, 4, 5, 8, 15, 16, 17, 0x7fff, 0x8000, 0xfffc, 0xffff};
            for (int i = 0; i < 5000; i++) {
                byte[] d = base.clone();
                int kind = r.nextInt(4);
                if (kind == 0 || kind == 3) {
                    for (int n = 1 + r.nextInt(3); n > 0; n--) {
                        d[r.nextInt(d.length)] = (byte) r.nextInt(256);
                    }
                }
                if (kind == 1 || kind == 3) {
                    int at = r.nextInt(d.length / 2) * 2;
                    int v = special[r.nextInt(special.length)];
                    d[at] = (byte) v;
                    d[at + 1] = (byte) (v >>> 8);
                }
                if (kind == 2 || kind == 3 && r.nextBoolean()) {
                    d = java.util.Arrays.copyOf(d, r.nextInt(d.length));
                }
                outcomes[exerciseAll(g, d) ? 0 : 1]++;
            }
        });
        assertTrue(outcomes[0] > 100, "too few clean datagrams: " + outcomes[0]);
        assertTrue(outcomes[1] > 100, "too few faults: " + outcomes[1]);
    }

    /** Parses and reads every message; true when nothing was malformed. */
    private static boolean exerciseAll(Marshal g, byte[] d) {
        List<NetlinkMessage> msgs = new ArrayList<>();
        boolean[] clean = {true};
        Consumer<MalformedMessageException> fault = e -> clean[0] = false;
        tolerant(() -> msgs.addAll(g.parse(d)), d, e -> {
            clean[0] = false;
            msgs.addAll(e.messagesBefore());
        });
        for (NetlinkMessage m : msgs) {
            tolerant(() -> exercise(m), d, fault);
        }
        return clean[0];
    }

    @Test
    void fuzzBaseIsValid() {
        List<NetlinkMessage> msgs = genlMarshal().parse(fuzzBase());
        assertEquals(5, msgs.size());
        for (NetlinkMessage m : msgs) {
            exercise(m);
        }
        Map<String, Object> rich = msgs.getFirst().toMap();
        assertEquals(Map.of("a", 1L, "b", 2L, "x", 9L), rich.get("data"));
        assertEquals(Netlink.NLMSG_ERROR, msgs.get(3).type());
        assertEquals(Netlink.NLMSG_DONE, msgs.get(4).type());
    }
}
