package io.jnetlink.cli;

import io.jnetlink.NetlinkException;

import io.jnetlink.route.BridgeVlan;
import io.jnetlink.route.BridgeVlanRequest;
import io.jnetlink.route.FdbEntry;
import io.jnetlink.route.FdbRequest;
import io.jnetlink.route.IPRoute;
import io.jnetlink.route.Inet;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jnl bridge fdb show|add|append|replace|del} and {@code jnl bridge vlan show|add|del} with {@code bridge}'s
 * arguments; {@code show} prints the keys {@code bridge -j} (iproute2 6.1) prints, in its order and with its
 * omissions, and its text. Every argument is read before anything is sent.
 */
final class BridgeCommand {
    private BridgeCommand() {
    }

    /** bridge's objects: the words after "bridge". */
    static final List<String> VERBS = List.of("fdb", "vlan", "help");

    /** The verbs of bridge fdb and bridge vlan, in bridge's matching order. */
    private static final List<String> FDB_VERBS = List.of("add", "append", "delete", "replace", "show list lst");
    private static final List<String> VLAN_VERBS = List.of("add", "delete", "show list lst");

    static final String USAGE = """
            Usage: jnl bridge fdb show [ br B ] [ brport P ] [ vlan V ] [ state S ] [ dynamic ]
                   jnl bridge fdb { add | append | replace | delete } MAC dev D [ self ] [ master ] [ extern_learn ]
                                [ sticky ] [ permanent | static | dynamic ] [ dst IP ] [ vlan V ] [ port P ]
                                [ vni N ] [ src_vni N ] [ via D ] [ nhid N ]
                   jnl bridge vlan show [ dev D ] [ vid V ]
                   jnl bridge vlan { add | delete } vid V[-END] dev D [ pvid ] [ untagged ] [ self ] [ master ]
            """;

    static int run(Main.Globals g, List<String> cmd, PrintStream out, PrintStream err) throws NetlinkException {
        String object = Args.verb(cmd, VERBS, "bridge", null);
        if (object == null) {
            throw new Main.UsageException("bridge: fdb or vlan is needed");
        }
        List<String> rest = cmd.subList(1, cmd.size());
        return object.equals("fdb") ? fdb(g, rest, out) : vlan(g, rest, out);
    }

    // ------------------------------------------------------------------ fdb

    private static int fdb(Main.Globals g, List<String> cmd, PrintStream out) throws NetlinkException {
        String verb = Args.verb(cmd, FDB_VERBS, "bridge fdb", "show");
        Args a = Args.after("bridge fdb", verb, cmd);
        switch (verb) {
            case "show" -> fdbShow(g, a, out);
            case "add", "append", "replace", "delete" -> {
                FdbRequest req = fdbRequest(a);
                try (IPRoute ip = g.ipRoute()) {
                    switch (verb) {
                        case "add" -> ip.addFdb(req);
                        case "append" -> ip.appendFdb(req);
                        case "replace" -> ip.replaceFdb(req);
                        default -> ip.deleteFdb(req);
                    }
                }
            }
            default -> throw new Main.UsageException("unknown bridge fdb command '" + verb + "'");
        }
        return 0;
    }

    /** {@code show [br B] [brport|dev P] [vlan V] [state S] [dynamic]}: the kernel filters by port and bridge. */
    private static void fdbShow(Main.Globals g, Args a, PrintStream out) throws NetlinkException {
        String br = null;
        String port = null;
        int vlan = 0;
        int state = 0;
        boolean dynamic = false;
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "br" -> br = a.value(w);
                case "brport", "dev" -> port = a.value(w);
                case "vlan" -> vlan = a.integer(w, 4095);
                case "state" -> state |= switch (a.value(w)) {
                    case "permanent" -> FdbEntry.NUD_PERMANENT;
                    case "static", "temp" -> FdbEntry.NUD_NOARP;
                    case "stale" -> FdbEntry.NUD_STALE;
                    case "reachable", "dynamic" -> FdbEntry.NUD_REACHABLE;
                    case "all" -> ~0;
                    default -> throw new Main.UsageException("bridge fdb show: unknown state");
                };
                case "dynamic" -> dynamic = true;
                default -> throw a.unknown(w);
            }
        }
        try (IPRoute ip = g.ipRoute()) {
            IpView view = new IpView(ip.links());
            List<Map<String, Object>> maps = new ArrayList<>();
            for (FdbEntry e : ip.fdb(port, br)) {
                if (state != 0 && (e.state() & state) == 0 || vlan != 0 && e.vlan() != vlan
                        || dynamic && (e.state() & FdbEntry.NUD_PERMANENT) != 0) {
                    continue;
                }
                maps.add(fdbEntry(view, e, port == null));
            }
            g.show(out, maps, BridgeCommand::fdbText);
        }
    }

    /**
     * {@code MAC dev D [self] [master] [router] [use] [extern_learn] [sticky] [local|permanent|static|temp|dynamic]
     * [dst IP] [vlan V] [port P] [vni N] [src_vni N] [via D] [nhid N]}, in any order.
     */
    private static FdbRequest fdbRequest(Args a) {
        String mac = null;
        String dev = null;
        List<String[]> words = new ArrayList<>();
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "dev" -> dev = a.value(w);
                case "dst", "vlan", "port", "vni", "src_vni", "via", "nhid" -> words.add(new String[] {w, a.value(w)});
                case "self", "master", "router", "use", "extern_learn", "sticky", "local", "permanent", "static",
                     "temp", "dynamic" -> words.add(new String[] {w, null});
                case "to" -> mac = a.value(w);
                default -> {
                    if (mac != null) {
                        throw a.unknown(w);
                    }
                    mac = w;
                }
            }
        }
        if (mac == null || dev == null) {
            throw new Main.UsageException("bridge fdb: an address and 'dev DEV' are needed");
        }
        FdbRequest r = FdbRequest.of(mac, dev);
        for (String[] w : words) {
            switch (w[0]) {
                case "self" -> r.self();
                case "master" -> r.master();
                case "router" -> r.router();
                case "use" -> r.use();
                case "extern_learn" -> r.externLearn();
                case "sticky" -> r.sticky();
                case "local", "permanent", "static", "temp", "dynamic" -> r.state(w[0]);
                case "dst" -> r.dst(w[1]);
                case "vlan" -> r.vlan((int) Math.min(a.parse(w[0], w[1]), Integer.MAX_VALUE));
                case "port" -> r.port((int) Math.min(a.parse(w[0], w[1]), Integer.MAX_VALUE));
                case "vni" -> r.vni(a.parse(w[0], w[1]));
                case "src_vni" -> r.srcVni(a.parse(w[0], w[1]));
                case "via" -> r.via(w[1]);
                case "nhid" -> r.nhid(a.parse(w[0], w[1]));
                default -> throw new IllegalStateException(w[0]);
            }
        }
        return r;
    }

    /** The keys of one object of {@code bridge -j fdb show}; {@code devShown} false under a port filter. */
    static Map<String, Object> fdbEntry(IpView view, FdbEntry e, boolean devShown) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (e.mac() != null) {
            m.put("mac", e.mac());
        }
        if (devShown && e.index() != 0) {
            m.put("ifname", view.name(e.index()));
        }
        if (e.dst() != null) {
            m.put("dst", Inet.format(e.dst()));
        }
        if (e.vlan() != 0) {
            m.put("vlan", e.vlan());
        }
        if (e.port() != null) {
            m.put("port", e.port());
        }
        if (e.vni() != null) {
            m.put("vni", e.vni());
        }
        if (e.srcVni() != null) {
            m.put("src_vni", e.srcVni());
        }
        if (e.via() != 0) {
            if (e.linkNetnsid() != null) {
                m.put("viaIfIndex", e.via());
            } else {
                m.put("viaIf", view.name(e.via()));
            }
        }
        if (e.nhId() != null) {
            m.put("nhid", e.nhId());
        }
        if (e.linkNetnsid() != null) {
            m.put("linkNetNsId", e.linkNetnsid());
        }
        m.put("flags", e.flagNames());
        if (e.master() != 0) {
            m.put("master", view.name(e.master()));
        }
        String state = e.stateName();
        m.put("state", state.startsWith("state=") ? state.substring(6) : state);
        return m;
    }

    /** bridge's text of an entry: "02:00:00:00:00:01 dev w0 master br0 static". */
    static String fdbText(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder();
        word(sb, m, "mac", "");
        word(sb, m, "ifname", "dev");
        word(sb, m, "dst", "dst");
        word(sb, m, "vlan", "vlan");
        word(sb, m, "port", "port");
        word(sb, m, "vni", "vni");
        word(sb, m, "src_vni", "src_vni");
        word(sb, m, "viaIf", "via");
        word(sb, m, "viaIfIndex", "via ifindex");
        word(sb, m, "nhid", "nhid");
        word(sb, m, "linkNetNsId", "link-netnsid");
        for (Object f : (List<?>) m.get("flags")) {
            sb.append(f).append(' ');
        }
        word(sb, m, "master", "master");
        String state = (String) m.get("state");
        sb.append(state.matches("0x[0-9a-f]+|0") ? "state=" + state : state);
        return sb.toString().stripTrailing();
    }

    private static void word(StringBuilder sb, Map<String, Object> m, String key, String label) {
        if (m.containsKey(key)) {
            sb.append(label.isEmpty() ? "" : label + " ").append(m.get(key)).append(' ');
        }
    }

    // ------------------------------------------------------------------ vlan

    private static int vlan(Main.Globals g, List<String> cmd, PrintStream out) throws NetlinkException {
        String verb = Args.verb(cmd, VLAN_VERBS, "bridge vlan", "show");
        Args a = Args.after("bridge vlan", verb, cmd);
        switch (verb) {
            case "show" -> vlanShow(g, a, out);
            case "add", "delete" -> {
                BridgeVlanRequest req = vlanRequest(a);
                try (IPRoute ip = g.ipRoute()) {
                    if (verb.equals("add")) {
                        ip.addBridgeVlan(req);
                    } else {
                        ip.deleteBridgeVlan(req);
                    }
                }
            }
            default -> throw new Main.UsageException("unknown bridge vlan command '" + verb + "'");
        }
        return 0;
    }

    /** {@code show [dev D] [vid V]}: one object per port, its VLANs (ranges as vlan and vlanEnd) with their flags. */
    private static void vlanShow(Main.Globals g, Args a, PrintStream out) throws NetlinkException {
        String dev = null;
        int vid = 0;
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "dev" -> dev = a.value(w);
                case "vid" -> vid = a.integer(w, 4095);
                default -> throw a.unknown(w);
            }
        }
        try (IPRoute ip = g.ipRoute()) {
            IpView view = new IpView(ip.links());
            int index = dev == null ? 0 : ip.index(dev);
            Map<Integer, List<Object>> ports = new LinkedHashMap<>();
            for (BridgeVlan v : ip.bridgeVlans()) {
                if (index != 0 && v.index() != index || vid != 0 && (vid < v.vid() || vid > v.vidEnd())) {
                    continue;
                }
                Map<String, Object> vm = new LinkedHashMap<>();
                vm.put("vlan", v.vid());
                if (v.vidEnd() != v.vid()) {
                    vm.put("vlanEnd", v.vidEnd());
                }
                List<String> flags = new ArrayList<>();
                if (v.isPvid()) {
                    flags.add("PVID");
                }
                if (v.isUntagged()) {
                    flags.add("Egress Untagged");
                }
                if (!flags.isEmpty()) {
                    vm.put("flags", flags);
                }
                ports.computeIfAbsent(v.index(), k -> new ArrayList<>()).add(vm);
            }
            List<Map<String, Object>> maps = new ArrayList<>();
            ports.forEach((i, vlans) -> {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("ifname", view.name(i));
                pm.put("vlans", vlans);
                maps.add(pm);
            });
            if (g.json()) {
                out.println(Json.write(maps));
            } else {
                out.println("port              vlan-id"); // bridge pads it to 16 + 2 + 9 columns
                maps.forEach(m -> out.println(vlanText(m)));
            }
        }
    }

    /** bridge's text of a port's VLANs: the name, then one VLAN (or range) a line with PVID and Egress Untagged. */
    static String vlanText(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Object o : (List<?>) m.get("vlans")) {
            Map<?, ?> v = (Map<?, ?>) o;
            if (!first) {
                sb.append('\n');
            }
            sb.append(String.format("%-16s  ", first ? m.get("ifname") : ""));
            sb.append(v.get("vlan"));
            if (v.containsKey("vlanEnd")) {
                sb.append('-').append(v.get("vlanEnd"));
            }
            if (v.get("flags") instanceof List<?> flags) {
                flags.forEach(f -> sb.append(' ').append(f));
            }
            first = false;
        }
        return sb.toString();
    }

    /** {@code vid VID[-END] dev D [pvid] [untagged] [self] [master]}. */
    private static BridgeVlanRequest vlanRequest(Args a) {
        String dev = null;
        String vid = null;
        List<String> flags = new ArrayList<>();
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "dev" -> dev = a.value(w);
                case "vid" -> vid = a.value(w);
                case "pvid", "untagged", "self", "master" -> flags.add(w);
                default -> throw a.unknown(w);
            }
        }
        if (dev == null || vid == null) {
            throw new Main.UsageException("bridge vlan: 'vid VID' and 'dev DEV' are needed");
        }
        String[] range = vid.split("-", 2);
        int from = (int) Math.min(a.parse("vid", range[0]), Integer.MAX_VALUE);
        int to = range.length == 2 ? (int) Math.min(a.parse("vid", range[1]), Integer.MAX_VALUE) : from;
        BridgeVlanRequest r = range.length == 2 ? BridgeVlanRequest.range(dev, from, to) : BridgeVlanRequest.of(dev, from);
        for (String f : flags) {
            switch (f) {
                case "pvid" -> r.pvid();
                case "untagged" -> r.untagged();
                case "self" -> r.self();
                default -> r.master();
            }
        }
        return r;
    }
}
