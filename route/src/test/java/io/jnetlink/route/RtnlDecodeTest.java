package io.jnetlink.route;

import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.MessageBuilder;
import io.jnetlink.message.NetlinkMessage;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rtnetlink definitions and the typed decoders, on bytes made here (no kernel). */
class RtnlDecodeTest {
    static final Marshal MARSHAL = Marshal.classic(Rtnl.SCHEMA);

    static NetlinkMessage roundTrip(MessageBuilder b) {
        List<NetlinkMessage> l = MARSHAL.parse(b.build().toByteArray());
        assertEquals(1, l.size());
        return l.get(0);
    }

    /** Two next hops: rtnexthop {len, flags, hops, ifindex} each followed by its RTA_GATEWAY. */
    static byte[] twoHops() {
        return new byte[] {
            16, 0, 0, 0, 3, 0, 0, 0, 8, 0, 5, 0, 10, 0, 0, 2,
            16, 0, 16, 2, 4, 0, 0, 0, 8, 0, 5, 0, 10, 0, 1, 2};
    }

    @Test
    void aRouteDecodesEveryAttributeItCarries() {
        NetlinkMessage m = roundTrip(MessageBuilder.of(Rtnl.SCHEMA, "newroute")
                .header(Map.of("rtm-family", 2, "rtm-dst-len", 16, "rtm-table", 0, "rtm-protocol", 4, "rtm-scope", 0,
                        "rtm-type", 1, "rtm-flags", 16))
                .attr("dst", InetAddress.ofLiteral("10.23.0.0"))
                .attr("table", 100000L)
                .attr("priority", 7L)
                .attr("prefsrc", InetAddress.ofLiteral("10.2.0.1"))
                .attr("metrics", Map.of("mtu", 1400L))
                .attr("multipath", twoHops())
                .attr("mark", 9L));
        Route r = Route.from(m);
        assertEquals("10.23.0.0/16", r.dstText());
        assertEquals(100000, r.table());
        assertEquals("100000", r.tableName());
        assertEquals("static", r.protocolName());
        assertEquals("global", r.scopeName());
        assertEquals("unicast", r.typeName());
        assertEquals(List.of("linkdown"), r.flagNames());
        assertEquals(7L, r.priority());
        assertEquals("10.2.0.1", Inet.format(r.prefsrc()));
        assertEquals(1400L, r.metrics().get("mtu"));
        assertEquals(9L, r.mark());
        assertEquals(List.of(new Route.NextHop(InetAddress.ofLiteral("10.0.0.2"), 3, 1, 0),
                new Route.NextHop(InetAddress.ofLiteral("10.0.1.2"), 4, 3, 16)), r.multipath());
        assertNull(r.gateway());
        assertNull(r.expires());
    }

    @Test
    void aDefaultRouteAndAHostRouteReadAsIpWritesThem() {
        NetlinkMessage def = roundTrip(MessageBuilder.of(Rtnl.SCHEMA, "newroute").header("rtm-family", 10)
                .attr("gateway", InetAddress.ofLiteral("fe80::1")));
        assertEquals("default", Route.from(def).dstText());
        assertEquals("main", new Route(2, 0, 0, 0, 254, 0, 0, 1, 0, null, null, null, 0, 0, null, null, null, null,
                null, null, null, 0, null).tableName());
        NetlinkMessage host = roundTrip(MessageBuilder.of(Rtnl.SCHEMA, "newroute")
                .header(Map.of("rtm-family", 10, "rtm-dst-len", 128)).attr("dst", InetAddress.ofLiteral("2001:db8::9")));
        assertEquals("2001:db8::9", Route.from(host).dstText());
    }

    @Test
    void aMultipathNextHopOfBadLengthIsMalformedNotACrash() {
        byte[] bad = {4, 0, 0, 0, 3, 0, 0, 0};
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> roundTrip(
                MessageBuilder.of(Rtnl.SCHEMA, "newroute").header("rtm-family", 2).attr("multipath", bad)),
                "found at the door, by the definitions' records");
        assertTrue(e.getMessage().contains("rtnexthop length 4 outside 8..8"), e.getMessage());
        byte[] past = {40, 0, 0, 0, 3, 0, 0, 0};
        assertThrows(MalformedMessageException.class, () -> roundTrip(MessageBuilder.of(Rtnl.SCHEMA, "newroute")
                .header("rtm-family", 2).attr("multipath", past)));
        NetlinkMessage m3 = roundTrip(MessageBuilder.of(Rtnl.SCHEMA, "newroute").header("rtm-family", 2)
                .attr("dst", new byte[] {10, 0, 0}));
        assertTrue(assertThrows(MalformedMessageException.class, () -> Route.from(m3)).getMessage()
                .contains("3 bytes is not an IPv4 or IPv6 address"));
        // a next hop whose gateway is 3 bytes (found by RtnlFuzzer: it was a ClassCastException)
        byte[] hopGw3 = {16, 0, 0, 0, 3, 0, 0, 0, 7, 0, 5, 0, 10, 0, 0, 0};
        NetlinkMessage m4 = roundTrip(MessageBuilder.of(Rtnl.SCHEMA, "newroute").header("rtm-family", 2)
                .attr("multipath", hopGw3));
        assertTrue(assertThrows(MalformedMessageException.class, () -> Route.from(m4)).getMessage()
                .contains("a next hop's gateway is not one IPv4 or IPv6 address (3 bytes)"));
    }

    @Test
    void anAddressWithAPeerKeepsBoth() {
        NetlinkMessage m = roundTrip(MessageBuilder.of(Rtnl.SCHEMA, "newaddr")
                .header(Map.of("ifa-family", 2, "ifa-prefixlen", 32, "ifa-scope", 0, "ifa-index", 5))
                .attr("address", InetAddress.ofLiteral("10.9.0.2"))
                .attr("local", InetAddress.ofLiteral("10.9.0.1"))
                .attr("label", "tun0")
                .attr("flags", 0x80L));
        Address a = Address.from(m);
        assertEquals("10.9.0.1/32", a.cidr());
        assertEquals("10.9.0.2", Inet.format(a.peer()));
        assertEquals(List.of("permanent"), a.flagNames());
        assertEquals("inet", a.familyName());
        assertEquals("global", a.scopeName());
    }

    @Test
    void aLinkReadsItsKindAndData() {
        NetlinkMessage m = roundTrip(MessageBuilder.of(Rtnl.SCHEMA, "newlink")
                .header(Map.of("ifi-index", 7, "ifi-type", 1, "ifi-flags", 0x11043))
                .attr("ifname", "vx0").attr("mtu", 1450L).attr("address", "02:00:00:00:00:01")
                .attr("operstate", "up")
                .attr("linkinfo", Map.of("kind", "vxlan", "data", Map.of("id", 42L, "port", 4789))));
        Link l = Link.from(m);
        assertEquals("vx0", l.name());
        assertEquals(List.of("UP", "BROADCAST", "RUNNING", "MULTICAST", "LOWER_UP"), l.flagNames());
        assertEquals("UP", l.operstateName());
        assertEquals("ether", l.linkType());
        assertEquals("vxlan", l.kind());
        assertEquals(42L, l.data().get("id"));
        assertEquals(4789L, l.data().get("port"));
    }

    @Test
    void addressesPrintInTheShortFormIpUses() {
        assertEquals("2001:db8::1", Inet.format(InetAddress.ofLiteral("2001:db8:0:0:0:0:0:1")));
        assertEquals("::", Inet.format(InetAddress.ofLiteral("::")));
        assertEquals("::1", Inet.format(InetAddress.ofLiteral("::1")));
        assertEquals("fe80::", Inet.format(InetAddress.ofLiteral("fe80::")));
        assertEquals("2001:db8:0:1:1:1:1:1", Inet.format(InetAddress.ofLiteral("2001:db8:0:1:1:1:1:1")));
        assertEquals("1:0:0:2::3", Inet.format(InetAddress.ofLiteral("1:0:0:2:0:0:0:3")));
        assertEquals("10.0.0.1", Inet.format(InetAddress.ofLiteral("10.0.0.1")));
    }

    @Test
    void requestsRefuseBadArgumentsBeforeAnythingIsSent() {
        assertThrows(IllegalArgumentException.class, () -> RouteRequest.to("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> RouteRequest.to("10.0.0.0/x"));
        assertThrows(IllegalArgumentException.class, () -> RouteRequest.to("10.0.0").gateway("10.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> RouteRequest.to("default").nexthop("10.0.0.1", "v0", 0));
        assertThrows(IllegalArgumentException.class, () -> RouteRequest.to("default").metric("speed", 1));
        assertThrows(IllegalArgumentException.class, () -> RouteRequest.to("default").table(0));
        assertThrows(IllegalArgumentException.class, () -> RouteRequest.to("default").table("nosuch"));
        assertEquals(255, Names.parseTable("local"));
        assertThrows(IllegalArgumentException.class, () -> RuleRequest.create().type("teleport"));
        assertThrows(IllegalArgumentException.class, () -> RuleRequest.create().tos(256));
        assertThrows(IllegalArgumentException.class, () -> RuleRequest.create().fwmark(-1, null));
        assertThrows(IllegalArgumentException.class, () -> RuleRequest.create().fwmark(1, 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> NeighbourRequest.of("v0", "10.0.0.9").state("happy"));
        assertThrows(IllegalArgumentException.class, () -> AddressRequest.of("v0", "10.0.0.1/24").scope("galaxy"));
        assertThrows(IllegalArgumentException.class, () -> AddressRequest.of("v0", "10.0.0.1/32").peer("fe80::1"));
        assertThrows(IllegalArgumentException.class, () -> LinkRequest.named("bad/name"));
        assertThrows(IllegalArgumentException.class, () -> LinkRequest.named("bad:name"));
        assertThrows(IllegalArgumentException.class, () -> LinkRequest.named(".."));
        assertThrows(IllegalArgumentException.class, () -> LinkRequest.named("\u00e9".repeat(8)), "16 bytes in UTF-8");
        LinkRequest.named("\u00e9".repeat(7)); // 14 bytes
        LinkRequest.named("a".repeat(15));
        assertThrows(IllegalArgumentException.class, () -> LinkRequest.gre("g0", "2001:db8::1", null));
        assertThrows(IllegalArgumentException.class, () -> NexthopRequest.id(1).dev("a".repeat(16)));
        assertThrows(IllegalArgumentException.class, () -> LinkRequest.named("v0").mtu(0));
        assertEquals(Rtnl.AF_INET6, RouteRequest.to("default").gateway("fe80::1").resolvedFamily());
    }
}
