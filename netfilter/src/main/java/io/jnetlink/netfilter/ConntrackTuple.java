package io.jnetlink.netfilter;

import io.jnetlink.message.Attribute;
import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.route.Inet;
import io.jnetlink.route.Rtnl;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One direction of a connection as conntrack tracks it (CTA_TUPLE_ORIG, CTA_TUPLE_REPLY): addresses, layer-4
 * protocol and its keys. Ports are set for TCP, UDP, UDP-Lite, SCTP and DCCP; ICMP and ICMPv6 have a type, a
 * code and an id instead; other protocols have neither.
 *
 * <pre>{@code
 * ConntrackTuple t = ConntrackTuple.tcp("10.0.0.1", 40000, "10.0.0.2", 80);
 * ConntrackTuple ping = ConntrackTuple.icmp("10.0.0.1", "10.0.0.2", 8, 0, 77);   // echo request, id 77
 * }</pre>
 *
 * @param src      source address (null only in an entry of a family other than IPv4 and IPv6)
 * @param dst      destination address (likewise)
 * @param protocol layer-4 protocol number (6 tcp, 17 udp, 1 icmp, 58 icmpv6, ...)
 * @param srcPort  source port, or null for a protocol without ports
 * @param dstPort  destination port, or null
 * @param icmpType ICMP(v6) type, or null for other protocols
 * @param icmpCode ICMP(v6) code, or null
 * @param icmpId   ICMP(v6) identifier, or null
 * @param zone     the zone of this direction (CTA_TUPLE_ZONE, set when the zone is directional), or null
 */
public record ConntrackTuple(InetAddress src, InetAddress dst, int protocol, Integer srcPort, Integer dstPort,
                             Integer icmpType, Integer icmpCode, Integer icmpId, Integer zone) {
    /** IPPROTO_ICMP. */
    public static final int ICMP = 1;
    /** IPPROTO_TCP. */
    public static final int TCP = 6;
    /** IPPROTO_UDP. */
    public static final int UDP = 17;
    /** IPPROTO_DCCP. */
    public static final int DCCP = 33;
    /** IPPROTO_GRE. */
    public static final int GRE = 47;
    /** IPPROTO_ICMPV6. */
    public static final int ICMPV6 = 58;
    /** IPPROTO_SCTP. */
    public static final int SCTP = 132;
    /** IPPROTO_UDPLITE. */
    public static final int UDPLITE = 136;

    private static final Map<Integer, String> NAMES = Map.of(TCP, "tcp", UDP, "udp", UDPLITE, "udplite", ICMP,
            "icmp", ICMPV6, "icmpv6", SCTP, "sctp", GRE, "gre", DCCP, "dccp");

    /**
     * A tuple of a protocol with ports (tcp, udp, udplite, sctp, dccp).
     *
     * @param protocol the protocol number ({@link #TCP}, {@link #UDP}, {@link #UDPLITE}, {@link #SCTP}, {@link #DCCP})
     * @param src      the source address, an IPv4 or IPv6 literal (no name lookup)
     * @param srcPort  the source port, 0 to 65535
     * @param dst      the destination address, of the source's family
     * @param dstPort  the destination port, 0 to 65535
     * @return the tuple, without a zone
     * @throws IllegalArgumentException for an address that is not a literal, addresses of two families, a port out
     *                                  of range, or a protocol without ports
     */
    public static ConntrackTuple ports(int protocol, String src, int srcPort, String dst, int dstPort) {
        ConntrackTuple t = new ConntrackTuple(Inet.address(src, "source"), Inet.address(dst, "destination"), protocol,
                srcPort, dstPort, null, null, null, null);
        t.check("tuple");
        return t;
    }

    /**
     * A TCP tuple.
     *
     * @param src     the source address, an IPv4 or IPv6 literal (no name lookup)
     * @param srcPort the source port, 0 to 65535
     * @param dst     the destination address, of the source's family
     * @param dstPort the destination port, 0 to 65535
     * @return the tuple, without a zone
     * @throws IllegalArgumentException for an address that is not a literal, addresses of two families, a port out
     *                                  of range
     */
    public static ConntrackTuple tcp(String src, int srcPort, String dst, int dstPort) {
        return ports(TCP, src, srcPort, dst, dstPort);
    }

    /**
     * A UDP tuple.
     *
     * @param src     the source address, an IPv4 or IPv6 literal (no name lookup)
     * @param srcPort the source port, 0 to 65535
     * @param dst     the destination address, of the source's family
     * @param dstPort the destination port, 0 to 65535
     * @return the tuple, without a zone
     * @throws IllegalArgumentException for an address that is not a literal, addresses of two families, a port out
     *                                  of range
     */
    public static ConntrackTuple udp(String src, int srcPort, String dst, int dstPort) {
        return ports(UDP, src, srcPort, dst, dstPort);
    }

    /**
     * An ICMP tuple for IPv4 addresses, ICMPv6 for IPv6 ones. Conntrack tracks only queries and their replies:
     * ICMP types 0, 8 and 13 to 18, ICMPv6 types 128, 129, 139 and 140.
     *
     * @param src  the source address, an IPv4 or IPv6 literal (no name lookup)
     * @param dst  the destination address, of the source's family
     * @param type the ICMP(v6) type, one of those above
     * @param code the ICMP(v6) code, 0 to 255
     * @param id   the ICMP(v6) identifier, 0 to 65535
     * @return the tuple, without a zone
     * @throws IllegalArgumentException for an address that is not a literal, addresses of two families, a type
     *                                  conntrack does not track, a code or id out of range
     */
    public static ConntrackTuple icmp(String src, String dst, int type, int code, int id) {
        InetAddress s = Inet.address(src, "source");
        ConntrackTuple t = new ConntrackTuple(s, Inet.address(dst, "destination"), s instanceof Inet4Address ? ICMP : ICMPV6,
                null, null, type, code, id);
        t.check("tuple");
        return t;
    }

    /**
     * A tuple without a directional zone. Nothing is checked here: get, create and delete check the tuple before
     * sending it.
     *
     * @param src      the source address
     * @param dst      the destination address
     * @param protocol the layer-4 protocol number
     * @param srcPort  the source port, or null for a protocol without ports
     * @param dstPort  the destination port, or null
     * @param icmpType the ICMP(v6) type, or null for other protocols
     * @param icmpCode the ICMP(v6) code, or null
     * @param icmpId   the ICMP(v6) identifier, or null
     */
    public ConntrackTuple(InetAddress src, InetAddress dst, int protocol, Integer srcPort, Integer dstPort,
                          Integer icmpType, Integer icmpCode, Integer icmpId) {
        this(src, dst, protocol, srcPort, dstPort, icmpType, icmpCode, icmpId, null);
    }

    /**
     * This tuple with a directional zone (CTA_TUPLE_ZONE).
     *
     * @param z the zone, 0 to 65535 (checked when the tuple is sent), or null for none
     * @return the new tuple
     */
    public ConntrackTuple withZone(Integer z) {
        return new ConntrackTuple(src, dst, protocol, srcPort, dstPort, icmpType, icmpCode, icmpId, z);
    }

    /**
     * The tuple's address family, from its addresses (the source's, or the destination's when there is no source).
     *
     * @return AF_INET or AF_INET6; AF_UNSPEC when there is no address
     */
    public int family() {
        InetAddress a = src != null ? src : dst;
        return a == null ? Rtnl.AF_UNSPEC : a instanceof Inet4Address ? Rtnl.AF_INET : Rtnl.AF_INET6;
    }

    /**
     * The protocol as conntrack names it.
     *
     * @return tcp, udp, udplite, icmp, icmpv6, sctp, gre or dccp; "unknown" for any other
     */
    public String protocolName() {
        return protocolName(protocol);
    }

    /**
     * The tuple of the reply direction as the kernel derives it for a new entry: addresses and ports swapped, an ICMP
     * query's type turned into its reply's (echo 8 into echo reply 0, ...).
     *
     * @return the reply tuple (code, id and zone kept; an ICMP type conntrack does not track kept too)
     */
    public ConntrackTuple inverse() {
        Integer type = icmpType == null ? null : inverseIcmpType(protocol, icmpType);
        return new ConntrackTuple(dst, src, protocol, dstPort, srcPort, type == null ? icmpType : type, icmpCode,
                icmpId, zone);
    }

    /** The tuple in conntrack's words: "tcp src=10.0.0.1 dst=10.0.0.2 sport=40000 dport=80". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(protocolName());
        appendTo(sb.append(' '));
        return sb.toString().stripTrailing();
    }

    /** Appends "src=A dst=B " and the protocol's keys ("sport=.. dport=.. ", "type=.. code=.. id=.. "). */
    void appendTo(StringBuilder sb) {
        sb.append("src=").append(text(src)).append(" dst=").append(text(dst)).append(' ');
        if (srcPort != null || dstPort != null) {
            sb.append("sport=").append(srcPort == null ? 0 : srcPort).append(" dport=")
                    .append(dstPort == null ? 0 : dstPort).append(' ');
        } else if (icmpType != null || icmpCode != null || icmpId != null) {
            sb.append("type=").append(icmpType == null ? 0 : icmpType).append(" code=")
                    .append(icmpCode == null ? 0 : icmpCode).append(" id=").append(icmpId == null ? 0 : icmpId)
                    .append(' ');
        }
    }

    private static String text(InetAddress a) {
        return a == null ? "?" : Inet.format(a);
    }

    /**
     * A protocol number named as conntrack names it.
     *
     * @param protocol a layer-4 protocol number
     * @return tcp, udp, udplite, icmp, icmpv6, sctp, gre or dccp; "unknown" for any other
     */
    public static String protocolName(int protocol) {
        return NAMES.getOrDefault(protocol, "unknown");
    }

    /**
     * A protocol by conntrack's name (tcp, udp, udplite, icmp, icmpv6, sctp, gre, dccp) or number 0 to 255.
     *
     * @param word a name, case-insensitive, or a decimal number
     * @return the protocol number
     * @throws IllegalArgumentException for anything else
     */
    public static int parseProtocol(String word) {
        for (Map.Entry<Integer, String> e : NAMES.entrySet()) {
            if (e.getValue().equals(word.toLowerCase(Locale.ROOT))) {
                return e.getKey();
            }
        }
        try {
            int n = Integer.parseInt(word);
            if (n >= 0 && n <= 255) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("protocol: '" + word + "' is not a protocol (tcp, udp, udplite, icmp, "
                + "icmpv6, sctp, gre, dccp or 0-255)");
    }

    /** True for the protocols whose tuples carry ports. */
    static boolean hasPorts(int protocol) {
        return protocol == TCP || protocol == UDP || protocol == UDPLITE || protocol == SCTP || protocol == DCCP;
    }

    static boolean isIcmp(int protocol) {
        return protocol == ICMP || protocol == ICMPV6;
    }

    /** The reply type of an ICMP(v6) query or reply type conntrack tracks, or null when it tracks none. */
    static Integer inverseIcmpType(int protocol, int type) {
        if (protocol == ICMP) {
            return switch (type) {
                case 8 -> 0;
                case 0 -> 8;
                case 13, 15, 17 -> type + 1;
                case 14, 16, 18 -> type - 1;
                default -> null;
            };
        }
        return switch (type) {
            case 128 -> 129;
            case 129 -> 128;
            case 139 -> 140;
            case 140 -> 139;
            default -> null;
        };
    }

    /**
     * Checks that the kernel can take this tuple as a key (get, create, delete): both addresses of one family, the
     * keys its protocol needs and no others.
     *
     * @param what the argument named in the error ("tuple", "reply tuple", ...)
     * @throws IllegalArgumentException naming {@code what} and the fault
     */
    void check(String what) {
        if (src == null || dst == null) {
            throw new IllegalArgumentException(what + ": a source and a destination address are needed");
        }
        if (src.getClass() != dst.getClass()) {
            throw new IllegalArgumentException(what + ": source " + text(src) + " and destination " + text(dst)
                    + " are of different families");
        }
        if (protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException(what + ": protocol " + protocol + " is outside 0..255");
        }
        if (hasPorts(protocol)) {
            if (srcPort == null || dstPort == null) {
                throw new IllegalArgumentException(what + ": " + protocolName() + " needs a source and a destination "
                        + "port");
            }
            port(what, "source port", srcPort);
            port(what, "destination port", dstPort);
        } else if (srcPort != null || dstPort != null) {
            throw new IllegalArgumentException(what + ": " + protocolName() + " has no ports");
        }
        if (isIcmp(protocol)) {
            if ((protocol == ICMP) != (src instanceof Inet4Address)) {
                throw new IllegalArgumentException(what + ": " + protocolName() + " does not go with "
                        + (src instanceof Inet4Address ? "IPv4" : "IPv6") + " addresses");
            }
            if (icmpType == null || icmpCode == null || icmpId == null) {
                throw new IllegalArgumentException(what + ": " + protocolName() + " needs a type, a code and an id");
            }
            if (icmpType < 0 || icmpType > 255 || icmpCode < 0 || icmpCode > 255) {
                throw new IllegalArgumentException(what + ": icmp type and code must be 0..255");
            }
            if (inverseIcmpType(protocol, icmpType) == null) {
                throw new IllegalArgumentException(what + ": conntrack does not track " + protocolName() + " type "
                        + icmpType + " (only " + (protocol == ICMP ? "0, 8, 13-18" : "128, 129, 139, 140") + ")");
            }
            port(what, "icmp id", icmpId);
        } else if (icmpType != null || icmpCode != null || icmpId != null) {
            throw new IllegalArgumentException(what + ": " + protocolName() + " has no icmp type, code or id");
        }
        if (zone != null && (zone < 0 || zone > 65535)) {
            throw new IllegalArgumentException(what + ": zone " + zone + " is outside 0..65535");
        }
    }

    private static void port(String what, String name, int v) {
        if (v < 0 || v > 65535) {
            throw new IllegalArgumentException(what + ": " + name + " " + v + " is outside 0..65535");
        }
    }

    /** The tuple as the value of a CTA_TUPLE_* nest (names of tuple-attrs), every key it has. */
    Map<String, Object> toAttrs() {
        Map<String, Object> ip = new LinkedHashMap<>();
        boolean v4 = family() == Rtnl.AF_INET;
        if (src != null) {
            ip.put(v4 ? "ip-v4-src" : "ip-v6-src", src);
        }
        if (dst != null) {
            ip.put(v4 ? "ip-v4-dst" : "ip-v6-dst", dst);
        }
        Map<String, Object> proto = new LinkedHashMap<>();
        proto.put("proto-num", protocol);
        if (srcPort != null) {
            proto.put("proto-src-port", srcPort);
        }
        if (dstPort != null) {
            proto.put("proto-dst-port", dstPort);
        }
        String icmp = protocol == ICMPV6 ? "proto-icmpv6-" : "proto-icmp-";
        if (icmpId != null) {
            proto.put(icmp + "id", icmpId);
        }
        if (icmpType != null) {
            proto.put(icmp + "type", icmpType);
        }
        if (icmpCode != null) {
            proto.put(icmp + "code", icmpCode);
        }
        Map<String, Object> t = new LinkedHashMap<>();
        if (!ip.isEmpty()) {
            t.put("tuple-ip", ip);
        }
        t.put("tuple-proto", proto);
        if (zone != null) {
            t.put("tuple-zone", zone);
        }
        return t;
    }

    /** Decodes a CTA_TUPLE_* nest in one pass. */
    static ConntrackTuple from(Attribute nest) {
        InetAddress src = null;
        InetAddress dst = null;
        int protocol = -1;
        Integer sport = null;
        Integer dport = null;
        Integer type = null;
        Integer code = null;
        Integer id = null;
        Integer zone = null;
        for (Attribute a : nest.asNested()) {
            switch (a.type()) {
                case 1 -> {
                    for (Attribute ip : a.asNested()) {
                        switch (ip.type()) {
                            case 1, 3 -> src = ip(ip);
                            case 2, 4 -> dst = ip(ip);
                            default -> {
                            }
                        }
                    }
                }
                case 2 -> {
                    for (Attribute p : a.asNested()) {
                        switch (p.type()) {
                            case 1 -> protocol = (int) p.asLong();
                            case 2 -> sport = (int) p.asLong();
                            case 3 -> dport = (int) p.asLong();
                            case 4, 7 -> id = (int) p.asLong();
                            case 5, 8 -> type = (int) p.asLong();
                            case 6, 9 -> code = (int) p.asLong();
                            default -> {
                            }
                        }
                    }
                }
                case 3 -> zone = (int) a.asLong();
                default -> {
                }
            }
        }
        if (protocol < 0) {
            throw new MalformedMessageException(nest.name() + " without a protocol number (CTA_PROTO_NUM)",
                    nest.offset());
        }
        return new ConntrackTuple(src, dst, protocol, sport, dport, type, code, id, zone);
    }

    private static InetAddress ip(Attribute a) {
        if (a.value() instanceof InetAddress ia) {
            return ia;
        }
        throw new MalformedMessageException("attribute " + a.name() + ": " + a.length()
                + " bytes is not an address of its family", a.offset());
    }
}
