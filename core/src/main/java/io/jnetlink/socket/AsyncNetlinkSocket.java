package io.jnetlink.socket;

import io.jnetlink.Errno;
import io.jnetlink.NetlinkException;
import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.message.OutgoingMessage;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;

/**
 * The asynchronous netlink socket: the same kernel socket and options as {@link NetlinkSocket}, always
 * with the reader thread (pyroute2's async_cache), so broadcasts are drained into a user-space buffer as
 * fast as the kernel sends them and parsed later, on the consumer's side.
 *
 * <ul>
 * <li>{@link #setupSocket()} and {@link #bind} return futures; {@link #request} returns a future of the
 *     replies; {@link #stream} a {@link Flow.Publisher} of them (sent on subscription).</li>
 * <li>Broadcasts reach {@link #subscribe subscribers} as {@link NetlinkEvent}s in order, with an explicit
 *     {@link NetlinkEvent.Overrun} where data was lost; or, without subscribers, {@link #get()}.</li>
 * <li>Waiting happens on virtual threads; the reader is a platform thread. Safe for any number of threads,
 *     virtual ones included.</li>
 * </ul>
 *
 * A request made before {@link #bind} binds with the spec's groups and an automatic port. A malformed
 * broadcast datagram is logged at WARNING and skipped (the well-formed messages before its fault are delivered).
 */
public final class AsyncNetlinkSocket implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AsyncNetlinkSocket.class);
    private final NetlinkSocketSpec spec;
    private final Marshal marshal;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private NetlinkSocket sock;
    private SubmissionPublisher<NetlinkEvent> broadcasts;
    private boolean closed;

    /**
     * An unopened socket of {@code spec} with the marshal for its family. The kernel socket is created by
     * {@link #setupSocket()}, {@link #bind} or the first request.
     *
     * @param spec the socket's options (family, namespace, buffers, timeout, ...)
     */
    public AsyncNetlinkSocket(NetlinkSocketSpec spec) {
        this(spec, Marshal.forFamily(spec.family()));
    }

    /**
     * An unopened socket of {@code spec} decoding through {@code marshal}.
     *
     * @param spec    the socket's options (family, namespace, buffers, timeout, ...)
     * @param marshal splits and decodes what the socket receives; it should be made for the spec's family
     */
    public AsyncNetlinkSocket(NetlinkSocketSpec spec, Marshal marshal) {
        this.spec = spec;
        this.marshal = marshal;
    }

    private <T> CompletableFuture<T> async(Task<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    f.complete(task.run());
                } catch (Throwable t) {
                    f.completeExceptionally(t);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            f.completeExceptionally(new NetlinkException("async", Errno.EBADF, "socket closed"));
        }
        return f;
    }

    @FunctionalInterface
    private interface Task<T> {
        T run() throws Exception;
    }

    private synchronized NetlinkSocket open() throws NetlinkException {
        if (closed) {
            throw new NetlinkException("async", Errno.EBADF, "socket closed");
        }
        if (sock == null) {
            sock = new NetlinkSocket(spec, marshal);
        }
        return sock;
    }

    /**
     * The socket with its reader running: bound with the spec's groups if it was not bound; a bound socket keeps the
     * groups it joined (through {@link #socket()}'s bind or addMembership).
     */
    private synchronized NetlinkSocket ready() throws NetlinkException {
        NetlinkSocket s = open();
        if (!s.hasReader()) {
            if (s.port() < 0) {
                s.bind(spec.groups(), null, true);
            } else {
                s.startReader();
            }
        }
        return s;
    }

    /**
     * Creates (or re-creates) the kernel socket (see {@link NetlinkSocket#setupSocket()}).
     *
     * @return a future that completes once the socket is made, or with the {@link NetlinkException} (EBADF once
     *         closed)
     */
    public CompletableFuture<Void> setupSocket() {
        return async(() -> {
            synchronized (this) {
                if (sock == null) {
                    open();
                } else {
                    sock.setupSocket();
                }
            }
            return null;
        });
    }

    /**
     * Binds (see {@link NetlinkSocket#bind(long, Integer)}) and starts the reader.
     *
     * @param groups the multicast groups to join, bit n-1 for group n
     * @param pid    the port id: null for the one bound already or an automatic one, 0 for the process id, else
     *               that number
     * @return a future that completes once bound, or with the {@link NetlinkException} (the kernel's refusal, EBADF
     *         once closed)
     */
    public CompletableFuture<Void> bind(long groups, Integer pid) {
        return async(() -> {
            open().bind(groups, pid, true);
            return null;
        });
    }

    /**
     * Sends a request; the future completes with its replies, or with the {@link NetlinkException}.
     *
     * @param msg the request; its sequence number and port id are stamped when it is sent
     * @return a future of the replies (the data messages, without the closing ACK or NLMSG_DONE); it fails with
     *         the kernel's error, ETIMEDOUT after the spec's timeout, EBADF once closed, or a
     *         {@link MalformedMessageException}
     */
    public CompletableFuture<List<NetlinkMessage>> request(OutgoingMessage msg) {
        return async(() -> ready().request(msg, spec.timeout()).list());
    }

    /**
     * Sends a message without waiting; the future completes with its sequence number once sent. Its replies arrive
     * with the broadcasts (see {@link NetlinkSocket#put}).
     *
     * @param msg the message; its sequence number and port id are stamped when it is sent
     * @return a future of the sequence number it was sent with, or of the {@link NetlinkException}
     */
    public CompletableFuture<Integer> put(OutgoingMessage msg) {
        return async(() -> ready().put(msg));
    }

    /**
     * The replies of {@code msg} as they arrive: each subscription sends the request once and publishes
     * its replies, then completes (or fails with the kernel's error; with EBADF once closed). Honors the
     * subscriber's demand.
     *
     * @param msg the request, sent anew for each subscriber
     * @return a publisher of the replies (the data messages, without the closing ACK or NLMSG_DONE)
     */
    public Flow.Publisher<NetlinkMessage> stream(OutgoingMessage msg) {
        return subscriber -> {
            synchronized (this) {
                if (closed) {
                    refuse(subscriber);
                    return;
                }
            }
            SubmissionPublisher<NetlinkMessage> p = new SubmissionPublisher<>(executor, Flow.defaultBufferSize());
            p.subscribe(subscriber);
            executor.execute(() -> {
                try (Replies r = ready().stream(msg)) {
                    NetlinkMessage m;
                    while ((m = r.next()) != null) {
                        p.submit(m);
                    }
                    p.close();
                } catch (Throwable t) {
                    p.closeExceptionally(t);
                }
            });
        };
    }

    /**
     * Subscribes to the broadcast stream: every message no request claimed, and an
     * {@link NetlinkEvent.Overrun} where data was lost, in order. Once a subscriber exists the stream is
     * delivered to subscribers only ({@link #get()} is refused). A subscriber that does not keep up makes
     * the user-space buffer grow up to asyncQsize, after which an overrun is reported.
     *
     * @param subscriber receives the events; its stream completes at {@link #close()}, or fails with the error that
     *                   stopped the reading (a socket that cannot be made or bound, a receive error; EBADF
     *                   at once when the socket is already closed)
     */
    public synchronized void subscribe(Flow.Subscriber<? super NetlinkEvent> subscriber) {
        if (closed) {
            refuse(subscriber);
        } else if (broadcasts == null) {
            broadcasts = new SubmissionPublisher<>(executor, Flow.defaultBufferSize());
            SubmissionPublisher<NetlinkEvent> pub = broadcasts;
            broadcasts.subscribe(subscriber);
            executor.execute(() -> deliver(pub));
        } else {
            broadcasts.subscribe(subscriber);
        }
    }

    /** Tells a subscriber that came after {@link #close()} that the socket is closed (EBADF), as the futures do. */
    private static void refuse(Flow.Subscriber<?> subscriber) {
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
        subscriber.onError(new NetlinkException("async", Errno.EBADF, "socket closed"));
    }

    private void deliver(SubmissionPublisher<NetlinkEvent> pub) {
        NetlinkSocket s;
        try {
            s = ready();
        } catch (NetlinkException e) {
            pub.closeExceptionally(e);
            return;
        }
        while (true) {
            try {
                for (NetlinkMessage m : s.get()) {
                    pub.submit(new NetlinkEvent.Received(m));
                }
            } catch (OverrunException e) {
                pub.submit(e.overrun());
            } catch (NetlinkException e) {
                if (s.isClosed()) {
                    pub.close();
                } else {
                    pub.closeExceptionally(e);
                }
                return;
            } catch (MalformedMessageException e) {
                // its good messages were delivered before it; the stream goes on with the next datagram
                LOG.warn("malformed broadcast datagram skipped: {}", e.getMessage());
            } catch (RuntimeException e) {
                pub.closeExceptionally(e);
                return;
            }
        }
    }

    private NetlinkSocket forGet() throws NetlinkException {
        synchronized (this) {
            if (broadcasts != null) {
                throw new IllegalStateException("broadcasts are delivered to subscribers; get() is not available");
            }
        }
        return ready();
    }

    /**
     * The next batch of broadcasts (blocking); see {@link NetlinkSocket#get()}.
     *
     * @return the messages no request claimed, in arrival order
     * @throws IllegalStateException     once a subscriber exists (broadcasts go to subscribers only)
     * @throws OverrunException          once per loss, at its place in the stream (errno ENOBUFS)
     * @throws NetlinkException          EBADF once closed; the refusal of the socket's creation or bind; a receive
     *                                   error the reader thread met, once
     * @throws MalformedMessageException where a datagram nobody claimed is malformed, after its good messages
     */
    public List<NetlinkMessage> get() throws NetlinkException {
        return forGet().get();
    }

    /**
     * The next batch of broadcasts, waiting at most {@code timeout}.
     *
     * @param timeout the longest wait, or null for no bound
     * @return the messages no request claimed, in arrival order; empty when nothing came in time
     * @throws IllegalStateException     once a subscriber exists (broadcasts go to subscribers only)
     * @throws OverrunException          once per loss, at its place in the stream (errno ENOBUFS)
     * @throws NetlinkException          EBADF once closed; the refusal of the socket's creation or bind; a receive
     *                                   error the reader thread met, once
     * @throws MalformedMessageException where a datagram nobody claimed is malformed, after its good messages
     */
    public List<NetlinkMessage> get(Duration timeout) throws NetlinkException {
        return forGet().get(timeout);
    }

    /**
     * The underlying socket, for options and the synchronous API (created if needed).
     *
     * @return the socket; its reader thread starts at {@link #bind} or at the first request, put, stream, get or
     *         subscription
     * @throws NetlinkException EBADF once closed; the refusal of the socket's creation
     */
    public NetlinkSocket socket() throws NetlinkException {
        return open();
    }

    /**
     * The descriptor, or -1 before {@link #setupSocket()} and after close.
     *
     * @return the kernel socket's descriptor, or -1 when there is none
     */
    public synchronized int fileno() {
        return sock == null ? -1 : sock.fileno();
    }

    /**
     * Closes the socket: stops the reader (it wakes at once through an eventfd and is joined), fails pending
     * futures with EBADF, completes the broadcast stream, and frees the buffers. Idempotent.
     */
    @Override
    public void close() {
        NetlinkSocket s;
        SubmissionPublisher<NetlinkEvent> pub;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            s = sock;
            pub = broadcasts;
        }
        if (s != null) {
            s.close();
        }
        if (pub != null) {
            pub.close();
        }
        executor.shutdown();
    }

    /**
     * Unwraps the {@link CompletionException} of a failed future, for callers of {@code join()}.
     *
     * @param t what {@code join()} threw, or any throwable
     * @return the cause of a {@link CompletionException} that has one, else {@code t} itself
     */
    public static Throwable cause(Throwable t) {
        return t instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : t;
    }
}
