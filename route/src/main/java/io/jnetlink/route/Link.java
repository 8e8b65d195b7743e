package io.jnetlink.route;

import io.jnetlink.message.Attribute;
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

    /** IFF_UP. */
    public static final int IFF_UP = 0x1;
    /** IFF_LOWER_UP. */
    public static final int IFF_LOWER_UP = 0x10000;

    /** The main IFLA_STATS64 counters. */
    public record Stats(long rxPackets, long txPackets, long rxBytes, long txBytes, long rxErrors, long txErrors,
                        long rxDropped, long txDropped, long multicast, long collisions) {
    }

    /** A link without a link mode (the constructor before {@code linkmode} was read). */
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

    /** True when IFF_UP is set (administratively up). */
    public boolean isUp() {
        return (flags & IFF_UP) != 0;
    }

    /** The IFF_* flags as {@code ip} prints them (UP, BROADCAST, LOWER_UP, ...). */
    public List<String> flagNames() {
        return Names.linkFlags(flags);
    }

    /** The operational state as {@code ip} prints it (UP, DOWN, LOWERLAYERDOWN, UNKNOWN, ...). */
    public String operstateName() {
        return Names.operstate(operstate);
    }

    /** The device type as {@code ip} prints it (ether, loopback, none, ...). */
    public String linkType() {
        return Names.linkType(type);
    }

    static Link from(NetlinkMessage m) {
        int index = (int) m.headerField("ifi-index");
        int type = (int) m.headerField("ifi-type");
        int flags = (int) m.headerField("ifi-flags");
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
        for (Attribute a : m.attributes()) {
            switch (a.type()) {
                case 1 -> address = Decode.mac(a);
                case 2 -> broadcast = Decode.mac(a);
                case 3 -> name = a.asString();
                case 4 -> mtu = (int) a.asLong();
                case 5 -> link = (int) a.asLong();
                case 6 -> qdisc = a.asString();
                case 10 -> master = (int) a.asLong();
                case 13 -> txqlen = (int) a.asLong();
                case 16 -> operstate = (int) a.asLong();
                case 18 -> {
                    for (Attribute i : a.asNested()) {
                        switch (i.type()) {
                            case 1 -> kind = i.asString();
                            case 4 -> slaveKind = i.asString();
                            default -> {
                            }
                        }
                    }
                    Object d = a.asNested().get("data");
                    if (d instanceof Map<?, ?> dm) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> cast = (Map<String, Object>) dm;
                        data = cast;
                    }
                }
                case 23 -> {
                    byte[] b = a.bytes();
                    stats = new Stats(Decode.u64(b, 0), Decode.u64(b, 1), Decode.u64(b, 2), Decode.u64(b, 3),
                            Decode.u64(b, 4), Decode.u64(b, 5), Decode.u64(b, 6), Decode.u64(b, 7),
                            Decode.u64(b, 8), Decode.u64(b, 9));
                }
                case 17 -> linkmode = (int) a.asLong();
                case 27 -> group = (int) a.asLong();
                case 37 -> netnsid = (int) a.asLong();
                case 52 -> {
                    for (Attribute p : a.asNested()) {
                        if (p.type() == 53) {
                            alt.add(p.asString());
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
