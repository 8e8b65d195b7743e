package io.jnetlink.cli;

import io.jnetlink.NetlinkException;
import io.jnetlink.message.Attributes;
import io.jnetlink.message.MessageBuilder;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.route.IPRoute;
import io.jnetlink.route.Rtnl;
import io.jnetlink.socket.Replies;

import java.util.HashMap;
import java.util.Map;

/**
 * The links' attributes as the kernel sent them, by ifindex: for what {@code ip} shows and the {@code Link} record
 * does not carry (the alias, {@code -d}'s details, every IFLA_STATS64 counter). One more link dump, read by name
 * through the rtnetlink definitions.
 */
final class RawLinks {
    private RawLinks() {
    }

    /** Every link's attributes, by ifindex, from a dump of {@code family}'s view. */
    static Map<Integer, Attributes> dump(IPRoute ip, int family) throws NetlinkException {
        Map<Integer, Attributes> out = new HashMap<>();
        try (Replies r = ip.socket().stream(MessageBuilder.of(Rtnl.SCHEMA, "getlink").header("ifi-family", family)
                .dump().build())) {
            for (NetlinkMessage m = r.next(); m != null; m = r.next()) {
                if (m.type() == Rtnl.RTM_NEWLINK) {
                    out.put((int) m.headerField("ifi-index"), m.attributes());
                }
            }
        } catch (NetlinkException e) {
            throw e.withOp("link show");
        }
        return out;
    }

    /** The ifindex of {@code dev}; a missing device is reported under {@code op} ("route show dev nope0: ENODEV"). */
    static int index(IPRoute ip, String op, String dev) throws NetlinkException {
        try {
            return ip.index(dev);
        } catch (NetlinkException e) {
            throw e.withOp(op + " dev " + dev);
        }
    }
}
