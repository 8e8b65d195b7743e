package io.jnetlink.cli;

import io.jnetlink.KernelNamespace;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static io.jnetlink.cli.Cli.jnl;
import static io.jnetlink.cli.Cli.jnlJson;
import static io.jnetlink.cli.Cli.ok;
import static io.jnetlink.cli.Cli.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jnl bridge fdb|vlan} against {@code bridge}: every show's JSON equals {@code bridge -j}'s object by object
 * (port entries, the bridge's own, VXLAN remotes with VNI, port and lower device, an appended BUM list, an fdb nexthop
 * group; each filter), its text equals bridge's, and each change is read back through {@code bridge -j}. This kernel
 * has no bridge VLAN filtering: VLAN lists are empty and VLAN changes are refused, for bridge and jnl alike.
 */
class BridgeCommandTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    @BeforeAll
    static void populate() {
        NS.ip("link", "set", "lo", "up");
        NS.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        NS.ip("addr", "add", "10.0.0.1/24", "dev", "v0");
        NS.ip("link", "add", "br0", "type", "bridge");
        NS.ip("link", "add", "w0", "type", "veth", "peer", "name", "w1");
        NS.ip("link", "set", "w0", "master", "br0");
        NS.ip("link", "add", "vx0", "type", "vxlan", "id", "42", "dstport", "4789", "local", "10.0.0.1", "nolearning");
        NS.ip("link", "set", "vx0", "master", "br0");
        for (String d : new String[] {"v0", "v1", "br0", "w0", "w1", "vx0"}) {
            NS.ip("link", "set", d, "up");
        }
        bridge("fdb", "add", "02:00:00:00:00:01", "dev", "w0", "master", "static");
        bridge("fdb", "add", "02:00:00:00:00:02", "dev", "w0", "master");
        bridge("fdb", "add", "02:00:00:00:00:03", "dev", "w0", "master", "extern_learn");
        bridge("fdb", "add", "02:00:00:00:00:04", "dev", "w0", "master", "sticky", "static");
        bridge("fdb", "add", "02:00:00:00:00:05", "dev", "br0", "self", "local");
        bridge("fdb", "append", "00:00:00:00:00:00", "dev", "vx0", "dst", "10.0.0.2");
        bridge("fdb", "append", "00:00:00:00:00:00", "dev", "vx0", "dst", "10.0.0.3");
        bridge("fdb", "add", "02:00:00:00:00:06", "dev", "vx0", "dst", "10.0.0.4", "vni", "100", "port", "4790");
        bridge("fdb", "add", "02:00:00:00:00:07", "dev", "vx0", "dst", "10.0.0.5", "via", "v0");
        NS.ip("nexthop", "add", "id", "20", "via", "10.0.0.2", "fdb");
        NS.ip("nexthop", "add", "id", "22", "group", "20", "fdb");
        bridge("fdb", "add", "02:00:00:00:00:08", "dev", "vx0", "nhid", "22", "self");
    }

    static String bridge(String... args) {
        List<String> cmd = new ArrayList<>(List.of("bridge"));
        cmd.addAll(List.of(args));
        return NS.exec(cmd.toArray(String[]::new));
    }

    static JsonNode bridgeJson(String... args) {
        List<String> cmd = new ArrayList<>(List.of("-j"));
        cmd.addAll(List.of(args));
        return parse(bridge(cmd.toArray(String[]::new)));
    }

    /** {@code jnl -j bridge args} prints what {@code bridge -j args} prints, object by object. */
    static JsonNode sameAsBridge(String... args) {
        JsonNode expected = bridgeJson(args);
        List<String> cmd = new ArrayList<>(List.of("bridge"));
        cmd.addAll(List.of(args));
        JsonNode actual = jnlJson(NS, cmd.toArray(String[]::new));
        assertEquals(expected.size(), actual.size(), () -> String.join(" ", args) + "\nbridge: " + expected
                + "\njnl:    " + actual);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), String.join(" ", args) + ", object " + i);
        }
        return expected;
    }

    static Cli.Result run(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "-n";
        full[1] = NS.name();
        System.arraycopy(args, 0, full, 2, args.length);
        return jnl(full);
    }

    @Test
    void fdbShowEqualsBridgeObjectByObject() {
        JsonNode all = sameAsBridge("fdb", "show");
        assertTrue(all.toString().contains("\"vni\":100"), all.toString());
        assertTrue(all.toString().contains("\"nhid\":22"), all.toString());
        assertTrue(all.toString().contains("\"viaIf\":\"v0\""), all.toString());
        sameAsBridge("fdb", "show", "br", "br0");
        sameAsBridge("fdb", "show", "brport", "vx0");
        sameAsBridge("fdb", "show", "dev", "w0", "br", "br0");
        sameAsBridge("fdb", "show", "state", "static");
        sameAsBridge("fdb", "show", "state", "permanent");
        sameAsBridge("fdb", "show", "dynamic");
        sameAsBridge("fdb", "list");
    }

    @Test
    void textLooksLikeBridge() {
        assertEquals(strip(bridge("fdb", "show")), run("bridge", "fdb", "show").out());
        assertEquals(strip(bridge("fdb", "show", "brport", "vx0")), run("bridge", "fdb", "show", "brport", "vx0").out());
        assertEquals(strip(bridge("vlan", "show")), run("bridge", "vlan", "show").out());
    }

    /** bridge's text without the blanks it leaves at line ends. */
    private static String strip(String text) {
        return text.replaceAll(" +\n", "\n");
    }

    @Test
    void fdbChangesAreReadBackThroughBridge() {
        ok("-n", NS.name(), "bridge", "fdb", "add", "02:00:00:00:01:01", "dev", "w0", "master", "static");
        ok("-n", NS.name(), "bridge", "fdb", "append", "00:00:00:00:00:00", "dev", "vx0", "dst", "10.0.0.9");
        ok("-n", NS.name(), "bridge", "fdb", "add", "02:00:00:00:01:02", "dev", "vx0", "dst", "10.0.0.10", "vni",
                "200", "port", "4791");
        ok("-n", NS.name(), "bridge", "fdb", "add", "02:00:00:00:01:03", "dev", "w0", "master", "extern_learn");
        JsonNode vx = bridgeJson("fdb", "show", "brport", "vx0");
        assertTrue(vx.toString().contains("\"dst\":\"10.0.0.9\""), vx.toString());
        assertTrue(vx.toString().contains("\"mac\":\"02:00:00:00:01:02\",\"dst\":\"10.0.0.10\",\"port\":4791,"
                + "\"vni\":200"), vx.toString());
        ok("-n", NS.name(), "bridge", "fdb", "replace", "02:00:00:00:01:02", "dev", "vx0", "dst", "10.0.0.11");
        assertTrue(bridgeJson("fdb", "show", "brport", "vx0").toString().contains("\"dst\":\"10.0.0.11\""));
        ok("-n", NS.name(), "bridge", "fdb", "del", "00:00:00:00:00:00", "dev", "vx0", "dst", "10.0.0.9");
        ok("-n", NS.name(), "bridge", "fdb", "del", "02:00:00:00:01:02", "dev", "vx0");
        ok("-n", NS.name(), "bridge", "fdb", "del", "02:00:00:00:01:01", "dev", "w0", "master");
        ok("-n", NS.name(), "bridge", "fdb", "del", "02:00:00:00:01:03", "dev", "w0", "master");
        String left = bridgeJson("fdb", "show").toString();
        assertTrue(!left.contains("02:00:00:00:01:0") && !left.contains("10.0.0.9"), left);
        sameAsBridge("fdb", "show");
    }

    @Test
    void vlansAreEmptyAndChangesRefusedAsBridgesAre() {
        JsonNode v = sameAsBridge("vlan", "show");
        assertEquals(0, v.size());
        sameAsBridge("vlan", "show", "dev", "w0");
        run("bridge", "vlan", "add", "vid", "10", "dev", "w0", "pvid", "untagged").refused(
                "vlan add vid 10 dev w0: EOPNOTSUPP (Operation not supported)");
        run("bridge", "vlan", "add", "vid", "20-22", "dev", "w0", "master").refused(
                "vlan add vid 20-22 dev w0: EOPNOTSUPP (Operation not supported)");
        run("bridge", "vlan", "add", "vid", "20-22", "dev", "w0", "pvid").bad(
                "bridge vlan: pvid cannot be configured for a vlan range");
        run("bridge", "vlan", "add", "vid", "5000", "dev", "w0").bad(
                "bridge vlan: vid 5000 is not a VLAN id or range within 1..4094");
        run("bridge", "vlan", "add", "dev", "w0").usage("bridge vlan: 'vid VID' and 'dev DEV' are needed");
    }

    @Test
    void badFdbInputIsOneLineAndChangesNothing() {
        String before = bridgeJson("fdb", "show").toString();
        run("bridge", "fdb", "add", "02:00:00:00:00:01", "dev", "w0", "master").refused(
                "fdb add 02:00:00:00:00:01 dev w0: EEXIST (File exists)");
        run("bridge", "fdb", "del", "02:00:00:00:09:09", "dev", "w0", "master").refused(
                "fdb del 02:00:00:00:09:09 dev w0: ENOENT (No such file or directory)");
        run("bridge", "fdb", "add", "02:00:00:00:09:01", "dev", "nope").refused(
                "fdb add 02:00:00:00:09:01 dev nope: ENODEV (No such device): no network device 'nope'");
        run("bridge", "fdb", "add", "02:00:00:00:09", "dev", "w0").bad(
                "fdb: '02:00:00:00:09' is not a MAC address (six hex bytes, ':'-separated)");
        run("bridge", "fdb", "add", "02:00:00:00:09:02", "dev", "vx0", "nhid", "22", "dst", "10.0.0.2").bad(
                "fdb add 02:00:00:00:09:02 dev vx0: dst, port, vni are mutually exclusive with nhid");
        run("bridge", "fdb", "add", "02:00:00:00:09:03", "dev", "vx0", "vni", "x").usage(
                "bridge fdb add: vni 'x' is not a number");
        run("bridge", "fdb", "add", "02:00:00:00:09:03").usage("bridge fdb: an address and 'dev DEV' are needed");
        run("bridge", "fdb", "frob").usage("unknown bridge fdb command 'frob'");
        run("bridge", "frob").usage("unknown bridge command 'frob'");
        assertEquals(before, bridgeJson("fdb", "show").toString(), "nothing changed");
    }
}
