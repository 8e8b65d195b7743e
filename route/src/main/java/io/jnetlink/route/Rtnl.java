package io.jnetlink.route;

import io.jnetlink.Netlink;
import io.jnetlink.message.HeaderField;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.MessageCursor;
import io.jnetlink.message.NetlinkMessage;

import io.jnetlink.schema.AttrDef;
import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.Display;
import io.jnetlink.schema.EnumDef;
import io.jnetlink.schema.Schema;
import io.jnetlink.schema.StructDef;
import io.jnetlink.schema.StructDef.Member;
import io.jnetlink.schema.SubMessageDef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.jnetlink.schema.AttrType.BINARY;
import static io.jnetlink.schema.AttrType.FLAG;
import static io.jnetlink.schema.AttrType.PAD;
import static io.jnetlink.schema.AttrType.S32;
import static io.jnetlink.schema.AttrType.STRING;
import static io.jnetlink.schema.AttrType.U16;
import static io.jnetlink.schema.AttrType.U32;
import static io.jnetlink.schema.AttrType.U64;
import static io.jnetlink.schema.AttrType.U8;
import static io.jnetlink.schema.AttrType.UINT;

/**
 * The rtnetlink definitions: fixed headers (ifinfomsg, ifaddrmsg, rtmsg, ndmsg, fib_rule_hdr) and their attribute
 * tables (IFLA_*, IFA_*, RTA_*, NDA_*, FRA_*), as data in the core's definition model. Names follow the kernel's
 * YNL specs (rt_link, rt_addr, rt_route, rt_neigh, rt_rule), numbers the uapi headers of kernel 6.18. Attributes
 * newer than these tables are kept raw by the decoder.
 */
public final class Rtnl {
    /** RTM_NEWLINK. */
    public static final int RTM_NEWLINK = 16;
    /** RTM_DELLINK. */
    public static final int RTM_DELLINK = 17;
    /** RTM_GETLINK. */
    public static final int RTM_GETLINK = 18;
    /** RTM_SETLINK. */
    public static final int RTM_SETLINK = 19;
    /** RTM_NEWADDR. */
    public static final int RTM_NEWADDR = 20;
    /** RTM_DELADDR. */
    public static final int RTM_DELADDR = 21;
    /** RTM_GETADDR. */
    public static final int RTM_GETADDR = 22;
    /** RTM_NEWROUTE. */
    public static final int RTM_NEWROUTE = 24;
    /** RTM_DELROUTE. */
    public static final int RTM_DELROUTE = 25;
    /** RTM_GETROUTE. */
    public static final int RTM_GETROUTE = 26;
    /** RTM_NEWNEIGH. */
    public static final int RTM_NEWNEIGH = 28;
    /** RTM_DELNEIGH. */
    public static final int RTM_DELNEIGH = 29;
    /** RTM_GETNEIGH. */
    public static final int RTM_GETNEIGH = 30;
    /** RTM_NEWRULE. */
    public static final int RTM_NEWRULE = 32;
    /** RTM_DELRULE. */
    public static final int RTM_DELRULE = 33;
    /** RTM_GETRULE. */
    public static final int RTM_GETRULE = 34;

    /** Multicast group RTNLGRP_LINK. */
    public static final int GROUP_LINK = 1;
    /** RTNLGRP_NEIGH. */
    public static final int GROUP_NEIGH = 3;
    /** RTNLGRP_IPV4_IFADDR. */
    public static final int GROUP_IPV4_IFADDR = 5;
    /** RTNLGRP_IPV4_ROUTE. */
    public static final int GROUP_IPV4_ROUTE = 7;
    /** RTNLGRP_IPV4_RULE. */
    public static final int GROUP_IPV4_RULE = 8;
    /** RTNLGRP_IPV6_IFADDR. */
    public static final int GROUP_IPV6_IFADDR = 9;
    /** RTNLGRP_IPV6_ROUTE. */
    public static final int GROUP_IPV6_ROUTE = 11;
    /** RTNLGRP_IPV6_RULE. */
    public static final int GROUP_IPV6_RULE = 19;

    /** AF_UNSPEC. */
    public static final int AF_UNSPEC = 0;
    /** AF_INET. */
    public static final int AF_INET = 2;
    /** AF_BRIDGE. */
    public static final int AF_BRIDGE = 7;
    /** AF_INET6. */
    public static final int AF_INET6 = 10;

    // nexthop objects and bridge VLANs (linux/nexthop.h, linux/if_bridge.h)

    /** RTM_NEWNEXTHOP. */
    public static final int RTM_NEWNEXTHOP = 104;
    /** RTM_DELNEXTHOP. */
    public static final int RTM_DELNEXTHOP = 105;
    /** RTM_GETNEXTHOP. */
    public static final int RTM_GETNEXTHOP = 106;
    /** RTM_NEWVLAN: a bridge VLAN entry (the per-VLAN database of a port). */
    public static final int RTM_NEWVLAN = 112;
    /** RTM_DELVLAN. */
    public static final int RTM_DELVLAN = 113;
    /** RTM_GETVLAN. */
    public static final int RTM_GETVLAN = 114;
    /** Multicast group RTNLGRP_NEXTHOP. */
    public static final int GROUP_NEXTHOP = 32;
    /** Multicast group RTNLGRP_BRVLAN. */
    public static final int GROUP_BRVLAN = 33;

    private static final UnaryOperator<AttrDef.Builder> MAC = a -> a.display(Display.MAC);
    private static final UnaryOperator<AttrDef.Builder> IP = a -> a.display(Display.IPV4_OR_V6);
    private static final UnaryOperator<AttrDef.Builder> IPV4 = a -> a.display(Display.IPV4);
    private static final UnaryOperator<AttrDef.Builder> IPV6 = a -> a.display(Display.IPV6);
    private static final UnaryOperator<AttrDef.Builder> HEX = a -> a.display(Display.HEX);
    private static final UnaryOperator<AttrDef.Builder> BE = AttrDef.Builder::bigEndian;

    /** Every rtnetlink definition, linked. */
    public static final Schema SCHEMA = build();

    /** The marshal of the definitions (stateless for classic netlink: one serves every socket). */
    static final Marshal MARSHAL = Marshal.classic(SCHEMA);

    /** A fixed-header field of these definitions, for the records' decoders. */
    static HeaderField headerField(String struct, String member) {
        return HeaderField.of(SCHEMA.struct(struct), member);
    }

    /** A cursor on {@code m} alone, read through these definitions (how a record decodes a message view). */
    static MessageCursor cursor(NetlinkMessage m) {
        MessageCursor c = new MessageCursor(MARSHAL).load(m);
        c.next();
        return c;
    }

    private Rtnl() {
    }

    private static StructDef struct(String name, Object... nameType) {
        List<Member> m = new ArrayList<>();
        for (int i = 0; i < nameType.length; i += 2) {
            m.add(Member.of((String) nameType[i], (AttrType) nameType[i + 1]));
        }
        return new StructDef(name, m);
    }

    private static StructDef u64s(String name, String... names) {
        List<Member> m = new ArrayList<>();
        for (String n : names) {
            m.add(Member.of(n, U64));
        }
        return new StructDef(name, m);
    }

    private static EnumDef sparse(String name, boolean flags, Object... valueName) {
        Map<Long, String> m = new LinkedHashMap<>();
        for (int i = 0; i < valueName.length; i += 2) {
            m.put(((Number) valueName[i]).longValue(), (String) valueName[i + 1]);
        }
        return new EnumDef(name, flags, m);
    }

    private static Schema build() {
        Schema.Builder b = Schema.builder("rtnetlink", Schema.Protocol.NETLINK_RAW, Netlink.NETLINK_ROUTE);

        // fixed headers
        // struct rtnexthop: one next hop of RTA_MULTIPATH, its RTA_* attributes after it; rtnh-len covers both
        b.struct(struct("rtnexthop", "rtnh-len", U16, "rtnh-flags", U8, "rtnh-hops", U8, "rtnh-ifindex", S32));
        b.struct(struct("ifinfomsg", "ifi-family", U8, "padding", U8, "ifi-type", U16, "ifi-index", S32,
                "ifi-flags", U32, "ifi-change", U32));
        b.struct(struct("ifaddrmsg", "ifa-family", U8, "ifa-prefixlen", U8, "ifa-flags", U8, "ifa-scope", U8,
                "ifa-index", U32));
        b.struct(struct("rtmsg", "rtm-family", U8, "rtm-dst-len", U8, "rtm-src-len", U8, "rtm-tos", U8,
                "rtm-table", U8, "rtm-protocol", U8, "rtm-scope", U8, "rtm-type", U8, "rtm-flags", U32));
        b.struct(struct("ndmsg", "ndm-family", U8, "ndm-pad1", U8, "ndm-pad2", U16, "ndm-ifindex", S32,
                "ndm-state", U16, "ndm-flags", U8, "ndm-type", U8));
        b.struct(struct("fib-rule-hdr", "family", U8, "dst-len", U8, "src-len", U8, "tos", U8, "table", U8,
                "res1", U8, "res2", U8, "action", U8, "flags", U32));
        b.struct(struct("rtgenmsg", "family", U8));

        // structs carried in attributes
        b.struct(u64s("rtnl-link-stats64", "rx-packets", "tx-packets", "rx-bytes", "tx-bytes", "rx-errors",
                "tx-errors", "rx-dropped", "tx-dropped", "multicast", "collisions", "rx-length-errors",
                "rx-over-errors", "rx-crc-errors", "rx-frame-errors", "rx-fifo-errors", "rx-missed-errors",
                "tx-aborted-errors", "tx-carrier-errors", "tx-fifo-errors", "tx-heartbeat-errors",
                "tx-window-errors", "rx-compressed", "tx-compressed", "rx-nohandler", "rx-otherhost-dropped"));
        b.struct(struct("rtnl-link-ifmap", "mem-start", U64, "mem-end", U64, "base-addr", U64, "irq", U16,
                "dma", U8, "port", U8));
        b.struct(struct("ifa-cacheinfo", "ifa-prefered", U32, "ifa-valid", U32, "cstamp", U32, "tstamp", U32));
        b.struct(struct("rta-cacheinfo", "rta-clntref", U32, "rta-lastuse", U32, "rta-expires", U32,
                "rta-error", U32, "rta-used", U32, "rta-id", U32, "rta-ts", U32, "rta-tsage", U32));
        b.struct(struct("nda-cacheinfo", "ndm-confirmed", U32, "ndm-used", U32, "ndm-updated", U32,
                "ndm-refcnt", U32));
        b.struct(struct("ifla-cacheinfo", "max-reasm-len", U32, "tstamp", U32, "reachable-time", U32,
                "retrans-time", U32));
        b.struct(struct("fib-rule-uid-range", "start", U32, "end", U32));
        b.struct(struct("fib-rule-port-range", "start", U16, "end", U16));

        // enums and flags
        b.enumDef(EnumDef.values("oper-states", 0, "unknown", "notpresent", "down", "lowerlayerdown", "testing",
                "dormant", "up"));
        b.enumDef(EnumDef.flags("ifinfo-flags", "up", "broadcast", "debug", "loopback", "point-to-point",
                "no-trailers", "running", "no-arp", "promisc", "all-multi", "master", "slave", "multicast",
                "portsel", "auto-media", "dynamic", "lower-up", "dormant", "echo"));
        b.enumDef(EnumDef.flags("ifa-flags", "secondary", "nodad", "optimistic", "dadfailed", "homeaddress",
                "deprecated", "tentative", "permanent", "managetempaddr", "noprefixroute", "mcautojoin",
                "stable-privacy"));
        b.enumDef(EnumDef.values("rtm-type", 0, "unspec", "unicast", "local", "broadcast", "anycast", "multicast",
                "blackhole", "unreachable", "prohibit", "throw", "nat", "xresolve"));
        b.enumDef(EnumDef.flags("nud-state", "incomplete", "reachable", "stale", "delay", "probe", "failed",
                "noarp", "permanent"));
        b.enumDef(sparse("macvlan-mode", false, 1, "private", 2, "vepa", 4, "bridge", 8, "passthru", 16, "source"));
        b.enumDef(sparse("rt-scope", false, 0, "universe", 200, "site", 253, "link", 254, "host", 255, "nowhere"));
        b.enumDef(sparse("fr-act", false, 0, "unspec", 1, "to-tbl", 2, "goto", 3, "nop", 6, "blackhole",
                7, "unreachable", 8, "prohibit"));

        b.attributeSet(linkAttrs());
        b.attributeSet(AttributeSet.builder("prop-list-link-attrs")
                .attr(53, "alt-ifname", STRING, AttrDef.Builder::multiAttr)
                .build());
        // the kind without its NUL, as iproute2 sends it (the kernel reads either)
        b.attributeSet(AttributeSet.builder("linkinfo-attrs")
                .attr(1, "kind", STRING, AttrDef.Builder::unterminated)
                .attr(2, "data", AttrType.SUB_MESSAGE, a -> a.subMessage("linkinfo-data-msg", "kind"))
                .attr(3, "xstats", BINARY)
                .attr(4, "slave-kind", STRING)
                .attr(5, "slave-data", AttrType.SUB_MESSAGE, a -> a.subMessage("linkinfo-member-data-msg", "slave-kind"))
                .build());
        b.attributeSet(AttributeSet.builder("af-spec-attrs")
                .nest(2, "inet", "ifla-attrs")
                .nest(10, "inet6", "ifla6-attrs")
                .build());
        b.attributeSet(AttributeSet.builder("ifla-attrs")
                .attr(1, "conf", BINARY, a -> a.subType(U32))
                .build());
        b.attributeSet(AttributeSet.builder("ifla6-attrs")
                .attr(1, "flags", U32)
                .attr(2, "conf", BINARY, a -> a.subType(U32))
                .attr(3, "stats", BINARY, a -> a.subType(U64))
                .attr(4, "mcast", BINARY)
                .attr(5, "cacheinfo", BINARY, a -> a.struct("ifla-cacheinfo"))
                .attr(6, "icmp6stats", BINARY, a -> a.subType(U64))
                .attr(7, "token", BINARY, IPV6)
                .attr(8, "addr-gen-mode", U8)
                .attr(9, "ra-mtu", U32)
                .build());
        // VETH_INFO_PEER: the peer's ifinfomsg, then its IFLA_* attributes
        b.attributeSet(AttributeSet.builder("linkinfo-veth-attrs")
                .attr(1, "peer", AttrType.NEST, a -> a.struct("ifinfomsg").nested("link-attrs"))
                .build());
        b.attributeSet(bridgeAttrs());
        b.attributeSet(AttributeSet.builder("linkinfo-macvlan-attrs")
                .attr(1, "mode", U32, a -> a.enumName("macvlan-mode"))
                .attr(2, "flags", U16)
                .attr(3, "macaddr-mode", U32)
                .attr(4, "macaddr", BINARY, MAC)
                .attr(5, "macaddr-data", BINARY)
                .attr(6, "macaddr-count", U32)
                .attr(7, "bc-queue-len", U32)
                .attr(8, "bc-queue-len-used", U32)
                .attr(9, "bc-cutoff", S32)
                .build());
        b.attributeSet(vxlanAttrs());
        b.attributeSet(AttributeSet.builder("linkinfo-tun-attrs")
                .attr(1, "owner", U32)
                .attr(2, "group", U32)
                .attr(3, "type", U8)
                .attr(4, "pi", U8)
                .attr(5, "vnet-hdr", U8)
                .attr(6, "persist", U8)
                .attr(7, "multi-queue", U8)
                .attr(8, "num-queues", U32)
                .attr(9, "num-disabled-queues", U32)
                .build());
        b.attributeSet(brportAttrs());
        Map<String, SubMessageDef.Format> kinds = new LinkedHashMap<>(Map.of(
                "veth", new SubMessageDef.Format("linkinfo-veth-attrs", null),
                "bridge", new SubMessageDef.Format("linkinfo-bridge-attrs", null),
                "macvlan", new SubMessageDef.Format("linkinfo-macvlan-attrs", null),
                "macvtap", new SubMessageDef.Format("linkinfo-macvlan-attrs", null),
                "vxlan", new SubMessageDef.Format("linkinfo-vxlan-attrs", null),
                "tun", new SubMessageDef.Format("linkinfo-tun-attrs", null)));
        kinds.putAll(moreLinkKinds(b));
        b.subMessage(new SubMessageDef("linkinfo-data-msg", kinds));
        b.subMessage(new SubMessageDef("linkinfo-member-data-msg", Map.of(
                "bridge", new SubMessageDef.Format("linkinfo-brport-attrs", null))));

        b.attributeSet(AttributeSet.builder("addr-attrs")
                .attr(1, "address", BINARY, IP)
                .attr(2, "local", BINARY, IP)
                .attr(3, "label", STRING)
                .attr(4, "broadcast", BINARY, IPV4)
                .attr(5, "anycast", BINARY, IP)
                .attr(6, "cacheinfo", BINARY, a -> a.struct("ifa-cacheinfo"))
                .attr(7, "multicast", BINARY, IP)
                .attr(8, "flags", U32, a -> a.enumName("ifa-flags"))
                .attr(9, "rt-priority", U32)
                .attr(10, "target-netnsid", S32)
                .attr(11, "proto", U8)
                .build());

        b.attributeSet(routeAttrs());
        b.attributeSet(AttributeSet.builder("metrics")
                .attr(1, "lock", U32)
                .attr(2, "mtu", U32)
                .attr(3, "window", U32)
                .attr(4, "rtt", U32)
                .attr(5, "rttvar", U32)
                .attr(6, "ssthresh", U32)
                .attr(7, "cwnd", U32)
                .attr(8, "advmss", U32)
                .attr(9, "reordering", U32)
                .attr(10, "hoplimit", U32)
                .attr(11, "initcwnd", U32)
                .attr(12, "features", U32)
                .attr(13, "rto-min", U32)
                .attr(14, "initrwnd", U32)
                .attr(15, "quickack", U32)
                .attr(16, "cc-algo", STRING)
                .attr(17, "fastopen-no-cookie", U32)
                .build());

        b.attributeSet(AttributeSet.builder("neighbour-attrs")
                .attr(1, "dst", BINARY, IP)
                .attr(2, "lladdr", BINARY, MAC)
                .attr(3, "cacheinfo", BINARY, a -> a.struct("nda-cacheinfo"))
                .attr(4, "probes", U32)
                .attr(5, "vlan", U16)
                .attr(6, "port", U16, BE)
                .attr(7, "vni", U32)
                .attr(8, "ifindex", U32)
                .attr(9, "master", U32)
                .attr(10, "link-netnsid", S32)
                .attr(11, "src-vni", U32)
                .attr(12, "protocol", U8)
                .attr(13, "nh-id", U32)
                .attr(14, "fdb-ext-attrs", BINARY)
                .attr(15, "flags-ext", U32)
                .attr(16, "ndm-state-mask", U16)
                .attr(17, "ndm-flags-mask", U8)
                .build());

        b.attributeSet(AttributeSet.builder("fib-rule-attrs")
                .attr(1, "dst", BINARY, IP)
                .attr(2, "src", BINARY, IP)
                .attr(3, "iifname", STRING)
                .attr(4, "goto", U32)
                .attr(6, "priority", U32)
                .attr(10, "fwmark", U32)
                .attr(11, "flow", U32)
                .attr(12, "tun-id", U64, BE)
                .attr(13, "suppress-ifgroup", U32)
                .attr(14, "suppress-prefixlen", U32)
                .attr(15, "table", U32)
                .attr(16, "fwmask", U32)
                .attr(17, "oifname", STRING)
                .attr(18, "pad", PAD)
                .attr(19, "l3mdev", U8)
                .attr(20, "uid-range", BINARY, a -> a.struct("fib-rule-uid-range"))
                .attr(21, "protocol", U8)
                .attr(22, "ip-proto", U8)
                .attr(23, "sport-range", BINARY, a -> a.struct("fib-rule-port-range"))
                .attr(24, "dport-range", BINARY, a -> a.struct("fib-rule-port-range"))
                .attr(25, "dscp", U8)
                .attr(26, "flowlabel", U32, BE)
                .attr(27, "flowlabel-mask", U32, BE)
                .attr(28, "sport-mask", U16)
                .attr(29, "dport-mask", U16)
                .attr(30, "dscp-mask", U8)
                .build());

        b.message(RTM_NEWLINK, "newlink", "ifinfomsg", "link-attrs")
                .message(RTM_DELLINK, "dellink", "ifinfomsg", "link-attrs")
                .message(RTM_GETLINK, "getlink", "ifinfomsg", "link-attrs")
                .message(RTM_SETLINK, "setlink", "ifinfomsg", "link-attrs")
                .message(RTM_NEWADDR, "newaddr", "ifaddrmsg", "addr-attrs")
                .message(RTM_DELADDR, "deladdr", "ifaddrmsg", "addr-attrs")
                .message(RTM_GETADDR, "getaddr", "ifaddrmsg", "addr-attrs")
                .message(RTM_NEWROUTE, "newroute", "rtmsg", "route-attrs")
                .message(RTM_DELROUTE, "delroute", "rtmsg", "route-attrs")
                .message(RTM_GETROUTE, "getroute", "rtmsg", "route-attrs")
                .message(RTM_NEWNEIGH, "newneigh", "ndmsg", "neighbour-attrs")
                .message(RTM_DELNEIGH, "delneigh", "ndmsg", "neighbour-attrs")
                .message(RTM_GETNEIGH, "getneigh", "ndmsg", "neighbour-attrs")
                .message(RTM_NEWRULE, "newrule", "fib-rule-hdr", "fib-rule-attrs")
                .message(RTM_DELRULE, "delrule", "fib-rule-hdr", "fib-rule-attrs")
                .message(RTM_GETRULE, "getrule", "fib-rule-hdr", "fib-rule-attrs");
        b.mcastGroup("rtnlgrp-link", GROUP_LINK)
                .mcastGroup("rtnlgrp-neigh", GROUP_NEIGH)
                .mcastGroup("rtnlgrp-ipv4-ifaddr", GROUP_IPV4_IFADDR)
                .mcastGroup("rtnlgrp-ipv4-route", GROUP_IPV4_ROUTE)
                .mcastGroup("rtnlgrp-ipv4-rule", GROUP_IPV4_RULE)
                .mcastGroup("rtnlgrp-ipv6-ifaddr", GROUP_IPV6_IFADDR)
                .mcastGroup("rtnlgrp-ipv6-route", GROUP_IPV6_ROUTE)
                .mcastGroup("rtnlgrp-ipv6-rule", GROUP_IPV6_RULE);
        nexthopsAndBridge(b);
        return b.build();
    }

    private static AttributeSet linkAttrs() {
        return AttributeSet.builder("link-attrs")
                .attr(1, "address", BINARY, MAC)
                .attr(2, "broadcast", BINARY, MAC)
                .attr(3, "ifname", STRING)
                .attr(4, "mtu", U32)
                .attr(5, "link", U32)
                .attr(6, "qdisc", STRING)
                .attr(7, "stats", BINARY)
                .attr(8, "cost", STRING)
                .attr(9, "priority", STRING)
                .attr(10, "master", U32)
                .attr(11, "wireless", STRING)
                .attr(12, "protinfo", BINARY)
                .attr(13, "txqlen", U32)
                .attr(14, "map", BINARY, a -> a.struct("rtnl-link-ifmap"))
                .attr(15, "weight", U32)
                .attr(16, "operstate", U8, a -> a.enumName("oper-states"))
                .attr(17, "linkmode", U8)
                .nest(18, "linkinfo", "linkinfo-attrs")
                .attr(19, "net-ns-pid", U32)
                .attr(20, "ifalias", STRING)
                .attr(21, "num-vf", U32)
                .attr(22, "vfinfo-list", BINARY)
                .attr(23, "stats64", BINARY, a -> a.struct("rtnl-link-stats64"))
                .attr(24, "vf-ports", BINARY)
                .attr(25, "port-self", BINARY)
                .nest(26, "af-spec", "af-spec-attrs")
                .attr(27, "group", U32)
                .attr(28, "net-ns-fd", U32)
                .attr(29, "ext-mask", U32)
                .attr(30, "promiscuity", U32)
                .attr(31, "num-tx-queues", U32)
                .attr(32, "num-rx-queues", U32)
                .attr(33, "carrier", U8)
                .attr(34, "phys-port-id", BINARY, HEX)
                .attr(35, "carrier-changes", U32)
                .attr(36, "phys-switch-id", BINARY, HEX)
                .attr(37, "link-netnsid", S32)
                .attr(38, "phys-port-name", STRING)
                .attr(39, "proto-down", U8)
                .attr(40, "gso-max-segs", U32)
                .attr(41, "gso-max-size", U32)
                .attr(42, "pad", PAD)
                .attr(43, "xdp", BINARY)
                .attr(44, "event", U32)
                .attr(45, "new-netnsid", S32)
                .attr(46, "target-netnsid", S32)
                .attr(47, "carrier-up-count", U32)
                .attr(48, "carrier-down-count", U32)
                .attr(49, "new-ifindex", S32)
                .attr(50, "min-mtu", U32)
                .attr(51, "max-mtu", U32)
                .nest(52, "prop-list", "prop-list-link-attrs")
                .attr(53, "alt-ifname", STRING, AttrDef.Builder::multiAttr)
                .attr(54, "perm-address", BINARY, MAC)
                .attr(55, "proto-down-reason", BINARY)
                .attr(56, "parent-dev-name", STRING)
                .attr(57, "parent-dev-bus-name", STRING)
                .attr(58, "gro-max-size", U32)
                .attr(59, "tso-max-size", U32)
                .attr(60, "tso-max-segs", U32)
                .attr(61, "allmulti", U32)
                .attr(62, "devlink-port", BINARY)
                .attr(63, "gso-ipv4-max-size", U32)
                .attr(64, "gro-ipv4-max-size", U32)
                .attr(65, "dpll-pin", BINARY)
                .attr(66, "max-pacing-offload-horizon", UINT)
                .attr(67, "netns-immutable", U8)
                .attr(68, "headroom", U16)
                .attr(69, "tailroom", U16)
                .build();
    }

    private static AttributeSet bridgeAttrs() {
        return AttributeSet.builder("linkinfo-bridge-attrs")
                .attr(1, "forward-delay", U32)
                .attr(2, "hello-time", U32)
                .attr(3, "max-age", U32)
                .attr(4, "ageing-time", U32)
                .attr(5, "stp-state", U32)
                .attr(6, "priority", U16)
                .attr(7, "vlan-filtering", U8)
                .attr(8, "vlan-protocol", U16, BE)
                .attr(9, "group-fwd-mask", U16)
                .attr(10, "root-id", BINARY, HEX)
                .attr(11, "bridge-id", BINARY, HEX)
                .attr(12, "root-port", U16)
                .attr(13, "root-path-cost", U32)
                .attr(14, "topology-change", U8)
                .attr(15, "topology-change-detected", U8)
                .attr(16, "hello-timer", U64)
                .attr(17, "tcn-timer", U64)
                .attr(18, "topology-change-timer", U64)
                .attr(19, "gc-timer", U64)
                .attr(20, "group-addr", BINARY, MAC)
                .attr(21, "fdb-flush", FLAG)
                .attr(22, "mcast-router", U8)
                .attr(23, "mcast-snooping", U8)
                .attr(24, "mcast-query-use-ifaddr", U8)
                .attr(25, "mcast-querier", U8)
                .attr(26, "mcast-hash-elasticity", U32)
                .attr(27, "mcast-hash-max", U32)
                .attr(28, "mcast-last-member-cnt", U32)
                .attr(29, "mcast-startup-query-cnt", U32)
                .attr(30, "mcast-last-member-intvl", U64)
                .attr(31, "mcast-membership-intvl", U64)
                .attr(32, "mcast-querier-intvl", U64)
                .attr(33, "mcast-query-intvl", U64)
                .attr(34, "mcast-query-response-intvl", U64)
                .attr(35, "mcast-startup-query-intvl", U64)
                .attr(36, "nf-call-iptables", U8)
                .attr(37, "nf-call-ip6tables", U8)
                .attr(38, "nf-call-arptables", U8)
                .attr(39, "vlan-default-pvid", U16)
                .attr(40, "pad", PAD)
                .attr(41, "vlan-stats-enabled", U8)
                .attr(42, "mcast-stats-enabled", U8)
                .attr(43, "mcast-igmp-version", U8)
                .attr(44, "mcast-mld-version", U8)
                .attr(45, "vlan-stats-per-port", U8)
                .attr(46, "multi-boolopt", BINARY)
                .attr(47, "mcast-querier-state", BINARY)
                .attr(48, "fdb-n-learned", U32)
                .attr(49, "fdb-max-learned", U32)
                .build();
    }

    private static AttributeSet vxlanAttrs() {
        return AttributeSet.builder("linkinfo-vxlan-attrs")
                .attr(1, "id", U32)
                .attr(2, "group", BINARY, IPV4)
                .attr(3, "link", U32)
                .attr(4, "local", BINARY, IPV4)
                .attr(5, "ttl", U8)
                .attr(6, "tos", U8)
                .attr(7, "learning", U8)
                .attr(8, "ageing", U32)
                .attr(9, "limit", U32)
                .attr(10, "port-range", BINARY)
                .attr(11, "proxy", U8)
                .attr(12, "rsc", U8)
                .attr(13, "l2miss", U8)
                .attr(14, "l3miss", U8)
                .attr(15, "port", U16, BE)
                .attr(16, "group6", BINARY, IPV6)
                .attr(17, "local6", BINARY, IPV6)
                .attr(18, "udp-csum", U8)
                .attr(19, "udp-zero-csum6-tx", U8)
                .attr(20, "udp-zero-csum6-rx", U8)
                .attr(21, "remcsum-tx", U8)
                .attr(22, "remcsum-rx", U8)
                .attr(23, "gbp", FLAG)
                .attr(24, "remcsum-nopartial", FLAG)
                .attr(25, "collect-metadata", U8)
                .attr(26, "label", U32, BE)
                .attr(27, "gpe", FLAG)
                .attr(28, "ttl-inherit", FLAG)
                .attr(29, "df", U8)
                .attr(30, "vnifilter", U8)
                .attr(31, "localbypass", U8)
                .attr(32, "label-policy", U32)
                .build();
    }

    private static AttributeSet brportAttrs() {
        return AttributeSet.builder("linkinfo-brport-attrs")
                .attr(1, "state", U8)
                .attr(2, "priority", U16)
                .attr(3, "cost", U32)
                .attr(4, "mode", U8)
                .attr(5, "guard", U8)
                .attr(6, "protect", U8)
                .attr(7, "fast-leave", U8)
                .attr(8, "learning", U8)
                .attr(9, "unicast-flood", U8)
                .attr(10, "proxyarp", U8)
                .attr(11, "learning-sync", U8)
                .attr(12, "proxyarp-wifi", U8)
                .attr(13, "root-id", BINARY, HEX)
                .attr(14, "bridge-id", BINARY, HEX)
                .attr(15, "designated-port", U16)
                .attr(16, "designated-cost", U16)
                .attr(17, "id", U16)
                .attr(18, "no", U16)
                .attr(19, "topology-change-ack", U8)
                .attr(20, "config-pending", U8)
                .attr(21, "message-age-timer", U64)
                .attr(22, "forward-delay-timer", U64)
                .attr(23, "hold-timer", U64)
                .attr(24, "flush", FLAG)
                .attr(25, "multicast-router", U8)
                .attr(26, "pad", PAD)
                .attr(27, "mcast-flood", U8)
                .attr(28, "mcast-to-ucast", U8)
                .attr(29, "vlan-tunnel", U8)
                .attr(30, "bcast-flood", U8)
                .attr(31, "group-fwd-mask", U16)
                .attr(32, "neigh-suppress", U8)
                .attr(33, "isolated", U8)
                .attr(34, "backup-port", U32)
                .attr(35, "mrp-ring-open", U8)
                .attr(36, "mrp-in-open", U8)
                .attr(37, "mcast-eht-hosts-limit", U32)
                .attr(38, "mcast-eht-hosts-cnt", U32)
                .attr(39, "locked", U8)
                .attr(40, "mab", U8)
                .attr(41, "mcast-n-groups", U32)
                .attr(42, "mcast-max-groups", U32)
                .attr(43, "neigh-vlan-suppress", U8)
                .attr(44, "backup-nhid", U32)
                .build();
    }

    private static AttributeSet routeAttrs() {
        return AttributeSet.builder("route-attrs")
                .attr(1, "dst", BINARY, IP)
                .attr(2, "src", BINARY, IP)
                .attr(3, "iif", U32)
                .attr(4, "oif", U32)
                .attr(5, "gateway", BINARY, IP)
                .attr(6, "priority", U32)
                .attr(7, "prefsrc", BINARY, IP)
                .nest(8, "metrics", "metrics")
                .attr(9, "multipath", BINARY, a -> a.records("rtnexthop", "route-attrs"))
                .attr(10, "protoinfo", BINARY)
                .attr(11, "flow", U32)
                .attr(12, "cacheinfo", BINARY, a -> a.struct("rta-cacheinfo"))
                .attr(13, "session", BINARY)
                .attr(14, "mp-algo", BINARY)
                .attr(15, "table", U32)
                .attr(16, "mark", U32)
                .attr(17, "mfc-stats", BINARY)
                .attr(18, "via", BINARY)
                .attr(19, "newdst", BINARY)
                .attr(20, "pref", U8)
                .attr(21, "encap-type", U16)
                .attr(22, "encap", BINARY)
                .attr(23, "expires", U32)
                .attr(24, "pad", PAD)
                .attr(25, "uid", U32)
                .attr(26, "ttl-propagate", U8)
                .attr(27, "ip-proto", U8)
                .attr(28, "sport", U16)
                .attr(29, "dport", U16)
                .attr(30, "nh-id", U32)
                .attr(31, "flowlabel", U32, BE)
                .build();
    }

    // ------------------------------------------------------------------ link kinds this kernel may lack

    /**
     * IFLA_INFO_DATA of vlan, vrf, bond, gre and gretap (names of the kernel's rt_link YNL spec; GRE's keys, flags
     * and encapsulation ports in network byte order, as the kernel reads them). dummy and wireguard have no kind
     * data: their request is the kind alone.
     */
    private static Map<String, SubMessageDef.Format> moreLinkKinds(Schema.Builder b) {
        b.enumDef(sparse("vlan-protocols", false, 0x8100, "8021q", 0x88a8, "8021ad"));
        b.enumDef(EnumDef.flags("vlan-flags", "reorder-hdr", "gvrp", "loose-binding", "mvrp", "bridge-binding"));
        b.enumDef(EnumDef.values("bond-mode", 0, "balance-rr", "active-backup", "balance-xor", "broadcast",
                "802.3ad", "balance-tlb", "balance-alb"));
        b.struct(new StructDef("ifla-vlan-flags", List.of(
                new Member("flags", U32, 0, false, null, "vlan-flags", true, null), Member.of("mask", U32))));
        b.struct(struct("ifla-vlan-qos-mapping", "from", U32, "to", U32));
        b.attributeSet(AttributeSet.builder("linkinfo-vlan-attrs")
                .attr(1, "id", U16)
                .attr(2, "flag", BINARY, a -> a.struct("ifla-vlan-flags"))
                .nest(3, "egress-qos", "ifla-vlan-qos")
                .nest(4, "ingress-qos", "ifla-vlan-qos")
                .attr(5, "protocol", U16, a -> a.bigEndian().enumName("vlan-protocols"))
                .build());
        b.attributeSet(AttributeSet.builder("ifla-vlan-qos")
                .attr(1, "mapping", BINARY, a -> a.struct("ifla-vlan-qos-mapping").multiAttr())
                .build());
        b.attributeSet(AttributeSet.builder("linkinfo-vrf-attrs")
                .attr(1, "table", U32)
                .build());
        b.attributeSet(AttributeSet.builder("linkinfo-bond-attrs")
                .attr(1, "mode", U8, a -> a.enumName("bond-mode"))
                .attr(2, "active-slave", U32)
                .attr(3, "miimon", U32)
                .attr(4, "updelay", U32)
                .attr(5, "downdelay", U32)
                .attr(6, "use-carrier", U8)
                .attr(7, "arp-interval", U32)
                .attr(8, "arp-ip-target", AttrType.INDEXED_ARRAY, a -> a.subType(U32).bigEndian().display(Display.IPV4))
                .attr(9, "arp-validate", U32)
                .attr(10, "arp-all-targets", U32)
                .attr(11, "primary", U32)
                .attr(12, "primary-reselect", U8)
                .attr(13, "fail-over-mac", U8)
                .attr(14, "xmit-hash-policy", U8)
                .attr(15, "resend-igmp", U32)
                .attr(16, "num-peer-notif", U8)
                .attr(17, "all-slaves-active", U8)
                .attr(18, "min-links", U32)
                .attr(19, "lp-interval", U32)
                .attr(20, "packets-per-slave", U32)
                .attr(21, "ad-lacp-rate", U8)
                .attr(22, "ad-select", U8)
                .nest(23, "ad-info", "bond-ad-info-attrs")
                .attr(24, "ad-actor-sys-prio", U16)
                .attr(25, "ad-user-port-key", U16)
                .attr(26, "ad-actor-system", BINARY, MAC)
                .attr(27, "tlb-dynamic-lb", U8)
                .attr(28, "peer-notif-delay", U32)
                .attr(29, "ad-lacp-active", U8)
                .attr(30, "missed-max", U8)
                .attr(31, "ns-ip6-target", AttrType.INDEXED_ARRAY, a -> a.subType(BINARY).display(Display.IPV6))
                .attr(32, "coupled-control", U8)
                .build());
        b.attributeSet(AttributeSet.builder("bond-ad-info-attrs")
                .attr(1, "aggregator", U16)
                .attr(2, "num-ports", U16)
                .attr(3, "actor-key", U16)
                .attr(4, "partner-key", U16)
                .attr(5, "partner-mac", BINARY, MAC)
                .build());
        b.attributeSet(AttributeSet.builder("linkinfo-gre-attrs")
                .attr(1, "link", U32)
                .attr(2, "iflags", U16, BE)
                .attr(3, "oflags", U16, BE)
                .attr(4, "ikey", U32, BE)
                .attr(5, "okey", U32, BE)
                .attr(6, "local", BINARY, IPV4)
                .attr(7, "remote", BINARY, IPV4)
                .attr(8, "ttl", U8)
                .attr(9, "tos", U8)
                .attr(10, "pmtudisc", U8)
                .attr(11, "encap-limit", U32)
                .attr(12, "flowinfo", U32)
                .attr(13, "flags", U32)
                .attr(14, "encap-type", U16)
                .attr(15, "encap-flags", U16)
                .attr(16, "encap-sport", U16, BE)
                .attr(17, "encap-dport", U16, BE)
                .attr(18, "collect-metadata", FLAG)
                .attr(19, "ignore-df", U8)
                .attr(20, "fwmark", U32)
                .attr(21, "erspan-index", U32)
                .attr(22, "erspan-ver", U8)
                .attr(23, "erspan-dir", U8)
                .attr(24, "erspan-hwid", U16)
                .build());
        Map<String, SubMessageDef.Format> m = new LinkedHashMap<>();
        m.put("vlan", new SubMessageDef.Format("linkinfo-vlan-attrs", null));
        m.put("vrf", new SubMessageDef.Format("linkinfo-vrf-attrs", null));
        m.put("bond", new SubMessageDef.Format("linkinfo-bond-attrs", null));
        m.put("gre", new SubMessageDef.Format("linkinfo-gre-attrs", null));
        m.put("gretap", new SubMessageDef.Format("linkinfo-gre-attrs", null));
        return m;
    }

    // ------------------------------------------------------------------ nexthop objects, bridge FDB and VLANs

    /**
     * Nexthop objects (struct nhmsg, NHA_*; the kernel's 6.12 YNL specs have no rt_nexthop, so the names are the
     * uapi header's in YNL style), the bridge's port settings (IFLA_AF_SPEC of an AF_BRIDGE link message:
     * IFLA_BRIDGE_*) and its VLAN database (struct br_vlan_msg, BRIDGE_VLANDB_*).
     */
    private static void nexthopsAndBridge(Schema.Builder b) {
        b.struct(struct("nhmsg", "nh-family", U8, "nh-scope", U8, "nh-protocol", U8, "resvd", U8, "nh-flags", U32));
        // weight-high holds the upper 8 bits of weight - 1 since kernel 6.12 (resvd1 before)
        b.struct(struct("nexthop-grp", "id", U32, "weight", U8, "weight-high", U8, "resvd2", U16));
        b.enumDef(EnumDef.values("nexthop-grp-type", 0, "mpath", "resilient"));
        b.attributeSet(AttributeSet.builder("nexthop-attrs")
                .attr(1, "id", U32)
                .attr(2, "group", BINARY, a -> a.structArray("nexthop-grp"))
                .attr(3, "group-type", U16, a -> a.enumName("nexthop-grp-type"))
                .attr(4, "blackhole", FLAG)
                .attr(5, "oif", U32)
                .attr(6, "gateway", BINARY, IP)
                .attr(7, "encap-type", U16)
                .attr(8, "encap", BINARY)
                .attr(9, "groups", FLAG)
                .attr(10, "master", U32)
                .attr(11, "fdb", FLAG)
                .nest(12, "res-group", "nexthop-res-group-attrs")
                .nest(13, "res-bucket", "nexthop-res-bucket-attrs")
                .attr(14, "op-flags", U32)
                .nest(15, "group-stats", "nexthop-group-stats-attrs")
                .attr(16, "hw-stats-enable", U32)
                .attr(17, "hw-stats-used", U32)
                .build());
        b.attributeSet(AttributeSet.builder("nexthop-res-group-attrs")
                .attr(0, "pad", PAD)
                .attr(1, "buckets", U16)
                .attr(2, "idle-timer", U32)
                .attr(3, "unbalanced-timer", U32)
                .attr(4, "unbalanced-time", U64)
                .build());
        b.attributeSet(AttributeSet.builder("nexthop-res-bucket-attrs")
                .attr(0, "pad", PAD)
                .attr(1, "index", U16)
                .attr(2, "idle-time", U64)
                .attr(3, "nh-id", U32)
                .build());
        b.attributeSet(AttributeSet.builder("nexthop-group-stats-attrs")
                .nest(1, "entry", "nexthop-group-stats-entry-attrs")
                .build());
        b.attributeSet(AttributeSet.builder("nexthop-group-stats-entry-attrs")
                .attr(1, "id", U32)
                .attr(2, "packets", UINT)
                .attr(3, "packets-hw", UINT)
                .build());
        b.message(RTM_NEWNEXTHOP, "newnexthop", "nhmsg", "nexthop-attrs")
                .message(RTM_DELNEXTHOP, "delnexthop", "nhmsg", "nexthop-attrs")
                .message(RTM_GETNEXTHOP, "getnexthop", "nhmsg", "nexthop-attrs");
        b.mcastGroup("rtnlgrp-nexthop", GROUP_NEXTHOP);

        // the AF_BRIDGE view of a link: IFLA_AF_SPEC holds IFLA_BRIDGE_* (bridge vlan add/del, bridge vlan show)
        b.enumDef(EnumDef.flags("bridge-vlan-info-flags", "master", "pvid", "untagged", "range-begin", "range-end",
                "brentry", "only-opts"));
        b.enumDef(EnumDef.flags("bridge-flags", "master", "self"));
        b.struct(new StructDef("bridge-vlan-info", List.of(
                new Member("flags", U16, 0, false, null, "bridge-vlan-info-flags", true, null), Member.of("vid", U16))));
        b.attributeSet(AttributeSet.builder("bridge-af-spec-attrs")
                .attr(0, "flags", U16, a -> a.enumName("bridge-flags"))
                .attr(1, "mode", U16)
                .attr(2, "vlan-info", BINARY, a -> a.struct("bridge-vlan-info"))
                .nest(3, "vlan-tunnel-info", "bridge-vlan-tunnel-attrs")
                .attr(4, "mrp", BINARY)
                .attr(5, "cfm", BINARY)
                .attr(6, "mst", BINARY)
                .build());
        b.attributeSet(AttributeSet.builder("bridge-vlan-tunnel-attrs")
                .attr(1, "id", U32)
                .attr(2, "vid", U16)
                .attr(3, "flags", U16, a -> a.enumName("bridge-vlan-info-flags"))
                .build());
        // link-attrs with af-spec holding IFLA_BRIDGE_* instead of per-family nests
        AttributeSet.Builder bridgeLink = AttributeSet.builder("bridge-link-attrs");
        for (AttrDef d : linkAttrs().attributes()) {
            bridgeLink.add(d.id() == 26 ? AttrDef.builder(26, "af-spec", AttrType.NEST)
                    .nested("bridge-af-spec-attrs").build() : d);
        }
        b.attributeSet(bridgeLink.build());
        b.request(RTM_SETLINK, "setlink-bridge", "ifinfomsg", "bridge-link-attrs")
                .request(RTM_DELLINK, "dellink-bridge", "ifinfomsg", "bridge-link-attrs")
                .variant(RTM_NEWLINK, "ifi-family", AF_BRIDGE, "newlink-bridge", "ifinfomsg", "bridge-link-attrs")
                .variant(RTM_DELLINK, "ifi-family", AF_BRIDGE, "dellink-bridge", "ifinfomsg", "bridge-link-attrs");

        // the VLAN database (RTM_NEWVLAN/DELVLAN/GETVLAN, bridge -d vlan show)
        b.struct(struct("br-vlan-msg", "family", U8, "reserved1", U8, "reserved2", U16, "ifindex", U32));
        b.attributeSet(AttributeSet.builder("br-vlan-db-dump-attrs")
                .attr(1, "dump-flags", U32, a -> a.enumName("br-vlan-db-dump-flags"))
                .build());
        b.enumDef(EnumDef.flags("br-vlan-db-dump-flags", "stats", "global"));
        b.attributeSet(AttributeSet.builder("br-vlan-db-attrs")
                .attr(1, "entry", AttrType.NEST, a -> a.nested("br-vlan-db-entry-attrs").multiAttr())
                .attr(2, "global-options", AttrType.NEST, a -> a.nested("br-vlan-db-gopts-attrs").multiAttr())
                .build());
        b.attributeSet(AttributeSet.builder("br-vlan-db-entry-attrs")
                .attr(1, "info", BINARY, a -> a.struct("bridge-vlan-info"))
                .attr(2, "range", U16)
                .attr(3, "state", U8)
                .nest(4, "tunnel-info", "br-vlan-db-tinfo-attrs")
                .nest(5, "stats", "br-vlan-db-stats-attrs")
                .attr(6, "mcast-router", U8)
                .attr(7, "mcast-n-groups", U32)
                .attr(8, "mcast-max-groups", U32)
                .attr(9, "neigh-suppress", U8)
                .build());
        b.attributeSet(AttributeSet.builder("br-vlan-db-tinfo-attrs")
                .attr(1, "id", U32)
                .attr(2, "cmd", U32)
                .build());
        b.attributeSet(AttributeSet.builder("br-vlan-db-stats-attrs")
                .attr(1, "rx-bytes", U64)
                .attr(2, "rx-packets", U64)
                .attr(3, "tx-bytes", U64)
                .attr(4, "tx-packets", U64)
                .attr(5, "pad", PAD)
                .build());
        b.attributeSet(AttributeSet.builder("br-vlan-db-gopts-attrs")
                .attr(1, "id", U16)
                .attr(2, "range", U16)
                .attr(3, "mcast-snooping", U8)
                .attr(4, "mcast-igmp-version", U8)
                .attr(5, "mcast-mld-version", U8)
                .attr(6, "mcast-last-member-cnt", U32)
                .attr(7, "mcast-startup-query-cnt", U32)
                .attr(8, "mcast-last-member-intvl", U64)
                .attr(9, "pad", PAD)
                .attr(10, "mcast-membership-intvl", U64)
                .attr(11, "mcast-querier-intvl", U64)
                .attr(12, "mcast-query-intvl", U64)
                .attr(13, "mcast-query-response-intvl", U64)
                .attr(14, "mcast-startup-query-intvl", U64)
                .attr(15, "mcast-querier", U8)
                .attr(16, "mcast-router-ports", BINARY)
                .attr(17, "mcast-querier-state", BINARY)
                .attr(18, "msti", U16)
                .build());
        b.message(RTM_NEWVLAN, "newvlan", "br-vlan-msg", "br-vlan-db-attrs")
                .message(RTM_DELVLAN, "delvlan", "br-vlan-msg", "br-vlan-db-attrs")
                .request(RTM_GETVLAN, "getvlan", "br-vlan-msg", "br-vlan-db-dump-attrs");
        b.mcastGroup("rtnlgrp-brvlan", GROUP_BRVLAN);
    }
}
