package io.jnetlink.cli;

import io.jnetlink.NetlinkException;
import io.jnetlink.Netlink;
import io.jnetlink.route.ClassRequest;
import io.jnetlink.route.Filter;
import io.jnetlink.route.FilterRequest;
import io.jnetlink.route.Qdisc;
import io.jnetlink.route.QdiscRequest;
import io.jnetlink.route.Tc;
import io.jnetlink.route.TcClass;
import io.jnetlink.route.TcOptions;
import io.jnetlink.route.TrafficControl;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code jnl qdisc|class|filter show|add|change|replace|del} with {@code tc}'s arguments for the kinds it builds
 * (qdiscs htb, fq_codel, netem, tbf, pfifo, bfifo, ingress, clsact; htb classes; u32, flower and matchall filters
 * with gact and mirred actions). Show prints tc's text, or with -j tc -j's JSON; -s adds statistics.
 */
final class TcCommand {
    private TcCommand() {
    }

    /** The verbs in tc's matching order. */
    static final List<String> VERBS = List.of("add", "change", "replace", "del delete", "show list lst", "help");

    static final String QDISC_USAGE = """
            Usage: jnl qdisc show [ dev D ]
                   jnl qdisc { add | change | replace | del } dev D [ root | ingress | clsact | parent P ] [ handle H ]
                                KIND ...
            KIND: htb [ default N ] [ r2q N ] | fq_codel [ limit N ] [ target T ] ...
                  | netem [ delay T [ J [ C% ] ] ] [ loss P% ] ... | tbf rate R burst S latency T | pfifo | bfifo
            -s adds statistics; -j prints tc -j's JSON.
            """;

    static final String CLASS_USAGE = """
            Usage: jnl class show dev D [ parent P ]
                   jnl class { add | change | replace | del } dev D parent P classid C htb rate R [ ceil R ]
                                [ burst S ] [ prio N ]
            -s adds statistics; -j prints JSON with tc's words as keys.
            """;

    static final String FILTER_USAGE = """
            Usage: jnl filter show dev D [ parent P | root | ingress | egress ]
                   jnl filter { add | change | replace | del } dev D [ parent P | ingress | egress ] [ protocol P ]
                                [ prio N ] FILTER [ action drop | pass | mirred egress redirect dev D ]...
            FILTER: u32 match ip dst|src A/L | match ip dport|sport N M ... [ flowid C ]
                    | flower [ dst_ip A ] [ src_ip A ] [ ip_proto P ] [ dst_port N ] ... [ classid C ] | matchall
            """;

    static int runQdisc(Main.Globals g, List<String> cmd, PrintStream out, PrintStream err) throws NetlinkException {
        return run(g, "qdisc", cmd, out);
    }

    static int runClass(Main.Globals g, List<String> cmd, PrintStream out, PrintStream err) throws NetlinkException {
        return run(g, "class", cmd, out);
    }

    static int runFilter(Main.Globals g, List<String> cmd, PrintStream out, PrintStream err) throws NetlinkException {
        return run(g, "filter", cmd, out);
    }

    private static int run(Main.Globals g, String object, List<String> cmd, PrintStream out) throws NetlinkException {
        Args.verb(cmd, VERBS, object, "show");          // an unknown verb is refused before the socket is made
        try (TrafficControl tc = new TrafficControl(g.spec(Netlink.NETLINK_ROUTE))) {
            execute(tc, g, object, cmd, out);
        }
        return 0;
    }

    /** Runs {@code OBJECT VERB ARGS} on {@code tc}. */
    static void execute(TrafficControl tc, Main.Globals g, String object, List<String> cmd, PrintStream out)
            throws NetlinkException {
        String verb = Args.verb(cmd, VERBS, object, "show");
        Args a = Args.after(object, verb, cmd);
        if (verb.equals("show")) {
            show(g, tc, object, a, out);
            return;
        }
        switch (object) {
            case "qdisc" -> qdisc(tc, verb, a);
            case "class" -> tclass(tc, verb, a);
            default -> filter(tc, verb, a);
        }
    }

    // ------------------------------------------------------------------ show

    private static void show(Main.Globals g, TrafficControl tc, String object, Args a, PrintStream out)
            throws NetlinkException {
        String dev = null;
        int parent = 0;
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "dev" -> dev = a.value(w);
                case "parent" -> parent = handle(a, w, a.value(w));
                case "root" -> parent = Tc.TC_H_ROOT;
                case "ingress" -> parent = 0xFFFF0000 | Tc.TC_H_MIN_INGRESS;
                case "egress" -> parent = 0xFFFF0000 | Tc.TC_H_MIN_EGRESS;
                default -> throw a.unknown(w);
            }
        }
        if (dev == null && !object.equals("qdisc")) {
            throw new Main.UsageException(object + " show: dev is needed");
        }
        if (parent != 0 && !object.equals("filter")) {
            throw new Main.UsageException(object + " show: only dev selects (parent, root, ingress are filter show's)");
        }
        TcView view = new TcView(tc.deviceNames(), g.stats() > 0);
        List<TcPrinter> shown = new ArrayList<>();
        switch (object) {
            case "qdisc" -> {
                for (Qdisc q : tc.qdiscs(dev)) {
                    shown.add(view.qdisc(q, dev == null));
                }
            }
            case "class" -> {
                for (TcClass c : tc.classes(dev)) {
                    shown.add(view.tclass(c, false));
                }
            }
            default -> {
                for (Filter f : tc.filters(dev, parent)) {
                    shown.add(view.filter(f, false, parent));
                }
            }
        }
        if (g.json()) {
            List<Object> objs = new ArrayList<>();
            shown.forEach(p -> objs.add(p.json()));
            out.println(TcPrinter.write(objs));
        } else {
            shown.forEach(p -> out.print(p.text()));
        }
    }

    private static int handle(Args a, String what, String v) {
        try {
            return Tc.parseHandle(v, what);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
    }

    // ------------------------------------------------------------------ qdisc

    private static void qdisc(TrafficControl tc, String verb, Args a) throws NetlinkException {
        String dev = null;
        String parent = null;
        String handle = null;
        TcOptions opts = null;
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "dev" -> dev = a.value(w);
                case "root" -> parent = "root";
                case "ingress" -> {
                    parent = "ingress";
                    opts = TcOptions.none("ingress");
                    handle = "ffff:";
                }
                case "clsact" -> {
                    parent = "clsact";
                    opts = TcOptions.none("clsact");
                    handle = "ffff:";
                }
                case "parent" -> parent = a.value(w);
                case "handle" -> handle = a.value(w);
                default -> {
                    opts = qdiscKind(w, a);
                }
            }
        }
        if (dev == null) {
            throw new Main.UsageException("qdisc " + verb + ": dev is needed");
        }
        QdiscRequest r = opts == null ? QdiscRequest.at(dev) : QdiscRequest.of(dev, opts);
        if (parent != null) {
            r.parent(parent);
        }
        if (handle != null) {
            r.handle(handle);
        }
        if (opts == null && !verb.equals("del")) {
            throw new Main.UsageException("qdisc " + verb + ": a kind is needed");
        }
        switch (verb) {
            case "add" -> tc.addQdisc(r);
            case "change" -> tc.changeQdisc(r);
            case "replace" -> tc.replaceQdisc(r);
            default -> tc.deleteQdisc(r);
        }
    }

    private static TcOptions qdiscKind(String kind, Args a) {
        switch (kind) {
            case "htb" -> {
                TcOptions.Htb h = TcOptions.htb();
                while (a.more()) {
                    String w = a.next();
                    switch (w) {
                        case "default" -> h.defaultClass((int) hex(a, w));
                        case "r2q" -> h.r2q((int) a.number(w));
                        case "direct_qlen" -> h.directQlen(a.number(w));
                        default -> throw a.unknown(w);
                    }
                }
                return h;
            }
            case "fq_codel" -> {
                TcOptions.FqCodel f = TcOptions.fqCodel();
                while (a.more()) {
                    String w = a.next();
                    switch (w) {
                        case "limit" -> f.limit(a.number(w));
                        case "flows" -> f.flows(a.number(w));
                        case "quantum" -> f.quantum(a.number(w));
                        case "interval" -> f.interval(time(a, w));
                        case "target" -> f.target(time(a, w));
                        case "ce_threshold" -> f.ceThreshold(time(a, w));
                        case "memory_limit" -> f.memoryLimit(size(a, w));
                        case "drop_batch" -> f.dropBatch(a.number(w));
                        case "ecn" -> f.ecn(true);
                        case "noecn" -> f.ecn(false);
                        default -> throw a.unknown(w);
                    }
                }
                return f;
            }
            case "netem" -> {
                TcOptions.Netem n = TcOptions.netem();
                while (a.more()) {
                    String w = a.next();
                    switch (w) {
                        case "delay", "latency" -> {
                            long d = time(a, w);
                            long jitter = 0;
                            double corr = 0;
                            if (a.peekNumber()) {
                                jitter = time(a, w);
                                if (a.peekNumber()) {
                                    corr = percent(a, w);
                                }
                            }
                            n.delay(d, jitter, corr);
                        }
                        case "loss" -> {
                            if (a.peekIs("random")) {
                                a.next();
                            }
                            n.loss(percent(a, w));
                        }
                        case "duplicate" -> n.duplicate(percent(a, w));
                        case "corrupt" -> n.corrupt(percent(a, w));
                        case "reorder" -> {
                            double p = percent(a, w);
                            n.reorder(p, a.peekNumber() ? percent(a, w) : 0);
                        }
                        case "rate" -> n.rate(rate(a, w));
                        case "limit" -> n.limit(a.number(w));
                        default -> throw a.unknown(w);
                    }
                }
                return n;
            }
            case "tbf" -> {
                Long r = null;
                Long burst = null;
                Long latency = null;
                while (a.more()) {
                    String w = a.next();
                    switch (w) {
                        case "rate" -> r = rate(a, w);
                        case "burst", "buffer", "maxburst" -> burst = size(a, w);
                        case "latency" -> latency = time(a, w);
                        default -> throw a.unknown(w);
                    }
                }
                if (r == null || burst == null || latency == null) {
                    throw new Main.UsageException("tbf: rate, burst and latency are needed");
                }
                return TcOptions.tbf(r, (int) (long) burst, latency);
            }
            case "pfifo", "bfifo" -> {
                if (!a.more()) {
                    return TcOptions.none(kind);
                }
                String w = a.next();
                if (!w.equals("limit")) {
                    throw a.unknown(w);
                }
                long limit = kind.equals("bfifo") ? size(a, w) : a.number(w);
                a.end();
                return TcOptions.of(kind, Map.of("limit", limit));
            }
            case "noqueue", "mq", "pfifo_fast" -> {
                a.end();
                return TcOptions.none(kind);
            }
            default -> throw new Main.UsageException("qdisc kind '" + kind + "' is not one jnl builds (htb, fq_codel, "
                    + "netem, tbf, pfifo, bfifo, ingress, clsact, mq, noqueue)");
        }
    }

    // ------------------------------------------------------------------ class

    private static void tclass(TrafficControl tc, String verb, Args a) throws NetlinkException {
        String dev = null;
        String parent = null;
        String classid = null;
        TcOptions opts = null;
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "dev" -> dev = a.value(w);
                case "parent" -> parent = a.value(w);
                case "root" -> parent = "root";
                case "classid" -> classid = a.value(w);
                case "htb" -> opts = htbClass(a);
                default -> throw a.unknown(w);
            }
        }
        if (dev == null || classid == null) {
            throw new Main.UsageException("class " + verb + ": dev and classid are needed");
        }
        if (opts == null && !verb.equals("del")) {
            throw new Main.UsageException("class " + verb + ": a kind is needed (htb)");
        }
        ClassRequest r = opts == null ? ClassRequest.at(dev, classid) : ClassRequest.of(dev, classid, opts);
        if (parent != null) {
            r.parent(parent);
        }
        switch (verb) {
            case "add" -> tc.addClass(r);
            case "change" -> tc.changeClass(r);
            case "replace" -> tc.replaceClass(r);
            default -> tc.deleteClass(r);
        }
    }

    private static TcOptions htbClass(Args a) {
        Long rate = null;
        Long ceil = null;
        Long burst = null;
        Long cburst = null;
        Integer prio = null;
        Long quantum = null;
        Long mtu = null;
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "rate" -> rate = rate(a, w);
                case "ceil" -> ceil = rate(a, w);
                case "burst", "buffer", "maxburst" -> burst = size(a, w);
                case "cburst", "cbuffer", "cmaxburst" -> cburst = size(a, w);
                case "prio" -> prio = (int) a.number(w);
                case "quantum" -> quantum = a.number(w);
                case "mtu" -> mtu = a.number(w);
                default -> throw a.unknown(w);
            }
        }
        if (rate == null) {
            throw new Main.UsageException("htb: rate is needed");
        }
        TcOptions.HtbClass h = TcOptions.htbClass(rate, ceil != null ? ceil : rate);
        if (burst != null) {
            h.burst(burst);
        }
        if (cburst != null) {
            h.cburst(cburst);
        }
        if (prio != null) {
            h.prio(prio);
        }
        if (quantum != null) {
            h.quantum(quantum);
        }
        if (mtu != null) {
            h.mtu((int) (long) mtu);
        }
        return h;
    }

    // ------------------------------------------------------------------ filter

    private static void filter(TrafficControl tc, String verb, Args a) throws NetlinkException {
        String dev = null;
        String parent = null;
        String protocol = null;
        Integer prio = null;
        String handle = null;
        Long chain = null;
        TcOptions opts = null;
        while (a.more() && opts == null) {
            String w = a.next();
            switch (w) {
                case "dev" -> dev = a.value(w);
                case "parent" -> parent = a.value(w);
                case "root", "ingress", "egress" -> parent = w;
                case "protocol" -> protocol = a.value(w);
                case "prio", "pref", "priority" -> prio = (int) a.number(w);
                case "handle" -> handle = a.value(w);
                case "chain" -> chain = a.number(w);
                case "u32", "flower", "matchall" -> opts = classifier(tc, w, a);
                default -> throw a.unknown(w);
            }
        }
        if (dev == null) {
            throw new Main.UsageException("filter " + verb + ": dev is needed");
        }
        if (opts == null && !verb.equals("del")) {
            throw new Main.UsageException("filter " + verb + ": a kind is needed (u32, flower, matchall)");
        }
        FilterRequest r = opts == null ? FilterRequest.at(dev) : FilterRequest.of(dev, opts);
        if (parent != null) {
            r.parent(parent);
        }
        if (protocol != null) {
            r.protocol(protocol);
        }
        if (prio != null) {
            r.priority(prio);
        }
        if (handle != null) {
            r.handle(handle);
        }
        if (chain != null) {
            r.chain(chain);
        }
        switch (verb) {
            case "add" -> tc.addFilter(r);
            case "change" -> tc.changeFilter(r);
            case "replace" -> tc.replaceFilter(r);
            default -> tc.deleteFilter(r);
        }
    }

    private static TcOptions classifier(TrafficControl tc, String kind, Args a) throws NetlinkException {
        TcOptions.U32 u32 = kind.equals("u32") ? TcOptions.u32() : null;
        TcOptions.Flower flower = kind.equals("flower") ? TcOptions.flower() : null;
        TcOptions.Matchall all = kind.equals("matchall") ? TcOptions.matchall() : null;
        TcOptions.Classifier<?> c = u32 != null ? u32 : flower != null ? flower : all;
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "classid", "flowid" -> c.classid(a.value(w));
                case "action" -> c.action(action(tc, a));
                case "match" -> {
                    if (u32 == null) {
                        throw a.unknown(w);
                    }
                    u32Match(u32, a);
                }
                case "skip_hw", "skip_sw" -> {
                    if (flower == null) {
                        throw a.unknown(w);
                    }
                    if (w.equals("skip_hw")) {
                        flower.skipHw();
                    } else {
                        flower.skipSw();
                    }
                }
                case "dst_ip", "src_ip", "ip_proto", "dst_port", "src_port" -> {
                    if (flower == null) {
                        throw a.unknown(w);
                    }
                    String v = a.value(w);
                    switch (w) {
                        case "dst_ip" -> flower.dstIp(v);
                        case "src_ip" -> flower.srcIp(v);
                        case "ip_proto" -> flower.ipProto(v);
                        case "dst_port" -> flower.dstPort((int) a.parse(w, v));
                        default -> flower.srcPort((int) a.parse(w, v));
                    }
                }
                default -> throw a.unknown(w);
            }
        }
        return c;
    }

    private static void u32Match(TcOptions.U32 u, Args a) {
        String what = a.value("match");
        switch (what) {
            case "ip" -> {
                String field = a.value("match ip");
                switch (field) {
                    case "src", "dst" -> u.matchIp(field, a.value(field));
                    case "sport", "dport" -> u.matchPort(field, (int) a.number(field), (int) hex(a, field));
                    case "protocol" -> u.matchProtocol((int) a.number(field), (int) hex(a, field));
                    default -> throw a.unknown(field);
                }
            }
            case "u32" -> {
                long v = hex(a, "u32");
                long m = hex(a, "u32");
                String at = a.value("u32");
                if (!at.equals("at")) {
                    throw a.unknown(at);
                }
                u.matchU32(v, m, (int) a.number("at"));
            }
            default -> throw a.unknown(what);
        }
    }

    private static TcOptions.Action action(TrafficControl tc, Args a) throws NetlinkException {
        String w = a.value("action");
        switch (w) {
            case "gact" -> {
                return TcOptions.gact(a.value("gact"));
            }
            case "mirred" -> {
                String dir = a.value("mirred");
                String mode = a.value("mirred");
                String devWord = a.value("mirred");
                if (!dir.equals("egress") && !dir.equals("ingress") || !mode.equals("redirect")
                        && !mode.equals("mirror") || !devWord.equals("dev")) {
                    throw new Main.UsageException("action mirred: egress|ingress redirect|mirror dev DEV");
                }
                return TcOptions.mirred(dir.equals("ingress"), mode.equals("mirror"), tc.index(a.value("dev")));
            }
            default -> {
                return TcOptions.gact(w);
            }
        }
    }

    // ------------------------------------------------------------------ tc's units

    private static long hex(Args a, String what) {
        String v = a.value(what);
        try {
            return Long.parseLong(v.startsWith("0x") ? v.substring(2) : v, 16);
        } catch (NumberFormatException e) {
            throw new Main.UsageException(what + " '" + v + "' is not a hex number");
        }
    }

    /** tc's get_rate: "10mbit", "1gbit", "100kbps", ...; bytes per second. */
    static long rate(Args a, String what) {
        String v = a.value(what);
        String[][] units = {{"bit", "1"}, {"kibit", "1024"}, {"kbit", "1000"}, {"mibit", "1048576"},
            {"mbit", "1000000"}, {"gibit", "1073741824"}, {"gbit", "1000000000"}, {"tibit", "1099511627776"},
            {"tbit", "1000000000000"}, {"bps", "8"}, {"kibps", "8192"}, {"kbps", "8000"}, {"mibps", "8388608"},
            {"mbps", "8000000"}, {"gibps", "8589934592"}, {"gbps", "8000000000"}, {"tibps", "8796093022208"},
            {"tbps", "8000000000000"}};
        return (long) (unit(v, what, units, "bit") / 8);
    }

    /** tc's get_size: "15k", "32kbit", "4mb", "1600b"; bytes. */
    static long size(Args a, String what) {
        String v = a.value(what);
        String[][] units = {{"b", "1"}, {"k", "1024"}, {"kb", "1024"}, {"m", "1048576"}, {"mb", "1048576"},
            {"g", "1073741824"}, {"gb", "1073741824"}, {"kbit", "128"}, {"mbit", "131072"}, {"gbit", "134217728"}};
        return (long) unit(v, what, units, "b");
    }

    /** tc's get_time: "100ms", "5s", "10us"; microseconds. */
    static long time(Args a, String what) {
        String v = a.value(what);
        String[][] units = {{"s", "1000000"}, {"sec", "1000000"}, {"secs", "1000000"}, {"ms", "1000"},
            {"msec", "1000"}, {"msecs", "1000"}, {"us", "1"}, {"usec", "1"}, {"usecs", "1"}};
        return Math.round(unit(v, what, units, "us"));
    }

    private static double unit(String v, String what, String[][] units, String dflt) {
        int i = 0;
        while (i < v.length() && (Character.isDigit(v.charAt(i)) || v.charAt(i) == '.')) {
            i++;
        }
        String num = v.substring(0, i);
        String u = v.substring(i).toLowerCase(Locale.ROOT);
        if (u.isEmpty()) {
            u = dflt;
        }
        try {
            double n = Double.parseDouble(num);
            for (String[] x : units) {
                if (x[0].equals(u)) {
                    return n * Double.parseDouble(x[1]);
                }
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new Main.UsageException(what + " '" + v + "' is not a valid value");
    }

    private static double percent(Args a, String what) {
        String v = a.value(what);
        String num = v.endsWith("%") ? v.substring(0, v.length() - 1) : v;
        try {
            double d = Double.parseDouble(num);
            if (d >= 0 && d <= 100) {
                return d;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new Main.UsageException(what + " '" + v + "' is not a percentage");
    }
}
