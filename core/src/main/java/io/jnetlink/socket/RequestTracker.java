package io.jnetlink.socket;

import io.jnetlink.Errno;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.internal.Bytes;
import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.OutgoingMessage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which request each received datagram answers, and when a request is done. No I/O and no threads: the socket
 * calls it with its lock held, and tests call it with bytes.
 *
 * <p><b>Done.</b> A request is done at its terminator: the NLMSG_ERROR that answers it (an ACK or a refusal; every
 * request that is not a dump is sent with NLM_F_ACK), or for a dump its NLMSG_DONE (which may carry an error).
 * It also ends when its wait times out, when it cannot be sent, and when the socket closes. Whatever the way, the
 * tracker forgets it at that moment: no request state outlives its request.
 *
 * <p><b>Dumps.</b> The kernel runs one dump per socket at a time and refuses a second one with EBUSY, so dumps
 * take turns here: a dump is sent only once the one before it is done (FIFO, at most {@link #MAX_QUEUED_DUMPS}
 * waiting). Requests that are not dumps are sent at once and interleave with a running dump.
 *
 * <p><b>Routing.</b> A message is ours when its port is the socket's; it then answers the request with its
 * sequence number. Messages nobody asked for (broadcasts, replies to {@code put()}) are unclaimed and go to the
 * backlog. A framing fault goes to the request whose message it broke; when its sequence number cannot be read,
 * to every request still waiting (any of them may have lost its reply), or to the backlog when none is.
 *
 * <p><b>Faults and abandoned requests.</b> A request that failed (malformed reply, its consumer gave up) keeps
 * swallowing its replies until its terminator, so that nothing it was owed surfaces elsewhere; it is forgotten
 * then, or after its timeout without a reply.
 */
final class RequestTracker {
    /** Most dumps that may wait their turn behind the running one on one socket. */
    static final int MAX_QUEUED_DUMPS = 1024;

    /** Where a request is in its life. */
    enum State {
        /** A dump waiting for the one before it: not sent yet. */
        QUEUED,
        /** Sent (or about to be), its replies delivered to its inbox. */
        ACTIVE,
        /** Failed or given up: its replies are discarded until its terminator. */
        DRAINING,
        /** Done: forgotten by the tracker; its inbox holds what is left for its consumer. */
        DONE
    }

    /** What a request's consumer is handed, in order. */
    sealed interface Delivery permits Chunk, Fault {
    }

    /**
     * Messages at {@code [start, end)} of a received datagram (whole messages, framing checked).
     *
     * @param buf           the datagram's bytes
     * @param start         offset of the first message
     * @param end           offset after the last one
     * @param nsid          the nsid it came from, or {@link Integer#MIN_VALUE}
     * @param receivedNanos {@link System#nanoTime()} at receipt
     * @param whole         the chunk is the whole datagram: once read, its buffer may be used again
     */
    record Chunk(byte[] buf, int start, int end, int nsid, long receivedNanos, boolean whole) implements Delivery {
    }

    /**
     * A failure that ends the replies: a malformed datagram, a receive error, the socket closing.
     *
     * @param error a {@link NetlinkException} or {@link MalformedMessageException}
     */
    record Fault(Exception error) implements Delivery {
        Fault {
            if (!(error instanceof NetlinkException) && !(error instanceof MalformedMessageException)) {
                throw new IllegalArgumentException(String.valueOf(error));
            }
        }
    }

    /** One request. Its fields are guarded by the socket's lock. */
    static final class Request {
        final int seq;
        final boolean dump;
        final OutgoingMessage message;
        final String op;
        /** A dump sent by put(): its replies are unclaimed (they go to the backlog), it only holds the dump turn. */
        final boolean unclaimed;
        final long timeoutNanos;
        State state;
        /** Deliveries not yet taken by the consumer. */
        ArrayDeque<Delivery> inbox = new ArrayDeque<>();
        /** Receipt time of its last datagram (or its registration), for forgetting a silent draining request. */
        long lastNanos;
        /** Opaque to the tracker: what the socket signals when this request has news (a Condition). */
        Object waiter;

        Request(int seq, boolean dump, OutgoingMessage message, String op, boolean unclaimed, long timeoutNanos, long now) {
            this.seq = seq;
            this.dump = dump;
            this.message = message;
            this.op = op;
            this.unclaimed = unclaimed;
            this.timeoutNanos = timeoutNanos;
            this.lastNanos = now;
        }

        /** True once nothing more will be delivered. */
        boolean ended() {
            return state == State.DONE;
        }

        @Override
        public String toString() {
            return "Request[" + op + ", seq " + seq + ", " + state + "]";
        }
    }

    /** What one datagram was routed to: the requests with news, and what nobody claimed. */
    static final class Routed {
        /** Requests that got deliveries or changed state (their waiters are to be woken). */
        final List<Request> touched = new ArrayList<>();
        /** Deliveries for the backlog, in order. */
        final List<Delivery> unclaimed = new ArrayList<>();

        void clear() {
            touched.clear();
            unclaimed.clear();
        }

        void touch(Request r) {
            if (!touched.contains(r)) {
                touched.add(r);
            }
        }
    }

    /** Stands for a request already forgotten when one of its replies comes late. */
    private static final Request LATE = new Request(0, false, null, "late", false, 0, 0);

    private final Map<Integer, Request> pending = new HashMap<>();
    /** Sequence numbers of the last requests forgotten before their terminator came: late replies are discarded. */
    private final int[] forgotten = new int[64];
    private int forgottenNext;
    private final ArrayDeque<Request> queuedDumps = new ArrayDeque<>();
    private Request runningDump;
    private int lastSeq;
    private long lateReplies;

    /** Requests the tracker still knows (waiting to be sent, waiting for replies, draining). */
    int size() {
        return pending.size();
    }

    /** Messages that answered a request already forgotten (timed out): discarded. */
    long lateReplies() {
        return lateReplies;
    }

    /**
     * Registers a request about to be sent and gives it the next sequence number (never 0). A dump waits in
     * {@link State#QUEUED} while another one runs.
     *
     * @throws NetlinkException EBUSY when {@link #MAX_QUEUED_DUMPS} dumps are waiting already
     */
    Request register(OutgoingMessage message, String op, boolean unclaimed, long timeoutNanos, long now)
            throws NetlinkException {
        boolean dump = message.isDump();
        if (dump && runningDump != null && queuedDumps.size() >= MAX_QUEUED_DUMPS) {
            throw new NetlinkException(op, Errno.EBUSY, MAX_QUEUED_DUMPS
                    + " dumps are waiting for their turn on this socket already (the kernel runs one at a time)");
        }
        int seq = nextSeq();
        Request r = new Request(seq, dump, message, op, unclaimed, timeoutNanos, now);
        pending.put(seq, r);
        if (dump && runningDump != null) {
            r.state = State.QUEUED;
            queuedDumps.add(r);
        } else {
            r.state = State.ACTIVE;
            if (dump) {
                runningDump = r;
            }
        }
        return r;
    }

    /**
     * Routes the messages of one datagram ({@code buf[0, len)}) received by a socket bound to {@code port}: each run
     * of consecutive messages answering one request becomes one {@link Chunk} in its inbox.
     *
     * @param fullLength the datagram's length; more than {@code len} when the kernel cut it to the receive buffer
     */
    void route(byte[] buf, int len, long fullLength, int port, int nsid, long now, Routed out) {
        boolean truncated = fullLength > len;
        Request owner = null;  // the request of the run being collected (null: unclaimed)
        boolean inRun = false;
        int runStart = 0;
        int p = 0;
        String fault = null;
        while (p < len) {
            int left = len - p;
            if (left < Netlink.NLMSG_HDRLEN) {
                if (left < 4 && !truncated) {
                    break; // a remnant too short to be anything: ignored, never a message
                }
                fault = "truncated header: " + left + " bytes left";
                break;
            }
            long mlen = Integer.toUnsignedLong(Bytes.i32(buf, p));
            if (mlen < Netlink.NLMSG_HDRLEN) {
                fault = "message length " + mlen + " below " + Netlink.NLMSG_HDRLEN;
                break;
            }
            if (mlen > left) {
                fault = "message length " + mlen + " past the datagram (" + left + " bytes left)";
                break;
            }
            Request r = owner(buf, p, port);
            if (r == LATE) {
                lateReplies++;
            }
            if (inRun && r != owner) {
                deliver(owner, buf, runStart, p, len, nsid, now, out);
                runStart = p;
            }
            owner = r;
            inRun = true;
            int type = Bytes.u16(buf, p + 4);
            p += (int) Math.min(left, Bytes.align4((int) mlen));
            if (r != null && r != LATE && (type == Netlink.NLMSG_ERROR || type == Netlink.NLMSG_DONE && r.dump)) {
                deliver(r, buf, runStart, p, len, nsid, now, out);
                forget(r, out);
                out.touch(r);
                inRun = false;
                runStart = p;
            }
        }
        if (inRun) {
            deliver(owner, buf, runStart, p, len, nsid, now, out);
        }
        if (truncated) {
            // the cut explains a framing fault at the end: say what happened
            fault = "datagram of " + fullLength + " bytes truncated to the " + len + "-byte receive buffer (raise rcvsize)";
        }
        if (fault != null) {
            misframed(new MalformedMessageException(fault, p), buf, len, p, port, inRun ? owner : null, out);
        }
    }

    /**
     * The request the message at {@code p} answers, or null. A message for a request already forgotten (its wait
     * timed out) is {@link #LATE}: discarded, not handed to get().
     */
    private Request owner(byte[] buf, int p, int port) {
        if (Bytes.i32(buf, p + 12) != port) {
            return null;
        }
        int seq = Bytes.i32(buf, p + 8);
        Request r = pending.get(seq);
        if (r == null && seq != 0) {
            for (int s : forgotten) {
                if (s == seq) {
                    return LATE;
                }
            }
        }
        return r;
    }

    /** Hands a run of messages to its request (or, without one, to the backlog). */
    private void deliver(Request r, byte[] buf, int start, int end, int len, int nsid, long now, Routed out) {
        if (end <= start) {
            return;
        }
        if (r == LATE) {
            return; // counted per message by route()
        }
        Chunk c = new Chunk(buf, start, end, nsid, now, start == 0 && len - end < 4);
        if (r == null || r.unclaimed) {
            out.unclaimed.add(c);
            return;
        }
        r.lastNanos = now;
        if (r.state == State.ACTIVE) {
            r.inbox.add(c);
            out.touch(r);
        }
    }

    /** A framing fault at {@code at}: to the request its message answers, else to every waiting request. */
    private void misframed(MalformedMessageException e, byte[] buf, int len, int at, int port, Request current,
                           Routed out) {
        Request r = current;
        if (len - at >= 12) {
            boolean ours = len - at < Netlink.NLMSG_HDRLEN || Bytes.i32(buf, at + 12) == port;
            r = ours ? pending.get(Bytes.i32(buf, at + 8)) : null;
        }
        if (r == LATE) {
            lateReplies++;
            return;
        }
        if (r != null) {
            fail(r, new Fault(e), out);
            return;
        }
        List<Request> waiting = new ArrayList<>();
        for (Request x : pending.values()) {
            if (x.state == State.ACTIVE && !x.unclaimed) {
                waiting.add(x);
            }
        }
        if (waiting.isEmpty()) {
            out.unclaimed.add(new Fault(e));
        }
        for (Request x : waiting) {
            fail(x, new Fault(e), out);
        }
    }

    /**
     * Ends a request's replies with {@code fault}; it keeps swallowing what the kernel still sends it until its
     * terminator (or its timeout).
     */
    void fail(Request r, Fault fault, Routed out) {
        if (r.state == State.ACTIVE) {
            r.inbox.add(fault);
            r.state = State.DRAINING;
            out.touch(r);
        }
    }

    /** The consumer stops reading: late replies are swallowed until the terminator. */
    void abandon(Request r, Routed out) {
        r.inbox.clear();
        if (r.state == State.ACTIVE) {
            r.state = State.DRAINING;
        } else if (r.state == State.QUEUED) {
            forget(r, out);
        }
    }

    /** The request's wait ran out: it is forgotten, and a reply that comes later is discarded. */
    void timedOut(Request r, Routed out) {
        r.inbox.clear();
        forget(r, out);
        forgotten[forgottenNext] = r.seq;
        forgottenNext = (forgottenNext + 1) % forgotten.length;
    }

    /** A sequence number for a message sent without tracking (put() of anything but a dump). */
    int nextSeq() {
        int seq;
        do {
            seq = ++lastSeq;
        } while (seq == 0 || pending.containsKey(seq));
        return seq;
    }

    /** The request could not be sent: it is forgotten, and the next dump may go. */
    void sendFailed(Request r, Routed out) {
        forget(r, out);
    }

    /** Ends every request with {@code e} (the socket closed or was re-created). */
    void failAll(NetlinkException e, Routed out) {
        for (Request r : new ArrayList<>(pending.values())) {
            if (r.state == State.ACTIVE || r.state == State.QUEUED) {
                r.inbox.add(new Fault(e));
            }
            r.state = State.DONE;
            out.touch(r);
        }
        pending.clear();
        queuedDumps.clear();
        runningDump = null;
    }

    /** Forgets draining requests that have heard nothing for their timeout. */
    void expire(long now, Routed out) {
        for (Request r : new ArrayList<>(pending.values())) {
            if (r.state == State.DRAINING && now - r.lastNanos >= r.timeoutNanos) {
                forget(r, out);
            }
        }
    }

    /** True when the request may be sent: it is not a dump waiting for its turn. */
    boolean maySend(Request r) {
        return r.state != State.QUEUED;
    }

    /** Removes {@code r}; when it held the dump turn, the next queued dump gets it. */
    private void forget(Request r, Routed out) {
        pending.remove(r.seq);
        queuedDumps.remove(r);
        r.state = State.DONE;
        if (runningDump == r) {
            runningDump = queuedDumps.poll();
            if (runningDump != null) {
                runningDump.state = State.ACTIVE;
                runningDump.lastNanos = r.lastNanos;
                out.touch(runningDump);
            }
        }
    }
}
