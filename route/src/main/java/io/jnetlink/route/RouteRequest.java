package io.jnetlink.route;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route to add, replace or delete ({@link IPRoute#addRoute}, {@link IPRoute#replaceRoute},
 * {@link IPRoute#deleteRoute}), in {@code ip route}'s terms:
 *
 * <pre>{@code
 * RouteRequest.to("10.9.0.0/16").gateway("10.0.0.2").table(100).metric(5)
 * RouteRequest.to("10.8.0.0/16").type("blackhole")
 * RouteRequest.to("default").nexthop("10.0.0.2", "v0", 1).nexthop("10.0.1.2", "v1", 2)
 * RouteRequest.to("2001:db8:1::/48").dev("v0").metric("mtu", 1400)
 * RouteRequest.to("10.7.0.0/16").nhid(10)
 * }</pre>
 *
 * The family follows the destination (or the gateway for "default"). A mutable builder, used once.
 */
public final class RouteRequest {
    final String dstText;
    Inet.Prefix dst;
    InetAddress gateway;
    String dev;
    Long table;
    Long metric;
    InetAddress prefsrc;
    Integer type;
    Integer scope;
    Integer protocol;
    Integer family;
    int tos;
    Long nhId;
    boolean onlink;
    final Map<String, Object> metrics = new LinkedHashMap<>();
    final List<Hop> nexthops = new ArrayList<>();

    /** One next hop of a multipath route. */
    record Hop(InetAddress gateway, String dev, int weight, boolean onlink) {
    }

    private RouteRequest(String dst) {
        this.dstText = dst;
    }

    /**
     * A route to {@code dst}: "10.0.0.0/24", "2001:db8::/64", a host address, or "default" (also "all", "any").
     *
     * @param dst an IPv4 or IPv6 prefix, a bare address (a host route), or "default"
     * @return a new request
     * @throws IllegalArgumentException when {@code dst} is null, not an address literal, or has a bad prefix length
     */
    public static RouteRequest to(String dst) {
        RouteRequest r = new RouteRequest(dst);
        Inet.prefix(dst, "route", Rtnl.AF_INET);
        return r;
    }

    /**
     * The gateway (RTA_GATEWAY), of the destination's family.
     *
     * @param gw an IPv4 or IPv6 literal
     * @return this request
     * @throws IllegalArgumentException when {@code gw} is not an IPv4 or IPv6 literal
     */
    public RouteRequest gateway(String gw) {
        this.gateway = Inet.address(gw, "gateway");
        return this;
    }

    /**
     * The output device (RTA_OIF).
     *
     * @param d the device name (its ifindex is looked up when the request is sent)
     * @return this request
     */
    public RouteRequest dev(String d) {
        this.dev = d;
        return this;
    }

    /**
     * The table: 1 to 4294967295 (default main, 254); ids above 255 go in RTA_TABLE only.
     *
     * @param t the table id, 1 to 4294967295
     * @return this request
     * @throws IllegalArgumentException when {@code t} is outside 1..4294967295
     */
    public RouteRequest table(long t) {
        if (t < 1 || t > 0xffffffffL) {
            throw new IllegalArgumentException("table " + t + " is outside 1..4294967295");
        }
        this.table = t;
        return this;
    }

    /**
     * The table by name (main, local, default) or number.
     *
     * @param t main, local, default, or a number 1 to 4294967295
     * @return this request
     * @throws IllegalArgumentException when {@code t} is neither a table name nor a number in 1..4294967295
     */
    public RouteRequest table(String t) {
        return table(Names.parseTable(t));
    }

    /**
     * The metric (RTA_PRIORITY): among routes to the same prefix the lowest wins.
     *
     * @param m the metric, 0 to 4294967295
     * @return this request
     * @throws IllegalArgumentException when {@code m} is outside 0..4294967295
     */
    public RouteRequest metric(long m) {
        if (m < 0 || m > 0xffffffffL) {
            throw new IllegalArgumentException("metric " + m + " is outside 0..4294967295");
        }
        this.metric = m;
        return this;
    }

    /**
     * A route metric of RTA_METRICS by name: mtu, advmss, hoplimit, window, initcwnd, ...
     *
     * @param name  the metric's name in the rt_route metrics attribute set (mtu, advmss, hoplimit, ...)
     * @param value its value (bytes for mtu and advmss, a count for hoplimit and initcwnd, ...)
     * @return this request
     * @throws IllegalArgumentException when {@code name} is not a route metric
     */
    public RouteRequest metric(String name, long value) {
        if (Rtnl.SCHEMA.attributeSet("metrics").byName(name) == null) {
            throw new IllegalArgumentException("unknown route metric '" + name + "' (mtu, advmss, hoplimit, window, "
                    + "rtt, initcwnd, ...)");
        }
        metrics.put(name, value);
        return this;
    }

    /**
     * The preferred source address (RTA_PREFSRC), as {@code ip route add ... src A}.
     *
     * @param src an IPv4 or IPv6 literal
     * @return this request
     * @throws IllegalArgumentException when {@code src} is not an IPv4 or IPv6 literal
     */
    public RouteRequest prefsrc(String src) {
        this.prefsrc = Inet.address(src, "prefsrc");
        return this;
    }

    /**
     * The route type (rtm_type): unicast (the default), local, blackhole, unreachable, prohibit, throw, ...
     *
     * @param t unspec, unicast, local, broadcast, anycast, multicast, blackhole, unreachable, prohibit, throw,
     *          nat or xresolve
     * @return this request
     * @throws IllegalArgumentException when {@code t} is not a route type
     */
    public RouteRequest type(String t) {
        this.type = Names.parseType(t);
        return this;
    }

    /**
     * The scope (rtm_scope): global, link, host or a number (by default chosen as {@code ip} does).
     *
     * @param s global (or universe), site, link, host, nowhere, or a number 0-255
     * @return this request
     * @throws IllegalArgumentException when {@code s} is none of those
     */
    public RouteRequest scope(String s) {
        this.scope = Names.parseScope(s);
        return this;
    }

    /**
     * The protocol (rtm_protocol): kernel, boot, static, ... or a number (default boot, as {@code ip} sets).
     *
     * @param p an RTPROT_* name as iproute2 spells it (static, bgp, ...), or a number 0-255
     * @return this request
     * @throws IllegalArgumentException when {@code p} is none of those
     */
    public RouteRequest protocol(String p) {
        this.protocol = Names.parseProtocol(p);
        return this;
    }

    /**
     * The TOS selector (rtm_tos; default 0, any).
     *
     * @param t the TOS byte, 0 to 255
     * @return this request
     * @throws IllegalArgumentException when {@code t} is outside 0..255
     */
    public RouteRequest tos(int t) {
        if (t < 0 || t > 255) {
            throw new IllegalArgumentException("tos " + t + " is outside 0..255");
        }
        this.tos = t;
        return this;
    }

    /**
     * The address family (AF_INET or AF_INET6), for "default" without a gateway (otherwise IPv4).
     *
     * @param af {@link Rtnl#AF_INET} (2) or {@link Rtnl#AF_INET6} (10)
     * @return this request
     * @throws IllegalArgumentException when {@code af} is neither
     */
    public RouteRequest family(int af) {
        if (af != Rtnl.AF_INET && af != Rtnl.AF_INET6) {
            throw new IllegalArgumentException("family must be AF_INET (2) or AF_INET6 (10), got " + af);
        }
        this.family = af;
        return this;
    }

    /**
     * Adds a next hop of a multipath route.
     *
     * @param gateway the next hop's gateway, or null for a device route
     * @param dev     its output device, or null
     * @param weight  its weight, 1..256
     * @return this request
     * @throws IllegalArgumentException for a weight outside 1..256 or a malformed gateway
     */
    public RouteRequest nexthop(String gateway, String dev, int weight) {
        return nexthop(gateway, dev, weight, false);
    }

    /**
     * Adds a next hop of a multipath route, {@code onlink} as {@code ip}'s {@code nexthop via GW dev D onlink}.
     *
     * @param gateway the next hop's gateway, or null for a device route
     * @param dev     its output device, or null
     * @param weight  its weight, 1..256
     * @param onlink  whether the gateway is taken as on the device's link (RTNH_F_ONLINK)
     * @return this request
     * @throws IllegalArgumentException for a weight outside 1..256 or a malformed gateway
     */
    public RouteRequest nexthop(String gateway, String dev, int weight, boolean onlink) {
        if (weight < 1 || weight > 256) {
            throw new IllegalArgumentException("next hop weight " + weight + " is outside 1..256");
        }
        nexthops.add(new Hop(gateway == null ? null : Inet.address(gateway, "nexthop"), dev, weight, onlink));
        return this;
    }

    /**
     * Takes the gateway as on the output device's link even when no prefix of the device covers it
     * (RTNH_F_ONLINK, {@code ip route add ... onlink}); the kernel still needs {@code dev}.
     *
     * @return this request
     */
    public RouteRequest onlink() {
        this.onlink = true;
        return this;
    }

    /**
     * Routes through the nexthop object (or group) {@code id} (RTA_NH_ID), as {@code ip route add ... nhid N}; such a
     * route has no gateway, device or next hops of its own.
     *
     * @param id the nexthop object's id, 1 to 4294967295
     * @return this request
     * @throws IllegalArgumentException when {@code id} is outside 1..4294967295
     */
    public RouteRequest nhid(long id) {
        if (id < 1 || id > 0xffffffffL) {
            throw new IllegalArgumentException("nhid " + id + " is outside 1..4294967295");
        }
        this.nhId = id;
        return this;
    }

    /** The family: as set, else the gateway's or a next hop's, else the destination's. */
    int resolvedFamily() {
        if (family != null) {
            return family;
        }
        if (!dstText.equals("default")) {
            return Inet.prefix(dstText, "route", Rtnl.AF_INET).family();
        }
        if (gateway != null) {
            return Inet.family(gateway);
        }
        for (Hop h : nexthops) {
            if (h.gateway() != null) {
                return Inet.family(h.gateway());
            }
        }
        return Rtnl.AF_INET;
    }
}
