package io.jnetlink.diag;

import io.jnetlink.Errno;
import io.jnetlink.KernelNamespace;
import io.jnetlink.NetlinkException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SockDiag against the real kernel and {@code ss} (iproute2) in a namespace this test creates: real sockets held
 * by a Python process ({@link HeldSockets}), compared socket by socket with what {@code ss -n} prints.
 */
class SockDiagKernelTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    private static HeldSockets held;
    private static SockDiag diag;

    @BeforeAll
    static void open() throws Exception {
        NS.ip("link", "set", "lo", "up");
        held = new HeldSockets(NS.name());
        diag = new SockDiag(NS.spec(Diag.NETLINK_SOCK_DIAG).build());
    }

    @AfterAll
    static void close() throws Exception {
        if (diag != null) {
            diag.close();
        }
        if (held != null) {
            held.close();
        }
    }

    /** One socket line of {@code ss -n} as the set of its fields: state, queues, local and peer end. */
    private static String key(String state, long rq, long sq, InetAddress local, int lport, InetAddress peer, int rport) {
        return state + " " + rq + " " + sq + " " + local.getHostAddress() + " " + lport + " " + peer.getHostAddress()
                + " " + rport;
    }

    private static String key(InetSocket s) {
        return key(s.socketState().ssName(), s.recvQ(), s.sendQ(), s.localAddress(), s.localPort(), s.remoteAddress(),
                s.remotePort());
    }

    /** "127.0.0.1:80", "[::1]:80", "*:80", "0.0.0.0:*" as ss prints them. */
    private static Object[] endpoint(String s) throws Exception {
        int colon = s.lastIndexOf(':');
        String h = s.substring(0, colon);
        String p = s.substring(colon + 1);
        InetAddress a = h.equals("*") ? InetAddress.getByName("::")
                : InetAddress.getByName(h.startsWith("[") ? h.substring(1, h.length() - 1) : h);
        return new Object[] {a, p.equals("*") ? 0 : Integer.parseInt(p)};
    }

    /** ss's socket lines (state column shown: several states asked for), as keys. */
    private static Set<String> ss(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ss", "-H"));
        cmd.addAll(List.of(args));
        Set<String> out = new TreeSet<>();
        for (String line : NS.exec(cmd.toArray(String[]::new)).split("\n")) {
            if (line.isBlank() || line.startsWith("\t")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            Object[] l = endpoint(f[3]);
            Object[] r = endpoint(f[4]);
            out.add(key(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), (InetAddress) l[0], (int) l[1],
                    (InetAddress) r[0], (int) r[1]));
        }
        return out;
    }

    private static Set<String> keys(List<InetSocket> l) {
        Set<String> out = new TreeSet<>();
        for (InetSocket s : l) {
            assertTrue(out.add(key(s)), "twice: " + s);
        }
        return out;
    }

    @Test
    void tcpSocketsAreTheOnesSsLists() throws Exception {
        Set<String> mine = keys(diag.inetSockets(SocketQuery.tcp()));
        assertEquals(ss("-tan"), mine);
        assertTrue(mine.contains("LISTEN 1 16 127.0.0.1 8080 0.0.0.0 0"), mine.toString());
        assertTrue(mine.contains("LISTEN 0 8 0:0:0:0:0:0:0:1 8081 0:0:0:0:0:0:0:0 0"), mine.toString());
        assertEquals(17, mine.size(), mine.toString());
    }

    @Test
    void udpSocketsAreTheOnesSsLists() throws Exception {
        Set<String> mine = keys(diag.inetSockets(SocketQuery.udp()));
        assertEquals(ss("-uan"), mine);
        assertEquals(2, mine.size(), mine.toString());
    }

    @Test
    void familiesAndStatesAreFilteredInTheKernel() throws Exception {
        // two states, so that ss prints its State column (there are no closing sockets)
        assertEquals(ss("-tn4", "state", "listening", "state", "closing"), keys(diag.inetSockets(
                SocketQuery.tcp().family(Diag.AF_INET).states(SocketState.LISTEN, SocketState.CLOSING))));
        for (InetSocket s : diag.inetSockets(SocketQuery.tcp().family(Diag.AF_INET6))) {
            assertEquals(Diag.AF_INET6, s.family());
        }
        assertEquals(ss("-tan", "state", "established", "state", "listening"),
                keys(diag.inetSockets(SocketQuery.tcp().states(SocketState.ESTABLISHED, SocketState.LISTEN))));
        assertEquals(Set.of(), keys(diag.inetSockets(SocketQuery.tcp().states(SocketState.TIME_WAIT))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sport = :8080", "dport = :8080", "dst 127.0.0.0/8", "src [::1]", "sport >= :8081",
        "sport < :8081", "not sport = :8080", "src 127.0.0.1:8080", "dst [::1]:8081",
        "( sport = :8080 or sport = :8081 ) and dst 127.0.0.1", "sport = :8080 or dport = :8080 or sport = :8081"})
    void addressAndPortFiltersSelectWhatSsSelects(String expression) throws Exception {
        List<String> args = new ArrayList<>(List.of("-tan"));
        args.addAll(List.of(expression.split(" ")));
        Set<String> expected = ss(args.toArray(String[]::new));
        List<InetSocket> mine = diag.inetSockets(SocketQuery.tcp().filter(SocketFilter.parse(expression)));
        assertEquals(expected, keys(mine), expression);
        assertFalse(mine.isEmpty(), expression);
    }

    @Test
    void tcpInfoAgreesWithSsI() throws Exception {
        Map<String, Map<String, String>> ss = new HashMap<>();
        String last = null;
        for (String line : NS.exec("ss", "-Htni", "state", "established").split("\n")) {
            if (line.startsWith("\t")) {
                Map<String, String> fields = new HashMap<>();
                for (String t : line.trim().split("\\s+")) {
                    int c = t.indexOf(':');
                    if (c > 0 && !t.startsWith("bbr:")) {
                        fields.put(t.substring(0, c), t.substring(c + 1));
                    } else if (!t.contains(":") && !t.contains("(")) {
                        fields.put(t, "");
                    }
                }
                ss.put(last, fields);
            } else if (!line.isBlank()) {
                String[] f = line.trim().split("\\s+");
                last = f[2] + " " + f[3];
            }
        }
        List<InetSocket> mine = diag.inetSockets(SocketQuery.tcp().states(SocketState.ESTABLISHED).withTcpInfo());
        assertEquals(ss.size(), mine.size());
        for (InetSocket s : mine) {
            String host = s.localAddress() instanceof Inet4Address ? s.localAddress().getHostAddress() : "[::1]";
            String peer = s.remoteAddress() instanceof Inet4Address ? s.remoteAddress().getHostAddress() : "[::1]";
            Map<String, String> f = ss.get(host + ":" + s.localPort() + " " + peer + ":" + s.remotePort());
            TcpInfo t = s.tcpInfo();
            String what = s + " vs " + f;
            assertTrue(f != null && t != null, what);
            assertTrue(f.containsKey(s.congestion()), what);
            assertEquals(t.sndWscale() + "," + t.rcvWscale(), f.get("wscale"), what);
            assertEquals(Long.toString(t.sndMss()), f.get("mss"), what);
            assertEquals(Long.toString(t.rcvMss()), f.get("rcvmss"), what);
            assertEquals(Long.toString(t.advmss()), f.get("advmss"), what);
            assertEquals(Long.toString(t.pmtu()), f.get("pmtu"), what);
            assertEquals(Long.toString(t.sndCwnd()), f.get("cwnd"), what);
            assertEquals(Long.toString(t.rcvSpace()), f.get("rcv_space"), what);
            assertEquals(t.bytesAcked() == 0 ? null : Long.toString(t.bytesAcked()), f.get("bytes_acked"), what);
            assertEquals(t.bytesReceived() == 0 ? null : Long.toString(t.bytesReceived()), f.get("bytes_received"), what);
            assertEquals(t.segsOut() == 0 ? null : Long.toString(t.segsOut()), f.get("segs_out"), what);
            assertEquals(t.segsIn() == 0 ? null : Long.toString(t.segsIn()), f.get("segs_in"), what);
            assertEquals(t.sndWnd() == 0 ? null : Long.toString(t.sndWnd()), f.get("snd_wnd"), what);
            String[] rtt = f.get("rtt").split("/");
            assertEquals(Double.parseDouble(rtt[0]), t.rtt() / 1000.0, 0.5, what);    // ms; idle sockets barely move
            assertEquals(Double.parseDouble(f.get("rto")), t.rto() / 1000.0, 50, what);
            assertEquals(t.appLimited(), f.containsKey("app_limited"), what);
        }
    }

    @Test
    void unixSocketsAreTheOnesSsLists() throws Exception {
        Set<String> expected = new TreeSet<>();
        for (String line : NS.exec("ss", "-Hxan").split("\n")) {
            if (!line.isBlank()) {
                expected.add(String.join(" ", line.trim().split("\\s+")));
            }
        }
        Set<String> mine = new TreeSet<>();
        Set<Long> inodes = new HashSet<>();
        for (UnixSocket u : diag.unixSockets(SocketState.ALL)) {
            mine.add(u.netid() + " " + u.socketState().ssName() + " " + u.recvQ() + " " + u.sendQ() + " "
                    + (u.path() == null ? "*" : u.path()) + " " + u.inode() + " * " + u.peer());
            inodes.add(u.inode());
        }
        assertEquals(expected, mine);
        assertTrue(mine.contains("u_str LISTEN 1 4 " + held.path() + " " + find(held.path()).inode() + " * 0"), mine.toString());
        assertTrue(mine.stream().anyMatch(l -> l.startsWith("u_dgr UNCONN 0 0 @jnl-diag-abstract ")), mine.toString());
        assertTrue(mine.stream().anyMatch(l -> l.startsWith("u_str ESTAB 10 0 * ")), mine.toString());
        assertEquals(mine.size(), inodes.size());
        assertEquals(ssCount("-Hxn"), diag.unixSockets(SocketState.CONNECTED).size());
        assertTrue(find(held.path()).vfsInode() != null);
    }

    private static UnixSocket find(String path) throws NetlinkException {
        for (UnixSocket u : diag.unixSockets(SocketState.LISTEN.bit())) {
            if (path.equals(u.path())) {
                return u;
            }
        }
        throw new AssertionError("no listener at " + path);
    }

    private static long ssCount(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ss"));
        cmd.addAll(List.of(args));
        return NS.exec(cmd.toArray(String[]::new)).lines().filter(l -> !l.isBlank()).count();
    }

    @Test
    void destroyClosesAConnectionAsSsKDoes() throws Exception {
        SocketQuery victim = SocketQuery.tcp().states(SocketState.ESTABLISHED).filter(SocketFilter.parse("dport = :8090"));
        List<InetSocket> clients = diag.inetSockets(victim);
        assertEquals(2, clients.size());
        InetSocket one = clients.getFirst();
        diag.destroy(one);
        List<InetSocket> after = diag.inetSockets(SocketQuery.tcp().filter(SocketFilter.parse("dport = :8090 or sport = :8090")));
        for (InetSocket s : after) {
            assertFalse(s.cookie() == one.cookie(), "still there: " + s);
            assertFalse(s.localPort() == one.remotePort() && s.remotePort() == one.localPort()
                    && s.socketState() == SocketState.ESTABLISHED, "the peer was reset: " + s);
        }
        assertEquals(1, diag.inetSockets(victim).size());
        assertEquals(ss("-tan", "dport", "=", ":8090"), keys(diag.inetSockets(victim)));

        NetlinkException gone = assertThrows(NetlinkException.class, () -> diag.destroy(one));
        assertEquals(Errno.ENOENT, gone.errno());
        assertTrue(gone.getMessage().startsWith("socket destroy tcp 127.0.0.1:" + one.localPort() + " 127.0.0.1:8090: ENOENT"),
                gone.getMessage());

        List<InetSocket> killed = diag.destroyAll(victim);
        assertEquals(1, killed.size());
        assertEquals(List.of(), diag.inetSockets(victim));
    }

    @Test
    void badArgumentsAreRefusedBeforeAnythingIsSent() {
        assertThrows(IllegalArgumentException.class, () -> diag.unixSockets(0));
        assertThrows(IllegalArgumentException.class, () -> diag.unixSockets(1 << 12, s -> { }));
        assertThrows(IllegalArgumentException.class, () -> diag.inetSockets(SocketQuery.tcp().filter(SocketFilter.parse("sport = :x"))));
    }
}
