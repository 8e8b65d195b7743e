package io.jnetlink.cli;

import io.jnetlink.Errno;
import io.jnetlink.NetlinkException;
import io.jnetlink.diag.Diag;
import io.jnetlink.diag.InetSocket;
import io.jnetlink.diag.SockDiag;
import io.jnetlink.diag.SocketFilter;
import io.jnetlink.diag.SocketQuery;
import io.jnetlink.diag.SocketState;
import io.jnetlink.diag.TcpInfo;
import io.jnetlink.diag.UnixSocket;
import io.jnetlink.route.IPRoute;
import io.jnetlink.route.Inet;
import io.jnetlink.route.Link;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jnl ss [-tuxlanie4o6HKj] [state S]... [exclude S]... [EXPRESSION]}: sockets as {@code ss -n} lists them,
 * through {@link SockDiag}. Which tables, families and states are shown follows {@code ss} (iproute2's
 * {@code filter_db_set}, {@code filter_af_set}, {@code filter_merge_defaults}); addresses are never resolved.
 * With {@code -j}, a JSON array of the records ({@link InetSocket}, {@link UnixSocket}) by component name.
 */
final class SsCommand {
    private static final int CONN = SocketState.CONNECTED;

    private SsCommand() {
    }

    /** What the options and filter words chose. */
    private static final class Options {
        boolean tcp;
        boolean udp;
        boolean unix;
        boolean inet4;
        boolean inet6;
        boolean unixFamily;
        boolean doDefault = true;
        int states;
        int stateFilter;
        boolean info;
        boolean extended;
        boolean timers;
        boolean kill;
        boolean header = true;
        boolean json;
        SocketFilter filter;
    }

    static final String USAGE = """
            Usage: jnl ss [ -tuxlaneoiK46Hj ] [ state S ]... [ exclude S ]... [ EXPRESSION ]
            Sockets as ss -n lists them (TCP, UDP, UNIX), filtered in the kernel.
            EXPRESSION: sport|dport OP :P, src|dst ADDR[/LEN][:P], and, or, not, ( ).
            -K closes the TCP/UDP sockets shown; -j prints the records as JSON; no -p.
            """;

    static int run(Main.Globals g, List<String> cmd, PrintStream out, PrintStream err) throws NetlinkException {
        Options o = parse(g, cmd);
        List<Object> rows = new ArrayList<>();
        try (SockDiag diag = new SockDiag(g.spec(Diag.NETLINK_SOCK_DIAG))) {
            if (o.unix && !o.kill) {
                rows.addAll(diag.unixSockets(o.states));
            }
            for (int proto : new int[] {Diag.IPPROTO_UDP, Diag.IPPROTO_TCP}) {
                if (proto == Diag.IPPROTO_UDP ? !o.udp : !o.tcp) {
                    continue;
                }
                SocketQuery q = (proto == Diag.IPPROTO_TCP ? SocketQuery.tcp() : SocketQuery.udp())
                        .family(o.inet4 == o.inet6 ? 0 : o.inet4 ? Diag.AF_INET : Diag.AF_INET6)
                        .states(o.states & SocketState.ALL)
                        .filter(o.filter);
                if (o.info) {
                    q = q.withTcpInfo();
                }
                rows.addAll(o.kill ? kill(diag, q) : diag.inetSockets(q));
            }
        }
        if (o.json) {
            List<Object> maps = new ArrayList<>();
            for (Object r : rows) {
                maps.add(recordMap((Record) r));
            }
            out.println(Json.write(maps));
            return 0;
        }
        print(g, o, rows, out);
        return 0;
    }

    /** ss -K: each socket is closed; one that is already gone, or cannot be closed, is skipped as ss does. */
    private static List<InetSocket> kill(SockDiag diag, SocketQuery q) throws NetlinkException {
        List<InetSocket> done = new ArrayList<>();
        for (InetSocket s : diag.inetSockets(q)) {
            try {
                diag.destroy(s);
                done.add(s);
            } catch (NetlinkException e) {
                if (e.errno() != Errno.ENOENT && e.errno() != Errno.EOPNOTSUPP) {
                    throw e;
                }
            }
        }
        return done;
    }

    // ------------------------------------------------------------------ options

    private static Options parse(Main.Globals g, List<String> cmd) {
        Options o = new Options();
        o.json = g.json();
        if (g.family() == Diag.AF_INET) {
            family(o, true);
        } else if (g.family() == Diag.AF_INET6) {
            family(o, false);
        }
        int i = 0;
        for (; i < cmd.size() && cmd.get(i).startsWith("-") && cmd.get(i).length() > 1; i++) {
            String a = cmd.get(i);
            if (a.startsWith("--")) {
                option(o, switch (a) {
                    case "--tcp" -> 't';
                    case "--udp" -> 'u';
                    case "--unix" -> 'x';
                    case "--listening" -> 'l';
                    case "--all" -> 'a';
                    case "--numeric" -> 'n';
                    case "--info" -> 'i';
                    case "--extended" -> 'e';
                    case "--options" -> 'o';
                    case "--ipv4" -> '4';
                    case "--ipv6" -> '6';
                    case "--kill" -> 'K';
                    case "--no-header" -> 'H';
                    case "--json" -> 'j';
                    case "--processes" -> 'p';
                    default -> throw new Main.UsageException("ss: unknown option " + a);
                });
            } else {
                for (char c : a.substring(1).toCharArray()) {
                    option(o, c);
                }
            }
        }
        List<String> rest = cmd.subList(i, cmd.size());
        int j = 0;
        boolean sawStates = false;
        while (j < rest.size() && (rest.get(j).equals("state") || rest.get(j).equals("exclude")
                || rest.get(j).equals("excl"))) {
            if (j + 1 >= rest.size()) {
                throw new Main.UsageException("ss: '" + rest.get(j) + "' needs a state name");
            }
            int mask = SocketState.mask(rest.get(j + 1));
            if (rest.get(j).equals("state")) {
                o.stateFilter = (sawStates ? o.stateFilter : 0) | mask;
            } else {
                o.stateFilter = (sawStates ? o.stateFilter : SocketState.ALL) & ~mask;
            }
            sawStates = true;
            j += 2;
        }
        if (sawStates && o.stateFilter == 0) {
            throw new IllegalArgumentException("ss: no socket states to show with such filter");
        }
        if (j < rest.size()) {
            o.filter = SocketFilter.parse(rest.subList(j, rest.size()));
        }
        if (o.doDefault) {
            o.states = o.stateFilter != 0 ? o.stateFilter : CONN;
            o.tcp = true;
            o.udp = true;
            o.unix = true;
        }
        if (o.stateFilter != 0) {
            o.states = o.stateFilter;
        }
        // ss's filter_merge_defaults: a table brings its families, a family brings its tables
        if ((o.tcp || o.udp) && !o.inet4 && !o.inet6) {
            o.inet4 = true;
            o.inet6 = true;
        }
        if ((o.inet4 || o.inet6) && !o.tcp && !o.udp) {
            o.tcp = true;
            o.udp = true;
        }
        if (o.unixFamily) {
            o.unix = true;
        }
        if (o.filter != null && o.unix) {
            if (o.unixFamily) {
                throw new IllegalArgumentException("ss: filter expressions apply to TCP and UDP sockets only, not to "
                        + "UNIX sockets (-x)");
            }
            o.unix = false;
        }
        if (o.kill && o.unixFamily) {
            throw new IllegalArgumentException("ss: -K closes TCP and UDP sockets only; the kernel cannot close UNIX "
                    + "sockets");
        }
        return o;
    }

    private static void family(Options o, boolean v4) {
        if (v4) {
            o.inet4 = true;
        } else {
            o.inet6 = true;
        }
        o.states |= CONN;
        o.doDefault = false;
    }

    private static void option(Options o, char c) {
        switch (c) {
            case 't' -> {
                o.tcp = true;
                o.states |= CONN;
                o.doDefault = false;
            }
            case 'u' -> {
                o.udp = true;
                o.states |= SocketState.ESTABLISHED.bit();
                o.doDefault = false;
            }
            case 'x' -> {
                o.unixFamily = true;
                o.states |= CONN;
                o.doDefault = false;
            }
            case '4' -> family(o, true);
            case '6' -> family(o, false);
            case 'a' -> o.stateFilter = SocketState.ALL;
            case 'l' -> o.stateFilter = SocketState.LISTEN.bit() | SocketState.CLOSE.bit();
            case 'n' -> {
                // always numeric
            }
            case 'i' -> o.info = true;
            case 'e' -> {
                o.extended = true;
                o.timers = true;
            }
            case 'o' -> o.timers = true;
            case 'K' -> o.kill = true;
            case 'H' -> o.header = false;
            case 'j' -> o.json = true;
            case 'p' -> throw new IllegalArgumentException("ss: -p (processes) is not supported: it needs a scan of "
                    + "every /proc/PID/fd; -e shows each socket's inode");
            default -> throw new Main.UsageException("ss: unknown option -" + c);
        }
    }

    // ------------------------------------------------------------------ text

    private static void print(Main.Globals g, Options o, List<Object> rows, PrintStream out) throws NetlinkException {
        int tables = (o.tcp ? 1 : 0) + (o.udp ? 1 : 0) + (o.unix ? 3 : 0);
        boolean netid = tables > 1;
        boolean state = Integer.bitCount(o.states) > 1;
        Map<Integer, String> names = interfaces(g, rows);
        List<String[]> cells = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (Object r : rows) {
            switch (r) {
                case InetSocket s -> {
                    cells.add(new String[] {s.netid(), s.socketState().ssName(), Long.toString(s.recvQ()),
                        Long.toString(s.sendQ()), host(s.family(), s.localAddress(), s.ifindex(), names), ":",
                        port(s.localPort()), host(s.family(), s.remoteAddress(), 0, names), ":", port(s.remotePort())});
                    details.add(details(o, s));
                }
                case UnixSocket u -> {
                    cells.add(new String[] {u.netid(), u.socketState().ssName(), Long.toString(u.recvQ()),
                        Long.toString(u.sendQ()), u.path() == null ? "*" : u.path(), " ", Long.toString(u.inode()),
                        "*", " ", Long.toString(u.peer())});
                    details.add(o.extended && u.shutdown() != null ? " " + shutdown(u.shutdown()) : "");
                }
                default -> throw new IllegalStateException("not a socket: " + r);
            }
        }
        String[] head = {"Netid", "State", "Recv-Q", "Send-Q", "Local Address", ":", "Port", "Peer Address", ":",
            "Port"};
        int[] w = new int[head.length];
        for (String[] c : o.header ? concat(head, cells) : cells) {
            for (int k = 0; k < c.length; k++) {
                w[k] = Math.max(w[k], c[k].length());
            }
        }
        if (o.header) {
            out.println(line(head, w, netid, state) + " Process");
        }
        for (int k = 0; k < cells.size(); k++) {
            out.println(line(cells.get(k), w, netid, state) + details.get(k));
        }
    }

    private static List<String[]> concat(String[] head, List<String[]> cells) {
        List<String[]> all = new ArrayList<>(cells);
        all.add(head);
        return all;
    }

    /** One row: Netid and State (when shown) and the queues left-aligned, addresses right-aligned, ports left. */
    private static String line(String[] c, int[] w, boolean netid, boolean state) {
        StringBuilder sb = new StringBuilder();
        if (netid) {
            pad(sb, c[0], w[0], false).append(' ');
        }
        if (state) {
            pad(sb, c[1], w[1], false).append(' ');
        }
        pad(sb, c[2], w[2], false).append(' ');
        pad(sb, c[3], w[3], false).append(' ');
        pad(sb, c[4], w[4], true).append(c[5]);
        pad(sb, c[6], w[6], false).append(' ');
        pad(sb, c[7], w[7], true).append(c[8]);
        pad(sb, c[9], w[9], false);
        return sb.toString();
    }

    private static StringBuilder pad(StringBuilder sb, String s, int w, boolean right) {
        if (right) {
            sb.append(" ".repeat(w - s.length())).append(s);
        } else {
            sb.append(s).append(" ".repeat(w - s.length()));
        }
        return sb;
    }

    /** Device names for the sockets bound to one, read once. */
    private static Map<Integer, String> interfaces(Main.Globals g, List<Object> rows) throws NetlinkException {
        Map<Integer, String> names = new HashMap<>();
        boolean any = false;
        for (Object r : rows) {
            any |= r instanceof InetSocket s && s.ifindex() != 0;
        }
        if (any) {
            try (IPRoute ip = g.ipRoute()) {
                for (Link l : ip.links()) {
                    names.put(l.index(), l.name());
                }
            }
        }
        return names;
    }

    /** An address as ss prints it: "*" for the IPv6 wildcard, brackets around IPv6, "%dev" when bound to one. */
    static String host(int family, InetAddress a, int ifindex, Map<Integer, String> names) {
        String h;
        if (family == Diag.AF_INET6) {
            if (a.isAnyLocalAddress() && !(a instanceof Inet4Address)) {
                h = "*";
            } else {
                h = "[" + (a instanceof Inet4Address ? "::ffff:" + a.getHostAddress() : Inet.format(a)) + "]";
            }
        } else {
            h = a.getHostAddress();
        }
        if (ifindex != 0) {
            h += "%" + names.getOrDefault(ifindex, Integer.toString(ifindex));
        }
        return h;
    }

    private static String port(int p) {
        return p == 0 ? "*" : Integer.toString(p);
    }

    private static String shutdown(int mask) {
        return ((mask & 1) != 0 ? "-" : "<") + "-" + ((mask & 2) != 0 ? "-" : ">");
    }

    /** What -o, -e and -i add after the columns, in ss's order. */
    private static String details(Options o, InetSocket s) {
        StringBuilder sb = new StringBuilder();
        if (o.timers && s.timer() != 0) {
            String[] names = {"off", "on", "keepalive", "timewait", "persist", "unknown"};
            sb.append(" timer:(").append(names[Math.min(s.timer(), 5)]).append(',').append(timer(s.expires()))
                    .append(',').append(s.retrans()).append(')');
        }
        if (o.extended) {
            if (s.uid() != 0) {
                sb.append(" uid:").append(s.uid());
            }
            sb.append(" ino:").append(s.inode()).append(" sk:").append(Long.toHexString(s.cookie()));
            if (s.mark() != null && s.mark() != 0) {
                sb.append(" fwmark:0x").append(Long.toHexString(s.mark()));
            }
            if (s.v6only() != null) {
                sb.append(" v6only:").append(s.v6only() ? 1 : 0);
            }
            if (s.shutdown() != null) {
                sb.append(' ').append(shutdown(s.shutdown()));
            }
        }
        if (o.info && s.tcpInfo() != null) {
            sb.append("\n\t ").append(tcpInfo(s.tcpInfo(), s.congestion(), o.timers, s.state()));
        }
        return sb.toString();
    }

    /** ss's print_ms_timer: "1min23sec", "4.5sec", "200ms". */
    private static String timer(long ms) {
        long secs = ms / 1000;
        long minutes = secs / 60;
        secs %= 60;
        long msecs = ms % 1000;
        StringBuilder sb = new StringBuilder();
        if (minutes != 0) {
            sb.append(minutes).append("min");
        }
        if (secs != 0 || msecs != 0 && minutes != 0) {
            sb.append(secs);
            if (msecs != 0) {
                sb.append('.').append(String.format("%03d", msecs));
            }
            sb.append("sec");
        } else if (msecs != 0) {
            sb.append(msecs).append("ms");
        }
        return sb.isEmpty() ? "0ms" : sb.toString();
    }

    /** The -i line: iproute2's tcp_show_info and tcp_stats_print, numeric. */
    static String tcpInfo(TcpInfo t, String cong, boolean options, int state) {
        StringBuilder sb = new StringBuilder();
        if (options) {
            int opt = t.options();
            for (String[] f : new String[][] {{"1", "ts"}, {"2", "sack"}, {"8", "ecn"}, {"16", "ecnseen"},
                {"32", "fastopen"}}) {
                if ((opt & Integer.parseInt(f[0])) != 0) {
                    sb.append(' ').append(f[1]);
                }
            }
        }
        if (cong != null) {
            sb.append(' ').append(cong);
        }
        if (t.hasWscale()) {
            sb.append(" wscale:").append(t.sndWscale()).append(',').append(t.rcvWscale());
        }
        if (t.rto() != 0 && t.rto() != 3_000_000) {
            sb.append(" rto:").append(g(t.rto() / 1000.0));
        }
        if (t.backoff() != 0) {
            sb.append(" backoff:").append(t.backoff());
        }
        if (t.rtt() != 0) {
            sb.append(" rtt:").append(g(t.rtt() / 1000.0)).append('/').append(g(t.rttvar() / 1000.0));
        }
        if (t.ato() != 0) {
            sb.append(" ato:").append(g(t.ato() / 1000.0));
        }
        nonZero(sb, "mss", t.sndMss());
        nonZero(sb, "pmtu", t.pmtu());
        nonZero(sb, "rcvmss", t.rcvMss());
        nonZero(sb, "advmss", t.advmss());
        nonZero(sb, "cwnd", t.sndCwnd());
        if (t.sndSsthresh() < 0xffff) {
            nonZero(sb, "ssthresh", t.sndSsthresh());
        }
        nonZero(sb, "bytes_sent", t.bytesSent());
        nonZero(sb, "bytes_retrans", t.bytesRetrans());
        nonZero(sb, "bytes_acked", t.bytesAcked());
        nonZero(sb, "bytes_received", t.bytesReceived());
        nonZero(sb, "segs_out", t.segsOut());
        nonZero(sb, "segs_in", t.segsIn());
        nonZero(sb, "data_segs_out", t.dataSegsOut());
        nonZero(sb, "data_segs_in", t.dataSegsIn());
        if (t.sendBps() != 0) {
            sb.append(" send ").append(String.format("%.0f", t.sendBps())).append("bps");
        }
        nonZero(sb, "lastsnd", t.lastDataSent());
        nonZero(sb, "lastrcv", t.lastDataRecv());
        nonZero(sb, "lastack", t.lastAckRecv());
        if (t.pacingRate() != 0 && t.pacingRate() != -1) {
            sb.append(" pacing_rate ").append(bps(t.pacingRate())).append("bps");
            if (t.maxPacingRate() != 0 && t.maxPacingRate() != -1) {
                sb.append('/').append(bps(t.maxPacingRate())).append("bps");
            }
        }
        if (t.deliveryRate() != 0) {
            sb.append(" delivery_rate ").append(bps(t.deliveryRate())).append("bps");
        }
        nonZero(sb, "delivered", t.delivered());
        nonZero(sb, "delivered_ce", t.deliveredCe());
        if (t.appLimited()) {
            sb.append(" app_limited");
        }
        if (t.busyTime() != 0) {
            sb.append(" busy:").append(t.busyTime() / 1000).append("ms");
            if (t.rwndLimited() != 0) {
                sb.append(" rwnd_limited:").append(t.rwndLimited() / 1000).append("ms(")
                        .append(String.format("%.1f", 100.0 * t.rwndLimited() / t.busyTime())).append("%)");
            }
            if (t.sndbufLimited() != 0) {
                sb.append(" sndbuf_limited:").append(t.sndbufLimited() / 1000).append("ms(")
                        .append(String.format("%.1f", 100.0 * t.sndbufLimited() / t.busyTime())).append("%)");
            }
        }
        nonZero(sb, "unacked", t.unacked());
        if (t.retrans() != 0 || t.totalRetrans() != 0) {
            sb.append(" retrans:").append(t.retrans()).append('/').append(t.totalRetrans());
        }
        nonZero(sb, "lost", t.lost());
        if (state != SocketState.LISTEN.number()) {
            nonZero(sb, "sacked", t.sacked());
        }
        nonZero(sb, "dsack_dups", t.dsackDups());
        if (t.reordering() != 3) {
            sb.append(" reordering:").append(t.reordering());
        }
        nonZero(sb, "reord_seen", t.reordSeen());
        if (t.rcvRtt() != 0) {
            sb.append(" rcv_rtt:").append(g(t.rcvRtt() / 1000.0));
        }
        nonZero(sb, "rcv_space", t.rcvSpace());
        nonZero(sb, "rcv_ssthresh", t.rcvSsthresh());
        nonZero(sb, "notsent", t.notsentBytes());
        if (t.minRtt() != 0 && t.minRtt() != 0xffffffffL) {
            sb.append(" minrtt:").append(g(t.minRtt() / 1000.0));
        }
        nonZero(sb, "snd_wnd", t.sndWnd());
        return sb.length() > 0 ? sb.substring(1) : "";
    }

    private static void nonZero(StringBuilder sb, String name, long v) {
        if (v != 0) {
            sb.append(' ').append(name).append(':').append(Long.toUnsignedString(v));
        }
    }

    /** Bytes per second as ss prints bits per second with -n. */
    private static String bps(long bytesPerSecond) {
        return new BigDecimal(Long.toUnsignedString(bytesPerSecond)).multiply(BigDecimal.valueOf(8)).toPlainString();
    }

    /** C's %g: six significant digits, no trailing zeros. */
    static String g(double v) {
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros();
        return d.abs().compareTo(BigDecimal.valueOf(1_000_000)) >= 0 ? String.format("%g", v) : d.toPlainString();
    }

    /** A record's components by name, for -j. */
    static Map<String, Object> recordMap(Record r) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (var c : r.getClass().getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(r);
                m.put(c.getName(), v instanceof Record inner ? recordMap(inner) : v);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass(), e);
            }
        }
        return m;
    }
}
