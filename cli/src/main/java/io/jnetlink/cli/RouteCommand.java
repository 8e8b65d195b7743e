package io.jnetlink.cli;

import io.jnetlink.NetlinkException;

import io.jnetlink.route.IPRoute;
import io.jnetlink.route.Route;
import io.jnetlink.route.RouteQuery;
import io.jnetlink.route.RouteRequest;
import io.jnetlink.route.Rtnl;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code jnl route show|get|add|del|replace} with {@code ip route}'s arguments. {@code show} lists the main table
 * (IPv4 unless -6), or {@code table ID}, or every table of every family with {@code table all}; as ip, the table is
 * printed only with {@code table all} and the device not under a {@code dev} filter.
 */
final class RouteCommand {
    private RouteCommand() {
    }

    private static final Set<String> TYPES = Set.of("unicast", "local", "broadcast", "multicast", "anycast",
            "blackhole", "unreachable", "prohibit", "throw", "nat");
    private static final Set<String> METRICS = Set.of("mtu", "advmss", "hoplimit", "window", "initcwnd",
            "initrwnd", "reordering", "ssthresh", "cwnd", "quickack");
    private static final int RTM_F_CLONED = 0x200;

    static int run(Main.Globals g, List<String> cmd, PrintStream out) throws NetlinkException {
        String verb = Args.verb(cmd);
        Args a = Args.after("route", cmd);
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
            case "add", "del", "replace", "change" -> {
                RouteRequest req = request(g, a);
                try (IPRoute ip = g.ipRoute()) {
                    switch (verb) {
                        case "add" -> ip.addRoute(req);
                        case "del" -> ip.deleteRoute(req);
                        default -> ip.replaceRoute(req);
                    }
                }
            }
            default -> throw new Main.UsageException("unknown route command '" + verb + "'");
        }
        return 0;
    }

    private static void show(Main.Globals g, Args a, PrintStream out) throws NetlinkException {
        long table = 254;
        String dev = null;
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "table" -> {
                    String t = a.value(w);
                    table = t.equals("all") ? 0 : tableId(t);
                }
                case "dev", "oif" -> dev = a.value(w);
                default -> throw a.unknown(w);
            }
        }
        int family = g.family() == Rtnl.AF_UNSPEC && table != 0 ? Rtnl.AF_INET : g.family();
        RouteQuery q = RouteQuery.table(table).family(family).dev(dev);
        boolean tableShown = table == 0;
        boolean devShown = dev == null;
        try (IPRoute ip = g.ipRoute()) {
            IpView view = new IpView(ip.links());
            int oif = devShown ? 0 : ip.index(dev);
            List<Map<String, Object>> maps = new ArrayList<>();
            ip.routes(q, r -> {
                if ((r.family() == Rtnl.AF_INET || r.family() == Rtnl.AF_INET6) && (r.flags() & RTM_F_CLONED) == 0
                        && (oif == 0 || r.oif() == oif)) {
                    maps.add(view.route(r, tableShown, devShown));
                }
            });
            g.show(out, maps, IpView::routeText);
        }
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
            switch (w) {
                case "nexthop" -> {
                    hop = new String[3];
                    hops.add(hop);
                }
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
            throw new Main.UsageException("route: a destination is needed");
        }
        RouteRequest r = RouteRequest.to(dst);
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
            r.nexthop(h[0], h[1], h[2] == null ? 1 : (int) Math.min(a.parse("weight", h[2]), 257));
        }
        return r;
    }
}
