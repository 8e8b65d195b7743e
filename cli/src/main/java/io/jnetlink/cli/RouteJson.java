package io.jnetlink.cli;

import io.jnetlink.message.AttrCursor;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.MessageCursor;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.route.Inet;
import io.jnetlink.route.Route;
import io.jnetlink.route.Rtnl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * {@code route show}'s fields from route messages as received ({@link MessageCursor#message()} copies, formatted on
 * the printer thread): each is decoded and put by {@link IpView#route}. In JSON, a route whose message differs from
 * the last one decoded only in its destination (rtm_dst_len and the RTA_DST address) reuses that route's JSON with
 * its own destination written in: a big table is mostly such runs (one device, gateway, protocol and scope for
 * thousands of prefixes), and IpView.route reads the destination for its "dst" key alone, so the bytes are those it
 * would write. Not thread-safe: one per printer.
 */
final class RouteJson implements Main.Printer.Direct<NetlinkMessage> {
    private static final int RTMSG_AT = 16;
    private static final int ATTRS_AT = RTMSG_AT + 12;
    private static final int RTA_DST = 1;

    private final IpView view;
    private final boolean tableShown;
    private final boolean devShown;
    private final boolean details;
    private final MessageCursor cursor = new MessageCursor(Marshal.classic(Rtnl.SCHEMA));
    /** The last message decoded from its rtmsg on, and where its destination address is in it; length -1: none. */
    private byte[] last = new byte[256];
    private int lastLength = -1;
    private int lastDst;
    private int lastDstSize;
    /** Its JSON before the destination's value, and after it. */
    private byte[] before;
    private byte[] after;
    private int valueStart;
    private int valueEnd;
    /** The size of the destination {@link #destination} found last. */
    private int dstSize;
    private int reused;

    RouteJson(IpView view, boolean tableShown, boolean devShown, boolean details) {
        this.view = view;
        this.tableShown = tableShown;
        this.devShown = devShown;
        this.details = details;
    }

    @Override
    public void accept(NetlinkMessage m, IpView.Sink keys) {
        cursor.load(m).next();
        view.route(Route.from(cursor), tableShown, devShown, details, keys);
    }

    @Override
    public void write(NetlinkMessage m, Json out) {
        int dst = destination(m); // positions the cursor on m
        byte[] b = cursor.buffer();
        int at = cursor.offset();
        int n = cursor.length();
        if (dst > 0 && dst == lastDst && sameBesidesDestination(b, at, n)) {
            out.bytes(before, 0, before.length).raw('"');
            destinationText(b, at, dst, lastDstSize, out);
            out.raw('"').bytes(after, 0, after.length);
            reused++;
            return;
        }
        int mark = out.length();
        valueStart = -1;
        accept(m, (k, v) -> {
            if (out.length() > mark) {
                out.raw(',');
            }
            out.string(k).raw(':');
            if (k.equals("dst")) {
                valueStart = out.length();
                out.value(v);
                valueEnd = out.length();
            } else {
                out.value(v);
            }
        });
        lastLength = -1;
        if (dst > 0 && valueStart >= 0) {
            if (last.length < n) {
                last = new byte[Math.max(n, 2 * last.length)];
            }
            System.arraycopy(b, at, last, 0, n);
            lastLength = n;
            lastDst = dst;
            lastDstSize = dstSize;
            before = out.copy(mark, valueStart);
            after = out.copy(valueEnd, out.length());
        }
    }

    /** How many routes reused the JSON of the route before them. */
    int reused() {
        return reused;
    }

    /**
     * Positions the cursor on {@code m}; returns the offset (from the message's start) of the payload of its one
     * RTA_DST of 4 or 16 bytes, else -1.
     */
    private int destination(NetlinkMessage m) {
        cursor.load(m).next();
        AttrCursor a = cursor.attributes();
        int found = -1;
        while (a.next()) {
            if (a.type() == RTA_DST) {
                if (found >= 0 || a.length() != 4 && a.length() != 16) {
                    return -1;
                }
                found = a.offset() + 4 - cursor.offset();
                dstSize = a.length();
            }
        }
        return found;
    }

    /** True when the message equals the last one from its rtmsg on, but for rtm_dst_len and the destination. */
    private boolean sameBesidesDestination(byte[] b, int at, int n) {
        if (n != lastLength) {
            return false;
        }
        int dstEnd = lastDst + lastDstSize;
        return Arrays.equals(b, at + RTMSG_AT, at + RTMSG_AT + 1, last, RTMSG_AT, RTMSG_AT + 1)
                && Arrays.equals(b, at + RTMSG_AT + 2, at + lastDst, last, RTMSG_AT + 2, lastDst)
                && Arrays.equals(b, at + dstEnd, at + n, last, dstEnd, n);
    }

    /** What {@link Route#dstText()} gives for this destination: the address, and its length unless a host's. */
    private static void destinationText(byte[] b, int at, int dst, int size, Json out) {
        int prefix = b[at + RTMSG_AT + 1] & 0xff;
        boolean v6 = (b[at + RTMSG_AT] & 0xff) == Rtnl.AF_INET6;
        if (size == 4) {
            for (int i = 0; i < 4; i++) {
                if (i > 0) {
                    out.raw('.');
                }
                out.number(b[at + dst + i] & 0xff);
            }
        } else {
            try {
                out.ascii(Inet.format(InetAddress.getByAddress(Arrays.copyOfRange(b, at + dst, at + dst + size))));
            } catch (UnknownHostException e) {
                throw new AssertionError(e); // 16 bytes are an address
            }
        }
        if (prefix != (v6 ? 128 : 32)) {
            out.raw('/').number(prefix);
        }
    }
}
