package io.jnetlink.cli;

import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.generic.Nlctrl;
import io.jnetlink.socket.NetlinkSocket;

import io.jnetlink.schema.EnumDef;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code jnl genl ...}: generic netlink families, as {@code genl ctrl list} shows them, and their policies. */
final class GenlCommands {
    private GenlCommands() {
    }

    /** The verbs of genl, in matching order. */
    static final List<String> VERBS = List.of("list show", "policy", "help");

    static final String USAGE = """
            Usage: jnl genl list
                   jnl genl policy FAMILY [ OP ]
            list: the generic netlink families, their commands and multicast groups (as genl ctrl list);
            policy: what each operation of FAMILY (or OP, by number or request name) accepts: types and limits.
            """;

    static int run(Main.Globals g, List<String> cmd, PrintStream out, PrintStream err) throws NetlinkException {
        String verb = Args.verb(cmd, VERBS, "genl", "list");
        if (verb.equals("policy")) {
            return PolicyCommand.run(g, cmd.subList(1, cmd.size()), out);
        }
        if (cmd.size() > 1) {
            throw new Main.UsageException("genl list takes no arguments");
        }
        List<Nlctrl.Family> families;
        try (NetlinkSocket s = new NetlinkSocket(g.spec(Netlink.NETLINK_GENERIC))) {
            families = Nlctrl.list(s);
        }
        if (g.json()) {
            List<Object> arr = new ArrayList<>();
            for (Nlctrl.Family f : families) {
                arr.add(toMap(f));
            }
            out.println(Json.write(arr));
        } else {
            for (Nlctrl.Family f : families) {
                printText(f, out);
            }
        }
        return 0;
    }

    static Map<String, Object> toMap(Nlctrl.Family f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.name());
        m.put("id", f.id());
        m.put("version", f.version());
        m.put("hdrsize", f.hdrsize());
        m.put("maxattr", f.maxattr());
        List<Object> ops = new ArrayList<>();
        f.ops().forEach((id, flags) -> {
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("id", id);
            op.put("flags", flags);
            ops.add(op);
        });
        m.put("ops", ops);
        List<Object> groups = new ArrayList<>();
        f.groups().forEach((name, id) -> {
            Map<String, Object> grp = new LinkedHashMap<>();
            grp.put("name", name);
            grp.put("id", id);
            groups.add(grp);
        });
        m.put("mcast_groups", groups);
        return m;
    }

    private static void printText(Nlctrl.Family f, PrintStream out) {
        out.printf("%nName: %s%n", f.name());
        out.printf("\tID: 0x%x  Version: 0x%x  header size: %d  max attribs: %d %n",
                f.id(), f.version(), f.hdrsize(), f.maxattr());
        EnumDef flagNames = Nlctrl.SCHEMA.enumDef("op-flags");
        if (!f.ops().isEmpty()) {
            out.println("\tcommands supported: ");
            int i = 1;
            for (Map.Entry<Integer, List<String>> op : f.ops().entrySet()) {
                long mask = 0;
                for (String n : op.getValue()) {
                    Long bit = flagNames.valueOf(n);
                    mask |= bit == null ? 0 : bit;
                }
                out.printf("\t\t#%d:  ID-0x%x %n", i++, op.getKey());
                if (mask != 0) {
                    out.printf("\t\tCapabilities (0x%x):%n \t\t  %s%n", mask, capabilities(mask));
                }
                out.println();
            }
            out.println();
        }
        if (!f.groups().isEmpty()) {
            out.println("\tmulticast groups:");
            int i = 1;
            for (Map.Entry<String, Integer> grp : f.groups().entrySet()) {
                out.printf("\t\t#%d:  ID-0x%x  name: %s %n", i++, grp.getValue(), grp.getKey());
            }
            out.println();
        }
    }

    private static String capabilities(long mask) {
        List<String> parts = new ArrayList<>();
        if ((mask & 1) != 0) {
            parts.add("requires admin permission;");
        }
        if ((mask & 2) != 0) {
            parts.add("can doit;");
        }
        if ((mask & 4) != 0) {
            parts.add("can dumpit;");
        }
        if ((mask & 8) != 0) {
            parts.add("has policy");
        }
        return String.join(" ", parts);
    }
}
