package io.jnetlink.cli;

import io.jnetlink.Errno;
import io.jnetlink.NetlinkException;

import io.jnetlink.route.IPRoute;
import io.jnetlink.route.Inet;
import io.jnetlink.route.Neighbour;
import io.jnetlink.route.NeighbourRequest;
import io.jnetlink.route.Rtnl;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code jnl neigh show|add|del} with {@code ip neigh}'s arguments; {@code show} lists, as ip, the IPv4 and IPv6
 * entries in every state but NOARP and NONE.
 */
final class NeighbourCommand {
    private NeighbourCommand() {
    }

    /** ip neigh's verbs in its matching order. */
    static final List<String> VERBS = List.of("add", "delete", "show lst list", "flush", "help");

    static final String USAGE = """
            Usage: jnl neighbour show [ [dev] DEV ]
                   jnl neighbour { add | delete } ADDR [ lladdr MAC ] dev DEV [ nud STATE ]
                   jnl neighbour flush { dev DEV | all } [ nud { all | permanent | STATE } ]
            show and flush leave out NOARP entries, flush also PERMANENT ones unless nud names them (as ip).
            """;

    static int run(Main.Globals g, List<String> cmd, PrintStream out, PrintStream err) throws NetlinkException {
        String verb = Args.verb(cmd, VERBS, "neighbour", "show");
        Args a = Args.after("neighbour", verb, cmd);
        switch (verb) {
            case "show" -> {
                String dev = a.optionalDevice();
                try (IPRoute ip = g.ipRoute()) {
                    IpView view = new IpView(ip.links());
                    List<Map<String, Object>> maps = new ArrayList<>();
                    for (Neighbour n : ip.neighbours(g.family(), dev)) {
                        if ((n.family() == Rtnl.AF_INET || n.family() == Rtnl.AF_INET6) && IpView.shownByDefault(n)) {
                            maps.add(view.neighbour(n, dev == null));
                        }
                    }
                    g.show(out, maps, IpView::neighbourText);
                }
            }
            case "add", "delete" -> {
                NeighbourRequest req = request(a);
                try (IPRoute ip = g.ipRoute()) {
                    if (verb.equals("add")) {
                        ip.addNeighbour(req);
                    } else {
                        ip.deleteNeighbour(req);
                    }
                }
            }
            case "flush" -> flush(g, a);
            default -> throw new Main.UsageException("unknown neighbour command '" + verb + "'");
        }
        return 0;
    }

    /** {@code flush {dev DEV | all} [nud all|permanent|STATE]}: deletes the entries selected, as ip. */
    private static void flush(Main.Globals g, Args a) throws NetlinkException {
        String dev = null;
        boolean all = false;
        String nud = null;
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "dev" -> dev = a.value(w);
                case "all" -> all = true;
                case "nud" -> nud = a.value(w);
                default -> {
                    if (dev != null) {
                        throw a.unknown(w);
                    }
                    dev = w;
                }
            }
        }
        if (dev == null && !all) {
            throw new Main.UsageException("neighbour flush: 'dev DEV' or 'all' is needed");
        }
        // the NUD_* states flushed; ip's default is every state but PERMANENT (0x80) and NOARP (0x40)
        int states = nud == null ? ~(0x80 | 0x40) : switch (nud) {
            case "all" -> ~0;
            case "permanent" -> 0x80;
            case "noarp" -> 0x40;
            case "reachable" -> 0x02;
            case "stale" -> 0x04;
            case "delay" -> 0x08;
            case "probe" -> 0x10;
            case "failed" -> 0x20;
            case "incomplete" -> 0x01;
            default -> throw new Main.UsageException("neighbour flush: unknown nud state '" + nud + "'");
        };
        try (IPRoute ip = g.ipRoute()) {
            if (dev != null) {
                RawLinks.index(ip, "neighbour flush", dev);
            }
            IpView view = new IpView(ip.links());
            for (Neighbour n : ip.neighbours(g.family(), dev)) {
                if ((n.family() != Rtnl.AF_INET && n.family() != Rtnl.AF_INET6) || n.dst() == null
                        || (n.state() & states) == 0) {
                    continue;
                }
                try {
                    ip.deleteNeighbour(NeighbourRequest.of(view.name(n.index()), Inet.format(n.dst())));
                } catch (NetlinkException e) {
                    if (e.errno() != Errno.ENOENT) {
                        throw e.withOp("neighbour flush: neigh del " + Inet.format(n.dst()));
                    }
                }
            }
        }
    }

    /** {@code ADDR [lladdr MAC] dev DEV [nud STATE]}, in any order. */
    private static NeighbourRequest request(Args a) {
        String addr = null;
        String dev = null;
        String lladdr = null;
        String nud = null;
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "dev" -> dev = a.value(w);
                case "lladdr" -> lladdr = a.value(w);
                case "nud" -> nud = a.value(w);
                case "to" -> addr = a.value(w);
                default -> {
                    if (addr != null) {
                        throw a.unknown(w);
                    }
                    addr = w;
                }
            }
        }
        if (addr == null || dev == null) {
            throw new Main.UsageException(a.command() + ": an address and 'dev DEV' are needed");
        }
        NeighbourRequest r = NeighbourRequest.of(dev, addr);
        if (lladdr != null) {
            r.lladdr(lladdr);
        }
        if (nud != null) {
            r.state(nud);
        }
        return r;
    }
}
