package io.jnetlink.route;

import io.jnetlink.FakeLibc;
import io.jnetlink.NetlinkException;
import io.jnetlink.Wire;
import io.jnetlink.message.Attribute;
import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.MessageBuilder;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.schema.RawAttribute;
import io.jnetlink.socket.NetlinkSocketSpec;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The traffic-control definitions, records, handles and requests, on bytes made here (no kernel). */
class TcDecodeTest {
    static final Marshal MARSHAL = Marshal.classic(Tc.SCHEMA);

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static byte[] msg(String type, int handle, int parent, long info, Map<String, Object> attrs) {
        return MessageBuilder.of(Tc.SCHEMA, type).header("ifindex", 7).header("handle", Integer.toUnsignedLong(handle))
                .header("parent", Integer.toUnsignedLong(parent)).header("info", info).attrs(attrs).build()
                .toByteArray();
    }

    static NetlinkMessage parse(byte[] b) {
        List<NetlinkMessage> l = MARSHAL.parse(b);
        assertEquals(1, l.size());
        return l.getFirst();
    }

    static byte[] fqCodel() {
        return msg("newqdisc", 0x10000, Tc.TC_H_ROOT, 2, map("kind", "fq_codel",
                "options", map("target", 5000, "limit", 10240, "interval", 100000, "ecn", 1, "quantum", 1514,
                        "drop-batch-size", 64, "memory-limit", 33554432, "flows", 1024),
                "stats2", map("basic", map("bytes", 1234, "packets", 10),
                        "queue", map("qlen", 2, "backlog", 3000, "drops", 1, "requeues", 4, "overlimits", 5),
                        "rate-est64", map("bps", 9000, "pps", 6)),
                "xstats", map("type", 0, "maxpacket", 1514, "new-flow-count", 3)));
    }

    @Test
    void handlesInTcsNotation() {
        assertEquals(0x10000, Tc.parseHandle("1:", "parent"));
        assertEquals(0x10010, Tc.parseHandle("1:10", "parent"));
        assertEquals(0xFFFFFFF2, Tc.parseHandle("ffff:fff2", "parent"));
        assertEquals(Tc.TC_H_ROOT, Tc.parseHandle("root", "parent"));
        assertEquals(Tc.TC_H_INGRESS, Tc.parseHandle("ingress", "parent"));
        assertEquals(0x10, Tc.parseHandle(":10", "parent"));
        assertEquals(0x10000, Tc.parseQdiscHandle("1:"));
        assertEquals(0xFFFF0000, Tc.parseQdiscHandle("ffff"));
        for (int h : new int[] {0x10000, 0x10010, 0x12, 0xFFFFFFF1, Tc.TC_H_ROOT, 0}) {
            assertEquals(h, Tc.parseHandle(Tc.formatHandle(h), "h"), Tc.formatHandle(h));
        }
        assertEquals("ffff:fff1", Tc.formatHandle(Tc.TC_H_INGRESS));
        assertEquals("none", Tc.formatHandle(0));
        for (String bad : new String[] {"zz:", "1:10000", "10000:", "-1:", "1:2:3", ""}) {
            assertThrows(IllegalArgumentException.class, () -> Tc.parseHandle(bad, "parent"), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> Tc.parseQdiscHandle("1:10"));
        assertEquals(0x80000800, TcWords.filterHandle("u32", "800::800"));
        assertEquals(5, TcWords.filterHandle("flower", "5"));
        assertThrows(IllegalArgumentException.class, () -> TcWords.filterHandle("u32", "1000::1"));
    }

    @Test
    void aQdiscDecodesItsOptionsStatisticsAndXstats() {
        Qdisc q = (Qdisc) TrafficControl.decode(parse(fqCodel()));
        assertEquals(7, q.ifindex());
        assertEquals(0x10000, q.handle());
        assertTrue(q.isRoot());
        assertEquals(2, q.refcnt());
        assertEquals("fq_codel", q.kind());
        assertEquals(10240L, q.options().get("limit"));
        assertEquals(5000L, q.options().get("target"));
        assertNull(q.rawOptions());
        assertEquals(new TcStats(1234, 10, 1, 5, 4, 3000, 2, 9000L, 6L, null, null, true), q.stats());
        assertEquals(3L, ((Map<?, ?>) q.xstats()).get("new-flow-count"));
    }

    @Test
    void filtersCarryProtocolAndPriorityInTcmInfo() {
        byte[] u32 = msg("newtfilter", 0x80000800, 0x10000, (3L << 16) | 0x0008, map("kind", "u32", "chain", 0,
                "options", map("hash", 0x80000000L, "classid", 0x10010L,
                        "sel", TcOptions.u32().matchIp("dst", "10.0.0.1/32").matchPort("dport", 80, 0xffff)
                                .flowid("1:10").value() instanceof Map<?, ?> m ? m.get("sel") : null)));
        Filter f = (Filter) TrafficControl.decode(parse(u32));
        assertEquals(0x0800, f.protocol());
        assertEquals(3, f.priority());
        assertEquals(0L, f.chain());
        Map<String, Object> sel = TcOptions.u32Selector((byte[]) f.options().get("sel"));
        assertEquals(1, sel.get("flags"));
        assertEquals(2, sel.get("nkeys"));
        assertEquals(List.of(map("mask", 0xffffffffL, "val", 0x0a000001L, "off", 16, "offmask", 0),
                map("mask", 0x0000ffffL, "val", 80L, "off", 20, "offmask", 0)), sel.get("keys"));
    }

    @Test
    void everyKindOfTheSpecDecodesAndReencodesByteForByte() {
        // options as the kernel dumps them, decoded through the definitions and encoded again from the map
        List<byte[]> messages = List.of(fqCodel(),
                msg("newqdisc", 0x80010000, Tc.TC_H_ROOT, 2, map("kind", "netem", "options", map("latency", 1562500,
                        "limit", 1000, "loss", 42949673, "gap", 0, "duplicate", 0, "jitter", 156250,
                        "latency64", 100000000L, "jitter64", 10000000L,
                        "corr", map("delay-corr", 1073741824, "loss-corr", 0, "dup-corr", 0),
                        "rate", map("rate", 125000, "packet-overhead", 14, "cell-size", 0, "cell-overhead", 0)))),
                msg("newqdisc", 0x10000, Tc.TC_H_ROOT, 2, map("kind", "prio", "options", map("bands", 3,
                        "priomap", new byte[] {1, 2, 2, 2, 1, 2, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1}))),
                msg("newtclass", 0x10010, 0x10000, 0, map("kind", "htb",
                        "options", TcOptions.htbClass(1_250_000, 2_500_000).burst(15360).prio(2).value())),
                msg("newtfilter", 1, 0xFFFFFFF2, (3L << 16) | 0x0008, map("kind", "flower", "options",
                        TcOptions.flower().dstIp("10.0.0.1").ipProto("tcp").dstPort(80)
                                .action(TcOptions.gact("drop")).value())));
        for (byte[] m : messages) {
            NetlinkMessage parsed = parse(m);
            TcObject o = TrafficControl.decode(parsed);
            assertNull(o.rawOptions(), o.kind());
            byte[] again = msg(parsed.name(), o.handle(), o.parent(), parsed.headerField("info"),
                    map("kind", o.kind(), "options", o.options()));
            byte[] original = withoutStats(m);
            assertArrayEquals(original, again, o.kind());
        }
    }

    /** The message with only its kind and options (what the comparison re-encodes). */
    private static byte[] withoutStats(byte[] m) {
        NetlinkMessage p = parse(m);
        Map<String, Object> keep = new LinkedHashMap<>();
        for (Attribute a : p.attributes()) {
            if (a.type() == 1 || a.type() == 2) {
                keep.put(a.type() == 1 ? "kind" : "options", new RawAttribute(a.type(), a.flags(), a.bytes()));
            }
        }
        return MessageBuilder.of(Tc.SCHEMA, p.name()).header(p.header()).attrs(keep).build().toByteArray();
    }

    @Test
    void aKindWithoutDefinitionKeepsItsOptionsAsBytesAndSendsThemBack() throws NetlinkException {
        byte[] raw = {8, 0, 1, 0, 16, 39, 0, 0, 5, 0, 2, 0, 1, 0, 0, 0};
        byte[] m = msg("newqdisc", 0x50000, 0x10005, 1, map("kind", "dualpi2",
                "options", new RawAttribute(2, 0, raw)));
        Qdisc q = (Qdisc) TrafficControl.decode(parse(m));
        assertNull(q.options());
        assertArrayEquals(raw, q.rawOptions());

        FakeLibc fake = new FakeLibc();
        fake.reply(s -> Wire.msg(16, 0, s.seq(), FakeLibc.PORT, Wire.concat(Wire.buf().u8(0).u8(0).u16(1).u32(7)
                .u32(0).u32(0).build(), Wire.attr(3, Wire.cstr("v0")))));
        fake.reply(s -> Wire.ack(s.seq(), FakeLibc.PORT, s.bytes()));
        fake.reply(s -> Wire.ack(s.seq(), FakeLibc.PORT, s.bytes()));
        try (TrafficControl tc = new TrafficControl(NetlinkSocketSpec.builder().libc(fake).build())) {
            tc.replaceQdisc(QdiscRequest.of("v0", TcOptions.raw(q.kind(), q.rawOptions())).parent("1:5")
                    .handle("5:"));
        }
        byte[] sent = fake.lastSent().bytes();
        NetlinkMessage req = parse(sent);
        assertEquals(Tc.RTM_NEWQDISC, req.type());
        assertArrayEquals(raw, req.attributes().attribute("options").bytes());
        assertEquals(7L, req.headerField("ifindex"));
    }

    @Test
    void malformedBytesRaiseOnlyMalformedMessageException() {
        byte[] good = fqCodel();
        // every truncation of the options, and every corrupted attribute length, fails in one documented way
        for (int cut = 1; cut < good.length - 20; cut++) {
            byte[] b = Arrays.copyOf(good, good.length - cut);
            b[0] = (byte) b.length;
            b[1] = (byte) (b.length >> 8);
            tryDecode(b);
        }
        for (int i = 36; i + 1 < good.length; i += 2) {
            byte[] b = good.clone();
            b[i] = (byte) 0xff;
            tryDecode(b);
        }
        byte[] shortSel = new byte[24];
        shortSel[2] = 2; // two keys announced, fewer bytes than they need
        assertThrows(MalformedMessageException.class, () -> TcOptions.u32Selector(shortSel));
        assertThrows(MalformedMessageException.class, () -> TcOptions.u32Selector(new byte[3]));
    }

    private static void tryDecode(byte[] b) {
        try {
            for (NetlinkMessage m : MARSHAL.parse(b)) {
                TrafficControl.decode(m);
            }
        } catch (MalformedMessageException e) {
            // the documented outcome
        }
    }

    @Test
    void badRequestArgumentsAreRefusedBeforeAnythingIsSent() {
        assertThrows(IllegalArgumentException.class, () -> QdiscRequest.of("v0", TcOptions.htb()).parent("1:x"));
        assertThrows(IllegalArgumentException.class, () -> QdiscRequest.of("this-name-is-too-long", TcOptions.htb()));
        assertThrows(IllegalArgumentException.class, () -> TcOptions.htbClass(0, 10));
        assertThrows(IllegalArgumentException.class, () -> TcOptions.htbClass(10, 5));
        assertThrows(IllegalArgumentException.class, () -> TcOptions.htbClass(10, 10).prio(8));
        assertThrows(IllegalArgumentException.class, () -> TcOptions.netem().loss(101));
        assertThrows(IllegalArgumentException.class, () -> TcOptions.u32().matchPort("dport", 70000, 0xffff));
        assertThrows(IllegalArgumentException.class, () -> TcOptions.u32().matchIp("dst", "2001:db8::1"));
        assertThrows(IllegalArgumentException.class, () -> TcOptions.u32().matchIp("dst", "10.0.0.1/32")
                .matchIp("dst", "10.0.0.2/32"));
        assertThrows(IllegalArgumentException.class, () -> TcOptions.flower().dstPort(80));
        assertThrows(IllegalArgumentException.class, () -> FilterRequest.of("v0", TcOptions.matchall()).priority(0));
        assertThrows(IllegalArgumentException.class, () -> FilterRequest.of("v0", TcOptions.matchall())
                .protocol("nonsense"));
        assertThrows(IllegalArgumentException.class, () -> TcOptions.gact("explode"));
        assertThrows(IllegalArgumentException.class, () -> TcOptions.netem().reorder(5, 0).value());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TcRequest("v0", TcOptions.of("fq_codel", Map.of("nonsense", 1))) { }
                        .attrs(MessageBuilder.of(Tc.SCHEMA, "newqdisc"), "qdisc add dev v0 root fq_codel", true));
        assertTrue(e.getMessage().startsWith("qdisc add dev v0 root fq_codel: "), e.getMessage());
        assertFalse(e.getMessage().isEmpty());
    }

    @Test
    void addressesInFlowerKeysAreAddresses() throws Exception {
        Object v = TcOptions.flower().srcIp("10.1.0.0/16").value();
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(InetAddress.getByName("10.1.0.0"), m.get("key-ipv4-src"));
        assertEquals(InetAddress.getByName("255.255.0.0"), m.get("key-ipv4-src-mask"));
    }
}
