package io.jnetlink.route;

import io.jnetlink.Errno;
import io.jnetlink.KernelNamespace;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bridge forwarding database (with VXLAN remotes, as EVPN uses them) and bridge VLANs against the real kernel in
 * a namespace of its own, read back through {@code bridge -j}. This kernel is built without bridge VLAN filtering:
 * VLAN requests are refused as bridge's are, and VLAN lists are empty as bridge's are.
 */
class BridgeKernelTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    static final ObjectMapper JSON = new ObjectMapper();

    static IPRoute ip() throws NetlinkException {
        return new IPRoute(NS.spec(Netlink.NETLINK_ROUTE).build());
    }

    static JsonNode bridgeJson(String... args) {
        List<String> a = new ArrayList<>(List.of("bridge", "-j"));
        a.addAll(List.of(args));
        try {
            String out = NS.exec(a.toArray(String[]::new));
            return JSON.readTree(out.isBlank() ? "[]" : out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @BeforeAll
    static void base() {
        // the comparisons are of two dumps taken one after the other: nothing may learn or join in between
        // (IPv6 joins solicited-node groups when a link's carrier comes up, later; a bridge port learns w1's MAC)
        NS.exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
        NS.ip("link", "set", "lo", "up");
        NS.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        NS.ip("addr", "add", "10.0.0.1/24", "dev", "v0");
        NS.ip("link", "set", "v0", "up");
        NS.ip("link", "set", "v1", "up");
        NS.ip("link", "add", "br0", "type", "bridge");
        NS.ip("link", "add", "w0", "type", "veth", "peer", "name", "w1");
        NS.ip("link", "set", "w0", "master", "br0");
        NS.ip("link", "set", "w0", "type", "bridge_slave", "learning", "off");
        NS.ip("link", "add", "vx0", "type", "vxlan", "id", "42", "dstport", "4789", "local", "10.0.0.1", "nolearning");
        NS.ip("link", "set", "vx0", "master", "br0");
        for (String d : new String[] {"br0", "w0", "w1", "vx0"}) {
            NS.ip("link", "set", d, "up");
        }
    }

    /** Every field bridge prints for {@code o} against {@code e}. */
    static void sameAsBridge(JsonNode o, FdbEntry e, IPRoute ip) throws NetlinkException {
        String what = o + " vs " + e;
        assertEquals(o.get("mac").asText(), e.mac(), what);
        if (o.has("ifname")) { // bridge leaves it out under a brport filter
            assertEquals(o.get("ifname").asText(), ip.link(e.index()).name(), what);
        }
        assertEquals(o.path("dst").asText(null), e.dst() == null ? null : Inet.format(e.dst()), what);
        assertEquals(o.path("vlan").asInt(0), e.vlan(), what);
        assertEquals(o.has("port") ? o.get("port").asInt() : null, e.port(), what);
        assertEquals(o.has("vni") ? o.get("vni").asLong() : null, e.vni(), what);
        assertEquals(o.has("src_vni") ? o.get("src_vni").asLong() : null, e.srcVni(), what);
        assertEquals(o.path("viaIf").asText(null), e.via() == 0 ? null : ip.link(e.via()).name(), what);
        assertEquals(o.has("nhid") ? o.get("nhid").asLong() : null, e.nhId(), what);
        List<String> flags = new ArrayList<>();
        o.get("flags").forEach(f -> flags.add(f.asText()));
        assertEquals(flags, e.flagNames(), what);
        assertEquals(o.path("master").asText(null), e.master() == 0 ? null : ip.link(e.master()).name(), what);
        assertEquals(o.get("state").asText(), e.stateName(), what);
    }

    static void allSameAsBridge(IPRoute ip, List<FdbEntry> mine, String... filter) throws NetlinkException {
        List<String> args = new ArrayList<>(List.of("fdb", "show"));
        args.addAll(List.of(filter));
        JsonNode theirs = bridgeJson(args.toArray(String[]::new));
        assertEquals(theirs.size(), mine.size(), theirs + "\n" + mine);
        for (int i = 0; i < mine.size(); i++) {
            sameAsBridge(theirs.get(i), mine.get(i), ip);
        }
    }

    static List<FdbEntry> on(List<FdbEntry> all, String mac) {
        return all.stream().filter(e -> e.mac().equals(mac)).toList();
    }

    @Test
    void fdbEntriesAndVxlanRemotesAreWhatBridgeSees() throws Exception {
        try (IPRoute ip = ip()) {
            ip.addFdb(FdbRequest.of("02:00:00:00:00:01", "w0").master().state("static"));
            ip.addFdb(FdbRequest.of("02:00:00:00:00:02", "w0").master());
            ip.addFdb(FdbRequest.of("02:00:00:00:00:03", "w0").master().externLearn());
            ip.addFdb(FdbRequest.of("02:00:00:00:00:04", "w0").master().sticky().state("static"));
            ip.addFdb(FdbRequest.of("02:00:00:00:00:05", "w0"));
            // EVPN: head-end replication list for BUM traffic, and remotes with their own VNI, port, lower device
            ip.appendFdb(FdbRequest.of("00:00:00:00:00:00", "vx0").dst("10.0.0.2"));
            ip.appendFdb(FdbRequest.of("00:00:00:00:00:00", "vx0").dst("10.0.0.3"));
            ip.addFdb(FdbRequest.of("02:00:00:00:00:06", "vx0").dst("10.0.0.4").vni(100).port(4790));
            ip.addFdb(FdbRequest.of("02:00:00:00:00:07", "vx0").dst("10.0.0.5").via("v0"));
            ip.addFdb(FdbRequest.of("02:00:00:00:00:09", "vx0").master().state("static"));
            // remotes through fdb nexthop groups
            ip.addNexthop(NexthopRequest.id(20).gateway("10.0.0.2").fdb());
            ip.addNexthop(NexthopRequest.id(21).gateway("10.0.0.3").fdb());
            ip.addNexthop(NexthopRequest.id(22).member(20, 1).member(21, 1).fdb());
            ip.addFdb(FdbRequest.of("02:00:00:00:00:0a", "vx0").nhid(22));

            List<FdbEntry> all = ip.fdb();
            allSameAsBridge(ip, all);
            allSameAsBridge(ip, ip.fdb("vx0", null), "brport", "vx0");
            allSameAsBridge(ip, ip.fdb(null, "br0"), "br", "br0");
            allSameAsBridge(ip, ip.fdb("w0", "br0"), "brport", "w0", "br", "br0");

            List<FdbEntry> bum = on(ip.fdb("vx0", null), "00:00:00:00:00:00");
            assertEquals(List.of("10.0.0.2", "10.0.0.3"), bum.stream().map(e -> Inet.format(e.dst())).sorted().toList());
            FdbEntry vni = on(all, "02:00:00:00:00:06").getFirst();
            assertEquals(100L, vni.vni());
            assertEquals(4790, vni.port());
            assertEquals(22L, on(all, "02:00:00:00:00:0a").getFirst().nhId());
            assertEquals("static", on(all, "02:00:00:00:00:01").getFirst().stateName());

            // replace moves a remote; delete takes one remote of the list, then an entry
            ip.replaceFdb(FdbRequest.of("02:00:00:00:00:06", "vx0").dst("10.0.0.6"));
            assertEquals("10.0.0.6", Inet.format(on(ip.fdb("vx0", null), "02:00:00:00:00:06").getFirst().dst()));
            ip.deleteFdb(FdbRequest.of("00:00:00:00:00:00", "vx0").dst("10.0.0.2"));
            assertEquals(1, on(ip.fdb("vx0", null), "00:00:00:00:00:00").size());
            ip.deleteFdb(FdbRequest.of("02:00:00:00:00:01", "w0").master());
            assertTrue(on(ip.fdb(), "02:00:00:00:00:01").isEmpty());
            allSameAsBridge(ip, ip.fdb());
        }
    }

    @Test
    void fdbRefusalsNameTheOperation() throws Exception {
        try (IPRoute ip = ip()) {
            ip.addFdb(FdbRequest.of("02:00:00:00:01:01", "w0").master());
            NetlinkException dup = assertThrows(NetlinkException.class,
                    () -> ip.addFdb(FdbRequest.of("02:00:00:00:01:01", "w0").master()));
            assertEquals(Errno.EEXIST, dup.errno());
            assertTrue(dup.getMessage().startsWith("fdb add 02:00:00:00:01:01 dev w0: EEXIST"), dup.getMessage());
            NetlinkException none = assertThrows(NetlinkException.class,
                    () -> ip.deleteFdb(FdbRequest.of("02:00:00:00:01:99", "w0").master()));
            assertEquals(Errno.ENOENT, none.errno());
            assertTrue(none.getMessage().startsWith("fdb del 02:00:00:00:01:99 dev w0: ENOENT"), none.getMessage());
            // a VLAN needs VLAN filtering, which this kernel lacks: refused as bridge's request is
            NetlinkException vlan = assertThrows(NetlinkException.class,
                    () -> ip.addFdb(FdbRequest.of("02:00:00:00:01:02", "w0").master().vlan(5)));
            assertEquals(Errno.EINVAL, vlan.errno());
            NetlinkException nodev = assertThrows(NetlinkException.class,
                    () -> ip.addFdb(FdbRequest.of("02:00:00:00:01:03", "nosuch0")));
            assertEquals(Errno.ENODEV, nodev.errno());
            assertTrue(nodev.getMessage().startsWith("fdb add 02:00:00:00:01:03 dev nosuch0: ENODEV"), nodev.getMessage());

            assertThrows(IllegalArgumentException.class, () -> FdbRequest.of("02:00:00:00:01", "w0"));
            assertThrows(IllegalArgumentException.class, () -> FdbRequest.of("zz:00:00:00:00:01", "w0"));
            assertThrows(IllegalArgumentException.class, () -> FdbRequest.of("02:00:00:00:00:01", ""));
            assertThrows(IllegalArgumentException.class, () -> FdbRequest.of("02:00:00:00:00:01", "w0").vlan(0));
            assertThrows(IllegalArgumentException.class, () -> FdbRequest.of("02:00:00:00:00:01", "w0").port(70000));
            assertThrows(IllegalArgumentException.class, () -> FdbRequest.of("02:00:00:00:00:01", "w0").vni(1 << 24));
            assertThrows(IllegalArgumentException.class, () -> FdbRequest.of("02:00:00:00:00:01", "w0").state("odd"));
            assertThrows(IllegalArgumentException.class, () -> FdbRequest.of("02:00:00:00:00:01", "w0").dst("10.0.0"));
            IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                    () -> ip.addFdb(FdbRequest.of("02:00:00:00:01:04", "vx0").nhid(5).dst("10.0.0.2")));
            assertTrue(both.getMessage().contains("mutually exclusive with nhid"), both.getMessage());
            assertTrue(on(ip.fdb(), "02:00:00:00:01:04").isEmpty(), "nothing was added");
            ip.deleteFdb(FdbRequest.of("02:00:00:00:01:01", "w0").master());
        }
    }

    @Test
    void vlansAreEmptyAndTheirChangesRefusedAsBridgesAre() throws Exception {
        try (IPRoute ip = ip()) {
            assertEquals(0, bridgeJson("vlan", "show").size());
            assertTrue(ip.bridgeVlans().isEmpty());
            NetlinkException add = assertThrows(NetlinkException.class,
                    () -> ip.addBridgeVlan(BridgeVlanRequest.of("w0", 10).pvid().untagged()));
            assertEquals(Errno.EOPNOTSUPP, add.errno());
            assertTrue(add.getMessage().startsWith("vlan add vid 10 dev w0: EOPNOTSUPP"), add.getMessage());
            NetlinkException db = assertThrows(NetlinkException.class, () -> ip.vlanDatabase(null));
            assertEquals(Errno.EOPNOTSUPP, db.errno());
            assertTrue(db.getMessage().startsWith("vlan show: EOPNOTSUPP"), db.getMessage());
            NetlinkException filtering = assertThrows(NetlinkException.class,
                    () -> ip.setLink(LinkRequest.named("br0").data("vlan-filtering", 1)));
            assertEquals(Errno.EOPNOTSUPP, filtering.errno());
            NetlinkException nodev = assertThrows(NetlinkException.class,
                    () -> ip.addBridgeVlan(BridgeVlanRequest.of("nosuch0", 10)));
            assertEquals(Errno.ENODEV, nodev.errno());

            assertThrows(IllegalArgumentException.class, () -> BridgeVlanRequest.of("w0", 0));
            assertThrows(IllegalArgumentException.class, () -> BridgeVlanRequest.of("w0", 4095));
            assertThrows(IllegalArgumentException.class, () -> BridgeVlanRequest.range("w0", 20, 10));
            IllegalArgumentException pvid = assertThrows(IllegalArgumentException.class,
                    () -> BridgeVlanRequest.range("w0", 20, 22).pvid());
            assertEquals("bridge vlan: pvid cannot be configured for a vlan range", pvid.getMessage());
        }
    }
}
