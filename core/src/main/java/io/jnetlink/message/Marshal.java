package io.jnetlink.message;

import io.jnetlink.Netlink;

import io.jnetlink.internal.Bytes;
import io.jnetlink.schema.MessageDef;
import io.jnetlink.schema.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Received bytes to messages. Splits a datagram into {@link NetlinkMessage} views and picks each one's
 * definition: by nlmsg_type for classic netlink; for generic netlink by family id (the type) and then by
 * command. Unknown types and commands give messages without a definition, never an error. Broken framing
 * raises {@link MalformedMessageException} carrying the messages before the fault.
 *
 * <p>A marshal is safe for concurrent use; generic netlink families can be registered at any time.
 */
public final class Marshal {
    private final Schema classic;
    private final boolean genl;
    private final Map<Integer, Schema> families = new ConcurrentHashMap<>();

    private Marshal(Schema classic, boolean genl) {
        this.classic = classic;
        this.genl = genl;
    }

    /** A marshal for a classic netlink family (rtnetlink, ...) decoding by type through {@code schema}. */
    public static Marshal classic(Schema schema) {
        return new Marshal(schema, false);
    }

    /** A marshal for generic netlink; families' definitions are registered by id as they are resolved. */
    public static Marshal generic() {
        return new Marshal(null, true);
    }

    /** A marshal for the netlink protocol {@code family}: generic for 16, classic without definitions otherwise. */
    public static Marshal forFamily(int family) {
        return family == Netlink.NETLINK_GENERIC ? generic() : new Marshal(null, false);
    }

    /** Registers a generic netlink family's definitions under its resolved id. */
    public void register(int familyId, Schema schema) {
        if (!genl) {
            throw new IllegalStateException("not a generic netlink marshal");
        }
        families.put(familyId, schema);
    }

    /** True when messages carry a genlmsghdr. */
    public boolean isGeneric() {
        return genl;
    }

    /** The definition for the message at {@code off}, or null. */
    MessageDef definition(byte[] buf, int off, int len) {
        int type = Bytes.u16(buf, off + 4);
        if (type < Netlink.NLMSG_MIN_TYPE) {
            return null;
        }
        if (!genl) {
            return classic == null ? null : classic.message(type);
        }
        Schema s = families.get(type);
        if (s == null || len < Netlink.NLMSG_HDRLEN + Netlink.GENL_HDRLEN) {
            return null;
        }
        return s.message(buf[off + Netlink.NLMSG_HDRLEN] & 0xff);
    }

    /**
     * Splits the messages of {@code buf[start, end)} (one datagram, or a run of its messages), appending them to
     * {@code out}. On broken framing the messages before the fault are in {@code out} and in the exception.
     *
     * @param target        the label put on each message (the socket's target)
     * @param nsid          the nsid the datagram came from, or {@link Integer#MIN_VALUE}
     * @param receivedNanos when it was received
     * @throws MalformedMessageException at the first framing fault
     */
    public void split(byte[] buf, int start, int end, String target, int nsid, long receivedNanos, List<NetlinkMessage> out) {
        int p = start;
        int first = out.size();
        while (p < end) {
            int left = end - p;
            if (left < Netlink.NLMSG_HDRLEN) {
                throw new MalformedMessageException("truncated header: " + left + " bytes left", p,
                        out.subList(first, out.size()));
            }
            long mlen = Integer.toUnsignedLong(Bytes.i32(buf, p));
            if (mlen < Netlink.NLMSG_HDRLEN) {
                throw new MalformedMessageException("message length " + mlen + " below 16", p,
                        out.subList(first, out.size()));
            }
            if (mlen > left) {
                throw new MalformedMessageException("message length " + mlen + " past the datagram ("
                        + left + " bytes left)", p, out.subList(first, out.size()));
            }
            int type = Bytes.u16(buf, p + 4);
            if ((type == Netlink.NLMSG_ERROR || type == Netlink.NLMSG_DONE) && mlen < Netlink.NLMSG_HDRLEN + 4
                    && !(type == Netlink.NLMSG_DONE && mlen == Netlink.NLMSG_HDRLEN)) {
                throw new MalformedMessageException((type == Netlink.NLMSG_ERROR ? "NLMSG_ERROR" : "NLMSG_DONE")
                        + " of " + mlen + " bytes has no error code", p, out.subList(first, out.size()));
            }
            out.add(new NetlinkMessage(buf, p, (int) mlen, genl && type >= Netlink.NLMSG_MIN_TYPE,
                    definition(buf, p, (int) mlen), target, nsid, receivedNanos));
            p += (int) Math.min(left, Bytes.align4((int) mlen));
        }
    }

    /**
     * Parses a datagram into messages.
     *
     * @throws MalformedMessageException on broken framing, with the messages before the fault
     */
    public List<NetlinkMessage> parse(byte[] datagram) {
        List<NetlinkMessage> out = new ArrayList<>();
        split(datagram, 0, datagram.length, "localhost", Integer.MIN_VALUE, System.nanoTime(), out);
        return out;
    }
}
