package io.jnetlink.route;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A nexthop object to add or replace ({@link IPRoute#addNexthop}, {@link IPRoute#replaceNexthop}), in
 * {@code ip nexthop}'s terms:
 *
 * <pre>{@code
 * NexthopRequest.id(1).gateway("10.0.0.2").dev("v0")          // ip nexthop add id 1 via 10.0.0.2 dev v0
 * NexthopRequest.id(2).blackhole()                            // ip nexthop add id 2 blackhole
 * NexthopRequest.id(10).member(1, 1).member(3, 2)              // ip nexthop add id 10 group 1/3,2
 * NexthopRequest.id(11).member(1, 1).member(3, 1).resilient(32, 120L, 0L)
 * NexthopRequest.id(20).gateway("10.0.0.2").fdb()             // a VXLAN remote for the bridge FDB
 * }</pre>
 *
 * The family follows the gateway; a device or a blackhole alone is IPv4, a group has none (as ip sends them).
 * Arguments are checked when given, so a bad one fails before anything is sent. A mutable builder, used once.
 */
public final class NexthopRequest {
    final long id;
    InetAddress gateway;
    String dev;
    boolean blackhole;
    boolean fdb;
    boolean onlink;
    int protocol;
    Integer family;
    final List<Nexthop.Member> members = new ArrayList<>();
    Integer groupType;
    Integer buckets;
    Long idleTimer;
    Long unbalancedTimer;

    private NexthopRequest(long id) {
        if (id < 1 || id > 0xffffffffL) {
            throw new IllegalArgumentException("nexthop id " + id + " is outside 1..4294967295");
        }
        this.id = id;
    }

    /**
     * The nexthop with id {@code id} (1 to 4294967295; NHA_ID).
     *
     * @param id the object's id, 1 to 4294967295
     * @return a new request
     * @throws IllegalArgumentException when {@code id} is outside 1..4294967295
     */
    public static NexthopRequest id(long id) {
        return new NexthopRequest(id);
    }

    /**
     * The gateway (NHA_GATEWAY), IPv4 or IPv6; it sets the family.
     *
     * @param gw an IPv4 or IPv6 literal
     * @return this request
     * @throws IllegalArgumentException when {@code gw} is not an IPv4 or IPv6 literal
     */
    public NexthopRequest gateway(String gw) {
        this.gateway = Inet.address(gw, "nexthop " + id + " via");
        return this;
    }

    /**
     * The output device (NHA_OIF).
     *
     * @param d the device name, 1 to 15 bytes in UTF-8 (its ifindex is looked up when the request is sent)
     * @return this request
     * @throws IllegalArgumentException when {@code d} is not a device name
     */
    public NexthopRequest dev(String d) {
        if (!Names.validDevice(d)) {
            throw new IllegalArgumentException("nexthop " + id + ": '" + d + "' is not a valid device name");
        }
        this.dev = d;
        return this;
    }

    /**
     * A blackhole (NHA_BLACKHOLE): packets routed through it are dropped (no gateway, no device).
     *
     * @return this request
     */
    public NexthopRequest blackhole() {
        this.blackhole = true;
        return this;
    }

    /**
     * For the bridge forwarding database (NHA_FDB): a VXLAN remote, or a group of them; not usable by routes.
     *
     * @return this request
     */
    public NexthopRequest fdb() {
        this.fdb = true;
        return this;
    }

    /**
     * RTNH_F_ONLINK: the gateway is on the device's link even without a matching prefix.
     *
     * @return this request
     */
    public NexthopRequest onlink() {
        this.onlink = true;
        return this;
    }

    /**
     * Who installs it (RTPROT_*: static, boot, zebra, bgp, ... or 0-255); 0 (unspec) by default, as ip.
     *
     * @param p an RTPROT_* name as iproute2 spells it, or a number 0-255
     * @return this request
     * @throws IllegalArgumentException when {@code p} is none of those
     */
    public NexthopRequest protocol(String p) {
        this.protocol = Names.parseProtocol(p);
        return this;
    }

    /**
     * The address family when nothing else sets it (AF_INET or AF_INET6); a gateway of another family is refused when
     * the request is sent.
     *
     * @param af {@link Rtnl#AF_INET} or {@link Rtnl#AF_INET6}
     * @return this request
     * @throws IllegalArgumentException when {@code af} is neither
     */
    public NexthopRequest family(int af) {
        if (af != Rtnl.AF_INET && af != Rtnl.AF_INET6) {
            throw new IllegalArgumentException("nexthop " + id + ": family must be AF_INET or AF_INET6, got " + af);
        }
        this.family = af;
        return this;
    }

    /**
     * Adds member {@code memberId} with {@code weight} (1 to 65536; above 256 needs kernel 6.12) to this group.
     *
     * @param memberId the member nexthop's id, 1 to 4294967295
     * @param weight   its weight, 1 to 65536
     * @return this request
     * @throws IllegalArgumentException when {@code memberId} or {@code weight} is out of range
     */
    public NexthopRequest member(long memberId, int weight) {
        if (memberId < 1 || memberId > 0xffffffffL) {
            throw new IllegalArgumentException("nexthop " + id + ": member id " + memberId
                    + " is outside 1..4294967295");
        }
        if (weight < 1 || weight > 65536) {
            throw new IllegalArgumentException("nexthop " + id + ": weight " + weight + " of member " + memberId
                    + " is outside 1..65536");
        }
        members.add(new Nexthop.Member(memberId, weight));
        return this;
    }

    /**
     * The group type (NHA_GROUP_TYPE): "mpath" (hash-threshold, the default) or "resilient".
     *
     * @param t mpath or resilient
     * @return this request
     * @throws IllegalArgumentException when {@code t} is neither
     */
    public NexthopRequest type(String t) {
        this.groupType = switch (t) {
            case "mpath" -> Nexthop.GROUP_MPATH;
            case "resilient" -> Nexthop.GROUP_RESILIENT;
            default -> throw new IllegalArgumentException("nexthop " + id + ": group type '" + t
                    + "' is not mpath or resilient");
        };
        return this;
    }

    /**
     * A resilient group with {@code buckets} buckets (0: the kernel's default), an idle timer and an unbalanced timer
     * in seconds (null: the kernel's default), as {@code type resilient buckets B idle_timer I unbalanced_timer U}.
     *
     * @param buckets                the number of buckets, 1 to 65535, or 0 for the kernel's default
     * @param idleTimerSeconds       seconds a bucket must be idle before it may be migrated, or null
     * @param unbalancedTimerSeconds seconds the group may stay unbalanced before buckets are migrated anyway (0:
     *                               never), or null
     * @return this request
     * @throws IllegalArgumentException when {@code buckets} is outside 0..65535 or a timer outside 0..42949671 s
     */
    public NexthopRequest resilient(int buckets, Long idleTimerSeconds, Long unbalancedTimerSeconds) {
        if (buckets < 0 || buckets > 65535) {
            throw new IllegalArgumentException("nexthop " + id + ": buckets " + buckets + " is outside 0..65535");
        }
        this.groupType = Nexthop.GROUP_RESILIENT;
        this.buckets = buckets == 0 ? null : buckets;
        this.idleTimer = seconds("idle_timer", idleTimerSeconds);
        this.unbalancedTimer = seconds("unbalanced_timer", unbalancedTimerSeconds);
        return this;
    }

    private Long seconds(String what, Long s) {
        if (s != null && (s < 0 || s >= 0xffffffffL / 100)) {
            throw new IllegalArgumentException("nexthop " + id + ": " + what + " " + s + " is outside 0..42949671 s");
        }
        return s;
    }

    /**
     * The id of the nexthop object this request adds or replaces.
     *
     * @return the id, 1 to 4294967295
     */
    public long id() {
        return id;
    }
}
