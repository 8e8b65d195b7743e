package io.jnetlink.route;

import io.jnetlink.message.Attribute;
import io.jnetlink.message.Attributes;
import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.NetlinkMessage;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route as rtnetlink reports it (RTM_NEWROUTE): rtmsg and the RTA_* attributes.
 *
 * @param family    AF_INET or AF_INET6
 * @param dstLen    prefix length of the destination (0 for the default route)
 * @param srcLen    prefix length of the source selector
 * @param tos       TOS / DSCP selector
 * @param table     routing table (RTA_TABLE, which holds ids above 255; {@link #tableName()})
 * @param protocol  RTPROT_* ({@link #protocolName()})
 * @param scope     RT_SCOPE_* ({@link #scopeName()})
 * @param type      RTN_* ({@link #typeName()})
 * @param flags     rtm_flags (RTNH_F_* in the low byte, RTM_F_* above; {@link #flagNames()})
 * @param dst       destination, or null for the default route
 * @param src       source selector (RTA_SRC), or null
 * @param gateway   RTA_GATEWAY, or null
 * @param oif       output ifindex, 0 for none
 * @param iif       input ifindex, 0 for none
 * @param priority  RTA_PRIORITY (the metric), or null when absent
 * @param prefsrc   preferred source address, or null
 * @param metrics   RTA_METRICS by name (mtu, advmss, hoplimit, ..., cc-algo); empty when none
 * @param multipath the next hops of a multipath route (RTA_MULTIPATH); empty for a single-path route
 * @param mark      RTA_MARK, or null
 * @param pref      IPv6 router preference (RTA_PREF: 0 medium, 1 high, 3 low), or null
 * @param expires   seconds until expiry (RTA_EXPIRES), or null
 * @param encapType lightweight tunnel type (RTA_ENCAP_TYPE), 0 for none
 * @param nhId      nexthop object id (RTA_NH_ID), or null
 * @param uid       the user id a route lookup was made for (RTA_UID, in {@code route get} replies), or null
 */
public record Route(int family, int dstLen, int srcLen, int tos, long table, int protocol, int scope, int type,
                    int flags, InetAddress dst, InetAddress src, InetAddress gateway, int oif, int iif,
                    Long priority, InetAddress prefsrc, Map<String, Object> metrics, List<NextHop> multipath,
                    Long mark, Integer pref, Long expires, int encapType, Long nhId, Long uid)
        implements RtnlObject {

    private static final String[] NH_FLAGS = {"dead", "pervasive", "onlink", "offload", "linkdown", "unresolved",
        "trap"};

    /**
     * One next hop of a multipath route (struct rtnexthop and its attributes).
     *
     * @param gateway its RTA_GATEWAY, or null
     * @param oif     output ifindex
     * @param weight  weight (rtnh_hops + 1)
     * @param flags   RTNH_F_* flags
     */
    public record NextHop(InetAddress gateway, int oif, int weight, int flags) {
    }

    /** A route without a uid (the constructor before {@code uid} was read). */
    public Route(int family, int dstLen, int srcLen, int tos, long table, int protocol, int scope, int type, int flags,
                 InetAddress dst, InetAddress src, InetAddress gateway, int oif, int iif, Long priority,
                 InetAddress prefsrc, Map<String, Object> metrics, List<NextHop> multipath, Long mark, Integer pref,
                 Long expires, int encapType, Long nhId) {
        this(family, dstLen, srcLen, tos, table, protocol, scope, type, flags, dst, src, gateway, oif, iif, priority,
                prefsrc, metrics, multipath, mark, pref, expires, encapType, nhId, null);
    }

    /** Copies the collections. */
    public Route {
        metrics = metrics == null || metrics.isEmpty() ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        multipath = multipath == null ? List.of() : List.copyOf(multipath);
    }

    /** The table as {@code ip} names it (main, local, default, or the number). */
    public String tableName() {
        return Names.table(table);
    }

    /** The protocol as {@code ip} names it (kernel, boot, static, ..., or the number). */
    public String protocolName() {
        return Names.protocol(protocol);
    }

    /** The scope as {@code ip} names it (global, link, host, ...). */
    public String scopeName() {
        return Names.scope(scope);
    }

    /** The route type as {@code ip} names it (unicast, local, broadcast, blackhole, unreachable, ...). */
    public String typeName() {
        return Names.type(type);
    }

    /** The next-hop flags as {@code ip -j} names them (onlink, linkdown, ...). */
    public List<String> flagNames() {
        return Names.bits(NH_FLAGS, flags & 0xff);
    }

    /** The destination as {@code ip} prints it: "default", an address for a host route, else address/len. */
    public String dstText() {
        if (dst == null && dstLen == 0) {
            return "default";
        }
        String a = dst == null ? (family == Rtnl.AF_INET6 ? "::" : "0.0.0.0") : Inet.format(dst);
        return dstLen == (family == Rtnl.AF_INET6 ? 128 : 32) ? a : a + "/" + dstLen;
    }

    static Route from(NetlinkMessage m) {
        int family = (int) m.headerField("rtm-family");
        int dstLen = (int) m.headerField("rtm-dst-len");
        int srcLen = (int) m.headerField("rtm-src-len");
        int tos = (int) m.headerField("rtm-tos");
        long table = m.headerField("rtm-table");
        int protocol = (int) m.headerField("rtm-protocol");
        int scope = (int) m.headerField("rtm-scope");
        int type = (int) m.headerField("rtm-type");
        int flags = (int) m.headerField("rtm-flags");
        InetAddress dst = null;
        InetAddress src = null;
        InetAddress gateway = null;
        InetAddress prefsrc = null;
        int oif = 0;
        int iif = 0;
        Long priority = null;
        Long mark = null;
        Integer pref = null;
        Long expires = null;
        Long nhId = null;
        Long uid = null;
        int encapType = 0;
        Map<String, Object> metrics = null;
        List<NextHop> multipath = null;
        for (Attribute a : m.attributes()) {
            switch (a.type()) {
                case 1 -> dst = Decode.ip(a);
                case 2 -> src = Decode.ip(a);
                case 3 -> iif = (int) a.asLong();
                case 4 -> oif = (int) a.asLong();
                case 5 -> gateway = Decode.ip(a);
                case 6 -> priority = a.asLong();
                case 7 -> prefsrc = Decode.ip(a);
                case 8 -> metrics = a.asNested().toMap();
                case 9 -> multipath = nextHops(a);
                case 15 -> table = a.asLong();
                case 16 -> mark = a.asLong();
                case 20 -> pref = (int) a.asLong();
                case 21 -> encapType = (int) a.asLong();
                case 23 -> expires = a.asLong();
                case 25 -> uid = a.asLong();
                case 30 -> nhId = a.asLong();
                default -> {
                }
            }
        }
        return new Route(family, dstLen, srcLen, tos, table, protocol, scope, type, flags, dst, src, gateway, oif, iif,
                priority, prefsrc, metrics, multipath, mark, pref, expires, encapType, nhId, uid);
    }

    /** RTA_MULTIPATH: struct rtnexthop {u16 len; u8 flags; u8 hops; s32 ifindex} each followed by attributes. */
    private static List<NextHop> nextHops(Attribute a) {
        byte[] b = a.bytes();
        List<NextHop> out = new ArrayList<>();
        int p = 0;
        while (p + 8 <= b.length) {
            int len = (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
            if (len < 8 || p + len > b.length) {
                throw new MalformedMessageException("multipath next hop length " + len + " is out of bounds",
                        a.offset() + 4 + p);
            }
            int flags = b[p + 2] & 0xff;
            int hops = b[p + 3] & 0xff;
            int ifindex = (int) Decode.u32(b, p + 4);
            InetAddress gw = null;
            for (Attribute in : Attributes.of(b, p + 8, len - 8, Rtnl.SCHEMA.attributeSet("route-attrs"))) {
                if (in.type() == 5) {
                    gw = Decode.ip(in);
                }
            }
            out.add(new NextHop(gw, ifindex, hops + 1, flags));
            p += (len + 3) & ~3;
        }
        return out;
    }
}
