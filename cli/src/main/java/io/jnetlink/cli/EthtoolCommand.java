package io.jnetlink.cli;

import io.jnetlink.Errno;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.generic.GenericNetlink;

import io.jnetlink.generic.EthtoolFamily;
import io.jnetlink.generic.LinkInfo;
import io.jnetlink.generic.LinkModes;
import io.jnetlink.generic.LinkState;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jnl ethtool DEV}: link modes, speed, duplex, port and link state, as {@code ethtool DEV} shows them.
 * Parts the driver does not report (EOPNOTSUPP) are left out (null in JSON); a missing device is an error.
 */
final class EthtoolCommand {
    private EthtoolCommand() {
    }

    /** A part the driver may not support: null instead of EOPNOTSUPP. */
    private interface Part<T> {
        T get() throws NetlinkException;
    }

    private static <T> T optional(Part<T> p) throws NetlinkException {
        try {
            return p.get();
        } catch (NetlinkException e) {
            if (e.errno() == Errno.EOPNOTSUPP) {
                return null;
            }
            throw e;
        }
    }

    static final String USAGE = """
            Usage: jnl ethtool DEV
            Link modes, speed, duplex, port and link state of DEV, as ethtool DEV shows them (ethtool netlink);
            with -j as JSON, parts the driver does not report null.
            """;

    static int run(Main.Globals g, List<String> args, PrintStream out, PrintStream err) throws NetlinkException {
        if (args.size() != 1) {
            throw new Main.UsageException("ethtool takes one device name");
        }
        String dev = args.get(0);
        LinkInfo info;
        LinkModes modes;
        LinkState state;
        try (GenericNetlink s = new GenericNetlink(g.spec(Netlink.NETLINK_GENERIC))) {
            EthtoolFamily e = new EthtoolFamily(s);
            info = optional(() -> e.linkInfo(dev));
            modes = optional(() -> e.linkModes(dev));
            state = optional(() -> e.linkState(dev));
        }
        if (g.json()) {
            out.println(Json.write(toMap(dev, info, modes, state)));
        } else {
            printText(dev, info, modes, state, out);
        }
        return 0;
    }

    static Map<String, Object> toMap(String dev, LinkInfo info, LinkModes modes, LinkState state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ifname", dev);
        m.put("ifindex", info != null ? info.ifindex() : modes != null ? modes.ifindex() : state != null ? state.ifindex() : null);
        Map<String, Object> i = null;
        if (info != null) {
            i = new LinkedHashMap<>();
            i.put("port", info.port());
            i.put("phyaddr", info.phyaddr());
            i.put("tp_mdix", info.tpMdix());
            i.put("tp_mdix_ctrl", info.tpMdixCtrl());
            i.put("transceiver", info.transceiver());
        }
        m.put("linkinfo", i);
        Map<String, Object> l = null;
        if (modes != null) {
            l = new LinkedHashMap<>();
            l.put("autoneg", modes.autoneg());
            l.put("speed", modes.speed() == LinkModes.SPEED_UNKNOWN ? null : modes.speed());
            l.put("duplex", modes.duplex());
            l.put("lanes", modes.lanes());
            l.put("supported", modes.supported());
            l.put("advertised", modes.advertised());
            l.put("peer", modes.peer());
        }
        m.put("linkmodes", l);
        Map<String, Object> st = null;
        if (state != null) {
            st = new LinkedHashMap<>();
            st.put("link", state.link());
            st.put("sqi", state.sqi());
            st.put("sqi_max", state.sqiMax());
            st.put("ext_state", state.extState());
            st.put("ext_substate", state.extSubstate());
            st.put("ext_down_cnt", state.extDownCount());
        }
        m.put("linkstate", st);
        return m;
    }

    private static String modes(List<String> l) {
        return l.isEmpty() ? "Not reported" : String.join(" ", l);
    }

    private static void printText(String dev, LinkInfo info, LinkModes modes, LinkState state, PrintStream out) {
        out.printf("Settings for %s:%n", dev);
        if (modes != null) {
            out.printf("\tSupported link modes:   %s%n", modes(modes.supported()));
            out.printf("\tAdvertised link modes:  %s%n", modes(modes.advertised()));
            if (!modes.peer().isEmpty()) {
                out.printf("\tLink partner advertised link modes:  %s%n", modes(modes.peer()));
            }
            out.printf("\tSpeed: %s%n", modes.speed() == LinkModes.SPEED_UNKNOWN ? "Unknown!" : modes.speed() + "Mb/s");
            if (modes.lanes() != null) {
                out.printf("\tLanes: %d%n", modes.lanes());
            }
            if (modes.duplex() != null) {
                out.printf("\tDuplex: %s%n", switch (modes.duplex()) {
                    case "half" -> "Half";
                    case "full" -> "Full";
                    default -> "Unknown!";
                });
            }
            if (modes.autoneg() != null) {
                out.printf("\tAuto-negotiation: %s%n", modes.autoneg() ? "on" : "off");
            }
        }
        if (info != null) {
            if (info.port() != null) {
                out.printf("\tPort: %s%n", info.portDescription());
            }
            if (info.phyaddr() != null) {
                out.printf("\tPHYAD: %d%n", info.phyaddr());
            }
            if (info.transceiver() != null) {
                out.printf("\tTransceiver: %s%n", info.transceiver());
            }
            if ("tp".equals(info.port()) && info.tpMdix() != null) {
                out.printf("\tMDI-X: %s%n", switch (info.tpMdix()) {
                    case "mdi" -> "off";
                    case "mdi-x" -> "on";
                    default -> "Unknown";
                });
            }
        }
        if (state != null && state.link() != null) {
            out.printf("\tLink detected: %s%n", state.link() ? "yes" : "no");
        }
        if (info == null && modes == null && (state == null || state.link() == null)) {
            out.println("\tNo data available");
        }
    }
}
