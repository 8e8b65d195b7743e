package io.jnetlink.route;

import io.jnetlink.message.AttrCursor;
import io.jnetlink.message.HeaderField;
import io.jnetlink.message.MessageCursor;
import io.jnetlink.message.NetlinkMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A network device as rtnetlink reports it (RTM_NEWLINK): ifinfomsg and the common IFLA_* attributes.
 *
 * @param index       ifindex
 * @param name        IFLA_IFNAME
 * @param type        ARPHRD_* device type ({@link #linkType()} names it as {@code ip} does)
 * @param flags       IFF_* flags ({@link #flagNames()})
 * @param mtu         IFLA_MTU
 * @param qdisc       IFLA_QDISC, or null
 * @param operstate   IFLA_OPERSTATE (RFC 2863; {@link #operstateName()})
 * @param address     IFLA_ADDRESS as colon-separated hex, or null
 * @param broadcast   IFLA_BROADCAST, or null
 * @param master      ifindex of the master device (bridge), 0 for none
 * @param link        ifindex of the lower or peer device (IFLA_LINK), 0 for none
 * @param linkNetnsid namespace id of the lower or peer device when it is in another namespace, or null
 * @param txqlen      IFLA_TXQLEN
 * @param group       IFLA_GROUP
 * @param kind        IFLA_INFO_KIND (veth, bridge, vxlan, ...), or null for a plain device
 * @param data        IFLA_INFO_DATA decoded by kind (names of the kernel's YNL rt_link spec); empty when none
 * @param slaveKind   IFLA_INFO_SLAVE_KIND (bridge for a bridge port), or null
 * @param altNames    alternative names (IFLA_PROP_LIST)
 * @param stats       IFLA_STATS64 counters, or null
 * @param linkmode    IFLA_LINKMODE (0 default, 1 dormant, 2 testing), or null
 */
public record Link(int index, String name, int type, int flags, int mtu, String qdisc, int operstate,
                   String address, String broadcast, int master, int link, Integer linkNetnsid, int txqlen,
                   int group, String kind, Map<String, Object> data, String slaveKind, List<String> altNames,
                   Stats stats, Integer linkmode) implements RtnlObject {

    /** IFF_UP: the device is administratively up ({@code ip link set DEV up}). */
    public static final int IFF_UP = 0x1;
    /** IFF_LOWER_UP: the driver signals the physical layer up (carrier). */
    public static final int IFF_LOWER_UP = 0x10000;

    /**
     * The main IFLA_STATS64 counters: the first ten 64-bit fields of {@code struct rtnl_link_stats64}, counted since
     * the device was created (0 for a field the kernel's attribute was too short to hold).
     *
     * @param rxPackets  packets received
     * @param txPackets  packets transmitted
     * @param rxBytes    bytes received
     * @param txBytes    bytes transmitted
     * @param rxErrors   bad packets received
     * @param txErrors   packet transmit problems
     * @param rxDropped  received packets dropped (no space in buffers, ...)
     * @param txDropped  transmit packets dropped (no space available, ...)
     * @param multicast  multicast packets received
     * @param collisions collisions while transmitting
     */
    public record Stats(long rxPackets, long txPackets, long rxBytes, long txBytes, long rxErrors, long txErrors,
                        long rxDropped, long txDropped, long multicast, long collisions) {
    }

    /**
     * A link without a link mode (the constructor before {@code linkmode} was read): {@code linkmode} is null.
     *
     * @param index       ifindex
     * @param name        IFLA_IFNAME
     * @param type        ARPHRD_* device type
     * @param flags       IFF_* flags
     * @param mtu         IFLA_MTU
     * @param qdisc       IFLA_QDISC, or null
     * @param operstate   IFLA_OPERSTATE (RFC 2863)
     * @param address     IFLA_ADDRESS as colon-separated hex, or null
     * @param broadcast   IFLA_BROADCAST, or null
     * @param master      ifindex of the master device (bridge), 0 for none
     * @param link        ifindex of the lower or peer device (IFLA_LINK), 0 for none
     * @param linkNetnsid namespace id of the lower or peer device when it is in another namespace, or null
     * @param txqlen      IFLA_TXQLEN
     * @param group       IFLA_GROUP
     * @param kind        IFLA_INFO_KIND, or null for a plain device
     * @param data        IFLA_INFO_DATA decoded by kind; null or empty when none
     * @param slaveKind   IFLA_INFO_SLAVE_KIND, or null
     * @param altNames    alternative names (IFLA_PROP_LIST); null for none
     * @param stats       IFLA_STATS64 counters, or null
     */
    public Link(int index, String name, int type, int flags, int mtu, String qdisc, int operstate, String address,
                String broadcast, int master, int link, Integer linkNetnsid, int txqlen, int group, String kind,
                Map<String, Object> data, String slaveKind, List<String> altNames, Stats stats) {
        this(index, name, type, flags, mtu, qdisc, operstate, address, broadcast, master, link, linkNetnsid, txqlen,
                group, kind, data, slaveKind, altNames, stats, null);
    }

    /** Copies the collections. */
    public Link {
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
        altNames = altNames == null ? List.of() : List.copyOf(altNames);
    }

    /**
     * Whether the link is administratively up.
     *
     * @return true when IFF_UP is set in {@link #flags()}
     */
    public boolean isUp() {
        return (flags & IFF_UP) != 0;
    }

    /**
     * The IFF_* flags as {@code ip} prints them (UP, BROADCAST, LOWER_UP, ...).
     *
     * @return the names of the set flags, in bit order (IFF_UP first)
     */
    public List<String> flagNames() {
        return Names.linkFlags(flags);
    }

    /**
     * The operational state as {@code ip} prints it (UP, DOWN, LOWERLAYERDOWN, UNKNOWN, ...).
     *
     * @return the name of {@link #operstate()}
     */
    public String operstateName() {
        return Names.operstate(operstate);
    }

    /**
     * The device type as {@code ip} prints it (ether, loopback, none, ...).
     *
     * @return the name of the ARPHRD_* {@link #type()}
     */
    public String linkType() {
        return Names.linkType(type);
    }

    static Link from(NetlinkMessage m) {
        return from(Rtnl.cursor(m));
    }

    private static final HeaderField H_IFI_INDEX = Rtnl.headerField("ifinfomsg", "ifi-index");
    private static final HeaderField H_IFI_TYPE = Rtnl.headerField("ifinfomsg", "ifi-type");
    private static final HeaderField H_IFI_FLAGS = Rtnl.headerField("ifinfomsg", "ifi-flags");

    static Link from(MessageCursor m) {
        int index = (int) m.header(H_IFI_INDEX);
        int type = (int) m.header(H_IFI_TYPE);
        int flags = (int) m.header(H_IFI_FLAGS);
        String name = null;
        String qdisc = null;
        String address = null;
        String broadcast = null;
        String kind = null;
        String slaveKind = null;
        Map<String, Object> data = Map.of();
        List<String> alt = new ArrayList<>();
        int mtu = 0;
        int operstate = 0;
        int master = 0;
        int link = 0;
        int txqlen = 0;
        int group = 0;
        Integer netnsid = null;
        Integer linkmode = null;
        Stats stats = null;
        AttrCursor a = m.attributes();
        while (a.next()) {
            switch (a.type()) {
                case 1 -> address = a.mac();
                case 2 -> broadcast = a.mac();
                case 3 -> name = a.string();
                case 4 -> mtu = (int) a.asLong();
                case 5 -> link = (int) a.asLong();
                case 6 -> qdisc = a.string();
                case 10 -> master = (int) a.asLong();
                case 13 -> txqlen = (int) a.asLong();
                case 16 -> operstate = (int) a.asLong();
                case 18 -> { // IFLA_LINKINFO: kind, slave kind, and the kind's data (a sub-message chosen by the kind)
                    AttrCursor i = a.nested();
                    while (i.next()) {
                        switch (i.type()) {
                            case 1 -> kind = i.string();
                            case 2 -> {
                                if (i.value() instanceof Map<?, ?> dm) {
                                    @SuppressWarnings("unchecked")
                                    Map<String, Object> cast = (Map<String, Object>) dm;
                                    data = cast;
                                }
                            }
                            case 4 -> slaveKind = i.string();
                            default -> {
                            }
                        }
                    }
                }
                case 23 -> { // IFLA_STATS64: the first ten u64s of struct rtnl_link_stats64
                    long[] v = new long[10];
                    for (int k = 0; k < v.length && 8 * k + 8 <= a.length(); k++) {
                        v[k] = a.u64At(8 * k);
                    }
                    stats = new Stats(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
                }
                case 17 -> linkmode = (int) a.asLong();
                case 27 -> group = (int) a.asLong();
                case 37 -> netnsid = (int) a.asLong();
                case 52 -> { // IFLA_PROP_LIST: IFLA_ALT_IFNAME...
                    AttrCursor p = a.nested();
                    while (p.next()) {
                        if (p.type() == 53) {
                            alt.add(p.string());
                        }
                    }
                }
                default -> {
                }
            }
        }
        return new Link(index, name, type, flags, mtu, qdisc, operstate, address, broadcast, master, link, netnsid,
                txqlen, group, kind, data, slaveKind, alt, stats, linkmode);
    }
}
