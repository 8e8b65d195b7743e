package io.jnetlink.route;

import io.jnetlink.message.AttrCursor;
import io.jnetlink.message.HeaderField;
import io.jnetlink.message.MessageCursor;
import io.jnetlink.message.NetlinkMessage;

import java.net.InetAddress;
import java.util.List;

/**
 * A neighbour table entry as rtnetlink reports it (RTM_NEWNEIGH): ndmsg and the NDA_* attributes.
 *
 * @param family AF_INET, AF_INET6 (or AF_BRIDGE for the bridge's forwarding database)
 * @param index  ifindex of the device
 * @param state  NUD_* state bits ({@link #stateNames()})
 * @param flags  NTF_* flags
 * @param type   ndm_type (a route type)
 * @param dst    the neighbour's protocol address, or null
 * @param lladdr its link-layer address as colon-separated hex, or null
 * @param probes NDA_PROBES, or null
 */
public record Neighbour(int family, int index, int state, int flags, int type, InetAddress dst, String lladdr,
                        Long probes) implements RtnlObject {

    /**
     * The state as {@code ip -j} lists it (PERMANENT, REACHABLE, STALE, ...; NONE for 0).
     *
     * @return the names of the set NUD_* bits, in bit order, or ["NONE"] when none is set
     */
    public List<String> stateNames() {
        return Names.nudStates(state);
    }

    static Neighbour from(NetlinkMessage m) {
        return from(Rtnl.cursor(m));
    }

    private static final HeaderField H_NDM_FAMILY = Rtnl.headerField("ndmsg", "ndm-family");
    private static final HeaderField H_NDM_IFINDEX = Rtnl.headerField("ndmsg", "ndm-ifindex");
    private static final HeaderField H_NDM_STATE = Rtnl.headerField("ndmsg", "ndm-state");
    private static final HeaderField H_NDM_FLAGS = Rtnl.headerField("ndmsg", "ndm-flags");
    private static final HeaderField H_NDM_TYPE = Rtnl.headerField("ndmsg", "ndm-type");

    static Neighbour from(MessageCursor m) {
        int family = (int) m.header(H_NDM_FAMILY);
        int index = (int) m.header(H_NDM_IFINDEX);
        int state = (int) m.header(H_NDM_STATE);
        int flags = (int) m.header(H_NDM_FLAGS);
        int type = (int) m.header(H_NDM_TYPE);
        InetAddress dst = null;
        String lladdr = null;
        Long probes = null;
        AttrCursor a = m.attributes();
        while (a.next()) {
            switch (a.type()) {
                case 1 -> dst = a.length() == 4 || a.length() == 16 ? a.address() : null; // AF_BRIDGE: none
                case 2 -> lladdr = a.mac();
                case 4 -> probes = a.asLong();
                default -> {
                }
            }
        }
        return new Neighbour(family, index, state, flags, type, dst, lladdr, probes);
    }
}
