package io.jnetlink.cli;

import io.jnetlink.message.AttrCursor;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.MessageCursor;
import io.jnetlink.route.Inet;
import io.jnetlink.route.Route;
import io.jnetlink.route.Rtnl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * {@code route show}'s fields from route messages as received (copies of RTM_NEWROUTE messages that came through the
 * door, formatted on the printer thread): each is decoded and put by {@link IpView#route}. In JSON, a route whose
 * message differs from the last one decoded only in its destination (rtm_dst_len and the RTA_DST address) reuses
 * that route's JSON with its own destination written in: a big table is mostly such runs (one device, gateway,
 * protocol and scope for thousands of prefixes), and IpView.route reads the destination for its "dst" key alone, so
 * the bytes are those it would write. Not thread-safe: one per printer.
 */
final class RouteJson implements Main.Printer.Direct<byte[]> {
    /** Where struct rtmsg starts in a message (after nlmsghdr). */
    private static final int RTMSG_AT = 16;
    private static final int RTA_DST = 1;

    private final IpView view;
    private final IpView.RouteKeys shown;
    private final MessageCursor cursor = new MessageCursor(Marshal.classic(Rtnl.SCHEMA));
    /** The last message decoded whose JSON can be reused, where its destination address is, and its size. */
    private byte[] last;
    private int lastDst;
    private int lastDstSize;
    /** Its JSON before the destination's value, and after it. */
    private byte[] before;
    private byte[] after;
    private int valueStart;
    private int valueEnd;
    private int reused;

    RouteJson(IpView view, IpView.RouteKeys shown) {
        this.view = view;
        this.shown = shown;
    }

    @Override
    public void accept(byte[] m, IpView.Sink keys) {
        cursor.reset(m).next();
        view.route(Route.from(cursor), shown, keys);
    }

    @Override
    public void write(byte[] m, Json out) {
        if (sameBesidesDestination(m)) {
            out.bytes(before, 0, before.length).raw('"');
            destinationText(m, lastDst, lastDstSize, out);
            out.raw('"').bytes(after, 0, after.length);
            reused++;
            return;
        }
        int mark = out.length();
        valueStart = -1;
        accept(m, (k, v) -> {
            out.key(mark, k);
            if (k.equals("dst")) {
                valueStart = out.length();
                out.value(v);
                valueEnd = out.length();
            } else {
                out.value(v);
            }
        });
        last = null;
        if (valueStart >= 0 && findDestination()) {
            last = m;
            before = out.copy(mark, valueStart);
            after = out.copy(valueEnd, out.length());
        }
    }

    /** How many routes reused the JSON of the route before them. */
    int reused() {
        return reused;
    }

    /**
     * Sets {@link #lastDst} and {@link #lastDstSize} to the payload of the cursor's message's one RTA_DST; false when
     * it has none, several, or one that is not 4 or 16 bytes.
     */
    private boolean findDestination() {
        AttrCursor a = cursor.attributes();
        boolean found = false;
        while (a.next()) {
            if (a.type() == RTA_DST) {
                if (found || a.length() != 4 && a.length() != 16) {
                    return false;
                }
                found = true;
                lastDst = a.offset() + 4;
                lastDstSize = a.length();
            }
        }
        return found;
    }

    /**
     * True when the message equals the last one decoded from its rtmsg on, but for rtm_dst_len and the destination
     * address: then its attributes are laid out as the last one's, with its one destination where the last one's is.
     */
    private boolean sameBesidesDestination(byte[] m) {
        byte[] l = last;
        int n = m.length;
        if (l == null || n != l.length) {
            return false;
        }
        int dstEnd = lastDst + lastDstSize;
        for (int from = RTMSG_AT;;) {
            int i = Arrays.mismatch(m, from, n, l, from, n);
            if (i < 0) {
                return true;
            }
            i += from;
            if (i == RTMSG_AT + 1) {
                from = i + 1; // rtm_dst_len
            } else if (i >= lastDst && i < dstEnd) {
                from = dstEnd;
            } else {
                return false;
            }
        }
    }

    /** What {@link Route#dstText()} gives for this destination: the address, and its length unless a host's. */
    private static void destinationText(byte[] m, int dst, int size, Json out) {
        int prefix = m[RTMSG_AT + 1] & 0xff;
        boolean v6 = (m[RTMSG_AT] & 0xff) == Rtnl.AF_INET6;
        if (size == 4) {
            out.ipv4(m, dst);
        } else {
            try {
                out.ascii(Inet.format(InetAddress.getByAddress(Arrays.copyOfRange(m, dst, dst + size))));
            } catch (UnknownHostException e) {
                throw new AssertionError(e); // 16 bytes are an address
            }
        }
        if (prefix != (v6 ? 128 : 32)) {
            out.raw('/').number(prefix);
        }
    }
}
