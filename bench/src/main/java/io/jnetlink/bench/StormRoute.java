package io.jnetlink.bench;

import io.jnetlink.Netlink;

import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.Display;
import io.jnetlink.schema.Schema;
import io.jnetlink.schema.StructDef;
import io.jnetlink.schema.StructDef.Member;

import java.util.List;

/**
 * The route messages of the storm benchmark: {@code struct rtmsg} and every {@code RTA_*} attribute of
 * an IPv4 route (linux/rtnetlink.h), with the {@code RTAX_*} metrics nest, so that a consumer can decode
 * every attribute of an RTM_NEWROUTE event. The full rtnetlink set belongs to a route module; this is
 * the part {@link StormBench} needs.
 */
final class StormRoute {
    /** RTM_NEWROUTE. */
    static final int RTM_NEWROUTE = 24;
    /** RTM_DELROUTE. */
    static final int RTM_DELROUTE = 25;
    /** RTM_GETROUTE. */
    static final int RTM_GETROUTE = 26;

    /** rtmsg + route-attrs for RTM_NEWROUTE, RTM_DELROUTE and RTM_GETROUTE. */
    static final Schema SCHEMA = Schema.builder("storm-route", Schema.Protocol.NETLINK_RAW, Netlink.NETLINK_ROUTE)
            .struct(new StructDef("rtmsg", List.of(Member.of("family", AttrType.U8), Member.of("dst-len", AttrType.U8),
                    Member.of("src-len", AttrType.U8), Member.of("tos", AttrType.U8), Member.of("table", AttrType.U8),
                    Member.of("protocol", AttrType.U8), Member.of("scope", AttrType.U8), Member.of("type", AttrType.U8),
                    Member.of("flags", AttrType.U32))))
            .attributeSet(AttributeSet.builder("route-attrs")
                    .attr(1, "dst", AttrType.BINARY, a -> a.display(Display.IPV4_OR_V6))
                    .attr(2, "src", AttrType.BINARY, a -> a.display(Display.IPV4_OR_V6))
                    .attr(3, "iif", AttrType.U32)
                    .attr(4, "oif", AttrType.U32)
                    .attr(5, "gateway", AttrType.BINARY, a -> a.display(Display.IPV4_OR_V6))
                    .attr(6, "priority", AttrType.U32)
                    .attr(7, "prefsrc", AttrType.BINARY, a -> a.display(Display.IPV4_OR_V6))
                    .nest(8, "metrics", "metrics-attrs")
                    .attr(9, "multipath", AttrType.BINARY)
                    .attr(11, "flow", AttrType.U32)
                    .attr(12, "cacheinfo", AttrType.BINARY)
                    .attr(15, "table", AttrType.U32)
                    .attr(16, "mark", AttrType.U32)
                    .attr(17, "mfc-stats", AttrType.BINARY)
                    .attr(18, "via", AttrType.BINARY)
                    .attr(19, "newdst", AttrType.BINARY)
                    .attr(20, "pref", AttrType.U8)
                    .attr(21, "encap-type", AttrType.U16)
                    .attr(22, "encap", AttrType.BINARY)
                    .attr(23, "expires", AttrType.U32)
                    .attr(24, "pad", AttrType.PAD)
                    .attr(25, "uid", AttrType.U32)
                    .attr(26, "ttl-propagate", AttrType.U8)
                    .attr(27, "ip-proto", AttrType.U8)
                    .attr(28, "sport", AttrType.U16, a -> a.bigEndian())
                    .attr(29, "dport", AttrType.U16, a -> a.bigEndian())
                    .attr(30, "nh-id", AttrType.U32)
                    .attr(31, "flowlabel", AttrType.U32, a -> a.bigEndian())
                    .build())
            .attributeSet(AttributeSet.builder("metrics-attrs")
                    .attr(1, "lock", AttrType.U32)
                    .attr(2, "mtu", AttrType.U32)
                    .attr(3, "window", AttrType.U32)
                    .attr(4, "rtt", AttrType.U32)
                    .attr(5, "rttvar", AttrType.U32)
                    .attr(6, "ssthresh", AttrType.U32)
                    .attr(7, "cwnd", AttrType.U32)
                    .attr(8, "advmss", AttrType.U32)
                    .attr(9, "reordering", AttrType.U32)
                    .attr(10, "hoplimit", AttrType.U32)
                    .attr(11, "initcwnd", AttrType.U32)
                    .attr(12, "features", AttrType.U32)
                    .attr(13, "rto-min", AttrType.U32)
                    .attr(14, "initrwnd", AttrType.U32)
                    .attr(15, "quickack", AttrType.U32)
                    .attr(16, "cc-algo", AttrType.STRING)
                    .attr(17, "fastopen-no-cookie", AttrType.U32)
                    .build())
            .message(RTM_NEWROUTE, "newroute", "rtmsg", "route-attrs")
            .message(RTM_DELROUTE, "delroute", "rtmsg", "route-attrs")
            .message(RTM_GETROUTE, "getroute", "rtmsg", "route-attrs")
            .build();

    private StormRoute() {
    }
}
