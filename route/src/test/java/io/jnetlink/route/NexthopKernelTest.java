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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nexthop objects against the real kernel in a namespace of its own: what IPRoute adds, {@code ip -j -d nexthop
 * show} sees, and what IPRoute reads equals what ip reads, object by object.
 */
class NexthopKernelTest {
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

    @BeforeAll
    static void base() throws Exception {
        NS.ip("link", "set", "lo", "up");
        NS.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        NS.ip("link", "set", "v0", "up");
        NS.ip("link", "set", "v1", "up");
        NS.ip("addr", "add", "10.0.0.1/24", "dev", "v0");
        NS.ip("addr", "add", "2001:db8::1/64", "dev", "v0", "nodad");
        NS.ip("link", "add", "br0", "type", "bridge");
        NS.ip("link", "add", "w0", "type", "veth", "peer", "name", "w1");
        NS.ip("link", "set", "w0", "master", "br0");
        NS.ip("link", "set", "w0", "up");
        NS.ip("link", "set", "w1", "up");
        NS.ip("addr", "add", "10.1.0.1/24", "dev", "w0");
    }

    /** Every field of {@code n} against ip's object {@code o} (ip -j -d: scope and protocol always printed). */
    static void sameAsIp(JsonNode o, Nexthop n, IPRoute ip) throws NetlinkException {
        String what = o + " vs " + n;
        assertEquals(o.get("id").asLong(), n.id(), what);
        assertEquals(o.path("gateway").asText(null), n.gateway() == null ? null : Inet.format(n.gateway()), what);
        assertEquals(o.path("dev").asText(null), n.oif() == 0 ? null : ip.link(n.oif()).name(), what);
        assertEquals(o.get("scope").asText(), n.scopeName(), what);
        assertEquals(o.get("protocol").asText(), n.protocolName(), what);
        assertEquals(o.has("blackhole"), n.blackhole(), what);
        assertEquals(o.has("fdb"), n.fdb(), what);
        List<String> flags = new ArrayList<>();
        o.get("flags").forEach(f -> flags.add(f.asText()));
        assertEquals(flags, n.flagNames(), what);
        List<Nexthop.Member> members = new ArrayList<>();
        o.path("group").forEach(g -> members.add(new Nexthop.Member(g.get("id").asLong(), g.path("weight").asInt(1))));
        assertEquals(members, n.group(), what);
        assertEquals(o.path("type").asText("mpath"), n.groupType() == 1 ? "resilient" : "mpath", what);
        JsonNode res = o.get("resilient_args");
        if (res == null) {
            assertNull(n.resilient(), what);
        } else {
            assertEquals(res.get("buckets").asInt(), n.resilient().buckets(), what);
            assertEquals(res.get("idle_timer").asDouble(), n.resilient().idleTimer() / 100.0, what);
            assertEquals(res.get("unbalanced_timer").asDouble(), n.resilient().unbalancedTimer() / 100.0, what);
        }
    }

    static void allSameAsIp(IPRoute ip, List<Nexthop> mine, String... filter) throws NetlinkException {
        List<String> args = new ArrayList<>(List.of("-d", "nexthop", "show"));
        args.addAll(List.of(filter));
        JsonNode theirs = ipJson(args.toArray(String[]::new));
        assertEquals(theirs.size(), mine.size(), theirs + "\n" + mine);
        for (int i = 0; i < mine.size(); i++) {
            sameAsIp(theirs.get(i), mine.get(i), ip);
        }
    }

    @Test
    void singlesGroupsAndFdbNexthopsAreWhatIpSees() throws Exception {
        try (IPRoute ip = ip()) {
            ip.addNexthop(NexthopRequest.id(1).gateway("10.0.0.2").dev("v0"));
            ip.addNexthop(NexthopRequest.id(2).gateway("10.0.0.3").dev("v0").protocol("static"));
            ip.addNexthop(NexthopRequest.id(3).blackhole());
            ip.addNexthop(NexthopRequest.id(4).dev("v0"));
            ip.addNexthop(NexthopRequest.id(5).gateway("2001:db8::2").dev("v0"));
            ip.addNexthop(NexthopRequest.id(6).gateway("10.9.9.9").dev("v0").onlink());
            ip.addNexthop(NexthopRequest.id(10).member(1, 1).member(2, 3));
            ip.addNexthop(NexthopRequest.id(11).member(1, 2).member(2, 1).resilient(32, 120L, 300L));
            ip.addNexthop(NexthopRequest.id(20).gateway("10.0.0.7").fdb());
            ip.addNexthop(NexthopRequest.id(21).gateway("10.0.0.8").fdb());
            ip.addNexthop(NexthopRequest.id(22).member(20, 1).member(21, 1).fdb());

            List<Nexthop> all = ip.nexthops();
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 10L, 11L, 20L, 21L, 22L), all.stream().map(Nexthop::id).toList());
            allSameAsIp(ip, all);
            allSameAsIp(ip, ip.nexthops(NexthopQuery.all().groups()), "groups");
            allSameAsIp(ip, ip.nexthops(NexthopQuery.all().fdb()), "fdb");
            allSameAsIp(ip, ip.nexthops(NexthopQuery.all().dev("v0")), "dev", "v0");
            for (Nexthop n : all) {
                assertEquals(n, ip.nexthop(n.id()), "get id " + n.id() + " equals its dump entry");
            }
            Nexthop v6 = ip.nexthop(5);
            assertEquals(Rtnl.AF_INET6, v6.family());
            assertEquals(List.of("onlink"), ip.nexthop(6).flagNames());
            assertTrue(ip.nexthop(10).isGroup());
            assertEquals(new Nexthop.Resilient(32, 12000, 30000, 0), ip.nexthop(11).resilient());

            // a route through a group: the kernel expands it, ip and IPRoute see the nhid
            ip.addRoute(RouteRequest.to("10.9.0.0/16").nhid(10));
            Route r = ip.routes(RouteQuery.table(254).family(Rtnl.AF_INET)).stream()
                    .filter(x -> x.dstLen() == 16).findFirst().orElseThrow();
            assertEquals(10L, r.nhId());
            assertEquals(2, r.multipath().size(), "the group's members as next hops: " + r);
            JsonNode ipRoute = ipJson("route", "show", "10.9.0.0/16").get(0);
            assertEquals(10, ipRoute.get("nhid").asInt());

            // replace: the nexthop changes under the route
            ip.replaceNexthop(NexthopRequest.id(1).gateway("10.0.0.9").dev("v0"));
            assertEquals("10.0.0.9", ipJson("nexthop", "show", "id", "1").get(0).get("gateway").asText());

            // delete one; flush the rest as ip does (groups first), counting what went
            ip.deleteNexthop(6);
            assertEquals(10, ipJson("nexthop", "show").size());
            assertEquals(10, ip.flushNexthops(NexthopQuery.all()));
            assertEquals(0, ipJson("nexthop", "show").size());
            assertTrue(ip.nexthops().isEmpty());
            assertEquals(0, ipJson("route", "show", "10.9.0.0/16").size(), "the route went with its nexthop");
        }
    }

    @Test
    void weightsAboveIpsByteAndFilteredFlushes() throws Exception {
        try (IPRoute ip = ip()) {
            ip.addNexthop(NexthopRequest.id(101).gateway("10.1.0.2").dev("w0"));
            ip.addNexthop(NexthopRequest.id(102).gateway("10.1.0.3").dev("w0"));
            ip.addNexthop(NexthopRequest.id(103).gateway("10.0.0.4").dev("v0"));
            // weights above 256 use the byte the kernel added in 6.12 (weight_high); ip 6.1 does not read it
            ip.addNexthop(NexthopRequest.id(110).member(101, 1000).member(102, 256));
            assertEquals(List.of(new Nexthop.Member(101, 1000), new Nexthop.Member(102, 256)), ip.nexthop(110).group());
            allSameAsIp(ip, ip.nexthops(NexthopQuery.all().master("br0")), "master", "br0");
            assertEquals(2, ip.nexthops(NexthopQuery.all().master("br0")).size());
            assertEquals(1, ip.flushNexthops(NexthopQuery.all().dev("v0")), "only v0's");
            assertEquals(List.of(101L, 102L, 110L), ip.nexthops().stream().map(Nexthop::id).toList());
            ip.flushNexthops(NexthopQuery.all());
        }
    }

    @Test
    void refusalsNameTheOperationAndBadInputSendsNothing() throws Exception {
        try (IPRoute ip = ip()) {
            ip.addNexthop(NexthopRequest.id(201).gateway("10.0.0.2").dev("v0"));
            NetlinkException dup = assertThrows(NetlinkException.class,
                    () -> ip.addNexthop(NexthopRequest.id(201).gateway("10.0.0.3").dev("v0")));
            assertEquals(Errno.EEXIST, dup.errno());
            assertTrue(dup.getMessage().startsWith("nexthop add id 201: EEXIST"), dup.getMessage());
            NetlinkException none = assertThrows(NetlinkException.class, () -> ip.deleteNexthop(299));
            assertEquals(Errno.ENOENT, none.errno());
            assertTrue(none.getMessage().startsWith("nexthop del id 299: ENOENT"), none.getMessage());
            NetlinkException get = assertThrows(NetlinkException.class, () -> ip.nexthop(299));
            assertTrue(get.getMessage().startsWith("nexthop get id 299: ENOENT"), get.getMessage());
            NetlinkException unreachable = assertThrows(NetlinkException.class,
                    () -> ip.addNexthop(NexthopRequest.id(202).gateway("10.77.0.1").dev("v0")));
            assertEquals(Errno.ENETUNREACH, unreachable.errno());
            assertFalse(unreachable.extAckMessage() == null, "the kernel says why: " + unreachable);
            NetlinkException missing = assertThrows(NetlinkException.class,
                    () -> ip.addNexthop(NexthopRequest.id(203).member(201, 1).member(298, 1)));
            assertTrue(missing.getMessage().startsWith("nexthop add id 203: "), missing.getMessage());
            NetlinkException nodev = assertThrows(NetlinkException.class,
                    () -> ip.addNexthop(NexthopRequest.id(204).dev("nosuch0")));
            assertEquals(Errno.ENODEV, nodev.errno());
            assertTrue(nodev.getMessage().startsWith("nexthop add id 204: "), nodev.getMessage());

            assertThrows(IllegalArgumentException.class, () -> NexthopRequest.id(0));
            assertThrows(IllegalArgumentException.class, () -> NexthopRequest.id(1L << 32));
            assertThrows(IllegalArgumentException.class, () -> NexthopRequest.id(5).member(1, 0));
            assertThrows(IllegalArgumentException.class, () -> NexthopRequest.id(5).member(1, 65537));
            assertThrows(IllegalArgumentException.class, () -> NexthopRequest.id(5).gateway("10.0.0.300"));
            assertThrows(IllegalArgumentException.class, () -> NexthopRequest.id(5).type("fancy"));
            assertThrows(IllegalArgumentException.class, () -> NexthopRequest.id(5).protocol("nosuchproto"));
            IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                    () -> ip.addNexthop(NexthopRequest.id(205)));
            assertEquals("nexthop add id 205: a nexthop needs via, dev, blackhole or group members", empty.getMessage());
            IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                    () -> ip.addNexthop(NexthopRequest.id(206).member(201, 1).gateway("10.0.0.2")));
            assertTrue(mixed.getMessage().contains("a group has members only"), mixed.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> ip.addNexthop(NexthopRequest.id(207).blackhole().dev("v0")));
            assertThrows(IllegalArgumentException.class,
                    () -> ip.addNexthop(NexthopRequest.id(208).gateway("10.0.0.2").type("resilient")));
            assertThrows(IllegalArgumentException.class,
                    () -> ip.addNexthop(NexthopRequest.id(209).gateway("10.0.0.2").family(Rtnl.AF_INET6)));
            assertThrows(IllegalArgumentException.class,
                    () -> ip.addRoute(RouteRequest.to("10.50.0.0/16").nhid(201).gateway("10.0.0.2")));
            assertEquals(List.of(201L), ip.nexthops().stream().map(Nexthop::id).toList(), "nothing else was made");
            ip.deleteNexthop(201);
        }
    }
}
