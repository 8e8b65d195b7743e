package io.jnetlink.generic;

import io.jnetlink.Netlink;
import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.NetlinkMessage;

import java.util.List;
import java.util.Map;

/**
 * The fuzz target of the generic netlink decoders: any bytes, read as a datagram with nlctrl at 16, ethtool at 21 and
 * TASKSTATS at 31 (their ids where the seeds were captured), each message given to the decoder of its family (family
 * descriptions, policy dumps, ethtool's link info, modes and state, task stats). Only
 * {@link MalformedMessageException} may come out.
 */
public final class GenericFuzzer {
    static final int ETHTOOL = 21;
    static final int TASKSTATS = 31;
    private static final Marshal MARSHAL = marshal();
    private static final Nlctrl.Family ETHTOOL_FAMILY = new Nlctrl.Family(ETHTOOL, EthtoolFamily.NAME, 1, 0, 0,
            Map.of(1, List.of("cmd-cap-haspol"), 2, List.of("cmd-cap-haspol")), Map.of());

    private GenericFuzzer() {
    }

    private static Marshal marshal() {
        Marshal m = Nlctrl.marshal();
        m.register(ETHTOOL, EthtoolFamily.SCHEMA);
        m.register(TASKSTATS, TaskstatsFamily.SCHEMA);
        return m;
    }

    /**
     * One input.
     *
     * @param data the bytes of a datagram
     */
    public static void fuzzerTestOneInput(byte[] data) {
        List<NetlinkMessage> msgs;
        try {
            msgs = MARSHAL.parse(data);
        } catch (MalformedMessageException e) {
            msgs = e.messagesBefore();
        }
        for (NetlinkMessage m : msgs) {
            try {
                decode(m);
            } catch (MalformedMessageException e) {
                // the documented outcome
            }
        }
        try {
            FamilyPolicy.parse(ETHTOOL_FAMILY, EthtoolFamily.SCHEMA, msgs, null);
        } catch (MalformedMessageException e) {
            // the documented outcome
        }
        try {
            FamilyPolicy.parse(ETHTOOL_FAMILY, null, msgs, 2);
        } catch (MalformedMessageException e) {
            // the documented outcome
        }
    }

    private static void decode(NetlinkMessage m) {
        if (m.definition() == null) {
            return;
        }
        switch (m.type()) {
            case Netlink.GENL_ID_CTRL -> {
                if (m.genlCommand() == Nlctrl.CMD_NEWFAMILY) {
                    Nlctrl.parse(m);
                }
            }
            case ETHTOOL -> {
                EthtoolFamily.device(m);
                EthtoolFamily.linkInfo(m);
                EthtoolFamily.linkModes(m, i -> i % 2 == 0 ? null : "mode" + i);
                EthtoolFamily.linkState(m);
            }
            case TASKSTATS -> {
                for (TaskStats t : TaskstatsFamily.parse(m)) {
                    t.toString();
                }
            }
            default -> {
            }
        }
    }
}
