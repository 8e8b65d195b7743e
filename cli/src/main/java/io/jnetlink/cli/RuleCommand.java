package io.jnetlink.cli;

import io.jnetlink.NetlinkException;

import io.jnetlink.route.IPRoute;
import io.jnetlink.route.Rtnl;
import io.jnetlink.route.Rule;
import io.jnetlink.route.RuleRequest;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code jnl rule show|add|del} with {@code ip rule}'s arguments; IPv4 rules unless -6, as ip. */
final class RuleCommand {
    private RuleCommand() {
    }

    /** ip rule's verbs in its matching order ("ru s" is show, "ru a" add). */
    static final List<String> VERBS = List.of("list lst show", "add", "delete", "help");

    static final String USAGE = """
            Usage: jnl rule show
                   jnl rule { add | delete } [ not ] [ from PREFIX ] [ to PREFIX ] [ table ID ] [ priority N ]
                                [ iif DEV ] [ oif DEV ] [ fwmark M[/MASK] ] [ tos T ]
                                [ blackhole | unreachable | prohibit | nop ]
            IPv4 rules unless -6.
            """;

    static int run(Main.Globals g, List<String> cmd, PrintStream out, PrintStream err) throws NetlinkException {
        String verb = Args.verb(cmd, VERBS, "rule", "list");
        Args a = Args.after("rule", verb, cmd);
        int family = g.family() == Rtnl.AF_UNSPEC ? Rtnl.AF_INET : g.family();
        switch (verb) {
            case "list" -> {
                a.end();
                try (IPRoute ip = g.ipRoute()) {
                    IpView view = new IpView(List.of());
                    List<Map<String, Object>> maps = new ArrayList<>();
                    for (Rule r : ip.rules(family)) {
                        maps.add(view.rule(r));
                    }
                    g.show(out, maps, IpView::ruleText);
                }
            }
            case "add", "delete" -> {
                RuleRequest req = request(a, g.family());
                try (IPRoute ip = g.ipRoute()) {
                    if (verb.equals("add")) {
                        ip.addRule(req);
                    } else {
                        ip.deleteRule(req);
                    }
                }
            }
            default -> throw new Main.UsageException("unknown rule command '" + verb + "'");
        }
        return 0;
    }

    /**
     * {@code [not] [from P] [to P] [table T] [priority N] [iif D] [oif D] [fwmark M[/MASK]] [tos T]
     * [blackhole|unreachable|prohibit|nop]}.
     */
    private static RuleRequest request(Args a, int family) {
        RuleRequest r = RuleRequest.create();
        if (family != Rtnl.AF_UNSPEC) {
            r.family(family);
        }
        while (a.more()) {
            String w = a.next();
            switch (w) {
                case "not" -> r.not();
                case "from" -> r.from(a.value(w));
                case "to" -> r.to(a.value(w));
                case "table", "lookup" -> r.table(a.value(w));
                case "priority", "pref", "preference", "order" -> r.priority(a.number(w));
                case "iif", "dev" -> r.iif(a.value(w));
                case "oif" -> r.oif(a.value(w));
                case "tos", "dsfield" -> r.tos(a.integer(w, 255));
                case "fwmark" -> {
                    String v = a.value(w);
                    int slash = v.indexOf('/');
                    r.fwmark(a.parse(w, slash < 0 ? v : v.substring(0, slash)),
                            slash < 0 ? null : a.parse("fwmask", v.substring(slash + 1)));
                }
                case "blackhole", "unreachable", "prohibit", "nop" -> r.type(w);
                case "type" -> r.type(a.value(w));
                default -> throw a.unknown(w);
            }
        }
        return r;
    }
}
