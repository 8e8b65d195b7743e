package io.jnetlink.cli;

import io.jnetlink.NetlinkException;
import io.jnetlink.message.Attributes;
import io.jnetlink.message.MessageBuilder;
import io.jnetlink.socket.Replies;

import io.jnetlink.route.IPRoute;
import io.jnetlink.route.Link;
import io.jnetlink.route.LinkRequest;
import io.jnetlink.route.Rtnl;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code jnl link show|add|set|del} and {@code jnl tuntap add|del}, with {@code ip link}'s arguments. Every
 * argument is read before a request is sent, so a usage error changes nothing.
 */
final class LinkCommand {
    private LinkCommand() {
    }

    /** ip link's verbs in its matching order ("l s" is set, "l sh" show). */
    static final List<String> VERBS = List.of("add", "set change", "delete", "show lst list", "help");

    static final String USAGE = """
            Usage: jnl link show [ [dev] DEV ] [ type KIND ] [ up ] [ master DEV ]
                   jnl link add NAME [ link DEV ] [ mtu N ] [ address MAC ] [ txqueuelen N ] [ up ] type KIND [ ARGS ]
                   jnl link set [dev] DEV [ up | down ] [ mtu N ] [ name X ] [ address MAC ] [ master M | nomaster ]
                                [ netns NS ] [ txqueuelen N ] [ alias TEXT ]
                   jnl link delete [dev] DEV
            where  KIND := { veth peer name P | bridge | macvlan mode M | ifb | tun | tap
                             | vxlan id N [ dstport P ] [ dev D ] }
            With -s the counters (more with -s -s), with -d the details (the kind, not its data), with -br one
            line each: name, state, address, flags.
            """;

    static final List<String> TUNTAP_VERBS = List.of("add", "delete", "help");

    static final String TUNTAP_USAGE = """
            Usage: jnl tuntap { add | delete } [dev] NAME mode { tun | tap }
            """;

    static int run(Main.Globals g, List<String> cmd, PrintStream out, PrintStream err) throws NetlinkException {
        String verb = Args.verb(cmd, VERBS, "link", "show");
        Args a = Args.after("link", verb, cmd);
        switch (verb) {
            case "show" -> show(g, a, out);
            case "add" -> {
                LinkRequest req = add(a);
                try (IPRoute ip = g.ipRoute()) {
                    ip.addLink(req);
                }
            }
            case "set" -> {
                Set req = set(a);
                try (IPRoute ip = g.ipRoute()) {
                    if (req.alias() != null) {
                        // before the other settings, which may rename the device or move it away
                        setAlias(ip, req.dev(), req.alias());
                    }
                    if (req.request() != null) {
                        ip.setLink(req.request());
                    }
                }
            }
            case "delete" -> {
                String dev = device(a);
                try (IPRoute ip = g.ipRoute()) {
                    ip.deleteLink(dev);
                }
            }
            default -> throw new Main.UsageException("unknown link command '" + verb + "'");
        }
        return 0;
    }

    /** {@code show [[dev] DEV] [type KIND] [up] [master DEV]}. */
    private static void show(Main.Globals g, Args a, PrintStream out) throws NetlinkException {
        String dev = null;
        String kind = null;
        String master = null;
        boolean up = false;
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "dev" -> dev = a.value(w);
                case "type" -> kind = a.value(w);
                case "master" -> master = a.value(w);
                case "up" -> up = true;
                default -> {
                    if (dev != null) {
                        throw a.unknown(w);
                    }
                    dev = w;
                }
            }
        }
        try (IPRoute ip = g.ipRoute()) {
            List<Link> links = ip.links();
            IpView view = new IpView(links);
            Map<Integer, Attributes> raw = g.brief() ? Map.of() : RawLinks.dump(ip, Rtnl.AF_UNSPEC);
            List<Link> shown = dev == null ? links : List.of(named(ip, "link show", dev));
            int masterIndex = master == null ? 0 : RawLinks.index(ip, "link show", master);
            Main.Printer p = g.printer(out, g.brief() ? IpView::briefText : IpView::linkText);
            for (Link l : shown) {
                if (kind != null && !kind.equals(l.kind()) && !kind.equals(l.slaveKind() + "_slave")
                        || up && !l.isUp() || master != null && l.master() != masterIndex) {
                    continue;
                }
                if (g.brief()) {
                    p.print(view.linkBrief(l));
                } else {
                    Map<String, Object> m = view.link(l, true, true);
                    IpView.linkExtras(m, raw.get(l.index()), g.details(), g.stats());
                    p.print(m);
                }
            }
            p.end();
        }
    }

    /** The link named {@code dev}, a missing one reported under {@code op}. */
    static Link named(IPRoute ip, String op, String dev) throws NetlinkException {
        try {
            return ip.link(dev);
        } catch (NetlinkException e) {
            throw e.withOp(op + " " + dev);
        }
    }

    /**
     * Sets IFLA_IFALIAS ({@code link set DEV alias TEXT}; an empty text removes it): a request of its own, since
     * {@link LinkRequest} has no alias.
     */
    private static void setAlias(IPRoute ip, String dev, String alias) throws NetlinkException {
        String op = "link set " + dev;
        int index = named(ip, "link set", dev).index();
        try (Replies r = ip.socket().request(MessageBuilder.of(Rtnl.SCHEMA, "newlink").header("ifi-index", index)
                .attr("ifalias", alias).build())) {
            r.list();
        } catch (NetlinkException e) {
            throw e.withOp(op);
        }
    }

    /** The one device name of {@code del [dev] DEV}. */
    private static String device(Args a) {
        String dev = a.optionalDevice();
        if (dev == null) {
            throw new Main.UsageException("link delete: a device name is needed");
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

    /**
     * A parsed {@code link set}: the settings {@link LinkRequest} carries (null when only the alias changes) and
     * the alias (null when not given).
     */
    private record Set(String dev, LinkRequest request, String alias) {
    }

    /**
     * {@code set [dev] DEV [up|down] [mtu N] [name X] [address MAC] [master M|nomaster] [netns NS] [txqueuelen N]
     * [alias TEXT]}.
     */
    private static Set set(Args a) {
        LinkRequest r = null;
        boolean any = false;
        String alias = null;
        while (a.more()) {
            String w = a.next();
            if (r == null) {
                r = LinkRequest.named(w.equals("dev") ? a.value(w) : w);
                continue;
            }
            if (w.equals("alias")) {
                alias = a.value(w);
                if (alias.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
                    throw new IllegalArgumentException("link set " + r.name() + ": an alias has at most 255 bytes");
                }
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
        if (!any && alias == null) {
            throw new Main.UsageException("link set " + r.name() + ": nothing to change");
        }
        return new Set(r.name(), any ? r : null, alias);
    }

    /** {@code tuntap add|del [dev] NAME mode tun|tap}, as {@code ip tuntap}. */
    static int tuntap(Main.Globals g, List<String> cmd, PrintStream out, PrintStream err) throws NetlinkException {
        String verb = Args.verb(cmd, TUNTAP_VERBS, "tuntap", null);
        if (verb == null) {
            throw new Main.UsageException("tuntap: 'add' or 'delete' is needed");
        }
        Args a = Args.after("tuntap", verb, cmd);
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
                case "delete" -> ip.deleteLink(name);
                default -> throw new Main.UsageException("unknown tuntap command '" + verb + "'");
            }
        }
        return 0;
    }
}
