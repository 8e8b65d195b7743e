package io.jnetlink.netfilter;

import io.jnetlink.Netlink;
import io.jnetlink.schema.AttrDef;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.Display;
import io.jnetlink.schema.EnumDef;
import io.jnetlink.schema.Schema;
import io.jnetlink.schema.StructDef;
import io.jnetlink.schema.StructDef.Member;

import java.util.List;
import java.util.function.UnaryOperator;

import static io.jnetlink.schema.AttrType.BINARY;
import static io.jnetlink.schema.AttrType.PAD;
import static io.jnetlink.schema.AttrType.STRING;
import static io.jnetlink.schema.AttrType.U16;
import static io.jnetlink.schema.AttrType.U32;
import static io.jnetlink.schema.AttrType.U64;
import static io.jnetlink.schema.AttrType.U8;

/**
 * The ctnetlink definitions (NETLINK_NETFILTER, subsystem NFNL_SUBSYS_CTNETLINK): struct nfgenmsg and the CTA_*
 * attribute tables of {@code linux/netfilter/nfnetlink_conntrack.h}, as data in the core's definition model. Names
 * follow the kernel's YNL spec {@code conntrack.yaml}; numbers and types the uapi header and
 * {@code nf_conntrack_netlink.c} of kernel 6.18, which the spec gets wrong in places (CTA_TIMESTAMP and CTA_FILTER are
 * nests, CTA_NAT_PROTO is 3). Almost every integer is big-endian; CTA_FILTER's flags are in host order.
 */
public final class Ctnetlink {
    /** NFNL_SUBSYS_CTNETLINK: the high byte of every message type. */
    public static final int NFNL_SUBSYS_CTNETLINK = 1;
    /** IPCTNL_MSG_CT_NEW: an entry (dump reply, get reply, NEW and UPDATE events; create and update requests). */
    public static final int MSG_NEW = NFNL_SUBSYS_CTNETLINK << 8;
    /** IPCTNL_MSG_CT_GET: get one entry, or dump. */
    public static final int MSG_GET = MSG_NEW | 1;
    /** IPCTNL_MSG_CT_DELETE: delete one entry or flush (the DESTROY event too). */
    public static final int MSG_DELETE = MSG_NEW | 2;
    /** IPCTNL_MSG_CT_GET_CTRZERO: get or dump, zeroing the counters. */
    public static final int MSG_GET_CTRZERO = MSG_NEW | 3;
    /** IPCTNL_MSG_CT_GET_STATS_CPU: per-CPU statistics. */
    public static final int MSG_GET_STATS_CPU = MSG_NEW | 4;
    /** IPCTNL_MSG_CT_GET_STATS: the table's entry count and maximum. */
    public static final int MSG_GET_STATS = MSG_NEW | 5;

    /** Multicast group NFNLGRP_CONNTRACK_NEW. */
    public static final int GROUP_NEW = 1;
    /** NFNLGRP_CONNTRACK_UPDATE. */
    public static final int GROUP_UPDATE = 2;
    /** NFNLGRP_CONNTRACK_DESTROY. */
    public static final int GROUP_DESTROY = 3;

    /** IPS_EXPECTED: an expected (related) connection. */
    public static final long IPS_EXPECTED = 1;
    /** IPS_SEEN_REPLY: packets were seen both ways. */
    public static final long IPS_SEEN_REPLY = 1 << 1;
    /** IPS_ASSURED: never early-expired. */
    public static final long IPS_ASSURED = 1 << 2;
    /** IPS_CONFIRMED: the first packet left the box (every entry in the table). */
    public static final long IPS_CONFIRMED = 1 << 3;
    /** IPS_OFFLOAD: offloaded to a flow table (no timeout, no protoinfo then). */
    public static final long IPS_OFFLOAD = 1 << 14;
    /** IPS_HW_OFFLOAD: offloaded to hardware. */
    public static final long IPS_HW_OFFLOAD = 1 << 15;

    /** The status bits by number, as the kernel names them (IPS_*_BIT without the prefix). */
    static final List<String> STATUS_NAMES = List.of("EXPECTED", "SEEN_REPLY", "ASSURED", "CONFIRMED", "SRC_NAT",
            "DST_NAT", "SEQ_ADJUST", "SRC_NAT_DONE", "DST_NAT_DONE", "DYING", "FIXED_TIMEOUT", "TEMPLATE",
            "NAT_CLASH", "HELPER", "OFFLOAD", "HW_OFFLOAD");

    /** TCP states as conntrack prints them (enum tcp_conntrack; 10 and above print as NONE). */
    static final List<String> TCP_STATES = List.of("NONE", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT",
            "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT", "CLOSE", "SYN_SENT2");

    /** SCTP states as conntrack prints them (enum sctp_conntrack). */
    static final List<String> SCTP_STATES = List.of("NONE", "CLOSED", "COOKIE_WAIT", "COOKIE_ECHOED", "ESTABLISHED",
            "SHUTDOWN_SENT", "SHUTDOWN_RECD", "SHUTDOWN_ACK_SENT", "HEARTBEAT_SENT");

    /** DCCP states (enum ct_dccp_states). */
    static final List<String> DCCP_STATES = List.of("NONE", "REQUEST", "RESPOND", "PARTOPEN", "OPEN", "CLOSEREQ",
            "CLOSING", "TIMEWAIT", "IGNORE", "INVALID");

    // CTA_FILTER flags (net/netfilter/nf_internals.h): which fields of a filter tuple must match
    static final int FILTER_IP_SRC = 1;
    static final int FILTER_IP_DST = 1 << 1;
    static final int FILTER_PROTO_NUM = 1 << 3;
    static final int FILTER_PROTO_SRC_PORT = 1 << 4;
    static final int FILTER_PROTO_DST_PORT = 1 << 5;

    private static final UnaryOperator<AttrDef.Builder> BE = AttrDef.Builder::bigEndian;
    private static final UnaryOperator<AttrDef.Builder> IPV4 = a -> a.display(Display.IPV4);
    private static final UnaryOperator<AttrDef.Builder> IPV6 = a -> a.display(Display.IPV6);

    /** Every ctnetlink definition, linked. */
    public static final Schema SCHEMA = build();

    private Ctnetlink() {
    }

    private static Schema build() {
        Schema.Builder b = Schema.builder("ctnetlink", Schema.Protocol.NETLINK_RAW, Netlink.NETLINK_NETFILTER);
        b.struct(new StructDef("nfgenmsg", List.of(Member.of("nfgen-family", U8), Member.of("version", U8),
                new Member("res-id", U16, 0, true, Display.NONE, null))));
        b.struct(new StructDef("nf-ct-tcp-flags-mask", List.of(Member.of("flags", U8), Member.of("mask", U8))));
        b.enumDef(EnumDef.flags("nf-ct-status", "expected", "seen-reply", "assured", "confirmed", "src-nat",
                "dst-nat", "seq-adj", "src-nat-done", "dst-nat-done", "dying", "fixed-timeout", "template",
                "nat-clash", "helper", "offload", "hw-offload"));
        b.enumDef(EnumDef.values("nf-ct-tcp-state", 0, "none", "syn-sent", "syn-recv", "established", "fin-wait",
                "close-wait", "last-ack", "time-wait", "close", "syn-sent2", "max", "ignore", "retrans", "unack",
                "timeout-max"));

        b.attributeSet(AttributeSet.builder("conntrack-attrs")
                .nest(1, "tuple-orig", "tuple-attrs")
                .nest(2, "tuple-reply", "tuple-attrs")
                .attr(3, "status", U32, a -> a.bigEndian().enumName("nf-ct-status").enumAsFlags())
                .nest(4, "protoinfo", "protoinfo-attrs")
                .nest(5, "help", "help-attrs")
                .nest(6, "nat-src", "nat-attrs")
                .attr(7, "timeout", U32, BE)
                .attr(8, "mark", U32, BE)
                .nest(9, "counters-orig", "counter-attrs")
                .nest(10, "counters-reply", "counter-attrs")
                .attr(11, "use", U32, BE)
                .attr(12, "id", U32, BE)
                .nest(13, "nat-dst", "nat-attrs")
                .nest(14, "tuple-master", "tuple-attrs")
                .nest(15, "seq-adj-orig", "seqadj-attrs")
                .nest(16, "seq-adj-reply", "seqadj-attrs")
                .attr(17, "secmark", U32, BE)
                .attr(18, "zone", U16, BE)
                .nest(19, "secctx", "secctx-attrs")
                .nest(20, "timestamp", "timestamp-attrs")
                .attr(21, "mark-mask", U32, BE)
                .attr(22, "labels", BINARY)
                .attr(23, "labels-mask", BINARY)
                .nest(24, "synproxy", "synproxy-attrs")
                .nest(25, "filter", "filter-attrs")
                .attr(26, "status-mask", U32, a -> a.bigEndian().enumName("nf-ct-status").enumAsFlags())
                .attr(27, "timestamp-event", U64, BE)
                .build());
        b.attributeSet(AttributeSet.builder("tuple-attrs")
                .nest(1, "tuple-ip", "tuple-ip-attrs")
                .nest(2, "tuple-proto", "tuple-proto-attrs")
                .attr(3, "tuple-zone", U16, BE)
                .build());
        b.attributeSet(AttributeSet.builder("tuple-ip-attrs")
                .attr(1, "ip-v4-src", BINARY, IPV4)
                .attr(2, "ip-v4-dst", BINARY, IPV4)
                .attr(3, "ip-v6-src", BINARY, IPV6)
                .attr(4, "ip-v6-dst", BINARY, IPV6)
                .build());
        b.attributeSet(AttributeSet.builder("tuple-proto-attrs")
                .attr(1, "proto-num", U8)
                .attr(2, "proto-src-port", U16, BE)
                .attr(3, "proto-dst-port", U16, BE)
                .attr(4, "proto-icmp-id", U16, BE)
                .attr(5, "proto-icmp-type", U8)
                .attr(6, "proto-icmp-code", U8)
                .attr(7, "proto-icmpv6-id", U16, BE)
                .attr(8, "proto-icmpv6-type", U8)
                .attr(9, "proto-icmpv6-code", U8)
                .build());
        b.attributeSet(AttributeSet.builder("protoinfo-attrs")
                .nest(1, "protoinfo-tcp", "protoinfo-tcp-attrs")
                .nest(2, "protoinfo-dccp", "protoinfo-dccp-attrs")
                .nest(3, "protoinfo-sctp", "protoinfo-sctp-attrs")
                .build());
        b.attributeSet(AttributeSet.builder("protoinfo-tcp-attrs")
                .attr(1, "tcp-state", U8, a -> a.enumName("nf-ct-tcp-state"))
                .attr(2, "tcp-wscale-original", U8)
                .attr(3, "tcp-wscale-reply", U8)
                .attr(4, "tcp-flags-original", BINARY, a -> a.struct("nf-ct-tcp-flags-mask"))
                .attr(5, "tcp-flags-reply", BINARY, a -> a.struct("nf-ct-tcp-flags-mask"))
                .build());
        b.attributeSet(AttributeSet.builder("protoinfo-dccp-attrs")
                .attr(1, "dccp-state", U8)
                .attr(2, "dccp-role", U8)
                .attr(3, "dccp-handshake-seq", U64, BE)
                .attr(4, "dccp-pad", PAD)
                .build());
        b.attributeSet(AttributeSet.builder("protoinfo-sctp-attrs")
                .attr(1, "sctp-state", U8)
                .attr(2, "vtag-original", U32, BE)
                .attr(3, "vtag-reply", U32, BE)
                .build());
        b.attributeSet(AttributeSet.builder("help-attrs")
                .attr(1, "help-name", STRING)
                .attr(2, "help-info", BINARY)
                .build());
        b.attributeSet(AttributeSet.builder("nat-attrs")
                .attr(1, "nat-v4-minip", BINARY, IPV4)
                .attr(2, "nat-v4-maxip", BINARY, IPV4)
                .nest(3, "nat-proto", "nat-proto-attrs")
                .attr(4, "nat-v6-minip", BINARY, IPV6)
                .attr(5, "nat-v6-maxip", BINARY, IPV6)
                .build());
        b.attributeSet(AttributeSet.builder("nat-proto-attrs")
                .attr(1, "nat-port-min", U16, BE)
                .attr(2, "nat-port-max", U16, BE)
                .build());
        b.attributeSet(AttributeSet.builder("counter-attrs")
                .attr(1, "packets", U64, BE)
                .attr(2, "bytes", U64, BE)
                .attr(3, "packets-old", U32, BE)
                .attr(4, "bytes-old", U32, BE)
                .attr(5, "pad", PAD)
                .build());
        b.attributeSet(AttributeSet.builder("timestamp-attrs")
                .attr(1, "start", U64, BE)
                .attr(2, "stop", U64, BE)
                .attr(3, "pad", PAD)
                .build());
        b.attributeSet(AttributeSet.builder("seqadj-attrs")
                .attr(1, "correction-pos", U32, BE)
                .attr(2, "offset-before", U32, BE)
                .attr(3, "offset-after", U32, BE)
                .build());
        b.attributeSet(AttributeSet.builder("secctx-attrs")
                .attr(1, "secctx-name", STRING)
                .build());
        b.attributeSet(AttributeSet.builder("synproxy-attrs")
                .attr(1, "isn", U32, BE)
                .attr(2, "its", U32, BE)
                .attr(3, "tsoff", U32, BE)
                .build());
        // CTA_FILTER: which fields of CTA_TUPLE_ORIG / CTA_TUPLE_REPLY a dump or flush matches (NLA_U32, host order)
        b.attributeSet(AttributeSet.builder("filter-attrs")
                .attr(1, "orig-flags", U32)
                .attr(2, "reply-flags", U32)
                .build());
        b.attributeSet(AttributeSet.builder("conntrack-stats-attrs")
                .attr(1, "searched", U32, BE)
                .attr(2, "found", U32, BE)
                .attr(3, "new", U32, BE)
                .attr(4, "invalid", U32, BE)
                .attr(5, "ignore", U32, BE)
                .attr(6, "delete", U32, BE)
                .attr(7, "delete-list", U32, BE)
                .attr(8, "insert", U32, BE)
                .attr(9, "insert-failed", U32, BE)
                .attr(10, "drop", U32, BE)
                .attr(11, "early-drop", U32, BE)
                .attr(12, "error", U32, BE)
                .attr(13, "search-restart", U32, BE)
                .attr(14, "clash-resolve", U32, BE)
                .attr(15, "chain-toolong", U32, BE)
                .build());
        b.attributeSet(AttributeSet.builder("conntrack-stats-global-attrs")
                .attr(1, "entries", U32, BE)
                .attr(2, "max-entries", U32, BE)
                .build());

        b.message(MSG_NEW, "ct-new", "nfgenmsg", "conntrack-attrs")
                .message(MSG_GET, "ct-get", "nfgenmsg", "conntrack-attrs")
                .message(MSG_DELETE, "ct-delete", "nfgenmsg", "conntrack-attrs")
                .message(MSG_GET_CTRZERO, "ct-get-ctrzero", "nfgenmsg", "conntrack-attrs")
                .message(MSG_GET_STATS_CPU, "ct-get-stats-cpu", "nfgenmsg", "conntrack-stats-attrs")
                .message(MSG_GET_STATS, "ct-get-stats", "nfgenmsg", "conntrack-stats-global-attrs");
        b.mcastGroup("conntrack-new", GROUP_NEW)
                .mcastGroup("conntrack-update", GROUP_UPDATE)
                .mcastGroup("conntrack-destroy", GROUP_DESTROY);
        return b.build();
    }
}
