package io.jnetlink.cli;

import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.generic.GenericNetlink;

import io.jnetlink.generic.TaskStats;
import io.jnetlink.generic.TaskstatsFamily;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code jnl taskstats [pid|tgid] ID}: a task's or thread group's accounting, from TASKSTATS. */
final class TaskstatsCommand {
    private TaskstatsCommand() {
    }

    static final String USAGE = """
            Usage: jnl taskstats [ pid | tgid ] ID
            The accounting of a task (pid) or thread group (tgid), from the TASKSTATS family.
            """;

    static int run(Main.Globals g, List<String> args, PrintStream out, PrintStream err) throws NetlinkException {
        boolean tgid = !args.isEmpty() && args.get(0).equals("tgid");
        List<String> rest = !args.isEmpty() && (tgid || args.get(0).equals("pid")) ? args.subList(1, args.size()) : args;
        if (rest.size() != 1) {
            throw new Main.UsageException("taskstats takes one pid (or: tgid TGID)");
        }
        int id;
        try {
            id = Integer.parseInt(rest.get(0));
        } catch (NumberFormatException e) {
            throw new Main.UsageException("'" + rest.get(0) + "' is not a " + (tgid ? "tgid" : "pid"));
        }
        TaskStats t;
        try (GenericNetlink s = new GenericNetlink(g.spec(Netlink.NETLINK_GENERIC))) {
            TaskstatsFamily ts = new TaskstatsFamily(s);
            t = tgid ? ts.tgid(id) : ts.pid(id);
        }
        if (g.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", t.kind().name().toLowerCase(Locale.ROOT));
            m.put("id", t.id());
            m.put("version", t.version());
            m.put("stats", t.fields());
            out.println(Json.write(m));
        } else {
            out.printf("%s %d%s: struct taskstats version %d%n", t.kind() == TaskStats.Kind.PID ? "pid" : "tgid", t.id(),
                    t.comm().isEmpty() ? "" : " (" + t.comm() + ")", t.version());
            t.fields().forEach((k, v) -> {
                if (!k.equals("version")) {
                    out.printf("  %-26s %s%n", k, v);
                }
            });
        }
        return 0;
    }
}
