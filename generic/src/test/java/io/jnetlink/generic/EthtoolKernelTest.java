package io.jnetlink.generic;

import io.jnetlink.Errno;
import io.jnetlink.KernelNamespace;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.message.NetlinkMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ethtool over netlink against the real kernel, in a namespace with a veth pair, a bridge and a tun device,
 * compared with what Debian's {@code ethtool} prints for the same devices.
 */
class EthtoolKernelTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    static final List<String> DEVICES = List.of("v0", "v1", "br0", "tun0");

    @BeforeAll
    static void links() {
        NS.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        NS.ip("link", "set", "v0", "up");
        NS.ip("link", "set", "v1", "up");
        NS.ip("link", "add", "br0", "type", "bridge");
        NS.ip("tuntap", "add", "dev", "tun0", "mode", "tun");
        NS.ip("tuntap", "add", "dev", "tun1", "mode", "tun");
    }

    static GenericNetlink sock() throws NetlinkException {
        return new GenericNetlink(NS.spec(Netlink.NETLINK_GENERIC).build());
    }

    /** {@code ethtool DEV} in the namespace: "Key: value" lines (the first line of a multi-line value). */
    static Map<String, String> ethtool(String dev) {
        Map<String, String> m = new HashMap<>();
        for (String line : NS.exec("ethtool", dev).split("\n")) {
            int colon = line.indexOf(':');
            if (line.startsWith("\t") && colon > 0) {
                m.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return m;
    }

    @Test
    void linkInfoModesAndStateMatchEthtool() throws Exception {
        try (GenericNetlink s = sock()) {
            EthtoolFamily e = new EthtoolFamily(s);
            for (String dev : DEVICES) {
                Map<String, String> tool = ethtool(dev);
                LinkModes modes = e.linkModes(dev);
                LinkInfo info = e.linkInfo(dev);
                LinkState state = e.linkState(dev);
                String speed = modes.speed() == LinkModes.SPEED_UNKNOWN ? "Unknown!" : modes.speed() + "Mb/s";
                assertEquals(tool.get("Speed"), speed, dev + " speed");
                String duplex = switch (modes.duplex()) {
                    case "half" -> "Half";
                    case "full" -> "Full";
                    default -> "Unknown! (255)";
                };
                assertEquals(tool.get("Duplex"), duplex, dev + " duplex");
                assertEquals(tool.get("Auto-negotiation"), modes.autoneg() ? "on" : "off", dev + " autoneg");
                sameModes(tool.get("Supported link modes"), modes.supported(), dev + " supported modes");
                sameModes(tool.get("Advertised link modes"), modes.advertised(), dev + " advertised modes");
                assertEquals(tool.get("Port"), info.portDescription(), dev + " port");
                assertEquals(tool.get("PHYAD"), String.valueOf(info.phyaddr()), dev + " phyaddr");
                assertEquals(tool.get("Transceiver"), info.transceiver(), dev + " transceiver");
                if (info.port().equals("tp") && info.tpMdix().equals("invalid")) {
                    assertEquals("Unknown", tool.get("MDI-X"), dev + " MDI-X");
                }
                assertEquals(tool.get("Link detected"), state.link() ? "yes" : "no", dev + " link");
                assertEquals(dev, modes.dev());
                assertEquals(modes.ifindex(), info.ifindex());
                assertEquals(info, e.linkInfo(info.ifindex()), "by index as by name");
                assertEquals(modes, e.linkModes(info.ifindex()));
                assertEquals(state, e.linkState(info.ifindex()));
            }
        }
    }

    /** ethtool prints "Not reported" for none, else the modes a few to a line: the first line starts with ours. */
    static void sameModes(String tool, List<String> modes, String what) {
        if (modes.isEmpty()) {
            assertEquals("Not reported", tool, what);
        } else {
            assertTrue(tool.startsWith(modes.getFirst()), what + ": ethtool '" + tool + "', ours " + modes);
        }
    }

    @Test
    void linkStateFollowsThePeer() throws Exception {
        try (GenericNetlink s = sock()) {
            EthtoolFamily e = new EthtoolFamily(s);
            assertEquals(Boolean.TRUE, e.linkState("v0").link(), "veth with its peer up: carrier");
            assertEquals(Boolean.FALSE, e.linkState("tun1").link(), "tun without a reader: no carrier");
            NS.ip("link", "set", "v1", "down");
            try {
                assertEquals(Boolean.FALSE, e.linkState("v0").link(), "veth whose peer is down");
                assertEquals("no", ethtool("v0").get("Link detected"));
            } finally {
                NS.ip("link", "set", "v1", "up");
            }
        }
    }

    @Test
    void linkModeNamesComeFromTheKernelsStringSet() throws Exception {
        try (GenericNetlink s = sock()) {
            List<String> modes = new EthtoolFamily(s).strings(EthtoolFamily.ETH_SS_LINK_MODES);
            assertEquals("10baseT/Half", modes.get(0), "ETHTOOL_LINK_MODE_10baseT_Half_BIT = 0");
            assertEquals("100baseT/Full", modes.get(3));
            assertEquals("Autoneg", modes.get(6));
            assertTrue(modes.size() >= 92, "6.1's header has 92 link modes; this kernel: " + modes.size());
            List<String> features = new EthtoolFamily(s).strings(EthtoolFamily.ETH_SS_FEATURES, "v0");
            assertTrue(features.contains("rx-checksum"), features.toString());
        }
    }

    /** Runs ethtool in the namespace; returns its exit status (non-zero is not a test failure here). */
    static int ethtoolSet(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", NS.name(), "ethtool", "-s"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ethtool -s did not end: " + out);
        return p.exitValue();
    }

    /** The next monitor notification about {@code dev}; every earlier one is added to {@code others}. */
    static NetlinkMessage next(GenericNetlink s, String dev, List<String> others) throws NetlinkException {
        for (int reads = 0; reads < 60; reads++) {
            for (NetlinkMessage m : s.socket().get(Duration.ofSeconds(1))) {
                String about = EthtoolFamily.device(m);
                if (dev.equals(about)) {
                    return m;
                }
                others.add(m.name() + " " + about);
            }
        }
        throw new AssertionError("no notification about " + dev + "; got " + others);
    }

    @Test
    void monitorGroupReportsLinkModeChangesOfTun() throws Exception {
        try (GenericNetlink s = sock(); GenericNetlink q = sock()) {
            EthtoolFamily e = new EthtoolFamily(s);
            e.joinMonitor();
            long speed = new EthtoolFamily(q).linkModes("tun0").speed() == 1000 ? 100 : 1000;   // a change
            assertEquals(0, ethtoolSet("tun0", "speed", Long.toString(speed), "duplex", "half"));
            List<String> others = new ArrayList<>();
            NetlinkMessage m = next(s, "tun0", others);
            assertEquals("linkmodes-ntf", m.name());
            LinkModes ntf = e.linkModes(m);
            assertEquals(speed, ntf.speed());
            assertEquals("half", ntf.duplex());
            assertEquals(new EthtoolFamily(q).linkModes("tun0"), ntf, "the notification carries what a get reads");
            assertEquals(List.of(), others);

            // notifications carry compact bitsets: bit 3 (0x8) is named through the kernel's link mode strings
            assertEquals(0, ethtoolSet("tun0", "autoneg", "on", "advertise", "0x8"));
            LinkModes advertised = e.linkModes(next(s, "tun0", others));
            assertEquals(List.of("100baseT/Full"), advertised.advertised());
            assertEquals(Boolean.TRUE, advertised.autoneg());
            assertEquals(List.of(), advertised.supported(), "tun supports no mode");
            assertEquals(List.of(), new EthtoolFamily(q).linkModes("tun0").advertised(),
                    "a get lists only supported bits (verbose, masked), as ethtool shows: Not reported");
            assertEquals("Not reported", ethtool("tun0").get("Advertised link modes"));
        }
    }

    @Test
    void vethRefusesLinkSettingsAndCarrierChangesAreNotEthtoolNotifications() throws Exception {
        try (GenericNetlink s = sock(); GenericNetlink q = sock()) {
            new EthtoolFamily(s).joinMonitor();
            assertNotEquals(0, ethtoolSet("v0", "speed", "100", "duplex", "half"), "veth has no set_link_ksettings");
            NS.ip("link", "set", "v1", "down");
            NS.ip("link", "set", "v1", "up");
            // a change on tun1 as a marker: notifications arrive in order, so anything about v0 would come first
            long speed = new EthtoolFamily(q).linkModes("tun1").speed() == 1000 ? 100 : 1000;
            assertEquals(0, ethtoolSet("tun1", "speed", Long.toString(speed)));
            List<String> before = new ArrayList<>();
            assertEquals("linkmodes-ntf", next(s, "tun1", before).name());
            assertEquals(List.of(), before, "no notification about v0 (a refused set, a carrier change) or anything else");
            assertEquals(10000, new EthtoolFamily(q).linkModes("v0").speed(), "veth's speed is unchanged");
        }
    }

    @Test
    void missingDeviceIsENODEVAndUnsupportedPartsAreEOPNOTSUPP() throws Exception {
        try (GenericNetlink s = sock()) {
            EthtoolFamily e = new EthtoolFamily(s);
            NetlinkException x = assertThrows(NetlinkException.class, () -> e.linkModes("nosuch0"));
            assertEquals(Errno.ENODEV, x.errno());
            assertEquals("no network device 'nosuch0' in this network namespace", x.detail());
            x = assertThrows(NetlinkException.class, () -> e.linkState(999_999));
            assertEquals(Errno.ENODEV, x.errno());
            assertEquals("no network device index 999999 in this network namespace", x.detail());
            x = assertThrows(NetlinkException.class, () -> e.strings(EthtoolFamily.ETH_SS_FEATURES, "nosuch0"));
            assertEquals(Errno.ENODEV, x.errno());
            x = assertThrows(NetlinkException.class, () -> e.linkInfo("lo"));
            assertEquals(Errno.EOPNOTSUPP, x.errno());
            assertEquals("the driver of 'lo' does not report link info", x.detail());
            assertFalse(e.linkState("lo").link(), "lo is down in a new namespace; its link state is still readable");
        }
    }
}
