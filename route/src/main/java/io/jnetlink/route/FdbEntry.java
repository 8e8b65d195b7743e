package io.jnetlink.route;

import io.jnetlink.message.AttrCursor;
import io.jnetlink.message.HeaderField;
import io.jnetlink.message.MessageCursor;
import io.jnetlink.message.NetlinkMessage;

import java.net.InetAddress;
import java.util.List;

/**
 * An entry of a bridge forwarding database as rtnetlink reports it (RTM_NEWNEIGH of family AF_BRIDGE): ndmsg and
 * the NDA_* attributes. Entries flagged {@code self} are the device's own table (a VXLAN device's remotes, a port's
 * unicast and multicast addresses); the others are the bridge's, learned or added with {@code master}.
 *
 * @param index       ifindex of the port (or of the bridge, or the VXLAN device)
 * @param mac         NDA_LLADDR as colon-separated hex
 * @param state       NUD_* state bits ({@link #stateName()})
 * @param flags       NTF_* flags ({@link #flagNames()})
 * @param master      ifindex of the bridge (NDA_MASTER), 0 for none
 * @param vlan        VLAN id (NDA_VLAN), 0 for none
 * @param dst         a VXLAN remote's address (NDA_DST), or null
 * @param port        a VXLAN remote's UDP port (NDA_PORT), or null for the device's
 * @param vni         a VXLAN remote's VNI (NDA_VNI), or null for the device's
 * @param srcVni      the source VNI of a collect-metadata device (NDA_SRC_VNI), or null
 * @param via         ifindex of the device a VXLAN remote is reached through (NDA_IFINDEX), 0 for none
 * @param nhId        nexthop object (an fdb nexthop or group) the entry forwards to (NDA_NH_ID), or null
 * @param linkNetnsid namespace id of {@code via} when it is in another namespace (NDA_LINK_NETNSID), or null
 */
public record FdbEntry(int index, String mac, int state, int flags, int master, int vlan, InetAddress dst,
                       Integer port, Long vni, Long srcVni, int via, Long nhId, Integer linkNetnsid) {

    /** NTF_USE: a request flag that marks the entry used (refreshes it) rather than a stored property. */
    public static final int NTF_USE = 0x01;
    /** NTF_SELF: the entry is in the device's own table. */
    public static final int NTF_SELF = 0x02;
    /** NTF_MASTER: the entry is in the bridge's table. */
    public static final int NTF_MASTER = 0x04;
    /** NTF_EXT_LEARNED: learned by an external control plane (EVPN). */
    public static final int NTF_EXT_LEARNED = 0x10;
    /** NTF_OFFLOADED: the entry is offloaded to a switch device. */
    public static final int NTF_OFFLOADED = 0x20;
    /** NTF_STICKY: never moves to another port. */
    public static final int NTF_STICKY = 0x40;
    /** NTF_ROUTER: the neighbour is a router (the router flag of IPv6 neighbour discovery). */
    public static final int NTF_ROUTER = 0x80;

    /** NUD_PERMANENT: the entry never ages out ({@code bridge fdb ... permanent}, the default). */
    public static final int NUD_PERMANENT = 0x80;
    /** NUD_NOARP: a static entry. */
    public static final int NUD_NOARP = 0x40;
    /** NUD_REACHABLE: with NUD_NOARP a static entry ({@code static}), alone a dynamic one that ages out. */
    public static final int NUD_REACHABLE = 0x02;
    /** NUD_STALE: a learned entry not confirmed lately. */
    public static final int NUD_STALE = 0x04;

    /**
     * The state as {@code bridge} names it: permanent, static, stale, "" (reachable), or state=0xN (state=0).
     *
     * @return the word for the first of PERMANENT, NOARP, STALE, REACHABLE that is set; never null
     */
    public String stateName() {
        if ((state & NUD_PERMANENT) != 0) {
            return "permanent";
        }
        if ((state & NUD_NOARP) != 0) {
            return "static";
        }
        if ((state & NUD_STALE) != 0) {
            return "stale";
        }
        if ((state & NUD_REACHABLE) != 0) {
            return "";
        }
        return state == 0 ? "state=0" : "state=0x" + Integer.toHexString(state); // C's %#x
    }

    /**
     * The flags as {@code bridge} names them, in its order: self, router, extern_learn, offload, master, sticky.
     *
     * @return the names of those NTF_* flags that are set (NTF_USE has none); empty when none is
     */
    public List<String> flagNames() {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        Object[][] names = {{NTF_SELF, "self"}, {NTF_ROUTER, "router"}, {NTF_EXT_LEARNED, "extern_learn"},
            {NTF_OFFLOADED, "offload"}, {NTF_MASTER, "master"}, {NTF_STICKY, "sticky"}};
        for (Object[] n : names) {
            if ((flags & (Integer) n[0]) != 0) {
                out.add((String) n[1]);
            }
        }
        return out;
    }

    static FdbEntry from(NetlinkMessage m) {
        return from(Rtnl.cursor(m));
    }

    private static final HeaderField H_NDM_IFINDEX = Rtnl.headerField("ndmsg", "ndm-ifindex");
    private static final HeaderField H_NDM_STATE = Rtnl.headerField("ndmsg", "ndm-state");
    private static final HeaderField H_NDM_FLAGS = Rtnl.headerField("ndmsg", "ndm-flags");

    static FdbEntry from(MessageCursor m) {
        int index = (int) m.header(H_NDM_IFINDEX);
        int state = (int) m.header(H_NDM_STATE);
        int flags = (int) m.header(H_NDM_FLAGS);
        String mac = null;
        int master = 0;
        int vlan = 0;
        InetAddress dst = null;
        Integer port = null;
        Long vni = null;
        Long srcVni = null;
        int via = 0;
        Long nhId = null;
        Integer netnsid = null;
        AttrCursor a = m.attributes();
        while (a.next()) {
            switch (a.type()) {
                case 1 -> dst = a.address();
                case 2 -> mac = a.mac();
                case 5 -> vlan = (int) a.asLong();
                case 6 -> port = (int) a.asLong();
                case 7 -> vni = a.asLong();
                case 8 -> via = (int) a.asLong();
                case 9 -> master = (int) a.asLong();
                case 10 -> netnsid = (int) a.asLong();
                case 11 -> srcVni = a.asLong();
                case 13 -> nhId = a.asLong();
                default -> {
                }
            }
        }
        return new FdbEntry(index, mac, state, flags, master, vlan, dst, port, vni, srcVni, via, nhId, netnsid);
    }
}
