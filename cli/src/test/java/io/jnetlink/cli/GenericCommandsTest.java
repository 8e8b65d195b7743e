package io.jnetlink.cli;

import io.jnetlink.KernelNamespace;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.jnetlink.cli.Cli.jnl;
import static io.jnetlink.cli.Cli.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jnl genl policy}, {@code jnl taskstats} and {@code jnl ethtool}: exit status, text, JSON shape, errors. */
class GenericCommandsTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    static final long PID = ProcessHandle.current().pid();

    @BeforeAll
    static void links() {
        NS.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        NS.ip("link", "set", "v0", "up");
        NS.ip("link", "set", "v1", "up");
    }

    @Test
    void genlPolicyText() {
        String out = ok("-n", NS.name(), "genl", "policy", "nlctrl").out();
        assertTrue(out.startsWith("family nlctrl, id 0x10\n"), out);
        assertTrue(out.contains("op 3 getfamily (do and dump):\n    family-id (1): u16, 0..65535\n"
                + "    family-name (2): nul-string, length ..15\n"), out);
        assertTrue(out.contains("op 10 getpolicy (dump):\n"), out);
        String one = ok("-n", NS.name(), "genl", "policy", "ethtool", "linkinfo-get").out();
        assertTrue(one.contains("op 2 linkinfo-get (do and dump):\n    header (1): nested, policy 1"), one);
        assertTrue(one.contains("        dev-name (2): nul-string"), "the nested policy indented under its nest: " + one);
        assertEquals(one, ok("-n", NS.name(), "genl", "policy", "ethtool", "2").out(), "by number as by name");
    }

    @Test
    void genlPolicyJson() {
        String out = ok("-n", NS.name(), "-j", "genl", "policy", "nlctrl").out();
        assertTrue(out.startsWith("{\"family\":\"nlctrl\",\"id\":16,\"ops\":[{\"op\":3,\"name\":\"getfamily\",\"do\":0,"
                + "\"dump\":0},{\"op\":10,\"name\":\"getpolicy\",\"do\":null,\"dump\":1}],\"policies\":{\"0\":["
                + "{\"attr\":1,\"name\":\"family-id\",\"type\":\"u16\",\"min\":0,\"max\":65535},"
                + "{\"attr\":2,\"name\":\"family-name\",\"type\":\"nul-string\",\"max_length\":15}]"), out);
        assertTrue(out.endsWith("}\n"), out);
    }

    @Test
    void genlPolicyErrors() {
        jnl("-n", NS.name(), "genl", "policy", "no-such-family")
                .refused("resolve family: ENOENT (No such file or directory): generic netlink family 'no-such-family' is not present");
        jnl("-n", NS.name(), "genl", "policy", "ethtool", "999")
                .refused("policy ethtool: ENOENT (No such file or directory): generic netlink family 'ethtool' has no operation 999");
        jnl("genl", "policy").usage("genl policy takes a family name and optionally an operation");
        jnl("-n", NS.name(), "genl", "policy", "ethtool", "bogus").usage("'bogus' is not an operation number nor a request of ethtool");
    }

    @Test
    void taskstatsOfThisProcess() {
        String text = ok("taskstats", Long.toString(PID)).out();
        assertTrue(text.startsWith("pid " + PID + " (java): struct taskstats version "), text);
        assertTrue(text.contains("\n  ac_pid                     " + PID + "\n"), text);
        String json = ok("-j", "taskstats", Long.toString(PID)).out();
        assertTrue(json.startsWith("{\"kind\":\"pid\",\"id\":" + PID + ",\"version\":"), json);
        assertTrue(json.contains(",\"stats\":{\"version\":"), json);
        assertTrue(json.contains("\"ac_comm\":\"java\""), json);
        assertTrue(json.contains("\"ac_pid\":" + PID + ","), json);
        String group = ok("-n", NS.name(), "-j", "taskstats", "tgid", Long.toString(PID)).out();
        assertTrue(group.startsWith("{\"kind\":\"tgid\",\"id\":" + PID + ","), group);
    }

    @Test
    void taskstatsErrors() throws IOException {
        int pidMax;
        try (InputStream in = Files.newInputStream(Path.of("/proc/sys/kernel/pid_max"))) {
            pidMax = Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        }
        jnl("taskstats", Integer.toString(pidMax)).refused("taskstats pid " + pidMax
                + ": ESRCH (No such process): no task with pid " + pidMax + " in this pid namespace");
        jnl("taskstats", "abc").usage("'abc' is not a pid");
        jnl("taskstats", "tgid", "x").usage("'x' is not a tgid");
        jnl("taskstats").usage("taskstats takes one pid (or: tgid TGID)");
        Cli.Result zero = jnl("taskstats", "0");
        assertEquals(2, zero.status());
        assertEquals("jnl: pid must be positive, got 0\n", zero.err());
    }

    @Test
    void ethtoolTextMatchesEthtoolsLines() {
        String ours = ok("-n", NS.name(), "ethtool", "v0").out();
        assertTrue(ours.startsWith("Settings for v0:\n"), ours);
        List<String> theirs = List.of(NS.exec("ethtool", "v0").split("\n"));
        for (String line : ours.split("\n")) {
            if (line.startsWith("\t")) {
                assertTrue(theirs.contains(line), "ethtool prints '" + line.trim() + "' too: " + theirs);
            }
        }
        for (String key : List.of("Speed:", "Duplex:", "Auto-negotiation:", "Port:", "PHYAD:", "Transceiver:",
                "MDI-X:", "Link detected:", "Supported link modes:", "Advertised link modes:")) {
            assertTrue(ours.contains("\t" + key), key + " in " + ours);
        }
    }

    @Test
    void ethtoolJsonShape() {
        String v0 = ok("-n", NS.name(), "-j", "ethtool", "v0").out();
        assertTrue(v0.matches("\\{\"ifname\":\"v0\",\"ifindex\":\\d+,\"linkinfo\":\\{\"port\":\"tp\",\"phyaddr\":0,"
                + "\"tp_mdix\":\"invalid\",\"tp_mdix_ctrl\":\"invalid\",\"transceiver\":\"internal\"},"
                + "\"linkmodes\":\\{\"autoneg\":false,\"speed\":\\d+,\"duplex\":\"full\",\"lanes\":null,\"supported\":\\[],"
                + "\"advertised\":\\[],\"peer\":\\[]},\"linkstate\":\\{\"link\":true,\"sqi\":null,\"sqi_max\":null,"
                + "\"ext_state\":null,\"ext_substate\":null,\"ext_down_cnt\":null}}\n"), v0);
        String lo = ok("-n", NS.name(), "-j", "ethtool", "lo").out();
        assertTrue(lo.startsWith("{\"ifname\":\"lo\",\"ifindex\":1,\"linkinfo\":null,\"linkmodes\":null,\"linkstate\":{"),
                "parts lo's driver does not report are null: " + lo);
    }

    @Test
    void ethtoolErrors() {
        jnl("-n", NS.name(), "ethtool", "nosuch0").refused("ethtool linkinfo-get: ENODEV (No such device): "
                + "no network device 'nosuch0' in this network namespace");
        jnl("ethtool").usage("ethtool takes one device name");
        jnl("ethtool", "a", "b").usage("ethtool takes one device name");
    }
}
