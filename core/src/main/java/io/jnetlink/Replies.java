package io.jnetlink;

import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The replies to one request: its data messages, without the closing ACK or NLMSG_DONE. Collected before
 * {@link NetlinkSocket#request} returns, or handed out as they arrive ({@link NetlinkSocket#stream}).
 * A kernel error ends the replies with a {@link NetlinkException}. If any message carried
 * NLM_F_DUMP_INTR, {@link #dumpInterrupted()} says so once the replies are read: the dump is not
 * consistent and may be re-run ({@link NetlinkSocket#requestConsistent}). Single consumer.
 */
public final class Replies implements Iterable<NetlinkMessage>, AutoCloseable {
    private final NetlinkSocket sock;
    private final NetlinkSocket.Pending pending;
    private final long timeoutNanos;
    private final String op;
    private final ArrayDeque<NetlinkMessage> ready = new ArrayDeque<>();
    /** Items taken from the socket but not yet looked at: messages and faults, in arrival order. */
    private ArrayDeque<Object> inbox = new ArrayDeque<>();
    private boolean ended;
    private boolean interrupted;

    Replies(NetlinkSocket sock, NetlinkSocket.Pending pending, long timeoutNanos, String op) {
        this.sock = sock;
        this.pending = pending;
        this.timeoutNanos = timeoutNanos;
        this.op = op;
    }

    /** Reads every remaining reply into memory. */
    void collect() throws NetlinkException {
        NetlinkMessage m;
        while ((m = receive()) != null) {
            ready.add(m);
        }
    }

    private NetlinkMessage receive() throws NetlinkException {
        while (!ended) {
            Object item = inbox.poll();
            if (item == null) {
                ArrayDeque<Object> batch = sock.awaitBatch(pending, inbox, timeoutNanos, op);
                if (batch == null) {
                    ended = true;
                    return null;
                }
                inbox = batch;
                continue;
            }
            if (item instanceof RuntimeException e) {
                end();
                throw e;
            }
            if (item instanceof NetlinkException e) {
                end();
                throw e;
            }
            NetlinkMessage m = (NetlinkMessage) item;
            if (m.dumpInterrupted()) {
                interrupted = true;
            }
            int t = m.type();
            if (t == Netlink.NLMSG_ERROR || t == Netlink.NLMSG_DONE) {
                NetlinkException e = NetlinkException.fromReply(m, pending.request, op);
                if (t == Netlink.NLMSG_ERROR || pending.dump) {
                    end();
                }
                if (e != null) {
                    throw e;
                }
                continue;
            }
            if (t == Netlink.NLMSG_NOOP) {
                continue;
            }
            return m;
        }
        return null;
    }

    private void end() {
        ended = true;
        inbox.clear();
        sock.forget(pending);
    }

    /** The next reply, or null when there are no more. */
    public NetlinkMessage next() throws NetlinkException {
        NetlinkMessage m = ready.poll();
        return m != null ? m : receive();
    }

    /** Every remaining reply as a list (reading the rest of a stream). */
    public List<NetlinkMessage> list() throws NetlinkException {
        List<NetlinkMessage> out = new ArrayList<>(ready);
        ready.clear();
        NetlinkMessage m;
        while ((m = receive()) != null) {
            out.add(m);
        }
        return out;
    }

    /** True when a reply so far carried NLM_F_DUMP_INTR: the dump is inconsistent. */
    public boolean dumpInterrupted() {
        return interrupted;
    }

    /** True once the closing ACK, NLMSG_DONE or error was read. */
    public boolean isDone() {
        return ended && ready.isEmpty();
    }

    /** Iterates the replies; a kernel error surfaces as {@link UncheckedIOException} around the NetlinkException. */
    @Override
    public Iterator<NetlinkMessage> iterator() {
        return new Iterator<>() {
            NetlinkMessage next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = Replies.this.next();
                    } catch (NetlinkException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return next != null;
            }

            @Override
            public NetlinkMessage next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                NetlinkMessage m = next;
                next = null;
                return m;
            }
        };
    }

    /** The replies as a sequential stream (see {@link #iterator()} for errors). */
    public Stream<NetlinkMessage> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }

    /**
     * Stops reading. For a dump the rest is read and discarded (each wait bounded by the timeout): the kernel
     * runs one dump per socket at a time, so an unfinished one would make the next dump fail with EBUSY.
     * For other requests, replies still to come are discarded as they arrive.
     */
    @Override
    public void close() {
        ready.clear();
        if (ended) {
            return;
        }
        if (pending.dump) {
            try {
                NetlinkMessage discarded;
                do {
                    discarded = receive();
                } while (discarded != null);
            } catch (NetlinkException | RuntimeException e) {
                // the dump ended badly or the socket closed: nothing left to drain
            }
        }
        if (!ended) {
            ended = true;
            sock.abandon(pending);
        }
    }
}
