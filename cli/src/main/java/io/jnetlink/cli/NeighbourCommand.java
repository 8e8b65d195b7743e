package io.jnetlink.cli;

import io.jnetlink.NetlinkException;

import io.jnetlink.route.IPRoute;
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

    static int run(Main.Globals g, List<String> cmd, PrintStream out) throws NetlinkException {
        String verb = Args.verb(cmd);
        Args a = Args.after("neigh", cmd);
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
            case "add", "del" -> {
                NeighbourRequest req = request(a);
                try (IPRoute ip = g.ipRoute()) {
                    if (verb.equals("add")) {
                        ip.addNeighbour(req);
                    } else {
                        ip.deleteNeighbour(req);
                    }
                }
            }
            default -> throw new Main.UsageException("unknown neigh command '" + verb + "'");
        }
        return 0;
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
            throw new Main.UsageException("neigh: an address and 'dev DEV' are needed");
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
