package io.jnetlink.cli;

import io.jnetlink.KernelNamespace;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.message.MessageBuilder;
import io.jnetlink.route.Tc;
import io.jnetlink.route.TrafficControl;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Shows of the kinds this kernel lacks (fq_codel, netem, prio, sfq, fq, flower, matchall, basic, gact) against
 * tc's, on dumps made as the kernel's dump functions make them: tc reads them through the stand-in
 * ({@link TcFake}), jnl through a socket whose dump requests are answered with the same bytes. -j output equals
 * tc -j's text, and the plain text tc's.
 */
class TcShowFakeTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    static int v0;
    static int v1;

    @BeforeAll
    static void links() throws NetlinkException {
        NS.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        try (TrafficControl tc = new TrafficControl(NS.spec(Netlink.NETLINK_ROUTE).build())) {
            v0 = tc.index("v0");
            v1 = tc.index("v1");
        }
    }

    static byte[] msg(String type, int ifindex, String handle, String parent, long info, Map<String, Object> attrs) {
        return MessageBuilder.of(Tc.SCHEMA, type).header("ifindex", ifindex)
                .header("handle", Integer.toUnsignedLong(Tc.parseHandle(handle, "handle")))
                .header("parent", Integer.toUnsignedLong(Tc.parseHandle(parent, "parent"))).header("info", info)
                .attrs(attrs).build().toByteArray();
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static Map<String, Object> stats2(long bytes, long packets, long drops) {
        return map("basic", map("bytes", bytes, "packets", packets),
                "queue", map("qlen", 0, "backlog", 0, "drops", drops, "requeues", 0, "overlimits", 0));
    }

    /** The qdiscs of the kinds this kernel lacks, as the kernel's dump functions would send them. */
    static byte[] qdiscDump() {
        byte[] fqCodel = msg("newqdisc", v0, "0:", "root", 2, map(
                "kind", "fq_codel",
                "options", map("target", 4999, "limit", 10240, "interval", 99999, "ecn", 1, "quantum", 1514,
                        "drop-batch-size", 64, "memory-limit", 33554432, "flows", 1024),
                "stats2", stats2(1234, 10, 1),
                "xstats", map("type", 0, "maxpacket", 1514, "drop-overlimit", 0, "ecn-mark", 0, "new-flow-count", 3,
                        "new-flows-len", 0, "old-flows-len", 1, "ce-mark", 0, "memory-usage", 0,
                        "drop-overmemory", 0)));
        byte[] netem = msg("newqdisc", v1, "8001:", "root", 2, map(
                "kind", "netem",
                "options", map("latency", 1562500, "limit", 1000, "loss", 42949673, "gap", 0, "duplicate", 0,
                        "jitter", 156250,
                        "corr", map("delay-corr", 1073741824, "loss-corr", 0, "dup-corr", 0),
                        "reorder", map("probability", 0, "correlation", 0),
                        "corrupt", map("probability", 0, "correlation", 0),
                        "rate", map("rate", 0, "packet-overhead", 0, "cell-size", 0, "cell-overhead", 0)),
                "stats2", stats2(0, 0, 0)));
        byte[] prio = msg("newqdisc", v0, "1:", "8001:1", 1, map(
                "kind", "prio",
                "options", map("bands", 3, "priomap", new byte[] {1, 2, 2, 2, 1, 2, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1}),
                "stats2", stats2(0, 0, 0)));
        return concat(fqCodel, netem, prio);
    }

    /** sfq, fq (pacing, and with rates and a CE threshold), codel; and a kind tc does not know. */
    static byte[] moreQdiscs() {
        byte[] sfq = msg("newqdisc", v0, "10:", "1:1", 1, map("kind", "sfq", "options", map("v0-quantum", 1514,
                "v0-perturb-period", 10, "v0-limit", 127, "v0-divisor", 1024, "v0-flows", 128, "depth", 127,
                "headdrop", 0)));
        byte[] fq = msg("newqdisc", v0, "20:", "1:2", 1, map("kind", "fq", "options", map("plimit", 10000,
                "flow-plimit", 100, "quantum", 3028, "initial-quantum", 15140, "rate-enable", 1,
                "flow-max-rate", 0xffffffffL, "buckets-log", 10, "flow-refill-delay", 40000, "orphan-mask", 1023,
                "low-rate-threshold", 68750, "timer-slack", 10000, "horizon", 10000000, "horizon-drop", 1)));
        byte[] fq2 = msg("newqdisc", v0, "30:", "1:3", 1, map("kind", "fq", "options", map("plimit", 10000,
                "flow-plimit", 100, "quantum", 3028, "initial-quantum", 15140, "rate-enable", 0,
                "flow-default-rate", 125000, "flow-max-rate", 1250000, "buckets-log", 10, "flow-refill-delay", 40000,
                "orphan-mask", 1023, "low-rate-threshold", 68750, "ce-threshold", 2000, "timer-slack", 10000,
                "horizon", 10000000, "horizon-drop", 0)));
        byte[] codel = msg("newqdisc", v0, "40:", "1:4", 1, map("kind", "codel", "options", map("target", 4999,
                "limit", 1000, "interval", 99999, "ecn", 0)));
        return concat(sfq, fq, fq2, codel);
    }

    static long pct(double p) {
        return Math.round(p / 100 * 0xffffffffL);
    }

    /** netem with every impairment tc 6.1 prints, with a gap, and without a delay. */
    static byte[] netems() {
        byte[] all = msg("newqdisc", v0, "8002:", "1:1", 1, map("kind", "netem", "options", map(
                "latency", 1562500, "limit", 1000, "loss", pct(1), "gap", 0, "duplicate", pct(2), "jitter", 156250,
                "corr", map("delay-corr", pct(25), "loss-corr", pct(10), "dup-corr", pct(5)),
                "reorder", map("probability", pct(5), "correlation", pct(50)),
                "corrupt", map("probability", pct(0.1), "correlation", 0),
                "rate", map("rate", 125000, "packet-overhead", 14, "cell-size", 0, "cell-overhead", 0),
                "ecn", 1, "latency64", 100000000L, "jitter64", 10000000L, "prng-seed", 77L)));
        byte[] gap = msg("newqdisc", v0, "8003:", "1:2", 1, map("kind", "netem", "options", map(
                "latency", 312500, "limit", 1000, "loss", 0, "gap", 5, "duplicate", 0, "jitter", 0,
                "reorder", map("probability", pct(5), "correlation", 0))));
        byte[] noDelay = msg("newqdisc", v0, "8004:", "1:3", 1, map("kind", "netem", "options", map(
                "latency", 0, "limit", 500, "loss", pct(50), "gap", 0, "duplicate", 0, "jitter", 0)));
        return concat(all, gap, noDelay);
    }

    /** Filters of the kinds this kernel lacks. */
    static byte[] filterDump() throws Exception {
        Map<String, Object> drop = map("kind", "gact", "options", map("parms", map("index", 1, "capab", 0,
                "action", 2, "refcnt", 1, "bindcnt", 1), "tm", map("install", 500, "lastuse", 300, "expires", 0,
                "firstuse", 0)), "stats", map("basic", map("bytes", 0, "packets", 0), "queue", map("qlen", 0,
                "backlog", 0, "drops", 0, "requeues", 0, "overlimits", 0)));
        byte[] head = msg("newtfilter", v0, "0:", "ffff:fff2", (3L << 16) | 0x0008, map("kind", "flower",
                "chain", 0));
        byte[] flower = msg("newtfilter", v0, ":1", "ffff:fff2", (3L << 16) | 0x0008, map("kind", "flower",
                "chain", 0, "options", map(
                        "key-eth-type", 0x0800, "key-ip-proto", 6,
                        "key-ipv4-dst", InetAddress.getByName("10.0.0.1"),
                        "key-ipv4-dst-mask", InetAddress.getByName("255.255.255.255"),
                        "key-tcp-dst", 80, "flags", 8, "act", List.of(drop))));
        byte[] headAll = msg("newtfilter", v0, "0:", "ffff:fff2", (4L << 16) | 0x0300, map("kind", "matchall",
                "chain", 0));
        byte[] matchall = msg("newtfilter", v0, ":1", "ffff:fff2", (4L << 16) | 0x0300, map("kind", "matchall",
                "chain", 0, "options", map("classid", Integer.toUnsignedLong(Tc.parseHandle("1:10", "c")),
                        "flags", 8, "act", List.of(drop))));
        byte[] headBasic = msg("newtfilter", v0, "0:", "1:", (7L << 16) | 0x0008, map("kind", "basic", "chain", 0));
        byte[] basic = msg("newtfilter", v0, ":1", "1:", (7L << 16) | 0x0008, map("kind", "basic", "chain", 0,
                "options", map("classid", Integer.toUnsignedLong(Tc.parseHandle("1:10", "c")), "act", List.of(drop))));
        return concat(head, flower, headAll, matchall, headBasic, basic);
    }

    /** {@code jnl args} answering its traffic-control dump with {@code dump}. */
    static String jnl(byte[] dump, String... args) throws NetlinkException {
        boolean json = false;
        boolean stats = false;
        int i = 0;
        for (; args[i].startsWith("-"); i++) {
            json |= args[i].equals("-j");
            stats |= args[i].equals("-s");
        }
        TcFake.Recording rec = new TcFake.Recording();
        rec.dumps = dump;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TrafficControl tc = new TrafficControl(NS.spec(Netlink.NETLINK_ROUTE).libc(rec).build())) {
            TcCommand.execute(tc, new Main.Globals(NS.name(), json, 0, stats ? 1 : 0, false, false, false), args[i],
                    Arrays.asList(args).subList(i + 1, args.length), new PrintStream(out, true, StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static void same(byte[] dump, String... args) throws NetlinkException {
        String expected = TcFake.tc(NS, dump, args).out();
        assertEquals(expected.strip(), jnl(dump, args).strip(), String.join(" ", args));
    }

    @Test
    void qdiscs() throws Exception {
        byte[] dump = qdiscDump();
        same(dump, "-j", "qdisc", "show");
        same(dump, "qdisc", "show");
        same(dump, "-j", "qdisc", "show", "dev", "v0");
        same(dump, "-s", "qdisc", "show");
        same(dump, "-s", "-j", "qdisc", "show");
    }

    @Test
    void netemImpairments() throws Exception {
        byte[] dump = netems();
        same(dump, "-j", "qdisc", "show", "dev", "v0");
        same(dump, "qdisc", "show", "dev", "v0");
    }

    @Test
    void moreQdiscKinds() throws Exception {
        byte[] dump = moreQdiscs();
        same(dump, "-j", "qdisc", "show", "dev", "v0");
        same(dump, "qdisc", "show", "dev", "v0");
        // a kind neither tc nor the definitions know: its options stay bytes, tc's words in the text
        byte[] unknown = msg("newqdisc", v0, "50:", "1:5", 1, map("kind", "dualpi2",
                "options", new io.jnetlink.schema.RawAttribute(2, 0, new byte[] {8, 0, 1, 0, 16, 39, 0, 0})));
        same(unknown, "qdisc", "show", "dev", "v0");
        assertEquals("[{\"kind\":\"dualpi2\",\"handle\":\"50:\",\"parent\":\"1:5\",\"options\":{}}]",
                jnl(unknown, "-j", "qdisc", "show", "dev", "v0").strip());
    }

    @Test
    void filters() throws Exception {
        byte[] dump = filterDump();
        same(dump, "-j", "filter", "show", "dev", "v0", "ingress");
        same(dump, "filter", "show", "dev", "v0", "ingress");
        same(dump, "-s", "-j", "filter", "show", "dev", "v0", "ingress");
        same(dump, "-s", "filter", "show", "dev", "v0", "ingress");
        same(dump, "-j", "filter", "show", "dev", "v0", "parent", "1:");
        same(dump, "filter", "show", "dev", "v0", "parent", "1:");
    }
}
