package io.jnetlink.cli;

import io.jnetlink.NetlinkException;
import io.jnetlink.socket.NetlinkEvent;

import io.jnetlink.route.Address;
import io.jnetlink.route.IPRoute;
import io.jnetlink.route.Link;
import io.jnetlink.route.Neighbour;
import io.jnetlink.route.Route;
import io.jnetlink.route.RouteMonitor;
import io.jnetlink.route.RtnlObject;
import io.jnetlink.route.Rtnl;
import io.jnetlink.route.Rule;

import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code jnl monitor [link|addr|route|neigh|rule|all]...}: one line per event on stdout, flushed at once, as
 * {@code ip monitor} prints it on one line ("Deleted " before a removal; "[LINK]", "[ADDR]", ... before each line
 * when more than one kind is watched); with -j one JSON object per line, its first key "event" naming the kind
 * and "deleted": true for a removal. Lost broadcasts (overruns) are reported on stderr, each line with the events
 * lost since the previous one, so the lines add up to the loss. The socket's reader thread keeps receiving while
 * stdout is blocked (a pipe nobody reads), into a buffer of up to 64 MiB, and the kernel queue is sized for
 * storms (see {@code NetlinkSocketSpec.MULTICAST_RCVBUF}). Runs until killed (or its thread is interrupted).
 */
final class MonitorCommand {
    private MonitorCommand() {
    }

    private static final Duration POLL = Duration.ofMillis(200);

    static final String USAGE = """
            Usage: jnl monitor [ all | link | address | route | neighbour | rule ]...
            One line per event until killed (with -j a JSON object each); lost events are reported on stderr.
            """;

    /** The objects monitor takes, in ip monitor's matching order. */
    private static final List<String> OBJECTS = List.of("link", "address", "route", "neighbour neigh neighbor",
            "rule", "all");

    static int run(Main.Globals g, List<String> cmd, PrintStream out, PrintStream err) throws NetlinkException {
        Set<RouteMonitor.Kind> kinds = EnumSet.noneOf(RouteMonitor.Kind.class);
        for (String w : cmd) {
            String object = Args.verb(List.of(w), OBJECTS, null, null);
            if (object == null) {
                throw new Main.UsageException("monitor: unknown object '" + w
                        + "' (link, address, route, neighbour, rule, all)");
            }
            switch (object) {
                case "link" -> kinds.add(RouteMonitor.Kind.LINK);
                case "address" -> kinds.add(RouteMonitor.Kind.ADDRESS);
                case "route" -> kinds.add(RouteMonitor.Kind.ROUTE);
                case "neighbour" -> kinds.add(RouteMonitor.Kind.NEIGHBOUR);
                case "rule" -> kinds.add(RouteMonitor.Kind.RULE);
                default -> kinds.addAll(EnumSet.allOf(RouteMonitor.Kind.class));
            }
        }
        if (kinds.isEmpty()) {
            kinds = EnumSet.allOf(RouteMonitor.Kind.class);
        }
        boolean banner = kinds.size() > 1;
        try (IPRoute ip = g.ipRoute()) {
            RouteMonitor monitor = ip.monitor(kinds, false);
            IpView view = new IpView(ip.links());
            while (!Thread.currentThread().isInterrupted()) {
                for (RouteMonitor.Event e : monitor.next(POLL)) {
                    switch (e) {
                        case RouteMonitor.Change c -> {
                            String line = line(g, ip, view, c, banner);
                            if (line != null) {
                                out.println(line);
                                out.flush();
                            }
                        }
                        case RouteMonitor.Overrun o -> {
                            NetlinkEvent.Overrun x = o.overrun();
                            err.println("jnl: monitor: " + x.lost() + " events lost (" + x.kernelDrops()
                                    + " dropped by the kernel, " + x.queueDrops() + " by jnl's buffer)");
                            err.flush();
                        }
                    }
                }
                if (out.checkError()) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /** The event's line, or null when the family filter (-4/-6) leaves it out. */
    private static String line(Main.Globals g, IPRoute ip, IpView view, RouteMonitor.Change c, boolean banner) {
        RtnlObject o = c.object();
        int family = switch (o) {
            case Link l -> Rtnl.AF_UNSPEC;
            case Address a -> a.family();
            case Route r -> r.family();
            case Neighbour n -> n.family();
            case Rule r -> r.family();
        };
        if (g.family() != Rtnl.AF_UNSPEC && family != Rtnl.AF_UNSPEC && family != g.family()) {
            return null;
        }
        if (o instanceof Link l && !c.deleted()) {
            view.put(l);
        }
        String event;
        Map<String, Object> m;
        String text;
        switch (o) {
            case Link l -> {
                event = "link";
                m = view.link(l, true, true);
                text = IpView.linkText(m);
                if (c.deleted()) {
                    view.remove(l.index());
                }
            }
            case Address a -> {
                event = "addr";
                String dev = deviceName(ip, view, a.index());
                m = new LinkedHashMap<>();
                m.put("ifindex", a.index());
                m.put("dev", dev);
                m.putAll(view.address(a));
                text = a.index() + ": " + dev + IpView.addressText(view.address(a));
            }
            case Route r -> {
                event = "route";
                deviceName(ip, view, r.oif());
                m = view.route(r, true, true);
                text = IpView.routeText(m);
            }
            case Neighbour n -> {
                event = "neigh";
                deviceName(ip, view, n.index());
                m = view.neighbour(n, true);
                text = IpView.neighbourText(m);
            }
            case Rule r -> {
                event = "rule";
                m = view.rule(r);
                text = IpView.ruleText(m);
            }
        }
        if (g.json()) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("event", event);
            if (c.deleted()) {
                j.put("deleted", true);
            }
            j.putAll(m);
            return Json.write(j);
        }
        String one = text.lines().map(String::strip).collect(Collectors.joining(" "));
        return (banner ? "[" + event.toUpperCase(java.util.Locale.ROOT) + "]" : "") + (c.deleted() ? "Deleted " : "")
                + one;
    }

    /** The name of device {@code index}, asking the kernel for one the view does not know yet. */
    private static String deviceName(IPRoute ip, IpView view, int index) {
        String name = view.name(index);
        if (index != 0 && name.equals("if" + index)) {
            try {
                Link l = ip.link(index);
                view.put(l);
                name = l.name();
            } catch (NetlinkException e) {
                // gone already: ip prints "ifN" too
            }
        }
        return name;
    }
}
