package io.jnetlink.cli;

import io.jnetlink.KernelNamespace;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.jnetlink.cli.Cli.ip;
import static io.jnetlink.cli.Cli.jnl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every add/set/del of jnl, read back through {@code ip -j}; and bad input: one line, the kernel's extended-ack
 * message where it sent one, exit 2 for usage and 1 for a refusal, nothing applied.
 */
class IpChangeTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    @BeforeAll
    static void base() {
        NS.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        NS.ip("link", "set", "v0", "up");
        NS.ip("addr", "add", "10.0.0.1/24", "dev", "v0");
    }

    static void jnlOk(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "-n";
        full[1] = NS.name();
        System.arraycopy(args, 0, full, 2, args.length);
        Cli.ok(full);
    }

    static Cli.Result run(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "-n";
        full[1] = NS.name();
        System.arraycopy(args, 0, full, 2, args.length);
        return jnl(full);
    }

    static JsonNode link(String name) {
        return ip(NS, "-d", "link", "show", name).get(0);
    }

    @Test
    void linksOfEveryKind() {
        jnlOk("link", "add", "a0", "type", "veth", "peer", "name", "a1");
        assertEquals("veth", link("a0").at("/linkinfo/info_kind").asText());
        assertEquals("a0", link("a1").get("link").asText());
        jnlOk("link", "add", "br1", "type", "bridge");
        assertEquals("bridge", link("br1").at("/linkinfo/info_kind").asText());
        jnlOk("link", "add", "mv1", "link", "v0", "type", "macvlan", "mode", "bridge");
        assertEquals("bridge", link("mv1").at("/linkinfo/info_data/mode").asText());
        assertEquals("v0", link("mv1").get("link").asText());
        jnlOk("link", "add", "vx1", "type", "vxlan", "id", "77", "dstport", "4789", "dev", "v0");
        JsonNode vx = link("vx1").at("/linkinfo/info_data");
        assertEquals(77, vx.get("id").asInt());
        assertEquals(4789, vx.get("port").asInt());
        assertEquals("v0", vx.get("link").asText());
        jnlOk("link", "add", "ifb1", "type", "ifb");
        assertEquals("ifb", link("ifb1").at("/linkinfo/info_kind").asText());
        jnlOk("link", "add", "tun1", "type", "tun");
        assertEquals("tun", link("tun1").at("/linkinfo/info_data/type").asText());
        jnlOk("tuntap", "add", "tap1", "mode", "tap");
        assertEquals("tap", link("tap1").at("/linkinfo/info_data/type").asText());
        for (String dev : new String[] {"a0", "br1", "mv1", "vx1", "ifb1", "tun1", "tap1"}) {
            jnlOk("link", "del", dev);
        }
        assertEquals(2, ip(NS, "link", "show", "type", "veth").size(), "only v0 and v1 are left");
    }

    @Test
    void linkSet() {
        jnlOk("link", "add", "s0", "type", "veth", "peer", "name", "s1");
        jnlOk("link", "add", "sbr", "type", "bridge");
        jnlOk("link", "set", "s0", "up", "mtu", "1400", "address", "02:00:00:00:aa:01", "txqueuelen", "77");
        JsonNode l = link("s0");
        assertTrue(l.get("flags").toString().contains("\"UP\""), l.toString());
        assertEquals(1400, l.get("mtu").asInt());
        assertEquals("02:00:00:00:aa:01", l.get("address").asText());
        assertEquals(77, l.get("txqlen").asInt());
        jnlOk("link", "set", "dev", "s0", "down");
        assertFalse(link("s0").get("flags").toString().contains("\"UP\""));
        jnlOk("link", "set", "s1", "master", "sbr");
        assertEquals("sbr", link("s1").get("master").asText());
        jnlOk("link", "set", "s1", "nomaster");
        assertFalse(link("s1").has("master"));
        jnlOk("link", "set", "s1", "name", "s2");
        assertEquals("s2", link("s2").get("ifname").asText());
        String other = NS.another("jnl-moved");
        jnlOk("link", "set", "s2", "netns", other);
        assertEquals(0, ip(NS, "link", "show", "type", "veth").findValuesAsText("ifname").stream()
                .filter("s2"::equals).count());
        assertTrue(NS.run(java.util.List.of("ip", "-n", other, "link", "show", "s2")).contains("s2"));
        jnlOk("link", "del", "s0");
        jnlOk("link", "del", "sbr");
    }

    @Test
    void addresses() {
        jnlOk("addr", "add", "10.1.0.1/24", "dev", "v0", "broadcast", "+", "label", "v0:a");
        jnlOk("addr", "add", "2001:db8:1::1/64", "dev", "v0");
        jnlOk("addr", "add", "10.2.0.1/16", "dev", "v0", "scope", "link");
        JsonNode info = ip(NS, "addr", "show", "dev", "v0").get(0).get("addr_info");
        String s = info.toString();
        assertTrue(s.contains("{\"family\":\"inet\",\"local\":\"10.1.0.1\",\"prefixlen\":24,\"broadcast\":\"10.1.0.255\","
                + "\"scope\":\"global\",\"label\":\"v0:a\""), s);
        assertTrue(s.contains("\"local\":\"2001:db8:1::1\",\"prefixlen\":64"), s);
        assertTrue(s.contains("\"local\":\"10.2.0.1\",\"prefixlen\":16,\"scope\":\"link\""), s);
        jnlOk("addr", "del", "10.1.0.1/24", "dev", "v0");
        jnlOk("addr", "del", "2001:db8:1::1/64", "dev", "v0");
        jnlOk("addr", "del", "10.2.0.1/16", "dev", "v0");
        s = ip(NS, "addr", "show", "dev", "v0").toString();
        assertFalse(s.contains("10.1.0.1") || s.contains("2001:db8:1::1") || s.contains("10.2.0.1"), s);
    }

    @Test
    void routes() {
        jnlOk("route", "add", "10.50.0.0/16", "via", "10.0.0.2", "table", "100", "metric", "5", "proto", "static");
        assertEquals("[{\"dst\":\"10.50.0.0/16\",\"gateway\":\"10.0.0.2\",\"dev\":\"v0\",\"protocol\":\"static\","
                + "\"metric\":5,\"flags\":[\"linkdown\"]}]", ip(NS, "route", "show", "table", "100").toString());
        jnlOk("route", "replace", "10.50.0.0/16", "via", "10.0.0.3", "table", "100", "metric", "5");
        assertEquals("10.0.0.3", ip(NS, "route", "show", "table", "100").get(0).get("gateway").asText());
        jnlOk("route", "add", "blackhole", "10.51.0.0/16");
        assertEquals("[{\"type\":\"blackhole\",\"dst\":\"10.51.0.0/16\",\"flags\":[]}]",
                ip(NS, "route", "show", "10.51.0.0/16").toString());
        jnlOk("route", "add", "10.52.0.0/16", "nexthop", "via", "10.0.0.2", "dev", "v0", "weight", "3",
                "nexthop", "via", "10.0.0.4", "dev", "v0");
        assertEquals("[{\"gateway\":\"10.0.0.2\",\"dev\":\"v0\",\"weight\":3,\"flags\":[\"linkdown\"]},"
                + "{\"gateway\":\"10.0.0.4\",\"dev\":\"v0\",\"weight\":1,\"flags\":[\"linkdown\"]}]",
                ip(NS, "route", "show", "10.52.0.0/16").get(0).get("nexthops").toString());
        jnlOk("route", "add", "10.53.0.0/16", "dev", "v0", "mtu", "1300", "src", "10.0.0.1");
        assertEquals("[{\"dst\":\"10.53.0.0/16\",\"dev\":\"v0\",\"scope\":\"link\",\"prefsrc\":\"10.0.0.1\","
                + "\"flags\":[\"linkdown\"],\"metrics\":[{\"mtu\":1300}]}]",
                ip(NS, "route", "show", "10.53.0.0/16").toString());
        jnlOk("route", "add", "2001:db8:50::/48", "dev", "v0", "table", "200");
        assertEquals("2001:db8:50::/48", ip(NS, "-6", "route", "show", "table", "200").get(0).get("dst").asText());
        jnlOk("-6", "route", "add", "default", "dev", "v0", "table", "200");
        assertEquals(2, ip(NS, "-6", "route", "show", "table", "200").size());
        jnlOk("route", "del", "10.50.0.0/16", "table", "100");
        jnlOk("route", "del", "blackhole", "10.51.0.0/16");
        jnlOk("route", "del", "10.52.0.0/16");
        jnlOk("route", "del", "10.53.0.0/16");
        jnlOk("route", "del", "2001:db8:50::/48", "table", "200");
        jnlOk("-6", "route", "del", "default", "table", "200");
        assertEquals(0, ip(NS, "route", "show", "table", "100").size());
        assertEquals(0, ip(NS, "-6", "route", "show", "table", "200").size());
        assertFalse(ip(NS, "route", "show").toString().contains("10.5"), "main holds none of them");
    }

    @Test
    void neighboursAndRules() {
        jnlOk("neigh", "add", "10.0.0.77", "lladdr", "02:00:00:00:00:77", "dev", "v0");
        jnlOk("neigh", "add", "2001:db8::77", "lladdr", "02:00:00:00:00:78", "dev", "v0", "nud", "reachable");
        assertEquals("[{\"dst\":\"10.0.0.77\",\"dev\":\"v0\",\"lladdr\":\"02:00:00:00:00:77\",\"state\":[\"PERMANENT\"]}]",
                ip(NS, "neigh", "show", "10.0.0.77").toString());
        assertEquals("02:00:00:00:00:78", ip(NS, "neigh", "show", "2001:db8::77").get(0).get("lladdr").asText());
        jnlOk("neigh", "del", "10.0.0.77", "dev", "v0");
        jnlOk("neigh", "del", "2001:db8::77", "dev", "v0");
        assertEquals(0, ip(NS, "neigh", "show", "10.0.0.77").size());
        assertEquals(0, ip(NS, "neigh", "show", "2001:db8::77").size());

        jnlOk("rule", "add", "from", "10.9.0.0/16", "table", "100", "priority", "1000");
        jnlOk("rule", "add", "to", "10.8.0.0/16", "fwmark", "0x10/0xff", "iif", "v0", "prohibit", "priority", "1001");
        jnlOk("-6", "rule", "add", "from", "2001:db8::/32", "table", "200", "priority", "1002");
        String rules = ip(NS, "rule", "show").toString();
        assertTrue(rules.contains("{\"priority\":1000,\"src\":\"10.9.0.0\",\"srclen\":16,\"table\":\"100\"}"), rules);
        assertTrue(rules.contains("{\"priority\":1001,\"src\":\"all\",\"dst\":\"10.8.0.0\",\"dstlen\":16,"
                + "\"fwmark\":\"0x10\",\"fwmask\":\"0xff\",\"iif\":\"v0\",\"action\":\"prohibit\"}"), rules);
        assertTrue(ip(NS, "-6", "rule", "show").toString().contains("\"priority\":1002,\"src\":\"2001:db8::\""));
        jnlOk("rule", "del", "priority", "1000");
        jnlOk("rule", "del", "to", "10.8.0.0/16", "fwmark", "0x10/0xff", "iif", "v0", "prohibit", "priority", "1001");
        jnlOk("-6", "rule", "del", "priority", "1002");
        assertFalse(ip(NS, "rule", "show").toString().contains("\"priority\":100"), "both went");
        assertFalse(ip(NS, "-6", "rule", "show").toString().contains("1002"));
    }

    @Test
    void badInput() {
        String before = NS.ip("-d", "link", "show") + NS.ip("addr") + NS.ip("route", "show", "table", "all")
                + NS.ip("rule") + NS.ip("neigh");
        run("link", "set", "nope", "up").refused("link set nope: ENODEV (No such device): no network device 'nope'");
        run("addr", "add", "10.3.0.1/24", "dev", "nope").refused(
                "address add 10.3.0.1/24 dev nope: ENODEV (No such device): no network device 'nope'");
        run("route", "add", "10.3.0.0/24", "dev", "nope").refused(
                "route add 10.3.0.0/24: ENODEV (No such device): no network device 'nope'");
        run("neigh", "add", "10.0.0.3", "dev", "nope").refused(
                "neigh add 10.0.0.3 dev nope: ENODEV (No such device): no network device 'nope'");
        run("link", "set", "v0", "master", "nope").refused(
                "link set v0: ENODEV (No such device): no network device 'nope'");
        run("route", "show", "dev", "nope").refused(
                "route show dev nope: ENODEV (No such device): no network device 'nope'");
        run("addr", "flush", "dev", "nope").refused(
                "address flush dev nope: ENODEV (No such device): no network device 'nope'");
        run("route", "add", "10.0.0.0/33", "dev", "v0").bad("route: '10.0.0.0/33' has a bad prefix length (0-32)");
        run("route", "flush").usage("route flush: a selection is needed (table ID, all, dev DEV, proto P)");
        run("addr", "add", "10.0.0.300/24", "dev", "v0").bad(
                "address: '10.0.0.300' is not an IPv4 or IPv6 address");
        run("route", "add", "10.60.0.0/16", "via", "10.77.0.1").refused(
                "route add 10.60.0.0/16: ENETUNREACH (Network is unreachable): Nexthop has invalid gateway");
        run("addr", "add", "10.0.0.1/24", "dev", "v0").refused(
                "address add 10.0.0.1/24 dev v0: EEXIST (File exists): ipv4: Address already assigned");
        run("link", "add", "v0", "type", "bridge").refused("link add v0 type bridge: EEXIST (File exists)");
        run("link", "set", "v0", "mtu", "1400", "bogus").usage("link set: unknown argument 'bogus'");
        run("link", "add", "n0", "type", "veth", "peer", "name", "n1", "frob").usage(
                "link add: unknown argument 'frob'");
        run("addr", "add", "10.3.0.1/24").usage("address add: an address and 'dev DEV' are needed");
        run("route", "add", "10.61.0.0/16", "dev", "v0", "metric", "x").usage("route add: metric 'x' is not a number");
        run("-x", "link", "show").usage("option '-x' is unknown");
        run("frob").usage("object 'frob' is unknown");
        run("link", "frobnicate").usage("unknown link command 'frobnicate'");
        run("link", "set", "v0", "mtu", "100000000").refused(
                "link set v0: EINVAL (Invalid argument): mtu greater than device maximum");
        String after = NS.ip("-d", "link", "show") + NS.ip("addr") + NS.ip("route", "show", "table", "all")
                + NS.ip("rule") + NS.ip("neigh");
        assertEquals(before, after, "nothing was applied");
    }
}
