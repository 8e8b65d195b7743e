package io.jnetlink.diag;

import io.jnetlink.Errno;
import io.jnetlink.NetlinkException;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.MessageBuilder;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.message.OutgoingMessage;
import io.jnetlink.socket.NetlinkSocket;
import io.jnetlink.socket.NetlinkSocketSpec;
import io.jnetlink.socket.Replies;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Socket diagnostics, what {@code ss} reads: TCP and UDP sockets of both address families (inet_diag) and UNIX
 * sockets (unix_diag) as typed, immutable records, filtered in the kernel by state, family and a condition on
 * addresses and ports; and {@code SOCK_DESTROY}, which closes a socket as {@code ss -K} does. It holds a
 * {@link NetlinkSocket} of family NETLINK_SOCK_DIAG (and a second one for UNIX sockets, opened on first use, since
 * the replies of the two share a message type and differ in layout) and works in the spec's network namespace.
 *
 * {@snippet :
 * try (SockDiag diag = new SockDiag(NetlinkSocketSpec.builder().netns("blue").build())) {
 *     for (InetSocket s : diag.inetSockets(SocketQuery.tcp().states(SocketState.LISTEN))) { ... }
 *     diag.inetSockets(SocketQuery.tcp().filter(SocketFilter.parse("dport = :443")).withTcpInfo(),
 *             s -> System.out.println(s.remoteAddress() + " rtt " + s.tcpInfo().rtt()));   // streamed
 *     List<UnixSocket> unix = diag.unixSockets(SocketState.ALL);
 *     diag.destroy(someSocket);                                                          // ss -K
 * }
 * }
 *
 * <p>Errors: a refusal is a {@link NetlinkException} named after the operation ("socket destroy tcp
 * 10.0.0.1:80 10.0.0.2:40000: ENOENT ..."); bad arguments are {@link IllegalArgumentException}s thrown before
 * anything is sent; malformed replies raise {@link io.jnetlink.message.MalformedMessageException}. Safe for
 * concurrent use.
 */
public final class SockDiag implements AutoCloseable {
    private static final int UNIX_SHOW = Diag.UDIAG_SHOW_NAME | Diag.UDIAG_SHOW_VFS | Diag.UDIAG_SHOW_PEER
            | Diag.UDIAG_SHOW_RQLEN | Diag.UDIAG_SHOW_UID;
    private static final int EXT_INFO = 1 << (Diag.INET_DIAG_INFO - 1) | 1 << (Diag.INET_DIAG_CONG - 1);

    private final NetlinkSocketSpec spec;
    private final NetlinkSocket inet;
    private NetlinkSocket unix;
    private boolean closed;

    /**
     * A sock_diag socket in the caller's network namespace.
     *
     * @throws NetlinkException when the socket cannot be opened
     */
    public SockDiag() throws NetlinkException {
        this(NetlinkSocketSpec.builder().build());
    }

    /**
     * A sock_diag socket with the options of {@code spec} (namespace, buffers, timeout, ...); its family is ignored.
     *
     * @param spec the socket options
     * @throws NetlinkException when the socket cannot be opened
     */
    public SockDiag(NetlinkSocketSpec spec) throws NetlinkException {
        this.spec = spec.toBuilder().family(Diag.NETLINK_SOCK_DIAG).build();
        this.inet = new NetlinkSocket(this.spec, Marshal.classic(Diag.INET));
    }

    /**
     * The netlink socket the TCP and UDP requests go through, for its options; the UNIX one is not exposed.
     *
     * @return the inet_diag socket (owned by this object: closed by {@link #close()})
     */
    public NetlinkSocket socket() {
        return inet;
    }

    /** Closes the sockets (see {@link NetlinkSocket#close()}). */
    @Override
    public void close() {
        inet.close();
        synchronized (this) {
            closed = true;
            if (unix != null) {
                unix.close();
            }
        }
    }

    private synchronized NetlinkSocket unixSocket() throws NetlinkException {
        if (unix == null) {
            if (closed) {
                throw new NetlinkException("socket dump unix", Errno.EBADF, "socket closed");
            }
            unix = new NetlinkSocket(spec, Marshal.classic(Diag.UNIX));
        }
        return unix;
    }

    // ------------------------------------------------------------------ TCP and UDP

    /**
     * The TCP or UDP sockets {@code q} selects, IPv4 before IPv6.
     *
     * @param q the query
     * @return the sockets, in the kernel's order
     * @throws NetlinkException when the kernel refuses the dump (a filter it finds invalid: EINVAL)
     */
    public List<InetSocket> inetSockets(SocketQuery q) throws NetlinkException {
        List<InetSocket> out = new ArrayList<>();
        inetSockets(q, out::add);
        return out;
    }

    /**
     * Streams the sockets {@code q} selects to {@code sink} as the replies arrive (any number of sockets in
     * bounded memory).
     *
     * @param q    the query
     * @param sink receives each socket
     * @throws NetlinkException when the kernel refuses the dump
     */
    public void inetSockets(SocketQuery q, Consumer<? super InetSocket> sink) throws NetlinkException {
        byte[] bytecode = q.filter() == null ? null : q.filter().bytecode();
        String op = "socket dump " + (q.protocol() == Diag.IPPROTO_TCP ? "tcp" : "udp");
        for (int family : q.family() == 0 ? new int[] {Diag.AF_INET, Diag.AF_INET6} : new int[] {q.family()}) {
            try (Replies r = inet.stream(dumpRequest(q, family, bytecode))) {
                for (NetlinkMessage x = r.next(); x != null; x = r.next()) {
                    if (x.type() == Diag.SOCK_DIAG_BY_FAMILY) {
                        sink.accept(InetSocket.from(x, q.protocol()));
                    }
                }
            } catch (NetlinkException e) {
                throw e.withOp(op);
            }
        }
    }

    /** The dump request of {@code q} for one family: inet_diag_req_v2, and the filter's bytecode when there is one. */
    static OutgoingMessage dumpRequest(SocketQuery q, int family, byte[] bytecode) {
        MessageBuilder m = MessageBuilder.of(Diag.INET, "getsock")
                .header("family", family)
                .header("protocol", q.protocol())
                .header("ext", q.tcpInfo() ? EXT_INFO : 0)
                .header("states", q.states());
        if (bytecode != null) {
            m.attr("bytecode", bytecode);
        }
        return m.dump().build();
    }

    /**
     * Closes one TCP or UDP socket ({@code SOCK_DESTROY}, as {@code ss -K}): a TCP connection is reset. The socket
     * is named by its family, protocol, addresses, ports, device and cookie as a dump reported them.
     *
     * @param s a socket from {@link #inetSockets}
     * @throws NetlinkException ENOENT when no such socket exists (any more), EPERM without CAP_NET_ADMIN,
     *                          EOPNOTSUPP when the kernel lacks CONFIG_INET_DIAG_DESTROY
     */
    public void destroy(InetSocket s) throws NetlinkException {
        String op = "socket destroy " + s.netid() + " " + endpoint(s.localAddress(), s.localPort()) + " "
                + endpoint(s.remoteAddress(), s.remotePort());
        MessageBuilder m = MessageBuilder.of(Diag.INET, "destroy")
                .header("family", s.family())
                .header("protocol", s.protocol())
                .header("sport", s.localPort())
                .header("dport", s.remotePort())
                .header("src", bytes(s.localAddress(), s.family()))
                .header("dst", bytes(s.remoteAddress(), s.family()))
                .header("if", s.ifindex())
                .header("cookie", s.cookie());
        try (Replies r = inet.request(m.build())) {
            r.list();
        } catch (NetlinkException e) {
            throw e.withOp(op);
        }
    }

    /**
     * Closes every socket {@code q} selects ({@code ss -K} with a filter): a dump, then one {@code SOCK_DESTROY}
     * each. A socket that closed on its own in between is skipped, as {@code ss} does.
     *
     * @param q the query
     * @return the sockets closed
     * @throws NetlinkException as {@link #destroy}, for the first socket the kernel refuses to close
     */
    public List<InetSocket> destroyAll(SocketQuery q) throws NetlinkException {
        List<InetSocket> done = new ArrayList<>();
        for (InetSocket s : inetSockets(q)) {
            try {
                destroy(s);
                done.add(s);
            } catch (NetlinkException e) {
                if (e.errno() != Errno.ENOENT) {
                    throw e;
                }
            }
        }
        return done;
    }

    private static String endpoint(InetAddress a, int port) {
        String h = a == null ? "*" : a.getHostAddress();
        return (a instanceof Inet6Address ? "[" + h + "]" : h) + ":" + port;
    }

    /** The 16-byte address array of the request for {@code a} in a socket of {@code family} (v4-mapped in IPv6). */
    private static byte[] bytes(InetAddress a, int family) {
        byte[] out = new byte[16];
        if (a == null) {
            return out;
        }
        byte[] b = a.getAddress();
        if (family == Diag.AF_INET6 && a instanceof Inet4Address) {
            out[10] = (byte) 0xff;
            out[11] = (byte) 0xff;
            System.arraycopy(b, 0, out, 12, 4);
        } else {
            System.arraycopy(b, 0, out, 0, b.length);
        }
        return out;
    }

    // ------------------------------------------------------------------ UNIX

    /**
     * The UNIX sockets in {@code states}, of every type (stream, datagram, seqpacket).
     *
     * @param states a mask of {@link SocketState#bit()}s (1 to {@link SocketState#ALL})
     * @return the sockets, in the kernel's order
     * @throws NetlinkException when the kernel refuses the dump
     */
    public List<UnixSocket> unixSockets(int states) throws NetlinkException {
        List<UnixSocket> out = new ArrayList<>();
        unixSockets(states, out::add);
        return out;
    }

    /**
     * Streams the UNIX sockets in {@code states} to {@code sink} as the replies arrive.
     *
     * @param states a mask of {@link SocketState#bit()}s (1 to {@link SocketState#ALL})
     * @param sink   receives each socket
     * @throws NetlinkException when the kernel refuses the dump
     */
    public void unixSockets(int states, Consumer<? super UnixSocket> sink) throws NetlinkException {
        if (states <= 0 || (states & ~SocketState.ALL) != 0) {
            throw new IllegalArgumentException("states 0x" + Integer.toHexString(states)
                    + " is not a non-empty mask of socket states (0x1..0xfff)");
        }
        MessageBuilder m = MessageBuilder.of(Diag.UNIX, "getsock")
                .header("family", Diag.AF_UNIX)
                .header("states", states)
                .header("show", UNIX_SHOW);
        try (Replies r = unixSocket().stream(m.dump().build())) {
            for (NetlinkMessage x = r.next(); x != null; x = r.next()) {
                if (x.type() == Diag.SOCK_DIAG_BY_FAMILY) {
                    sink.accept(UnixSocket.from(x));
                }
            }
        } catch (NetlinkException e) {
            throw e.withOp("socket dump unix");
        }
    }
}
