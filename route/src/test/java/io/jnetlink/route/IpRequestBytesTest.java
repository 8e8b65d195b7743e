package io.jnetlink.route;

import io.jnetlink.Errno;
import io.jnetlink.KernelNamespace;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The requests jnetlink sends for link kinds this kernel cannot create (vlan, vrf, bond, dummy, gre, wireguard) and
 * for bridge VLANs (this kernel is built without VLAN filtering) equal, byte for byte, what iproute2 6.1 sends for the
 * same command: {@code ip-requests/NAME.txt} holds ip's (or bridge's) request as strace dumped it, with the command
 * (made by {@code scripts/capture-ip-requests.sh}). Each request goes to the real kernel in a namespace laid out as the
 * capture's, which refuses it as it refused ip's; the bytes are taken from the send call. Sequence number and port are
 * left aside, and so is NLA_F_NESTED, which jnetlink sets on every nest and ip 6.1 sets on none.
 */
class IpRequestBytesTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    @BeforeAll
    static void layout() {
        // as the capture script lays out its namespace: lo=1, v1=2, v0=3, br0=4, w1=5, w0=6
        NS.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        NS.ip("link", "add", "br0", "type", "bridge");
        NS.ip("link", "add", "w0", "type", "veth", "peer", "name", "w1");
        NS.ip("link", "set", "w0", "master", "br0");
    }

    interface Call {
        void run(IPRoute ip) throws NetlinkException;
    }

    /** Runs {@code call}, expects {@code errno} (0: success), and compares the last request of ip's type with ip's. */
    static void sameAsIp(String golden, int errno, Call call) throws Exception {
        Golden g = Golden.load(golden);
        List<byte[]> sent = new ArrayList<>();
        try (IPRoute ip = new IPRoute(NS.spec(Netlink.NETLINK_ROUTE).libc(RecordingLibc.recording(sent)).build())) {
            for (String[] nameIndex : g.layout) {
                assertEquals(Integer.parseInt(nameIndex[1]), ip.index(nameIndex[0]),
                        "the namespace is laid out as the capture's: " + nameIndex[0]);
            }
            if (errno == 0) {
                call.run(ip);
            } else {
                NetlinkException e = assertThrows(NetlinkException.class, () -> call.run(ip), g.command);
                assertEquals(errno, e.errno(), e.getMessage());
            }
        }
        List<byte[]> mine = RecordingLibc.ofType(sent, g.type());
        if (mine.isEmpty()) {
            fail("no request of type " + g.type() + " was sent for " + g.command);
        }
        byte[] m = normalize(mine.getLast(), g.headerSize());
        assertEquals(HexFormat.ofDelimiter(" ").formatHex(g.bytes), HexFormat.ofDelimiter(" ").formatHex(m),
                g.command);
    }

    /** {@code b} with sequence number and port zeroed and NLA_F_NESTED cleared on every nest. */
    static byte[] normalize(byte[] b, int headerSize) {
        byte[] c = b.clone();
        for (int i = 8; i < 16; i++) {
            c[i] = 0;
        }
        clearNested(c, 16 + headerSize, c.length);
        return c;
    }

    private static void clearNested(byte[] b, int start, int end) {
        int p = start;
        while (p + 4 <= end) {
            int len = (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
            if (len < 4 || p + len > end) {
                throw new AssertionError("bad attribute length " + len + " at " + p);
            }
            if ((b[p + 3] & 0x80) != 0) {
                b[p + 3] &= 0x7f;
                clearNested(b, p + 4, p + len);
            }
            p += (len + 3) & ~3;
        }
    }

    /** One captured request: the command, the namespace layout it was captured in, the bytes. */
    record Golden(String command, List<String[]> layout, byte[] bytes) {
        int type() {
            return (bytes[4] & 0xff) | (bytes[5] & 0xff) << 8;
        }

        /** The family header's size: ifinfomsg (16) for link messages, br_vlan_msg (8) for RTM_GETVLAN. */
        int headerSize() {
            return type() == Rtnl.RTM_GETVLAN ? 8 : 16;
        }

        static Golden load(String name) throws IOException {
            String text;
            try (InputStream in = IpRequestBytesTest.class.getResourceAsStream("/ip-requests/" + name + ".txt")) {
                assertNotNull(in, "ip-requests/" + name + ".txt");
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String command = null;
            List<String[]> layout = new ArrayList<>();
            StringBuilder hex = new StringBuilder();
            for (String line : text.split("\n")) {
                if (line.startsWith("# namespace: ")) {
                    for (String w : line.substring(13).split(" ")) {
                        if (w.contains("=") && !w.startsWith("(")) {
                            layout.add(w.split("="));
                        }
                        if (w.startsWith("(")) {
                            break;
                        }
                    }
                } else if (line.startsWith("# ") && command == null) {
                    command = line.substring(2);
                } else if (!line.startsWith("#")) {
                    hex.append(line.replace(" ", ""));
                }
            }
            return new Golden(command, layout, HexFormat.of().parseHex(hex));
        }
    }

    @Test
    void vlan() throws Exception {
        sameAsIp("vlan", Errno.EOPNOTSUPP, ip -> ip.addLink(LinkRequest.vlan("vl0", "v0", 100)));
        sameAsIp("vlan-8021ad", Errno.EOPNOTSUPP, ip -> ip.addLink(LinkRequest.vlan("vl1", "v0", "802.1ad", 5)));
    }

    @Test
    void vrf() throws Exception {
        sameAsIp("vrf", Errno.EOPNOTSUPP, ip -> ip.addLink(LinkRequest.vrf("vrf0", 10)));
    }

    @Test
    void bond() throws Exception {
        sameAsIp("bond", Errno.EOPNOTSUPP, ip -> ip.addLink(LinkRequest.bond("bond0", "802.3ad")));
        sameAsIp("bond-miimon", Errno.EOPNOTSUPP,
                ip -> ip.addLink(LinkRequest.bond("bond1", "active-backup").data("miimon", 100)));
    }

    @Test
    void dummyAndWireguardAreTheKindAlone() throws Exception {
        sameAsIp("dummy", Errno.EOPNOTSUPP, ip -> ip.addLink(LinkRequest.dummy("d0")));
        sameAsIp("wireguard", Errno.EOPNOTSUPP, ip -> ip.addLink(LinkRequest.wireguard("wg0")));
    }

    @Test
    void gre() throws Exception {
        sameAsIp("gre", Errno.EOPNOTSUPP, ip -> ip.addLink(LinkRequest.gre("gre0", "10.0.0.1", "10.0.0.2", 42L)));
        sameAsIp("gre-remote-dev", Errno.EOPNOTSUPP,
                ip -> ip.addLink(LinkRequest.gre("gre1", null, "10.0.0.2").data("ttl", 64).lower("v0")));
    }

    @Test
    void bridgeVlans() throws Exception {
        sameAsIp("vlan-filtering", Errno.EOPNOTSUPP,
                ip -> ip.setLink(LinkRequest.named("br0").data("vlan-filtering", 1)));
        sameAsIp("bridge-vlan-add", Errno.EOPNOTSUPP,
                ip -> ip.addBridgeVlan(BridgeVlanRequest.of("w0", 10).pvid().untagged()));
        sameAsIp("bridge-vlan-range", Errno.EOPNOTSUPP,
                ip -> ip.addBridgeVlan(BridgeVlanRequest.range("w0", 20, 22).master()));
        // deleting a VLAN the port does not have is not an error (bridge's request succeeded too)
        sameAsIp("bridge-vlan-del", 0, ip -> ip.deleteBridgeVlan(BridgeVlanRequest.of("w0", 10)));
        sameAsIp("vlan-dump", Errno.EOPNOTSUPP, ip -> ip.vlanDatabase(null));
    }
}
