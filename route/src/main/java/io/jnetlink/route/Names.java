package io.jnetlink.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The words iproute2 uses for rtnetlink numbers (rt_names.c and /etc/iproute2), both ways. */
final class Names {
    private Names() {
    }

    private static final Map<Integer, String> SCOPES = Map.of(0, "global", 200, "site", 253, "link", 254, "host",
            255, "nowhere");
    private static final Map<Integer, String> TABLES = Map.of(0, "unspec", 252, "compat", 253, "default",
            254, "main", 255, "local");
    private static final String[] TYPES = {"unspec", "unicast", "local", "broadcast", "anycast", "multicast",
        "blackhole", "unreachable", "prohibit", "throw", "nat", "xresolve"};
    private static final Map<Integer, String> PROTOCOLS = Map.ofEntries(Map.entry(0, "unspec"),
            Map.entry(1, "redirect"), Map.entry(2, "kernel"), Map.entry(3, "boot"), Map.entry(4, "static"),
            Map.entry(8, "gated"), Map.entry(9, "ra"), Map.entry(10, "mrt"), Map.entry(11, "zebra"),
            Map.entry(12, "bird"), Map.entry(13, "dnrouted"), Map.entry(14, "xorp"), Map.entry(15, "ntk"),
            Map.entry(16, "dhcp"), Map.entry(18, "keepalived"), Map.entry(42, "babel"), Map.entry(99, "openr"),
            Map.entry(186, "bgp"), Map.entry(187, "isis"), Map.entry(188, "ospf"), Map.entry(189, "rip"),
            Map.entry(192, "eigrp"));
    private static final String[] OPERSTATES = {"UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING",
        "DORMANT", "UP"};
    /** IFF_* in bit order, as iproute2 prints them. */
    private static final String[] LINK_FLAGS = {"UP", "BROADCAST", "DEBUG", "LOOPBACK", "POINTOPOINT",
        "NOTRAILERS", "RUNNING", "NOARP", "PROMISC", "ALLMULTI", "MASTER", "SLAVE", "MULTICAST", "PORTSEL",
        "AUTOMEDIA", "DYNAMIC", "LOWER_UP", "DORMANT", "ECHO"};
    private static final String[] NUD = {"INCOMPLETE", "REACHABLE", "STALE", "DELAY", "PROBE", "FAILED", "NOARP",
        "PERMANENT"};
    private static final Map<Integer, String> LINK_TYPES = Map.ofEntries(Map.entry(0, "netrom"),
            Map.entry(1, "ether"), Map.entry(2, "eether"), Map.entry(3, "ax25"), Map.entry(4, "pronet"),
            Map.entry(5, "chaos"), Map.entry(6, "ieee802"), Map.entry(7, "arcnet"), Map.entry(8, "atalk"),
            Map.entry(15, "dlci"), Map.entry(19, "atm"), Map.entry(23, "metricom"), Map.entry(24, "ieee1394"),
            Map.entry(27, "eui64"), Map.entry(32, "infiniband"), Map.entry(256, "slip"), Map.entry(257, "cslip"),
            Map.entry(258, "slip6"), Map.entry(259, "cslip6"), Map.entry(260, "rsrvd"), Map.entry(264, "adapt"),
            Map.entry(270, "rose"), Map.entry(271, "x25"), Map.entry(272, "hwx25"), Map.entry(280, "can"),
            Map.entry(512, "ppp"), Map.entry(513, "cisco"), Map.entry(516, "lapb"), Map.entry(517, "ddcmp"),
            Map.entry(518, "rawhdlc"), Map.entry(519, "rawip"), Map.entry(768, "ipip"), Map.entry(769, "tunnel6"),
            Map.entry(770, "frad"), Map.entry(771, "skip"), Map.entry(772, "loopback"), Map.entry(773, "localtlk"),
            Map.entry(774, "fddi"), Map.entry(775, "bif"), Map.entry(776, "sit"), Map.entry(777, "ip/ddp"),
            Map.entry(778, "gre"), Map.entry(779, "pimreg"), Map.entry(780, "hippi"), Map.entry(781, "ash"),
            Map.entry(782, "econet"), Map.entry(783, "irda"), Map.entry(784, "fcpp"), Map.entry(785, "fcal"),
            Map.entry(786, "fcpl"), Map.entry(787, "fcfb0"), Map.entry(800, "tr"), Map.entry(801, "tr+"),
            Map.entry(802, "ieee802.11"), Map.entry(803, "ieee802.11/prism"),
            Map.entry(804, "ieee802.11/radiotap"), Map.entry(805, "ieee802.15.4"),
            Map.entry(806, "ieee802.15.4/monitor"), Map.entry(820, "phonet"), Map.entry(821, "phonet_pipe"),
            Map.entry(822, "caif"), Map.entry(823, "ip6gre"), Map.entry(824, "netlink"),
            Map.entry(825, "6lowpan"), Map.entry(826, "vsockmon"), Map.entry(0xfffe, "none"),
            Map.entry(0xffff, "void"));

    /**
     * True when {@code dev} can name a network device, as the kernel's dev_valid_name has it: 1 to 15 bytes in UTF-8
     * (IFNAMSIZ less its NUL), not "." or "..", without '/', ':' or white space.
     */
    static boolean validDevice(String dev) {
        if (dev == null || dev.isEmpty() || dev.equals(".") || dev.equals("..")
                || dev.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 15) {
            return false;
        }
        for (int i = 0; i < dev.length(); i++) {
            char c = dev.charAt(i);
            if (c == '/' || c == ':' || c == 0 || Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    static String scope(int v) {
        return SCOPES.getOrDefault(v, Integer.toString(v));
    }

    static String table(long v) {
        String n = TABLES.get((int) v);
        return n != null && v <= 255 ? n : Long.toString(v);
    }

    static String type(int v) {
        return v >= 0 && v < TYPES.length ? TYPES[v] : Integer.toString(v);
    }

    static String protocol(int v) {
        return PROTOCOLS.getOrDefault(v, Integer.toString(v));
    }

    static String operstate(int v) {
        return v >= 0 && v < OPERSTATES.length ? OPERSTATES[v] : Integer.toString(v);
    }

    static String linkType(int v) {
        return LINK_TYPES.getOrDefault(v, "[" + v + "]");
    }

    static String family(int af) {
        return switch (af) {
            case Rtnl.AF_INET -> "inet";
            case Rtnl.AF_INET6 -> "inet6";
            case Rtnl.AF_BRIDGE -> "bridge";
            case Rtnl.AF_UNSPEC -> "unspec";
            default -> Integer.toString(af);
        };
    }

    static List<String> bits(String[] names, long v) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if ((v & (1L << i)) != 0) {
                out.add(names[i]);
            }
        }
        return out;
    }

    static List<String> linkFlags(int v) {
        return bits(LINK_FLAGS, v & 0xffffffffL);
    }

    static List<String> nudStates(int v) {
        List<String> s = bits(NUD, v);
        if (s.isEmpty()) {
            s.add("NONE");
        }
        return s;
    }

    /** A number for an iproute2 word from {@code map}, or the word read as a number; -1 when neither. */
    private static long parse(Map<Integer, String> map, String word) {
        for (Map.Entry<Integer, String> e : map.entrySet()) {
            if (e.getValue().equals(word)) {
                return e.getKey();
            }
        }
        try {
            return Long.parseLong(word);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static int parseScope(String word) {
        long v = parse(SCOPES, word.toLowerCase(Locale.ROOT));
        if (word.equals("universe")) {
            v = 0;
        }
        if (v < 0 || v > 255) {
            throw new IllegalArgumentException("unknown scope '" + word + "' (global, site, link, host, nowhere or 0-255)");
        }
        return (int) v;
    }

    static long parseTable(String word) {
        long v = parse(TABLES, word);
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException("unknown table '" + word + "' (main, local, default or 1-4294967295)");
        }
        return v;
    }

    static int parseProtocol(String word) {
        long v = parse(PROTOCOLS, word);
        if (v < 0 || v > 255) {
            throw new IllegalArgumentException("unknown protocol '" + word + "' (kernel, boot, static, ... or 0-255)");
        }
        return (int) v;
    }

    static int parseType(String word) {
        for (int i = 0; i < TYPES.length; i++) {
            if (TYPES[i].equals(word)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown route type '" + word + "' (unicast, local, blackhole, "
                + "unreachable, prohibit, throw, ...)");
    }

    static int parseNudState(String word) {
        String w = word.toUpperCase(Locale.ROOT);
        if (w.equals("NONE")) {
            return 0;
        }
        for (int i = 0; i < NUD.length; i++) {
            if (NUD[i].equals(w)) {
                return 1 << i;
            }
        }
        throw new IllegalArgumentException("unknown neighbour state '" + word + "' (permanent, noarp, reachable, "
                + "stale, none, ...)");
    }
}
