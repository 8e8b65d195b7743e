package io.jnetlink.diag;

import io.jnetlink.schema.AttrDef;
import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.Display;
import io.jnetlink.schema.Schema;
import io.jnetlink.schema.StructDef;
import io.jnetlink.schema.StructDef.Member;

import java.util.ArrayList;
import java.util.List;

import static io.jnetlink.schema.AttrType.BINARY;
import static io.jnetlink.schema.AttrType.STRING;
import static io.jnetlink.schema.AttrType.U16;
import static io.jnetlink.schema.AttrType.U32;
import static io.jnetlink.schema.AttrType.U64;
import static io.jnetlink.schema.AttrType.U8;

/**
 * The socket-diagnostics definitions (NETLINK_SOCK_DIAG, protocol 4), as data in the core's definition model:
 * {@code struct inet_diag_req_v2}, {@code inet_diag_msg} and the INET_DIAG_* attributes of
 * {@code linux/inet_diag.h}, {@code struct tcp_info} of {@code linux/tcp.h}, and {@code unix_diag_req},
 * {@code unix_diag_msg} and the UNIX_DIAG_* attributes of {@code linux/unix_diag.h} (numbers of kernel 6.18).
 *
 * <p>Requests and replies share one message type (SOCK_DIAG_BY_FAMILY) and the reply's header depends on the
 * family asked for, so there are two schemas: {@link #INET} and {@link #UNIX}; a socket decodes through one.
 * Names are the C names without their prefix, in the YNL specs' spelling ({@code idiag_rqueue} is
 * {@code rqueue}, {@code INET_DIAG_INFO} is {@code info}).
 */
public final class Diag {
    /** The netlink protocol: NETLINK_SOCK_DIAG. */
    public static final int NETLINK_SOCK_DIAG = 4;
    /** Message type of a dump request and of its replies. */
    public static final int SOCK_DIAG_BY_FAMILY = 20;
    /** Message type that closes one socket (CONFIG_INET_DIAG_DESTROY, CAP_NET_ADMIN). */
    public static final int SOCK_DESTROY = 21;

    /** AF_UNIX. */
    public static final int AF_UNIX = 1;
    /** AF_INET. */
    public static final int AF_INET = 2;
    /** AF_INET6. */
    public static final int AF_INET6 = 10;
    /** IPPROTO_TCP. */
    public static final int IPPROTO_TCP = 6;
    /** IPPROTO_UDP. */
    public static final int IPPROTO_UDP = 17;

    /** SOCK_STREAM (a UNIX socket's type). */
    public static final int SOCK_STREAM = 1;
    /** SOCK_DGRAM. */
    public static final int SOCK_DGRAM = 2;
    /** SOCK_SEQPACKET. */
    public static final int SOCK_SEQPACKET = 5;

    /** INET_DIAG_INFO: the attribute number of {@code struct tcp_info}. */
    public static final int INET_DIAG_INFO = 2;
    /** INET_DIAG_CONG: the attribute number of the congestion control's name. */
    public static final int INET_DIAG_CONG = 4;

    /** UDIAG_SHOW_NAME: ask for the socket's path. */
    public static final int UDIAG_SHOW_NAME = 0x01;
    /** UDIAG_SHOW_VFS: ask for the inode and device of the bound file. */
    public static final int UDIAG_SHOW_VFS = 0x02;
    /** UDIAG_SHOW_PEER: ask for the peer's inode. */
    public static final int UDIAG_SHOW_PEER = 0x04;
    /** UDIAG_SHOW_RQLEN: ask for the queue lengths. */
    public static final int UDIAG_SHOW_RQLEN = 0x10;
    /** UDIAG_SHOW_UID: ask for the owner's uid. */
    public static final int UDIAG_SHOW_UID = 0x40;

    /** The inet_diag definitions: request {@code getsock} and {@code destroy}, reply {@code inet-diag-msg}. */
    public static final Schema INET = inet();
    /** The unix_diag definitions: request {@code getsock}, reply {@code unix-diag-msg}. */
    public static final Schema UNIX = unix();

    private Diag() {
    }

    private static Member m(String name, AttrType t) {
        return Member.of(name, t);
    }

    private static Member be(String name, AttrType t) {
        return new Member(name, t, 0, true, Display.NONE, null);
    }

    private static Member bytes(String name, int len) {
        return new Member(name, BINARY, len, false, Display.NONE, null);
    }

    private static Member pad(String name, int len) {
        return new Member(name, AttrType.PAD, len, false, Display.NONE, null);
    }

    /** struct inet_diag_sockid, flattened into the structs that hold it. */
    private static List<Member> sockid() {
        return List.of(be("sport", U16), be("dport", U16), bytes("src", 16), bytes("dst", 16), m("if", U32),
                m("cookie", U64));
    }

    private static StructDef struct(String name, List<Member> head, List<Member> sockid, List<Member> tail) {
        List<Member> all = new ArrayList<>(head);
        all.addAll(sockid);
        all.addAll(tail);
        return new StructDef(name, all);
    }

    /** struct tcp_info (linux/tcp.h, members to {@code tcpi_total_rto_time} of 6.7; later ones are not read). */
    static StructDef tcpInfo() {
        List<Member> l = new ArrayList<>();
        for (String n : List.of("state", "ca-state", "retransmits", "probes", "backoff", "options")) {
            l.add(m(n, U8));
        }
        l.add(m("wscale", U8));                // snd_wscale:4 (low bits), rcv_wscale:4
        l.add(m("app-limited", U8));           // delivery_rate_app_limited:1, fastopen_client_fail:2
        for (String n : List.of("rto", "ato", "snd-mss", "rcv-mss", "unacked", "sacked", "lost", "retrans",
                "fackets", "last-data-sent", "last-ack-sent", "last-data-recv", "last-ack-recv", "pmtu",
                "rcv-ssthresh", "rtt", "rttvar", "snd-ssthresh", "snd-cwnd", "advmss", "reordering", "rcv-rtt",
                "rcv-space", "total-retrans")) {
            l.add(m(n, U32));
        }
        for (String n : List.of("pacing-rate", "max-pacing-rate", "bytes-acked", "bytes-received")) {
            l.add(m(n, U64));
        }
        for (String n : List.of("segs-out", "segs-in", "notsent-bytes", "min-rtt", "data-segs-in", "data-segs-out")) {
            l.add(m(n, U32));
        }
        for (String n : List.of("delivery-rate", "busy-time", "rwnd-limited", "sndbuf-limited")) {
            l.add(m(n, U64));
        }
        l.add(m("delivered", U32));
        l.add(m("delivered-ce", U32));
        l.add(m("bytes-sent", U64));
        l.add(m("bytes-retrans", U64));
        for (String n : List.of("dsack-dups", "reord-seen", "rcv-ooopack", "snd-wnd", "rcv-wnd", "rehash")) {
            l.add(m(n, U32));
        }
        l.add(m("total-rto", U16));
        l.add(m("total-rto-recoveries", U16));
        l.add(m("total-rto-time", U32));
        return new StructDef("tcp-info", l);
    }

    private static Schema inet() {
        Schema.Builder b = Schema.builder("inet-diag", Schema.Protocol.NETLINK_RAW, NETLINK_SOCK_DIAG);
        b.struct(struct("inet-diag-req-v2", List.of(m("family", U8), m("protocol", U8), m("ext", U8),
                pad("pad", 1), m("states", U32)), sockid(), List.of()));
        b.struct(struct("inet-diag-msg", List.of(m("family", U8), m("state", U8), m("timer", U8),
                m("retrans", U8)), sockid(), List.of(m("expires", U32), m("rqueue", U32), m("wqueue", U32),
                m("uid", U32), m("inode", U32))));
        b.struct(new StructDef("inet-diag-meminfo", List.of(m("rmem", U32), m("wmem", U32), m("fmem", U32),
                m("tmem", U32))));
        b.struct(tcpInfo());
        b.attributeSet(AttributeSet.builder("inet-diag-req-attrs")
                .attr(1, "bytecode", BINARY)
                .attr(2, "sk-bpf-storages", AttrType.NEST, a -> a.nested("inet-diag-raw"))
                .attr(3, "protocol", U32)
                .build());
        b.attributeSet(AttributeSet.builder("inet-diag-raw").build());
        b.attributeSet(AttributeSet.builder("inet-diag-attrs")
                .attr(1, "meminfo", BINARY, a -> a.struct("inet-diag-meminfo"))
                .attr(2, "info", BINARY, a -> a.structPrefix("tcp-info"))
                .attr(3, "vegasinfo", BINARY)
                .attr(4, "cong", STRING)
                .attr(5, "tos", U8)
                .attr(6, "tclass", U8)
                .attr(7, "skmeminfo", BINARY, a -> a.subType(U32))
                .attr(8, "shutdown", U8)
                .attr(9, "dctcpinfo", BINARY)
                .attr(10, "protocol", U8)
                .attr(11, "skv6only", U8)
                .attr(12, "locals", BINARY)
                .attr(13, "peers", BINARY)
                .attr(14, "pad", AttrType.PAD)
                .attr(15, "mark", U32)
                .attr(16, "bbrinfo", BINARY)
                .attr(17, "class-id", U32)
                .attr(18, "md5sig", BINARY)
                .attr(19, "ulp-info", BINARY)
                .attr(20, "sk-bpf-storages", BINARY)
                .attr(21, "cgroup-id", U64)
                .attr(22, "sockopt", BINARY)
                .build());
        b.message(SOCK_DIAG_BY_FAMILY, "inet-diag-msg", "inet-diag-msg", "inet-diag-attrs");
        b.request(SOCK_DIAG_BY_FAMILY, "getsock", "inet-diag-req-v2", "inet-diag-req-attrs");
        b.request(SOCK_DESTROY, "destroy", "inet-diag-req-v2", "inet-diag-req-attrs");
        return b.build();
    }

    private static Schema unix() {
        Schema.Builder b = Schema.builder("unix-diag", Schema.Protocol.NETLINK_RAW, NETLINK_SOCK_DIAG);
        b.struct(new StructDef("unix-diag-req", List.of(m("family", U8), m("protocol", U8), pad("pad", 2),
                m("states", U32), m("ino", U32), m("show", U32), m("cookie", U64))));
        b.struct(new StructDef("unix-diag-msg", List.of(m("family", U8), m("type", U8), m("state", U8),
                pad("pad", 1), m("ino", U32), m("cookie", U64))));
        b.struct(new StructDef("unix-diag-vfs", List.of(m("ino", U32), m("dev", U32))));
        b.struct(new StructDef("unix-diag-rqlen", List.of(m("rqueue", U32), m("wqueue", U32))));
        b.attributeSet(AttributeSet.builder("unix-diag-attrs")
                .attr(0, "name", BINARY)
                .attr(1, "vfs", BINARY, a -> a.struct("unix-diag-vfs"))
                .attr(2, "peer", U32)
                .attr(3, "icons", BINARY, a -> a.subType(U32))
                .attr(4, "rqlen", BINARY, a -> a.struct("unix-diag-rqlen"))
                .attr(5, "meminfo", BINARY, a -> a.subType(U32))
                .attr(6, "shutdown", U8)
                .attr(7, "uid", U32)
                .build());
        b.attributeSet(AttributeSet.builder("unix-diag-req-attrs").build());
        b.message(SOCK_DIAG_BY_FAMILY, "unix-diag-msg", "unix-diag-msg", "unix-diag-attrs");
        b.request(SOCK_DIAG_BY_FAMILY, "getsock", "unix-diag-req", "unix-diag-req-attrs");
        return b.build();
    }

    /** The byte offset of member {@code name} in the struct {@code struct} of {@code schema}. */
    static int offset(Schema schema, String struct, String name) {
        int o = schema.struct(struct).offsetOf(name);
        if (o < 0) {
            throw new IllegalStateException("struct " + struct + " has no member " + name);
        }
        return o;
    }

    /** The little-endian unsigned integer of {@code n} bytes at {@code off}, or 0 when {@code b} ends before it. */
    static long le(byte[] b, int off, int n) {
        if (off + n > b.length) {
            return 0;
        }
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (b[off + i] & 0xffL);
        }
        return v;
    }
}
