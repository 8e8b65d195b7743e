package io.jnetlink.ynl;

import io.jnetlink.Errno;
import io.jnetlink.KernelNamespace;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.generic.GenericNetlink;
import io.jnetlink.socket.NetlinkSocketSpec;

import io.jnetlink.schema.RawAttribute;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Families driven by the installed kernel specs (linux-doc-6.12) against the running kernel, in a namespace with
 * a veth pair, addresses, a route and a bridge, compared with {@code ip -j} and {@code ethtool}.
 */
class YnlKernelTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    /** IF_OPER_* as {@code ip} names them. */
    static final List<String> OPERSTATES = List.of("UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP");

    @BeforeAll
    static void links() {
        NS.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        NS.ip("link", "set", "v0", "up");
        NS.ip("link", "set", "v1", "up");
        NS.ip("addr", "add", "10.9.0.1/24", "dev", "v0");
        NS.ip("addr", "add", "10.9.1.1/24", "dev", "v1");
        NS.ip("route", "add", "10.20.0.0/16", "via", "10.9.0.2", "dev", "v0");
        NS.ip("link", "add", "br0", "type", "bridge");
    }

    static NetlinkSocketSpec spec() {
        return NS.spec(0).build();
    }

    static YnlFamily open(String family) throws IOException {
        return YnlFamily.open(family, spec());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> ipJson(String... args) {
        List<String> a = new ArrayList<>(List.of("-j"));
        a.addAll(List.of(args));
        return (List<Map<String, Object>>) new Load(LoadSettings.builder().build()).loadFromString(NS.ip(a.toArray(String[]::new)));
    }

    static long num(Object o) {
        return ((Number) o).longValue();
    }

    @Test
    void rtLinkDumpEqualsIpLinkShow() throws Exception {
        Map<Long, Map<String, Object>> ours = new HashMap<>();
        try (YnlFamily rt = open("rt_link")) {
            rt.dump("getlink", Map.of()).forEach(m -> ours.put(num(m.get("ifi-index")), m));
        }
        List<Map<String, Object>> ip = ipJson("link", "show");
        assertEquals(ip.size(), ours.size());
        for (Map<String, Object> l : ip) {
            Map<String, Object> m = ours.get(num(l.get("ifindex")));
            assertEquals(l.get("ifname"), m.get("ifname"));
            assertEquals(num(l.get("mtu")), num(m.get("mtu")));
            assertEquals(l.get("operstate"), OPERSTATES.get((int) num(m.get("operstate"))), l.get("ifname") + " operstate");
            assertEquals(l.get("address"), m.get("address"), l.get("ifname") + " address");
        }
    }

    @Test
    void rtAddrDumpEqualsIpAddrShow() throws Exception {
        Set<String> ours = new TreeSet<>();
        try (YnlFamily rt = open("rt_addr")) {
            rt.dump("getaddr", Map.of("ifa-family", 2)).forEach(m -> ours.add(m.get("ifa-index") + " "
                    + ((InetAddress) m.get("ifa-local")).getHostAddress() + "/" + m.get("ifa-prefixlen")));
        }
        Set<String> ip = new TreeSet<>();
        for (Map<String, Object> l : ipJson("-4", "addr", "show")) {
            for (Object o : (List<?>) l.get("addr_info")) {
                Map<?, ?> a = (Map<?, ?>) o;
                ip.add(l.get("ifindex") + " " + a.get("local") + "/" + a.get("prefixlen"));
            }
        }
        assertEquals(ip, ours);
        assertTrue(ours.stream().anyMatch(s -> s.endsWith(" 10.9.0.1/24")), ours.toString());
    }

    @Test
    void rtRouteDumpEqualsIpRouteShow() throws Exception {
        List<String> ours = new ArrayList<>();
        Map<String, Object> via = new HashMap<>();
        try (YnlFamily rt = open("rt_route")) {
            rt.dump("getroute", Map.of("rtm-family", 2)).forEach(m -> {
                InetAddress dst = (InetAddress) m.get("rta-dst");
                long len = num(m.get("rtm-dst-len"));
                String d = dst == null ? "default" : len == 32 ? dst.getHostAddress() : dst.getHostAddress() + "/" + len;
                ours.add(d + " " + m.get("rta-oif") + " " + m.get("rtm-type"));
                if (d.equals("10.20.0.0/16")) {
                    via.putAll(m);
                }
            });
        }
        Map<String, Long> index = new HashMap<>();
        for (Map<String, Object> l : ipJson("link", "show")) {
            index.put((String) l.get("ifname"), num(l.get("ifindex")));
        }
        List<String> ip = new ArrayList<>();
        for (Map<String, Object> r : ipJson("-4", "route", "show", "table", "all")) {
            ip.add(r.get("dst") + " " + index.get((String) r.get("dev")) + " " + r.getOrDefault("type", "unicast"));
        }
        ours.sort(null);
        ip.sort(null);
        assertEquals(ip, ours);
        assertEquals(InetAddress.ofLiteral("10.9.0.2"), via.get("rta-gateway"));
        assertEquals("unicast", via.get("rtm-type"), "a fixed-header field named by its enum");
    }

    @Test
    void netdevDevGetDumpCoversEveryLink() throws Exception {
        Set<Long> ours = new HashSet<>();
        try (YnlFamily nd = open("netdev")) {
            nd.dump("dev-get", Map.of()).forEach(m -> ours.add(num(m.get("ifindex"))));
            Map<String, Object> one = nd.request("dev-get", Map.of("ifindex", index("v0"))).getFirst();
            assertTrue(one.get("xdp-features") instanceof List<?>, "flags decode to a list of names: " + one);
        }
        Set<Long> ip = new HashSet<>();
        ipJson("link", "show").forEach(l -> ip.add(num(l.get("ifindex"))));
        assertEquals(ip, ours);
    }

    static long index(String dev) {
        return ipJson("link", "show", "dev", dev).stream().mapToLong(l -> num(l.get("ifindex"))).findFirst().orElseThrow();
    }

    @Test
    void ethtoolLinkinfoAndLinkmodesOnAVeth() throws Exception {
        String tool = NS.exec("ethtool", "v0");
        try (YnlFamily et = open("ethtool")) {
            Map<String, Object> info = et.request("linkinfo-get", Map.of("header", Map.of("dev-name", "v0"))).getFirst();
            assertEquals(Map.of("dev-index", index("v0"), "dev-name", "v0"), info.get("header"));
            assertEquals(0L, info.get("port"), "PORT_TP");
            assertTrue(tool.contains("Port: Twisted Pair"), tool);
            Map<String, Object> modes = et.request("linkmodes-get", Map.of("header", Map.of("dev-name", "v0"))).getFirst();
            assertTrue(tool.contains("Speed: " + modes.get("speed") + "Mb/s"), modes + " vs " + tool);
            assertTrue(tool.contains("Duplex: " + (num(modes.get("duplex")) == 1 ? "Full" : "Half")), modes + " vs " + tool);
        }
    }

    @Test
    void nlctrlGetfamily() throws Exception {
        int id;
        try (GenericNetlink g = new GenericNetlink(NS.spec(Netlink.NETLINK_GENERIC).build())) {
            id = g.family("netdev").id();
        }
        try (YnlFamily ctrl = open("nlctrl")) {
            Map<String, Object> f = ctrl.request("getfamily", Map.of("family-name", "netdev")).getFirst();
            assertEquals("netdev", f.get("family-name"));
            assertEquals((long) id, num(f.get("family-id")));
            assertTrue(f.get("mcast-groups").toString().contains("mgmt"), f.toString());
            assertTrue(ctrl.dump("getfamily", Map.of()).anyMatch(m -> "ethtool".equals(m.get("family-name"))));
        }
    }

    @Test
    void extendedAckNamesTheRequestAttribute() throws Exception {
        try (YnlFamily rt = open("rt_link")) {
            Map<String, Object> data = Map.of("fdb-n-learned", 1); // the kernel rejects it (NLA_REJECT)
            Map<String, Object> linkinfo = new LinkedHashMap<>();
            linkinfo.put("kind", "bridge");
            linkinfo.put("data", data);
            NetlinkException e = assertThrows(NetlinkException.class, () -> rt.request("newlink",
                    Map.of("ifname", "brx", "linkinfo", linkinfo), Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL));
            assertEquals(Errno.EINVAL, e.errno());
            assertEquals("linkinfo.data.fdb-n-learned", e.attributePath());
        }
        try (YnlFamily et = open("ethtool")) {
            NetlinkException e = assertThrows(NetlinkException.class,
                    () -> et.request("linkinfo-get", Map.of("header", Map.of("dev-name", "nope0"))));
            assertEquals(Errno.ENODEV, e.errno());
            assertEquals("header.dev-name", e.attributePath());
        }
    }

    @Test
    void badRequestsAreRefusedBeforeSending() throws Exception {
        try (YnlFamily rt = open("rt_link")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rt.request("getlnk", Map.of()));
            assertTrue(e.getMessage().startsWith("family 'rt-link' has no operation 'getlnk' (it has [newlink,"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> rt.dump("newlink", Map.of()));
            assertEquals("operation 'newlink' of family 'rt-link' has no dump (use do)", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> rt.request("getlink", Map.of("mtuu", 1)));
            assertEquals("attribute set 'link-attrs' has no attribute 'mtuu'", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> rt.subscribe("rtnlgrp-nothing"));
            assertTrue(e.getMessage().startsWith("family 'rt-link' has no multicast group 'rtnlgrp-nothing'"), e.getMessage());
        }
    }

    @Test
    void driftExtraAttributesAndEnumValuesAreKeptRaw() throws Exception {
        YnlSpec tiny = YnlSpec.parse(YnlSpecTest.resource("rt-link-tiny.yaml"), "rt-link-tiny.yaml");
        try (YnlFamily rt = YnlFamily.open(tiny, spec())) {
            List<Map<String, Object>> links = rt.dump("getlink", Map.of()).toList();
            Map<String, Object> v0 = links.stream().filter(m -> "v0".equals(m.get("ifname"))).findFirst().orElseThrow();
            assertEquals("ether", v0.get("ifi-type"));
            assertEquals(1500L, v0.get("mtu"));
            assertInstanceOf(RawAttribute.class, v0.get("13"), "txqlen (13) is not in this spec: kept raw " + v0.keySet());
            Map<String, Object> lo = links.stream().filter(m -> "lo".equals(m.get("ifname"))).findFirst().orElseThrow();
            assertEquals(772L, lo.get("ifi-type"), "ARPHRD_LOOPBACK is not named by this spec: a number");
        }
        // the kernel's own 6.12 rt_link spec on this newer kernel: attributes past the spec come back by number
        try (YnlFamily rt = open("rt_link")) {
            Map<String, Object> lo = rt.dump("getlink", Map.of()).filter(m -> "lo".equals(m.get("ifname"))).findFirst().orElseThrow();
            Predicate<String> numeric = k -> k.chars().allMatch(Character::isDigit);
            assertTrue(lo.keySet().stream().anyMatch(numeric), "6.18 sends attributes 6.12's spec does not name: " + lo.keySet());
            lo.keySet().stream().filter(numeric).forEach(k -> assertInstanceOf(RawAttribute.class, lo.get(k)));
        }
    }

    @Test
    void subscriptionsReceiveTheNotificationsOfAScriptedChange() throws Exception {
        try (YnlFamily rt = open("rt_link"); YnlFamily.Subscription sub = rt.subscribe("rtnlgrp-link")) {
            NS.ip("link", "set", "v1", "mtu", "1400");
            YnlFamily.Notification n = await(sub, x -> "v1".equals(x.msg().get("ifname")) && Long.valueOf(1400).equals(x.msg().get("mtu")));
            assertEquals("getlink", n.name());
        }
        try (YnlFamily nd = open("netdev"); YnlFamily.Subscription sub = nd.subscribe("mgmt")) {
            NS.ip("link", "add", "v2", "type", "veth", "peer", "name", "v3");
            long v2 = index("v2");
            YnlFamily.Notification n = await(sub, x -> Long.valueOf(v2).equals(x.msg().get("ifindex")));
            assertEquals("dev-add-ntf", n.name());
        } finally {
            NS.ip("link", "del", "v2");
        }
    }

    /** The first notification matching {@code p}; fails after a generous wait (not a timing assertion). */
    static YnlFamily.Notification await(YnlFamily.Subscription sub, Predicate<YnlFamily.Notification> p) throws NetlinkException {
        List<YnlFamily.Notification> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (YnlFamily.Notification n : sub.next(Duration.ofMillis(500))) {
                if (p.test(n)) {
                    return n;
                }
                seen.add(n);
            }
        }
        throw new AssertionError("no matching notification; got " + seen);
    }

    @Test
    void aFamilyTheKernelLacksIsRefused() throws Exception {
        YnlSpec s = YnlSpec.parse(YnlSpecTest.GOOD.replace("name: t\n", "name: no-such-fam\n"), "t.yaml");
        NetlinkException e = assertThrows(NetlinkException.class, () -> YnlFamily.open(s, spec()));
        assertEquals(Errno.ENOENT, e.errno());
        assertFalse(e.getMessage().isEmpty());
    }
}
