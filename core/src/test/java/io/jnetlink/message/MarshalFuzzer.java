package io.jnetlink.message;

import io.jnetlink.Netlink;
import io.jnetlink.TestCtrl;
import io.jnetlink.TestRoute;

import java.util.List;

/**
 * The fuzz target of the message layer: any bytes, read as a datagram through every path a received datagram takes
 * (the door's check, the split into views, every view's header and attributes decoded, error replies turned into
 * exceptions, the in-place cursor with every nest walked and every value decoded), under classic and generic
 * definitions that use every attribute type. Only {@link MalformedMessageException} may come out.
 */
public final class MarshalFuzzer {
    private static final Marshal[] MARSHALS = marshals();

    private MarshalFuzzer() {
    }

    private static Marshal[] marshals() {
        Marshal genl = TestCtrl.marshal();
        genl.register(MalformedInputTest.FAMILY, MalformedInputTest.MAL);
        return new Marshal[] {Marshal.classic(TestRoute.SCHEMA), genl, Marshal.classic(MalformedInputTest.CLASSIC)};
    }

    /**
     * One input.
     *
     * @param data the bytes of a datagram
     */
    public static void fuzzerTestOneInput(byte[] data) {
        for (Marshal m : MARSHALS) {
            try {
                List<NetlinkMessage> msgs = m.parse(data);
                for (NetlinkMessage msg : msgs) {
                    msg.toMap();
                    msg.header();
                    ErrorReply e = ErrorReply.of(msg);
                    if (e != null && e.isError()) {
                        e.toException("fuzz", MalformedInputTest.rich());
                    }
                    if (msg.type() >= Netlink.NLMSG_MIN_TYPE) {
                        for (Attribute a : msg.attributes()) {
                            a.value();
                        }
                    }
                }
            } catch (MalformedMessageException e) {
                // the documented outcome of malformed bytes
            }
            MessageCursor c = new MessageCursor(m);
            c.load(data, 0, data.length, "fuzz", Integer.MIN_VALUE, 0);
            try {
                while (c.next()) {
                    c.error();
                    walk(c.attributes(), 0);
                }
            } catch (MalformedMessageException e) {
                // a value read with the wrong width: documented
            }
        }
    }

    private static void walk(AttrCursor a, int depth) {
        while (a.next()) {
            a.value();
            try {
                a.asLong();
            } catch (MalformedMessageException e) {
                // not 1, 2, 4 or 8 bytes: documented
            }
            if (depth < 40) {
                walk(a.nested(), depth + 1);
            }
        }
    }
}
