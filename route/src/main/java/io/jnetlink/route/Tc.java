package io.jnetlink.route;

import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.Display;
import io.jnetlink.schema.EnumDef;
import io.jnetlink.schema.Schema;
import io.jnetlink.schema.StructDef;
import io.jnetlink.schema.StructDef.Member;
import io.jnetlink.schema.SubMessageDef;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jnetlink.schema.AttrType.BINARY;
import static io.jnetlink.schema.AttrType.BITFIELD32;
import static io.jnetlink.schema.AttrType.FLAG;
import static io.jnetlink.schema.AttrType.INDEXED_ARRAY;
import static io.jnetlink.schema.AttrType.NEST;
import static io.jnetlink.schema.AttrType.PAD;
import static io.jnetlink.schema.AttrType.S16;
import static io.jnetlink.schema.AttrType.S32;
import static io.jnetlink.schema.AttrType.S64;
import static io.jnetlink.schema.AttrType.S8;
import static io.jnetlink.schema.AttrType.STRING;
import static io.jnetlink.schema.AttrType.SUB_MESSAGE;
import static io.jnetlink.schema.AttrType.U16;
import static io.jnetlink.schema.AttrType.U32;
import static io.jnetlink.schema.AttrType.U64;
import static io.jnetlink.schema.AttrType.U8;

/**
 * The traffic-control definitions of rtnetlink: struct tcmsg, the TCA_* attributes, and each qdisc, class, filter
 * and action kind's TCA_OPTIONS as a sub-message chosen by TCA_KIND (and TCA_XSTATS likewise), as data in the
 * core's definition model. Names and layouts are those of the kernel's YNL spec {@code tc.yaml} (Linux 6.12),
 * transcribed by hand, with these corrections checked against the uapi headers (pkt_sched.h, pkt_cls.h):
 * {@code tc-ratespec} has u16 overhead, s16 cell-align and u16 mpu (the spec says u8); {@code tc-u32-sel} has a
 * pad byte after nkeys; {@code tc-stats} and {@code gnet-stats-basic} end with 4 bytes of padding;
 * {@code tc-pedit-sel} with 2. A struct member that embeds another struct (tc-htb-opt's rate) is flattened
 * into prefixed members ({@code rate-rate}, {@code rate-cell-log}, ...). Values with trailing arrays (the u32
 * selector with its keys, the u32 hit counters) stay binary: {@link TcOptions} reads them. Added beyond the spec:
 * the mirred action's parms ({@code tc-mirred}) and htb's class xstats ({@code tc-htb-xstats}). A kind without a
 * format here keeps its options as raw bytes, which re-encode byte for byte.
 */
public final class Tc {
    /** RTM_NEWQDISC. */
    public static final int RTM_NEWQDISC = 36;
    /** RTM_DELQDISC. */
    public static final int RTM_DELQDISC = 37;
    /** RTM_GETQDISC. */
    public static final int RTM_GETQDISC = 38;
    /** RTM_NEWTCLASS. */
    public static final int RTM_NEWTCLASS = 40;
    /** RTM_DELTCLASS. */
    public static final int RTM_DELTCLASS = 41;
    /** RTM_GETTCLASS. */
    public static final int RTM_GETTCLASS = 42;
    /** RTM_NEWTFILTER. */
    public static final int RTM_NEWTFILTER = 44;
    /** RTM_DELTFILTER. */
    public static final int RTM_DELTFILTER = 45;
    /** RTM_GETTFILTER. */
    public static final int RTM_GETTFILTER = 46;
    /** Multicast group RTNLGRP_TC: qdisc, class and filter changes. */
    public static final int GROUP_TC = 4;

    /** TC_H_ROOT: the parent of a root qdisc. */
    public static final int TC_H_ROOT = 0xFFFFFFFF;
    /** TC_H_INGRESS (= TC_H_CLSACT): the parent of the ingress and clsact qdiscs. */
    public static final int TC_H_INGRESS = 0xFFFFFFF1;
    /** TC_H_UNSPEC. */
    public static final int TC_H_UNSPEC = 0;
    /** The minor of clsact's ingress hook (parent ffff:fff2). */
    public static final int TC_H_MIN_INGRESS = 0xFFF2;
    /** The minor of clsact's egress hook (parent ffff:fff3). */
    public static final int TC_H_MIN_EGRESS = 0xFFF3;

    /** Every traffic-control definition, linked. */
    public static final Schema SCHEMA = build();

    private Tc() {
    }

    /**
     * A class id or parent in tc's notation: "root", "none", "ingress" (ffff:fff1), "clsact" (the same),
     * "MAJ:MIN" in hex ("1:10", "ffff:fff2"), "MAJ:" ("1:" is 1:0) or ":MIN".
     *
     * @param text the handle
     * @param what what it names, for the error ("parent", "classid", ...)
     * @return the 32-bit handle
     * @throws IllegalArgumentException when {@code text} is not a handle
     */
    public static int parseHandle(String text, String what) {
        if (text == null) {
            throw new IllegalArgumentException(what + ": a handle is needed");
        }
        switch (text) {
            case "root":
                return TC_H_ROOT;
            case "none":
                return TC_H_UNSPEC;
            case "ingress", "clsact":
                return TC_H_INGRESS;
            default:
                break;
        }
        int colon = text.indexOf(':');
        try {
            if (colon < 0) {
                return (int) hex16(text, 0xffffffffL);
            }
            long maj = colon == 0 ? 0 : hex16(text.substring(0, colon), 0xffff);
            long min = colon == text.length() - 1 ? 0 : hex16(text.substring(colon + 1), 0xffff);
            return (int) (maj << 16 | min);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a handle (root, MAJ:, MAJ:MIN in hex)");
        }
    }

    private static long hex16(String s, long max) {
        if (s.isEmpty() || s.startsWith("+") || s.startsWith("-")) {
            throw new NumberFormatException(s);
        }
        long v = Long.parseLong(s.startsWith("0x") ? s.substring(2) : s, 16);
        if (v > max) {
            throw new NumberFormatException(s);
        }
        return v;
    }

    /**
     * A qdisc handle in tc's notation: "MAJ:" or "MAJ" in hex (the minor is always 0), or "none".
     *
     * @param text the handle
     * @return the 32-bit handle (MAJ in the upper 16 bits)
     * @throws IllegalArgumentException when {@code text} is not a qdisc handle
     */
    public static int parseQdiscHandle(String text) {
        if ("none".equals(text)) {
            return 0;
        }
        String maj = text != null && text.endsWith(":") ? text.substring(0, text.length() - 1) : text;
        try {
            return (int) (hex16(maj == null ? "" : maj, 0xffff) << 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("handle '" + text + "' is not a qdisc handle (MAJ: in hex, e.g. 1:)");
        }
    }

    /**
     * A handle as tc prints it: "root", "none", "MAJ:", ":MIN" or "MAJ:MIN" in hex.
     *
     * @param h the handle
     * @return its text
     */
    public static String formatHandle(int h) {
        if (h == TC_H_ROOT) {
            return "root";
        }
        if (h == TC_H_UNSPEC) {
            return "none";
        }
        int maj = h >>> 16;
        int min = h & 0xffff;
        if (maj == 0) {
            return ":" + Integer.toHexString(min);
        }
        if (min == 0) {
            return Integer.toHexString(maj) + ":";
        }
        return Integer.toHexString(maj) + ":" + Integer.toHexString(min);
    }

    private static Member m(String name, AttrType type) {
        return Member.of(name, type);
    }

    private static Member be(String name, AttrType type) {
        return new Member(name, type, 0, true, Display.NONE, null);
    }

    private static Member pad(String name, int len) {
        return new Member(name, PAD, len, false, Display.NONE, null);
    }

    private static Member bytes(String name, int len) {
        return new Member(name, BINARY, len, false, Display.NONE, null);
    }

    private static SubMessageDef subMessage(String name, Object... formats) {
        Map<String, SubMessageDef.Format> m = new LinkedHashMap<>();
        for (Object f : formats) {
            @SuppressWarnings("unchecked")
            Map.Entry<String, SubMessageDef.Format> e = (Map.Entry<String, SubMessageDef.Format>) f;
            m.put(e.getKey(), e.getValue());
        }
        return new SubMessageDef(name, m);
    }

    private static Map.Entry<String, SubMessageDef.Format> format(String kind, String attributeSet, String header) {
        return Map.entry(kind, new SubMessageDef.Format(attributeSet, header));
    }

    private static Schema build() {
        Schema.Builder b = Schema.builder("tc", Schema.Protocol.NETLINK_RAW, io.jnetlink.Netlink.NETLINK_ROUTE);
        structs(b);
        attributeSets(b);
        subMessages(b);
        b.message(RTM_NEWQDISC, "newqdisc", "tcmsg", "tc-attrs")
                .message(RTM_DELQDISC, "delqdisc", "tcmsg", "tc-attrs")
                .message(RTM_GETQDISC, "getqdisc", "tcmsg", "tc-attrs")
                .message(RTM_NEWTCLASS, "newtclass", "tcmsg", "tc-attrs")
                .message(RTM_DELTCLASS, "deltclass", "tcmsg", "tc-attrs")
                .message(RTM_GETTCLASS, "gettclass", "tcmsg", "tc-attrs")
                .message(RTM_NEWTFILTER, "newtfilter", "tcmsg", "tc-attrs")
                .message(RTM_DELTFILTER, "deltfilter", "tcmsg", "tc-attrs")
                .message(RTM_GETTFILTER, "gettfilter", "tcmsg", "tc-attrs")
                .message(Rtnl.RTM_NEWLINK, "newlink", "ifinfomsg", "link-attrs")
                .message(Rtnl.RTM_GETLINK, "getlink", "ifinfomsg", "link-attrs");
        b.struct(new StructDef("ifinfomsg", List.of(m("ifi-family", U8), m("padding", U8), m("ifi-type", U16),
                m("ifi-index", S32), m("ifi-flags", U32), m("ifi-change", U32))));
        b.attributeSet(AttributeSet.builder("link-attrs").attr(3, "ifname", STRING).build());
        b.mcastGroup("rtnlgrp-tc", GROUP_TC);
        return b.build();
    }

    private static void structs(Schema.Builder b) {
        b.struct(new StructDef("tcmsg", List.of(m("family", U8),
                pad("pad", 3),
                m("ifindex", S32),
                m("handle", U32),
                m("parent", U32),
                m("info", U32))));
        b.enumDef(EnumDef.flags("tc-cls-flags", "skip-hw", "skip-sw", "in-hw", "not-in-nw", "verbose"));
        b.enumDef(EnumDef.flags("tc-flower-key-ctrl-flags", "frag", "firstfrag", "tuncsum", "tundf", "tunoam",
                "tuncrit"));
        b.struct(new StructDef("tc-stats", List.of(m("bytes", U64),
                m("packets", U32),
                m("drops", U32),
                m("overlimits", U32),
                m("bps", U32),
                m("pps", U32),
                m("qlen", U32),
                m("backlog", U32),
                pad("pad", 4))));
        b.struct(new StructDef("tc-cbs-qopt", List.of(m("offload", U8),
                pad("pad", 3),
                m("hicredit", S32),
                m("locredit", S32),
                m("idleslope", S32),
                m("sendslope", S32))));
        b.struct(new StructDef("tc-etf-qopt", List.of(m("delta", S32),
                m("clockid", S32),
                m("flags", S32))));
        b.struct(new StructDef("tc-fifo-qopt", List.of(m("limit", U32))));
        b.struct(new StructDef("tc-htb-opt", List.of(m("rate-cell-log", U8),
                m("rate-linklayer", U8),
                m("rate-overhead", U16),
                m("rate-cell-align", S16),
                m("rate-mpu", U16),
                m("rate-rate", U32),
                m("ceil-cell-log", U8),
                m("ceil-linklayer", U8),
                m("ceil-overhead", U16),
                m("ceil-cell-align", S16),
                m("ceil-mpu", U16),
                m("ceil-rate", U32),
                m("buffer", U32),
                m("cbuffer", U32),
                m("quantum", U32),
                m("level", U32),
                m("prio", U32))));
        b.struct(new StructDef("tc-htb-glob", List.of(m("version", U32),
                m("rate2quantum", U32),
                m("defcls", U32),
                m("debug", U32),
                m("direct-pkts", U32))));
        b.struct(new StructDef("tc-gred-qopt", List.of(m("limit", U32),
                m("qth-min", U32),
                m("qth-max", U32),
                m("DP", U32),
                m("backlog", U32),
                m("qave", U32),
                m("forced", U32),
                m("early", U32),
                m("other", U32),
                m("pdrop", U32),
                m("Wlog", U8),
                m("Plog", U8),
                m("Scell-log", U8),
                m("prio", U8),
                m("packets", U32),
                m("bytesin", U32))));
        b.struct(new StructDef("tc-gred-sopt", List.of(m("DPs", U32),
                m("def-DP", U32),
                m("grio", U8),
                m("flags", U8),
                pad("pad", 2))));
        b.struct(new StructDef("tc-hfsc-qopt", List.of(m("defcls", U16))));
        b.struct(new StructDef("tc-mqprio-qopt", List.of(m("num-tc", U8),
                bytes("prio-tc-map", 16),
                m("hw", U8),
                bytes("count", 32),
                bytes("offset", 32))));
        b.struct(new StructDef("tc-multiq-qopt", List.of(m("bands", U16),
                m("max-bands", U16))));
        b.struct(new StructDef("tc-netem-qopt", List.of(m("latency", U32),
                m("limit", U32),
                m("loss", U32),
                m("gap", U32),
                m("duplicate", U32),
                m("jitter", U32))));
        b.struct(new StructDef("tc-netem-gimodel", List.of(m("p13", U32),
                m("p31", U32),
                m("p32", U32),
                m("p14", U32),
                m("p23", U32))));
        b.struct(new StructDef("tc-netem-gemodel", List.of(m("p", U32),
                m("r", U32),
                m("h", U32),
                m("k1", U32))));
        b.struct(new StructDef("tc-netem-corr", List.of(m("delay-corr", U32),
                m("loss-corr", U32),
                m("dup-corr", U32))));
        b.struct(new StructDef("tc-netem-reorder", List.of(m("probability", U32),
                m("correlation", U32))));
        b.struct(new StructDef("tc-netem-corrupt", List.of(m("probability", U32),
                m("correlation", U32))));
        b.struct(new StructDef("tc-netem-rate", List.of(m("rate", U32),
                m("packet-overhead", S32),
                m("cell-size", U32),
                m("cell-overhead", S32))));
        b.struct(new StructDef("tc-netem-slot", List.of(m("min-delay", S64),
                m("max-delay", S64),
                m("max-packets", S32),
                m("max-bytes", S32),
                m("dist-delay", S64),
                m("dist-jitter", S64))));
        b.struct(new StructDef("tc-plug-qopt", List.of(m("action", S32),
                m("limit", U32))));
        b.struct(new StructDef("tc-prio-qopt", List.of(m("bands", U32),
                bytes("priomap", 16))));
        b.struct(new StructDef("tc-red-qopt", List.of(m("limit", U32),
                m("qth-min", U32),
                m("qth-max", U32),
                m("Wlog", U8),
                m("Plog", U8),
                m("Scell-log", U8),
                m("flags", U8))));
        b.struct(new StructDef("tc-sfb-qopt", List.of(m("rehash-interval", U32),
                m("warmup-time", U32),
                m("max", U32),
                m("bin-size", U32),
                m("increment", U32),
                m("decrement", U32),
                m("limit", U32),
                m("penalty-rate", U32),
                m("penalty-burst", U32))));
        b.struct(new StructDef("tc-sfq-qopt", List.of(m("quantum", U32),
                m("perturb-period", S32),
                m("limit", U32),
                m("divisor", U32),
                m("flows", U32))));
        b.struct(new StructDef("tc-sfqred-stats", List.of(m("prob-drop", U32),
                m("forced-drop", U32),
                m("prob-mark", U32),
                m("forced-mark", U32),
                m("prob-mark-head", U32),
                m("forced-mark-head", U32))));
        b.struct(new StructDef("tc-sfq-qopt-v1", List.of(m("v0-quantum", U32),
                m("v0-perturb-period", S32),
                m("v0-limit", U32),
                m("v0-divisor", U32),
                m("v0-flows", U32),
                m("depth", U32),
                m("headdrop", U32),
                m("limit", U32),
                m("qth-min", U32),
                m("qth-max", U32),
                m("Wlog", U8),
                m("Plog", U8),
                m("Scell-log", U8),
                m("flags", U8),
                m("max-P", U32),
                m("stats-prob-drop", U32),
                m("stats-forced-drop", U32),
                m("stats-prob-mark", U32),
                m("stats-forced-mark", U32),
                m("stats-prob-mark-head", U32),
                m("stats-forced-mark-head", U32))));
        b.struct(new StructDef("tc-ratespec", List.of(m("cell-log", U8),
                m("linklayer", U8),
                m("overhead", U16),
                m("cell-align", S16),
                m("mpu", U16),
                m("rate", U32))));
        b.struct(new StructDef("tc-tbf-qopt", List.of(m("rate-cell-log", U8),
                m("rate-linklayer", U8),
                m("rate-overhead", U16),
                m("rate-cell-align", S16),
                m("rate-mpu", U16),
                m("rate-rate", U32),
                m("peakrate-cell-log", U8),
                m("peakrate-linklayer", U8),
                m("peakrate-overhead", U16),
                m("peakrate-cell-align", S16),
                m("peakrate-mpu", U16),
                m("peakrate-rate", U32),
                m("limit", U32),
                m("buffer", U32),
                m("mtu", U32))));
        b.struct(new StructDef("tc-sizespec", List.of(m("cell-log", U8),
                m("size-log", U8),
                m("cell-align", S16),
                m("overhead", S32),
                m("linklayer", U32),
                m("mpu", U32),
                m("mtu", U32),
                m("tsize", U32))));
        b.struct(new StructDef("gnet-estimator", List.of(m("interval", S8),
                m("ewma-log", U8))));
        b.struct(new StructDef("tc-choke-xstats", List.of(m("early", U32),
                m("pdrop", U32),
                m("other", U32),
                m("marked", U32),
                m("matched", U32))));
        b.struct(new StructDef("tc-codel-xstats", List.of(m("maxpacket", U32),
                m("count", U32),
                m("lastcount", U32),
                m("ldelay", U32),
                m("drop-next", S32),
                m("drop-overlimit", U32),
                m("ecn-mark", U32),
                m("dropping", U32),
                m("ce-mark", U32))));
        b.struct(new StructDef("tc-fq-codel-xstats", List.of(m("type", U32),
                m("maxpacket", U32),
                m("drop-overlimit", U32),
                m("ecn-mark", U32),
                m("new-flow-count", U32),
                m("new-flows-len", U32),
                m("old-flows-len", U32),
                m("ce-mark", U32),
                m("memory-usage", U32),
                m("drop-overmemory", U32))));
        b.struct(new StructDef("tc-fq-pie-xstats", List.of(m("packets-in", U32),
                m("dropped", U32),
                m("overlimit", U32),
                m("overmemory", U32),
                m("ecn-mark", U32),
                m("new-flow-count", U32),
                m("new-flows-len", U32),
                m("old-flows-len", U32),
                m("memory-usage", U32))));
        b.struct(new StructDef("tc-fq-qd-stats", List.of(m("gc-flows", U64),
                m("highprio-packets", U64),
                m("tcp-retrans", U64),
                m("throttled", U64),
                m("flows-plimit", U64),
                m("pkts-too-long", U64),
                m("allocation-errors", U64),
                m("time-next-delayed-flow", S64),
                m("flows", U32),
                m("inactive-flows", U32),
                m("throttled-flows", U32),
                m("unthrottle-latency-ns", U32),
                m("ce-mark", U64),
                m("horizon-drops", U64),
                m("horizon-caps", U64),
                m("fastpath-packets", U64),
                bytes("band-drops", 24),
                bytes("band-pkt-count", 12),
                pad("pad", 4))));
        b.struct(new StructDef("tc-hhf-xstats", List.of(m("drop-overlimit", U32),
                m("hh-overlimit", U32),
                m("hh-tot-count", U32),
                m("hh-cur-count", U32))));
        b.struct(new StructDef("tc-pie-xstats", List.of(m("prob", U64),
                m("delay", U32),
                m("avg-dq-rate", U32),
                m("dq-rate-estimating", U32),
                m("packets-in", U32),
                m("dropped", U32),
                m("overlimit", U32),
                m("maxq", U32),
                m("ecn-mark", U32))));
        b.struct(new StructDef("tc-red-xstats", List.of(m("early", U32),
                m("pdrop", U32),
                m("other", U32),
                m("marked", U32))));
        b.struct(new StructDef("tc-sfb-xstats", List.of(m("earlydrop", U32),
                m("penaltydrop", U32),
                m("bucketdrop", U32),
                m("queuedrop", U32),
                m("childdrop", U32),
                m("marked", U32),
                m("maxqlen", U32),
                m("maxprob", U32),
                m("avgprob", U32))));
        b.struct(new StructDef("tc-sfq-xstats", List.of(m("allot", S32))));
        b.struct(new StructDef("gnet-stats-basic", List.of(m("bytes", U64),
                m("packets", U32),
                pad("pad", 4))));
        b.struct(new StructDef("gnet-stats-rate-est", List.of(m("bps", U32),
                m("pps", U32))));
        b.struct(new StructDef("gnet-stats-rate-est64", List.of(m("bps", U64),
                m("pps", U64))));
        b.struct(new StructDef("gnet-stats-queue", List.of(m("qlen", U32),
                m("backlog", U32),
                m("drops", U32),
                m("requeues", U32),
                m("overlimits", U32))));
        b.struct(new StructDef("tc-u32-key", List.of(be("mask", U32),
                be("val", U32),
                m("off", S32),
                m("offmask", S32))));
        b.struct(new StructDef("tc-u32-mark", List.of(m("val", U32),
                m("mask", U32),
                m("success", U32))));
        b.struct(new StructDef("tc-u32-sel", List.of(m("flags", U8),
                m("offshift", U8),
                m("nkeys", U8),
                pad("pad", 1),
                be("offmask", U16),
                m("off", U16),
                m("offoff", S16),
                m("hoff", S16),
                be("hmask", U32))));
        b.struct(new StructDef("tc-u32-pcnt", List.of(m("rcnt", U64),
                m("rhit", U64))));
        b.struct(new StructDef("tcf-t", List.of(m("install", U64),
                m("lastuse", U64),
                m("expires", U64),
                m("firstuse", U64))));
        b.struct(new StructDef("tc-gen", List.of(m("index", U32),
                m("capab", U32),
                m("action", S32),
                m("refcnt", S32),
                m("bindcnt", S32))));
        b.struct(new StructDef("tc-gact-p", List.of(m("ptype", U16),
                m("pval", U16),
                m("paction", S32))));
        b.struct(new StructDef("tcf-ematch-tree-hdr", List.of(m("nmatches", U16),
                m("progid", U16))));
        b.struct(new StructDef("tc-basic-pcnt", List.of(m("rcnt", U64),
                m("rhit", U64))));
        b.struct(new StructDef("tc-matchall-pcnt", List.of(m("rhit", U64))));
        b.struct(new StructDef("tc-mpls", List.of(m("index", U32),
                m("capab", U32),
                m("action", S32),
                m("refcnt", S32),
                m("bindcnt", S32),
                m("m-action", S32))));
        b.struct(new StructDef("tc-police", List.of(m("index", U32),
                m("action", S32),
                m("limit", U32),
                m("burst", U32),
                m("mtu", U32),
                m("rate-cell-log", U8),
                m("rate-linklayer", U8),
                m("rate-overhead", U16),
                m("rate-cell-align", S16),
                m("rate-mpu", U16),
                m("rate-rate", U32),
                m("peakrate-cell-log", U8),
                m("peakrate-linklayer", U8),
                m("peakrate-overhead", U16),
                m("peakrate-cell-align", S16),
                m("peakrate-mpu", U16),
                m("peakrate-rate", U32),
                m("refcnt", S32),
                m("bindcnt", S32),
                m("capab", U32))));
        b.struct(new StructDef("tc-pedit-sel", List.of(m("index", U32),
                m("capab", U32),
                m("action", S32),
                m("refcnt", S32),
                m("bindcnt", S32),
                m("nkeys", U8),
                m("flags", U8),
                pad("pad", 2))));
        b.struct(new StructDef("tc-pedit-key", List.of(m("mask", U32),
                m("val", U32),
                m("off", U32),
                m("at", U32),
                m("offmask", U32),
                m("shift", U32))));
        b.struct(new StructDef("tc-vlan", List.of(m("index", U32),
                m("capab", U32),
                m("action", S32),
                m("refcnt", S32),
                m("bindcnt", S32),
                m("v-action", S32))));
        b.struct(new StructDef("tc-mirred", List.of(m("index", U32),
                m("capab", U32),
                m("action", S32),
                m("refcnt", S32),
                m("bindcnt", S32),
                m("eaction", S32),
                m("ifindex", U32))));
        b.struct(new StructDef("tc-htb-xstats", List.of(m("lends", U32),
                m("borrows", U32),
                m("giants", U32),
                m("tokens", S32),
                m("ctokens", S32))));    }

    private static void attributeSets(Schema.Builder b) {
        b.attributeSet(AttributeSet.builder("tc-attrs")
                .attr(1, "kind", STRING)
                .attr(2, "options", SUB_MESSAGE, a -> a.subMessage("tc-options-msg", "kind"))
                .attr(3, "stats", BINARY, a -> a.struct("tc-stats"))
                .attr(4, "xstats", SUB_MESSAGE, a -> a.subMessage("tca-stats-app-msg", "kind"))
                .attr(5, "rate", BINARY, a -> a.struct("gnet-estimator"))
                .attr(6, "fcnt", U32)
                .nest(7, "stats2", "tca-stats-attrs")
                .nest(8, "stab", "tca-stab-attrs")
                .attr(9, "pad", PAD)
                .attr(10, "dump-invisible", FLAG)
                .attr(11, "chain", U32)
                .attr(12, "hw-offload", U8)
                .attr(13, "ingress-block", U32)
                .attr(14, "egress-block", U32)
                .attr(15, "dump-flags", BITFIELD32)
                .attr(16, "ext-warn-msg", STRING)
                .build());
        b.attributeSet(AttributeSet.builder("tc-act-attrs")
                .attr(1, "kind", STRING)
                .attr(2, "options", SUB_MESSAGE, a -> a.subMessage("tc-act-options-msg", "kind"))
                .attr(3, "index", U32)
                .nest(4, "stats", "tc-act-stats-attrs")
                .attr(5, "pad", PAD)
                .attr(6, "cookie", BINARY)
                .attr(7, "flags", BITFIELD32)
                .attr(8, "hw-stats", BITFIELD32)
                .attr(9, "used-hw-stats", BITFIELD32)
                .attr(10, "in-hw-count", U32)
                .build());
        b.attributeSet(AttributeSet.builder("tc-act-stats-attrs")
                .attr(1, "basic", BINARY, a -> a.struct("gnet-stats-basic"))
                .attr(2, "rate-est", BINARY, a -> a.struct("gnet-stats-rate-est"))
                .attr(3, "queue", BINARY, a -> a.struct("gnet-stats-queue"))
                .attr(4, "app", BINARY)
                .attr(5, "rate-est64", BINARY, a -> a.struct("gnet-stats-rate-est64"))
                .attr(6, "pad", PAD)
                .attr(7, "basic-hw", BINARY, a -> a.struct("gnet-stats-basic"))
                .attr(8, "pkt64", U64)
                .build());
        b.attributeSet(AttributeSet.builder("tc-act-bpf-attrs")
                .attr(1, "tm", BINARY, a -> a.struct("tcf-t"))
                .attr(2, "parms", BINARY)
                .attr(3, "ops-len", U16)
                .attr(4, "ops", BINARY)
                .attr(5, "fd", U32)
                .attr(6, "name", STRING)
                .attr(7, "pad", PAD)
                .attr(8, "tag", BINARY)
                .attr(9, "id", BINARY)
                .build());
        b.attributeSet(AttributeSet.builder("tc-act-connmark-attrs")
                .attr(1, "parms", BINARY)
                .attr(2, "tm", BINARY, a -> a.struct("tcf-t"))
                .attr(3, "pad", PAD)
                .build());
        b.attributeSet(AttributeSet.builder("tc-act-csum-attrs")
                .attr(1, "parms", BINARY)
                .attr(2, "tm", BINARY, a -> a.struct("tcf-t"))
                .attr(3, "pad", PAD)
                .build());
        b.attributeSet(AttributeSet.builder("tc-act-ct-attrs")
                .attr(1, "parms", BINARY)
                .attr(2, "tm", BINARY, a -> a.struct("tcf-t"))
                .attr(3, "action", U16)
                .attr(4, "zone", U16)
                .attr(5, "mark", U32)
                .attr(6, "mark-mask", U32)
                .attr(7, "labels", BINARY)
                .attr(8, "labels-mask", BINARY)
                .attr(9, "nat-ipv4-min", U32, a -> a.bigEndian())
                .attr(10, "nat-ipv4-max", U32, a -> a.bigEndian())
                .attr(11, "nat-ipv6-min", BINARY)
                .attr(12, "nat-ipv6-max", BINARY)
                .attr(13, "nat-port-min", U16, a -> a.bigEndian())
                .attr(14, "nat-port-max", U16, a -> a.bigEndian())
                .attr(15, "pad", PAD)
                .attr(16, "helper-name", STRING)
                .attr(17, "helper-family", U8)
                .attr(18, "helper-proto", U8)
                .build());
        b.attributeSet(AttributeSet.builder("tc-act-ctinfo-attrs")
                .attr(1, "pad", PAD)
                .attr(2, "tm", BINARY, a -> a.struct("tcf-t"))
                .attr(3, "act", BINARY)
                .attr(4, "zone", U16)
                .attr(5, "parms-dscp-mask", U32)
                .attr(6, "parms-dscp-statemask", U32)
                .attr(7, "parms-cpmark-mask", U32)
                .attr(8, "stats-dscp-set", U64)
                .attr(9, "stats-dscp-error", U64)
                .attr(10, "stats-cpmark-set", U64)
                .build());
        b.attributeSet(AttributeSet.builder("tc-act-gate-attrs")
                .attr(1, "tm", BINARY, a -> a.struct("tcf-t"))
                .attr(2, "parms", BINARY)
                .attr(3, "pad", PAD)
                .attr(4, "priority", S32)
                .attr(5, "entry-list", BINARY)
                .attr(6, "base-time", U64)
                .attr(7, "cycle-time", U64)
                .attr(8, "cycle-time-ext", U64)
                .attr(9, "flags", U32)
                .attr(10, "clockid", S32)
                .build());
        b.attributeSet(AttributeSet.builder("tc-act-ife-attrs")
                .attr(1, "parms", BINARY)
                .attr(2, "tm", BINARY, a -> a.struct("tcf-t"))
                .attr(3, "dmac", BINARY)
                .attr(4, "smac", BINARY)
                .attr(5, "type", U16)
                .attr(6, "metalst", BINARY)
                .attr(7, "pad", PAD)
                .build());
        b.attributeSet(AttributeSet.builder("tc-act-mirred-attrs")
                .attr(1, "tm", BINARY, a -> a.struct("tcf-t"))
                .attr(2, "parms", BINARY, a -> a.struct("tc-mirred"))
                .attr(3, "pad", PAD)
                .attr(4, "blockid", BINARY)
                .build());
        b.attributeSet(AttributeSet.builder("tc-act-mpls-attrs")
                .attr(1, "tm", BINARY, a -> a.struct("tcf-t"))
                .attr(2, "parms", BINARY, a -> a.struct("tc-mpls"))
                .attr(3, "pad", PAD)
                .attr(4, "proto", U16, a -> a.bigEndian())
                .attr(5, "label", U32)
                .attr(6, "tc", U8)
                .attr(7, "ttl", U8)
                .attr(8, "bos", U8)
                .build());
        b.attributeSet(AttributeSet.builder("tc-act-nat-attrs")
                .attr(1, "parms", BINARY)
                .attr(2, "tm", BINARY, a -> a.struct("tcf-t"))
                .attr(3, "pad", PAD)
                .build());
        b.attributeSet(AttributeSet.builder("tc-act-pedit-attrs")
                .attr(1, "tm", BINARY, a -> a.struct("tcf-t"))
                .attr(2, "parms", BINARY)
                .attr(3, "pad", PAD)
                .attr(4, "parms-ex", BINARY)
                .attr(5, "keys-ex", BINARY)
                .attr(6, "key-ex", BINARY)
                .build());
        b.attributeSet(AttributeSet.builder("tc-act-police-attrs")
                .attr(1, "tbf", BINARY, a -> a.struct("tc-police"))
                .attr(2, "rate", BINARY)
                .attr(3, "peakrate", BINARY)
                .attr(4, "avrate", U32)
                .attr(5, "result", U32)
                .attr(6, "tm", BINARY, a -> a.struct("tcf-t"))
                .attr(7, "pad", PAD)
                .attr(8, "rate64", U64)
                .attr(9, "peakrate64", U64)
                .attr(10, "pktrate64", U64)
                .attr(11, "pktburst64", U64)
                .build());
        b.attributeSet(AttributeSet.builder("tc-act-simple-attrs")
                .attr(1, "tm", BINARY, a -> a.struct("tcf-t"))
                .attr(2, "parms", BINARY)
                .attr(3, "data", BINARY)
                .attr(4, "pad", PAD)
                .build());
        b.attributeSet(AttributeSet.builder("tc-act-skbedit-attrs")
                .attr(1, "tm", BINARY, a -> a.struct("tcf-t"))
                .attr(2, "parms", BINARY)
                .attr(3, "priority", U32)
                .attr(4, "queue-mapping", U16)
                .attr(5, "mark", U32)
                .attr(6, "pad", PAD)
                .attr(7, "ptype", U16)
                .attr(8, "mask", U32)
                .attr(9, "flags", U64)
                .attr(10, "queue-mapping-max", U16)
                .build());
        b.attributeSet(AttributeSet.builder("tc-act-skbmod-attrs")
                .attr(1, "tm", BINARY, a -> a.struct("tcf-t"))
                .attr(2, "parms", BINARY)
                .attr(3, "dmac", BINARY)
                .attr(4, "smac", BINARY)
                .attr(5, "etype", BINARY)
                .attr(6, "pad", PAD)
                .build());
        b.attributeSet(AttributeSet.builder("tc-act-tunnel-key-attrs")
                .attr(1, "tm", BINARY, a -> a.struct("tcf-t"))
                .attr(2, "parms", BINARY)
                .attr(3, "enc-ipv4-src", U32, a -> a.bigEndian())
                .attr(4, "enc-ipv4-dst", U32, a -> a.bigEndian())
                .attr(5, "enc-ipv6-src", BINARY)
                .attr(6, "enc-ipv6-dst", BINARY)
                .attr(7, "enc-key-id", U64, a -> a.bigEndian())
                .attr(8, "pad", PAD)
                .attr(9, "enc-dst-port", U16, a -> a.bigEndian())
                .attr(10, "no-csum", U8)
                .attr(11, "enc-opts", BINARY)
                .attr(12, "enc-tos", U8)
                .attr(13, "enc-ttl", U8)
                .attr(14, "no-frag", FLAG)
                .build());
        b.attributeSet(AttributeSet.builder("tc-act-vlan-attrs")
                .attr(1, "tm", BINARY, a -> a.struct("tcf-t"))
                .attr(2, "parms", BINARY, a -> a.struct("tc-vlan"))
                .attr(3, "push-vlan-id", U16)
                .attr(4, "push-vlan-protocol", U16)
                .attr(5, "pad", PAD)
                .attr(6, "push-vlan-priority", U8)
                .attr(7, "push-eth-dst", BINARY)
                .attr(8, "push-eth-src", BINARY)
                .build());
        b.attributeSet(AttributeSet.builder("tc-basic-attrs")
                .attr(1, "classid", U32)
                .nest(2, "ematches", "tc-ematch-attrs")
                .attr(3, "act", INDEXED_ARRAY, a -> a.subType(NEST).nested("tc-act-attrs"))
                .nest(4, "police", "tc-police-attrs")
                .attr(5, "pcnt", BINARY, a -> a.struct("tc-basic-pcnt"))
                .attr(6, "pad", PAD)
                .build());
        b.attributeSet(AttributeSet.builder("tc-bpf-attrs")
                .attr(1, "act", INDEXED_ARRAY, a -> a.subType(NEST).nested("tc-act-attrs"))
                .nest(2, "police", "tc-police-attrs")
                .attr(3, "classid", U32)
                .attr(4, "ops-len", U16)
                .attr(5, "ops", BINARY)
                .attr(6, "fd", U32)
                .attr(7, "name", STRING)
                .attr(8, "flags", U32)
                .attr(9, "flags-gen", U32)
                .attr(10, "tag", BINARY)
                .attr(11, "id", U32)
                .build());
        b.attributeSet(AttributeSet.builder("tc-cake-attrs")
                .attr(1, "pad", PAD)
                .attr(2, "base-rate64", U64)
                .attr(3, "diffserv-mode", U32)
                .attr(4, "atm", U32)
                .attr(5, "flow-mode", U32)
                .attr(6, "overhead", U32)
                .attr(7, "rtt", U32)
                .attr(8, "target", U32)
                .attr(9, "autorate", U32)
                .attr(10, "memory", U32)
                .attr(11, "nat", U32)
                .attr(12, "raw", U32)
                .attr(13, "wash", U32)
                .attr(14, "mpu", U32)
                .attr(15, "ingress", U32)
                .attr(16, "ack-filter", U32)
                .attr(17, "split-gso", U32)
                .attr(18, "fwmark", U32)
                .build());
        b.attributeSet(AttributeSet.builder("tc-cake-stats-attrs")
                .attr(1, "pad", PAD)
                .attr(2, "capacity-estimate64", U64)
                .attr(3, "memory-limit", U32)
                .attr(4, "memory-used", U32)
                .attr(5, "avg-netoff", U32)
                .attr(6, "min-netlen", U32)
                .attr(7, "max-netlen", U32)
                .attr(8, "min-adjlen", U32)
                .attr(9, "max-adjlen", U32)
                .attr(10, "tin-stats", INDEXED_ARRAY, a -> a.subType(NEST).nested("tc-cake-tin-stats-attrs"))
                .attr(11, "deficit", S32)
                .attr(12, "cobalt-count", U32)
                .attr(13, "dropping", U32)
                .attr(14, "drop-next-us", S32)
                .attr(15, "p-drop", U32)
                .attr(16, "blue-timer-us", S32)
                .build());
        b.attributeSet(AttributeSet.builder("tc-cake-tin-stats-attrs")
                .attr(1, "pad", PAD)
                .attr(2, "sent-packets", U32)
                .attr(3, "sent-bytes64", U64)
                .attr(4, "dropped-packets", U32)
                .attr(5, "dropped-bytes64", U64)
                .attr(6, "acks-dropped-packets", U32)
                .attr(7, "acks-dropped-bytes64", U64)
                .attr(8, "ecn-marked-packets", U32)
                .attr(9, "ecn-marked-bytes64", U64)
                .attr(10, "backlog-packets", U32)
                .attr(11, "backlog-bytes", U32)
                .attr(12, "threshold-rate64", U64)
                .attr(13, "target-us", U32)
                .attr(14, "interval-us", U32)
                .attr(15, "way-indirect-hits", U32)
                .attr(16, "way-misses", U32)
                .attr(17, "way-collisions", U32)
                .attr(18, "peak-delay-us", U32)
                .attr(19, "avg-delay-us", U32)
                .attr(20, "base-delay-us", U32)
                .attr(21, "sparse-flows", U32)
                .attr(22, "bulk-flows", U32)
                .attr(23, "unresponsive-flows", U32)
                .attr(24, "max-skblen", U32)
                .attr(25, "flow-quantum", U32)
                .build());
        b.attributeSet(AttributeSet.builder("tc-cbs-attrs")
                .attr(1, "parms", BINARY, a -> a.struct("tc-cbs-qopt"))
                .build());
        b.attributeSet(AttributeSet.builder("tc-cgroup-attrs")
                .attr(1, "act", INDEXED_ARRAY, a -> a.subType(NEST).nested("tc-act-attrs"))
                .nest(2, "police", "tc-police-attrs")
                .attr(3, "ematches", BINARY)
                .build());
        b.attributeSet(AttributeSet.builder("tc-choke-attrs")
                .attr(1, "parms", BINARY, a -> a.struct("tc-red-qopt"))
                .attr(2, "stab", BINARY)
                .attr(3, "max-p", U32)
                .build());
        b.attributeSet(AttributeSet.builder("tc-codel-attrs")
                .attr(1, "target", U32)
                .attr(2, "limit", U32)
                .attr(3, "interval", U32)
                .attr(4, "ecn", U32)
                .attr(5, "ce-threshold", U32)
                .build());
        b.attributeSet(AttributeSet.builder("tc-drr-attrs")
                .attr(1, "quantum", U32)
                .build());
        b.attributeSet(AttributeSet.builder("tc-ematch-attrs")
                .attr(1, "tree-hdr", BINARY, a -> a.struct("tcf-ematch-tree-hdr"))
                .attr(2, "tree-list", BINARY)
                .build());
        b.attributeSet(AttributeSet.builder("tc-flow-attrs")
                .attr(1, "keys", U32)
                .attr(2, "mode", U32)
                .attr(3, "baseclass", U32)
                .attr(4, "rshift", U32)
                .attr(5, "addend", U32)
                .attr(6, "mask", U32)
                .attr(7, "xor", U32)
                .attr(8, "divisor", U32)
                .attr(9, "act", BINARY)
                .nest(10, "police", "tc-police-attrs")
                .attr(11, "ematches", BINARY)
                .attr(12, "perturb", U32)
                .build());
        b.attributeSet(AttributeSet.builder("tc-flower-attrs")
                .attr(1, "classid", U32)
                .attr(2, "indev", STRING)
                .attr(3, "act", INDEXED_ARRAY, a -> a.subType(NEST).nested("tc-act-attrs"))
                .attr(4, "key-eth-dst", BINARY, a -> a.display(Display.MAC))
                .attr(5, "key-eth-dst-mask", BINARY, a -> a.display(Display.MAC))
                .attr(6, "key-eth-src", BINARY, a -> a.display(Display.MAC))
                .attr(7, "key-eth-src-mask", BINARY, a -> a.display(Display.MAC))
                .attr(8, "key-eth-type", U16, a -> a.bigEndian())
                .attr(9, "key-ip-proto", U8)
                .attr(10, "key-ipv4-src", BINARY, a -> a.display(Display.IPV4))
                .attr(11, "key-ipv4-src-mask", BINARY, a -> a.display(Display.IPV4))
                .attr(12, "key-ipv4-dst", BINARY, a -> a.display(Display.IPV4))
                .attr(13, "key-ipv4-dst-mask", BINARY, a -> a.display(Display.IPV4))
                .attr(14, "key-ipv6-src", BINARY, a -> a.display(Display.IPV6))
                .attr(15, "key-ipv6-src-mask", BINARY, a -> a.display(Display.IPV6))
                .attr(16, "key-ipv6-dst", BINARY, a -> a.display(Display.IPV6))
                .attr(17, "key-ipv6-dst-mask", BINARY, a -> a.display(Display.IPV6))
                .attr(18, "key-tcp-src", U16, a -> a.bigEndian())
                .attr(19, "key-tcp-dst", U16, a -> a.bigEndian())
                .attr(20, "key-udp-src", U16, a -> a.bigEndian())
                .attr(21, "key-udp-dst", U16, a -> a.bigEndian())
                .attr(22, "flags", U32, a -> a.enumName("tc-cls-flags").enumAsFlags())
                .attr(23, "key-vlan-id", U16, a -> a.bigEndian())
                .attr(24, "key-vlan-prio", U8)
                .attr(25, "key-vlan-eth-type", U16, a -> a.bigEndian())
                .attr(26, "key-enc-key-id", U32, a -> a.bigEndian())
                .attr(27, "key-enc-ipv4-src", BINARY, a -> a.display(Display.IPV4))
                .attr(28, "key-enc-ipv4-src-mask", BINARY, a -> a.display(Display.IPV4))
                .attr(29, "key-enc-ipv4-dst", BINARY, a -> a.display(Display.IPV4))
                .attr(30, "key-enc-ipv4-dst-mask", BINARY, a -> a.display(Display.IPV4))
                .attr(31, "key-enc-ipv6-src", BINARY, a -> a.display(Display.IPV6))
                .attr(32, "key-enc-ipv6-src-mask", BINARY, a -> a.display(Display.IPV6))
                .attr(33, "key-enc-ipv6-dst", BINARY, a -> a.display(Display.IPV6))
                .attr(34, "key-enc-ipv6-dst-mask", BINARY, a -> a.display(Display.IPV6))
                .attr(35, "key-tcp-src-mask", U16, a -> a.bigEndian())
                .attr(36, "key-tcp-dst-mask", U16, a -> a.bigEndian())
                .attr(37, "key-udp-src-mask", U16, a -> a.bigEndian())
                .attr(38, "key-udp-dst-mask", U16, a -> a.bigEndian())
                .attr(39, "key-sctp-src-mask", U16, a -> a.bigEndian())
                .attr(40, "key-sctp-dst-mask", U16, a -> a.bigEndian())
                .attr(41, "key-sctp-src", U16, a -> a.bigEndian())
                .attr(42, "key-sctp-dst", U16, a -> a.bigEndian())
                .attr(43, "key-enc-udp-src-port", U16, a -> a.bigEndian())
                .attr(44, "key-enc-udp-src-port-mask", U16, a -> a.bigEndian())
                .attr(45, "key-enc-udp-dst-port", U16, a -> a.bigEndian())
                .attr(46, "key-enc-udp-dst-port-mask", U16, a -> a.bigEndian())
                .attr(47, "key-flags", U32, a -> a.bigEndian().enumName("tc-flower-key-ctrl-flags").enumAsFlags())
                .attr(48, "key-flags-mask", U32, a -> a.bigEndian().enumName("tc-flower-key-ctrl-flags").enumAsFlags())
                .attr(49, "key-icmpv4-code", U8)
                .attr(50, "key-icmpv4-code-mask", U8)
                .attr(51, "key-icmpv4-type", U8)
                .attr(52, "key-icmpv4-type-mask", U8)
                .attr(53, "key-icmpv6-code", U8)
                .attr(54, "key-icmpv6-code-mask", U8)
                .attr(55, "key-icmpv6-type", U8)
                .attr(56, "key-icmpv6-type-mask", U8)
                .attr(57, "key-arp-sip", U32, a -> a.bigEndian())
                .attr(58, "key-arp-sip-mask", U32, a -> a.bigEndian())
                .attr(59, "key-arp-tip", U32, a -> a.bigEndian())
                .attr(60, "key-arp-tip-mask", U32, a -> a.bigEndian())
                .attr(61, "key-arp-op", U8)
                .attr(62, "key-arp-op-mask", U8)
                .attr(63, "key-arp-sha", BINARY, a -> a.display(Display.MAC))
                .attr(64, "key-arp-sha-mask", BINARY, a -> a.display(Display.MAC))
                .attr(65, "key-arp-tha", BINARY, a -> a.display(Display.MAC))
                .attr(66, "key-arp-tha-mask", BINARY, a -> a.display(Display.MAC))
                .attr(67, "key-mpls-ttl", U8)
                .attr(68, "key-mpls-bos", U8)
                .attr(69, "key-mpls-tc", U8)
                .attr(70, "key-mpls-label", U32, a -> a.bigEndian())
                .attr(71, "key-tcp-flags", U16, a -> a.bigEndian())
                .attr(72, "key-tcp-flags-mask", U16, a -> a.bigEndian())
                .attr(73, "key-ip-tos", U8)
                .attr(74, "key-ip-tos-mask", U8)
                .attr(75, "key-ip-ttl", U8)
                .attr(76, "key-ip-ttl-mask", U8)
                .attr(77, "key-cvlan-id", U16, a -> a.bigEndian())
                .attr(78, "key-cvlan-prio", U8)
                .attr(79, "key-cvlan-eth-type", U16, a -> a.bigEndian())
                .attr(80, "key-enc-ip-tos", U8)
                .attr(81, "key-enc-ip-tos-mask", U8)
                .attr(82, "key-enc-ip-ttl", U8)
                .attr(83, "key-enc-ip-ttl-mask", U8)
                .nest(84, "key-enc-opts", "tc-flower-key-enc-opts-attrs")
                .nest(85, "key-enc-opts-mask", "tc-flower-key-enc-opts-attrs")
                .attr(86, "in-hw-count", U32)
                .attr(87, "key-port-src-min", U16, a -> a.bigEndian())
                .attr(88, "key-port-src-max", U16, a -> a.bigEndian())
                .attr(89, "key-port-dst-min", U16, a -> a.bigEndian())
                .attr(90, "key-port-dst-max", U16, a -> a.bigEndian())
                .attr(91, "key-ct-state", U16)
                .attr(92, "key-ct-state-mask", U16)
                .attr(93, "key-ct-zone", U16)
                .attr(94, "key-ct-zone-mask", U16)
                .attr(95, "key-ct-mark", U32)
                .attr(96, "key-ct-mark-mask", U32)
                .attr(97, "key-ct-labels", BINARY)
                .attr(98, "key-ct-labels-mask", BINARY)
                .nest(99, "key-mpls-opts", "tc-flower-key-mpls-opt-attrs")
                .attr(100, "key-hash", U32)
                .attr(101, "key-hash-mask", U32)
                .attr(102, "key-num-of-vlans", U8)
                .attr(103, "key-pppoe-sid", U16, a -> a.bigEndian())
                .attr(104, "key-ppp-proto", U16, a -> a.bigEndian())
                .attr(105, "key-l2tpv3-sid", U32, a -> a.bigEndian())
                .attr(106, "l2-miss", U8)
                .nest(107, "key-cfm", "tc-flower-key-cfm-attrs")
                .attr(108, "key-spi", U32, a -> a.bigEndian())
                .attr(109, "key-spi-mask", U32, a -> a.bigEndian())
                .attr(110, "key-enc-flags", U32, a -> a.bigEndian().enumName("tc-flower-key-ctrl-flags").enumAsFlags())
                .attr(111, "key-enc-flags-mask", U32,
                        a -> a.bigEndian().enumName("tc-flower-key-ctrl-flags").enumAsFlags())
                .build());
        b.attributeSet(AttributeSet.builder("tc-flower-key-enc-opts-attrs")
                .nest(1, "geneve", "tc-flower-key-enc-opt-geneve-attrs")
                .nest(2, "vxlan", "tc-flower-key-enc-opt-vxlan-attrs")
                .nest(3, "erspan", "tc-flower-key-enc-opt-erspan-attrs")
                .nest(4, "gtp", "tc-flower-key-enc-opt-gtp-attrs")
                .build());
        b.attributeSet(AttributeSet.builder("tc-flower-key-enc-opt-geneve-attrs")
                .attr(1, "class", U16)
                .attr(2, "type", U8)
                .attr(3, "data", BINARY)
                .build());
        b.attributeSet(AttributeSet.builder("tc-flower-key-enc-opt-vxlan-attrs")
                .attr(1, "gbp", U32)
                .build());
        b.attributeSet(AttributeSet.builder("tc-flower-key-enc-opt-erspan-attrs")
                .attr(1, "ver", U8)
                .attr(2, "index", U32)
                .attr(3, "dir", U8)
                .attr(4, "hwid", U8)
                .build());
        b.attributeSet(AttributeSet.builder("tc-flower-key-enc-opt-gtp-attrs")
                .attr(1, "pdu-type", U8)
                .attr(2, "qfi", U8)
                .build());
        b.attributeSet(AttributeSet.builder("tc-flower-key-mpls-opt-attrs")
                .attr(1, "lse-depth", U8)
                .attr(2, "lse-ttl", U8)
                .attr(3, "lse-bos", U8)
                .attr(4, "lse-tc", U8)
                .attr(5, "lse-label", U32)
                .build());
        b.attributeSet(AttributeSet.builder("tc-flower-key-cfm-attrs")
                .attr(1, "md-level", U8)
                .attr(2, "opcode", U8)
                .build());
        b.attributeSet(AttributeSet.builder("tc-fw-attrs")
                .attr(1, "classid", U32)
                .nest(2, "police", "tc-police-attrs")
                .attr(3, "indev", STRING)
                .attr(4, "act", INDEXED_ARRAY, a -> a.subType(NEST).nested("tc-act-attrs"))
                .attr(5, "mask", U32)
                .build());
        b.attributeSet(AttributeSet.builder("tc-gred-attrs")
                .attr(1, "parms", BINARY)
                .attr(2, "stab", BINARY, a -> a.subType(U8))
                .attr(3, "dps", BINARY, a -> a.struct("tc-gred-sopt"))
                .attr(4, "max-p", BINARY, a -> a.subType(U32))
                .attr(5, "limit", U32)
                .nest(6, "vq-list", "tca-gred-vq-list-attrs")
                .build());
        b.attributeSet(AttributeSet.builder("tca-gred-vq-list-attrs")
                .nest(1, "entry", "tca-gred-vq-entry-attrs")
                .build());
        b.attributeSet(AttributeSet.builder("tca-gred-vq-entry-attrs")
                .attr(1, "pad", PAD)
                .attr(2, "dp", U32)
                .attr(3, "stat-bytes", U64)
                .attr(4, "stat-packets", U32)
                .attr(5, "stat-backlog", U32)
                .attr(6, "stat-prob-drop", U32)
                .attr(7, "stat-prob-mark", U32)
                .attr(8, "stat-forced-drop", U32)
                .attr(9, "stat-forced-mark", U32)
                .attr(10, "stat-pdrop", U32)
                .attr(11, "stat-other", U32)
                .attr(12, "flags", U32)
                .build());
        b.attributeSet(AttributeSet.builder("tc-hfsc-attrs")
                .attr(1, "rsc", BINARY)
                .attr(2, "fsc", BINARY)
                .attr(3, "usc", BINARY)
                .build());
        b.attributeSet(AttributeSet.builder("tc-hhf-attrs")
                .attr(1, "backlog-limit", U32)
                .attr(2, "quantum", U32)
                .attr(3, "hh-flows-limit", U32)
                .attr(4, "reset-timeout", U32)
                .attr(5, "admit-bytes", U32)
                .attr(6, "evict-timeout", U32)
                .attr(7, "non-hh-weight", U32)
                .build());
        b.attributeSet(AttributeSet.builder("tc-htb-attrs")
                .attr(1, "parms", BINARY, a -> a.struct("tc-htb-opt"))
                .attr(2, "init", BINARY, a -> a.struct("tc-htb-glob"))
                .attr(3, "ctab", BINARY)
                .attr(4, "rtab", BINARY)
                .attr(5, "direct-qlen", U32)
                .attr(6, "rate64", U64)
                .attr(7, "ceil64", U64)
                .attr(8, "pad", PAD)
                .attr(9, "offload", FLAG)
                .build());
        b.attributeSet(AttributeSet.builder("tc-matchall-attrs")
                .attr(1, "classid", U32)
                .attr(2, "act", INDEXED_ARRAY, a -> a.subType(NEST).nested("tc-act-attrs"))
                .attr(3, "flags", U32)
                .attr(4, "pcnt", BINARY, a -> a.struct("tc-matchall-pcnt"))
                .attr(5, "pad", PAD)
                .build());
        b.attributeSet(AttributeSet.builder("tc-etf-attrs")
                .attr(1, "parms", BINARY, a -> a.struct("tc-etf-qopt"))
                .build());
        b.attributeSet(AttributeSet.builder("tc-ets-attrs")
                .attr(1, "nbands", U8)
                .attr(2, "nstrict", U8)
                .nest(3, "quanta", "tc-ets-attrs")
                .attr(4, "quanta-band", U32, a -> a.multiAttr())
                .nest(5, "priomap", "tc-ets-attrs")
                .attr(6, "priomap-band", U8, a -> a.multiAttr())
                .build());
        b.attributeSet(AttributeSet.builder("tc-fq-attrs")
                .attr(1, "plimit", U32)
                .attr(2, "flow-plimit", U32)
                .attr(3, "quantum", U32)
                .attr(4, "initial-quantum", U32)
                .attr(5, "rate-enable", U32)
                .attr(6, "flow-default-rate", U32)
                .attr(7, "flow-max-rate", U32)
                .attr(8, "buckets-log", U32)
                .attr(9, "flow-refill-delay", U32)
                .attr(10, "orphan-mask", U32)
                .attr(11, "low-rate-threshold", U32)
                .attr(12, "ce-threshold", U32)
                .attr(13, "timer-slack", U32)
                .attr(14, "horizon", U32)
                .attr(15, "horizon-drop", U8)
                .attr(16, "priomap", BINARY, a -> a.struct("tc-prio-qopt"))
                .attr(17, "weights", BINARY, a -> a.subType(S32))
                .build());
        b.attributeSet(AttributeSet.builder("tc-fq-codel-attrs")
                .attr(1, "target", U32)
                .attr(2, "limit", U32)
                .attr(3, "interval", U32)
                .attr(4, "ecn", U32)
                .attr(5, "flows", U32)
                .attr(6, "quantum", U32)
                .attr(7, "ce-threshold", U32)
                .attr(8, "drop-batch-size", U32)
                .attr(9, "memory-limit", U32)
                .attr(10, "ce-threshold-selector", U8)
                .attr(11, "ce-threshold-mask", U8)
                .build());
        b.attributeSet(AttributeSet.builder("tc-fq-pie-attrs")
                .attr(1, "limit", U32)
                .attr(2, "flows", U32)
                .attr(3, "target", U32)
                .attr(4, "tupdate", U32)
                .attr(5, "alpha", U32)
                .attr(6, "beta", U32)
                .attr(7, "quantum", U32)
                .attr(8, "memory-limit", U32)
                .attr(9, "ecn-prob", U32)
                .attr(10, "ecn", U32)
                .attr(11, "bytemode", U32)
                .attr(12, "dq-rate-estimator", U32)
                .build());
        b.attributeSet(AttributeSet.builder("tc-netem-attrs")
                .attr(1, "corr", BINARY, a -> a.struct("tc-netem-corr"))
                .attr(2, "delay-dist", BINARY, a -> a.subType(S16))
                .attr(3, "reorder", BINARY, a -> a.struct("tc-netem-reorder"))
                .attr(4, "corrupt", BINARY, a -> a.struct("tc-netem-corrupt"))
                .nest(5, "loss", "tc-netem-loss-attrs")
                .attr(6, "rate", BINARY, a -> a.struct("tc-netem-rate"))
                .attr(7, "ecn", U32)
                .attr(8, "rate64", U64)
                .attr(9, "pad", U32)
                .attr(10, "latency64", S64)
                .attr(11, "jitter64", S64)
                .attr(12, "slot", BINARY, a -> a.struct("tc-netem-slot"))
                .attr(13, "slot-dist", BINARY, a -> a.subType(S16))
                .attr(14, "prng-seed", U64)
                .build());
        b.attributeSet(AttributeSet.builder("tc-netem-loss-attrs")
                .attr(1, "gi", BINARY, a -> a.struct("tc-netem-gimodel"))
                .attr(2, "ge", BINARY, a -> a.struct("tc-netem-gemodel"))
                .build());
        b.attributeSet(AttributeSet.builder("tc-pie-attrs")
                .attr(1, "target", U32)
                .attr(2, "limit", U32)
                .attr(3, "tupdate", U32)
                .attr(4, "alpha", U32)
                .attr(5, "beta", U32)
                .attr(6, "ecn", U32)
                .attr(7, "bytemode", U32)
                .attr(8, "dq-rate-estimator", U32)
                .build());
        b.attributeSet(AttributeSet.builder("tc-police-attrs")
                .attr(1, "tbf", BINARY, a -> a.struct("tc-police"))
                .attr(2, "rate", BINARY)
                .attr(3, "peakrate", BINARY)
                .attr(4, "avrate", U32)
                .attr(5, "result", U32)
                .attr(6, "tm", BINARY, a -> a.struct("tcf-t"))
                .attr(7, "pad", PAD)
                .attr(8, "rate64", U64)
                .attr(9, "peakrate64", U64)
                .attr(10, "pktrate64", U64)
                .attr(11, "pktburst64", U64)
                .build());
        b.attributeSet(AttributeSet.builder("tc-qfq-attrs")
                .attr(1, "weight", U32)
                .attr(2, "lmax", U32)
                .build());
        b.attributeSet(AttributeSet.builder("tc-red-attrs")
                .attr(1, "parms", BINARY, a -> a.struct("tc-red-qopt"))
                .attr(2, "stab", BINARY)
                .attr(3, "max-p", U32)
                .attr(4, "flags", BITFIELD32)
                .attr(5, "early-drop-block", U32)
                .attr(6, "mark-block", U32)
                .build());
        b.attributeSet(AttributeSet.builder("tc-route-attrs")
                .attr(1, "classid", U32)
                .attr(2, "to", U32)
                .attr(3, "from", U32)
                .attr(4, "iif", U32)
                .nest(5, "police", "tc-police-attrs")
                .attr(6, "act", INDEXED_ARRAY, a -> a.subType(NEST).nested("tc-act-attrs"))
                .build());
        b.attributeSet(AttributeSet.builder("tc-taprio-attrs")
                .attr(1, "priomap", BINARY, a -> a.struct("tc-mqprio-qopt"))
                .nest(2, "sched-entry-list", "tc-taprio-sched-entry-list")
                .attr(3, "sched-base-time", S64)
                .nest(4, "sched-single-entry", "tc-taprio-sched-entry")
                .attr(5, "sched-clockid", S32)
                .attr(6, "pad", PAD)
                .attr(7, "admin-sched", BINARY)
                .attr(8, "sched-cycle-time", S64)
                .attr(9, "sched-cycle-time-extension", S64)
                .attr(10, "flags", U32)
                .attr(11, "txtime-delay", U32)
                .nest(12, "tc-entry", "tc-taprio-tc-entry-attrs")
                .build());
        b.attributeSet(AttributeSet.builder("tc-taprio-sched-entry-list")
                .nest(1, "entry", "tc-taprio-sched-entry")
                .build());
        b.attributeSet(AttributeSet.builder("tc-taprio-sched-entry")
                .attr(1, "index", U32)
                .attr(2, "cmd", U8)
                .attr(3, "gate-mask", U32)
                .attr(4, "interval", U32)
                .build());
        b.attributeSet(AttributeSet.builder("tc-taprio-tc-entry-attrs")
                .attr(1, "index", U32)
                .attr(2, "max-sdu", U32)
                .attr(3, "fp", U32)
                .build());
        b.attributeSet(AttributeSet.builder("tc-tbf-attrs")
                .attr(1, "parms", BINARY, a -> a.struct("tc-tbf-qopt"))
                .attr(2, "rtab", BINARY)
                .attr(3, "ptab", BINARY)
                .attr(4, "rate64", U64)
                .attr(5, "prate64", U64)
                .attr(6, "burst", U32)
                .attr(7, "pburst", U32)
                .attr(8, "pad", PAD)
                .build());
        b.attributeSet(AttributeSet.builder("tc-act-sample-attrs")
                .attr(1, "tm", BINARY, a -> a.struct("tcf-t"))
                .attr(2, "parms", BINARY, a -> a.struct("tc-gen"))
                .attr(3, "rate", U32)
                .attr(4, "trunc-size", U32)
                .attr(5, "psample-group", U32)
                .attr(6, "pad", PAD)
                .build());
        b.attributeSet(AttributeSet.builder("tc-act-gact-attrs")
                .attr(1, "tm", BINARY, a -> a.struct("tcf-t"))
                .attr(2, "parms", BINARY, a -> a.struct("tc-gen"))
                .attr(3, "prob", BINARY, a -> a.struct("tc-gact-p"))
                .attr(4, "pad", PAD)
                .build());
        b.attributeSet(AttributeSet.builder("tca-stab-attrs")
                .attr(1, "base", BINARY, a -> a.struct("tc-sizespec"))
                .attr(2, "data", BINARY)
                .build());
        b.attributeSet(AttributeSet.builder("tca-stats-attrs")
                .attr(1, "basic", BINARY, a -> a.struct("gnet-stats-basic"))
                .attr(2, "rate-est", BINARY, a -> a.struct("gnet-stats-rate-est"))
                .attr(3, "queue", BINARY, a -> a.struct("gnet-stats-queue"))
                .attr(4, "app", BINARY)
                .attr(5, "rate-est64", BINARY, a -> a.struct("gnet-stats-rate-est64"))
                .attr(6, "pad", PAD)
                .attr(7, "basic-hw", BINARY, a -> a.struct("gnet-stats-basic"))
                .attr(8, "pkt64", U64)
                .build());
        b.attributeSet(AttributeSet.builder("tc-u32-attrs")
                .attr(1, "classid", U32)
                .attr(2, "hash", U32)
                .attr(3, "link", U32)
                .attr(4, "divisor", U32)
                .attr(5, "sel", BINARY)
                .nest(6, "police", "tc-police-attrs")
                .attr(7, "act", INDEXED_ARRAY, a -> a.subType(NEST).nested("tc-act-attrs"))
                .attr(8, "indev", STRING)
                .attr(9, "pcnt", BINARY)
                .attr(10, "mark", BINARY, a -> a.struct("tc-u32-mark"))
                .attr(11, "flags", U32)
                .attr(12, "pad", PAD)
                .build());    }

    private static void subMessages(Schema.Builder b) {
        b.subMessage(subMessage("tc-options-msg",
                format("basic", "tc-basic-attrs", null),
                format("bpf", "tc-bpf-attrs", null),
                format("bfifo", null, "tc-fifo-qopt"),
                format("cake", "tc-cake-attrs", null),
                format("cbs", "tc-cbs-attrs", null),
                format("cgroup", "tc-cgroup-attrs", null),
                format("choke", "tc-choke-attrs", null),
                format("clsact", null, null),
                format("codel", "tc-codel-attrs", null),
                format("drr", "tc-drr-attrs", null),
                format("etf", "tc-etf-attrs", null),
                format("ets", "tc-ets-attrs", null),
                format("flow", "tc-flow-attrs", null),
                format("flower", "tc-flower-attrs", null),
                format("fq", "tc-fq-attrs", null),
                format("fq_codel", "tc-fq-codel-attrs", null),
                format("fq_pie", "tc-fq-pie-attrs", null),
                format("fw", "tc-fw-attrs", null),
                format("gred", "tc-gred-attrs", null),
                format("hfsc", null, "tc-hfsc-qopt"),
                format("hhf", "tc-hhf-attrs", null),
                format("htb", "tc-htb-attrs", null),
                format("ingress", null, null),
                format("matchall", "tc-matchall-attrs", null),
                format("mq", null, null),
                format("mqprio", null, "tc-mqprio-qopt"),
                format("multiq", null, "tc-multiq-qopt"),
                format("netem", "tc-netem-attrs", "tc-netem-qopt"),
                format("pfifo", null, "tc-fifo-qopt"),
                format("pfifo_fast", null, "tc-prio-qopt"),
                format("pfifo_head_drop", null, "tc-fifo-qopt"),
                format("pie", "tc-pie-attrs", null),
                format("plug", null, "tc-plug-qopt"),
                format("prio", null, "tc-prio-qopt"),
                format("qfq", "tc-qfq-attrs", null),
                format("red", "tc-red-attrs", null),
                format("route", "tc-route-attrs", null),
                format("sfb", null, "tc-sfb-qopt"),
                format("sfq", null, "tc-sfq-qopt-v1"),
                format("taprio", "tc-taprio-attrs", null),
                format("tbf", "tc-tbf-attrs", null),
                format("u32", "tc-u32-attrs", null)));
        b.subMessage(subMessage("tc-act-options-msg",
                format("bpf", "tc-act-bpf-attrs", null),
                format("connmark", "tc-act-connmark-attrs", null),
                format("csum", "tc-act-csum-attrs", null),
                format("ct", "tc-act-ct-attrs", null),
                format("ctinfo", "tc-act-ctinfo-attrs", null),
                format("gact", "tc-act-gact-attrs", null),
                format("gate", "tc-act-gate-attrs", null),
                format("ife", "tc-act-ife-attrs", null),
                format("mirred", "tc-act-mirred-attrs", null),
                format("mpls", "tc-act-mpls-attrs", null),
                format("nat", "tc-act-nat-attrs", null),
                format("pedit", "tc-act-pedit-attrs", null),
                format("police", "tc-act-police-attrs", null),
                format("sample", "tc-act-sample-attrs", null),
                format("simple", "tc-act-simple-attrs", null),
                format("skbedit", "tc-act-skbedit-attrs", null),
                format("skbmod", "tc-act-skbmod-attrs", null),
                format("tunnel_key", "tc-act-tunnel-key-attrs", null),
                format("vlan", "tc-act-vlan-attrs", null)));
        b.subMessage(subMessage("tca-stats-app-msg",
                format("cake", "tc-cake-stats-attrs", null),
                format("choke", null, "tc-choke-xstats"),
                format("codel", null, "tc-codel-xstats"),
                format("fq", null, "tc-fq-qd-stats"),
                format("fq_codel", null, "tc-fq-codel-xstats"),
                format("fq_pie", null, "tc-fq-pie-xstats"),
                format("hhf", null, "tc-hhf-xstats"),
                format("pie", null, "tc-pie-xstats"),
                format("red", null, "tc-red-xstats"),
                format("sfb", null, "tc-sfb-xstats"),
                format("sfq", null, "tc-sfq-xstats"),
                format("htb", null, "tc-htb-xstats")));    }
}
