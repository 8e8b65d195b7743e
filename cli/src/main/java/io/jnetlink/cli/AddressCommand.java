package io.jnetlink.cli;

import io.jnetlink.NetlinkException;
import io.jnetlink.message.Attributes;

import io.jnetlink.route.Address;
import io.jnetlink.route.AddressRequest;
import io.jnetlink.route.IPRoute;
import io.jnetlink.route.Link;
import io.jnetlink.route.Rtnl;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jnl addr show|add|del}: addresses grouped per link as {@code ip addr show} (with -j, each link's keys and
 * its {@code addr_info}); with -4 or -6 only links holding addresses of that family, without their link layer.
 */
final class AddressCommand {
    private AddressCommand() {
    }

    /** ip address's verbs in its matching order ("a s" is show, "a d" delete). */
    static final List<String> VERBS = List.of("add", "delete", "show list lst", "flush", "help");

    static final String USAGE = """
            Usage: jnl address show [ [dev] DEV ] [ up ]
                   jnl address { add | delete } CIDR dev DEV [ broadcast B | + ] [ label L ] [ scope S ] [ peer P ]
                   jnl address flush [dev] DEV
            Addresses grouped by link; with -4 or -6 one family (links without one are left out), with -br one line
            per link, with -o one line per address.
            """;

    static int run(Main.Globals g, List<String> cmd, PrintStream out, PrintStream err) throws NetlinkException {
        String verb = Args.verb(cmd, VERBS, "address", "show");
        Args a = Args.after("address", verb, cmd);
        switch (verb) {
            case "show" -> {
                String dev = null;
                boolean up = false;
                while (a.more()) {
                    String w = a.next();
                    if (w.equals("up")) {
                        up = true;
                    } else if (w.equals("dev") || dev == null) {
                        dev = w.equals("dev") ? a.value(w) : w;
                    } else {
                        throw a.unknown(w);
                    }
                }
                try (IPRoute ip = g.ipRoute()) {
                    show(g, ip, dev, up, out);
                }
            }
            case "add", "delete" -> {
                AddressRequest req = request(a);
                try (IPRoute ip = g.ipRoute()) {
                    if (verb.equals("add")) {
                        ip.addAddress(req);
                    } else {
                        ip.deleteAddress(req);
                    }
                }
            }
            case "flush" -> {
                String dev = a.optionalDevice();
                if (dev == null) {
                    throw new Main.UsageException("address flush: a device is needed (flush dev DEV)");
                }
                try (IPRoute ip = g.ipRoute()) {
                    RawLinks.index(ip, "address flush", dev);
                    ip.flushAddresses(g.family(), dev);
                }
            }
            default -> throw new Main.UsageException("unknown address command '" + verb + "'");
        }
        return 0;
    }

    private static void show(Main.Globals g, IPRoute ip, String dev, boolean up, PrintStream out)
            throws NetlinkException {
        // as ip: a dump of the family's links (IPv6 has a view of its own, without qdisc, master and group),
        // or the full link of the one device named
        List<Link> links = ip.links(dev == null ? g.family() : Rtnl.AF_UNSPEC);
        boolean ipv6View = dev == null && g.family() == Rtnl.AF_INET6;
        IpView full = ipv6View ? new IpView(ip.links()) : null;
        IpView view = new IpView(links);
        List<Link> shown = dev == null ? links : List.of(LinkCommand.named(ip, "address show", dev));
        List<Address> addresses = ip.addresses(g.family(), dev);
        Map<Integer, Attributes> raw = !g.brief() && (g.details() || g.stats() > 0) ? RawLinks.dump(ip, Rtnl.AF_UNSPEC)
                : Map.of();
        boolean filtered = g.family() != Rtnl.AF_UNSPEC;
        Main.Printer p = g.printer(out, g.brief() ? IpView::briefText : AddressCommand::text);
        for (Link l : shown) {
            if (up && !l.isUp()) {
                continue;
            }
            List<Object> info = new ArrayList<>();
            for (Address x : addresses) {
                if (x.index() == l.index()) {
                    info.add(g.brief() ? brief(view.address(x)) : view.address(x));
                }
            }
            if (filtered && info.isEmpty()) {
                continue;
            }
            Map<String, Object> m;
            if (g.brief()) {
                m = view.linkBrief(l);
                m.remove("address");
                m.remove("flags");
            } else {
                m = view.link(l, false, !filtered);
                if (ipv6View) {
                    // IPv6's view has no group and no txqlen; ip asks for the queue length by ioctl
                    m.remove("group");
                    m.putAll(full.txqlen(l.index()));
                }
                // ip addr -d: the link's details and alias, without the IPv6 address generation mode
                IpView.linkExtras(m, raw.get(l.index()), g.details(), g.details());
                m.remove("inet6_addr_gen_mode");
            }
            m.put("addr_info", info);
            if (!g.brief()) {
                IpView.stats(m, raw.get(l.index()), g.stats());
            }
            if (g.oneline() && !g.json() && !g.brief()) {
                // ip -o: one line per address, "N: NAME    inet ...", nothing for a link without one
                for (Object o : info) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> x = (Map<String, Object>) o;
                    out.append(l.index() + ": " + l.name() + IpView.addressText(x).replace("\n", "\\") + "\n");
                }
                continue;
            }
            p.print(m);
        }
        p.end();
    }

    /** The keys of an address in {@code ip -br -j addr}: local and prefixlen. */
    private static Map<String, Object> brief(Map<String, Object> a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("local", a.get("local"));
        m.put("prefixlen", a.get("prefixlen"));
        return m;
    }

    private static String text(Map<String, Object> link) {
        Map<String, Object> withoutStats = new LinkedHashMap<>(link);
        Object stats = withoutStats.remove("stats64");
        StringBuilder sb = new StringBuilder(IpView.linkText(withoutStats));
        for (Object o : (List<?>) link.get("addr_info")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> a = (Map<String, Object>) o;
            sb.append('\n').append(IpView.addressText(a));
        }
        if (stats instanceof Map<?, ?> st) {
            IpView.statsText(sb, st);
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
            throw new Main.UsageException(a.command() + ": an address and 'dev DEV' are needed");
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
