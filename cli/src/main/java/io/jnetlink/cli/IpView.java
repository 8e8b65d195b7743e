package io.jnetlink.cli;

import io.jnetlink.message.Attributes;
import io.jnetlink.route.Address;
import io.jnetlink.route.Inet;
import io.jnetlink.route.Link;
import io.jnetlink.route.Neighbour;
import io.jnetlink.route.Route;
import io.jnetlink.route.Rtnl;
import io.jnetlink.route.Rule;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * rtnetlink objects as {@code ip} (iproute2 6.1) shows them: with {@link #link}, {@link #address}, {@link #route},
 * {@link #neighbour} and {@link #rule} the keys and values {@code ip -j} prints, in its order and with its
 * omissions; with the {@code *Text} methods ip's text built from those maps. Device names come from the links it
 * knows (ifindex to name, "ifN" for an unknown one).
 */
final class IpView {
    private static final int RT_TABLE_MAIN = 254;
    private static final int RTM_F_CLONED = 0x200;

    /** IFF_* flags in the order ip prints them (RUNNING is shown as NO-CARRIER's absence). */
    private static final Object[][] IFF = {{"LOOPBACK", 0x8}, {"BROADCAST", 0x2}, {"POINTOPOINT", 0x10},
        {"MULTICAST", 0x1000}, {"NOARP", 0x80}, {"ALLMULTI", 0x200}, {"PROMISC", 0x100}, {"MASTER", 0x400},
        {"SLAVE", 0x800}, {"DEBUG", 0x4}, {"DYNAMIC", 0x8000}, {"AUTOMEDIA", 0x4000}, {"PORTSEL", 0x2000},
        {"NOTRAILERS", 0x20}, {"UP", 0x1}, {"LOWER_UP", 0x10000}, {"DORMANT", 0x20000}, {"ECHO", 0x40000}};
    /** IFA_F_* flags in ip's order; PERMANENT is shown as "dynamic" when absent. */
    private static final Object[][] IFA = {{"secondary", 0x1}, {"nodad", 0x2}, {"optimistic", 0x4},
        {"dadfailed", 0x8}, {"home", 0x10}, {"deprecated", 0x20}, {"tentative", 0x40}, {"permanent", 0x80},
        {"mngtmpaddr", 0x100}, {"noprefixroute", 0x200}, {"autojoin", 0x400}, {"stable-privacy", 0x800}};
    /** rtm_flags and RTNH_F_* in ip's order. */
    private static final Object[][] RT_FLAGS = {{"dead", 0x1}, {"onlink", 0x4}, {"pervasive", 0x2},
        {"offload", 0x8}, {"trap", 0x40}, {"notify", 0x100}, {"linkdown", 0x10}, {"unresolved", 0x20},
        {"rt_offload", 0x4000}, {"rt_trap", 0x8000}, {"rt_offload_failed", 0x20000000}};
    /** RTCF_* flags of a cloned IPv4 route ({@code route get}) in ip's order and words. */
    private static final Object[][] RTCF = {{"local", 0x80000000}, {"reject", 0x40000000}, {"mc", 0x20000000},
        {"brd", 0x10000000}, {"dst-nat", 0x08000000}, {"src-nat", 0x00800000}, {"masq", 0x00400000},
        {"dst-direct", 0x00020000}, {"src-direct", 0x04000000}, {"redirected", 0x00040000},
        {"redirect", 0x01000000}, {"fastroute", 0x00200000}, {"notify", 0x00010000}, {"proxy", 0x00080000}};
    /** RTA_METRICS that ip prints as plain numbers, by the library's name and ip's. */
    private static final String[][] METRICS = {{"mtu", "mtu"}, {"window", "window"}, {"ssthresh", "ssthresh"},
        {"cwnd", "cwnd"}, {"advmss", "advmss"}, {"reordering", "reordering"}, {"hoplimit", "hoplimit"},
        {"initcwnd", "initcwnd"}, {"initrwnd", "initrwnd"}, {"quickack", "quickack"},
        {"fastopen-no-cookie", "fastopen_no_cookie"}};

    private final Map<Integer, Link> links = new HashMap<>();

    IpView(Collection<Link> known) {
        known.forEach(this::put);
    }

    /** Learns (or updates) a link. */
    void put(Link l) {
        links.put(l.index(), l);
    }

    /** Forgets a link. */
    void remove(int index) {
        links.remove(index);
    }

    /** The name of device {@code index}, as ip's ll_index_to_name. */
    String name(int index) {
        Link l = links.get(index);
        return l != null ? l.name() : "if" + index;
    }

    // ------------------------------------------------------------------ links

    /** The "txqlen" key of device {@code index} as ip prints it: present when not 0. */
    Map<String, Object> txqlen(int index) {
        Link l = links.get(index);
        return l == null || l.txqlen() == 0 ? Map.of() : Map.of("txqlen", l.txqlen());
    }

    /**
     * The keys of {@code ip -j link show} ({@code linkShow}) or of a link in {@code ip -j addr show} (no linkmode);
     * with {@code linkLayer} false (a family filter of {@code ip addr}) without link_type, address and broadcast.
     */
    Map<String, Object> link(Link l, boolean linkShow, boolean linkLayer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ifindex", l.index());
        boolean mdown = false;
        if (l.link() != 0) {
            if (l.linkNetnsid() != null) {
                m.put("link_index", l.link());
            } else {
                m.put("link", name(l.link()));
                Link lower = links.get(l.link());
                mdown = lower != null && !lower.isUp();
            }
        }
        m.put("ifname", l.name());
        m.put("flags", linkFlags(l.flags(), mdown));
        m.put("mtu", l.mtu());
        if (l.qdisc() != null) {
            m.put("qdisc", l.qdisc());
        }
        if (l.master() != 0) {
            m.put("master", name(l.master()));
        }
        m.put("operstate", l.operstateName());
        if (linkShow && l.linkmode() != null) {
            m.put("linkmode", switch (l.linkmode()) {
                case 0 -> "DEFAULT";
                case 1 -> "DORMANT";
                case 2 -> "TESTING";
                default -> l.linkmode();
            });
        }
        m.put("group", l.group() == 0 ? "default" : Integer.toString(l.group()));
        if (l.txqlen() != 0) {
            m.put("txqlen", l.txqlen());
        }
        if (linkLayer) {
            m.put("link_type", l.linkType());
            if (l.address() != null) {
                m.put("address", l.address());
            }
            if (l.broadcast() != null) {
                if ((l.flags() & 0x10) == 0) {
                    m.put("broadcast", l.broadcast());
                } else {
                    m.put("peer", l.broadcast());
                    m.put("link_pointtopoint", true);
                }
            }
        }
        if (l.linkNetnsid() != null) {
            m.put("link_netnsid", l.linkNetnsid());
        }
        return m;
    }

    static List<String> linkFlags(int flags, boolean mdown) {
        List<String> out = new ArrayList<>();
        if ((flags & 0x1) != 0 && (flags & 0x40) == 0) {
            out.add("NO-CARRIER");
        }
        int left = flags & ~0x40;
        for (Object[] f : IFF) {
            int bit = (Integer) f[1];
            if ((left & bit) != 0) {
                out.add((String) f[0]);
                left &= ~bit;
            }
        }
        if (left != 0) {
            out.add(Integer.toHexString(left));
        }
        if (mdown) {
            out.add("M-DOWN");
        }
        return out;
    }

    /** ip's two lines of a link: "3: v0@v1: <FLAGS> mtu ..." and "    link/ether ...". */
    static String linkText(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder();
        sb.append(m.get("ifindex")).append(": ").append(m.get("ifname"));
        if (m.containsKey("link")) {
            sb.append('@').append(m.get("link"));
        } else if (m.containsKey("link_index")) {
            sb.append("@if").append(m.get("link_index"));
        }
        sb.append(": <").append(String.join(",", strings(m.get("flags")))).append("> mtu ").append(m.get("mtu"));
        words(sb, m, "qdisc", "qdisc", "master", "master", "operstate", "state", "linkmode", "mode", "group", "group",
                "txqlen", "qlen");
        if (m.containsKey("link_type")) {
            sb.append("\n    link/").append(m.get("link_type"));
            words(sb, m, "address", "", "broadcast", "brd", "peer", "peer");
        }
        words(sb, m, "link_netnsid", "link-netnsid");
        if (m.containsKey("promiscuity")) {
            detailsText(sb, m);
        }
        if (m.containsKey("ifalias")) {
            sb.append("\n    alias ").append(m.get("ifalias"));
        }
        if (m.get("stats64") instanceof Map<?, ?> st) {
            statsText(sb, st);
        }
        return sb.toString();
    }

    /** IFLA_* attributes {@code ip -d} prints as numbers, by the library's name and ip's JSON key and text word. */
    private static final String[][] DETAILS = {{"num-tx-queues", "num_tx_queues", "numtxqueues"},
        {"num-rx-queues", "num_rx_queues", "numrxqueues"}, {"gso-max-size", "gso_max_size", "gso_max_size"},
        {"gso-max-segs", "gso_max_segs", "gso_max_segs"}, {"tso-max-size", "tso_max_size", "tso_max_size"},
        {"tso-max-segs", "tso_max_segs", "tso_max_segs"}, {"gro-max-size", "gro_max_size", "gro_max_size"}};
    private static final String[] ADDR_GEN_MODES = {"eui64", "none", "stable_secret", "random"};

    /**
     * Adds what {@code ip} prints after a link's own keys, from the link's raw attributes {@code a}: with
     * {@code details} ({@code -d}) promiscuity, allmulti, MTU limits, the kind (not its data), the IPv6 address
     * generation mode, queue counts and GSO/TSO/GRO limits, parent bus and device; then the alias; with
     * {@code stats} > 0 ({@code -s}) the IFLA_STATS64 counters (more of them with 2).
     */
    static void linkExtras(Map<String, Object> m, Attributes a, boolean details, int stats) {
        linkExtras(m, a, details, true);
        stats(m, a, stats);
    }

    /** {@link #linkExtras} without the counters, and with the alias only when {@code alias} (ip addr leaves it out). */
    static void linkExtras(Map<String, Object> m, Attributes a, boolean details, boolean alias) {
        if (a == null) {
            return;
        }
        if (details) {
            m.put("promiscuity", a.getLong("promiscuity", 0));
            if (a.has("allmulti")) {
                m.put("allmulti", a.getLong("allmulti", 0));
            }
            if (a.has("min-mtu")) {
                m.put("min_mtu", a.getLong("min-mtu", 0));
            }
            if (a.has("max-mtu")) {
                m.put("max_mtu", a.getLong("max-mtu", 0));
            }
            Attributes info = a.nested("linkinfo");
            if (info != null) {
                Map<String, Object> li = new LinkedHashMap<>();
                if (info.has("kind")) {
                    li.put("info_kind", info.getString("kind"));
                }
                if (info.has("slave-kind")) {
                    li.put("info_slave_kind", info.getString("slave-kind"));
                }
                m.put("linkinfo", li);
            }
            Attributes af = a.nested("af-spec");
            Attributes inet6 = af == null ? null : af.nested("inet6");
            if (inet6 != null && inet6.has("addr-gen-mode")) {
                int mode = (int) inet6.getLong("addr-gen-mode", 0);
                m.put("inet6_addr_gen_mode", mode < ADDR_GEN_MODES.length ? ADDR_GEN_MODES[mode] : "unknown_" + mode);
            }
            for (String[] d : DETAILS) {
                if (a.has(d[0])) {
                    m.put(d[1], a.getLong(d[0], 0));
                }
            }
            if (a.has("parent-dev-bus-name")) {
                m.put("parentbus", a.getString("parent-dev-bus-name"));
            }
            if (a.has("parent-dev-name")) {
                m.put("parentdev", a.getString("parent-dev-name"));
            }
        }
        if (alias && a.has("ifalias")) {
            m.put("ifalias", a.getString("ifalias"));
        }
    }

    /** With {@code stats} > 0 ({@code -s}), ip's "stats64" of the link's raw attributes {@code a}. */
    static void stats(Map<String, Object> m, Attributes a, int stats) {
        if (a != null && stats > 0 && a.get("stats64") instanceof Map<?, ?> st) {
            m.put("stats64", stats64(st, stats > 1, a.has("carrier-changes") ? a.getLong("carrier-changes", 0) : null));
        }
    }

    /** ip's "rx" object of "stats64", which also carries rx_missed_errors for the text's "missed" column. */
    private static final class RxStats extends LinkedHashMap<String, Object> {
        private static final long serialVersionUID = 1L;
        private final transient Object missed;

        RxStats(Object missed) {
            this.missed = missed == null ? 0L : missed;
        }
    }

    /** ip's "stats64" object: "rx" and "tx" with its key names, the error details with -s -s. */
    private static Map<String, Object> stats64(Map<?, ?> st, boolean more, Long carrierChanges) {
        RxStats rx = new RxStats(st.get("rx-missed-errors"));
        put(rx, st, "bytes", "rx-bytes", "packets", "rx-packets", "errors", "rx-errors", "dropped", "rx-dropped",
                "over_errors", "rx-over-errors", "multicast", "multicast");
        nonZero(rx, st, "compressed", "rx-compressed");
        if (more) {
            put(rx, st, "length_errors", "rx-length-errors", "crc_errors", "rx-crc-errors", "frame_errors",
                    "rx-frame-errors", "fifo_errors", "rx-fifo-errors", "missed_errors", "rx-missed-errors");
            nonZero(rx, st, "nohandler", "rx-nohandler");
            nonZero(rx, st, "otherhost_dropped", "rx-otherhost-dropped");
        }
        Map<String, Object> tx = new LinkedHashMap<>();
        put(tx, st, "bytes", "tx-bytes", "packets", "tx-packets", "errors", "tx-errors", "dropped", "tx-dropped",
                "carrier_errors", "tx-carrier-errors", "collisions", "collisions");
        nonZero(tx, st, "compressed", "tx-compressed");
        if (more) {
            put(tx, st, "aborted_errors", "tx-aborted-errors", "fifo_errors", "tx-fifo-errors", "window_errors",
                    "tx-window-errors", "heartbeat_errors", "tx-heartbeat-errors");
            if (carrierChanges != null) {
                tx.put("carrier_changes", carrierChanges);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rx", rx);
        out.put("tx", tx);
        return out;
    }

    private static void put(Map<String, Object> to, Map<?, ?> st, String... keyName) {
        for (int i = 0; i < keyName.length; i += 2) {
            Object v = st.get(keyName[i + 1]);
            to.put(keyName[i], v == null ? 0L : v);
        }
    }

    private static void nonZero(Map<String, Object> to, Map<?, ?> st, String key, String name) {
        if (st.get(name) instanceof Number n && n.longValue() != 0) {
            to.put(key, n);
        }
    }

    /** The end of line 2 of {@code ip -d link} and the kind's line, from the keys {@link #linkExtras} put. */
    private static void detailsText(StringBuilder sb, Map<String, Object> m) {
        sb.append(" promiscuity ").append(m.get("promiscuity")).append(' ');
        if (m.containsKey("allmulti")) {
            sb.append(" allmulti ").append(m.get("allmulti"));
        }
        words(sb, m, "min_mtu", "minmtu", "max_mtu", "maxmtu");
        if (m.get("linkinfo") instanceof Map<?, ?> li) {
            if (li.containsKey("info_kind")) {
                sb.append("\n    ").append(li.get("info_kind"));
            }
            if (li.containsKey("info_slave_kind")) {
                sb.append("\n    ").append(li.get("info_slave_kind")).append("_slave");
            }
        }
        words(sb, m, "inet6_addr_gen_mode", "addrgenmode");
        for (String[] d : DETAILS) {
            words(sb, m, d[1], d[2]);
        }
        words(sb, m, "parentbus", "parentbus", "parentdev", "parentdev");
    }

    /** ip's -s block: RX and TX headers and counters in columns sized as ip sizes them. */
    static void statsText(StringBuilder sb, Map<?, ?> st) {
        Map<?, ?> rx = (Map<?, ?>) st.get("rx");
        Map<?, ?> tx = (Map<?, ?>) st.get("tx");
        boolean more = rx.containsKey("length_errors");
        Map<Object, Object> rxAll = new LinkedHashMap<>(rx);
        rxAll.put("missed", rx instanceof RxStats r ? r.missed : 0L);
        rx = rxAll;
        int[] cols = {10, 7, 6, 7, 7, 7, 10, 9};
        size(cols, rx, "bytes", "packets", "errors", "dropped", "missed", "multicast", "compressed");
        if (more) {
            size(cols, rx, null, "length_errors", "crc_errors", "frame_errors", "fifo_errors", "over_errors",
                    "nohandler");
        }
        size(cols, tx, "bytes", "packets", "errors", "dropped", "carrier_errors", "collisions", "compressed");
        if (more) {
            size(cols, tx, null, "aborted_errors", "fifo_errors", "window_errors", "heartbeat_errors",
                    "carrier_changes");
        }
        header(sb, "\n    RX: ", cols, cols[0] - 4, "bytes", "packets", "errors", "dropped", "missed", "mcast",
                rx.containsKey("compressed") ? "compressed" : "");
        sb.append("\n   ");
        nums(sb, cols, 0, rx, "bytes", "packets", "errors", "dropped", "missed", "multicast", "compressed");
        if (more) {
            header(sb, "\n    RX errors:", cols, cols[0] - 10, "", "length", "crc", "frame", "fifo", "overrun",
                    rx.containsKey("nohandler") ? "nohandler" : "");
            sb.append('\n').append(" ".repeat(cols[0] + 4));
            nums(sb, cols, 1, rx, "length_errors", "crc_errors", "frame_errors", "fifo_errors", "over_errors",
                    "nohandler");
        }
        header(sb, "\n    TX: ", cols, cols[0] - 4, "bytes", "packets", "errors", "dropped", "carrier", "collsns",
                tx.containsKey("compressed") ? "compressed" : "");
        sb.append("\n   ");
        nums(sb, cols, 0, tx, "bytes", "packets", "errors", "dropped", "carrier_errors", "collisions", "compressed");
        if (more) {
            header(sb, "\n    TX errors:", cols, cols[0] - 10, "", "aborted", "fifo", "window", "heartbt",
                    tx.containsKey("carrier_changes") ? "transns" : "");
            sb.append('\n').append(" ".repeat(cols[0] + 4));
            nums(sb, cols, 1, tx, "aborted_errors", "fifo_errors", "window_errors", "heartbeat_errors",
                    "carrier_changes");
        }
    }

    /**
     * A header line: {@code start}, then the first title right-aligned in {@code first} columns and each further
     * title in its column's width, one blank before each (ip's "%*s %*s ...").
     */
    private static void header(StringBuilder sb, String start, int[] cols, int first, String... titles) {
        sb.append(start);
        for (int i = 0; i < titles.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            int w = i == 0 ? first : cols[i];
            sb.append(" ".repeat(Math.max(0, w - titles[i].length()))).append(titles[i]);
        }
        while (sb.charAt(sb.length() - 1) == ' ') {
            sb.setLength(sb.length() - 1);
        }
    }

    /** Widens each column to the digits of the value under it, as ip's size_columns. */
    private static void size(int[] cols, Map<?, ?> values, String... keys) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null && values.get(keys[i]) instanceof Number n) {
                cols[i] = Math.max(cols[i], Long.toUnsignedString(n.longValue()).length());
            }
        }
    }

    private static void nums(StringBuilder sb, int[] cols, int first, Map<?, ?> values, String... keys) {
        for (int i = 0; i < keys.length; i++) {
            if (values.get(keys[i]) instanceof Number n) {
                sb.append(' ');
                String v = Long.toUnsignedString(n.longValue());
                sb.append(" ".repeat(Math.max(0, cols[first + i] - v.length()))).append(v);
            }
        }
    }

    /** The keys of {@code ip -br -j link}: lower link, name, operstate, address, flags. */
    Map<String, Object> linkBrief(Link l) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> full = link(l, true, true);
        for (String k : new String[] {"link", "link_index", "ifname", "operstate", "address", "flags"}) {
            if (full.containsKey(k)) {
                m.put(k, full.get(k));
            }
        }
        return m;
    }

    /** ip's brief line of a link: name (with @lower), state, address, flags, or addresses. */
    static String briefText(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder();
        String name = (String) m.get("ifname");
        if (m.containsKey("link")) {
            name += "@" + m.get("link");
        } else if (m.containsKey("link_index")) {
            name += "@if" + m.get("link_index");
        }
        sb.append(String.format("%-16s %-14s", name, m.get("operstate")));
        if (m.containsKey("addr_info")) {
            for (Object o : (List<?>) m.get("addr_info")) {
                Map<?, ?> a = (Map<?, ?>) o;
                sb.append(' ').append(a.get("local")).append('/').append(a.get("prefixlen"));
            }
        } else {
            if (m.containsKey("address")) {
                sb.append(' ').append(m.get("address"));
            }
            sb.append(" <").append(String.join(",", strings(m.get("flags")))).append('>');
        }
        return sb.toString().stripTrailing();
    }

    // ------------------------------------------------------------------ addresses

    /** The keys of one {@code addr_info} entry of {@code ip -j addr show}. */
    Map<String, Object> address(Address a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", a.familyName());
        m.put("local", Inet.format(a.local()));
        if (a.peer() != null) {
            m.put("address", Inet.format(a.peer()));
        }
        m.put("prefixlen", a.prefixlen());
        if (a.broadcast() != null) {
            m.put("broadcast", Inet.format(a.broadcast()));
        }
        m.put("scope", a.scopeName());
        for (Object[] f : IFA) {
            int bit = (Integer) f[1];
            if (bit == 0x80) {
                if ((a.flags() & bit) == 0) {
                    m.put("dynamic", true);
                }
            } else if ((a.flags() & bit) != 0) {
                m.put(bit == 0x1 && a.family() == Rtnl.AF_INET6 ? "temporary" : (String) f[0], true);
            }
        }
        if (a.label() != null) {
            m.put("label", a.label());
        }
        m.put("valid_life_time", a.validLifetime());
        m.put("preferred_life_time", a.preferredLifetime());
        return m;
    }

    /** ip's two lines of an address: "    inet 10.0.0.1/24 brd ... scope global v0" and its lifetimes. */
    static String addressText(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder("    ").append(m.get("family")).append(' ').append(m.get("local"));
        if (m.containsKey("address")) {
            sb.append(" peer ").append(m.get("address"));
        }
        sb.append('/').append(m.get("prefixlen"));
        words(sb, m, "broadcast", "brd", "scope", "scope");
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (Boolean.TRUE.equals(e.getValue())) {
                sb.append(' ').append(e.getKey());
            }
        }
        words(sb, m, "label", "");
        sb.append("\n       valid_lft ").append(lifetime(m.get("valid_life_time")))
                .append(" preferred_lft ").append(lifetime(m.get("preferred_life_time")));
        return sb.toString();
    }

    private static String lifetime(Object seconds) {
        return ((Long) seconds) == 0xffffffffL ? "forever" : seconds + "sec";
    }

    // ------------------------------------------------------------------ routes

    /**
     * Which keys of a route a show prints: ip leaves out what the command's selection fixes.
     *
     * @param table    whether a table other than main is printed (left out when the command named one)
     * @param dev      whether "dev" is (left out under a dev filter)
     * @param protocol whether "protocol" may be (left out under a proto filter)
     * @param details  {@code ip -d}: type, protocol and scope always
     */
    record RouteKeys(boolean table, boolean dev, boolean protocol, boolean details) {
    }

    /** The keys of {@code ip -j route show}, with the table and device as {@code tableShown} and {@code devShown}. */
    Map<String, Object> route(Route r, boolean tableShown, boolean devShown) {
        Map<String, Object> m = new LinkedHashMap<>();
        route(r, new RouteKeys(tableShown, devShown, true, false), m::put);
        return m;
    }

    /** Where a view puts an object's keys, in ip's order: a map, or JSON written directly ({@link Main.Printer}). */
    @FunctionalInterface
    interface Sink {
        /**
         * Puts one key.
         *
         * @param key   ip's JSON key
         * @param value its value (text, number, list, map)
         */
        void put(String key, Object value);
    }

    /** The keys of {@code ip -j route show} that {@code shown} prints, put into {@code m} as they are made. */
    void route(Route r, RouteKeys shown, Sink m) {
        boolean details = shown.details();
        if (r.type() != 1 || details) {
            m.put("type", r.typeName());
        }
        m.put("dst", r.dstText());
        int hostLen = r.family() == Rtnl.AF_INET6 ? 128 : 32;
        if (r.src() != null) {
            if (r.srcLen() != hostLen) {
                m.put("src", Inet.format(r.src()) + "/" + r.srcLen());
            } else {
                m.put("from", Inet.format(r.src()));
            }
        } else if (r.srcLen() != 0) {
            m.put("src", "0/" + r.srcLen());
        }
        if (r.nhId() != null) {
            m.put("nhid", r.nhId());
        }
        if (r.gateway() != null) {
            m.put("gateway", Inet.format(r.gateway()));
        }
        if (r.oif() != 0 && shown.dev()) {
            m.put("dev", name(r.oif()));
        }
        if (shown.table() && r.table() != 0 && (r.table() != RT_TABLE_MAIN || details)) {
            m.put("table", r.tableName());
        }
        if ((r.flags() & RTM_F_CLONED) == 0) {
            if ((r.protocol() != 3 || details) && shown.protocol()) {
                m.put("protocol", r.protocolName());
            }
            if (r.scope() != 0 || details) {
                m.put("scope", r.scopeName());
            }
        }
        if (r.prefsrc() != null) {
            m.put("prefsrc", Inet.format(r.prefsrc()));
        }
        if (r.priority() != null) {
            m.put("metric", r.priority());
        }
        m.put("flags", routeFlags(r.flags()));
        if (r.mark() != null && r.mark() != 0) {
            m.put("mark", "0x" + Long.toHexString(r.mark()));
        }
        if (r.uid() != null) {
            m.put("uid", r.uid());
        }
        if ((r.flags() & RTM_F_CLONED) != 0 && r.family() == Rtnl.AF_INET) {
            List<String> cache = new ArrayList<>();
            for (Object[] f : RTCF) {
                if ((r.flags() & (Integer) f[1]) != 0) {
                    cache.add((String) f[0]);
                }
            }
            m.put("cache", cache);
        }
        if (!r.metrics().isEmpty()) {
            Map<String, Object> metrics = new LinkedHashMap<>();
            for (String[] x : METRICS) {
                Object v = r.metrics().get(x[0]);
                if (v != null && !(x[0].equals("hoplimit") && ((Number) v).intValue() == -1)) {
                    metrics.put(x[1], v);
                }
            }
            if (!metrics.isEmpty()) {
                m.put("metrics", List.of(metrics));
            }
        }
        if (r.iif() != 0) {
            m.put("iif", name(r.iif()));
        }
        if (r.pref() != null) {
            m.put("pref", switch (r.pref()) {
                case 0 -> "medium";
                case 1 -> "high";
                case 3 -> "low";
                default -> r.pref();
            });
        }
        if (!r.multipath().isEmpty()) {
            List<Object> hops = new ArrayList<>();
            for (Route.NextHop h : r.multipath()) {
                Map<String, Object> hm = new LinkedHashMap<>();
                if (h.gateway() != null) {
                    hm.put("gateway", Inet.format(h.gateway()));
                }
                if (h.oif() != 0) {
                    hm.put("dev", name(h.oif()));
                }
                hm.put("weight", h.weight());
                hm.put("flags", routeFlags(h.flags()));
                hops.add(hm);
            }
            m.put("nexthops", hops);
        }
    }

    static List<String> routeFlags(int flags) {
        if (flags == 0) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object[] f : RT_FLAGS) {
            if ((flags & (Integer) f[1]) != 0) {
                out.add((String) f[0]);
            }
        }
        return out;
    }

    /** ip's text of a route: "10.0.0.0/24 via 10.0.0.2 dev v0 proto static metric 5 linkdown", next hops below. */
    static String routeText(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder();
        words(sb, m, "type", "", "dst", "", "src", "from", "from", "from", "nhid", "nhid", "gateway", "via",
                "dev", "dev", "table", "table", "protocol", "proto", "scope", "scope", "prefsrc", "src",
                "metric", "metric");
        flagWords(sb, m.get("flags"));
        words(sb, m, "mark", "mark", "uid", "uid");
        if (m.get("metrics") instanceof List<?> l) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) l.get(0)).entrySet()) {
                sb.append(' ').append(e.getKey()).append(' ').append(e.getValue());
            }
        }
        words(sb, m, "iif", "iif", "pref", "pref");
        if (m.get("nexthops") instanceof List<?> hops) {
            for (Object o : hops) {
                @SuppressWarnings("unchecked")
                Map<String, Object> h = (Map<String, Object>) o;
                sb.append("\n\tnexthop");
                words(sb, h, "gateway", "via", "dev", "dev", "weight", "weight");
                flagWords(sb, h.get("flags"));
            }
        }
        if (m.get("cache") instanceof List<?> cache) {
            sb.append("\n    cache");
            if (!cache.isEmpty()) {
                sb.append(" <").append(String.join(",", strings(cache))).append('>');
            }
        }
        return sb.toString().strip();
    }

    // ------------------------------------------------------------------ neighbours

    /** The keys of {@code ip -j neigh show}; {@code devShown} false under a dev filter. */
    Map<String, Object> neighbour(Neighbour n, boolean devShown) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (n.dst() != null) {
            m.put("dst", Inet.format(n.dst()));
        }
        if (devShown && n.index() != 0) {
            m.put("dev", name(n.index()));
        }
        if (n.lladdr() != null) {
            m.put("lladdr", n.lladdr());
        }
        if ((n.flags() & 0x80) != 0) {
            m.put("router", null);
        }
        if ((n.flags() & 0x08) != 0) {
            m.put("proxy", null);
        }
        if ((n.flags() & 0x10) != 0) {
            m.put("extern_learn", null);
        }
        if ((n.flags() & 0x20) != 0) {
            m.put("offload", null);
        }
        if (n.state() != 0) {
            m.put("state", n.stateNames());
        }
        return m;
    }

    /** Whether {@code ip neigh show} lists the entry: any state but NOARP and NONE, or a proxy or learned one. */
    static boolean shownByDefault(Neighbour n) {
        return (n.state() & 0xff & ~0x40) != 0 || (n.flags() & (0x08 | 0x10)) != 0;
    }

    /** ip's text of a neighbour: "10.0.0.9 dev v0 lladdr 02:00:00:00:00:09 PERMANENT". */
    static String neighbourText(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder();
        words(sb, m, "dst", "", "dev", "dev", "lladdr", "lladdr");
        for (String k : List.of("router", "proxy", "extern_learn", "offload")) {
            if (m.containsKey(k)) {
                sb.append(' ').append(k);
            }
        }
        flagWords(sb, m.get("state"));
        return sb.toString().strip();
    }

    // ------------------------------------------------------------------ rules

    /** The keys of {@code ip -j rule show}. */
    Map<String, Object> rule(Rule r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("priority", r.priority());
        if ((r.flags() & 2) != 0) {
            m.put("not", null);
        }
        prefix(m, "src", "srclen", r.src(), r.srcLen(), r.family());
        if (r.src() == null && r.srcLen() == 0) {
            m.put("src", "all");
        }
        prefix(m, "dst", "dstlen", r.dst(), r.dstLen(), r.family());
        if (r.fwmark() != null || r.fwmask() != null) {
            m.put("fwmark", "0x" + Long.toHexString(r.fwmark() == null ? 0 : r.fwmark()));
            if (r.fwmask() != null && r.fwmask() != 0xffffffffL) {
                m.put("fwmask", "0x" + Long.toHexString(r.fwmask()));
            }
        }
        if (r.iifname() != null) {
            m.put("iif", r.iifname());
        }
        if (r.oifname() != null) {
            m.put("oif", r.oifname());
        }
        if (r.table() != 0) {
            m.put("table", r.tableName());
        }
        switch (r.action()) {
            case 1, 2 -> {
            }
            case 3 -> m.put("nop", null);
            case 6 -> m.put("action", "blackhole");
            case 7 -> m.put("action", "unreachable");
            case 8 -> m.put("action", "prohibit");
            default -> m.put("action", Integer.toString(r.action()));
        }
        return m;
    }

    private static void prefix(Map<String, Object> m, String key, String lenKey, InetAddress a, int len, int family) {
        int hostLen = family == Rtnl.AF_INET6 ? 128 : 32;
        if (a != null) {
            m.put(key, Inet.format(a));
            if (len != hostLen) {
                m.put(lenKey, len);
            }
        } else if (len != 0) {
            m.put(key, "0");
            m.put(lenKey, len);
        }
    }

    /** ip's text of a rule: "100:\tfrom 10.0.0.0/24 lookup 100". */
    static String ruleText(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder().append(m.get("priority")).append(":\t");
        if (m.containsKey("not")) {
            sb.append("not ");
        }
        sb.append("from ").append(m.get("src"));
        if (m.containsKey("srclen")) {
            sb.append('/').append(m.get("srclen"));
        }
        if (m.containsKey("dst")) {
            sb.append(" to ").append(m.get("dst"));
            if (m.containsKey("dstlen")) {
                sb.append('/').append(m.get("dstlen"));
            }
        }
        if (m.containsKey("fwmark")) {
            sb.append(" fwmark ").append(m.get("fwmark"));
            if (m.containsKey("fwmask")) {
                sb.append('/').append(m.get("fwmask"));
            }
        }
        words(sb, m, "iif", "iif", "oif", "oif", "table", "lookup", "action", "");
        if (m.containsKey("nop")) {
            sb.append(" nop");
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ text helpers

    /** Appends " LABEL value" for each (key, label) pair present in {@code m}; an empty label prints the value alone. */
    private static void words(StringBuilder sb, Map<String, Object> m, String... keyLabel) {
        for (int i = 0; i < keyLabel.length; i += 2) {
            if (m.containsKey(keyLabel[i])) {
                if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != '\t') {
                    sb.append(' ');
                }
                if (!keyLabel[i + 1].isEmpty()) {
                    sb.append(keyLabel[i + 1]).append(' ');
                }
                sb.append(m.get(keyLabel[i]));
            }
        }
    }

    private static void flagWords(StringBuilder sb, Object list) {
        for (String s : strings(list)) {
            sb.append(' ').append(s);
        }
    }

    private static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        if (list instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }
}
