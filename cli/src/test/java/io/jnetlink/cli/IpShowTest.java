package io.jnetlink.cli;

import io.jnetlink.KernelNamespace;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.jnetlink.cli.Cli.ok;
import static io.jnetlink.cli.Cli.sameAsIp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every show command's JSON against {@code ip -j}'s, object by object with every key, on a namespace holding
 * every link kind available here, IPv4 and IPv6 addresses, routes in several tables (a blackhole, a multipath and
 * one with a metric among them, and runs that differ in their destination alone), neighbours and rules. The
 * carrier stays off, so IPv6 addresses stay tentative and nothing changes between the two reads.
 */
class IpShowTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    @BeforeAll
    static void populate() {
        String other = NS.another("jnl-peer");
        NS.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        NS.ip("link", "add", "w0", "type", "veth", "peer", "name", "w1", "netns", other);
        NS.ip("link", "add", "br0", "type", "bridge");
        NS.ip("link", "set", "v1", "master", "br0");
        NS.ip("link", "add", "mv0", "link", "v0", "type", "macvlan", "mode", "bridge");
        NS.ip("link", "add", "vx0", "type", "vxlan", "id", "42", "dstport", "4789", "dev", "v0");
        NS.ip("link", "add", "ifb0", "type", "ifb");
        NS.ip("tuntap", "add", "tun0", "mode", "tun");
        NS.ip("link", "set", "lo", "up");
        NS.ip("link", "set", "v0", "up");
        NS.ip("link", "set", "ifb0", "up");
        NS.ip("addr", "add", "10.0.0.1/24", "dev", "v0", "broadcast", "+");
        NS.ip("addr", "add", "10.0.1.1/24", "dev", "v0", "label", "v0:1");
        NS.ip("addr", "add", "10.0.0.99/24", "dev", "v0");
        NS.ip("addr", "add", "2001:db8::1/64", "dev", "v0");
        NS.ip("addr", "add", "192.168.9.1/32", "dev", "ifb0", "scope", "host");
        NS.ip("addr", "add", "2001:db8:9::1/64", "dev", "ifb0", "nodad");
        NS.ip("route", "add", "default", "via", "10.0.0.254");
        NS.ip("route", "add", "10.9.0.0/16", "via", "10.0.0.2", "table", "100", "metric", "5");
        NS.ip("route", "add", "10.10.0.0/16", "dev", "v0", "table", "100000", "proto", "static");
        NS.ip("route", "add", "blackhole", "10.8.0.0/16");
        NS.ip("route", "add", "unreachable", "10.7.7.0/24", "table", "100");
        NS.ip("route", "add", "10.6.0.0/16", "via", "10.0.0.2", "mtu", "1400", "advmss", "1360");
        NS.ip("route", "add", "10.5.0.0/16", "nexthop", "via", "10.0.0.2", "dev", "v0", "weight", "2",
                "nexthop", "via", "10.0.0.3", "dev", "v0");
        NS.ip("route", "add", "10.4.4.4", "dev", "ifb0", "src", "192.168.9.1");
        NS.ip("route", "add", "2001:db8:5::/48", "via", "2001:db8::2", "table", "200");
        NS.ip("route", "add", "2001:db8:6::/48", "dev", "ifb0", "metric", "7");
        // runs of routes that differ in their destination alone, whose JSON route show reuses from the first
        for (String dst : List.of("10.20.0.0/24", "10.20.1.0/24", "10.20.2.7", "10.20.3.0/25", "10.20.4.0/22")) {
            NS.ip("route", "add", dst, "dev", "ifb0", "proto", "static");
        }
        for (String dst : List.of("2001:db8:20::/64", "2001:db8:21::/64", "2001:db8:22::5", "2001:db8:23::/56")) {
            NS.ip("route", "add", dst, "dev", "ifb0", "metric", "9");
        }
        NS.ip("neigh", "add", "10.0.0.9", "lladdr", "02:00:00:00:00:09", "dev", "v0");
        NS.ip("neigh", "add", "2001:db8::9", "lladdr", "02:00:00:00:00:19", "dev", "v0");
        NS.ip("neigh", "add", "10.0.0.10", "lladdr", "02:00:00:00:00:0a", "dev", "v0", "nud", "noarp");
        NS.ip("rule", "add", "from", "10.0.0.0/24", "table", "100", "priority", "100");
        NS.ip("rule", "add", "to", "10.5.0.0/16", "iif", "v0", "fwmark", "0x10/0xff", "blackhole", "pref", "50");
        NS.ip("rule", "add", "not", "from", "10.1.0.0/16", "oif", "ifb0", "fwmark", "7", "table", "200", "pref", "60");
        NS.ip("-6", "rule", "add", "from", "2001:db8::/64", "table", "200", "priority", "200");
    }

    @Test
    void links() {
        JsonNode links = sameAsIp(NS, "link", "show");
        assertEquals(9, links.size(), "lo and the eight links: " + links);
        for (String dev : new String[] {"v0", "v1", "w0", "br0", "mv0", "vx0", "ifb0", "tun0"}) {
            sameAsIp(NS, "link", "show", dev);
        }
        sameAsIp(NS, "link", "show", "dev", "lo");
    }

    @Test
    void addresses() {
        sameAsIp(NS, "addr", "show");
        sameAsIp(NS, "-4", "addr", "show");
        JsonNode v6 = sameAsIp(NS, "-6", "addr", "show");
        assertTrue(v6.toString().contains("\"tentative\":true"), "the flags as ip prints them: " + v6);
        sameAsIp(NS, "addr", "show", "dev", "v0");
        sameAsIp(NS, "addr", "show", "ifb0");
        sameAsIp(NS, "-6", "addr", "show", "dev", "ifb0");
        sameAsIp(NS, "addr", "show", "tun0");
    }

    @Test
    void routes() {
        sameAsIp(NS, "route", "show");
        sameAsIp(NS, "-6", "route", "show");
        sameAsIp(NS, "route", "show", "table", "100");
        sameAsIp(NS, "route", "show", "table", "100000");
        sameAsIp(NS, "-6", "route", "show", "table", "200");
        sameAsIp(NS, "route", "show", "table", "local");
        JsonNode all = sameAsIp(NS, "route", "show", "table", "all");
        assertTrue(all.toString().contains("\"type\":\"blackhole\""), all.toString());
        assertTrue(all.toString().contains("\"nexthops\""), all.toString());
        sameAsIp(NS, "-4", "route", "show", "table", "all");
        sameAsIp(NS, "-6", "route", "show", "table", "all");
        sameAsIp(NS, "route", "show", "dev", "v0");
        sameAsIp(NS, "route", "show", "table", "all", "dev", "ifb0");
        // ip leaves out the protocol a proto filter fixes
        JsonNode staticRoutes = sameAsIp(NS, "route", "show", "proto", "static");
        assertEquals(5, staticRoutes.size(), staticRoutes.toString());
        assertEquals(strip(NS.ip("route", "show", "proto", "static")),
                ok("-n", NS.name(), "route", "show", "proto", "static").out());
    }

    @Test
    void routeGet() {
        sameAsIp(NS, "route", "get", "10.0.0.9");
        sameAsIp(NS, "route", "get", "10.9.1.1");
        sameAsIp(NS, "route", "get", "192.168.9.1");
        sameAsIp(NS, "route", "get", "2001:db8:6::1");
    }

    @Test
    void neighbours() {
        JsonNode all = sameAsIp(NS, "neigh", "show");
        assertEquals(2, all.size(), "NOARP entries are not listed: " + all);
        sameAsIp(NS, "-4", "neigh", "show");
        sameAsIp(NS, "-6", "neigh", "show");
        sameAsIp(NS, "neigh", "show", "dev", "v0");
    }

    @Test
    void rules() {
        sameAsIp(NS, "rule", "show");
        sameAsIp(NS, "-6", "rule", "show");
    }

    @Test
    void textLooksLikeIp() {
        assertEquals(NS.ip("rule", "show"), ok("-n", NS.name(), "rule", "show").out());
        assertEquals(strip(NS.ip("route", "show")), ok("-n", NS.name(), "route", "show").out());
        assertEquals(strip(NS.ip("neigh", "show")), ok("-n", NS.name(), "neigh", "show").out());
        assertEquals(strip(NS.ip("link", "show", "v0")), ok("-n", NS.name(), "link", "show", "v0").out());
        assertEquals(strip(NS.ip("addr", "show", "ifb0")), ok("-n", NS.name(), "addr", "show", "ifb0").out());
    }

    @Test
    void briefAsIp() {
        sameAsIp(NS, "-br", "link", "show");
        sameAsIp(NS, "-br", "addr", "show");
        sameAsIp(NS, "-br", "-4", "addr", "show");
        sameAsIp(NS, "-br", "-6", "addr", "show");
        sameAsIp(NS, "-br", "link", "show", "v0");
        for (String[] c : new String[][] {{"-br", "link"}, {"-br", "addr"}, {"-br", "-4", "addr"}}) {
            assertEquals(strip(NS.ip(c)), ok(with(c)).out(), String.join(" ", c));
        }
    }

    @Test
    void statisticsAsIp() {
        for (String dev : new String[] {"lo", "v0", "br0", "tun0"}) {
            sameAsIp(NS, "-s", "link", "show", dev);
            sameAsIp(NS, "-s", "-s", "link", "show", dev);
            sameAsIp(NS, "-s", "addr", "show", dev);
            assertEquals(strip(NS.ip("-s", "link", "show", dev)), ok("-n", NS.name(), "-s", "link", "show", dev).out());
            assertEquals(strip(NS.ip("-s", "-s", "link", "show", dev)),
                    ok("-n", NS.name(), "-s", "-s", "link", "show", dev).out());
            assertEquals(strip(NS.ip("-s", "addr", "show", dev)), ok("-n", NS.name(), "-s", "addr", "show", dev).out());
        }
    }

    /**
     * {@code -d}: every key of ip's, the link kind's own data ({@code info_data}, {@code info_slave_data}) aside,
     * which jnl does not print.
     */
    @Test
    void detailsAsIp() {
        JsonNode links = withoutKindData(Cli.ip(NS, "-d", "link", "show"));
        JsonNode mine = Cli.jnlJson(NS, "-d", "link", "show");
        assertEquals(links.size(), mine.size());
        for (int i = 0; i < links.size(); i++) {
            assertEquals(links.get(i), mine.get(i), "link " + links.get(i).get("ifname"));
        }
        assertEquals(withoutKindData(Cli.ip(NS, "-d", "addr", "show")), Cli.jnlJson(NS, "-d", "addr", "show"));
        sameAsIp(NS, "-d", "route", "show");
        sameAsIp(NS, "-d", "route", "show", "table", "all");
        for (String dev : new String[] {"lo", "v0", "ifb0"}) {
            assertEquals(strip(NS.ip("-d", "link", "show", dev)), ok("-n", NS.name(), "-d", "link", "show", dev).out());
        }
        assertEquals(strip(NS.ip("-d", "route", "show", "table", "all")),
                ok("-n", NS.name(), "-d", "route", "show", "table", "all").out());
    }

    private static JsonNode withoutKindData(JsonNode links) {
        for (JsonNode l : links) {
            if (l.get("linkinfo") instanceof com.fasterxml.jackson.databind.node.ObjectNode info) {
                info.remove(List.of("info_data", "info_slave_data"));
            }
        }
        return links;
    }

    @Test
    void onelineAsIp() {
        // (w0's peer is in another namespace: ip names it in text, "link-netns NAME", jnl prints its id)
        for (String[] c : new String[][] {{"-o", "link", "show", "v0"}, {"-o", "link", "show", "tun0"}, {"-o", "addr"}, {"-o", "-6", "addr"}, {"-o", "route"},
            {"-o", "route", "show", "table", "all"}, {"-o", "-s", "link", "show", "v0"}, {"-o", "neigh"}}) {
            assertEquals(strip(NS.ip(c)).replace(" \\", "\\"), ok(with(c)).out(), String.join(" ", c));
        }
    }

    @Test
    void linkFilters() {
        sameAsIp(NS, "link", "show", "type", "veth");
        sameAsIp(NS, "link", "show", "type", "bridge");
        sameAsIp(NS, "link", "show", "master", "br0");
        // ip 6.1 prints every link for "up" with -j (its filter applies to text only): compared as text
        assertEquals(strip(NS.ip("link", "show", "up")), ok(with("link", "show", "up")).out());
        assertEquals(strip(NS.ip("addr", "show", "up")), ok(with("addr", "show", "up")).out());
    }

    /** ip's abbreviations give ip's output: the same words, the same objects. */
    @Test
    void abbreviationsAsIp() {
        for (String[] c : new String[][] {{"l"}, {"l", "sh"}, {"li", "ls", "v0"}, {"a"}, {"a", "s"}, {"ad", "li"},
            {"r"}, {"ro", "list"}, {"r", "s", "table", "all"}, {"ru"}, {"ru", "s"}, {"n"}, {"n", "sh"}, {"neighbor"},
            {"-6", "r", "l"}}) {
            sameAsIp(NS, c);
        }
        assertEquals(strip(NS.ip("-stat", "link", "show", "v0")), ok(with("-stat", "link", "show", "v0")).out());
        assertEquals(strip(NS.ip("-details", "li", "sh", "lo")), ok(with("--details", "li", "sh", "lo")).out());
        assertEquals(strip(NS.ip("-brief", "a")), ok(with("-b", "a")).out());
    }

    private static String[] with(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "-n";
        full[1] = NS.name();
        System.arraycopy(args, 0, full, 2, args.length);
        return full;
    }

    /** ip's text without the blanks it leaves at line ends. */
    private static String strip(String text) {
        return text.replaceAll(" +\n", "\n").replaceAll(" +\\\\", "\\\\");
    }
}
