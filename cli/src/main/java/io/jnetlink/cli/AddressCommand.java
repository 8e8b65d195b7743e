package io.jnetlink.cli;

import io.jnetlink.NetlinkException;

import io.jnetlink.route.Address;
import io.jnetlink.route.AddressRequest;
import io.jnetlink.route.IPRoute;
import io.jnetlink.route.Link;
import io.jnetlink.route.Rtnl;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code jnl addr show|add|del}: addresses grouped per link as {@code ip addr show} (with -j, each link's keys and
 * its {@code addr_info}); with -4 or -6 only links holding addresses of that family, without their link layer.
 */
final class AddressCommand {
    private AddressCommand() {
    }

    static int run(Main.Globals g, List<String> cmd, PrintStream out) throws NetlinkException {
        String verb = Args.verb(cmd);
        Args a = Args.after("addr", cmd);
        switch (verb) {
            case "show" -> {
                String dev = a.optionalDevice();
                try (IPRoute ip = g.ipRoute()) {
                    show(g, ip, dev, out);
                }
            }
            case "add", "del" -> {
                AddressRequest req = request(a);
                try (IPRoute ip = g.ipRoute()) {
                    if (verb.equals("add")) {
                        ip.addAddress(req);
                    } else {
                        ip.deleteAddress(req);
                    }
                }
            }
            default -> throw new Main.UsageException("unknown addr command '" + verb + "'");
        }
        return 0;
    }

    private static void show(Main.Globals g, IPRoute ip, String dev, PrintStream out) throws NetlinkException {
        // as ip: a dump of the family's links (IPv6 has a view of its own, without qdisc, master and group),
        // or the full link of the one device named
        List<Link> links = ip.links(dev == null ? g.family() : Rtnl.AF_UNSPEC);
        boolean ipv6View = dev == null && g.family() == Rtnl.AF_INET6;
        IpView full = ipv6View ? new IpView(ip.links()) : null;
        IpView view = new IpView(links);
        List<Link> shown = dev == null ? links : List.of(ip.link(dev));
        List<Address> addresses = ip.addresses(g.family(), dev);
        boolean filtered = g.family() != Rtnl.AF_UNSPEC;
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Link l : shown) {
            List<Object> info = new ArrayList<>();
            for (Address x : addresses) {
                if (x.index() == l.index()) {
                    info.add(view.address(x));
                }
            }
            if (filtered && info.isEmpty()) {
                continue;
            }
            Map<String, Object> m = view.link(l, false, !filtered);
            if (ipv6View) {
                // IPv6's view has no group and no txqlen; ip asks for the queue length by ioctl
                m.remove("group");
                m.putAll(full.txqlen(l.index()));
            }
            m.put("addr_info", info);
            maps.add(m);
        }
        g.show(out, maps, AddressCommand::text);
    }

    private static String text(Map<String, Object> link) {
        StringBuilder sb = new StringBuilder(IpView.linkText(link));
        for (Object o : (List<?>) link.get("addr_info")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> a = (Map<String, Object>) o;
            sb.append('\n').append(IpView.addressText(a));
        }
        return sb.toString();
    }

    /** {@code CIDR dev DEV [broadcast B|+] [label L] [scope S] [peer P]}, in any order. */
    private static AddressRequest request(Args a) {
        String cidr = null;
        String dev = null;
        String brd = null;
        String label = null;
        String scope = null;
        String peer = null;
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "dev" -> dev = a.value(w);
                case "local" -> cidr = a.value(w);
                case "broadcast", "brd" -> brd = a.value(w);
                case "label" -> label = a.value(w);
                case "scope" -> scope = a.value(w);
                case "peer", "remote" -> peer = a.value(w);
                default -> {
                    if (cidr != null) {
                        throw a.unknown(w);
                    }
                    cidr = w;
                }
            }
        }
        if (cidr == null || dev == null) {
            throw new Main.UsageException("addr: an address and 'dev DEV' are needed");
        }
        AddressRequest r = AddressRequest.of(dev, cidr);
        if (brd != null) {
            r.broadcast(brd);
        }
        if (label != null) {
            r.label(label);
        }
        if (scope != null) {
            r.scope(scope);
        }
        if (peer != null) {
            r.peer(peer);
        }
        return r;
    }
}
