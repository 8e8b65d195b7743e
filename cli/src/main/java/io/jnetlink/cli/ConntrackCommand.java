package io.jnetlink.cli;

import io.jnetlink.Errno;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.netfilter.Conntrack;
import io.jnetlink.netfilter.ConntrackEntry;
import io.jnetlink.netfilter.ConntrackMonitor;
import io.jnetlink.netfilter.ConntrackQuery;
import io.jnetlink.netfilter.ConntrackRequest;
import io.jnetlink.netfilter.ConntrackTuple;
import io.jnetlink.route.Inet;
import io.jnetlink.route.Rtnl;
import io.jnetlink.socket.NetlinkEvent;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code jnl conntrack COMMAND [OPTIONS]} with conntrack-tools' commands and options: {@code -L} (list), {@code -G}
 * (get), {@code -D} (delete), {@code -F} (flush), {@code -E} (events), {@code -C} (count), {@code -I} (create). Text
 * output is conntrack's lines (without its summary on stderr); with -j the entries' fields as JSON.
 */
final class ConntrackCommand {
    private ConntrackCommand() {
    }

    private static final Duration POLL = Duration.ofMillis(200);

    /** The command line's options, read whole before anything is sent. */
    private static final class Options {
        char command;
        Integer protocol;
        String src;
        String dst;
        String replySrc;
        String replyDst;
        Integer sport;
        Integer dport;
        Integer replySport;
        Integer replyDport;
        Long mark;
        long markMask = 0xffffffffL;
        Integer zone;
        int family;
        String status;
        Long timeout;
        String state;
        Integer icmpType;
        Integer icmpCode;
        Integer icmpId;
        Set<ConntrackMonitor.Type> events = EnumSet.allOf(ConntrackMonitor.Type.class);
        boolean extended;
        boolean id;
        final List<String> given = new ArrayList<>();
    }

    static final String USAGE = """
            Usage: jnl conntrack { -L | -G | -D | -F | -E | -C | -I } [ -p P ] [ -s A ] [ -d A ] [ --sport N ]
                                 [ --dport N ] [ -r A ] [ -q A ] [ -m MARK[/MASK] ] [ --zone N ] [ -f ipv4|ipv6 ]
                                 [ -u STATUS ] [ -o extended,id ]
            Connection tracking as conntrack(8): list, get, delete, flush, events (-e NEW,UPDATE,DESTROY), count,
            create (-t SECONDS [ --state S ] [ --icmp-type T --icmp-code C --icmp-id I ]); -j prints the entries
            as JSON. "ct" is conntrack too.
            """;

    static int run(Main.Globals g, List<String> cmd, PrintStream out, PrintStream err) throws NetlinkException {
        Options o = parse(cmd, g.family());
        try (Conntrack ct = new Conntrack(g.spec(Netlink.NETLINK_NETFILTER))) {
            switch (o.command) {
                case 'L' -> list(g, out, o, ct);
                case 'G' -> show(g, out, o, List.of(ct.get(tuple(o, "get"), o.zone == null ? 0 : o.zone)));
                case 'D' -> delete(g, out, o, ct);
                case 'F' -> ct.flush(query(o));
                case 'C' -> {
                    ConntrackQuery q = query(o);
                    out.println(q.equals(ConntrackQuery.all()) ? ct.count() : ct.entries(q).size());
                }
                case 'I' -> ct.create(request(o));
                case 'E' -> events(g, out, err, o, ct);
                default -> throw new AssertionError(o.command);
            }
        }
        return 0;
    }

    private static void show(Main.Globals g, PrintStream out, Options o, List<ConntrackEntry> entries) {
        if (g.json()) {
            List<Map<String, Object>> maps = new ArrayList<>(entries.size());
            entries.forEach(e -> maps.add(ConntrackView.json(e)));
            out.println(Json.write(maps));
        } else {
            for (ConntrackEntry e : entries) {
                out.println(ConntrackView.line(e, o.extended, o.id));
            }
        }
    }

    /** conntrack -L, streamed: each entry is printed as its datagram arrives (a JSON array is written piece by piece). */
    private static void list(Main.Globals g, PrintStream out, Options o, Conntrack ct) throws NetlinkException {
        ConntrackQuery q = query(o);
        if (!g.json()) {
            ct.entries(q, e -> out.println(ConntrackView.line(e, o.extended, o.id)));
            return;
        }
        boolean[] first = {true};
        ct.entries(q, e -> {
            out.print(first[0] ? "[" : ",");
            out.print(Json.write(ConntrackView.json(e)));
            first[0] = false;
        });
        out.println(first[0] ? "[]" : "]");
    }

    /** conntrack -D: every entry the options select is deleted and printed; none at all is a failure. */
    private static void delete(Main.Globals g, PrintStream out, Options o, Conntrack ct) throws NetlinkException {
        List<ConntrackEntry> deleted = new ArrayList<>();
        for (ConntrackEntry e : ct.entries(query(o))) {
            try {
                ct.delete(e);
                deleted.add(e);
            } catch (NetlinkException x) {
                if (x.errno() != Errno.ENOENT) {
                    throw x;
                }
            }
        }
        if (deleted.isEmpty()) {
            throw new NetlinkException("conntrack delete", Errno.ENOENT, "no entry matched");
        }
        show(g, out, o, deleted);
    }

    private static void events(Main.Globals g, PrintStream out, PrintStream err, Options o, Conntrack ct)
            throws NetlinkException {
        ConntrackQuery q = query(o);
        ConntrackMonitor mon = ct.monitor(o.events, false);
        while (!Thread.currentThread().isInterrupted()) {
            List<ConntrackMonitor.Event> events;
            try {
                events = mon.next(POLL);
            } catch (NetlinkException x) {
                if (x.errno() == Errno.EINTR && Thread.currentThread().isInterrupted()) {
                    return;                 // stopped: the end of "until killed"
                }
                throw x;
            }
            for (ConntrackMonitor.Event e : events) {
                switch (e) {
                    case ConntrackMonitor.Change c -> {
                        if (q.test(c.entry())) {
                            out.println(g.json() ? Json.write(ConntrackView.eventJson(c))
                                    : ConntrackView.event(c, o.extended, o.id));
                            out.flush();
                        }
                    }
                    case ConntrackMonitor.Overrun x -> {
                        NetlinkEvent.Overrun v = x.overrun();
                        err.println("jnl: conntrack: events were lost (overrun: " + v.kernelDrops()
                                + " dropped by the kernel, " + v.queueDrops() + " from the queue)");
                        err.flush();
                    }
                }
            }
            if (out.checkError()) {
                return;
            }
        }
    }

    // ------------------------------------------------------------------ options

    private static Options parse(List<String> cmd, int globalFamily) {
        Options o = new Options();
        o.family = globalFamily;
        for (int i = 0; i < cmd.size(); i++) {
            String a = cmd.get(i);
            char c = switch (a) {
                case "-L", "--dump" -> 'L';
                case "-G", "--get" -> 'G';
                case "-D", "--delete" -> 'D';
                case "-F", "--flush" -> 'F';
                case "-E", "--event" -> 'E';
                case "-C", "--count" -> 'C';
                case "-I", "--create" -> 'I';
                default -> 0;
            };
            if (c != 0) {
                if (o.command != 0) {
                    throw new Main.UsageException("conntrack: only one command at a time (-" + o.command + " and " + a
                            + ")");
                }
                o.command = c;
                continue;
            }
            if (i + 1 >= cmd.size()) {
                throw new Main.UsageException("conntrack: " + (a.startsWith("-") ? "option " + a + " needs a value"
                        : "unknown argument '" + a + "'"));
            }
            String v = cmd.get(++i);
            o.given.add(a);
            switch (a) {
                case "-p", "--proto", "--protonum" -> o.protocol = ConntrackTuple.parseProtocol(v);
                case "-s", "--src", "--orig-src" -> o.src = v;
                case "-d", "--dst", "--orig-dst" -> o.dst = v;
                case "-r", "--reply-src" -> o.replySrc = v;
                case "-q", "--reply-dst" -> o.replyDst = v;
                case "--sport", "--orig-port-src" -> o.sport = (int) number(a, v, 65535);
                case "--dport", "--orig-port-dst" -> o.dport = (int) number(a, v, 65535);
                case "--reply-port-src" -> o.replySport = (int) number(a, v, 65535);
                case "--reply-port-dst" -> o.replyDport = (int) number(a, v, 65535);
                case "-m", "--mark" -> {
                    int slash = v.indexOf('/');
                    o.mark = number(a, slash < 0 ? v : v.substring(0, slash), 0xffffffffL);
                    if (slash >= 0) {
                        o.markMask = number(a, v.substring(slash + 1), 0xffffffffL);
                    }
                }
                case "--zone" -> o.zone = (int) number(a, v, 65535);
                case "-f", "--family" -> o.family = switch (v) {
                    case "ipv4" -> Rtnl.AF_INET;
                    case "ipv6" -> Rtnl.AF_INET6;
                    default -> throw new Main.UsageException("conntrack: family '" + v + "' (ipv4 or ipv6)");
                };
                case "-u", "--status" -> o.status = v;
                case "-t", "--timeout" -> o.timeout = number(a, v, 0xffffffffL);
                case "--state" -> o.state = v;
                case "--icmp-type", "--icmpv6-type" -> o.icmpType = (int) number(a, v, 255);
                case "--icmp-code", "--icmpv6-code" -> o.icmpCode = (int) number(a, v, 255);
                case "--icmp-id", "--icmpv6-id" -> o.icmpId = (int) number(a, v, 65535);
                case "-e", "--event-mask" -> o.events = eventMask(v);
                case "-o", "--output" -> {
                    for (String f : v.split(",")) {
                        switch (f) {
                            case "extended" -> o.extended = true;
                            case "id" -> o.id = true;
                            default -> throw new Main.UsageException("conntrack: output format '" + f
                                    + "' (extended, id)");
                        }
                    }
                }
                default -> throw new Main.UsageException("conntrack: unknown option '" + a + "'");
            }
        }
        if (o.command == 0) {
            throw new Main.UsageException("conntrack: a command is needed (-L, -G, -D, -F, -E, -C, -I)");
        }
        only(o, 'I', "-t", "--timeout", "--state", "--reply-port-src", "--reply-port-dst");
        only(o, 'E', "-e", "--event-mask");
        if (o.command == 'F' || o.command == 'C' || o.command == 'I') {
            only(o, '-', "-o", "--output");
        }
        return o;
    }

    /** Fails when an option of {@code names} is given to a command other than {@code command}. */
    private static void only(Options o, char command, String... names) {
        for (String n : names) {
            if (o.given.contains(n) && o.command != command) {
                throw new Main.UsageException("conntrack: option " + n + " does not go with -" + o.command);
            }
        }
    }

    private static long number(String option, String v, long max) {
        try {
            long n = v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new Main.UsageException("conntrack: " + option + " '" + v + "' is not a number of 0 to " + max);
    }

    private static Set<ConntrackMonitor.Type> eventMask(String v) {
        Set<ConntrackMonitor.Type> s = EnumSet.noneOf(ConntrackMonitor.Type.class);
        for (String t : v.split(",")) {
            switch (t.toUpperCase(Locale.ROOT)) {
                case "ALL" -> s.addAll(EnumSet.allOf(ConntrackMonitor.Type.class));
                case "NEW" -> s.add(ConntrackMonitor.Type.NEW);
                case "UPDATE" -> s.add(ConntrackMonitor.Type.UPDATE);
                case "DESTROY" -> s.add(ConntrackMonitor.Type.DESTROY);
                default -> throw new Main.UsageException("conntrack: event '" + t + "' (NEW, UPDATE, DESTROY, ALL)");
            }
        }
        return s;
    }

    /** The selection of -L, -D, -F, -E and -C. */
    private static ConntrackQuery query(Options o) {
        ConntrackQuery q = ConntrackQuery.all().family(o.family);
        if (o.protocol != null) {
            q = q.protocol(o.protocol);
        }
        if (o.src != null) {
            q = q.src(o.src);
        }
        if (o.dst != null) {
            q = q.dst(o.dst);
        }
        if (o.replySrc != null) {
            q = q.replySrc(o.replySrc);
        }
        if (o.replyDst != null) {
            q = q.replyDst(o.replyDst);
        }
        if (o.sport != null) {
            q = q.srcPort(o.sport);
        }
        if (o.dport != null) {
            q = q.dstPort(o.dport);
        }
        if (o.mark != null) {
            q = q.mark(o.mark, o.markMask);
        }
        if (o.zone != null) {
            q = q.zone(o.zone);
        }
        if (o.status != null) {
            q = q.status(o.status);
        }
        if (o.icmpType != null || o.icmpCode != null || o.icmpId != null) {
            throw new Main.UsageException("conntrack: icmp options select nothing with -" + o.command
                    + " (they make a tuple for -G and -I)");
        }
        return q;
    }

    /** The original tuple of -G and -I: -p, -s, -d and the protocol's keys. */
    private static ConntrackTuple tuple(Options o, String op) {
        if (o.protocol == null || o.src == null || o.dst == null) {
            throw new Main.UsageException("conntrack " + op + ": -p, -s and -d are needed");
        }
        return tupleOf(o.protocol, o.src, o.dst, o.sport, o.dport, o.icmpType, o.icmpCode, o.icmpId, op);
    }

    private static ConntrackTuple tupleOf(int p, String src, String dst, Integer sport, Integer dport, Integer type,
                                          Integer code, Integer id, String op) {
        if (p == ConntrackTuple.ICMP || p == ConntrackTuple.ICMPV6) {
            if (type == null || code == null || id == null) {
                throw new Main.UsageException("conntrack " + op + ": icmp needs --icmp-type, --icmp-code and --icmp-id");
            }
            return ConntrackTuple.icmp(src, dst, type, code, id);
        }
        if (sport == null || dport == null) {
            throw new Main.UsageException("conntrack " + op + ": " + ConntrackTuple.protocolName(p)
                    + " needs --sport and --dport");
        }
        return ConntrackTuple.ports(p, src, sport, dst, dport);
    }

    /** The entry of -I: its tuple, a reply tuple from -r/-q/--reply-port-* (the inverse by default), its settings. */
    private static ConntrackRequest request(Options o) {
        ConntrackTuple t = tuple(o, "create");
        if (o.timeout == null) {
            throw new Main.UsageException("conntrack create: -t (timeout) is needed");
        }
        ConntrackRequest r = ConntrackRequest.of(t).timeout(o.timeout);
        if (o.replySrc != null || o.replyDst != null || o.replySport != null || o.replyDport != null) {
            ConntrackTuple inv = t.inverse();
            r.reply(tupleOf(t.protocol(), o.replySrc != null ? o.replySrc : Inet.format(inv.src()),
                    o.replyDst != null ? o.replyDst : Inet.format(inv.dst()),
                    o.replySport != null ? o.replySport : inv.srcPort(), o.replyDport != null ? o.replyDport
                            : inv.dstPort(), inv.icmpType(), inv.icmpCode(), inv.icmpId(), "create"));
        }
        if (o.status != null) {
            r.status(o.status);
        }
        if (o.state != null) {
            r.state(o.state);
        }
        if (o.mark != null) {
            r.mark(o.mark);
        }
        if (o.zone != null) {
            r.zone(o.zone);
        }
        return r;
    }
}
