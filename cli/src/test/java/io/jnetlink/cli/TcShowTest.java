package io.jnetlink.cli;

import io.jnetlink.KernelNamespace;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static io.jnetlink.cli.Cli.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every qdisc, class and filter show against {@code tc}'s, on the kinds this kernel has (htb with classes, tbf,
 * pfifo, bfifo, mq, noqueue, ingress, clsact, u32 with a classid and with the mirred action): with -j the same
 * JSON as {@code tc -j}, character for character (tc repeats u32's "match" key, so it is compared as text), and the
 * same text (classes only as text: tc 6.1 prints them as text even with -j). Changes made by jnl are read back
 * through tc, and refusals are named after the operation.
 */
class TcShowTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    @BeforeAll
    static void populate() {
        // no IPv6 neighbour discovery: the counters (htb's direct_packets_stat) stay still between two reads
        NS.exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1");
        NS.exec("sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1");
        NS.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        NS.ip("link", "add", "ifb0", "type", "ifb");
        NS.ip("link", "add", "br0", "type", "bridge");
        NS.ip("link", "add", "w0", "type", "veth", "peer", "name", "w1");
        for (String d : new String[] {"v0", "v1", "ifb0", "w0", "w1"}) {
            NS.ip("link", "set", d, "up");
        }
        tc("qdisc", "add", "dev", "v0", "root", "handle", "1:", "htb", "default", "10", "r2q", "5");
        tc("class", "add", "dev", "v0", "parent", "1:", "classid", "1:10", "htb", "rate", "10mbit", "ceil", "20mbit",
                "burst", "15k");
        tc("class", "add", "dev", "v0", "parent", "1:10", "classid", "1:11", "htb", "rate", "5mbit", "prio", "2");
        tc("qdisc", "add", "dev", "v0", "parent", "1:11", "handle", "11:", "pfifo", "limit", "50");
        tc("qdisc", "add", "dev", "v0", "ingress");
        tc("filter", "add", "dev", "v0", "parent", "1:", "protocol", "ip", "prio", "1", "u32", "match", "ip", "dst",
                "10.0.0.1/32", "match", "ip", "dport", "80", "0xffff", "flowid", "1:10");
        tc("filter", "add", "dev", "v0", "parent", "ffff:", "protocol", "all", "prio", "2", "u32", "match", "u32",
                "0", "0", "at", "0", "action", "mirred", "egress", "redirect", "dev", "ifb0");
        tc("qdisc", "add", "dev", "v1", "root", "tbf", "rate", "1mbit", "burst", "32kbit", "latency", "400ms");
        tc("qdisc", "add", "dev", "ifb0", "root", "bfifo", "limit", "10000");
        tc("qdisc", "add", "dev", "br0", "clsact");
        tc("qdisc", "add", "dev", "w0", "root", "handle", "2:", "mq");
    }

    static String tc(String... args) {
        List<String> cmd = new ArrayList<>(List.of("tc", "-n", NS.name()));
        cmd.addAll(List.of(args));
        return KernelNamespace.run(cmd);
    }

    /** jnl's output equals tc's for the same arguments (-j: the same JSON text; else the same text). */
    static void sameAsTc(String... args) {
        String expected = tc(args);
        List<String> j = new ArrayList<>(List.of("-n", NS.name()));
        j.addAll(List.of(args));
        String actual = ok(j.toArray(String[]::new)).out();
        assertEquals(expected.strip(), actual.strip(), String.join(" ", args));
    }

    @Test
    void qdiscs() {
        sameAsTc("-j", "qdisc", "show");
        sameAsTc("qdisc", "show");
        for (String d : new String[] {"v0", "v1", "ifb0", "br0", "w0"}) {
            sameAsTc("-j", "qdisc", "show", "dev", d);
            sameAsTc("qdisc", "show", "dev", d);
            sameAsTc("-s", "-j", "qdisc", "show", "dev", d);
        }
    }

    @Test
    void classes() {
        sameAsTc("class", "show", "dev", "v0");
        String json = ok("-n", NS.name(), "-j", "class", "show", "dev", "v0").out();
        assertTrue(json.contains("\"handle\":\"1:11\",\"parent\":\"1:10\",\"leaf\":\"11:\",\"prio\":2,"
                + "\"rate\":625000"), json);
    }

    @Test
    void filters() {
        sameAsTc("-j", "filter", "show", "dev", "v0");
        sameAsTc("filter", "show", "dev", "v0");
        sameAsTc("-j", "filter", "show", "dev", "v0", "parent", "ffff:");
        sameAsTc("filter", "show", "dev", "v0", "parent", "ffff:");
        sameAsTc("-s", "-j", "filter", "show", "dev", "v0", "parent", "ffff:");
    }

    @Test
    void changesReadBackThroughTc() {
        String ns = NS.name();
        ok("-n", ns, "qdisc", "add", "dev", "w1", "root", "handle", "5:", "htb", "default", "20");
        ok("-n", ns, "class", "add", "dev", "w1", "parent", "5:", "classid", "5:20", "htb", "rate", "2mbit", "ceil",
                "4mbit", "burst", "10k", "prio", "3");
        assertEquals("class htb 5:20 root prio 3 rate 2Mbit ceil 4Mbit burst 10Kb cburst 1600b",
                tc("class", "show", "dev", "w1").strip());
        ok("-n", ns, "class", "change", "dev", "w1", "parent", "5:", "classid", "5:20", "htb", "rate", "3mbit");
        assertTrue(tc("class", "show", "dev", "w1").contains("rate 3Mbit ceil 3Mbit"), tc("class", "show", "dev", "w1"));
        ok("-n", ns, "filter", "add", "dev", "w1", "parent", "5:", "protocol", "ip", "prio", "7", "u32", "match", "ip",
                "src", "10.1.0.0/16", "match", "ip", "sport", "53", "0xffff", "flowid", "5:20");
        String f = tc("-j", "filter", "show", "dev", "w1");
        assertTrue(f.contains("\"flowid\":\"5:20\",\"not_in_hw\":true,\"match\":{\"value\":\"a010000\","
                + "\"mask\":\"ffff0000\",\"offmask\":\"\",\"off\":12},\"match\":{\"value\":\"350000\","
                + "\"mask\":\"ffff0000\",\"offmask\":\"\",\"off\":20}"), f);
        ok("-n", ns, "filter", "del", "dev", "w1", "parent", "5:", "prio", "7");
        assertEquals("", tc("filter", "show", "dev", "w1").strip());
        ok("-n", ns, "qdisc", "replace", "dev", "w1", "root", "tbf", "rate", "8mbit", "burst", "64k", "latency",
                "50ms");
        assertTrue(tc("qdisc", "show", "dev", "w1").startsWith("qdisc tbf "), tc("qdisc", "show", "dev", "w1"));
        ok("-n", ns, "qdisc", "del", "dev", "w1", "root");
        ok("-n", ns, "qdisc", "add", "dev", "w1", "clsact");
        ok("-n", ns, "filter", "add", "dev", "w1", "egress", "protocol", "all", "prio", "1", "u32", "match", "u32",
                "0", "0", "at", "0", "action", "mirred", "egress", "mirror", "dev", "ifb0");
        assertTrue(tc("filter", "show", "dev", "w1", "egress").contains("mirred (Egress Mirror to device ifb0) pipe"),
                tc("filter", "show", "dev", "w1", "egress"));
        ok("-n", ns, "qdisc", "del", "dev", "w1", "clsact");
        assertTrue(tc("qdisc", "show", "dev", "w1").startsWith("qdisc noqueue"), tc("qdisc", "show", "dev", "w1"));
    }

    @Test
    void refusalsNameTheOperation() {
        String ns = NS.name();
        Cli.jnl("-n", ns, "qdisc", "add", "dev", "v0", "root", "handle", "1:", "htb").refused(
                "qdisc add dev v0 root handle 1: htb: EEXIST (File exists): Exclusivity flag on, cannot modify");
        Cli.Result r = Cli.jnl("-n", ns, "qdisc", "add", "dev", "w1", "root", "fq_codel");
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().startsWith("jnl: qdisc add dev w1 root fq_codel: ENOENT"), r.err());
        Cli.jnl("-n", ns, "qdisc", "add", "dev", "nosuch", "root", "htb").refused(
                "qdisc add dev nosuch root htb: ENODEV (No such device): no network device 'nosuch'");
        Cli.jnl("-n", ns, "class", "del", "dev", "v0", "classid", "1:99").refused(
                "class del dev v0 classid 1:99: ENOENT (No such file or directory)");
    }

    @Test
    void badInputIsRefusedBeforeSending() {
        String ns = NS.name();
        String before = tc("qdisc", "show");
        Cli.jnl("-n", ns, "qdisc", "add", "dev", "v1", "root", "handle", "zz:", "htb").bad(
                "handle 'zz:' is not a qdisc handle (MAJ: in hex, e.g. 1:)");
        Cli.jnl("-n", ns, "class", "add", "dev", "v0", "parent", "1:", "classid", "1:30", "htb", "rate", "1mbit",
                "ceil", "1kbit").bad("ceil 125 is below rate 125000");
        Cli.jnl("-n", ns, "filter", "add", "dev", "v0", "parent", "1:", "u32", "match", "ip", "dst", "10.0.0.300")
                .bad("u32 match ip dst: '10.0.0.300' is not an IPv4 or IPv6 address");
        assertTrue(Cli.jnl("-n", ns, "qdisc", "add", "dev", "v0", "root", "sfb").status() == 2);
        assertEquals(before, tc("qdisc", "show"));
    }
}
