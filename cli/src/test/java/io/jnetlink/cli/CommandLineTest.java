package io.jnetlink.cli;

import io.jnetlink.KernelNamespace;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.jnetlink.cli.Cli.ip;
import static io.jnetlink.cli.Cli.jnl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line as ip users type it: help, the command table's matching, completion, and the commands added
 * with it (flush, netns, onlink, alias), each read back through {@code ip -j}.
 */
class CommandLineTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    @BeforeAll
    static void base() {
        NS.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        NS.ip("link", "set", "v0", "up");
        NS.ip("link", "set", "v1", "up");
        NS.ip("addr", "add", "10.0.0.1/24", "dev", "v0");
    }

    static Cli.Result run(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "-n";
        full[1] = NS.name();
        System.arraycopy(args, 0, full, 2, args.length);
        return jnl(full);
    }

    static void ok(String... args) {
        Cli.Result r = run(args);
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
    }

    @Test
    void help() {
        Cli.Result all = jnl("help");
        assertEquals(0, all.status());
        for (Command c : Main.COMMANDS) {
            assertTrue(all.out().contains(" " + c.name() + " "), "jnl help names " + c.name() + ":\n" + all.out());
        }
        assertEquals(all.out(), jnl("-h").out());
        assertEquals(all.out(), jnl("--help").out());
        for (String[] c : new String[][] {{"link", "help"}, {"l", "h"}, {"link", "--help"}, {"link", "-h"},
            {"help", "link"}, {"help", "l"}}) {
            Cli.Result r = jnl(c);
            assertEquals(0, r.status(), String.join(" ", c));
            assertTrue(r.out().startsWith("Usage: jnl link show"), String.join(" ", c) + ": " + r.out());
        }
        for (Command c : Main.COMMANDS) {
            Cli.Result r = jnl(c.name(), "help");
            assertEquals(0, r.status(), c.name());
            assertTrue(r.out().startsWith("Usage: jnl " + c.name()), r.out());
        }
        jnl().usage("no object given");
        jnl("help", "frob").usage("object 'frob' is unknown");
        jnl("link", "frob").usage("unknown link command 'frob'");
        jnl("-n").usage("option -n needs a namespace name");
    }

    /** ip's rule: a word selects the first object, verb or option of the table it is a prefix of. */
    @Test
    void matchingFollowsIp() {
        assertEquals("address", Main.find("a").name());
        assertEquals("route", Main.find("r").name());
        assertEquals("rule", Main.find("ru").name());
        assertEquals("neighbour", Main.find("n").name());
        assertEquals("neighbour", Main.find("neighbor").name());
        assertEquals("netns", Main.find("net").name());
        assertEquals("link", Main.find("l").name());
        assertEquals("set", Args.verb(List.of("s"), LinkCommand.VERBS, "link", null));
        assertEquals("show", Args.verb(List.of("sh"), LinkCommand.VERBS, "link", null));
        assertEquals("show", Args.verb(List.of("lst"), LinkCommand.VERBS, "link", null));
        assertEquals("delete", Args.verb(List.of("d"), RouteCommand.VERBS, "route", null));
        assertEquals("get", Args.verb(List.of("g"), RouteCommand.VERBS, "route", null));
        assertEquals("flush", Args.verb(List.of("f"), AddressCommand.VERBS, "address", null));
        assertEquals("list", Args.verb(List.of("s"), RuleCommand.VERBS, "rule", null));
        // "l s DEV up" is link set, as in ip
        ok("l", "s", "v1", "down");
        assertFalse(ip(NS, "link", "show", "v1").get(0).get("flags").toString().contains("\"UP\""));
        ok("l", "s", "v1", "up");
    }

    @Test
    void completionComesFromTheTable() throws Exception {
        Cli.Result r = jnl("completion", "bash");
        assertEquals(0, r.status(), r.err());
        Path script = Files.createTempFile("jnl-completion", ".bash");
        try {
            Files.writeString(script, r.out());
            assertEquals("", NS.run(List.of("bash", "-n", script.toString())), "valid bash");
            // what bash offers after "jnl ro " and "jnl -j l ": the table's verbs
            String offered = NS.run(List.of("bash", "-c", "source " + script + "; COMP_WORDS=(jnl ro ''); COMP_CWORD=2;"
                    + " _jnl; echo \"${COMPREPLY[*]}\"; COMP_WORDS=(jnl -j l); COMP_CWORD=2; _jnl;"
                    + " echo \"${COMPREPLY[*]}\""));
            List<String> lines = offered.lines().toList();
            assertEquals(String.join(" ", Main.find("route").verbWords()), lines.get(0));
            assertEquals("link", lines.get(1));
        } finally {
            Files.delete(script);
        }
        jnl("completion").usage("completion: the shell is needed (bash)");
    }

    @Test
    void netns() throws IOException {
        String name = "jnl-t-" + ProcessHandle.current().pid();
        Cli.Result listed = jnl("-j", "netns", "list");
        Set<String> mine = new TreeSet<>(Cli.parse(listed.out()).findValuesAsText("name"));
        Set<String> ips = new TreeSet<>(Cli.parse(NS.run(List.of("ip", "-j", "netns", "list"))).findValuesAsText("name"));
        assertEquals(ips, mine);
        assertTrue(mine.contains(NS.name()), mine.toString());
        try {
            assertEquals(0, jnl("netns", "add", name).status());
            assertTrue(NS.run(List.of("ip", "netns", "list")).contains(name));
            assertTrue(jnl("netns").out().lines().anyMatch(name::equals));
            Cli.Result again = jnl("netns", "add", name);
            assertEquals(1, again.status(), again.err());
            assertTrue(again.err().startsWith("jnl: netns add " + name + ": EEXIST"), again.err());
        } finally {
            assertEquals(0, jnl("netns", "del", name).status());
        }
        assertFalse(NS.run(List.of("ip", "netns", "list")).contains(name));
        jnl("netns", "del", name).refused("netns del " + name + ": ENOENT (No such file or directory): namespace '"
                + name + "' does not exist");
        jnl("netns", "add").usage("netns add: a name is needed");
    }

    @Test
    void flush() {
        NS.ip("link", "add", "f0", "type", "veth", "peer", "name", "f1");
        NS.ip("link", "set", "f0", "up");
        NS.ip("addr", "add", "10.5.0.1/24", "dev", "f0");
        NS.ip("addr", "add", "10.5.0.2/24", "dev", "f0");
        NS.ip("addr", "add", "2001:db8:5::1/64", "dev", "f0", "nodad");
        NS.ip("route", "add", "10.6.0.0/16", "via", "10.5.0.9", "table", "300");
        NS.ip("route", "add", "blackhole", "10.7.0.0/16", "table", "300");
        NS.ip("route", "add", "10.8.0.0/16", "via", "10.5.0.9");

        ok("-4", "addr", "flush", "dev", "f0");
        assertFalse(ip(NS, "addr", "show", "f0").toString().contains("\"inet\""), "IPv4 flushed");
        assertTrue(ip(NS, "addr", "show", "f0").toString().contains("2001:db8:5::1"), "IPv6 kept under -4");
        assertEquals(0, ip(NS, "route", "show", "10.8.0.0/16").size(), "its routes went with the addresses");
        NS.ip("addr", "add", "10.5.0.1/24", "dev", "f0");

        ok("route", "flush", "table", "300");
        assertTrue(NS.ip("route", "show", "table", "all").contains("10.5.0.0/24"), "main kept");
        assertEquals("", NS.run(List.of("ip", "-n", NS.name(), "route", "show", "table", "300")));
        NS.ip("route", "add", "10.9.0.0/16", "via", "10.5.0.9");
        ok("r", "f", "dev", "f0", "proto", "boot");
        assertEquals(0, ip(NS, "route", "show", "10.9.0.0/16").size());
        assertEquals(1, ip(NS, "route", "show", "10.5.0.0/24").size(), "the kernel's route stays (proto kernel)");

        // (after the address flush, which took every ARP entry of f0 with the last IPv4 address)
        NS.ip("neigh", "add", "10.5.0.50", "lladdr", "02:00:00:00:00:50", "dev", "f0", "nud", "stale");
        NS.ip("neigh", "add", "10.5.0.51", "lladdr", "02:00:00:00:00:51", "dev", "f0", "nud", "permanent");
        ok("neigh", "flush", "dev", "f0");
        assertEquals(List.of("10.5.0.51"), ip(NS, "neigh", "show", "dev", "f0").findValuesAsText("dst"),
                "permanent entries stay, as with ip");
        ok("neigh", "flush", "dev", "f0", "nud", "all");
        assertEquals(0, ip(NS, "neigh", "show", "dev", "f0").size());
        run("neigh", "flush").usage("neighbour flush: 'dev DEV' or 'all' is needed");
        run("addr", "flush").usage("address flush: a device is needed (flush dev DEV)");
        NS.ip("link", "del", "f0");
    }

    @Test
    void onlink() {
        ok("route", "add", "10.20.0.0/16", "via", "192.0.2.1", "dev", "v0", "onlink");
        JsonNode r = ip(NS, "route", "show", "10.20.0.0/16").get(0);
        assertEquals("192.0.2.1", r.get("gateway").asText());
        assertTrue(r.get("flags").toString().contains("onlink"), r.toString());
        run("route", "add", "10.21.0.0/16", "via", "192.0.2.1", "dev", "v0").refused(
                "route add 10.21.0.0/16: ENETUNREACH (Network is unreachable): Nexthop has invalid gateway");
        ok("route", "add", "10.22.0.0/16", "nexthop", "via", "192.0.2.1", "dev", "v0", "onlink",
                "nexthop", "via", "192.0.2.2", "dev", "v1", "onlink", "weight", "3");
        JsonNode hops = ip(NS, "route", "show", "10.22.0.0/16").get(0).get("nexthops");
        assertEquals(2, hops.size(), hops.toString());
        assertTrue(hops.get(0).get("flags").toString().contains("onlink"), hops.toString());
        assertEquals(3, hops.get(1).get("weight").asInt());
        Cli.sameAsIp(NS, "route", "show");
        ok("route", "del", "10.20.0.0/16");
        ok("route", "del", "10.22.0.0/16");
    }

    @Test
    void alias() {
        ok("link", "set", "v1", "alias", "the peer of v0");
        assertEquals("the peer of v0", ip(NS, "link", "show", "v1").get(0).get("ifalias").asText());
        Cli.sameAsIp(NS, "link", "show");
        Cli.sameAsIp(NS, "link", "show", "v1");
        assertTrue(run("link", "show", "v1").out().contains("\n    alias the peer of v0\n"));
        ok("link", "set", "v1", "mtu", "1400", "alias", "both");
        JsonNode l = ip(NS, "link", "show", "v1").get(0);
        assertEquals("both", l.get("ifalias").asText());
        assertEquals(1400, l.get("mtu").asInt());
        ok("link", "set", "v1", "alias", "");
        assertFalse(ip(NS, "link", "show", "v1").get(0).has("ifalias"));
        run("link", "set", "v1", "alias").usage("link set: 'alias' needs a value");
        run("link", "set", "nope0", "alias", "x").refused(
                "link set nope0: ENODEV (No such device): no network device 'nope0'");
    }
}
