package io.jnetlink.route;

import io.jnetlink.Errno;
import io.jnetlink.KernelNamespace;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TrafficControl against the real kernel in a namespace of its own: every change is read back through
 * {@code tc -j} (classes through tc's text, which 6.1 prints even with -j), every read is compared with it.
 * This kernel has htb, tbf, pfifo, bfifo, mq, ingress, clsact, u32 and mirred; the other kinds are covered
 * against tc itself in the cli module's tests.
 */
class TrafficControlKernelTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    static final ObjectMapper JSON = new ObjectMapper();

    static TrafficControl tc() throws NetlinkException {
        return new TrafficControl(NS.spec(Netlink.NETLINK_ROUTE).build());
    }

    static String tcText(String... args) {
        List<String> cmd = new ArrayList<>(List.of("tc", "-n", NS.name()));
        cmd.addAll(List.of(args));
        return KernelNamespace.run(cmd);
    }

    static JsonNode tcJson(String... args) {
        List<String> a = new ArrayList<>(List.of("-j"));
        a.addAll(List.of(args));
        try {
            String out = tcText(a.toArray(String[]::new));
            return JSON.readTree(out.isBlank() ? "[]" : out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @BeforeAll
    static void links() {
        NS.exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1");
        NS.exec("sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1");
        NS.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        NS.ip("link", "add", "ifb0", "type", "ifb");
        NS.ip("link", "add", "br0", "type", "bridge");
        for (String d : new String[] {"v0", "v1", "ifb0", "br0"}) {
            NS.ip("link", "set", d, "up");
        }
    }

    @Test
    void htbWithClassesAndAU32FilterReadBackThroughTc() throws NetlinkException {
        try (TrafficControl tc = tc()) {
            tc.addQdisc(QdiscRequest.of("v0", TcOptions.htb().defaultClass(0x10).r2q(5)).handle("1:"));
            tc.addClass(ClassRequest.of("v0", "1:10", TcOptions.htbClass(1_250_000, 2_500_000).burst(15360))
                    .parent("1:"));
            tc.addClass(ClassRequest.of("v0", "1:11", TcOptions.htbClass(625_000, 625_000).prio(2)).parent("1:10"));
            tc.addQdisc(QdiscRequest.of("v0", TcOptions.of("pfifo", Map.of("limit", 50))).parent("1:11")
                    .handle("11:"));
            tc.addFilter(FilterRequest.of("v0", TcOptions.u32().matchIp("dst", "10.0.0.1/32")
                    .matchPort("dport", 80, 0xffff).flowid("1:10")).parent("1:").protocol("ip").priority(1));

            JsonNode qdiscs = tcJson("qdisc", "show", "dev", "v0");
            List<Qdisc> mine = tc.qdiscs("v0");
            assertEquals(qdiscs.size(), mine.size(), qdiscs.toString());
            for (int i = 0; i < mine.size(); i++) {
                JsonNode t = qdiscs.get(i);
                Qdisc q = mine.get(i);
                assertEquals(t.get("kind").asText(), q.kind());
                assertEquals(t.get("handle").asText(), Tc.formatHandle(q.handle()));
                assertEquals(t.has("root"), q.isRoot());
            }
            Qdisc htb = mine.getFirst();
            assertEquals("htb", htb.kind());
            Map<?, ?> init = (Map<?, ?>) htb.options().get("init");
            assertEquals(5L, init.get("rate2quantum"));
            assertEquals(0x10L, init.get("defcls"));
            assertEquals("0x10", qdiscs.get(0).get("options").get("default").asText());
            assertEquals(50L, mine.get(1).options().get("limit"));

            List<TcClass> classes = tc.classes("v0");
            assertEquals(2, classes.size());
            String text = tcText("class", "show", "dev", "v0");
            assertTrue(text.contains("class htb 1:11 parent 1:10 leaf 11: prio 2 rate 5Mbit ceil 5Mbit burst 1600b"),
                    text);
            assertTrue(text.contains("class htb 1:10 root rate 10Mbit ceil 20Mbit burst 15Kb cburst 1600b"), text);
            TcClass c11 = classes.stream().filter(c -> c.handle() == 0x10011).findFirst().orElseThrow();
            assertEquals(0x10010, c11.parent());
            assertEquals(0x110000, c11.leaf());
            Map<?, ?> parms = (Map<?, ?>) c11.options().get("parms");
            assertEquals(625000L, parms.get("rate-rate"));
            assertEquals(2L, parms.get("prio"));
            assertTrue(((Map<?, ?>) c11.xstats()).containsKey("tokens"));

            List<Filter> filters = tc.filters("v0", 0x10000);
            JsonNode tf = tcJson("filter", "show", "dev", "v0", "parent", "1:");
            assertEquals(tf.size(), filters.size());
            Filter last = filters.getLast();
            assertEquals(0x80000800, last.handle());
            assertEquals(0x0800, last.protocol());
            assertEquals(1, last.priority());
            assertEquals(0x10010L, last.options().get("classid"));
            assertEquals("1:10", tf.get(2).get("options").get("flowid").asText());

            // change and replace, read back
            tc.changeClass(ClassRequest.of("v0", "1:10", TcOptions.htbClass(2_500_000, 2_500_000)).parent("1:"));
            assertTrue(tcText("class", "show", "dev", "v0").contains("class htb 1:10 root rate 20Mbit ceil 20Mbit"));
            NetlinkException e = assertThrows(NetlinkException.class, () -> tc.changeQdisc(QdiscRequest.of("v0",
                    TcOptions.htb().defaultClass(0x11)).handle("1:")));
            assertEquals("qdisc change dev v0 root handle 1: htb: EINVAL (Invalid argument): Change operation not "
                    + "supported by specified qdisc", e.getMessage());
            tc.deleteFilter(FilterRequest.at("v0").parent("1:").priority(1));
            assertEquals(0, tcJson("filter", "show", "dev", "v0", "parent", "1:").size());
            tc.deleteQdisc(QdiscRequest.at("v0").parent("1:11"));
            tc.deleteClass(ClassRequest.at("v0", "1:11"));
            assertTrue(!tcText("class", "show", "dev", "v0").contains("1:11"));
            tc.deleteQdisc(QdiscRequest.at("v0"));
            assertEquals("noqueue", tcJson("qdisc", "show", "dev", "v0").get(0).get("kind").asText());
        }
    }

    @Test
    void ingressClsactTbfAndMirredReadBackThroughTc() throws NetlinkException {
        try (TrafficControl tc = tc()) {
            tc.addQdisc(QdiscRequest.ingress("v1"));
            tc.addFilter(FilterRequest.of("v1", TcOptions.u32().matchU32(0, 0, 0)
                    .action(TcOptions.mirred(false, false, tc.index("ifb0")))).parent("ffff:").protocol("all")
                    .priority(2));
            JsonNode f = tcJson("filter", "show", "dev", "v1", "parent", "ffff:");
            JsonNode act = f.get(2).get("options").get("actions").get(0);
            assertEquals("mirred", act.get("kind").asText());
            assertEquals("ifb0", act.get("to_dev").asText());
            assertEquals("stolen", act.get("control_action").get("type").asText());
            List<Filter> mine = tc.filters("v1", 0xFFFF0000);
            @SuppressWarnings("unchecked")
            Map<String, Object> a = (Map<String, Object>) ((List<?>) mine.getLast().options().get("act")).getFirst();
            assertEquals("mirred", a.get("kind"));
            assertEquals(1L, ((Map<?, ?>) ((Map<?, ?>) a.get("options")).get("parms")).get("eaction"));

            tc.replaceQdisc(QdiscRequest.of("v1", TcOptions.tbf(125_000, 4096, 400_000)));
            JsonNode tbf = tcJson("qdisc", "show", "dev", "v1").get(0);
            assertEquals("tbf", tbf.get("kind").asText());
            assertEquals(125000, tbf.get("options").get("rate").asLong());
            assertEquals(4096, tbf.get("options").get("burst").asLong());
            assertEquals(400000, tbf.get("options").get("lat").asLong());
            tc.changeQdisc(QdiscRequest.of("v1", TcOptions.tbf(250_000, 8192, 100_000)));
            tbf = tcJson("qdisc", "show", "dev", "v1").get(0);
            assertEquals(250000, tbf.get("options").get("rate").asLong());
            assertEquals(8192, tbf.get("options").get("burst").asLong());
            Qdisc q = tc.qdiscs("v1").getFirst();
            assertEquals(250000L, ((Map<?, ?>) q.options().get("parms")).get("rate-rate"));

            tc.addQdisc(QdiscRequest.clsact("br0"));
            tc.addFilter(FilterRequest.of("br0", TcOptions.u32().matchIp("src", "192.168.0.0/16")
                    .action(TcOptions.mirred(true, true, tc.index("ifb0")))).parent("egress").protocol("ip").priority(5));
            JsonNode eg = tcJson("filter", "show", "dev", "br0", "egress");
            assertEquals(3, eg.size(), eg.toString());
            assertEquals(3, tc.filters("br0", 0xFFFFFFF3).size());
            tc.deleteQdisc(QdiscRequest.clsact("br0"));
            assertEquals("noqueue", tcJson("qdisc", "show", "dev", "br0").get(0).get("kind").asText());
        }
    }

    @Test
    void refusalsAreNamedAfterTheOperation() throws NetlinkException {
        try (TrafficControl tc = tc()) {
            tc.addQdisc(QdiscRequest.of("ifb0", TcOptions.htb()).handle("3:"));
            NetlinkException e = assertThrows(NetlinkException.class,
                    () -> tc.addQdisc(QdiscRequest.of("ifb0", TcOptions.htb()).handle("3:")));
            assertEquals(Errno.EEXIST, e.errno());
            assertTrue(e.getMessage().startsWith("qdisc add dev ifb0 root handle 3: htb: EEXIST"), e.getMessage());
            e = assertThrows(NetlinkException.class,
                    () -> tc.addQdisc(QdiscRequest.of("ifb0", TcOptions.fqCodel().limit(10)).parent("3:1")));
            assertEquals(Errno.ENOENT, e.errno());
            assertTrue(e.getMessage().startsWith("qdisc add dev ifb0 parent 3:1 fq_codel: ENOENT"), e.getMessage());
            e = assertThrows(NetlinkException.class, () -> tc.qdiscs("nosuch"));
            assertEquals(Errno.ENODEV, e.errno());
            assertEquals("qdisc show dev nosuch: ENODEV (No such device): no network device 'nosuch'", e.getMessage());
            e = assertThrows(NetlinkException.class, () -> tc.deleteClass(ClassRequest.at("ifb0", "3:99")));
            assertEquals(Errno.ENOENT, e.errno());
            assertTrue(e.getMessage().startsWith("class del dev ifb0 classid 3:99: ENOENT"), e.getMessage());
            e = assertThrows(NetlinkException.class, () -> tc.addClass(ClassRequest.of("ifb0", "3:1",
                    TcOptions.htbClass(1000, 1000)).parent("7:")));
            assertTrue(e.getMessage().startsWith("class add dev ifb0 parent 7: classid 3:1 htb: "), e.getMessage());
            String before = tcText("qdisc", "show", "dev", "ifb0");
            assertThrows(IllegalArgumentException.class, () -> tc.addQdisc(QdiscRequest.of("ifb0",
                    TcOptions.of("htb", Map.of("nonsense", 1))).handle("4:")));
            assertEquals(before, tcText("qdisc", "show", "dev", "ifb0"));
            tc.deleteQdisc(QdiscRequest.at("ifb0"));
            assertEquals("pfifo_fast", tc.qdiscs("ifb0").getFirst().kind(), "the default qdisc is back");
        }
    }
}
