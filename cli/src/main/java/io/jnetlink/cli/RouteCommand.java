package io.jnetlink.cli;

import io.jnetlink.NetlinkException;
import io.jnetlink.message.AttrCursor;
import io.jnetlink.message.HeaderField;
import io.jnetlink.message.MessageCursor;

import io.jnetlink.route.IPRoute;
import io.jnetlink.route.Route;
import io.jnetlink.route.RouteQuery;
import io.jnetlink.route.RouteRequest;
import io.jnetlink.route.Rtnl;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * {@code jnl route show|get|add|del|replace} with {@code ip route}'s arguments. {@code show} lists the main table
 * (IPv4 unless -6), or {@code table ID}, or every table of every family with {@code table all}; as ip, the table is
 * printed only with {@code table all}, the device not under a {@code dev} filter, the protocol not under
 * {@code proto}.
 */
final class RouteCommand {
    private RouteCommand() {
    }

    private static final Set<String> TYPES = Set.of("unicast", "local", "broadcast", "multicast", "anycast",
            "blackhole", "unreachable", "prohibit", "throw", "nat");
    private static final Set<String> METRICS = Set.of("mtu", "advmss", "hoplimit", "window", "initcwnd",
            "initrwnd", "reordering", "ssthresh", "cwnd", "quickack");
    private static final int RTM_F_CLONED = 0x200;

    /** ip route's verbs in its matching order ("r s" is show, "r d" delete, "r g" get, "r f" flush). */
    static final List<String> VERBS = List.of("add", "change chg", "replace", "delete", "show list lst", "get",
            "flush", "help");

    static final String USAGE = """
            Usage: jnl route show [ table ID | all ] [ dev DEV ]
                   jnl route { add | delete | replace } [ TYPE ] DST [ via GW ] [ dev DEV ] [ onlink ] [ table ID ]
                                [ metric N ] [ proto P ] [ scope S ] [ src ADDR ] [ tos T ] [ mtu N ] [ advmss N ]
                                [ nexthop via GW dev DEV [ weight W ] [ onlink ] ]...
                   jnl route get ADDR
                   jnl route flush { table ID | all | dev DEV | proto P }...
            where  TYPE := { unicast | local | broadcast | multicast | anycast | blackhole | unreachable | prohibit
                             | throw | nat }
            show lists the IPv4 main table unless -6 or table all; with -d every route's type.
            """;

    static int run(Main.Globals g, List<String> cmd, PrintStream out, PrintStream err) throws NetlinkException {
        String verb = Args.verb(cmd, VERBS, "route", "show");
        Args a = Args.after("route", verb, cmd);
        switch (verb) {
            case "show" -> show(g, a, out);
            case "get" -> {
                String addr = a.next();
                if (addr.equals("to")) {
                    addr = a.next();
                }
                a.end();
                try (IPRoute ip = g.ipRoute()) {
                    IpView view = new IpView(ip.links());
                    Map<String, Object> m = view.route(ip.getRoute(addr), true, true);
                    g.show(out, List.of(m), IpView::routeText);
                }
            }
            case "add", "delete", "replace", "change" -> {
                RouteRequest req = request(g, a);
                try (IPRoute ip = g.ipRoute()) {
                    switch (verb) {
                        case "add" -> ip.addRoute(req);
                        case "delete" -> ip.deleteRoute(req);
                        default -> ip.replaceRoute(req);
                    }
                }
            }
            case "flush" -> flush(g, a);
            default -> throw new Main.UsageException("unknown route command '" + verb + "'");
        }
        return 0;
    }

    /** A route selection of show and flush: table (0 for all), device, protocol. */
    private record Selection(long table, String dev, Integer protocol) {
    }

    private static Selection selection(Args a) {
        long table = 254;
        String dev = null;
        Integer protocol = null;
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "table" -> {
                    String t = a.value(w);
                    table = t.equals("all") ? 0 : tableId(t);
                }
                case "all" -> table = 0;
                case "dev", "oif" -> dev = a.value(w);
                case "proto", "protocol" -> protocol = protocolId(a, a.value(w));
                default -> throw a.unknown(w);
            }
        }
        return new Selection(table, dev, protocol);
    }

    private static final HeaderField FAMILY = HeaderField.of(Rtnl.SCHEMA.struct("rtmsg"), "rtm-family");
    private static final HeaderField PROTOCOL = HeaderField.of(Rtnl.SCHEMA.struct("rtmsg"), "rtm-protocol");
    private static final HeaderField FLAGS = HeaderField.of(Rtnl.SCHEMA.struct("rtmsg"), "rtm-flags");
    private static final int RTA_OIF = 4;

    /** Streams the messages of the routes {@code s} selects to {@code visitor} (a cursor valid during the call). */
    private static void routes(Main.Globals g, IPRoute ip, String op, Selection s, Consumer<MessageCursor> visitor)
            throws NetlinkException {
        int family = g.family() == Rtnl.AF_UNSPEC && s.table() != 0 ? Rtnl.AF_INET : g.family();
        int oif = s.dev() == null ? 0 : RawLinks.index(ip, op, s.dev());
        RouteQuery q = RouteQuery.table(s.table()).family(family).dev(s.dev());
        ip.routeMessages(q, c -> {
            long f = c.header(FAMILY);
            if ((f == Rtnl.AF_INET || f == Rtnl.AF_INET6) && (c.header(FLAGS) & RTM_F_CLONED) == 0
                    && (s.protocol() == null || c.header(PROTOCOL) == s.protocol()) && (oif == 0 || oif(c) == oif)) {
                visitor.accept(c);
            }
        });
    }

    /** The route's output device (its last RTA_OIF), 0 for none. */
    private static long oif(MessageCursor c) {
        long oif = 0;
        AttrCursor a = c.attributes();
        while (a.next()) {
            if (a.type() == RTA_OIF) {
                oif = a.u32();
            }
        }
        return oif;
    }

    private static void show(Main.Globals g, Args a, PrintStream out) throws NetlinkException {
        Selection s = selection(a);
        try (IPRoute ip = g.ipRoute()) {
            IpView view = new IpView(ip.links());
            IpView.RouteKeys shown = new IpView.RouteKeys(s.table() == 0, s.dev() == null, s.protocol() == null,
                    g.details());
            // each route is printed as it arrives (a table of any size is never held), formatted on a second thread
            // while this one receives; the view there only reads the links it was made with
            Main.Printer p = g.printer(out, IpView::routeText);
            Consumer<MessageCursor> each;
            if (g.json()) {
                // this thread only copies each message (32 batches of copies are ~0.6 MB): the printer decodes it,
                // or reuses the JSON of the route before
                p.background(32);
                RouteJson json = new RouteJson(view, shown);
                each = c -> p.print(Arrays.copyOfRange(c.buffer(), c.offset(), c.offset() + c.length()), json);
            } else {
                // text goes through a map and a line per route, the larger share: this thread decodes, and the
                // printer is behind anyway, so fewer decoded routes wait
                p.background(8);
                BiConsumer<Route, IpView.Sink> text = (r, keys) -> view.route(r, shown, keys);
                each = c -> p.print(Route.from(c), text);
            }
            try {
                routes(g, ip, "route show", s, each);
            } catch (NetlinkException | RuntimeException | Error e) {
                try {
                    p.flush(); // what came before the failure is shown, as ip does
                } catch (RuntimeException | Error f) {
                    e.addSuppressed(f);
                }
                throw e;
            }
            p.end();
        }
    }

    /** {@code flush SELECTION}: deletes every route selected (as ip, a selection is needed). */
    private static void flush(Main.Globals g, Args a) throws NetlinkException {
        if (!a.more()) {
            throw new Main.UsageException("route flush: a selection is needed (table ID, all, dev DEV, proto P)");
        }
        Selection s = selection(a);
        try (IPRoute ip = g.ipRoute()) {
            List<Route> found = new ArrayList<>();
            routes(g, ip, "route flush", s, c -> found.add(Route.from(c)));
            for (Route r : found) {
                RouteRequest req = RouteRequest.to(r.dstText()).family(r.family()).table(r.table()).tos(r.tos());
                if (r.type() != 1) {
                    req.type(r.typeName());
                }
                if (r.priority() != null) {
                    req.metric(r.priority());
                }
                try {
                    ip.deleteRoute(req);
                } catch (NetlinkException e) {
                    // gone meanwhile (with its device, say): what flush wanted
                    if (e.errno() != io.jnetlink.Errno.ESRCH) {
                        throw e.withOp("route flush: route del " + r.dstText());
                    }
                }
            }
        }
    }

    /** A protocol name (as ip names them) or number. */
    private static int protocolId(Args a, String p) {
        return switch (p) {
            case "redirect" -> 1;
            case "kernel" -> 2;
            case "boot" -> 3;
            case "static" -> 4;
            case "ra" -> 9;
            case "dhcp" -> 16;
            default -> (int) Math.min(a.parse("proto", p), 255);
        };
    }

    /** A table name (main, local, default) or number, checked as a route's table. */
    private static long tableId(String t) {
        return switch (t) {
            case "main" -> 254;
            case "local" -> 255;
            case "default" -> 253;
            default -> {
                try {
                    yield Long.parseLong(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("unknown table '" + t + "'");
                }
            }
        };
    }

    /**
     * {@code [TYPE] DST [via GW] [dev D] [table T] [metric N] [proto P] [scope S] [src A] [tos T] [mtu N] ...
     * [nexthop via GW dev D weight W]... [nhid N]}.
     */
    private static RouteRequest request(Main.Globals g, Args a) {
        String type = null;
        String dst = null;
        List<String[]> settings = new ArrayList<>();
        List<String[]> hops = new ArrayList<>();
        String[] hop = null;
        boolean onlink = false;
        while (a.more()) {
            String w = a.next();
            if (hop != null && (w.equals("via") || w.equals("dev") || w.equals("weight"))) {
                hop[switch (w) {
                    case "via" -> 0;
                    case "dev" -> 1;
                    default -> 2;
                }] = a.value(w);
                continue;
            }
            if (hop != null && w.equals("onlink")) {
                hop[3] = w;
                continue;
            }
            switch (w) {
                case "nexthop" -> {
                    hop = new String[4];
                    hops.add(hop);
                }
                case "onlink" -> onlink = true;
                case "to" -> dst = a.value(w);
                case "via", "dev", "oif", "table", "metric", "priority", "preference", "proto", "protocol", "scope",
                     "src", "tos", "dsfield", "nhid" -> settings.add(new String[] {w, a.value(w)});
                default -> {
                    if (METRICS.contains(w)) {
                        settings.add(new String[] {w, a.value(w)});
                    } else if (dst == null && type == null && TYPES.contains(w)) {
                        type = w;
                    } else if (dst == null) {
                        dst = w;
                    } else {
                        throw a.unknown(w);
                    }
                }
            }
        }
        if (dst == null) {
            throw new Main.UsageException(a.command() + ": a destination is needed");
        }
        RouteRequest r = RouteRequest.to(dst);
        if (onlink) {
            r.onlink();
        }
        if (g.family() != Rtnl.AF_UNSPEC) {
            r.family(g.family());
        }
        if (type != null) {
            r.type(type);
        }
        for (String[] s : settings) {
            String v = s[1];
            switch (s[0]) {
                case "via" -> r.gateway(v);
                case "dev", "oif" -> r.dev(v);
                case "table" -> r.table(v);
                case "metric", "priority", "preference" -> r.metric(a.parse(s[0], v));
                case "proto", "protocol" -> r.protocol(v);
                case "scope" -> r.scope(v);
                case "src" -> r.prefsrc(v);
                case "tos", "dsfield" -> r.tos((int) Math.min(a.parse(s[0], v), 256));
                case "nhid" -> r.nhid(a.parse(s[0], v));
                default -> r.metric(s[0], a.parse(s[0], v));
            }
        }
        for (String[] h : hops) {
            r.nexthop(h[0], h[1], h[2] == null ? 1 : (int) Math.min(a.parse("weight", h[2]), 257), h[3] != null);
        }
        return r;
    }
}
