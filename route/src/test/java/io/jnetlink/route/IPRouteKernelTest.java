package io.jnetlink.route;

import io.jnetlink.Errno;
import io.jnetlink.KernelNamespace;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.message.NetlinkMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IPRoute against the real kernel in a namespace of its own: every change is read back through {@code ip -j},
 * every read is compared with it.
 */
class IPRouteKernelTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    static final ObjectMapper JSON = new ObjectMapper();

    static IPRoute ip() throws NetlinkException {
        return new IPRoute(NS.spec(Netlink.NETLINK_ROUTE).build());
    }

    static JsonNode ipJson(String... args) {
        List<String> a = new ArrayList<>(List.of("-j"));
        a.addAll(List.of(args));
        try {
            String out = NS.ip(a.toArray(String[]::new));
            return JSON.readTree(out.isBlank() ? "[]" : out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode ipLink(String name) {
        return ipJson("-d", "link", "show", "dev", name).get(0);
    }

    @BeforeAll
    static void base() throws Exception {
        NS.ip("link", "set", "lo", "up");
        try (IPRoute ip = ip()) {
            ip.addLink(LinkRequest.veth("v0", "v1").up());
            ip.setLink(LinkRequest.named("v1").up());
            ip.addAddress(AddressRequest.of("v0", "10.0.0.1/24"));
            ip.addAddress(AddressRequest.of("v1", "10.0.0.2/24"));
        }
    }

    @Test
    void everyLinkKindIsCreatedAsIpSeesIt() throws Exception {
        try (IPRoute ip = ip()) {
            Link br = ip.addLink(LinkRequest.bridge("kbr0").mtu(1400));
            Link mv = ip.addLink(LinkRequest.macvlan("kmv0", "v0", "bridge"));
            Link vx = ip.addLink(LinkRequest.vxlan("kvx0", 42).lower("v0").data("port", 4789));
            Link ifb = ip.addLink(LinkRequest.ifb("kifb0").txqlen(64));
            Link tun = ip.addLink(LinkRequest.tun("ktun0").mtu(1300));
            Link veth = ip.addLink(LinkRequest.veth("kva", "kvb").address("02:11:22:33:44:55"));

            assertEquals("bridge", ipLink("kbr0").at("/linkinfo/info_kind").asText());
            assertEquals(1400, ipLink("kbr0").get("mtu").asInt());
            assertEquals("bridge", br.kind());
            assertEquals("macvlan", ipLink("kmv0").at("/linkinfo/info_kind").asText());
            assertEquals("bridge", ipLink("kmv0").at("/linkinfo/info_data/mode").asText());
            assertEquals("bridge", mv.data().get("mode"));
            assertEquals(ip.index("v0"), mv.link());
            JsonNode vxj = ipLink("kvx0");
            assertEquals(42, vxj.at("/linkinfo/info_data/id").asInt());
            assertEquals(4789, vxj.at("/linkinfo/info_data/port").asInt());
            assertEquals("v0", vxj.at("/linkinfo/info_data/link").asText());
            assertEquals(42L, ((Number) vx.data().get("id")).longValue());
            assertEquals(64, ipLink("kifb0").get("txqlen").asInt());
            assertEquals("ifb", ifb.kind());
            assertEquals("tun", ipLink("ktun0").at("/linkinfo/info_kind").asText());
            assertEquals("tun", ipLink("ktun0").at("/linkinfo/info_data/type").asText());
            assertEquals(1300, tun.mtu());
            assertEquals("none", tun.linkType());
            assertEquals("02:11:22:33:44:55", ipLink("kva").get("address").asText());
            assertEquals("kvb", ipLink("kva").get("link").asText());
            assertEquals(ip.index("kvb"), veth.link());

            for (String n : List.of("kbr0", "kmv0", "kvx0", "kifb0", "ktun0", "kva")) {
                ip.deleteLink(n);
                assertEquals(0, ipJson("link", "show").findValuesAsText("ifname").stream().filter(n::equals).count());
            }
            assertThrows(NetlinkException.class, () -> ip.link("kvb"), "the peer goes with its veth");
        }
    }

    @Test
    void linksEqualIpLinkShow() throws Exception {
        try (IPRoute ip = ip()) {
            List<Link> links = ip.links();
            JsonNode all = ipJson("link", "show");
            assertEquals(all.size(), links.size());
            for (int i = 0; i < links.size(); i++) {
                Link l = links.get(i);
                JsonNode j = all.get(i);
                assertEquals(j.get("ifindex").asInt(), l.index());
                assertEquals(j.get("ifname").asText(), l.name());
                assertEquals(j.get("mtu").asInt(), l.mtu());
                assertEquals(j.get("operstate").asText(), l.operstateName());
                assertEquals(j.get("link_type").asText(), l.linkType());
                assertEquals(j.get("txqlen").asInt(), l.txqlen());
                if (j.has("address")) {
                    assertEquals(j.get("address").asText(), l.address());
                }
                List<String> flags = new ArrayList<>();
                j.get("flags").forEach(f -> flags.add(f.asText()));
                assertTrue(flags.containsAll(l.flagNames().stream().filter(f -> !f.equals("RUNNING")).toList()),
                        flags + " vs " + l.flagNames());
            }
            Link lo = ip.link("lo");
            assertEquals(1, lo.index());
            assertEquals("lo", ip.link(1).name());
            assertNotNull(lo.stats());
        }
    }

    @Test
    void setChangesWhatItNames() throws Exception {
        String other = NS.another("iprt");
        try (IPRoute ip = ip()) {
            ip.addLink(LinkRequest.veth("sa", "sb"));
            ip.addLink(LinkRequest.bridge("sbr"));
            Link l = ip.setLink(LinkRequest.named("sa").mtu(1280).address("02:00:00:00:00:aa").up().master("sbr"));
            assertEquals(1280, l.mtu());
            assertTrue(l.isUp());
            JsonNode j = ipLink("sa");
            assertEquals(1280, j.get("mtu").asInt());
            assertEquals("02:00:00:00:00:aa", j.get("address").asText());
            assertEquals("sbr", j.get("master").asText());
            assertEquals(ip.index("sbr"), l.master());
            assertEquals("bridge", l.slaveKind());

            l = ip.setLink(LinkRequest.named("sa").master(null).down().rename("sa2"));
            assertEquals("sa2", l.name());
            assertFalse(l.isUp());
            assertFalse(ipLink("sa2").has("master"));

            assertNull(ip.setLink(LinkRequest.named("sb").netns(other)));
            assertThrows(NetlinkException.class, () -> ip.link("sb"));
            assertTrue(KernelNamespace.run(List.of("ip", "-n", other, "link", "show", "sb")).contains("sb"));
            ip.deleteLink("sa2");
            ip.deleteLink("sbr");
        }
    }

    @Test
    void addressesEqualIpAddrAndChangeAsAsked() throws Exception {
        try (IPRoute ip = ip()) {
            ip.addLink(LinkRequest.veth("aa", "ab").up());
            ip.addAddress(AddressRequest.of("aa", "10.1.0.1/24").broadcast("+").label("aa:x"));
            ip.addAddress(AddressRequest.of("aa", "10.1.0.2/24"));
            ip.addAddress(AddressRequest.of("aa", "2001:db8:1::1/64"));
            JsonNode info = ipJson("addr", "show", "dev", "aa").get(0).get("addr_info");
            List<Address> mine = ip.addresses(Rtnl.AF_UNSPEC, "aa");
            assertEquals(info.size(), mine.size());
            for (JsonNode j : info) {
                Address a = mine.stream().filter(x -> Inet.format(x.local()).equals(j.get("local").asText()))
                        .findFirst().orElseThrow(() -> new AssertionError("missing " + j));
                assertEquals(j.get("family").asText(), a.familyName());
                assertEquals(j.get("prefixlen").asInt(), a.prefixlen());
                assertEquals(j.get("scope").asText(), a.scopeName());
                if (j.has("label")) {
                    assertEquals(j.get("label").asText(), a.label());
                }
                if (j.has("broadcast")) {
                    assertEquals(j.get("broadcast").asText(), Inet.format(a.broadcast()));
                }
            }
            Address b = mine.stream().filter(x -> Inet.format(x.local()).equals("10.1.0.1")).findFirst().orElseThrow();
            assertEquals("10.1.0.255", Inet.format(b.broadcast()));
            assertEquals("aa:x", b.label());

            ip.deleteAddress(AddressRequest.of("aa", "10.1.0.2/24"));
            assertEquals(2, ipJson("addr", "show", "dev", "aa").get(0).get("addr_info").size() - linkLocal("aa"));
            NetlinkException gone = assertThrows(NetlinkException.class,
                    () -> ip.deleteAddress(AddressRequest.of("aa", "10.1.0.2/24")));
            assertEquals(Errno.EADDRNOTAVAIL, gone.errno());
            assertTrue(ip.flushAddresses(Rtnl.AF_UNSPEC, "aa") >= 2);
            assertEquals(0, ipJson("addr", "show", "dev", "aa").get(0).get("addr_info").size());
            ip.deleteLink("aa");
        }
    }

    private static int linkLocal(String dev) {
        int n = 0;
        for (JsonNode j : ipJson("addr", "show", "dev", dev).get(0).get("addr_info")) {
            if (j.get("scope").asText().equals("link")) {
                n++;
            }
        }
        return n;
    }

    @Test
    void routesInTablesWithMetricsMultipathAndBlackhole() throws Exception {
        try (IPRoute ip = ip()) {
            ip.addLink(LinkRequest.veth("ra", "rb").up());
            ip.setLink(LinkRequest.named("rb").up());
            ip.addAddress(AddressRequest.of("ra", "10.2.0.1/24"));
            ip.addAddress(AddressRequest.of("ra", "10.2.1.1/24"));
            ip.addAddress(AddressRequest.of("ra", "2001:db8:2::1/64").scope("global"));
            NS.ip("addr", "change", "2001:db8:2::1/64", "dev", "ra", "nodad");

            ip.addRoute(RouteRequest.to("10.20.0.0/16").gateway("10.2.0.2").table(100).metric(5));
            ip.addRoute(RouteRequest.to("10.21.0.0/16").gateway("10.2.0.2").table(100000).metric("mtu", 1400));
            ip.addRoute(RouteRequest.to("10.22.0.0/16").type("blackhole"));
            ip.addRoute(RouteRequest.to("10.23.0.0/16").nexthop("10.2.0.2", "ra", 1).nexthop("10.2.1.2", "ra", 3));
            ip.addRoute(RouteRequest.to("2001:db8:20::/48").gateway("2001:db8:2::2").metric(7));
            ip.addRoute(RouteRequest.to("10.24.0.0/16").dev("ra").protocol("static"));

            List<Route> t100 = ip.routes(RouteQuery.table(100));
            assertEquals(1, t100.size());
            Route r = t100.get(0);
            assertEquals("10.20.0.0/16", r.dstText());
            assertEquals("10.2.0.2", Inet.format(r.gateway()));
            assertEquals(5L, r.priority());
            assertEquals(100, r.table());
            assertEquals(ip.index("ra"), r.oif());

            Route big = ip.routes(RouteQuery.table(100000)).get(0);
            assertEquals(100000, big.table());
            assertEquals(1400L, ((Number) big.metrics().get("mtu")).longValue());
            assertTrue(NS.ip("route", "show", "table", "100000").contains("mtu 1400"));

            Route bh = find(ip.routes(RouteQuery.table(254).family(Rtnl.AF_INET)), "10.22.0.0/16");
            assertEquals("blackhole", bh.typeName());
            Route mp = find(ip.routes(), "10.23.0.0/16");
            assertEquals(2, mp.multipath().size());
            assertEquals("10.2.1.2", Inet.format(mp.multipath().get(1).gateway()));
            assertEquals(3, mp.multipath().get(1).weight());
            assertTrue(NS.ip("route", "show", "10.23.0.0/16").contains("weight 3"));
            Route st = find(ip.routes(), "10.24.0.0/16");
            assertEquals("static", st.protocolName());
            assertEquals("link", st.scopeName());

            Route v6 = find(ip.routes(RouteQuery.table(254).family(Rtnl.AF_INET6)), "2001:db8:20::/48");
            assertEquals(7L, v6.priority());
            assertTrue(ip.routes(RouteQuery.table(254).family(Rtnl.AF_INET6)).stream()
                    .allMatch(x -> x.family() == Rtnl.AF_INET6));
            int ra = ip.index("ra");
            assertTrue(ip.routes(RouteQuery.table(0).dev("ra")).stream().allMatch(x -> x.oif() == ra
                    || !x.multipath().isEmpty()));
            // read in place: the same routes, each message an RTM_NEWROUTE the visitor decodes or copies
            List<Route> inPlace = new ArrayList<>();
            List<NetlinkMessage> copies = new ArrayList<>();
            ip.routeMessages(RouteQuery.table(0), c -> {
                assertEquals(Rtnl.RTM_NEWROUTE, c.type());
                inPlace.add(Route.from(c));
                copies.add(c.message());
            });
            assertEquals(ip.routes(RouteQuery.table(0)), inPlace);
            assertEquals(inPlace, copies.stream().map(Route::from).toList());

            Route got = ip.getRoute("10.2.0.77");
            assertEquals(ip.index("ra"), got.oif());
            assertEquals("10.2.0.1", Inet.format(got.prefsrc()));

            ip.replaceRoute(RouteRequest.to("10.20.0.0/16").gateway("10.2.1.2").table(100).metric(5));
            assertEquals("10.2.1.2", Inet.format(ip.routes(RouteQuery.table(100)).get(0).gateway()));
            ip.deleteRoute(RouteRequest.to("10.20.0.0/16").table(100).metric(5));
            assertEquals(0, ip.routes(RouteQuery.table(100)).size());
            assertEquals("", NS.ip("route", "show", "table", "100").trim());
            ip.deleteRoute(RouteRequest.to("10.22.0.0/16").type("blackhole"));
            assertFalse(NS.ip("route", "show").contains("10.22.0.0"));
            NetlinkException none = assertThrows(NetlinkException.class,
                    () -> ip.deleteRoute(RouteRequest.to("10.22.0.0/16").type("blackhole")));
            assertEquals(Errno.ESRCH, none.errno());
            ip.deleteLink("ra");
        }
    }

    private static Route find(List<Route> routes, String dst) {
        return routes.stream().filter(r -> r.dstText().equals(dst)).findFirst()
                .orElseThrow(() -> new AssertionError(dst + " not in " + routes.stream().map(Route::dstText).toList()));
    }

    @Test
    void neighboursAndRulesAreAddedAndDeleted() throws Exception {
        try (IPRoute ip = ip()) {
            ip.addNeighbour(NeighbourRequest.of("v0", "10.0.0.9").lladdr("02:00:00:00:00:09"));
            ip.addNeighbour(NeighbourRequest.of("v0", "2001:db8::9").lladdr("02:00:00:00:00:19").state("noarp"));
            JsonNode j = ipJson("neigh", "show", "10.0.0.9", "dev", "v0").get(0);
            assertEquals("02:00:00:00:00:09", j.get("lladdr").asText());
            assertEquals("PERMANENT", j.get("state").get(0).asText());
            Neighbour n = ip.neighbours(Rtnl.AF_INET, "v0").stream()
                    .filter(x -> Inet.format(x.dst()).equals("10.0.0.9")).findFirst().orElseThrow();
            assertEquals(List.of("PERMANENT"), n.stateNames());
            assertEquals("02:00:00:00:00:09", n.lladdr());
            assertEquals(List.of("NOARP"), ip.neighbours(Rtnl.AF_INET6, "v0").stream()
                    .filter(x -> Inet.format(x.dst()).equals("2001:db8::9")).findFirst().orElseThrow()
                    .stateNames());
            assertEquals(Errno.EEXIST, assertThrows(NetlinkException.class,
                    () -> ip.addNeighbour(NeighbourRequest.of("v0", "10.0.0.9").lladdr("02:00:00:00:00:09"))).errno());
            ip.deleteNeighbour(NeighbourRequest.of("v0", "10.0.0.9"));
            assertEquals("", NS.ip("neigh", "show", "10.0.0.9", "dev", "v0").trim());

            ip.addRule(RuleRequest.create().from("10.0.0.0/24").table(100).priority(100));
            ip.addRule(RuleRequest.create().to("10.5.0.0/16").type("blackhole").priority(101));
            JsonNode rules = ipJson("rule", "show");
            JsonNode r100 = null;
            for (JsonNode x : rules) {
                if (x.get("priority").asInt() == 100) {
                    r100 = x;
                }
            }
            assertNotNull(r100, rules.toString());
            assertEquals("10.0.0.0", r100.get("src").asText());
            assertEquals(24, r100.get("srclen").asInt());
            assertEquals("100", r100.get("table").asText());
            List<Rule> mine = ip.rules(Rtnl.AF_INET);
            assertEquals(rules.size(), mine.size());
            Rule r = mine.stream().filter(x -> x.priority() == 100L).findFirst().orElseThrow();
            assertEquals("10.0.0.0", Inet.format(r.src()));
            assertEquals(24, r.srcLen());
            assertEquals(100, r.table());
            assertEquals(6, mine.stream().filter(x -> x.priority() == 101).findFirst().orElseThrow().action());
            ip.deleteRule(RuleRequest.create().from("10.0.0.0/24").table(100).priority(100));
            ip.deleteRule(RuleRequest.create().priority(101).to("10.5.0.0/16").type("blackhole"));
            assertEquals(rules.size() - 2, ipJson("rule", "show").size());
        }
    }

    @Test
    void badInputIsRefusedWithAClearErrorAndNothingHalfApplied() throws Exception {
        try (IPRoute ip = ip()) {
            NetlinkException nodev = assertThrows(NetlinkException.class, () -> ip.link("nosuch0"));
            assertEquals(Errno.ENODEV, nodev.errno());
            assertTrue(nodev.getMessage().contains("no network device 'nosuch0'"), nodev.getMessage());
            assertEquals(Errno.ENODEV, assertThrows(NetlinkException.class,
                    () -> ip.addAddress(AddressRequest.of("nosuch0", "10.9.9.9/24"))).errno());

            IllegalArgumentException prefix = assertThrows(IllegalArgumentException.class,
                    () -> AddressRequest.of("v0", "10.0.0.300/24"));
            assertTrue(prefix.getMessage().contains("'10.0.0.300' is not an IPv4 or IPv6 address"), prefix.getMessage());
            assertTrue(assertThrows(IllegalArgumentException.class, () -> RouteRequest.to("10.0.0.0/33"))
                    .getMessage().contains("bad prefix length"));
            assertThrows(IllegalArgumentException.class, () -> RouteRequest.to("example.com"));

            NetlinkException unreachable = assertThrows(NetlinkException.class,
                    () -> ip.addRoute(RouteRequest.to("10.30.0.0/16").gateway("192.0.2.1")));
            assertEquals(Errno.ENETUNREACH, unreachable.errno());
            assertTrue(unreachable.getMessage().startsWith("route add 10.30.0.0/16: ENETUNREACH"), unreachable.getMessage());
            assertNotNull(unreachable.extAckMessage(), "the kernel explains: " + unreachable.getMessage());

            NetlinkException exists = assertThrows(NetlinkException.class, () -> ip.addLink(LinkRequest.veth("v0", "zz")));
            assertEquals(Errno.EEXIST, exists.errno());
            assertThrows(NetlinkException.class, () -> ip.link("zz"), "no half-made peer");
            assertEquals(Errno.EEXIST, assertThrows(NetlinkException.class,
                    () -> ip.addAddress(AddressRequest.of("v0", "10.0.0.1/24"))).errno());
            assertEquals(Errno.EEXIST, assertThrows(NetlinkException.class,
                    () -> ip.addLink(LinkRequest.tun("v0"))).errno());

            NetlinkException mtu = assertThrows(NetlinkException.class,
                    () -> ip.addLink(LinkRequest.veth("hm0", "hm1").mtu(70000)));
            assertEquals(Errno.EINVAL, mtu.errno());
            assertThrows(NetlinkException.class, () -> ip.link("hm0"), "nothing made");
            assertThrows(NetlinkException.class, () -> ip.link("hm1"), "nothing made");

            assertThrows(IllegalArgumentException.class, () -> LinkRequest.named("a-name-longer-than-15"));
            assertThrows(IllegalArgumentException.class, () -> ip.addLink(LinkRequest.named("nokind")));
            assertThrows(IllegalArgumentException.class, () -> RouteRequest.to("10.0.0.0/8").type("teleport"));
            assertThrows(IllegalArgumentException.class,
                    () -> ip.addRoute(RouteRequest.to("10.0.0.0/8").gateway("2001:db8::1")));
        }
    }

    /** pyroute2's default receive buffer (16 KiB): the kernel sends the dump in smaller datagrams, all of it arrives. */
    @Test
    void pyroute2sReceiveSizeDumpsWhole() throws Exception {
        try (IPRoute ip = ip()) {
            ip.addLink(LinkRequest.veth("rs0", "rs1").up());
            for (int i = 0; i < 1500; i++) {
                ip.addRoute(RouteRequest.to("10.90." + (i / 256) + "." + (i % 256) + "/32").dev("rs0").table(900));
            }
        }
        try (IPRoute small = new IPRoute(NS.spec(Netlink.NETLINK_ROUTE).rcvsize(16384).build())) {
            assertEquals(16384, small.socket().spec().rcvsize());
            List<Route> routes = small.routes(RouteQuery.table(900));
            assertEquals(1500, routes.size());
            assertEquals(ipJson("route", "show", "table", "900").size(), routes.size());
            small.deleteLink("rs0");
        }
    }

    @Test
    void onlinkGatewaysNeedNoCoveringPrefix() throws Exception {
        try (IPRoute ip = ip()) {
            ip.addLink(LinkRequest.veth("ol0", "ol1").up());
            ip.setLink(LinkRequest.named("ol1").up());
            NetlinkException off = assertThrows(NetlinkException.class,
                    () -> ip.addRoute(RouteRequest.to("10.70.0.0/16").gateway("198.51.100.1").dev("ol0")));
            assertEquals(Errno.ENETUNREACH, off.errno());
            ip.addRoute(RouteRequest.to("10.70.0.0/16").gateway("198.51.100.1").dev("ol0").onlink());
            ip.addRoute(RouteRequest.to("10.71.0.0/16").nexthop("198.51.100.1", "ol0", 1, true)
                    .nexthop("198.51.100.2", "ol1", 2, true));
            JsonNode one = ipJson("route", "show", "10.70.0.0/16").get(0);
            assertTrue(one.get("flags").toString().contains("onlink"), one.toString());
            JsonNode hops = ipJson("route", "show", "10.71.0.0/16").get(0).get("nexthops");
            assertTrue(hops.get(0).get("flags").toString().contains("onlink"), hops.toString());
            assertTrue(hops.get(1).get("flags").toString().contains("onlink"), hops.toString());
            ip.deleteLink("ol0");
        }
    }

    /** A device that does not exist is reported under the operation asked for, not the lookup behind it. */
    @Test
    void aMissingDeviceIsNamedUnderTheOperation() throws Exception {
        try (IPRoute ip = ip()) {
            NetlinkException a = assertThrows(NetlinkException.class,
                    () -> ip.addAddress(AddressRequest.of("nope0", "10.80.0.1/24")));
            assertEquals("address add 10.80.0.1/24 dev nope0", a.op());
            assertEquals(Errno.ENODEV, a.errno());
            NetlinkException r = assertThrows(NetlinkException.class,
                    () -> ip.addRoute(RouteRequest.to("10.80.0.0/16").dev("nope0")));
            assertEquals("route add 10.80.0.0/16", r.op());
            NetlinkException h = assertThrows(NetlinkException.class,
                    () -> ip.addRoute(RouteRequest.to("10.80.0.0/16").nexthop(null, "nope0", 1)));
            assertEquals("route add 10.80.0.0/16", h.op());
            NetlinkException n = assertThrows(NetlinkException.class,
                    () -> ip.deleteNeighbour(NeighbourRequest.of("nope0", "10.80.0.9")));
            assertEquals("neigh del 10.80.0.9 dev nope0", n.op());
            NetlinkException m = assertThrows(NetlinkException.class,
                    () -> ip.setLink(LinkRequest.named("lo").master("nope0")));
            assertEquals("link set lo", m.op());
        }
    }

    @Test
    void aHundredAndFiftyVirtualThreadsShareOneIPRoute() throws Exception {
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        try (IPRoute ip = ip(); var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            int links = ip.links().size();
            List<java.util.concurrent.Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                int n = i;
                all.add(threads.submit(() -> {
                    try {
                        if (ip.links().size() != links) {
                            problems.add("a link dump lost links");
                        }
                        String name = n % 2 == 0 ? "v0" : "lo";
                        if (!ip.link(name).name().equals(name)) {
                            problems.add("asked for " + name);
                        }
                        if (ip.addresses(Rtnl.AF_INET, "v0").size() != 1) {
                            problems.add("v0's address dump");
                        }
                    } catch (NetlinkException | RuntimeException e) {
                        problems.add(e.toString());
                    }
                }));
            }
            for (var f : all) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertEquals(List.of(), problems);
            assertEquals(0, ip.socket().pendingRequests());
        }
    }

    @Test
    void aMonitorStartsOnASocketThatRequestsBoundAlready() throws Exception {
        try (IPRoute ip = ip()) {
            assertFalse(ip.links().isEmpty()); // the automatic bind
            long port = ip.socket().port();
            RouteMonitor mon = ip.monitor(java.util.EnumSet.of(RouteMonitor.Kind.LINK), false);
            assertEquals(port, ip.socket().port(), "rebound with its groups on the same port");
            NS.ip("link", "add", "mon0", "type", "bridge");
            boolean seen = false;
            for (int i = 0; i < 20 && !seen; i++) {
                for (RouteMonitor.Event e : mon.next(java.time.Duration.ofMillis(200))) {
                    seen |= e instanceof RouteMonitor.Change c && c.object() instanceof Link l && l.name().equals("mon0");
                }
            }
            assertTrue(seen, "the new link's notification arrived");
            NS.ip("link", "del", "mon0");
        }
    }

    @Test
    void worksInAnotherNamespaceThroughTheSpec() throws Exception {
        String other = NS.another("iprt");
        try (IPRoute ip = new IPRoute(io.jnetlink.socket.NetlinkSocketSpec.builder().netns(other).build())) {
            assertEquals(List.of(), ip.routes(), "a fresh namespace's main table is empty, not missing");
            assertEquals(Errno.ENOENT, assertThrows(NetlinkException.class,
                    () -> ip.routes(RouteQuery.table(12345).family(Rtnl.AF_INET))).errno());
            ip.addLink(LinkRequest.bridge("obr0"));
            assertTrue(KernelNamespace.run(List.of("ip", "-n", other, "link", "show", "obr0")).contains("obr0"));
            Map<String, Link> byName = ip.links().stream().collect(Collectors.toMap(Link::name, l -> l));
            assertTrue(byName.containsKey("obr0"));
            assertFalse(byName.containsKey("v0"));
        }
        assertThrows(NetlinkException.class, () -> {
            try (IPRoute ip = ip()) {
                ip.link("obr0");
            }
        });
    }

    static InetAddress addr(String s) {
        return InetAddress.ofLiteral(s);
    }
}
