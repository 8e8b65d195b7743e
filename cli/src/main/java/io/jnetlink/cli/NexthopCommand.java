package io.jnetlink.cli;

import io.jnetlink.NetlinkException;

import io.jnetlink.route.IPRoute;
import io.jnetlink.route.Inet;
import io.jnetlink.route.Nexthop;
import io.jnetlink.route.NexthopQuery;
import io.jnetlink.route.NexthopRequest;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jnl nexthop show|get|add|replace|del|flush} with {@code ip nexthop}'s arguments; {@code show} prints the keys
 * {@code ip -j nexthop show} (iproute2 6.1) prints, in its order and with its omissions (scope when not global,
 * protocol when not unspec), and its text. Every argument is read before anything is sent.
 */
final class NexthopCommand {
    private NexthopCommand() {
    }

    /** The verbs in ip nexthop's matching order. */
    static final List<String> VERBS = List.of("add", "replace change", "delete", "get", "show list lst", "flush",
            "help");

    static final String USAGE = """
            Usage: jnl nexthop { show | flush } [ id ID ] [ dev D ] [ master M ] [ groups ] [ fdb ] [ protocol P ]
                   jnl nexthop { add | replace } id ID [ via A ] [ dev D ] [ onlink ] [ blackhole ] [ fdb ] [ proto P ]
                                [ group ID[,WEIGHT][/...] [ type mpath | resilient [ buckets N ] [ idle_timer S ]
                                [ unbalanced_timer S ] ] ]
                   jnl nexthop { get | delete } id ID
            "nh" is nexthop too.
            """;

    static int run(Main.Globals g, List<String> cmd, PrintStream out, PrintStream err) throws NetlinkException {
        String verb = Args.verb(cmd, VERBS, "nexthop", "show");
        Args a = Args.after("nexthop", verb, cmd);
        switch (verb) {
            case "show", "get" -> {
                Filter f = filter(a, verb.equals("get"));
                try (IPRoute ip = g.ipRoute()) {
                    IpView view = new IpView(ip.links());
                    List<Nexthop> shown = f.id != null ? List.of(ip.nexthop(f.id)) : ip.nexthops(f.query);
                    List<Map<String, Object>> maps = new ArrayList<>();
                    for (Nexthop n : shown) {
                        if (f.protocol == null || f.protocol == n.protocol()) {
                            maps.add(nexthop(view, n));
                        }
                    }
                    g.show(out, maps, NexthopCommand::text);
                }
            }
            case "add", "replace" -> {
                NexthopRequest req = request(a);
                try (IPRoute ip = g.ipRoute()) {
                    if (verb.equals("add")) {
                        ip.addNexthop(req);
                    } else {
                        ip.replaceNexthop(req);
                    }
                }
            }
            case "delete" -> {
                long id = idOnly(a);
                try (IPRoute ip = g.ipRoute()) {
                    ip.deleteNexthop(id);
                }
            }
            case "flush" -> {
                Filter f = filter(a, false);
                try (IPRoute ip = g.ipRoute()) {
                    if (f.id != null) {
                        ip.deleteNexthop(f.id); // as ip: one deletion, nothing printed
                    } else {
                        int n = ip.flushNexthops(f.query);
                        out.println(n == 0 ? "Nothing to flush" : "Flushed " + n + " nexthops");
                    }
                }
            }
            default -> throw new Main.UsageException("unknown nexthop command '" + verb + "'");
        }
        return 0;
    }

    /** The selector of show and flush: {@code [id ID] [dev D] [master M] [groups] [fdb] [protocol P]}. */
    private record Filter(Long id, NexthopQuery query, Integer protocol) {
    }

    private static Filter filter(Args a, boolean idNeeded) {
        NexthopQuery q = NexthopQuery.all();
        Long id = null;
        Integer protocol = null;
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "id" -> id = a.number(w);
                case "dev" -> q = q.dev(a.value(w));
                case "master", "vrf" -> q = q.master(a.value(w));
                case "groups" -> q = q.groups();
                case "fdb" -> q = q.fdb();
                case "protocol", "proto" -> protocol = a.integer(w, 255);
                default -> throw a.unknown(w);
            }
        }
        if (idNeeded && id == null) {
            throw new Main.UsageException("nexthop get: 'id ID' is needed");
        }
        return new Filter(id, q, protocol);
    }

    private static long idOnly(Args a) {
        Long id = null;
        while (a.more()) {
            String w = a.next();
            if (!w.equals("id")) {
                throw a.unknown(w);
            }
            id = a.number(w);
        }
        if (id == null) {
            throw new Main.UsageException("nexthop del: 'id ID' is needed");
        }
        return id;
    }

    /**
     * {@code id ID [via ADDR] [dev D] [onlink] [blackhole] [fdb] [group ID[,WEIGHT][/...]] [type mpath|resilient
     * [buckets N] [idle_timer S] [unbalanced_timer S]] [protocol P]}.
     */
    private static NexthopRequest request(Args a) {
        List<String[]> words = new ArrayList<>();
        Long id = null;
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "id" -> id = a.number(w);
                case "via", "dev", "group", "type", "protocol", "proto", "buckets", "idle_timer", "unbalanced_timer" ->
                        words.add(new String[] {w, a.value(w)});
                case "onlink", "blackhole", "fdb" -> words.add(new String[] {w, null});
                default -> throw a.unknown(w);
            }
        }
        if (id == null) {
            throw new Main.UsageException("nexthop: 'id ID' is needed");
        }
        NexthopRequest r = NexthopRequest.id(id);
        Integer buckets = null;
        Long idle = null;
        Long unbalanced = null;
        boolean resilient = false;
        for (String[] w : words) {
            switch (w[0]) {
                case "via" -> r.gateway(w[1]);
                case "dev" -> r.dev(w[1]);
                case "onlink" -> r.onlink();
                case "blackhole" -> r.blackhole();
                case "fdb" -> r.fdb();
                case "protocol", "proto" -> r.protocol(w[1]);
                case "group" -> group(a, r, w[1]);
                case "type" -> {
                    r.type(w[1]);
                    resilient = w[1].equals("resilient");
                }
                case "buckets" -> buckets = (int) Math.min(a.parse(w[0], w[1]), Integer.MAX_VALUE);
                case "idle_timer" -> idle = a.parse(w[0], w[1]);
                case "unbalanced_timer" -> unbalanced = a.parse(w[0], w[1]);
                default -> throw new IllegalStateException(w[0]);
            }
        }
        if (buckets != null || idle != null || unbalanced != null) {
            if (!resilient) {
                throw new Main.UsageException("nexthop " + id + ": buckets and timers need 'type resilient'");
            }
            r.resilient(buckets == null ? 0 : buckets, idle, unbalanced);
        }
        return r;
    }

    /** {@code ID[,WEIGHT][/ID[,WEIGHT]]...}, as ip reads a group. */
    private static void group(Args a, NexthopRequest r, String spec) {
        for (String member : spec.split("/", -1)) {
            String[] idWeight = member.split(",", -1);
            if (idWeight.length > 2 || idWeight[0].isEmpty()) {
                throw new Main.UsageException("nexthop " + r.id() + ": group '" + spec + "' is not ID[,WEIGHT][/...]");
            }
            long id = a.parse("group", idWeight[0]);
            long weight = idWeight.length == 2 ? a.parse("weight", idWeight[1]) : 1;
            r.member(id, (int) Math.min(weight, Integer.MAX_VALUE));
        }
    }

    // ------------------------------------------------------------------ ip's view

    /** The keys of one object of {@code ip -j nexthop show}. */
    static Map<String, Object> nexthop(IpView view, Nexthop n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.id());
        if (n.isGroup()) {
            List<Object> group = new ArrayList<>();
            for (Nexthop.Member g : n.group()) {
                Map<String, Object> gm = new LinkedHashMap<>();
                gm.put("id", g.id());
                if (g.weight() != 1) {
                    gm.put("weight", g.weight());
                }
                group.add(gm);
            }
            m.put("group", group);
        }
        if (n.groupType() != Nexthop.GROUP_MPATH) {
            m.put("type", n.groupType() == Nexthop.GROUP_RESILIENT ? "resilient" : "<unknown type>");
        }
        if (n.resilient() != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("buckets", n.resilient().buckets());
            r.put("idle_timer", seconds(n.resilient().idleTimer()));
            r.put("unbalanced_timer", seconds(n.resilient().unbalancedTimer()));
            r.put("unbalanced_time", seconds(n.resilient().unbalancedTime()));
            m.put("resilient_args", r);
        }
        if (n.gateway() != null) {
            m.put("gateway", Inet.format(n.gateway()));
        }
        if (n.oif() != 0) {
            m.put("dev", view.name(n.oif()));
        }
        if (n.scope() != 0) {
            m.put("scope", n.scopeName());
        }
        if (n.blackhole()) {
            m.put("blackhole", null);
        }
        if (n.protocol() != 0) {
            m.put("protocol", n.protocolName());
        }
        m.put("flags", IpView.routeFlags(n.flags()));
        if (n.fdb()) {
            m.put("fdb", null);
        }
        return m;
    }

    /**
     * Clock ticks (1/100 s) as the seconds ip prints with C's {@code %g}: six significant digits, a whole number
     * without a fraction.
     */
    static Number seconds(long ticks) {
        BigDecimal s = BigDecimal.valueOf(ticks).movePointLeft(2).round(new MathContext(6)).stripTrailingZeros();
        if (s.scale() <= 0 && s.compareTo(BigDecimal.valueOf(1_000_000)) < 0) {
            return s.longValue();
        }
        return s.doubleValue();
    }

    /** C's {@code %g} of {@code v}: six significant digits, no trailing zeros, an exponent from 1e6 or below 1e-4. */
    static String g(Number v) {
        if (v instanceof Long l) {
            return Long.toString(l);
        }
        BigDecimal s = new BigDecimal(v.toString()).round(new MathContext(6)).stripTrailingZeros();
        int exp = s.precision() - s.scale() - 1;
        if (exp < -4 || exp >= 6) {
            String digits = s.unscaledValue().abs().toString();
            String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            return (s.signum() < 0 ? "-" : "") + mantissa + "e" + (exp < 0 ? "-" : "+")
                    + String.format("%02d", Math.abs(exp));
        }
        return s.toPlainString();
    }

    /** ip's text of a nexthop: "id 1 via 10.0.0.2 dev v0 scope link", "id 10 group 1/2,3", ... */
    static String text(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder("id ").append(m.get("id")).append(' ');
        if (m.get("group") instanceof List<?> group) {
            sb.append("group ");
            for (int i = 0; i < group.size(); i++) {
                Map<?, ?> g = (Map<?, ?>) group.get(i);
                sb.append(i > 0 ? "/" : "").append(g.get("id"));
                if (g.containsKey("weight")) {
                    sb.append(',').append(g.get("weight"));
                }
            }
            sb.append(' ');
        }
        if (m.containsKey("type")) {
            sb.append("type ").append(m.get("type")).append(' ');
        }
        if (m.get("resilient_args") instanceof Map<?, ?> r) {
            sb.append("buckets ").append(r.get("buckets")).append(' ');
            for (String k : new String[] {"idle_timer", "unbalanced_timer", "unbalanced_time"}) {
                sb.append(k).append(' ').append(g((Number) r.get(k))).append(' ');
            }
        }
        if (m.containsKey("gateway")) {
            sb.append("via ").append(m.get("gateway")).append(' ');
        }
        if (m.containsKey("dev")) {
            sb.append("dev ").append(m.get("dev")).append(' ');
        }
        if (m.containsKey("scope")) {
            sb.append("scope ").append(m.get("scope")).append(' ');
        }
        if (m.containsKey("blackhole")) {
            sb.append("blackhole ");
        }
        if (m.containsKey("protocol")) {
            sb.append("proto ").append(m.get("protocol")).append(' ');
        }
        for (Object f : (List<?>) m.get("flags")) {
            sb.append(f).append(' ');
        }
        if (m.containsKey("fdb")) {
            sb.append("fdb");
        }
        return sb.toString().stripTrailing();
    }
}
