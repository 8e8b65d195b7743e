package io.jnetlink.cli;

import io.jnetlink.NetlinkException;

import io.jnetlink.route.IPRoute;
import io.jnetlink.route.Link;
import io.jnetlink.route.LinkRequest;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code jnl link show|add|set|del} and {@code jnl tuntap add|del}, with {@code ip link}'s arguments. Every
 * argument is read before a request is sent, so a usage error changes nothing.
 */
final class LinkCommand {
    private LinkCommand() {
    }

    static int run(Main.Globals g, List<String> cmd, PrintStream out) throws NetlinkException {
        String verb = Args.verb(cmd);
        Args a = Args.after("link", cmd);
        switch (verb) {
            case "show" -> {
                String dev = a.optionalDevice();
                try (IPRoute ip = g.ipRoute()) {
                    show(g, ip, dev, out);
                }
            }
            case "add" -> {
                LinkRequest req = add(a);
                try (IPRoute ip = g.ipRoute()) {
                    ip.addLink(req);
                }
            }
            case "set", "change" -> {
                LinkRequest req = set(a);
                try (IPRoute ip = g.ipRoute()) {
                    ip.setLink(req);
                }
            }
            case "del" -> {
                String dev = device(a);
                try (IPRoute ip = g.ipRoute()) {
                    ip.deleteLink(dev);
                }
            }
            default -> throw new Main.UsageException("unknown link command '" + verb + "'");
        }
        return 0;
    }

    private static void show(Main.Globals g, IPRoute ip, String dev, PrintStream out) throws NetlinkException {
        List<Link> links = ip.links();
        IpView view = new IpView(links);
        List<Link> shown = dev == null ? links : List.of(ip.link(dev));
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Link l : shown) {
            maps.add(view.link(l, true, true));
        }
        g.show(out, maps, IpView::linkText);
    }

    /** The one device name of {@code del [dev] DEV}. */
    private static String device(Args a) {
        String dev = a.optionalDevice();
        if (dev == null) {
            throw new Main.UsageException("link del: a device name is needed");
        }
        return dev;
    }

    /** {@code add NAME [link DEV] [mtu N] [address MAC] [txqueuelen N] [up] type KIND [KIND ARGS]}. */
    private static LinkRequest add(Args a) {
        String name = null;
        String lower = null;
        String kind = null;
        Integer mtu = null;
        Integer txqlen = null;
        String mac = null;
        boolean up = false;
        while (kind == null && a.more()) {
            String w = a.next();
            switch (w) {
                case "name", "dev" -> name = a.value(w);
                case "link" -> lower = a.value(w);
                case "mtu" -> mtu = a.integer(w, Integer.MAX_VALUE);
                case "txqueuelen", "txqlen", "qlen" -> txqlen = a.integer(w, Integer.MAX_VALUE);
                case "address" -> mac = a.value(w);
                case "up" -> up = true;
                case "type" -> kind = a.value(w);
                default -> {
                    if (name != null) {
                        throw a.unknown(w);
                    }
                    name = w;
                }
            }
        }
        if (name == null) {
            throw new Main.UsageException("link add: a device name is needed");
        }
        if (kind == null) {
            throw new Main.UsageException("link add " + name + ": 'type KIND' is needed (veth, bridge, macvlan, "
                    + "vxlan, ifb, tun, tap)");
        }
        LinkRequest r = LinkRequest.named(name).kind(kind);
        if (lower != null) {
            r.lower(lower);
        }
        boolean vni = false;
        while (a.more()) {
            String w = a.next();
            switch (kind + " " + w) {
                case "veth peer" -> {
                    String p = a.value(w);
                    r.peer(p.equals("name") ? a.value("peer name") : p);
                }
                case "macvlan mode", "macvtap mode" -> r.data("mode", a.value(w));
                case "vxlan id", "vxlan vni" -> {
                    r.data("id", a.number(w));
                    vni = true;
                }
                case "vxlan dstport" -> r.data("port", a.integer(w, 65535));
                case "vxlan dev" -> r.lower(a.value(w));
                default -> throw a.unknown(w);
            }
        }
        if (kind.equals("vxlan") && !vni) {
            throw new Main.UsageException("link add " + name + ": a vxlan needs 'id VNI'");
        }
        if (mtu != null) {
            r.mtu(mtu);
        }
        if (txqlen != null) {
            r.txqlen(txqlen);
        }
        if (mac != null) {
            r.address(mac);
        }
        if (up) {
            r.up();
        }
        return r;
    }

    /** {@code set [dev] DEV [up|down] [mtu N] [name X] [address MAC] [master M|nomaster] [netns NS] [txqueuelen N]}. */
    private static LinkRequest set(Args a) {
        LinkRequest r = null;
        boolean any = false;
        while (a.more()) {
            String w = a.next();
            if (r == null) {
                r = LinkRequest.named(w.equals("dev") ? a.value(w) : w);
                continue;
            }
            any = true;
            switch (w) {
                case "up" -> r.up();
                case "down" -> r.down();
                case "mtu" -> r.mtu(a.integer(w, Integer.MAX_VALUE));
                case "name" -> r.rename(a.value(w));
                case "address" -> r.address(a.value(w));
                case "master" -> r.master(a.value(w));
                case "nomaster" -> r.master(null);
                case "netns" -> r.netns(a.value(w));
                case "txqueuelen", "txqlen", "qlen" -> r.txqlen(a.integer(w, Integer.MAX_VALUE));
                default -> throw a.unknown(w);
            }
        }
        if (r == null) {
            throw new Main.UsageException("link set: a device name is needed");
        }
        if (!any) {
            throw new Main.UsageException("link set " + r.name() + ": nothing to change");
        }
        return r;
    }

    /** {@code tuntap add|del [dev] NAME mode tun|tap}, as {@code ip tuntap}. */
    static int tuntap(Main.Globals g, List<String> cmd) throws NetlinkException {
        String verb = Args.verb(cmd);
        Args a = Args.after("tuntap", cmd);
        String name = null;
        String mode = null;
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "dev", "name" -> name = a.value(w);
                case "mode" -> mode = a.value(w);
                default -> {
                    if (name != null) {
                        throw a.unknown(w);
                    }
                    name = w;
                }
            }
        }
        if (name == null) {
            throw new Main.UsageException("tuntap " + verb + ": a device name is needed");
        }
        if (mode != null && !mode.equals("tun") && !mode.equals("tap")) {
            throw new Main.UsageException("tuntap " + verb + ": mode must be tun or tap, not '" + mode + "'");
        }
        try (IPRoute ip = g.ipRoute()) {
            switch (verb) {
                case "add" -> {
                    if (mode == null) {
                        throw new Main.UsageException("tuntap add: 'mode tun' or 'mode tap' is needed");
                    }
                    ip.addLink(LinkRequest.named(name).kind(mode));
                }
                case "del" -> ip.deleteLink(name);
                default -> throw new Main.UsageException("unknown tuntap command '" + verb + "'");
            }
        }
        return 0;
    }
}
