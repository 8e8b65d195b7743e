package io.jnetlink.route;

import io.jnetlink.message.Attribute;
import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.MessageCursor;
import io.jnetlink.message.NetlinkMessage;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A nexthop object as rtnetlink reports it (RTM_NEWNEXTHOP): struct nhmsg and the NHA_* attributes. It is either a
 * single next hop (a gateway and/or a device, or a blackhole) or a group of other nexthops by id.
 *
 * @param id        NHA_ID
 * @param family    AF_INET, AF_INET6, or AF_UNSPEC (groups)
 * @param scope     RT_SCOPE_* the kernel computed ({@link #scopeName()})
 * @param protocol  RTPROT_* of whoever installed it ({@link #protocolName()})
 * @param flags     RTNH_F_* flags (onlink, dead, linkdown, ...; {@link #flagNames()})
 * @param gateway   NHA_GATEWAY, or null
 * @param oif       output ifindex (NHA_OIF), 0 for none
 * @param blackhole NHA_BLACKHOLE: packets are dropped
 * @param fdb       NHA_FDB: the nexthop serves the bridge forwarding database (VXLAN remote), not routes
 * @param group     the members of a group (NHA_GROUP), in the kernel's order; empty for a single nexthop
 * @param groupType NEXTHOP_GRP_TYPE_*: 0 hash-threshold multipath, 1 resilient
 * @param resilient the resilient group's buckets and timers (NHA_RES_GROUP), or null
 * @param encapType lightweight tunnel type (NHA_ENCAP_TYPE), 0 for none
 */
public record Nexthop(long id, int family, int scope, int protocol, int flags, InetAddress gateway, int oif,
                      boolean blackhole, boolean fdb, List<Member> group, int groupType, Resilient resilient,
                      int encapType) {

    /** NEXTHOP_GRP_TYPE_MPATH: a hash-threshold multipath group. */
    public static final int GROUP_MPATH = 0;
    /** NEXTHOP_GRP_TYPE_RES: a resilient group (a bucket table that keeps flows on their member). */
    public static final int GROUP_RESILIENT = 1;

    /**
     * One member of a group (struct nexthop_grp).
     *
     * @param id     the member nexthop's id
     * @param weight its weight, 1 to 65536 (the kernel keeps weight - 1 in 8 bits, and 8 more since 6.12)
     */
    public record Member(long id, int weight) {
    }

    /**
     * The settings of a resilient group (NHA_RES_GROUP), times in clock ticks of 1/100 s (USER_HZ), as the
     * kernel reports them.
     *
     * @param buckets         number of buckets
     * @param idleTimer       a bucket idle this long may be migrated
     * @param unbalancedTimer a group unbalanced this long has its buckets migrated, idle or not (0: never)
     * @param unbalancedTime  how long the group has been unbalanced
     */
    public record Resilient(int buckets, long idleTimer, long unbalancedTimer, long unbalancedTime) {
    }

    /** Copies the members. */
    public Nexthop {
        group = group == null ? List.of() : List.copyOf(group);
    }

    /**
     * Whether this object is a group of other nexthops.
     *
     * @return true when {@link #group()} has members
     */
    public boolean isGroup() {
        return !group.isEmpty();
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
     * The protocol as {@code ip} names it (unspec, kernel, static, ...).
     *
     * @return the name of the RTPROT_* {@link #protocol()}, or its number as text
     */
    public String protocolName() {
        return Names.protocol(protocol);
    }

    /**
     * The RTNH_F_* flags as {@code ip -j} names them (onlink, dead, linkdown, ...), in bit order.
     *
     * @return the names of the flags set in the low byte of {@link #flags()}; empty when none is set
     */
    public List<String> flagNames() {
        return Names.bits(new String[] {"dead", "pervasive", "onlink", "offload", "linkdown", "unresolved", "trap"},
                flags & 0xff);
    }

    /** Decodes the message the cursor is on (through a view of it: these objects are few). */
    static Nexthop from(MessageCursor c) {
        return from(c.message());
    }

    static Nexthop from(NetlinkMessage m) {
        int family = (int) m.headerField("nh-family");
        int scope = (int) m.headerField("nh-scope");
        int protocol = (int) m.headerField("nh-protocol");
        int flags = (int) m.headerField("nh-flags");
        long id = 0;
        InetAddress gateway = null;
        int oif = 0;
        boolean blackhole = false;
        boolean fdb = false;
        List<Member> group = null;
        int groupType = GROUP_MPATH;
        Resilient resilient = null;
        int encapType = 0;
        for (Attribute a : m.attributes()) {
            switch (a.type()) {
                case 1 -> id = a.asLong();
                case 2 -> group = members(a);
                case 3 -> groupType = (int) a.asLong();
                case 4 -> blackhole = true;
                case 5 -> oif = (int) a.asLong();
                case 6 -> gateway = Decode.ip(a);
                case 7 -> encapType = (int) a.asLong();
                case 11 -> fdb = true;
                case 12 -> resilient = resilient(a);
                default -> {
                }
            }
        }
        return new Nexthop(id, family, scope, protocol, flags, gateway, oif, blackhole, fdb, group, groupType,
                resilient, encapType);
    }

    /** NHA_GROUP: struct nexthop_grp {u32 id; u8 weight; u8 weight_high; u16 resvd2}, packed. */
    private static List<Member> members(Attribute a) {
        byte[] b = a.bytes();
        if (b.length == 0 || b.length % 8 != 0) {
            throw new MalformedMessageException("nexthop group of " + b.length + " bytes is not a whole number of "
                    + "8-byte members", a.offset());
        }
        List<Member> out = new ArrayList<>(b.length / 8);
        for (int p = 0; p < b.length; p += 8) {
            out.add(new Member(Decode.u32(b, p), ((b[p + 5] & 0xff) << 8 | (b[p + 4] & 0xff)) + 1));
        }
        return out;
    }

    private static Resilient resilient(Attribute a) {
        int buckets = 0;
        long idle = 0;
        long unbalancedTimer = 0;
        long unbalancedTime = 0;
        for (Attribute r : a.asNested()) {
            switch (r.type()) {
                case 1 -> buckets = (int) r.asLong();
                case 2 -> idle = r.asLong();
                case 3 -> unbalancedTimer = r.asLong();
                case 4 -> unbalancedTime = r.asLong();
                default -> {
                }
            }
        }
        return new Resilient(buckets, idle, unbalancedTimer, unbalancedTime);
    }
}
