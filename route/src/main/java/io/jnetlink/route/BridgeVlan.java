package io.jnetlink.route;

import io.jnetlink.message.Attribute;
import io.jnetlink.message.Attributes;
import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.MessageCursor;
import io.jnetlink.message.NetlinkMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * A VLAN (or a range of VLANs with the same settings) of a bridge port or of the bridge itself: struct
 * bridge_vlan_info, as {@code bridge vlan show} reads it from an AF_BRIDGE link dump (IFLA_AF_SPEC,
 * IFLA_BRIDGE_VLAN_INFO) or as the VLAN database reports it (RTM_NEWVLAN, BRIDGE_VLANDB_ENTRY, with the per-VLAN
 * STP state).
 *
 * @param index    ifindex of the port (or of the bridge: its own VLANs, flagged brentry)
 * @param vid      the VLAN id, or the first of a range
 * @param vidEnd   the last VLAN id of a range; equal to {@code vid} for one VLAN
 * @param flags    BRIDGE_VLAN_INFO_* bits ({@link #flagNames()}: pvid, untagged, brentry, ...)
 * @param state    the per-VLAN STP state (BR_STATE_*: 0 disabled ... 4 blocking; VLAN database only), or null
 * @param tunnelId the tunnel id mapped to the VLAN (VLAN database only), or null
 */
public record BridgeVlan(int index, int vid, int vidEnd, int flags, Integer state, Long tunnelId) {

    /** BRIDGE_VLAN_INFO_MASTER: operate on the bridge device as well (uapi's words). */
    public static final int MASTER = 0x1;
    /** BRIDGE_VLAN_INFO_PVID: untagged frames that arrive are put in this VLAN. */
    public static final int PVID = 0x2;
    /** BRIDGE_VLAN_INFO_UNTAGGED: frames of this VLAN leave untagged. */
    public static final int UNTAGGED = 0x4;
    /** BRIDGE_VLAN_INFO_RANGE_BEGIN: the first VLAN of a range (the next entry ends it). */
    public static final int RANGE_BEGIN = 0x8;
    /** BRIDGE_VLAN_INFO_RANGE_END: the last VLAN of a range. */
    public static final int RANGE_END = 0x10;
    /** BRIDGE_VLAN_INFO_BRENTRY: a VLAN of the bridge device itself. */
    public static final int BRENTRY = 0x20;

    private static final String[] FLAG_NAMES = {"master", "pvid", "untagged", "range-begin", "range-end", "brentry",
        "only-opts"};

    /**
     * Whether this is the port's PVID, the VLAN untagged frames that arrive are put in.
     *
     * @return true when {@link #PVID} is set in {@link #flags()}
     */
    public boolean isPvid() {
        return (flags & PVID) != 0;
    }

    /**
     * Whether frames of this VLAN leave the port untagged.
     *
     * @return true when {@link #UNTAGGED} is set in {@link #flags()}
     */
    public boolean isUntagged() {
        return (flags & UNTAGGED) != 0;
    }

    /**
     * The flags by their uapi names (master, pvid, untagged, range-begin, range-end, brentry), in bit order.
     *
     * @return the names of the set BRIDGE_VLAN_INFO_* bits; empty when none is set
     */
    public List<String> flagNames() {
        return Names.bits(FLAG_NAMES, flags);
    }

    /**
     * The STP state as {@code bridge} names it (disabled, listening, learning, forwarding, blocking), or null.
     *
     * @return the name of {@link #state()}, its number as text when it has none, or null when there is no state
     */
    public String stateName() {
        if (state == null) {
            return null;
        }
        return switch (state) {
            case 0 -> "disabled";
            case 1 -> "listening";
            case 2 -> "learning";
            case 3 -> "forwarding";
            case 4 -> "blocking";
            default -> Integer.toString(state);
        };
    }

    /** {@link #fromLink(NetlinkMessage)} of the message the cursor is on (through a view: these objects are few). */
    static List<BridgeVlan> fromLink(MessageCursor c) {
        return fromLink(c.message());
    }

    /** The VLANs of one AF_BRIDGE link message (RTM_NEWLINK): its IFLA_BRIDGE_VLAN_INFO entries, ranges joined. */
    static List<BridgeVlan> fromLink(NetlinkMessage m) {
        int index = (int) m.headerField("ifi-index");
        List<BridgeVlan> out = new ArrayList<>();
        for (Attribute a : m.attributes()) {
            if (a.type() != 26) {
                continue;
            }
            byte[] spec = a.bytes();
            int begin = -1;
            for (Attribute v : Attributes.of(spec, 0, spec.length, Rtnl.SCHEMA.attributeSet("bridge-af-spec-attrs"))) {
                if (v.type() != 2) {
                    continue;
                }
                if (v.length() < 4) {
                    throw new MalformedMessageException("bridge vlan info of " + v.length() + " bytes (4 expected)",
                            a.offset() + 4 + v.offset());
                }
                byte[] b = v.bytes();
                int flags = (b[0] & 0xff) | (b[1] & 0xff) << 8;
                int vid = (b[2] & 0xff) | (b[3] & 0xff) << 8;
                if ((flags & RANGE_BEGIN) != 0) {
                    begin = vid;
                } else if ((flags & RANGE_END) != 0 && begin >= 0) {
                    out.add(new BridgeVlan(index, begin, vid, flags & ~RANGE_END, null, null));
                    begin = -1;
                } else {
                    out.add(new BridgeVlan(index, vid, vid, flags, null, null));
                }
            }
        }
        return out;
    }

    /** {@link #fromVlanDb(NetlinkMessage)} of the message the cursor is on (through a view). */
    static List<BridgeVlan> fromVlanDb(MessageCursor c) {
        return fromVlanDb(c.message());
    }

    /** The VLANs of one VLAN database message (RTM_NEWVLAN): its BRIDGE_VLANDB_ENTRY nests. */
    static List<BridgeVlan> fromVlanDb(NetlinkMessage m) {
        int index = (int) m.headerField("ifindex");
        List<BridgeVlan> out = new ArrayList<>();
        for (Attribute e : m.attributes()) {
            if (e.type() != 1) {
                continue;
            }
            int flags = 0;
            int vid = -1;
            int end = -1;
            Integer state = null;
            Long tunnel = null;
            for (Attribute a : e.asNested()) {
                switch (a.type()) {
                    case 1 -> {
                        if (a.length() < 4) {
                            throw new MalformedMessageException("bridge vlan entry info of " + a.length()
                                    + " bytes (4 expected)", a.offset());
                        }
                        byte[] b = a.bytes();
                        flags = (b[0] & 0xff) | (b[1] & 0xff) << 8;
                        vid = (b[2] & 0xff) | (b[3] & 0xff) << 8;
                    }
                    case 2 -> end = (int) a.asLong();
                    case 3 -> state = (int) a.asLong();
                    case 4 -> {
                        for (Attribute t : a.asNested()) {
                            if (t.type() == 1) {
                                tunnel = t.asLong();
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
            if (vid < 0) {
                throw new MalformedMessageException("bridge vlan entry without BRIDGE_VLANDB_ENTRY_INFO", e.offset());
            }
            out.add(new BridgeVlan(index, vid, end < 0 ? vid : end, flags, state, tunnel));
        }
        return out;
    }
}
