package io.jnetlink.generic;

import io.jnetlink.Errno;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.message.Attribute;
import io.jnetlink.message.Attributes;
import io.jnetlink.message.NetlinkMessage;

import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.EnumDef;
import io.jnetlink.schema.Schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The ethtool generic netlink family (linux/ethtool_netlink.h): its definitions ({@link #SCHEMA}: the
 * request header, bitsets, string sets, LINKINFO, LINKMODES and LINKSTATE, and the names of every operation
 * and notification of the header) and a typed API over a {@link GenericNetlink}. Devices are those of
 * the socket's network namespace. Notifications of the "monitor" group ({@link #joinMonitor()}) arrive
 * through {@code socket().get()} of the {@link GenericNetlink}; {@link #linkModes(NetlinkMessage)} and friends read them.
 *
 * <p>Errors: a device that does not exist is errno ENODEV ("no network device 'X' in this network
 * namespace"); a driver without the operation, EOPNOTSUPP ("the driver of 'X' does not report ...").
 */
public final class EthtoolFamily {
    /** The family's name (ETHTOOL_GENL_NAME). */
    public static final String NAME = "ethtool";
    /** The notification group (ETHTOOL_MCGRP_MONITOR_NAME). */
    public static final String MONITOR_GROUP = "monitor";
    /** ETH_SS_FEATURES: device feature names. */
    public static final int ETH_SS_FEATURES = 4;
    /** ETH_SS_LINK_MODES: link mode names, the bits of the LINKMODES bitsets. */
    public static final int ETH_SS_LINK_MODES = 9;
    /** ETH_SS_MSG_CLASSES: debug message class names. */
    public static final int ETH_SS_MSG_CLASSES = 10;
    /** ETH_SS_WOL_MODES: wake-on-lan mode names. */
    public static final int ETH_SS_WOL_MODES = 11;

    /** ETHTOOL_MSG_* from user space, numbered from 1 (linux/ethtool_netlink.h of Linux 6.1). */
    private static final String[] REQUESTS = {"strset-get", "linkinfo-get", "linkinfo-set", "linkmodes-get",
            "linkmodes-set", "linkstate-get", "debug-get", "debug-set", "wol-get", "wol-set", "features-get",
            "features-set", "privflags-get", "privflags-set", "rings-get", "rings-set", "channels-get", "channels-set",
            "coalesce-get", "coalesce-set", "pause-get", "pause-set", "eee-get", "eee-set", "tsinfo-get",
            "cable-test-act", "cable-test-tdr-act", "tunnel-info-get", "fec-get", "fec-set", "module-eeprom-get",
            "stats-get", "phc-vclocks-get", "module-get", "module-set", "pse-get", "pse-set"};
    /** ETHTOOL_MSG_* from the kernel, numbered from 1. */
    private static final String[] REPLIES = {"strset-get-reply", "linkinfo-get-reply", "linkinfo-ntf",
            "linkmodes-get-reply", "linkmodes-ntf", "linkstate-get-reply", "debug-get-reply", "debug-ntf",
            "wol-get-reply", "wol-ntf", "features-get-reply", "features-set-reply", "features-ntf",
            "privflags-get-reply", "privflags-ntf", "rings-get-reply", "rings-ntf", "channels-get-reply",
            "channels-ntf", "coalesce-get-reply", "coalesce-ntf", "pause-get-reply", "pause-ntf", "eee-get-reply",
            "eee-ntf", "tsinfo-get-reply", "cable-test-ntf", "cable-test-tdr-ntf", "tunnel-info-get-reply",
            "fec-get-reply", "fec-ntf", "module-eeprom-get-reply", "stats-get-reply", "phc-vclocks-get-reply",
            "module-get-reply", "module-ntf", "pse-get-reply"};

    /** The definitions. */
    public static final Schema SCHEMA = schema();

    private final GenericNetlink sock;
    private volatile List<String> linkModeNames;

    /**
     * ethtool requests on {@code sock}.
     *
     * @param sock the socket the requests go through
     */
    public EthtoolFamily(GenericNetlink sock) {
        this.sock = sock;
    }

    private static Map<Long, String> entries(Object... kv) {
        Map<Long, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(((Number) kv[i]).longValue(), (String) kv[i + 1]);
        }
        return m;
    }

    private static Schema schema() {
        Schema.Builder b = Schema.builder(NAME, Schema.Protocol.GENETLINK, Netlink.NETLINK_GENERIC)
                .enumDef(EnumDef.flags("header-flags", "compact-bitsets", "omit-reply", "stats"))
                .enumDef(new EnumDef("port", false, entries(0, "tp", 1, "aui", 2, "mii", 3, "fibre", 4, "bnc", 5, "da",
                        0xef, "none", 0xff, "other")))
                .enumDef(new EnumDef("duplex", false, entries(0, "half", 1, "full", 0xff, "unknown")))
                .enumDef(EnumDef.values("transceiver", 0, "internal", "external"))
                .enumDef(EnumDef.values("tp-mdi", 0, "invalid", "mdi", "mdi-x", "auto"))
                .enumDef(EnumDef.values("link-ext-state", 0, "autoneg", "link-training-failure",
                        "link-logical-mismatch", "bad-signal-integrity", "no-cable", "cable-issue", "eeprom-issue",
                        "calibration-failure", "power-budget-exceeded", "overheat", "module"))
                .attributeSet(AttributeSet.builder("header")
                        .attr(1, "dev-index", AttrType.U32)
                        .attr(2, "dev-name", AttrType.STRING)
                        .attr(3, "flags", AttrType.U32, a -> a.enumName("header-flags"))
                        .build())
                .attributeSet(AttributeSet.builder("bitset-bit")
                        .attr(1, "index", AttrType.U32)
                        .attr(2, "name", AttrType.STRING)
                        .attr(3, "value", AttrType.FLAG)
                        .build())
                .attributeSet(AttributeSet.builder("bitset-bits")
                        .attr(1, "bit", AttrType.NEST, a -> a.nested("bitset-bit").multiAttr())
                        .build())
                .attributeSet(AttributeSet.builder("bitset")
                        .attr(1, "nomask", AttrType.FLAG)
                        .attr(2, "size", AttrType.U32)
                        .nest(3, "bits", "bitset-bits")
                        .attr(4, "value", AttrType.BINARY)
                        .attr(5, "mask", AttrType.BINARY)
                        .build())
                .attributeSet(AttributeSet.builder("string")
                        .attr(1, "index", AttrType.U32)
                        .attr(2, "value", AttrType.STRING)
                        .build())
                .attributeSet(AttributeSet.builder("strings")
                        .attr(1, "string", AttrType.NEST, a -> a.nested("string").multiAttr())
                        .build())
                .attributeSet(AttributeSet.builder("stringset")
                        .attr(1, "id", AttrType.U32)
                        .attr(2, "count", AttrType.U32)
                        .nest(3, "strings", "strings")
                        .build())
                .attributeSet(AttributeSet.builder("stringsets")
                        .attr(1, "stringset", AttrType.NEST, a -> a.nested("stringset").multiAttr())
                        .build())
                .attributeSet(AttributeSet.builder("strset")
                        .nest(1, "header", "header")
                        .nest(2, "stringsets", "stringsets")
                        .attr(3, "counts-only", AttrType.FLAG)
                        .build())
                .attributeSet(AttributeSet.builder("linkinfo")
                        .nest(1, "header", "header")
                        .attr(2, "port", AttrType.U8, a -> a.enumName("port"))
                        .attr(3, "phyaddr", AttrType.U8)
                        .attr(4, "tp-mdix", AttrType.U8, a -> a.enumName("tp-mdi"))
                        .attr(5, "tp-mdix-ctrl", AttrType.U8, a -> a.enumName("tp-mdi"))
                        .attr(6, "transceiver", AttrType.U8, a -> a.enumName("transceiver"))
                        .build())
                .attributeSet(AttributeSet.builder("linkmodes")
                        .nest(1, "header", "header")
                        .attr(2, "autoneg", AttrType.U8)
                        .nest(3, "ours", "bitset")
                        .nest(4, "peer", "bitset")
                        .attr(5, "speed", AttrType.U32)
                        .attr(6, "duplex", AttrType.U8, a -> a.enumName("duplex"))
                        .attr(7, "master-slave-cfg", AttrType.U8)
                        .attr(8, "master-slave-state", AttrType.U8)
                        .attr(9, "lanes", AttrType.U32)
                        .attr(10, "rate-matching", AttrType.U8)
                        .build())
                .attributeSet(AttributeSet.builder("linkstate")
                        .nest(1, "header", "header")
                        .attr(2, "link", AttrType.U8)
                        .attr(3, "sqi", AttrType.U32)
                        .attr(4, "sqi-max", AttrType.U32)
                        .attr(5, "ext-state", AttrType.U8, a -> a.enumName("link-ext-state"))
                        .attr(6, "ext-substate", AttrType.U8)
                        .attr(7, "ext-down-cnt", AttrType.U32)   // kernel 6.4+ (the ethtool YNL spec)
                        .build())
                .attributeSet(AttributeSet.builder("header-only")
                        .nest(1, "header", "header")
                        .build());
        for (int i = 0; i < REQUESTS.length; i++) {
            b.request(i + 1, REQUESTS[i], null, setOf(REQUESTS[i]));
        }
        for (int i = 0; i < REPLIES.length; i++) {
            b.message(i + 1, REPLIES[i], null, setOf(REPLIES[i]));
        }
        return b.build();
    }

    /** The attribute set of an operation or notification: its own where defined, else only the header. */
    private static String setOf(String message) {
        String object = message.substring(0, message.indexOf('-'));
        return switch (object) {
            case "strset", "linkinfo", "linkmodes", "linkstate" -> object;
            default -> "header-only";
        };
    }

    /**
     * Joins the "monitor" group: notifications of setting changes arrive through the socket's get().
     *
     * @return the group's id
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public int joinMonitor() throws NetlinkException {
        return sock.joinGroup(NAME, MONITOR_GROUP);
    }

    /**
     * The port and transceiver of device {@code dev}.
     *
     * @param dev the device's name
     * @return the port and transceiver of device {@code dev}
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public LinkInfo linkInfo(String dev) throws NetlinkException {
        return linkInfo(get("linkinfo-get", dev, "link info"));
    }

    /**
     * The port and transceiver of the device with index {@code ifindex}.
     *
     * @param ifindex the device's ifindex
     * @return the port and transceiver of the device with index {@code ifindex}
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public LinkInfo linkInfo(int ifindex) throws NetlinkException {
        return linkInfo(get("linkinfo-get", ifindex, "link info"));
    }

    /**
     * Speed, duplex, autonegotiation and link modes of device {@code dev}.
     *
     * @param dev the device's name
     * @return speed, duplex, autonegotiation and link modes of device {@code dev}
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public LinkModes linkModes(String dev) throws NetlinkException {
        return linkModes(get("linkmodes-get", dev, "link modes"));
    }

    /**
     * Speed, duplex, autonegotiation and link modes of the device with index {@code ifindex}.
     *
     * @param ifindex the device's ifindex
     * @return speed, duplex, autonegotiation and link modes of the device with index {@code ifindex}
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public LinkModes linkModes(int ifindex) throws NetlinkException {
        return linkModes(get("linkmodes-get", ifindex, "link modes"));
    }

    /**
     * Link state of device {@code dev}.
     *
     * @param dev the device's name
     * @return link state of device {@code dev}
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public LinkState linkState(String dev) throws NetlinkException {
        return linkState(get("linkstate-get", dev, "link state"));
    }

    /**
     * Link state of the device with index {@code ifindex}.
     *
     * @param ifindex the device's ifindex
     * @return link state of the device with index {@code ifindex}
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public LinkState linkState(int ifindex) throws NetlinkException {
        return linkState(get("linkstate-get", ifindex, "link state"));
    }

    private NetlinkMessage get(String request, Object dev, String what) throws NetlinkException {
        Map<String, Object> header = Map.of(dev instanceof String ? "dev-name" : "dev-index", dev);
        String label = dev instanceof String ? "'" + dev + "'" : "index " + dev;
        List<NetlinkMessage> replies;
        try {
            replies = sock.request(NAME, request, Map.of("header", header));
        } catch (NetlinkException e) {
            throw explain(e, request, label, what);
        }
        for (NetlinkMessage m : replies) {
            if (m.definition() != null) {
                return m;
            }
        }
        throw new NetlinkException("ethtool " + request, Errno.ENOENT, "no reply for network device " + label);
    }

    private static NetlinkException explain(NetlinkException e, String request, String dev, String what) {
        if (e.errno() == Errno.ENODEV) {
            return new NetlinkException("ethtool " + request, e.errno(), "no network device " + dev
                    + " in this network namespace");
        }
        if (e.errno() == Errno.EOPNOTSUPP) {
            return new NetlinkException("ethtool " + request, e.errno(), "the driver of " + dev + " does not report "
                    + what);
        }
        return e;
    }

    /**
     * The strings of global string set {@code setId} (ETH_SS_*), by index: e.g. the link mode names for
     * {@link #ETH_SS_LINK_MODES}.
     *
     * @param setId the string set (ETH_SS_*, e.g. 0 for ETH_SS_TEST, 4 for ETH_SS_LINK_MODES)
     * @return the strings of global string set {@code setId} (ETH_SS_*), by index
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public List<String> strings(int setId) throws NetlinkException {
        return strings(setId, null);
    }

    /**
     * The strings of string set {@code setId} of device {@code dev} (null: the global set).
     *
     * @param setId the string set (ETH_SS_*, e.g. 0 for ETH_SS_TEST, 4 for ETH_SS_LINK_MODES)
     * @param dev the device's name
     * @return the strings of the set, by index
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public List<String> strings(int setId, String dev) throws NetlinkException {
        Map<String, Object> attrs = new LinkedHashMap<>();
        // the kernel requires the header (since 6.x); an empty one asks for the global set
        attrs.put("header", dev == null ? Map.of() : Map.of("dev-name", dev));
        attrs.put("stringsets", Map.of("stringset", List.of(Map.of("id", setId))));
        List<NetlinkMessage> replies;
        try {
            replies = sock.request(NAME, "strset-get", attrs);
        } catch (NetlinkException e) {
            throw explain(e, "strset-get", dev == null ? "(no device)" : "'" + dev + "'", "string set " + setId);
        }
        List<String> out = new ArrayList<>();
        for (NetlinkMessage m : replies) {
            Attributes sets = m.definition() == null ? null : m.attributes().nested("stringsets");
            if (sets == null) {
                continue;
            }
            for (Attribute set : sets.all("stringset")) {
                Attributes s = set.asNested();
                if (s.getLong("id", -1) != setId) {
                    continue;
                }
                int count = (int) s.getLong("count", 0);
                String[] byIndex = new String[count];
                for (Attribute strings : s.all("strings")) {
                    for (Attribute str : strings.asNested().all("string")) {
                        Attributes one = str.asNested();
                        int index = (int) one.getLong("index", -1);
                        if (index >= 0 && index < count) {
                            byIndex[index] = one.getString("value");
                        }
                    }
                }
                for (String str : byIndex) {
                    out.add(str == null ? "" : str);
                }
            }
        }
        return out;
    }

    /** The link mode names (ETH_SS_LINK_MODES), fetched once per instance. */
    private String linkModeName(int index) {
        List<String> names = linkModeNames;
        if (names == null) {
            try {
                names = strings(ETH_SS_LINK_MODES);
                linkModeNames = names;
            } catch (NetlinkException e) {
                return null;                            // unnamed ("bit N") this time; asked again next time
            }
        }
        return index < names.size() && !names.get(index).isEmpty() ? names.get(index) : null;
    }

    /**
     * The device name in an ethtool message's header, or null.
     *
     * @param m a received message
     * @return the device name in an ethtool message's header, or null
     */
    public static String device(NetlinkMessage m) {
        Attributes h = header(m);
        return h == null ? null : h.getString("dev-name");
    }

    private static Attributes header(NetlinkMessage m) {
        return m.definition() == null || m.definition().attributes() == null
                || m.definition().attributes().byName("header") == null ? null : m.attributes().nested("header");
    }

    private static int ifindex(NetlinkMessage m) {
        Attributes h = header(m);
        return h == null ? 0 : (int) h.getLong("dev-index", 0);
    }

    /**
     * Reads a LINKINFO reply or notification.
     *
     * @param m a received message
     * @return the port and transceiver the message reports
     */
    public static LinkInfo linkInfo(NetlinkMessage m) {
        Attributes a = m.attributes();
        return new LinkInfo(device(m), ifindex(m), text(a.get("port")), integer(a.get("phyaddr")),
                text(a.get("tp-mdix")), text(a.get("tp-mdix-ctrl")), text(a.get("transceiver")));
    }

    /**
     * Reads a LINKMODES reply or notification; bits of compact bitsets are named by the kernel's strings.
     *
     * @param m a received message
     * @return the link modes the message reports
     */
    public LinkModes linkModes(NetlinkMessage m) {
        return linkModes(m, this::linkModeName);
    }

    /**
     * Reads a LINKMODES reply or notification, naming bits of compact bitsets with {@code names}.
     *
     * @param m a received message
     * @param names the link mode names by bit (the ETH_SS_LINK_MODES strings)
     * @return the link modes the message reports
     */
    public static LinkModes linkModes(NetlinkMessage m, IntFunction<String> names) {
        Attributes a = m.attributes();
        Bitset ours = Bitset.parse(a.nested("ours"), names);
        Bitset peer = Bitset.parse(a.nested("peer"), names);
        long speed = a.getLong("speed", 0xffffffffL);
        Object autoneg = a.get("autoneg");
        return new LinkModes(device(m), ifindex(m), autoneg == null ? null : ((Number) autoneg).intValue() != 0,
                speed == 0xffffffffL ? LinkModes.SPEED_UNKNOWN : speed, text(a.get("duplex")), integer(a.get("lanes")),
                ours.masked() ? ours.mask() : List.of(), ours.values(), peer.values(),
                integer(a.get("master-slave-cfg")), integer(a.get("master-slave-state")), integer(a.get("rate-matching")));
    }

    /**
     * Reads a LINKSTATE reply.
     *
     * @param m a received message
     * @return the link state the message reports
     */
    public static LinkState linkState(NetlinkMessage m) {
        Attributes a = m.attributes();
        Object link = a.get("link");
        return new LinkState(device(m), ifindex(m), link == null ? null : ((Number) link).intValue() != 0,
                longOrNull(a.get("sqi")), longOrNull(a.get("sqi-max")), text(a.get("ext-state")),
                integer(a.get("ext-substate")), longOrNull(a.get("ext-down-cnt")));
    }

    private static String text(Object v) {
        return v == null ? null : v.toString();
    }

    private static Integer integer(Object v) {
        return v instanceof Number n ? n.intValue() : null;
    }

    private static Long longOrNull(Object v) {
        return v instanceof Number n ? n.longValue() : null;
    }
}
