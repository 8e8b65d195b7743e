package io.jnetlink.cli;

import io.jnetlink.route.Filter;
import io.jnetlink.route.Qdisc;
import io.jnetlink.route.Tc;
import io.jnetlink.route.TcClass;
import io.jnetlink.route.TcStats;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * Traffic-control objects as {@code tc} (iproute2 6.1) prints them: each object's JSON (the keys {@code tc -j}
 * prints, with {@code options} per kind and statistics with -s) and its text, made together by a {@link TcPrinter}.
 * Kinds whose options it does not know print an empty {@code options} object, as tc does for kinds it lacks.
 */
final class TcView {
    private final Map<Integer, String> names;
    private final boolean stats;

    TcView(Map<Integer, String> names, boolean stats) {
        this.names = names;
        this.stats = stats;
    }

    private String dev(int ifindex) {
        return names.getOrDefault(ifindex, "if" + ifindex);
    }

    // ------------------------------------------------------------------ qdiscs

    /** One qdisc; {@code withDev} false under a {@code dev} filter. */
    TcPrinter qdisc(Qdisc q, boolean withDev) {
        TcPrinter p = new TcPrinter();
        p.any("kind", q.kind(), "qdisc " + q.kind());
        p.any("handle", Integer.toHexString(q.handle() >>> 16) + ":", " " + Integer.toHexString(q.handle() >>> 16)
                + ":");
        p.text(" ");
        if (withDev) {
            p.any("dev", dev(q.ifindex()), "dev " + dev(q.ifindex()) + " ");
        }
        if (q.parent() == Tc.TC_H_ROOT) {
            p.any("root", true, "root ");
        } else if (q.parent() != 0) {
            p.any("parent", Tc.formatHandle(q.parent()), "parent " + Tc.formatHandle(q.parent()) + " ");
        }
        if (q.refcnt() != 1) {
            p.any("refcnt", Integer.toUnsignedLong(q.refcnt()), "refcnt " + Integer.toUnsignedString(q.refcnt()) + " ");
        }
        if (q.hwOffload()) {
            p.any("offloaded", true, "offloaded ");
        }
        if (q.ingressBlock() != null && q.ingressBlock() != 0) {
            p.any("ingress_block", q.ingressBlock(), "ingress_block " + q.ingressBlock() + " ");
        }
        if (q.egressBlock() != null && q.egressBlock() != 0) {
            p.any("egress_block", q.egressBlock(), "egress_block " + q.egressBlock() + " ");
        }
        p.object("options");
        if (q.options() != null) {
            qdiscOptions(p, q.kind(), q.options());
        } else if (q.rawOptions() != null) {
            // tc's words for a kind it does not know (it prints them inside its JSON too; jnl keeps JSON valid)
            p.text("[Unknown qdisc, optlen=" + q.rawOptions().length + "] ");
        }
        p.close();
        p.text("\n");
        if (stats && q.stats() != null) {
            stats(p, q.stats(), " ");
            p.text("\n");
            if (q.xstats() instanceof Map<?, ?> x && "fq_codel".equals(q.kind()) && n(x.get("type")) == 0) {
                fqCodelXstats(p, x);
                p.text("\n");
            }
        }
        return p;
    }

    /** fq_codel's qdisc statistics (struct tc_fq_codel_xstats, type 0). */
    private static void fqCodelXstats(TcPrinter p, Map<?, ?> x) {
        p.any("maxpacket", n(x.get("maxpacket")), "  maxpacket " + n(x.get("maxpacket")));
        p.any("drop_overlimit", n(x.get("drop-overlimit")), " drop_overlimit " + n(x.get("drop-overlimit")));
        p.any("new_flow_count", n(x.get("new-flow-count")), " new_flow_count " + n(x.get("new-flow-count")));
        p.any("ecn_mark", n(x.get("ecn-mark")), " ecn_mark " + n(x.get("ecn-mark")));
        if (n(x.get("ce-mark")) != 0) {
            p.any("ce_mark", n(x.get("ce-mark")), " ce_mark " + n(x.get("ce-mark")));
        }
        if (n(x.get("memory-usage")) != 0) {
            p.any("memory_used", n(x.get("memory-usage")), " memory_used " + n(x.get("memory-usage")));
        }
        if (n(x.get("drop-overmemory")) != 0) {
            p.any("drop_overmemory", n(x.get("drop-overmemory")), " drop_overmemory " + n(x.get("drop-overmemory")));
        }
        p.any("new_flows_len", n(x.get("new-flows-len")), "\n  new_flows_len " + n(x.get("new-flows-len")));
        p.any("old_flows_len", n(x.get("old-flows-len")), " old_flows_len " + n(x.get("old-flows-len")));
    }

    private static void qdiscOptions(TcPrinter p, String kind, Map<String, Object> o) {
        switch (kind) {
            case "htb" -> {
                if (o.get("init") instanceof Map<?, ?> init) {
                    p.any("r2q", n(init.get("rate2quantum")), "r2q " + n(init.get("rate2quantum")));
                    String def = "0x" + Long.toHexString(n(init.get("defcls")));
                    p.any("default", def, " default " + def);
                    p.any("direct_packets_stat", n(init.get("direct-pkts")), " direct_packets_stat "
                            + n(init.get("direct-pkts")));
                }
                if (o.get("direct-qlen") != null) {
                    p.any("direct_qlen", n(o.get("direct-qlen")), " direct_qlen " + n(o.get("direct-qlen")));
                }
            }
            case "tbf" -> {
                if (!(o.get("parms") instanceof Map<?, ?> parms)) {
                    return;
                }
                long rate = o.get("rate64") != null ? n(o.get("rate64")) : n(parms.get("rate-rate"));
                long buffer = io.jnetlink.route.TcOptions.Psched.xmitsize(rate, n(parms.get("buffer")));
                p.any("rate", rate, "rate " + TcPrinter.rate(rate) + " ");
                p.any("burst", buffer, "burst " + TcPrinter.size(buffer) + " ");
                double latency = 1e6 * (n(parms.get("limit")) / (double) rate)
                        - (long) (n(parms.get("buffer")) / io.jnetlink.route.TcOptions.Psched.TICK_IN_USEC);
                if (latency >= 0) {
                    p.any("lat", (long) latency, "lat " + TcPrinter.time((long) latency) + " ");
                } else {
                    p.any("limit", n(parms.get("limit")), "limit " + TcPrinter.size(n(parms.get("limit"))) + " ");
                }
            }
            case "pfifo", "bfifo", "pfifo_head_drop" -> {
                long limit = n(o.get("limit"));
                p.any("limit", limit, "limit " + (kind.equals("bfifo") ? TcPrinter.size(limit) : limit + "p"));
            }
            case "prio", "pfifo_fast" -> {
                p.any("bands", n(o.get("bands")), "bands " + n(o.get("bands")) + " ");
                p.text("priomap");
                p.array("priomap");
                Object pm = o.get("priomap");
                byte[] map = pm instanceof byte[] b ? b : new byte[16];
                for (byte x : map) {
                    p.any(null, (long) (x & 0xff), " " + (x & 0xff));
                }
                p.close();
                p.json("multiqueue", false);
            }
            case "ingress" -> p.text("---------------- ");
            case "fq_codel", "codel" -> fqCodel(p, o);
            case "netem" -> netem(p, o);
            case "sfq" -> {
                p.any("limit", n(o.get("v0-limit")), "limit " + n(o.get("v0-limit")) + "p ");
                p.any("quantum", n(o.get("v0-quantum")), "quantum " + TcPrinter.size(n(o.get("v0-quantum"))) + " ");
                p.any("depth", n(o.get("depth")), "depth " + n(o.get("depth")) + " ");
                if (n(o.get("headdrop")) != 0) {
                    p.any("headdrop", true, "headdrop ");
                }
                p.any("divisor", n(o.get("v0-divisor")), "divisor " + n(o.get("v0-divisor")) + " ");
                if (n(o.get("v0-perturb-period")) != 0) {
                    p.any("perturb", n(o.get("v0-perturb-period")), "perturb " + n(o.get("v0-perturb-period"))
                            + "sec ");
                }
            }
            case "fq" -> fq(p, o);
            default -> {
            }
        }
    }

    private static void fq(TcPrinter p, Map<String, Object> o) {
        if (o.get("plimit") != null) {
            p.any("limit", n(o.get("plimit")), "limit " + n(o.get("plimit")) + "p ");
        }
        if (o.get("flow-plimit") != null) {
            p.any("flow_limit", n(o.get("flow-plimit")), "flow_limit " + n(o.get("flow-plimit")) + "p ");
        }
        if (o.get("buckets-log") != null) {
            long b = 1L << n(o.get("buckets-log"));
            p.any("buckets", b, "buckets " + b + " ");
        }
        if (o.get("orphan-mask") != null) {
            p.any("orphan_mask", n(o.get("orphan-mask")), "orphan_mask " + n(o.get("orphan-mask")) + " ");
        }
        if (o.get("rate-enable") != null && n(o.get("rate-enable")) == 0) {
            p.any("pacing", false, "nopacing ");
        }
        if (o.get("quantum") != null) {
            p.any("quantum", n(o.get("quantum")), "quantum " + TcPrinter.size(n(o.get("quantum"))) + " ");
        }
        if (o.get("initial-quantum") != null) {
            p.any("initial_quantum", n(o.get("initial-quantum")), "initial_quantum "
                    + TcPrinter.size(n(o.get("initial-quantum"))) + " ");
        }
        if (o.get("flow-max-rate") != null && n(o.get("flow-max-rate")) != 0xffffffffL) {
            p.any("maxrate", n(o.get("flow-max-rate")), "maxrate " + TcPrinter.rate(n(o.get("flow-max-rate"))) + " ");
        }
        if (o.get("flow-default-rate") != null && n(o.get("flow-default-rate")) != 0) {
            p.any("defrate", n(o.get("flow-default-rate")), "defrate " + TcPrinter.rate(n(o.get("flow-default-rate")))
                    + " ");
        }
        if (o.get("low-rate-threshold") != null) {
            p.any("low_rate_threshold", n(o.get("low-rate-threshold")), "low_rate_threshold "
                    + TcPrinter.rate(n(o.get("low-rate-threshold"))) + " ");
        }
        if (o.get("flow-refill-delay") != null) {
            p.any("refill_delay", n(o.get("flow-refill-delay")), "refill_delay "
                    + TcPrinter.time(n(o.get("flow-refill-delay"))) + " ");
        }
        if (o.get("ce-threshold") != null && n(o.get("ce-threshold")) != 0xffffffffL) {
            p.any("ce_threshold", n(o.get("ce-threshold")), "ce_threshold " + TcPrinter.time(n(o.get("ce-threshold")))
                    + " ");
        }
        if (o.get("timer-slack") != null) {
            p.any("timer_slack", n(o.get("timer-slack")), "timer_slack " + TcPrinter.time64(n(o.get("timer-slack")))
                    + " ");
        }
        if (o.get("horizon") != null) {
            p.any("horizon", n(o.get("horizon")), "horizon " + TcPrinter.time(n(o.get("horizon"))) + " ");
        }
        if (o.get("horizon-drop") != null) {
            String w = n(o.get("horizon-drop")) != 0 ? "horizon_drop" : "horizon_cap";
            p.any(w, null, w + " ");
        }
    }

    private static void fqCodel(TcPrinter p, Map<String, Object> o) {
        if (o.get("limit") != null) {
            p.any("limit", n(o.get("limit")), "limit " + n(o.get("limit")) + "p ");
        }
        if (o.get("flows") != null) {
            p.any("flows", n(o.get("flows")), "flows " + n(o.get("flows")) + " ");
        }
        if (o.get("quantum") != null) {
            p.any("quantum", n(o.get("quantum")), "quantum " + n(o.get("quantum")) + " ");
        }
        if (o.get("target") != null) {
            p.any("target", n(o.get("target")), "target " + TcPrinter.time(n(o.get("target"))) + " ");
        }
        if (o.get("ce-threshold") != null) {
            p.any("ce_threshold", n(o.get("ce-threshold")), "ce_threshold "
                    + TcPrinter.time(n(o.get("ce-threshold"))) + " ");
        }
        if (o.get("interval") != null) {
            p.any("interval", n(o.get("interval")), "interval " + TcPrinter.time(n(o.get("interval"))) + " ");
        }
        if (o.get("memory-limit") != null) {
            p.any("memory_limit", n(o.get("memory-limit")), "memory_limit "
                    + TcPrinter.size(n(o.get("memory-limit"))) + " ");
        }
        if (o.get("ecn") != null && n(o.get("ecn")) != 0) {
            p.any("ecn", true, "ecn ");
        }
        if (o.get("drop-batch-size") != null) {
            p.any("drop_batch", n(o.get("drop-batch-size")), "drop_batch " + n(o.get("drop-batch-size")) + " ");
        }
    }

    private static void netem(TcPrinter p, Map<String, Object> o) {
        p.any("limit", n(o.get("limit")), "limit " + n(o.get("limit")));
        double tick = io.jnetlink.route.TcOptions.Psched.TICK_IN_USEC;
        // latency64/jitter64 (ns) where the kernel sent them, else the qopt's ticks
        double latency = o.get("latency64") != null ? n(o.get("latency64")) / 1000.0 : (long) (n(o.get("latency")) / tick);
        double jitter = o.get("jitter64") != null ? n(o.get("jitter64")) / 1000.0 : (long) (n(o.get("jitter")) / tick);
        Map<?, ?> corr = o.get("corr") instanceof Map<?, ?> c ? c : Map.of();
        if (latency != 0) {
            p.object("delay");
            p.any("delay", latency / 1e6, " delay " + TcPrinter.time((long) latency));
            p.json("jitter", jitter / 1e6);
            if (jitter != 0) {
                p.text("  " + TcPrinter.time((long) jitter));
            }
            p.json("correlation", fraction(corr.get("delay-corr")));
            if (jitter != 0 && n(corr.get("delay-corr")) != 0) {
                p.text(" " + percentText(corr.get("delay-corr")));
            }
            p.close();
        }
        impairment(p, "loss-random", "loss", o.get("loss"), corr.get("loss-corr"));
        impairment(p, "duplicate", "duplicate", o.get("duplicate"), corr.get("dup-corr"));
        if (o.get("reorder") instanceof Map<?, ?> r) {
            impairment(p, "reorder", "reorder", r.get("probability"), r.get("correlation"));
        }
        if (o.get("corrupt") instanceof Map<?, ?> c) {
            impairment(p, "corrupt", "corrupt", c.get("probability"), c.get("correlation"));
        }
        if (o.get("rate") instanceof Map<?, ?> r) {
            long rate = o.get("rate64") != null ? n(o.get("rate64")) : n(r.get("rate"));
            if (rate != 0) {
                p.object("rate");
                p.any("rate", rate, " rate " + TcPrinter.rate(rate));
                for (String[] f : new String[][] {{"packet-overhead", "packetoverhead"}, {"cell-size", "cellsize"},
                    {"cell-overhead", "celloverhead"}}) {
                    long v = n(r.get(f[0]));
                    p.any(f[1], v, v != 0 ? " " + f[1] + " " + v : "");
                }
                p.close();
            }
        }
        boolean ecn = o.get("ecn") != null && n(o.get("ecn")) != 0;
        p.any("ecn", ecn, ecn ? " ecn " : "");
        long gap = n(o.get("gap"));
        p.any("gap", gap, gap != 0 ? " gap " + gap : "");
    }

    /** One of netem's probabilities: JSON {name: fraction, correlation: fraction}, text " word P% [C%]". */
    private static void impairment(TcPrinter p, String key, String word, Object value, Object correlation) {
        if (n(value) == 0) {
            return;
        }
        p.object(key);
        p.any(word, fraction(value), " " + word + " " + percentText(value));
        p.any("correlation", fraction(correlation), n(correlation) != 0 ? " " + percentText(correlation) : "");
        p.close();
    }

    /** A u32 fraction of UINT32_MAX (netem's probabilities) as a fraction, tc's JSON. */
    private static double fraction(Object v) {
        return n(v) / (double) 0xffffffffL;
    }

    /** The same as tc's text: the percentage with %g and "%". */
    private static String percentText(Object v) {
        return TcPrinter.g(fraction(v) * 100, 6) + "%";
    }

    // ------------------------------------------------------------------ classes

    /** One class (tc 6.1 prints classes as text even with -j; the JSON takes its words as keys). */
    TcPrinter tclass(TcClass c, boolean withDev) {
        TcPrinter p = new TcPrinter();
        p.any("class", c.kind(), "class " + c.kind() + " ");
        p.any("handle", Tc.formatHandle(c.handle()), Tc.formatHandle(c.handle()) + " ");
        if (withDev) {
            p.any("dev", dev(c.ifindex()), "dev " + dev(c.ifindex()) + " ");
        }
        if (c.parent() == Tc.TC_H_ROOT) {
            p.any("root", true, "root ");
        } else if (c.parent() != 0) {
            p.any("parent", Tc.formatHandle(c.parent()), "parent " + Tc.formatHandle(c.parent()) + " ");
        }
        if (c.leaf() != 0) {
            String leaf = Integer.toHexString(c.leaf() >>> 16) + ":";
            p.any("leaf", leaf, "leaf " + leaf + " ");
        }
        if (c.options() != null && "htb".equals(c.kind()) && c.options().get("parms") instanceof Map<?, ?> h) {
            if (n(h.get("level")) == 0) {
                p.any("prio", n(h.get("prio")), "prio " + n(h.get("prio")) + " ");
            }
            long rate = c.options().get("rate64") != null ? n(c.options().get("rate64")) : n(h.get("rate-rate"));
            long ceil = c.options().get("ceil64") != null ? n(c.options().get("ceil64")) : n(h.get("ceil-rate"));
            p.any("rate", rate, "rate " + TcPrinter.rate(rate) + " ");
            p.any("ceil", ceil, "ceil " + TcPrinter.rate(ceil) + " ");
            long burst = io.jnetlink.route.TcOptions.Psched.xmitsize(rate, n(h.get("buffer")));
            long cburst = io.jnetlink.route.TcOptions.Psched.xmitsize(ceil, n(h.get("cbuffer")));
            p.any("burst", burst, "burst " + TcPrinter.size(burst) + " ");
            p.any("cburst", cburst, "cburst " + TcPrinter.size(cburst) + " ");
        }
        p.text("\n");
        if (stats && c.stats() != null) {
            stats(p, c.stats(), " ");
            p.text("\n");
            if (c.xstats() instanceof Map<?, ?> x && "htb".equals(c.kind())) {
                p.any("lended", n(x.get("lends")), " lended: " + n(x.get("lends")));
                p.any("borrowed", n(x.get("borrows")), " borrowed: " + n(x.get("borrows")));
                p.any("giants", n(x.get("giants")), " giants: " + n(x.get("giants")) + "\n");
                p.any("tokens", n(x.get("tokens")), " tokens: " + n(x.get("tokens")));
                p.any("ctokens", n(x.get("ctokens")), " ctokens: " + n(x.get("ctokens")) + "\n");
            }
            p.text("\n");
        }
        return p;
    }

    // ------------------------------------------------------------------ filters

    /**
     * One filter; {@code withDev} false under a {@code dev} filter, {@code shownParent} the parent asked for
     * (not printed again; 0 when none was).
     */
    TcPrinter filter(Filter f, boolean withDev, int shownParent) {
        TcPrinter p = new TcPrinter();
        p.text("filter ");
        if (withDev) {
            p.any("dev", dev(f.ifindex()), "dev " + dev(f.ifindex()) + " ");
        }
        if (shownParent == 0 || shownParent != f.parent()) {
            if (f.parent() == Tc.TC_H_ROOT) {
                p.any("root", true, "root ");
            } else if (f.parent() == (0xFFFF0000 | Tc.TC_H_MIN_INGRESS)) {
                p.any("ingress", true, "ingress ");
            } else if (f.parent() == (0xFFFF0000 | Tc.TC_H_MIN_EGRESS)) {
                p.any("egress", true, "egress ");
            } else {
                p.any("parent", Tc.formatHandle(f.parent()), "parent " + Tc.formatHandle(f.parent()) + " ");
            }
        }
        if (f.protocol() != 0 || f.priority() != 0) {
            if (f.protocol() != 0) {
                String proto = protocolName(f.protocol());
                p.any("protocol", proto, "protocol " + proto + " ");
            }
            p.any("pref", (long) f.priority(), "pref " + f.priority() + " ");
        }
        p.any("kind", f.kind(), f.kind() + " ");
        if (f.chain() != null) {
            p.any("chain", f.chain(), "chain " + f.chain() + " ");
        }
        if (f.options() != null || f.rawOptions() != null) {
            p.object("options");
            if (f.options() != null) {
                switch (f.kind()) {
                    case "u32" -> u32(p, f);
                    case "matchall", "flower" -> classifier(p, f);
                    case "basic" -> basic(p, f);
                    default -> {
                    }
                }
            }
            p.close();
        }
        p.text("\n");
        return p;
    }

    private static String protocolName(int proto) {
        return switch (proto) {
            case 0x0003 -> "all";
            case 0x0800 -> "ip";
            case 0x86dd -> "ipv6";
            case 0x0806 -> "arp";
            case 0x8100 -> "802.1Q";
            case 0x88a8 -> "802.1ad";
            default -> String.format("[%04x]", proto);
        };
    }

    private void u32(TcPrinter p, Filter f) {
        Map<String, Object> o = f.options();
        int h = f.handle();
        if (h != 0) {
            String fh = u32Handle(h);
            p.any("fh", fh, "fh " + fh + " ");
        }
        if ((h & 0xfff) != 0) {
            p.any("order", (long) (h & 0xfff), "order " + (h & 0xfff) + " ");
        }
        Map<String, Object> sel = o.get("sel") instanceof byte[] b ? io.jnetlink.route.TcOptions.u32Selector(b)
                : null;
        boolean terminal = sel != null && (n(sel.get("flags")) & 1) != 0;
        if (o.get("divisor") != null) {
            p.any("ht_divisor", n(o.get("divisor")), "ht divisor " + n(o.get("divisor")) + " ");
        } else if (o.get("hash") != null) {
            long htid = n(o.get("hash"));
            p.any("key_ht", Long.toHexString((htid >> 20) & 0xfff), "key ht " + Long.toHexString((htid >> 20) & 0xfff)
                    + " ");
            p.any("bkt", Long.toHexString((htid >> 12) & 0xff), "bkt " + Long.toHexString((htid >> 12) & 0xff) + " ");
        }
        if (o.get("classid") != null) {
            if (terminal) {
                p.text("*");
            }
            String c = Tc.formatHandle((int) n(o.get("classid")));
            p.any("flowid", c, "flowid " + c + " ");
        } else if (terminal) {
            p.text("terminal flowid ");
        }
        if (o.get("link") != null) {
            String l = u32Handle((int) n(o.get("link")));
            p.any("link", l, "link " + l + " ");
        }
        flags(p, o.get("flags"));
        if (sel != null) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> keys = (List<Map<String, Object>>) sel.get("keys");
            for (Map<String, Object> k : keys) {
                long val = n(k.get("val"));
                long mask = n(k.get("mask"));
                p.object("match");
                p.json("value", Long.toHexString(val));
                p.json("mask", Long.toHexString(mask));
                p.json("offmask", "");
                p.json("off", n(k.get("off")));
                p.close();
                p.text(String.format("\n  match %08x/%08x at %d", val, mask, n(k.get("off"))));
            }
        }
        if (o.get("act") instanceof List<?> acts) {
            actions(p, acts);
        }
    }

    private static void flags(TcPrinter p, Object flags) {
        if (flags == null) {
            return;
        }
        long fl = flags instanceof List<?> names ? flagBits(names) : n(flags);
        if ((fl & 1) != 0) {
            p.any("skip_hw", true, "skip_hw ");
        }
        if ((fl & 2) != 0) {
            p.any("skip_sw", true, "skip_sw ");
        }
        if ((fl & 4) != 0) {
            p.any("in_hw", true, "in_hw ");
        } else if ((fl & 8) != 0) {
            p.any("not_in_hw", true, "not_in_hw ");
        }
    }

    private static long flagBits(List<?> names) {
        long v = 0;
        for (Object x : names) {
            v |= switch (String.valueOf(x)) {
                case "skip-hw" -> 1;
                case "skip-sw" -> 2;
                case "in-hw" -> 4;
                case "not-in-nw" -> 8;
                case "verbose" -> 16;
                default -> x instanceof Number num ? num.longValue() : 0;
            };
        }
        return v;
    }

    /** basic: the handle (hex, a string in JSON), the class, actions. */
    private void basic(TcPrinter p, Filter f) {
        Map<String, Object> o = f.options();
        if (f.handle() != 0) {
            p.any("handle", Integer.toHexString(f.handle()), "handle 0x" + Integer.toHexString(f.handle()) + " ");
        }
        if (o.get("classid") != null) {
            String c = Tc.formatHandle((int) n(o.get("classid")));
            p.any("flowid", c, "flowid " + c + " ");
        }
        if (o.get("act") instanceof List<?> acts) {
            actions(p, acts);
        }
    }

    /** matchall and flower: the handle, the class, flower's keys, flags, actions. */
    private void classifier(TcPrinter p, Filter f) {
        Map<String, Object> o = f.options();
        boolean flower = "flower".equals(f.kind());
        if (f.handle() != 0) {
            p.any("handle", Integer.toUnsignedLong(f.handle()), "handle 0x" + Integer.toHexString(f.handle()) + " ");
        }
        if (o.get("classid") != null) {
            String c = Tc.formatHandle((int) n(o.get("classid")));
            String key = flower ? "classid" : "flowid";
            p.any(key, c, key + " " + c + " ");
        }
        if (flower) {
            p.object("keys");
            flowerKeys(p, o);
            p.close();
        }
        long fl = o.get("flags") instanceof List<?> names ? flagBits(names) : n(o.get("flags"));
        for (Object[] flag : new Object[][] {{1L, "skip_hw"}, {2L, "skip_sw"}}) {
            if ((fl & (Long) flag[0]) != 0) {
                p.text("\n  ").any((String) flag[1], true, (String) flag[1]);
            }
        }
        if ((fl & 4) != 0) {
            p.text("\n  ").any("in_hw", true, "in_hw");
        } else if ((fl & 8) != 0) {
            p.text("\n  ").any("not_in_hw", true, "not_in_hw");
        }
        if (o.get("act") instanceof List<?> acts) {
            actions(p, acts);
        }
    }

    /** flower's keys in tc's order, each on a line of its own. */
    private static void flowerKeys(TcPrinter p, Map<String, Object> o) {
        if (o.get("key-eth-type") != null) {
            int t = (int) n(o.get("key-eth-type"));
            String name = switch (t) {
                case 0x0800 -> "ipv4";
                case 0x86dd -> "ipv6";
                case 0x0806 -> "arp";
                case 0x8035 -> "rarp";
                default -> String.format("%04x", t);
            };
            p.text("\n  ").any("eth_type", name, "eth_type " + name);
        }
        if (o.get("key-ip-proto") != null) {
            long proto = n(o.get("key-ip-proto"));
            String name = proto == 6 ? "tcp" : proto == 17 ? "udp" : proto == 132 ? "sctp" : proto == 1 ? "icmp"
                    : proto == 58 ? "icmpv6" : String.format("%02x", proto);
            p.text("\n  ").any("ip_proto", name, "ip_proto " + name);
        }
        for (String which : new String[] {"dst", "src"}) {
            for (String fam : new String[] {"ipv4", "ipv6"}) {
                if (o.get("key-" + fam + "-" + which) instanceof InetAddress addr) {
                    Object m = o.get("key-" + fam + "-" + which + "-mask");
                    int full = fam.equals("ipv4") ? 32 : 128;
                    int len = m instanceof InetAddress mask ? prefixLen(mask.getAddress()) : full;
                    String s = io.jnetlink.route.Inet.format(addr) + (len != full ? "/" + len : "");
                    p.text("\n  ").any(which + "_ip", s, which + "_ip " + s);
                }
            }
        }
        for (String which : new String[] {"dst", "src"}) {
            for (String l4 : new String[] {"tcp", "udp", "sctp"}) {
                Object port = o.get("key-" + l4 + "-" + which);
                if (port != null) {
                    p.text("\n  ").any(which + "_port", n(port), which + "_port " + n(port));
                }
            }
        }
    }

    private static int prefixLen(byte[] mask) {
        int n = 0;
        for (byte b : mask) {
            n += Integer.bitCount(b & 0xff);
        }
        return n;
    }

    private void actions(TcPrinter p, List<?> acts) {
        p.array("actions");
        int order = 1;
        for (Object a : acts) {
            if (!(a instanceof Map<?, ?> act)) {
                continue;
            }
            p.object(null);
            p.text("\n");
            p.any("order", (long) order, "\taction order " + order + ": ");
            order++;
            String kind = String.valueOf(act.get("kind"));
            Map<?, ?> opts = act.get("options") instanceof Map<?, ?> m ? m : Map.of();
            Map<?, ?> parms = opts.get("parms") instanceof Map<?, ?> m ? m : Map.of();
            switch (kind) {
                case "mirred" -> {
                    long ea = n(parms.get("eaction"));
                    p.any("kind", "mirred", "mirred ");
                    String[] words = switch ((int) ea) {
                        case 1 -> new String[] {"Egress Redirect", "redirect", "egress"};
                        case 2 -> new String[] {"Egress Mirror", "mirror", "egress"};
                        case 3 -> new String[] {"Ingress Redirect", "redirect", "ingress"};
                        default -> new String[] {"Ingress Mirror", "mirror", "ingress"};
                    };
                    p.text("(" + words[0]);
                    p.json("mirred_action", words[1]);
                    p.json("direction", words[2]);
                    String dev = dev((int) n(parms.get("ifindex")));
                    p.any("to_dev", dev, " to device " + dev + ")");
                    control(p, " ", n(parms.get("action")));
                    p.text("\n");
                    p.any("index", n(parms.get("index")), "\tindex " + n(parms.get("index")));
                }
                case "gact" -> {
                    p.any("kind", "gact", "gact ");
                    control(p, "action ", n(parms.get("action")));
                    Map<?, ?> prob = opts.get("prob") instanceof Map<?, ?> m ? m : Map.of();
                    p.text("\n");
                    p.object("prob");
                    long ptype = n(prob.get("ptype"));
                    String type = ptype == 1 ? "netrand" : ptype == 2 ? "determ" : "none";
                    p.any("random_type", type, "\t random type " + type);
                    control(p, " ", n(prob.get("paction")));
                    p.text(" ");
                    p.any("val", n(prob.get("pval")), "val " + n(prob.get("pval")));
                    p.close();
                    p.text("\n");
                    p.any("index", n(parms.get("index")), "\t index " + n(parms.get("index")));
                }
                default -> p.any("kind", kind, kind + " ");
            }
            p.any("ref", n(parms.get("refcnt")), " ref " + n(parms.get("refcnt")));
            p.any("bind", n(parms.get("bindcnt")), " bind " + n(parms.get("bindcnt")));
            if (stats && opts.get("tm") instanceof Map<?, ?> tm) {
                p.any("installed", n(tm.get("install")) / 100, " installed " + n(tm.get("install")) / 100 + " sec");
                p.any("last_used", n(tm.get("lastuse")) / 100, " used " + n(tm.get("lastuse")) / 100 + " sec");
                if (n(tm.get("firstuse")) != 0) {
                    p.any("first_used", n(tm.get("firstuse")) / 100, " firstused " + n(tm.get("firstuse")) / 100
                            + " sec");
                }
            }
            p.text("\n");
            if (stats && act.get("stats") instanceof Map<?, ?> st) {
                p.text("\tAction statistics:\n");
                p.object("stats");
                actionStats(p, st);
                p.close();
                p.text("\n");
            }
            p.close();
        }
        p.close();
    }

    private static void actionStats(TcPrinter p, Map<?, ?> st) {
        Map<?, ?> basic = st.get("basic") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> queue = st.get("queue") instanceof Map<?, ?> m ? m : null;
        p.any("bytes", n(basic.get("bytes")), "\tSent " + n(basic.get("bytes")) + " bytes");
        p.any("packets", n(basic.get("packets")), " " + n(basic.get("packets")) + " pkt");
        if (queue != null) {
            p.any("drops", n(queue.get("drops")), " (dropped " + n(queue.get("drops")));
            p.any("overlimits", n(queue.get("overlimits")), ", overlimits " + n(queue.get("overlimits")));
            p.any("requeues", n(queue.get("requeues")), " requeues " + n(queue.get("requeues")) + ") ");
            p.text("\n");
            p.json("backlog", n(queue.get("backlog")));
            p.text("\tbacklog " + TcPrinter.size(n(queue.get("backlog"))));
            p.any("qlen", n(queue.get("qlen")), " " + n(queue.get("qlen")) + "p");
            p.text(" requeues " + n(queue.get("requeues")));
        }
    }

    private static void control(TcPrinter p, String prefix, long action) {
        String name = switch ((int) action) {
            case -1 -> "continue";
            case 0 -> "pass";
            case 1 -> "reclassify";
            case 2 -> "drop";
            case 3 -> "pipe";
            case 4 -> "stolen";
            case 5 -> "queued";
            case 6 -> "repeat";
            case 7 -> "redirect";
            case 8 -> "trap";
            default -> "unknown";
        };
        p.text(prefix);
        p.object("control_action");
        p.any("type", name, name);
        p.close();
    }

    private static String u32Handle(int h) {
        if (h == 0) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        int htid = h >>> 20;
        int hash = (h >> 12) & 0xff;
        int node = h & 0xfff;
        if (htid != 0) {
            sb.append(Integer.toHexString(htid)).append(':');
        }
        if ((node | hash) != 0) {
            if (hash != 0) {
                sb.append(Integer.toHexString(hash));
            }
            if (node != 0) {
                sb.append(':').append(Integer.toHexString(node));
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ statistics

    private static void stats(TcPrinter p, TcStats s, String prefix) {
        p.text(prefix);
        p.any("bytes", s.bytes(), "Sent " + s.bytes() + " bytes");
        p.any("packets", s.packets(), " " + s.packets() + " pkt");
        if (s.hasQueue()) {
            p.any("drops", s.drops(), " (dropped " + s.drops());
            p.any("overlimits", s.overlimits(), ", overlimits " + s.overlimits());
            p.any("requeues", s.requeues(), " requeues " + s.requeues() + ") ");
        }
        if (s.rateBps() != null) {
            p.text("\n" + prefix);
            p.any("rate", s.rateBps(), "rate " + TcPrinter.rate(s.rateBps()));
            p.any("pps", s.ratePps(), " " + s.ratePps() + "pps");
        }
        if (s.hasQueue()) {
            if (s.rateBps() == null) {
                p.text("\n");
            }
            p.json("backlog", s.backlog());
            p.text(prefix + "backlog " + TcPrinter.size(s.backlog()));
            p.any("qlen", s.qlen(), " " + s.qlen() + "p");
            p.text(" requeues " + s.requeues());
        }
    }

    /** A decoded integer as a long (BigInteger for u64 above Long.MAX_VALUE is clipped). */
    static long n(Object v) {
        return switch (v) {
            case null -> 0;
            case BigInteger b -> b.longValue();
            case Number x -> x.longValue();
            default -> 0;
        };
    }
}
