package io.jnetlink.ynl;

import io.jnetlink.Netlink;
import io.jnetlink.message.AttrCursor;
import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.MessageCursor;
import io.jnetlink.message.NetlinkMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The fuzz target of the values decoded through the kernel's YNL specs: any bytes, read as a datagram under the
 * definitions loaded from the installed specs (rt-link, rt-addr, rt-route, rt-neigh, rt-rule classic; nlctrl,
 * ethtool and netdev generic, at the ids the seeds were captured with), each message turned into the map
 * {@code YnlFamily} hands out and walked in place by the cursor. Only {@link MalformedMessageException} may come out.
 */
public final class YnlValuesFuzzer {
    private static final List<Marshal> MARSHALS = marshals();

    private YnlValuesFuzzer() {
    }

    private static List<Marshal> marshals() {
        try {
            List<Marshal> out = new ArrayList<>();
            for (String rt : List.of("rt_link", "rt_addr", "rt_route", "rt_neigh", "rt_rule")) {
                if (SpecPath.standard().families().containsKey(rt) || SpecPath.standard().families()
                        .containsKey(rt.replace('_', '-'))) {
                    out.add(Marshal.classic(SpecPath.standard().load(rt).schema()));
                }
            }
            Marshal genl = Marshal.generic();
            genl.register(Netlink.GENL_ID_CTRL, SpecPath.standard().load("nlctrl").schema());
            genl.register(21, SpecPath.standard().load("ethtool").schema());
            genl.register(22, SpecPath.standard().load("netdev").schema());
            out.add(genl);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One input.
     *
     * @param data the bytes of a datagram
     */
    public static void fuzzerTestOneInput(byte[] data) {
        for (Marshal m : MARSHALS) {
            List<NetlinkMessage> msgs;
            try {
                msgs = m.parse(data);
            } catch (MalformedMessageException e) {
                msgs = e.messagesBefore();
            }
            for (NetlinkMessage msg : msgs) {
                try {
                    msg.toMap();
                } catch (MalformedMessageException e) {
                    // the documented outcome
                }
            }
            MessageCursor c = new MessageCursor(m);
            c.load(data, 0, data.length, "fuzz", Integer.MIN_VALUE, 0);
            try {
                while (c.next()) {
                    walk(c.attributes(), 0);
                }
            } catch (MalformedMessageException e) {
                // the documented outcome
            }
        }
    }

    private static void walk(AttrCursor a, int depth) {
        while (a.next()) {
            try {
                a.value();
            } catch (MalformedMessageException e) {
                // the documented outcome
            }
            if (depth < 16) {
                walk(a.nested(), depth + 1);
            }
        }
    }
}
