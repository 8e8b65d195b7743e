package io.jnetlink.route;

import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.MessageCursor;
import io.jnetlink.message.NetlinkMessage;

import java.util.List;

/**
 * The fuzz target of the rtnetlink records: any bytes, read as a datagram under the rtnetlink definitions, and every
 * message decoded into its record (link, address, route, neighbour or FDB entry, rule, nexthop, bridge VLANs) both
 * from the view and from the in-place cursor, as IPRoute and RouteMonitor do. Only
 * {@link MalformedMessageException} may come out.
 */
public final class RtnlFuzzer {
    private RtnlFuzzer() {
    }

    /**
     * One input.
     *
     * @param data the bytes of a datagram
     */
    public static void fuzzerTestOneInput(byte[] data) {
        List<NetlinkMessage> msgs;
        try {
            msgs = Rtnl.MARSHAL.parse(data);
        } catch (MalformedMessageException e) {
            msgs = e.messagesBefore();
        }
        for (NetlinkMessage m : msgs) {
            try {
                record(m);
            } catch (MalformedMessageException e) {
                // the documented outcome
            }
        }
        MessageCursor c = new MessageCursor(Rtnl.MARSHAL);
        c.load(data, 0, data.length, "fuzz", Integer.MIN_VALUE, 0);
        try {
            while (c.next()) {
                try {
                    record(c);
                } catch (MalformedMessageException e) {
                    // the documented outcome
                }
            }
        } catch (MalformedMessageException e) {
            // the door check's fault, at the message it is met
        }
    }

    /** The record of a message of a known type (the decoders are only ever given those). */
    private static void record(NetlinkMessage m) {
        if (m.definition() == null) {
            return;
        }
        boolean bridge = m.definition() != null && m.definition().name().endsWith("-bridge");
        switch (m.type() & ~3) {
            case Rtnl.RTM_NEWLINK -> {
                if (bridge) {
                    BridgeVlan.fromLink(m);
                } else {
                    Link.from(m);
                }
            }
            case Rtnl.RTM_NEWADDR -> Address.from(m);
            case Rtnl.RTM_NEWROUTE -> Route.from(m);
            case Rtnl.RTM_NEWNEIGH -> {
                Neighbour.from(m);
                FdbEntry.from(m);
            }
            case Rtnl.RTM_NEWRULE -> Rule.from(m);
            case Rtnl.RTM_NEWNEXTHOP -> Nexthop.from(m);
            case Rtnl.RTM_NEWVLAN -> BridgeVlan.fromVlanDb(m);
            default -> {
            }
        }
    }

    private static void record(MessageCursor c) {
        if (c.definition() == null) {
            return;
        }
        switch (c.type() & ~3) {
            case Rtnl.RTM_NEWLINK -> {
                if (c.definition() != null && c.definition().name().endsWith("-bridge")) {
                    BridgeVlan.fromLink(c);
                } else {
                    Link.from(c);
                }
            }
            case Rtnl.RTM_NEWADDR -> Address.from(c);
            case Rtnl.RTM_NEWROUTE -> Route.from(c);
            case Rtnl.RTM_NEWNEIGH -> {
                Neighbour.from(c);
                FdbEntry.from(c);
            }
            case Rtnl.RTM_NEWRULE -> Rule.from(c);
            case Rtnl.RTM_NEWNEXTHOP -> Nexthop.from(c);
            case Rtnl.RTM_NEWVLAN -> BridgeVlan.fromVlanDb(c);
            default -> {
            }
        }
    }
}
