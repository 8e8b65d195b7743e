package io.jnetlink.route;

import io.jnetlink.message.AttrCursor;
import io.jnetlink.message.HeaderField;
import io.jnetlink.message.MessageCursor;
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

    /**
     * A route without a uid (the constructor before {@code uid} was read): {@code uid} is null.
     *
     * @param family    AF_INET or AF_INET6
     * @param dstLen    prefix length of the destination (0 for the default route)
     * @param srcLen    prefix length of the source selector
     * @param tos       TOS / DSCP selector
     * @param table     routing table
     * @param protocol  RTPROT_*
     * @param scope     RT_SCOPE_*
     * @param type      RTN_*
     * @param flags     rtm_flags
     * @param dst       destination, or null for the default route
     * @param src       source selector (RTA_SRC), or null
     * @param gateway   RTA_GATEWAY, or null
     * @param oif       output ifindex, 0 for none
     * @param iif       input ifindex, 0 for none
     * @param priority  RTA_PRIORITY (the metric), or null
     * @param prefsrc   preferred source address, or null
     * @param metrics   RTA_METRICS by name; null or empty when none
     * @param multipath the next hops of a multipath route; null or empty for a single-path route
     * @param mark      RTA_MARK, or null
     * @param pref      IPv6 router preference (RTA_PREF), or null
     * @param expires   seconds until expiry (RTA_EXPIRES), or null
     * @param encapType lightweight tunnel type (RTA_ENCAP_TYPE), 0 for none
     * @param nhId      nexthop object id (RTA_NH_ID), or null
     */
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

    /**
     * The table as {@code ip} names it (main, local, default, or the number).
     *
     * @return the table's name, or its number as text
     */
    public String tableName() {
        return Names.table(table);
    }

    /**
     * The protocol as {@code ip} names it (kernel, boot, static, ..., or the number).
     *
     * @return the name of the RTPROT_* {@link #protocol()}, or its number as text
     */
    public String protocolName() {
        return Names.protocol(protocol);
    }

    /**
     * The scope as {@code ip} names it (global, link, host, ...).
     *
     * @return the name of the RT_SCOPE_* {@link #scope()}, or its number as text
     */
    public String scopeName() {
        return Names.scope(scope);
    }

    /**
     * The route type as {@code ip} names it (unicast, local, broadcast, blackhole, unreachable, ...).
     *
     * @return the name of the RTN_* {@link #type()}, or its number as text
     */
    public String typeName() {
        return Names.type(type);
    }

    /**
     * The next-hop flags as {@code ip -j} names them (onlink, linkdown, ...).
     *
     * @return the names of the RTNH_F_* bits set in the low byte of {@link #flags()}, in bit order
     */
    public List<String> flagNames() {
        return Names.bits(NH_FLAGS, flags & 0xff);
    }

    /**
     * The destination as {@code ip} prints it: "default", an address for a host route, else address/len.
     *
     * @return e.g. "default", "10.0.0.1" or "10.9.0.0/16"
     */
    public String dstText() {
        if (dst == null && dstLen == 0) {
            return "default";
        }
        String a = dst == null ? (family == Rtnl.AF_INET6 ? "::" : "0.0.0.0") : Inet.format(dst);
        return dstLen == (family == Rtnl.AF_INET6 ? 128 : 32) ? a : a + "/" + dstLen;
    }

    static Route from(NetlinkMessage m) {
        return from(Rtnl.cursor(m));
    }

    private static final HeaderField H_RTM_FAMILY = Rtnl.headerField("rtmsg", "rtm-family");
    private static final HeaderField H_RTM_DST_LEN = Rtnl.headerField("rtmsg", "rtm-dst-len");
    private static final HeaderField H_RTM_SRC_LEN = Rtnl.headerField("rtmsg", "rtm-src-len");
    private static final HeaderField H_RTM_TOS = Rtnl.headerField("rtmsg", "rtm-tos");
    private static final HeaderField H_RTM_TABLE = Rtnl.headerField("rtmsg", "rtm-table");
    private static final HeaderField H_RTM_PROTOCOL = Rtnl.headerField("rtmsg", "rtm-protocol");
    private static final HeaderField H_RTM_SCOPE = Rtnl.headerField("rtmsg", "rtm-scope");
    private static final HeaderField H_RTM_TYPE = Rtnl.headerField("rtmsg", "rtm-type");
    private static final HeaderField H_RTM_FLAGS = Rtnl.headerField("rtmsg", "rtm-flags");

    /**
     * The route the cursor's current message describes (an RTM_NEWROUTE or RTM_DELROUTE read in place, as
     * {@link IPRoute#routeMessages} hands them out). The cursor must decode with {@link Rtnl#SCHEMA}'s definitions
     * (IPRoute's cursors do, and one made with {@code Marshal.classic(Rtnl.SCHEMA)}).
     *
     * @param m a cursor on a route message
     * @return the route
     * @throws MalformedMessageException when an attribute does not hold what rtnetlink puts there
     * @throws IllegalArgumentException when the current message is not a route message of these definitions
     * @throws IllegalStateException when the cursor has no current message
     */
    public static Route from(MessageCursor m) {
        int family = (int) m.header(H_RTM_FAMILY);
        int dstLen = (int) m.header(H_RTM_DST_LEN);
        int srcLen = (int) m.header(H_RTM_SRC_LEN);
        int tos = (int) m.header(H_RTM_TOS);
        long table = m.header(H_RTM_TABLE);
        int protocol = (int) m.header(H_RTM_PROTOCOL);
        int scope = (int) m.header(H_RTM_SCOPE);
        int type = (int) m.header(H_RTM_TYPE);
        int flags = (int) m.header(H_RTM_FLAGS);
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
        AttrCursor a = m.attributes();
        while (a.next()) {
            switch (a.type()) {
                case 1 -> dst = a.address();
                case 2 -> src = a.address();
                case 3 -> iif = (int) a.asLong();
                case 4 -> oif = (int) a.asLong();
                case 5 -> gateway = a.address();
                case 6 -> priority = a.asLong();
                case 7 -> prefsrc = a.address();
                case 8 -> metrics = metrics(a);
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metrics(AttrCursor a) {
        return (Map<String, Object>) a.value();
    }

    /** RTA_MULTIPATH: records of struct rtnexthop {u16 len; u8 flags; u8 hops; s32 ifindex}, each with attributes. */
    @SuppressWarnings("unchecked")
    private static List<NextHop> nextHops(AttrCursor a) {
        List<NextHop> out = new ArrayList<>();
        for (Object o : (List<Object>) a.value()) {
            Map<String, Object> hop = (Map<String, Object>) o;
            Object gw = hop.get("gateway");
            if (gw != null && !(gw instanceof InetAddress)) {
                throw new MalformedMessageException("a next hop's gateway is not one IPv4 or IPv6 address ("
                        + (gw instanceof byte[] b ? b.length + " bytes" : "repeated") + ")", a.offset());
            }
            out.add(new NextHop((InetAddress) gw, ((Number) hop.get("rtnh-ifindex")).intValue(),
                    ((Number) hop.get("rtnh-hops")).intValue() + 1, ((Number) hop.get("rtnh-flags")).intValue()));
        }
        return out;
    }
}
