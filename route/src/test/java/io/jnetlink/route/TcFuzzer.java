package io.jnetlink.route;

import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.NetlinkMessage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.jnetlink.Wire.attr;
import static io.jnetlink.Wire.concat;
import static io.jnetlink.Wire.cstr;
import static io.jnetlink.Wire.msg;
import static io.jnetlink.Wire.nest;
import static io.jnetlink.Wire.u32;

/**
 * The fuzz target of traffic control: any bytes, decoded as {@link TrafficControl} decodes what it receives, two
 * ways. First as a datagram under {@link Tc}'s definitions: a qdisc, class or filter through
 * {@link TrafficControl#decode} (tcmsg, TCA_KIND, the kind's options and xstats chosen by TCA_KIND, actions with
 * theirs, statistics), a u32 filter's selector through {@link TcOptions#u32Selector}, and the device names a dump
 * of links gives. Then as the options of a kind the bytes choose: byte 0 picks a message type and a kind among
 * every kind {@link Tc} defines (or an action kind, in a matchall filter), and the rest is that kind's TCA_OPTIONS
 * and TCA_XSTATS (an action's options and statistics), so that the kinds this kernel lacks, which no captured seed
 * has, are fuzzed as well. Only {@link MalformedMessageException} may come out.
 */
public final class TcFuzzer {
    private static final Marshal MARSHAL = Marshal.classic(Tc.SCHEMA);
    private static final int[] TYPES = {Tc.RTM_NEWQDISC, Tc.RTM_NEWTCLASS, Tc.RTM_NEWTFILTER};
    /** Every qdisc, class and filter kind with a format (TCA_OPTIONS' sub-message). */
    static final List<String> KINDS = kinds("tc-attrs");
    /** Every action kind with a format. */
    static final List<String> ACTIONS = kinds("tc-act-attrs");

    private TcFuzzer() {
    }

    private static List<String> kinds(String set) {
        return new ArrayList<>(Tc.SCHEMA.attributeSet(set).byName("options").subMessage().formats().keySet());
    }

    /**
     * The byte 0 that makes the rest the options of {@code kind} in a message of {@code type}.
     *
     * @return the selector, or -1 when the kind or type has none
     */
    static int selector(int type, String kind) {
        int t = type == Tc.RTM_NEWQDISC ? 0 : type == Tc.RTM_NEWTCLASS ? 1 : type == Tc.RTM_NEWTFILTER ? 2 : -1;
        int k = KINDS.indexOf(kind);
        return t < 0 || k < 0 ? -1 : k * TYPES.length + t;
    }

    /**
     * The byte 0 that makes the rest the options of action {@code kind}.
     *
     * @return the selector, or -1 when the kind has none
     */
    static int actionSelector(String kind) {
        int a = ACTIONS.indexOf(kind);
        return a < 0 ? -1 : KINDS.size() * TYPES.length + a;
    }

    /**
     * One input.
     *
     * @param data the bytes of a datagram, or a selector and the options of a kind
     */
    public static void fuzzerTestOneInput(byte[] data) {
        datagram(data);
        if (data.length > 0) {
            datagram(synthetic(data[0] & 0xff, Arrays.copyOfRange(data, 1, data.length)));
        }
    }

    private static void datagram(byte[] data) {
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
    }

    /** A message of the kind {@code selector} picks with {@code payload} as its options, xstats or action's. */
    private static byte[] synthetic(int selector, byte[] payload) {
        int s = selector % (KINDS.size() * TYPES.length + ACTIONS.size());
        byte[] tcmsg = concat(new byte[4], u32(1), u32(0x10000), u32(Tc.TC_H_ROOT), u32(0x10008));
        byte[] attrs;
        int type;
        if (s < KINDS.size() * TYPES.length) {
            type = TYPES[s % TYPES.length];
            attrs = concat(attr(1, cstr(KINDS.get(s / TYPES.length))), attr(2, payload), attr(4, payload));
        } else {
            // matchall's TCA_MATCHALL_ACT (2): one action, its kind, options (2) and statistics (4)
            type = Tc.RTM_NEWTFILTER;
            byte[] action = nest(1, attr(1, cstr(ACTIONS.get(s - KINDS.size() * TYPES.length))), attr(2, payload),
                    attr(4, payload));
            attrs = concat(attr(1, cstr("matchall")), nest(2, nest(2, action)));
        }
        return msg(type, 0, 1, 0, concat(tcmsg, attrs));
    }

    private static void decode(NetlinkMessage m) {
        switch (m.type()) {
            case Tc.RTM_NEWQDISC, Tc.RTM_DELQDISC, Tc.RTM_NEWTCLASS, Tc.RTM_DELTCLASS, Tc.RTM_NEWTFILTER,
                 Tc.RTM_DELTFILTER -> {
                TcObject o = TrafficControl.decode(m);
                o.toString();
                o.rawOptions();
                Tc.formatHandle(o.handle());
                Tc.formatHandle(o.parent());
                if (o instanceof Qdisc q) {
                    q.isRoot();
                }
                if (o instanceof Filter f) {
                    TcWords.ethProtocolName(f.protocol());
                    Map<String, Object> opts = f.options();
                    if ("u32".equals(f.kind()) && opts != null && opts.get("sel") instanceof byte[] sel) {
                        TcOptions.u32Selector(sel);
                    }
                }
            }
            case Rtnl.RTM_NEWLINK -> {
                // TrafficControl.index and deviceNames
                m.headerField("ifi-index");
                m.attributes().getString("ifname");
            }
            default -> {
            }
        }
    }
}
