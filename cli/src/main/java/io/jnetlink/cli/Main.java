package io.jnetlink.cli;

import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.socket.NetlinkSocketSpec;

import io.jnetlink.route.IPRoute;
import io.jnetlink.route.Rtnl;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code jnl [-n NETNS] [-j] [-4|-6] OBJECT COMMAND ...}: the command line. Exit status 0 on success, 1 when the
 * kernel refused, 2 for a usage error; errors are one line on stderr.
 */
public final class Main {
    private Main() {
    }

    /** Options before the object: namespace, output format, and address family (AF_UNSPEC unless -4 or -6). */
    record Globals(String netns, boolean json, int family, boolean stats) {
        Globals(String netns, boolean json, int family) {
            this(netns, json, family, false);
        }

        /** A socket spec for {@code family} in the chosen namespace (never creating one). */
        NetlinkSocketSpec spec(int family) {
            NetlinkSocketSpec.Builder b = NetlinkSocketSpec.builder().family(family);
            if (netns != null) {
                b.netns(netns).flags(0);
            }
            return b.build();
        }

        /** An rtnetlink socket in the chosen namespace. */
        IPRoute ipRoute() throws NetlinkException {
            return new IPRoute(spec(Netlink.NETLINK_ROUTE));
        }

        /** Prints the objects of a show command: a JSON array on one line, or each object's text. */
        void show(PrintStream out, List<Map<String, Object>> objects, Function<Map<String, Object>, String> text) {
            if (json) {
                out.println(Json.write(objects));
            } else {
                objects.forEach(o -> out.println(text.apply(o)));
            }
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
            Usage: jnl [-n NETNS] [-j] [-4|-6] OBJECT COMMAND
              OBJECT COMMAND (link, addr, route, neigh, rule, monitor as ip's; -j prints ip -j's keys):
                link show [[dev] DEV]
                link add NAME [link DEV] [mtu N] [address MAC] type KIND [ARGS]
                                     KIND: veth peer name P | bridge | macvlan mode M | ifb | tun | tap
                                           | vxlan id N [dstport P] [dev D]
                link set [dev] DEV [up|down] [mtu N] [name X] [address MAC] [master M|nomaster]
                                   [netns NS] [txqueuelen N]
                link del [dev] DEV
                tuntap add [dev] NAME mode tun|tap
                addr show [[dev] DEV]
                addr add|del CIDR dev DEV [broadcast B|+] [label L] [scope S] [peer P]
                route show [table ID|all] [dev D]
                route add|del|replace [TYPE] DST [via GW] [dev D] [table T] [metric N] [proto P]
                                   [scope S] [src A] [mtu N] [advmss N] [nexthop via GW dev D weight W]...
                                   [nhid N]
                                     TYPE: unicast, blackhole, unreachable, prohibit, local, throw, ...
                route get ADDR
                neigh show [[dev] DEV]
                neigh add|del ADDR [lladdr MAC] dev DEV [nud STATE]
                rule show
                rule add|del [not] [from P] [to P] [table T] [priority N] [iif D] [oif D]
                                   [fwmark M[/MASK]] [tos T] [blackhole|unreachable|prohibit|nop]
                monitor [link|addr|route|neigh|rule|all]...
                                     one line per event until killed; overruns on stderr
                nexthop show|flush [id ID] [dev D] [master M] [groups] [fdb] [protocol P]
                nexthop add|replace id ID [via A] [dev D] [onlink] [blackhole] [fdb] [proto P]
                                   [group ID[,WEIGHT][/...] [type mpath|resilient [buckets N]
                                   [idle_timer S] [unbalanced_timer S]]]
                nexthop get|del id ID
                bridge fdb show [br B] [brport P] [vlan V] [state S] [dynamic]
                bridge fdb add|append|replace|del MAC dev D [self] [master] [extern_learn] [sticky]
                                   [permanent|static|dynamic] [dst IP] [vlan V] [port P] [vni N]
                                   [src_vni N] [via D] [nhid N]
                bridge vlan show [dev D] [vid V]
                bridge vlan add|del vid V[-END] dev D [pvid] [untagged] [self] [master]
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
                ss [-tuxlaneoiK46Hj] [state S]... [exclude S]... [EXPRESSION]
                                     sockets as ss -n lists them (TCP, UDP, UNIX), filtered in the kernel;
                                     EXPRESSION: sport|dport OP :P, src|dst ADDR[/LEN][:P], and, or, not, ( );
                                     -K closes the TCP/UDP sockets shown; -j JSON of the records; no -p
                conntrack -L|-G|-D|-F|-E|-C|-I [-p P] [-s A] [-d A] [--sport N] [--dport N] [-r A] [-q A]
                          [-m MARK[/MASK]] [--zone N] [-f ipv4|ipv6] [-u STATUS] [-o extended,id]
                                     connection tracking as conntrack(8): list, get, delete, flush, events
                                     (-e NEW,UPDATE,DESTROY), count, create (-t SECONDS [--state S]
                                     [--icmp-type T --icmp-code C --icmp-id I]); -j: the entries as JSON
                qdisc show [dev D] | class show dev D | filter show dev D [parent P|root|ingress|egress]
                qdisc add|change|replace|del dev D [root|ingress|clsact|parent P] [handle H] KIND ...
                                     KIND: htb [default N] [r2q N] | fq_codel [limit N] [target T] ...
                                           | netem [delay T [J [C%]]] [loss P%] ... | tbf rate R burst S latency T
                class add|change|replace|del dev D parent P classid C htb rate R [ceil R] [burst S] [prio N]
                filter add|change|replace|del dev D [parent P|ingress|egress] [protocol P] [prio N]
                                   u32 match ip dst|src A/L | match ip dport|sport N M ... [flowid C]
                                   | flower [dst_ip A] [src_ip A] [ip_proto P] [dst_port N] ... [classid C]
                                   | matchall; each [action drop|pass|mirred egress redirect dev D]...
              Options:
                -n NETNS             run in the network namespace NETNS (/run/netns/NETNS)
                -j                   JSON output
                -s                   statistics (qdisc, class, filter show)
                -4, -6               IPv4 or IPv6 only (route show: IPv4 unless -6 or table all)
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
        boolean stats = false;
        int family = Rtnl.AF_UNSPEC;
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
                } else if (a.equals("-s") || a.equals("-stats") || a.equals("-statistics")) {
                    stats = true;
                } else if (a.equals("-4")) {
                    family = Rtnl.AF_INET;
                } else if (a.equals("-6")) {
                    family = Rtnl.AF_INET6;
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
            Globals g = new Globals(netns, json, family, stats);
            String object = rest.get(0);
            List<String> cmd = rest.subList(1, rest.size());
            return switch (object) {
                case "genl" -> GenlCommands.run(g, cmd, out);
                case "taskstats" -> TaskstatsCommand.run(g, cmd, out);
                case "ethtool" -> EthtoolCommand.run(g, cmd, out);
                case "ynl" -> YnlCommand.run(g, cmd, out, err);
                case "link", "l" -> LinkCommand.run(g, cmd, out);
                case "tuntap" -> LinkCommand.tuntap(g, cmd);
                case "addr", "address", "a" -> AddressCommand.run(g, cmd, out);
                case "route", "r" -> RouteCommand.run(g, cmd, out);
                case "neigh", "neighbour", "neighbor", "n" -> NeighbourCommand.run(g, cmd, out);
                case "rule", "ru" -> RuleCommand.run(g, cmd, out);
                case "monitor" -> MonitorCommand.run(g, cmd, out, err);
                case "nexthop", "nh" -> NexthopCommand.run(g, cmd, out);
                case "bridge" -> BridgeCommand.run(g, cmd, out);
                case "ss" -> SsCommand.run(g, cmd, out);
                case "conntrack", "ct" -> ConntrackCommand.run(g, cmd, out, err);
                case "qdisc", "class", "filter" -> TcCommand.run(g, object, cmd, out);
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
