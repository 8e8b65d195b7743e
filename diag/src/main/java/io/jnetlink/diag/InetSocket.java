package io.jnetlink.diag;

import io.jnetlink.message.Attribute;
import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.NetlinkMessage;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A TCP or UDP socket as inet_diag reports it: {@code struct inet_diag_msg} and the INET_DIAG_* attributes.
 *
 * @param family        AF_INET or AF_INET6
 * @param protocol      IPPROTO_TCP or IPPROTO_UDP
 * @param state         the state number ({@link #socketState()})
 * @param timer         the pending TCP timer: 0 none, 1 retransmit, 2 keepalive, 3 time-wait, 4 zero-window probe
 * @param retrans       retransmissions or probes counted by that timer
 * @param localAddress  the bound address (the wildcard when unbound)
 * @param localPort     the local port
 * @param remoteAddress the peer's address (the wildcard when not connected)
 * @param remotePort    the peer's port, 0 when not connected
 * @param ifindex       the device the socket is bound to, 0 for none
 * @param cookie        the socket's cookie: with the addresses and ports it names the socket for {@code SOCK_DESTROY}
 * @param expires       milliseconds until the timer fires
 * @param recvQ         Recv-Q: bytes not yet read (for a listener: connections waiting for accept)
 * @param sendQ         Send-Q: bytes not yet acknowledged (for a listener: the backlog)
 * @param uid           the owner's uid
 * @param inode         the socket's inode number
 * @param shutdown      the shutdown bits (1 receive, 2 send; INET_DIAG_SHUTDOWN), or null when not sent
 * @param v6only        IPV6_V6ONLY of an IPv6 socket (INET_DIAG_SKV6ONLY), or null
 * @param mark          SO_MARK (INET_DIAG_MARK, sent to CAP_NET_ADMIN only), or null
 * @param cgroupId      the cgroup v2 id (INET_DIAG_CGROUP_ID), or null
 * @param congestion    the congestion control's name (INET_DIAG_CONG), or null when not asked for
 * @param tcpInfo       {@code struct tcp_info} (INET_DIAG_INFO), or null when not asked for or not TCP
 */
public record InetSocket(int family, int protocol, int state, int timer, int retrans, InetAddress localAddress,
                         int localPort, InetAddress remoteAddress, int remotePort, int ifindex, long cookie,
                         long expires, long recvQ, long sendQ, long uid, long inode, Integer shutdown,
                         Boolean v6only, Long mark, Long cgroupId, String congestion, TcpInfo tcpInfo) {

    /**
     * The socket's state as an enum constant.
     *
     * @return {@link #state()} as a {@link SocketState}, {@link SocketState#UNKNOWN} for a number outside 0..11
     */
    public SocketState socketState() {
        return SocketState.of(state);
    }

    /**
     * The socket's protocol as {@code ss}'s Netid column names it.
     *
     * @return "tcp" or "udp" ("proto" and the number for any other protocol)
     */
    public String netid() {
        return protocol == Diag.IPPROTO_TCP ? "tcp" : protocol == Diag.IPPROTO_UDP ? "udp" : "proto" + protocol;
    }

    /**
     * Decodes a reply of an inet_diag dump.
     *
     * @param m        an SOCK_DIAG_BY_FAMILY message decoded through {@link Diag#INET}
     * @param protocol the protocol the dump asked for (the reply does not always say)
     * @return the socket
     * @throws MalformedMessageException when the message is shorter than its header or an attribute is malformed
     */
    static InetSocket from(NetlinkMessage m, int protocol) {
        int family = (int) m.headerField("family");
        int alen = family == Diag.AF_INET ? 4 : 16;
        InetAddress src = address(m.headerBytes("src"), alen);
        InetAddress dst = address(m.headerBytes("dst"), alen);
        Integer shutdown = null;
        Boolean v6only = null;
        Long mark = null;
        Long cgroupId = null;
        String cong = null;
        TcpInfo info = null;
        for (Attribute a : m.attributes()) {
            switch (a.type()) {
                case Diag.INET_DIAG_INFO -> info = protocol == Diag.IPPROTO_TCP ? TcpInfo.from(a) : null;
                case Diag.INET_DIAG_CONG -> cong = a.asString();
                case 8 -> shutdown = (int) a.asLong();
                case 10 -> protocol = (int) a.asLong();
                case 11 -> v6only = a.asLong() != 0;
                case 15 -> mark = a.asLong();
                case 21 -> cgroupId = a.asLong();
                default -> {
                }
            }
        }
        return new InetSocket(family, protocol, (int) m.headerField("state"), (int) m.headerField("timer"),
                (int) m.headerField("retrans"), src, (int) m.headerField("sport"), dst, (int) m.headerField("dport"),
                (int) m.headerField("if"), m.headerField("cookie"), m.headerField("expires"),
                m.headerField("rqueue"), m.headerField("wqueue"), m.headerField("uid"), m.headerField("inode"),
                shutdown, v6only, mark, cgroupId, cong, info);
    }

    /** The first {@code len} (4 or 16) bytes of an address array. */
    private static InetAddress address(byte[] b, int len) {
        try {
            return InetAddress.getByAddress(len == b.length ? b : Arrays.copyOf(b, len));
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }
}
