package io.jnetlink.cli;

import io.jnetlink.NetlinkException;
import io.jnetlink.NetlinkSocketSpec;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jnl [-n NETNS] [-j] OBJECT COMMAND ...}: the command line. Exit status 0 on success, 1 when the
 * kernel refused, 2 for a usage error; errors are one line on stderr.
 */
public final class Main {
    private Main() {
    }

    /** Options before the object: namespace and output format. */
    record Globals(String netns, boolean json) {
        /** A socket spec for {@code family} in the chosen namespace (never creating one). */
        NetlinkSocketSpec spec(int family) {
            NetlinkSocketSpec.Builder b = NetlinkSocketSpec.builder().family(family);
            if (netns != null) {
                b.netns(netns).flags(0);
            }
            return b.build();
        }
    }

    /** A usage error: exit status 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static final String USAGE = """
            Usage: jnl [-n NETNS] [-j] OBJECT COMMAND
              OBJECT COMMAND:
                genl list            generic netlink families, their commands and multicast groups
                genl policy FAMILY [OP]
                                     the attributes each operation of FAMILY (or operation OP, by
                                     number or request name) accepts: type and limits
                taskstats [tgid] ID  accounting of a task (pid) or thread group (tgid), from TASKSTATS
                ethtool DEV          link modes, speed, duplex, port and link state of DEV (ethtool netlink)
                ynl (--family NAME | --spec FILE) ACTION
                                     any family with a kernel YNL spec; ACTION is one of
                                     --do OP [--json JSON] [--create] [--excl] [--replace] [--append],
                                     --dump OP [--json JSON], --subscribe GROUP [--duration SECONDS],
                                     --list-ops, --list-attrs OP; output is JSON with the spec's names
                ynl --list-families  the specs found along the search path (JNETLINK_YNL_PATH first)
              Options:
                -n NETNS             run in the network namespace NETNS (/run/netns/NETNS)
                -j                   JSON output
                -h, --help           this text
            """;

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command line; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String netns = null;
        boolean json = false;
        List<String> rest = new ArrayList<>();
        try {
            int i = 0;
            for (; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-n") || a.equals("-netns") || a.equals("--netns")) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("option " + a + " needs a namespace name");
                    }
                    netns = args[++i];
                } else if (a.equals("-j") || a.equals("-json") || a.equals("--json")) {
                    json = true;
                } else if (a.equals("-h") || a.equals("--help") || a.equals("help")) {
                    out.print(USAGE);
                    return 0;
                } else if (a.startsWith("-")) {
                    throw new UsageException("unknown option " + a);
                } else {
                    break;
                }
            }
            for (; i < args.length; i++) {
                rest.add(args[i]);
            }
            if (rest.isEmpty()) {
                throw new UsageException("no object given");
            }
            Globals g = new Globals(netns, json);
            String object = rest.get(0);
            List<String> cmd = rest.subList(1, rest.size());
            return switch (object) {
                case "genl" -> GenlCommands.run(g, cmd, out);
                case "taskstats" -> TaskstatsCommand.run(g, cmd, out);
                case "ethtool" -> EthtoolCommand.run(g, cmd, out);
                case "ynl" -> YnlCommand.run(g, cmd, out, err);
                default -> throw new UsageException("unknown object '" + object + "'");
            };
        } catch (UsageException e) {
            err.println("jnl: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("jnl: " + e.getMessage());
            return 2;
        } catch (NetlinkException e) {
            err.println("jnl: " + e.getMessage());
            return 1;
        }
    }
}
