package io.jnetlink.cli;

import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.socket.OverrunException;

import io.jnetlink.schema.AttrDef;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.SchemaException;
import io.jnetlink.schema.StructDef;
import io.jnetlink.ynl.SpecPath;
import io.jnetlink.ynl.YnlFamily;
import io.jnetlink.ynl.YnlSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code jnl ynl ...}: any family with a kernel YNL spec, as the kernel's {@code ynl} CLI drives it: do, dump,
 * subscribe, list families, operations and attributes. Output is JSON with the spec's names.
 */
final class YnlCommand {
    private YnlCommand() {
    }

    private static final class Args {
        String family;
        String specFile;
        String action;
        String arg;
        String json = "{}";
        int flags;
        Double duration;
    }

    static final String USAGE = """
            Usage: jnl ynl { --family NAME | --spec FILE } ACTION
                   jnl ynl --list-families
            where  ACTION := { --do OP [ --json JSON ] [ --create ] [ --excl ] [ --replace ] [ --append ]
                               | --dump OP [ --json JSON ] | --subscribe GROUP [ --duration SECONDS ]
                               | --list-ops | --list-attrs OP }
            Any family with a kernel YNL spec (found along JNETLINK_YNL_PATH, then the standard places); output is
            JSON with the spec's names.
            """;

    static int run(Main.Globals g, List<String> cmd, PrintStream out, PrintStream err) throws NetlinkException {
        Args a = parse(cmd);
        try {
            if (a.action.equals("list-families")) {
                return listFamilies(g, out);
            }
            YnlSpec spec = a.specFile != null ? YnlSpec.load(Path.of(a.specFile)) : SpecPath.standard().load(a.family);
            switch (a.action) {
                case "list-ops" -> listOps(spec, out);
                case "list-attrs" -> listAttrs(spec, a.arg, out);
                default -> {
                    Map<String, Object> req = YnlFamily.parseJson(a.json);
                    try (YnlFamily f = YnlFamily.open(spec, g.spec(spec.schema().netlinkFamily()))) {
                        switch (a.action) {
                            case "do" -> {
                                for (Map<String, Object> m : f.request(a.arg, req, a.flags)) {
                                    out.println(Json.write(m));
                                }
                            }
                            case "dump" -> dump(f, a.arg, req, out);
                            default -> subscribe(f, a.arg, a.duration, out, err);
                        }
                    }
                }
            }
            return 0;
        } catch (SchemaException e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (NetlinkException e) {
            throw e; // a kernel refusal (it is an IOException too): exit status 1
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the spec: " + e.getMessage());
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NetlinkException ne) {
                throw ne;
            }
            throw e;
        }
    }

    private static Args parse(List<String> cmd) {
        Args a = new Args();
        for (Iterator<String> it = cmd.iterator(); it.hasNext(); ) {
            String o = it.next();
            switch (o) {
                case "--family" -> a.family = value(it, o);
                case "--spec" -> a.specFile = value(it, o);
                case "--json" -> a.json = value(it, o);
                case "--do", "--dump", "--subscribe", "--list-attrs" -> action(a, o, value(it, o));
                case "--list-ops", "--list-families" -> action(a, o, null);
                case "--create" -> a.flags |= Netlink.NLM_F_CREATE;
                case "--excl" -> a.flags |= Netlink.NLM_F_EXCL;
                case "--replace" -> a.flags |= Netlink.NLM_F_REPLACE;
                case "--append" -> a.flags |= Netlink.NLM_F_APPEND;
                case "--duration" -> {
                    String v = value(it, o);
                    try {
                        a.duration = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        throw new Main.UsageException("--duration takes seconds, not '" + v + "'");
                    }
                }
                default -> throw new Main.UsageException("unknown ynl option '" + o + "'");
            }
        }
        if (a.action == null) {
            throw new Main.UsageException("ynl needs one of --do, --dump, --subscribe, --list-ops, --list-attrs, --list-families");
        }
        if (!a.action.equals("list-families") && (a.family == null) == (a.specFile == null)) {
            throw new Main.UsageException("ynl needs exactly one of --family NAME and --spec FILE");
        }
        return a;
    }

    private static String value(Iterator<String> it, String option) {
        if (!it.hasNext()) {
            throw new Main.UsageException("option " + option + " needs a value");
        }
        return it.next();
    }

    private static void action(Args a, String option, String arg) {
        if (a.action != null) {
            throw new Main.UsageException("ynl takes one action; --" + a.action + " and " + option + " were given");
        }
        a.action = option.substring(2);
        a.arg = arg;
    }

    private static int listFamilies(Main.Globals g, PrintStream out) {
        SpecPath path = SpecPath.standard();
        Map<String, Path> found = path.families();
        if (g.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            found.forEach((n, p) -> m.put(n, p.toString()));
            out.println(Json.write(m));
        } else {
            found.forEach((n, p) -> out.println(n + "\t" + p));
            if (found.isEmpty()) {
                out.println("(no specs found in " + path.directories() + ")");
            }
        }
        return 0;
    }

    private static void listOps(YnlSpec spec, PrintStream out) {
        for (YnlSpec.Op op : spec.operations().values()) {
            List<String> kinds = new ArrayList<>();
            if (op.doMode() != null) {
                kinds.add("do");
            }
            if (op.dumpMode() != null) {
                kinds.add("dump");
            }
            if (op.notifies() != null || op.event() != null) {
                kinds.add("notification" + (op.mcgrp() != null ? " (" + op.mcgrp() + ")" : ""));
            }
            out.println(op.name() + ": " + String.join(", ", kinds));
        }
    }

    private static void listAttrs(YnlSpec spec, String opName, PrintStream out) {
        YnlSpec.Op op = spec.operation(opName);
        if (op == null) {
            throw new IllegalArgumentException("family '" + spec.name() + "' has no operation '" + opName
                    + "' (it has " + spec.operations().keySet() + ")");
        }
        AttributeSet set = op.attributeSet() == null ? null : spec.schema().attributeSet(op.attributeSet());
        StructDef hdr = op.fixedHeader() == null ? null : spec.schema().struct(op.fixedHeader());
        out.println(op.name() + ": attribute set " + op.attributeSet()
                + (hdr != null ? ", fixed header " + hdr.name() : ""));
        Map<String, List<String>> lists = new LinkedHashMap<>();
        if (op.doMode() != null) {
            lists.put("do request", op.doMode().request());
            lists.put("do reply", op.doMode().reply());
        }
        if (op.dumpMode() != null) {
            lists.put("dump request", op.dumpMode().request());
            lists.put("dump reply", op.dumpMode().reply());
        }
        if (op.event() != null) {
            lists.put("event", op.event());
        }
        lists.forEach((what, names) -> {
            if (names.isEmpty()) {
                return;
            }
            out.println("  " + what + ":");
            for (String n : names) {
                AttrDef d = set == null ? null : set.byName(n);
                String type;
                if (d != null) {
                    type = d.type().ynlName() + (d.nested() != null ? " " + d.nested().name() : "")
                            + (d.enumDef() != null ? " enum " + d.enumDef().name() : "")
                            + (d.multiAttr() ? " multi-attr" : "");
                } else if (hdr != null && hdr.member(n) != null) {
                    type = hdr.member(n).type().ynlName() + " (fixed header)";
                } else {
                    type = "?";
                }
                out.printf("    %-28s %s%n", n, type);
            }
        });
    }

    private static void dump(YnlFamily f, String op, Map<String, Object> req, PrintStream out) throws NetlinkException {
        try (Stream<Map<String, Object>> s = f.dump(op, req)) {
            out.print("[");
            boolean[] first = {true};
            s.forEach(m -> {
                out.print(first[0] ? "\n" : ",\n");
                first[0] = false;
                out.print(Json.write(m));
            });
            out.println(first[0] ? "]" : "\n]");
        }
    }

    private static void subscribe(YnlFamily f, String group, Double seconds, PrintStream out, PrintStream err)
            throws NetlinkException {
        try (YnlFamily.Subscription sub = f.subscribe(group)) {
            long end = seconds == null ? Long.MAX_VALUE : System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                long left = Math.min(end - System.nanoTime(), Duration.ofMillis(500).toNanos());
                try {
                    for (YnlFamily.Notification n : sub.next(Duration.ofNanos(Math.max(left, 1)))) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("name", n.name());
                        m.put("msg", n.msg());
                        out.println(Json.write(m));
                    }
                    out.flush();
                } catch (OverrunException e) {
                    err.println("jnl: notifications were lost here: " + e.getMessage());
                }
            }
        }
    }
}
