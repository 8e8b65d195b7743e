package io.jnetlink.cli;

import io.jnetlink.Errno;
import io.jnetlink.NetlinkException;
import io.jnetlink.sys.NetNS;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code jnl netns list|add|delete}: named network namespaces as {@code ip netns} keeps them (/run/netns). */
final class NetnsCommand {
    private NetnsCommand() {
    }

    /** ip netns's verbs in its matching order. */
    static final List<String> VERBS = List.of("list show lst", "help", "add", "delete");

    static final String USAGE = """
            Usage: jnl netns list
                   jnl netns { add | delete } NAME
            The names under /run/netns (sorted; without ip's "(id: N)"); add and delete as ip netns does them.
            """;

    static int run(Main.Globals g, List<String> cmd, PrintStream out, PrintStream err) throws NetlinkException {
        String verb = Args.verb(cmd, VERBS, "netns", "list");
        Args a = Args.after("netns", verb, cmd);
        switch (verb) {
            case "list" -> {
                a.end();
                List<String> names;
                try {
                    names = NetNS.list();
                } catch (IOException e) {
                    throw new NetlinkException("netns list", Errno.EIO, "cannot read " + NetNS.RUN_DIR + ": "
                            + e.getMessage());
                }
                Main.Printer p = g.printer(out, m -> (String) m.get("name"));
                for (String n : names) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", n);
                    p.print(m);
                }
                p.end();
            }
            case "add", "delete" -> {
                if (!a.more()) {
                    throw new Main.UsageException("netns " + verb + ": a name is needed");
                }
                String name = a.next();
                a.end();
                if (verb.equals("add")) {
                    NetNS.create(name);
                } else {
                    NetNS.remove(name);
                }
            }
            default -> throw new Main.UsageException("unknown netns command '" + verb + "'");
        }
        return 0;
    }
}
