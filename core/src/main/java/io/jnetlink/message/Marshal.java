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
    /** Classic message types below this are looked up in arrays (rtnetlink's go up to 120), the rest in maps. */
    private static final int TABLE = 256;

    private final Schema classic;
    private final boolean genl;
    private final Map<Integer, Schema> families = new ConcurrentHashMap<>();
    private final MessageDef[] byType;
    private final Schema.Variants[] variantsByType;

    private Marshal(Schema classic, boolean genl) {
        this.classic = classic;
        this.genl = genl;
        this.byType = new MessageDef[classic == null ? 0 : TABLE];
        this.variantsByType = new Schema.Variants[byType.length];
        for (int t = 0; t < byType.length; t++) {
            byType[t] = classic.message(t);
            variantsByType[t] = classic.variants(t);
        }
    }

    /**
     * A marshal for a classic netlink family (rtnetlink, ...) decoding by type through {@code schema}.
     *
     * @param schema the family's definitions
     * @return a marshal that decodes messages by nlmsg_type through {@code schema}
     */
    public static Marshal classic(Schema schema) {
        return new Marshal(schema, false);
    }

    /**
     * A marshal for generic netlink; families' definitions are registered by id as they are resolved.
     *
     * @return a generic netlink marshal with no family registered yet
     */
    public static Marshal generic() {
        return new Marshal(null, true);
    }

    /**
     * A marshal for the netlink protocol {@code family}: generic for 16, classic without definitions otherwise.
     *
     * @param family the netlink protocol number ({@link Netlink#NETLINK_ROUTE}, ...)
     * @return a generic marshal for {@link Netlink#NETLINK_GENERIC}, else a classic one that gives every message
     *         without a definition
     */
    public static Marshal forFamily(int family) {
        return family == Netlink.NETLINK_GENERIC ? generic() : new Marshal(null, false);
    }

    /**
     * Registers a generic netlink family's definitions under its resolved id, replacing any registered under it.
     *
     * @param familyId the family id the controller resolved (the nlmsg_type of its messages)
     * @param schema   the family's definitions, which pick a message by genl command
     * @throws IllegalStateException when this is not a generic netlink marshal
     */
    public void register(int familyId, Schema schema) {
        if (!genl) {
            throw new IllegalStateException("not a generic netlink marshal");
        }
        families.put(familyId, schema);
    }

    /** True when a generic netlink family with this id (message type) has definitions here. */
    boolean knowsFamily(int type) {
        return genl && families.containsKey(type);
    }

    /**
     * True when messages carry a genlmsghdr.
     *
     * @return true when messages carry a genlmsghdr (a generic netlink marshal)
     */
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
            if (classic == null) {
                return null;
            }
            MessageDef d = type < TABLE ? byType[type] : classic.message(type);
            Schema.Variants v = d == null ? null : type < TABLE ? variantsByType[type] : classic.variants(type);
            return v == null ? d : variant(d, v, buf, off + Netlink.NLMSG_HDRLEN, len - Netlink.NLMSG_HDRLEN);
        }
        Schema s = families.get(type);
        if (s == null || len < Netlink.NLMSG_HDRLEN + Netlink.GENL_HDRLEN) {
            return null;
        }
        return s.message(buf[off + Netlink.NLMSG_HDRLEN] & 0xff);
    }

    /** The variant the fixed-header field picks, or {@code d} when the field is out of reach or picks none. */
    private static MessageDef variant(MessageDef d, Schema.Variants v, byte[] buf, int header, int room) {
        HeaderLayout l = HeaderLayout.of(d.fixedHeader());
        int i = l.index(v.field());
        if (i < 0 || l.offsets[i] + l.sizes[i] > room) {
            return d;
        }
        int p = header + l.offsets[i];
        long value = Codec.integer(buf, p, l.sizes[i], l.members[i].type(), l.members[i].bigEndian(), p);
        MessageDef chosen = v.byValue().get(value);
        return chosen != null ? chosen : d;
    }

    /**
     * Splits the messages of {@code buf[start, end)} (one datagram, or a run of its messages), appending them to
     * {@code out}. The whole run is checked first, without allocating (see {@link #check}): the messages before the
     * first fault are appended, the faulty one and those after it are not, and the fault is thrown.
     *
     * @param buf           the received bytes, shared by the messages and not copied
     * @param start         the offset of the first message
     * @param end           the offset just past the last message
     * @param target        the label put on each message (the socket's target)
     * @param nsid          the nsid the datagram came from, or {@link Integer#MIN_VALUE}
     * @param receivedNanos when it was received, in {@link System#nanoTime()} time
     * @param out           receives the messages, appended in datagram order
     * @throws MalformedMessageException at the first fault, with the messages before it
     */
    public void split(byte[] buf, int start, int end, String target, int nsid, long receivedNanos, List<NetlinkMessage> out) {
        MalformedMessageException fault = Check.run(this, buf, start, end);
        int stop = fault == null ? end : Check.messageAt(buf, start, end, fault.offset());
        int first = out.size();
        for (int p = start; stop - p >= Netlink.NLMSG_HDRLEN; ) {
            int mlen = Bytes.i32(buf, p);
            int type = Bytes.u16(buf, p + 4);
            out.add(new NetlinkMessage(buf, p, mlen, genl && type >= Netlink.NLMSG_MIN_TYPE, definition(buf, p, mlen),
                    target, nsid, receivedNanos));
            p += Math.min(stop - p, Bytes.align4(mlen));
        }
        if (fault != null) {
            throw fault.withMessagesBefore(out.subList(first, out.size()));
        }
    }

    /**
     * Checks the messages of {@code buf[start, end)} at the door, allocating nothing when they are well formed:
     * lengths, the part each type needs (an NLMSG_ERROR's error code and quoted request, an NLMSG_DONE's error code,
     * a known message's fixed header), and every attribute's length at the top level and in every nest the
     * definitions know, with fixed-size values; extended-ack attributes included.
     *
     * @param buf   the received bytes
     * @param start the offset of the first message
     * @param end   the offset just past the last message
     * @return null when well formed, else the first fault (not thrown), naming the rule and the byte offset
     */
    public MalformedMessageException check(byte[] buf, int start, int end) {
        return Check.run(this, buf, start, end);
    }

    /**
     * Parses a datagram into messages, each with target {@code "localhost"}, no nsid and the current
     * {@link System#nanoTime()} as its receive time.
     *
     * @param datagram the datagram's bytes, shared by the messages and not copied
     * @return the messages, in datagram order
     * @throws MalformedMessageException on broken framing, with the messages before the fault
     */
    public List<NetlinkMessage> parse(byte[] datagram) {
        List<NetlinkMessage> out = new ArrayList<>();
        split(datagram, 0, datagram.length, "localhost", Integer.MIN_VALUE, System.nanoTime(), out);
        return out;
    }
}
