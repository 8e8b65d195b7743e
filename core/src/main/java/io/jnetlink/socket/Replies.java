package io.jnetlink.socket;

import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.MessageCursor;
import io.jnetlink.message.NetlinkMessage;

import io.jnetlink.message.ErrorReply;

import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The replies to one request: its data messages, without the closing ACK or NLMSG_DONE. Collected before
 * {@link NetlinkSocket#request} returns, or handed out as they arrive ({@link NetlinkSocket#stream}). A kernel error
 * ends the replies with a {@link NetlinkException}; a malformed reply with a {@link MalformedMessageException}, after
 * the well-formed messages before the fault (nothing at or after it is handed out). If any message carried
 * NLM_F_DUMP_INTR, {@link #dumpInterrupted()} says so once the replies are read: the dump is not consistent and may
 * be re-run ({@link NetlinkSocket#requestConsistent}). Single consumer.
 */
public final class Replies implements Iterable<NetlinkMessage>, AutoCloseable {
    private final NetlinkSocket sock;
    private final RequestTracker.Request request;
    private final ArrayDeque<NetlinkMessage> ready = new ArrayDeque<>();
    /** Deliveries taken from the socket but not yet looked at. */
    private ArrayDeque<RequestTracker.Delivery> inbox = new ArrayDeque<>();
    private final List<NetlinkMessage> split = new ArrayList<>();
    private int splitAt;
    /** A fault found while splitting, thrown after the messages before it. */
    private RuntimeException pendingFault;
    private boolean ended;
    private boolean interrupted;

    Replies(NetlinkSocket sock, RequestTracker.Request request) {
        this.sock = sock;
        this.request = request;
    }

    /**
     * Reads every remaining reply into memory. A malformed reply ends it with the messages read before it
     * ({@link MalformedMessageException#messagesBefore()}).
     */
    void collect() throws NetlinkException {
        NetlinkMessage m;
        try {
            while ((m = receive()) != null) {
                ready.add(m);
            }
        } catch (MalformedMessageException e) {
            throw e.withMessagesBefore(new ArrayList<>(ready));
        }
    }

    /** The next data message, or null at the end; the terminator's error is thrown. */
    private NetlinkMessage receive() throws NetlinkException {
        while (!ended) {
            if (splitAt < split.size()) {
                NetlinkMessage m = split.get(splitAt++);
                NetlinkMessage data = examine(m);
                if (data != null) {
                    return data;
                }
                continue;
            }
            split.clear();
            splitAt = 0;
            if (pendingFault != null) {
                RuntimeException f = pendingFault;
                pendingFault = null;
                end(true);
                throw f;
            }
            RequestTracker.Delivery d = inbox.poll();
            if (d == null) {
                ArrayDeque<RequestTracker.Delivery> batch = sock.awaitDeliveries(request, inbox);
                if (batch == null) {
                    end(false);
                    return null;
                }
                inbox = batch;
                continue;
            }
            if (d instanceof RequestTracker.Fault f) {
                end(false);
                if (f.error() instanceof NetlinkException e) {
                    throw e;
                }
                throw (MalformedMessageException) f.error();
            }
            RequestTracker.Chunk c = (RequestTracker.Chunk) d;
            try {
                sock.marshal().split(c.buf(), c.start(), c.end(), sock.spec().target(), c.nsid(), c.receivedNanos(), split);
            } catch (MalformedMessageException e) {
                pendingFault = e; // after the good messages before it
            }
        }
        return null;
    }

    /** A data message is returned; the terminator ends the replies (throwing its error); NOOP is skipped. */
    private NetlinkMessage examine(NetlinkMessage m) throws NetlinkException {
        if (m.dumpInterrupted()) {
            interrupted = true;
        }
        int t = m.type();
        if (t == Netlink.NLMSG_ERROR || t == Netlink.NLMSG_DONE && request.dump) {
            end(false);
            ErrorReply e = ErrorReply.of(m);
            if (e.isError()) {
                throw e.toException(request.op, request.message);
            }
            return null;
        }
        if (t == Netlink.NLMSG_NOOP || t == Netlink.NLMSG_DONE) {
            return null;
        }
        return m;
    }

    /** Nothing more is read; with {@code abandon} the socket swallows what the kernel still sends this request. */
    private void end(boolean abandon) {
        ended = true;
        inbox.clear();
        split.clear();
        if (abandon) {
            sock.abandon(request);
        }
    }

    /**
     * Hands every remaining reply to {@code visitor} through one {@link MessageCursor}, read in place in the received
     * buffers: the zero-copy path, with no object per message or attribute, and each datagram's buffer used again
     * once it is read. The cursor is valid only during the call. A kernel error ends it with a
     * {@link NetlinkException}, a malformed datagram with a {@link MalformedMessageException} after the messages
     * before the fault; an exception from {@code visitor} stops reading (the rest of the replies is swallowed by the
     * socket) and is thrown on.
     *
     * @param visitor what to do with each data message (not the closing ACK or NLMSG_DONE)
     * @return how many messages were handed to {@code visitor}
     * @throws NetlinkException the kernel's refusal, a timeout, the socket closed
     */
    public long read(Consumer<? super MessageCursor> visitor) throws NetlinkException {
        MessageCursor c = new MessageCursor(sock.marshal());
        long n = 0;
        for (NetlinkMessage m = ready.poll(); m != null; m = ready.poll()) {
            n += visit(c.load(m), visitor);
        }
        while (splitAt < split.size() && !ended) {
            NetlinkMessage m = split.get(splitAt++);
            if (examine(m) != null) {
                n += visit(c.load(m), visitor);
            }
        }
        while (!ended) {
            if (pendingFault != null) {
                RuntimeException f = pendingFault;
                pendingFault = null;
                end(true);
                throw f;
            }
            RequestTracker.Delivery d = inbox.poll();
            if (d == null) {
                ArrayDeque<RequestTracker.Delivery> batch = sock.awaitDeliveries(request, inbox);
                if (batch == null) {
                    end(false);
                    break;
                }
                inbox = batch;
                continue;
            }
            if (d instanceof RequestTracker.Fault f) {
                end(false);
                if (f.error() instanceof NetlinkException e) {
                    throw e;
                }
                throw (MalformedMessageException) f.error();
            }
            RequestTracker.Chunk chunk = (RequestTracker.Chunk) d;
            MalformedMessageException fault = c.load(chunk.buf(), chunk.start(), chunk.end(), sock.spec().target(),
                    chunk.nsid(), chunk.receivedNanos());
            n += visit(c, visitor);
            if (fault != null) {
                pendingFault = fault;
            } else if (chunk.whole()) {
                sock.recycle(chunk.buf());
            }
        }
        return n;
    }

    /** The data messages the cursor shows, to {@code visitor}; the terminator ends the replies. */
    private long visit(MessageCursor c, Consumer<? super MessageCursor> visitor) throws NetlinkException {
        long n = 0;
        while (!ended && c.next()) {
            if (c.dumpInterrupted()) {
                interrupted = true;
            }
            int t = c.type();
            if (t == Netlink.NLMSG_ERROR || t == Netlink.NLMSG_DONE && request.dump) {
                end(false);
                if (c.error() < 0) {
                    throw ErrorReply.of(c.message()).toException(request.op, request.message);
                }
                return n;
            }
            if (t == Netlink.NLMSG_NOOP || t == Netlink.NLMSG_DONE) {
                continue;
            }
            try {
                visitor.accept(c);
            } catch (RuntimeException e) {
                end(true);
                throw e;
            }
            n++;
        }
        return n;
    }

    /**
     * The next reply, received from the socket when none is waiting.
     *
     * @return the next reply, or null when there are no more
     * @throws NetlinkException          the kernel's error reply; ETIMEDOUT when no datagram came within the request's
     *                                   timeout; EBADF when the socket was closed or re-created meanwhile; EINTR when
     *                                   the thread is interrupted
     * @throws MalformedMessageException when a reply is malformed (the well-formed messages before it come first)
     */
    public NetlinkMessage next() throws NetlinkException {
        NetlinkMessage m = ready.poll();
        return m != null ? m : receive();
    }

    /**
     * Reads the rest of the replies.
     *
     * @return every remaining reply as a list (reading the rest of a stream)
     * @throws NetlinkException          the kernel's error reply; ETIMEDOUT when no datagram came within the request's
     *                                   timeout; EBADF when the socket was closed or re-created meanwhile; EINTR when
     *                                   the thread is interrupted
     * @throws MalformedMessageException when a reply is malformed (the well-formed messages before it come first)
     */
    public List<NetlinkMessage> list() throws NetlinkException {
        List<NetlinkMessage> out = new ArrayList<>(ready);
        ready.clear();
        NetlinkMessage m;
        while ((m = receive()) != null) {
            out.add(m);
        }
        return out;
    }

    /**
     * Whether the dump changed while the kernel ran it; final once every reply is read.
     *
     * @return true when a reply so far carried NLM_F_DUMP_INTR: the dump is inconsistent
     */
    public boolean dumpInterrupted() {
        return interrupted;
    }

    /**
     * Whether the replies are over and every one was handed out (also true after {@link #close()}).
     *
     * @return true once the closing ACK, NLMSG_DONE or error was read
     */
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

    /**
     * The remaining replies as a stream, read as it is consumed.
     *
     * @return the replies as a sequential stream (see {@link #iterator()} for errors)
     */
    public Stream<NetlinkMessage> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }

    /**
     * Stops reading. Replies still to come are swallowed by the socket as they arrive; for a dump, the next dump on
     * the socket waits until the kernel has finished this one.
     */
    @Override
    public void close() {
        ready.clear();
        if (!ended) {
            end(true);
        }
    }
}
