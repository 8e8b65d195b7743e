package io.jnetlink.socket;

import io.jnetlink.Errno;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.message.OutgoingMessage;
import io.jnetlink.sys.Libc;


import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A netlink socket: pyroute2's base socket in Java. Made from a {@link NetlinkSocketSpec}; the kernel socket is
 * created at construction ({@link #setupSocket()}), bound by {@link #bind} or automatically on first use with the
 * spec's groups.
 *
 * <p><b>Requests.</b> {@link #request} sends a message and collects its replies (an ACK, one reply, or a dump up to
 * NLMSG_DONE); {@link #stream} hands them out as they arrive. Errors in NLMSG_ERROR or NLMSG_DONE become
 * {@link NetlinkException}s. Every wait is bounded by the spec's timeout.
 *
 * <p><b>Threads.</b> Any number of threads, virtual ones included, may use one socket at once. Every reply reaches
 * exactly the request it answers (sequence number and port). The kernel runs one dump per socket at a time, so
 * dumps take turns, in order; other requests go out at once. One thread at a time receives for everyone (or the
 * reader thread, see {@link #bind(long, Integer, boolean)}); messages no request claimed (broadcasts, replies to
 * {@link #put}) go to {@link #get()}. Datagrams not sent by the kernel are dropped. {@link #close()} is idempotent,
 * wakes every blocked thread at once (they get EBADF) and closes the descriptor once no thread uses it.
 *
 * <p><b>Faults</b> (each has a test): EINTR is retried; EAGAIN from sendto waits for room and retries; ENOBUFS (the
 * kernel dropped broadcasts) reaches {@link #get()} as an {@link OverrunException} at its place in the stream, and
 * reading goes on; a malformed datagram ends the request it answers with a {@link MalformedMessageException} after
 * the well-formed messages before the fault (when the datagram names no request, every waiting request gets it);
 * a request without a reply within the timeout gets ETIMEDOUT and is forgotten.
 */
public class NetlinkSocket implements AutoCloseable {

    private static final int SO_MEMINFO = 55;
    private static final int SK_MEMINFO_DROPS = 8;
    /** How long close() waits for the threads inside to leave before it leaves the closing to the last of them. */
    private static final long CLOSE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long EXPIRE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** The most bytes of datagrams one get() takes from the backlog (one larger datagram is taken alone). */
    static final int GET_BATCH_BYTES = 256 * 1024;
    /** The longest a leader polls before it looks at its thread's interrupt status. */
    private static final long LEADER_POLL_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** A socket option of level SOL_NETLINK that is on or off. */
    public enum Option {
        /** NETLINK_PKTINFO: destination group as a control message. */
        PKTINFO(Netlink.NETLINK_PKTINFO),
        /** NETLINK_BROADCAST_ERROR: report broadcast delivery failures. */
        BROADCAST_ERROR(Netlink.NETLINK_BROADCAST_ERROR),
        /** NETLINK_NO_ENOBUFS: hide ENOBUFS (the loss still happens). */
        NO_ENOBUFS(Netlink.NETLINK_NO_ENOBUFS),
        /** NETLINK_LISTEN_ALL_NSID: broadcasts from every peered namespace. */
        LISTEN_ALL_NSID(Netlink.NETLINK_LISTEN_ALL_NSID),
        /** NETLINK_CAP_ACK: do not quote requests in ACKs. */
        CAP_ACK(Netlink.NETLINK_CAP_ACK),
        /** NETLINK_EXT_ACK: extended acknowledgements. */
        EXT_ACK(Netlink.NETLINK_EXT_ACK),
        /** NETLINK_GET_STRICT_CHK: strict request checking. */
        GET_STRICT_CHK(Netlink.NETLINK_GET_STRICT_CHK);

        private final int value;

        Option(int value) {
            this.value = value;
        }

        /**
         * The option's number at level SOL_NETLINK, as {@code setsockopt} takes it (e.g. 11 for NETLINK_EXT_ACK).
         *
         * @return the option number
         */
        public int value() {
            return value;
        }
    }

    private final NetlinkSocketSpec spec;
    private final Libc libc;
    private final Marshal marshal;

    /** Guards everything below, the tracker, the backlog and the receiver's role. */
    final ReentrantLock lock = new ReentrantLock();
    /** The receiving role changed hands, or a thread left the descriptor. */
    final Condition roleChanged = lock.newCondition();
    private final Condition backlogReady = lock.newCondition();
    final RequestTracker tracker = new RequestTracker();
    final Backlog backlog;
    private final Receiver receiver;
    private final RequestTracker.Routed scratch = new RequestTracker.Routed();
    /** Conditions of the threads waiting, oldest first: one of them takes the receiving role when it is free. */
    private final ArrayDeque<Condition> waiting = new ArrayDeque<>();
    private final Object bindLock = new Object();

    // guarded by lock
    /** The kernel socket; null once closed. */
    private Descriptor descriptor;
    private boolean closed;
    private boolean swapping;
    /** Counts re-creations: a thread waiting across one gets EBADF. */
    private int generation;
    private long overrunEpisodes;
    private long lastExpire;

    private volatile long port = -1;
    private volatile boolean blocking = true;
    /** Groups 33..64 joined by bind (the mask covers 1..32), to leave them when a rebind drops them. */
    private long boundHighGroups;

    /**
     * A socket with every default: generic netlink (NETLINK_GENERIC), in the caller's network namespace. The kernel
     * socket is created now and bound on first use.
     *
     * @throws NetlinkException when the kernel refuses to create the socket or to apply its options
     */
    public NetlinkSocket() throws NetlinkException {
        this(NetlinkSocketSpec.defaults());
    }

    /**
     * A socket of {@code spec}, with the marshal for its family (no definitions: pass a {@link Marshal} that has
     * them to decode attributes by name).
     *
     * @param spec the socket's options (family, namespace, buffers, timeout, ...)
     * @throws NetlinkException when the socket cannot be created (a missing namespace without O_CREAT is ENOENT), an
     *                          adopted descriptor is not a netlink socket of the spec's family (EINVAL), or the
     *                          kernel refuses one of the spec's options
     */
    public NetlinkSocket(NetlinkSocketSpec spec) throws NetlinkException {
        this(spec, Marshal.forFamily(spec.family()));
    }

    /**
     * A socket of {@code spec} decoding through {@code marshal} (how providers plug in their definitions).
     *
     * @param spec    the socket's options (family, namespace, buffers, timeout, ...)
     * @param marshal splits and decodes what the socket receives; it should be made for the spec's family
     * @throws NetlinkException as {@link #NetlinkSocket(NetlinkSocketSpec)} does
     */
    public NetlinkSocket(NetlinkSocketSpec spec, Marshal marshal) throws NetlinkException {
        this.spec = spec;
        this.libc = spec.libc();
        this.marshal = marshal;
        this.backlog = new Backlog(spec.asyncQsize(), spec.asyncBytes(), libc::allocate);
        this.receiver = new Receiver(this, libc, spec.rcvsize());
        setupSocket();
    }

    /**
     * The options this socket was made from.
     *
     * @return the spec this socket was made from
     */
    public NetlinkSocketSpec spec() {
        return spec;
    }

    /**
     * The marshal that splits and decodes what this socket receives (and where generic netlink definitions are
     * registered).
     *
     * @return the marshal decoding received messages
     */
    public Marshal marshal() {
        return marshal;
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * (Re)creates the kernel socket: in the spec's namespace (creating a missing named one when flags has O_CREAT),
     * or adopting the spec's fileno/useSocket; then applies sndbuf, rcvbuf, extAck, strictCheck and allNs. On a
     * socket that is open already, requests still waiting fail with EBADF, the old descriptor is closed once no
     * thread uses it, and a running reader thread moves to the new one.
     *
     * @throws NetlinkException EBADF once the socket is closed; else as {@link #NetlinkSocket(NetlinkSocketSpec)}
     */
    public final void setupSocket() throws NetlinkException {
        synchronized (bindLock) {
            boolean hadReader;
            lock.lock();
            try {
                if (closed) {
                    throw closedException("setupSocket");
                }
                hadReader = receiver.hasReader();
                if (descriptor != null) {
                    swapping = true;
                    generation++;
                    quiesce(new NetlinkException("request", Errno.EBADF, "the socket was re-created"));
                }
            } finally {
                lock.unlock();
            }
            try {
                Descriptor d = Descriptor.open(spec);
                lock.lock();
                try {
                    descriptor = d;
                    port = -1;
                    boundHighGroups = 0;
                    if (spec.fileno() != null || spec.useSocket() != null) {
                        long p = libc.getsockname(d.fd);
                        port = p > 0 ? p : -1;
                    }
                    if (hadReader) {
                        receiver.startReader();
                    }
                } finally {
                    lock.unlock();
                }
            } finally {
                lock.lock();
                try {
                    swapping = false;
                    roleChanged.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /**
     * Ends every request with {@code why}, wakes every waiting thread and every poller (the reader thread included),
     * stops the reader, waits a little (bounded) for the threads inside to leave, and releases the descriptor: it is
     * closed now if they left, else by the last one out. Lock held.
     */
    private void quiesce(NetlinkException why) {
        Descriptor d = descriptor;
        descriptor = null;
        scratch.clear();
        tracker.failAll(why, scratch);
        delivered(scratch, true);
        Thread r = receiver.stopReader();
        d.wake();
        signalWaiters();
        backlogReady.signalAll();
        roleChanged.signalAll();
        if (r != null && r != Thread.currentThread()) {
            lock.unlock();
            try {
                r.join(TimeUnit.NANOSECONDS.toMillis(CLOSE_WAIT_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.lock();
            }
        }
        long left = CLOSE_WAIT_NANOS;
        while (d.inUse() && left > 0) {
            try {
                left = roleChanged.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (d.inUse()) {
            Log.NETLINK.warn("netlink socket fd {}: threads are still inside; the last to leave closes it", d.fd);
        }
        d.release();
    }

    /**
     * Closes the socket: requests still waiting fail with EBADF, every blocked thread and the reader thread wake at
     * once, and the descriptor is closed as soon as no thread uses it (unless it was adopted through useSocket).
     * Idempotent.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            quiesce(closedException("request"));
            backlog.clear();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return true once {@link #close()} was called
     */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    boolean isClosedLocked() {
        return closed;
    }

    private static NetlinkException closedException(String op) {
        return new NetlinkException(op, Errno.EBADF, "socket closed");
    }

    /** Marks the start of an operation that uses the descriptor; returns it (to {@link #exit} once done). */
    Descriptor enter(String op) throws NetlinkException {
        lock.lock();
        try {
            while (swapping && !closed) {
                roleChanged.awaitUninterruptibly();
            }
            if (closed) {
                throw closedException(op);
            }
            descriptor.enter();
            return descriptor;
        } finally {
            lock.unlock();
        }
    }

    /** The end of an operation begun by {@link #enter}. */
    void exit(Descriptor d) {
        lock.lock();
        try {
            d.exit();
            roleChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ binding and options

    /**
     * Binds with the spec's groups and an automatic port (see {@link #bind(long, Integer)}).
     *
     * @throws NetlinkException the kernel's refusal (errno named after "bind"); EBADF once closed
     */
    public void bind() throws NetlinkException {
        bind(spec.groups(), null);
    }

    /**
     * Binds the socket, or rebinds it: the groups given replace those joined by an earlier bind, as pyroute2 does.
     *
     * @param groups the multicast groups to join, bit n-1 for group n; groups 1..32 go into the bind mask, 33..64
     *               are joined with NETLINK_ADD_MEMBERSHIP (for any other group use {@link #addMembership})
     * @param pid    null: the port already bound, else one chosen by the kernel (or {@code pid + (port << 22)} when
     *               the spec has a port); 0: the process id; n: n. A bound socket keeps its port: another one is
     *               refused by the kernel (EINVAL).
     *               With groups, the kernel queue is first raised for storms unless the spec sets rcvbuf (see
     *               {@link NetlinkSocketSpec#MULTICAST_RCVBUF}).
     * @throws NetlinkException the kernel's refusal (errno named after "bind")
     */
    public void bind(long groups, Integer pid) throws NetlinkException {
        Descriptor d = enter("bind");
        try {
            synchronized (bindLock) {
                int nlpid;
                if (pid == null) {
                    nlpid = port >= 0 ? (int) port : spec.port() == null ? 0
                            : (spec.pid() != null ? spec.pid() : libc.getpid()) + (spec.port() << 22);
                } else if (pid == 0) {
                    nlpid = libc.getpid();
                } else {
                    nlpid = pid;
                }
                if (groups != 0) {
                    sizeForGroups(d);
                }
                int r = libc.bind(d.fd, nlpid, (int) groups);
                if (r < 0) {
                    throw new NetlinkException("bind", -r, "port id " + Integer.toUnsignedString(nlpid)
                            + ", groups 0x" + Long.toHexString(groups) + (port >= 0 && r == -Errno.EINVAL
                            ? " (the socket is bound to port " + port + " already)" : ""));
                }
                long high = groups & 0xffffffff00000000L;
                for (int g = 33; g <= 64; g++) {
                    long bit = 1L << (g - 1);
                    if ((high & bit) != 0 && (boundHighGroups & bit) == 0) {
                        d.setInt(Netlink.SOL_NETLINK, Netlink.NETLINK_ADD_MEMBERSHIP, g);
                    } else if ((high & bit) == 0 && (boundHighGroups & bit) != 0) {
                        d.setInt(Netlink.SOL_NETLINK, Netlink.NETLINK_DROP_MEMBERSHIP, g);
                    }
                }
                boundHighGroups = high;
                long p = libc.getsockname(d.fd);
                if (p < 0) {
                    throw new NetlinkException("getsockname", (int) -p, null);
                }
                port = p;
            }
        } finally {
            exit(d);
        }
    }

    /**
     * Binds like {@link #bind(long, Integer)}; with {@code asyncCache} it also starts the reader thread (pyroute2's
     * async_cache): a platform thread that only drains the kernel socket into a user-space buffer, so broadcast
     * bursts do not overflow the kernel's queue. Requests and {@link #get()} then wait for the reader instead of
     * receiving themselves. The reader stops at {@link #close()}.
     *
     * @param groups     the multicast groups to join, as for {@link #bind(long, Integer)}
     * @param pid        the port id to bind, as for {@link #bind(long, Integer)}
     * @param asyncCache true to start the reader thread (nothing more happens when it runs already)
     * @throws NetlinkException the kernel's refusal of the bind; EBADF once closed
     */
    public void bind(long groups, Integer pid, boolean asyncCache) throws NetlinkException {
        bind(groups, pid);
        if (asyncCache) {
            startReader();
        }
    }

    /** Starts the reader thread on the bound socket, its groups unchanged (nothing happens when it runs already). */
    void startReader() throws NetlinkException {
        Descriptor d = enter("start reader");
        try {
            lock.lock();
            try {
                receiver.startReader();
            } finally {
                lock.unlock();
            }
        } finally {
            exit(d);
        }
    }

    /**
     * Whether the reader thread drains this socket (started by {@link #bind(long, Integer, boolean)}).
     *
     * @return true when the reader thread runs
     */
    public boolean hasReader() {
        lock.lock();
        try {
            return receiver.hasReader();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The socket's kernel drop counter: SO_MEMINFO's SK_MEMINFO_DROPS, which /proc/net/netlink shows as Drops.
     *
     * @return messages the kernel dropped for this socket since it was created, or 0 when the kernel reports no
     *         SO_MEMINFO
     * @throws NetlinkException the kernel's refusal of {@code getsockopt}; EBADF once closed
     */
    public long kernelDrops() throws NetlinkException {
        byte[] m = getsockopt(Netlink.SOL_SOCKET, SO_MEMINFO, 36);
        return m.length >= 36 ? Integer.toUnsignedLong(ByteBuffer.wrap(m).order(ByteOrder.nativeOrder())
                .getInt(SK_MEMINFO_DROPS * 4)) : 0;
    }

    /**
     * Gives a socket that joins multicast groups a kernel queue sized for storms, once, unless the spec sets rcvbuf:
     * SO_RCVBUFFORCE to {@link NetlinkSocketSpec#MULTICAST_RCVBUF} where the process has CAP_NET_ADMIN, else
     * SO_RCVBUF, which the kernel caps at rmem_max (so it never lowers the queue the spec's default gave). Best
     * effort: a refusal leaves the queue as it was. bindLock held.
     */
    private void sizeForGroups(Descriptor d) {
        if (spec.rcvbufSet() || d.sizedForGroups) {
            return;
        }
        d.sizedForGroups = true;
        String how = "SO_RCVBUFFORCE";
        int r = libc.setsockopt(d.fd, Netlink.SOL_SOCKET, Netlink.SO_RCVBUFFORCE, NetlinkSocketSpec.MULTICAST_RCVBUF);
        if (r < 0) {
            how = "SO_RCVBUF (SO_RCVBUFFORCE: " + io.jnetlink.Errno.name(-r) + ", it needs CAP_NET_ADMIN)";
            r = libc.setsockopt(d.fd, Netlink.SOL_SOCKET, Netlink.SO_RCVBUF, NetlinkSocketSpec.MULTICAST_RCVBUF);
        }
        if (Log.NETLINK.isDebugEnabled()) {
            byte[] v = new byte[4];
            int g = libc.getsockopt(d.fd, Netlink.SOL_SOCKET, Netlink.SO_RCVBUF, v);
            Log.NETLINK.debug("netlink socket fd {} joins groups: kernel queue {} bytes, set with {}{}", d.fd,
                    g >= 4 ? Descriptor.int32(v) : "?", how, r < 0 ? " (refused: " + io.jnetlink.Errno.name(-r) + ")" : "");
        }
    }

    private void ensureBound() throws NetlinkException {
        if (port < 0) {
            synchronized (bindLock) {
                if (port < 0) {
                    bind(spec.groups(), null);
                }
            }
        }
    }

    /**
     * The socket's netlink port id (nl_pid), as the kernel reports it after the bind.
     *
     * @return the bound port id (unsigned), or -1 before binding
     */
    public long port() {
        return port;
    }

    /**
     * The kernel socket's descriptor (see {@link NetlinkPoller}); a re-creation ({@link #setupSocket()}) may change it.
     *
     * @return the file descriptor, for poll/select/epoll loops; -1 once closed
     */
    public int fileno() {
        lock.lock();
        try {
            return descriptor == null ? -1 : descriptor.fd;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocking (default) or non-blocking mode. Non-blocking sets O_NONBLOCK on the descriptor, and {@link #get()}
     * then returns an empty list at once when nothing is there.
     *
     * @param b true for blocking mode, false for non-blocking
     * @throws NetlinkException the kernel's refusal of {@code fcntl}; EBADF once closed
     */
    public void setBlocking(boolean b) throws NetlinkException {
        Descriptor d = enter("setBlocking");
        try {
            int r = libc.setNonBlocking(d.fd, !b);
            if (r < 0) {
                throw new NetlinkException("fcntl O_NONBLOCK", -r, null);
            }
            blocking = b;
        } finally {
            exit(d);
        }
    }

    /**
     * Whether the socket is in blocking mode (see {@link #setBlocking(boolean)}).
     *
     * @return true in blocking mode
     */
    public boolean isBlocking() {
        return blocking;
    }

    /**
     * Sets a socket option with an int value ({@code setsockopt} with a 4-byte value).
     *
     * @param level  the option's level, e.g. {@link Netlink#SOL_SOCKET} or {@link Netlink#SOL_NETLINK}
     * @param option the option's number at that level, e.g. {@link Netlink#SO_RCVBUF}
     * @param value  the value
     * @throws NetlinkException the kernel's refusal (its errno); EBADF once closed
     */
    public void setsockopt(int level, int option, int value) throws NetlinkException {
        Descriptor d = enter("setsockopt");
        try {
            d.setInt(level, option, value);
        } finally {
            exit(d);
        }
    }

    /**
     * Sets a socket option with a value of any length ({@code setsockopt} with these bytes).
     *
     * @param level  the option's level, e.g. {@link Netlink#SOL_SOCKET} or {@link Netlink#SOL_NETLINK}
     * @param option the option's number at that level
     * @param value  the value's bytes, passed as they are (in the layout and host byte order the option expects)
     * @throws NetlinkException the kernel's refusal (its errno); EBADF once closed
     */
    public void setsockopt(int level, int option, byte[] value) throws NetlinkException {
        Descriptor d = enter("setsockopt");
        try {
            int r = libc.setsockopt(d.fd, level, option, value);
            if (r < 0) {
                throw new NetlinkException("setsockopt(" + level + ", " + option + ")", -r, null);
            }
        } finally {
            exit(d);
        }
    }

    /**
     * Reads a socket option with an int value ({@code getsockopt} with a 4-byte buffer).
     *
     * @param level  the option's level, e.g. {@link Netlink#SOL_SOCKET} or {@link Netlink#SOL_NETLINK}
     * @param option the option's number at that level
     * @return the value in host byte order; when the kernel wrote fewer than 4 bytes, its first byte (signed), or 0
     *         when it wrote none
     * @throws NetlinkException the kernel's refusal (its errno); EBADF once closed
     */
    public int getsockopt(int level, int option) throws NetlinkException {
        byte[] b = getsockopt(level, option, 4);
        return b.length >= 4 ? Descriptor.int32(b) : b.length == 0 ? 0 : b[0];
    }

    /**
     * Reads a socket option of up to {@code maxLength} bytes ({@code getsockopt} with a buffer of that size).
     *
     * @param level     the option's level, e.g. {@link Netlink#SOL_SOCKET} or {@link Netlink#SOL_NETLINK}
     * @param option    the option's number at that level
     * @param maxLength the size of the buffer offered to the kernel, in bytes
     * @return {@code getsockopt} of up to {@code maxLength} bytes: what the kernel wrote
     * @throws NetlinkException the kernel's refusal (its errno); EBADF once closed
     */
    public byte[] getsockopt(int level, int option, int maxLength) throws NetlinkException {
        Descriptor d = enter("getsockopt");
        try {
            byte[] v = new byte[maxLength];
            int r = libc.getsockopt(d.fd, level, option, v);
            if (r < 0) {
                throw new NetlinkException("getsockopt(" + level + ", " + option + ")", -r, null);
            }
            return r >= maxLength ? v : java.util.Arrays.copyOf(v, r);
        } finally {
            exit(d);
        }
    }

    /**
     * The size of the kernel's receive queue for this socket (SO_RCVBUF).
     *
     * @return the effective SO_RCVBUF in bytes (the kernel reports double the requested size)
     * @throws NetlinkException the kernel's refusal of {@code getsockopt}; EBADF once closed
     */
    public int getRcvbuf() throws NetlinkException {
        return getsockopt(Netlink.SOL_SOCKET, Netlink.SO_RCVBUF);
    }

    /**
     * Sets the kernel's receive queue size, SO_RCVBUF: capped by net.core.rmem_max.
     *
     * @param bytes the size asked for; the kernel caps it at rmem_max, then doubles it
     * @throws NetlinkException the kernel's refusal; EBADF once closed
     */
    public void setRcvbuf(int bytes) throws NetlinkException {
        setsockopt(Netlink.SOL_SOCKET, Netlink.SO_RCVBUF, bytes);
    }

    /**
     * Sets the kernel's receive queue size, SO_RCVBUFFORCE: ignores rmem_max; needs CAP_NET_ADMIN (EPERM otherwise).
     *
     * @param bytes the size asked for; the kernel doubles it
     * @throws NetlinkException EPERM without CAP_NET_ADMIN; another refusal of the kernel; EBADF once closed
     */
    public void setRcvbufForce(int bytes) throws NetlinkException {
        setsockopt(Netlink.SOL_SOCKET, Netlink.SO_RCVBUFFORCE, bytes);
    }

    /**
     * The socket's send buffer size (SO_SNDBUF).
     *
     * @return the effective SO_SNDBUF in bytes (the kernel reports double the requested size)
     * @throws NetlinkException the kernel's refusal of {@code getsockopt}; EBADF once closed
     */
    public int getSndbuf() throws NetlinkException {
        return getsockopt(Netlink.SOL_SOCKET, Netlink.SO_SNDBUF);
    }

    /**
     * Sets the socket's send buffer size, SO_SNDBUF: capped by net.core.wmem_max.
     *
     * @param bytes the size asked for; the kernel caps it at wmem_max, then doubles it
     * @throws NetlinkException the kernel's refusal; EBADF once closed
     */
    public void setSndbuf(int bytes) throws NetlinkException {
        setsockopt(Netlink.SOL_SOCKET, Netlink.SO_SNDBUF, bytes);
    }

    /**
     * Joins multicast group {@code group} (NETLINK_ADD_MEMBERSHIP; any group number, including > 32). Binds first
     * when the socket is not bound, so that the automatic bind cannot drop the membership, and raises the kernel
     * queue for storms as a bind with groups does.
     *
     * @param group the group number
     * @throws NetlinkException the kernel's refusal
     */
    public void addMembership(int group) throws NetlinkException {
        ensureBound();
        Descriptor d = enter("addMembership");
        try {
            synchronized (bindLock) {
                sizeForGroups(d);
            }
        } finally {
            exit(d);
        }
        setsockopt(Netlink.SOL_NETLINK, Netlink.NETLINK_ADD_MEMBERSHIP, group);
    }

    /**
     * Leaves multicast group {@code group} (NETLINK_DROP_MEMBERSHIP).
     *
     * @param group the group number (any, including > 32)
     * @throws NetlinkException the kernel's refusal; EBADF once closed
     */
    public void dropMembership(int group) throws NetlinkException {
        setsockopt(Netlink.SOL_NETLINK, Netlink.NETLINK_DROP_MEMBERSHIP, group);
    }

    /**
     * Turns a SOL_NETLINK on/off option on or off.
     *
     * @param option the option
     * @param on     true to turn it on
     * @throws NetlinkException the kernel's refusal (ENOPROTOOPT from a kernel that lacks the option); EBADF once
     *                          closed
     */
    public void setOption(Option option, boolean on) throws NetlinkException {
        setsockopt(Netlink.SOL_NETLINK, option.value(), on ? 1 : 0);
    }

    /**
     * Reads a SOL_NETLINK on/off option.
     *
     * @param option the option
     * @return whether a SOL_NETLINK on/off option is on
     * @throws NetlinkException the kernel's refusal (ENOPROTOOPT from a kernel that lacks the option); EBADF once
     *                          closed
     */
    public boolean getOption(Option option) throws NetlinkException {
        return getsockopt(Netlink.SOL_NETLINK, option.value()) != 0;
    }

    // ------------------------------------------------------------------ sending

    private static String opName(OutgoingMessage msg) {
        return "request " + (msg.definition() != null ? msg.definition().name() : "type " + msg.type());
    }

    /** Sends the bytes of {@code msg}, stamped; EINTR retried, EAGAIN waits for room until {@code deadline}. */
    private void send(Descriptor d, OutgoingMessage msg, int seq, int extraFlags, long deadline, String op)
            throws NetlinkException {
        byte[] b = msg.stamped(seq, (int) port, extraFlags | (spec.nlmEcho() ? Netlink.NLM_F_ECHO : 0));
        ByteBuffer bb = ByteBuffer.wrap(b);
        while (true) {
            long r;
            if (msg.isDump()) {
                // no receive may run while the kernel starts a dump: it could queue the DONE before the first part
                receiver.gate.lock();
                try {
                    r = libc.sendto(d.fd, bb, 0, b.length, 0);
                } finally {
                    receiver.gate.unlock();
                }
            } else {
                r = libc.sendto(d.fd, bb, 0, b.length, 0);
            }
            if (r == b.length) {
                return;
            }
            if (r == -Errno.EINTR) {
                continue;
            }
            if (r == -Errno.EAGAIN) {
                waitWritable(d, deadline, op);
                continue;
            }
            if (r < 0) {
                throw new NetlinkException(op, (int) -r, "sendto");
            }
            throw new NetlinkException(op, Errno.EMSGSIZE, "short send: " + r + " of " + b.length + " bytes");
        }
    }

    private void waitWritable(Descriptor d, long deadline, String op) throws NetlinkException {
        int[] fds = {d.fd, d.wakeFd};
        short[] events = {Libc.POLLOUT, Libc.POLLIN};
        short[] rev = new short[2];
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new NetlinkException(op, Errno.ETIMEDOUT, "the socket's send buffer stayed full");
            }
            int r = libc.poll(fds, events, rev, (int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000));
            if (r == -Errno.EINTR || r == 0) {
                continue;
            }
            if (r < 0) {
                throw new NetlinkException("poll", -r, null);
            }
            if (rev[1] != 0 && isClosed()) {
                throw closedException(op);
            }
            if ((rev[0] & (Libc.POLLOUT | Libc.POLLERR | Libc.POLLNVAL)) != 0) {
                return;
            }
        }
    }

    /**
     * Sends a message without waiting for replies; they arrive through {@link #get()}. A dump still waits for its
     * turn (the kernel runs one per socket), and its replies go to get(). No NLM_F_ACK is added: the kernel
     * acknowledges only a message that asks for it.
     *
     * @param msg the message; its sequence number and port id are stamped when it is sent
     * @return the sequence number it was sent with
     * @throws NetlinkException the send's errno; ETIMEDOUT when the send buffer stays full (or a dump waits for its
     *                          turn) longer than the spec's timeout; the refusal of the automatic bind; EBADF once
     *                          closed
     */
    public int put(OutgoingMessage msg) throws NetlinkException {
        String op = "put " + opName(msg).substring(8);
        Descriptor d = enter(op);
        try {
            ensureBound();
            long deadline = System.nanoTime() + spec.timeout().toNanos();
            if (!msg.isDump()) {
                int seq;
                lock.lock();
                try {
                    seq = tracker.nextSeq();
                } finally {
                    lock.unlock();
                }
                send(d, msg, seq, 0, deadline, op);
                return seq;
            }
            RequestTracker.Request r = register(msg, op, true, spec.timeout());
            sendTracked(d, r, deadline);
            return r.seq;
        } finally {
            exit(d);
        }
    }

    /**
     * Sends a request and collects (or, with the spec's nlmGenerator, streams) its replies. A request that is not a
     * dump is sent with NLM_F_ACK, so the kernel's ACK ends its replies; a dump ends at NLMSG_DONE. Each wait is
     * bounded by the spec's timeout.
     *
     * @param msg the request; its sequence number and port id are stamped when it is sent
     * @return the replies: the data messages, without the closing ACK or NLMSG_DONE
     * @throws NetlinkException          the kernel's error reply (when collecting; a stream throws it from
     *                                   {@link Replies}); ETIMEDOUT when a wait outlasts the timeout; EBADF when the
     *                                   socket is closed or re-created meanwhile; EINTR when the thread is interrupted;
     *                                   the send's errno
     * @throws MalformedMessageException when collecting and a reply is malformed, with the messages read before it
     */
    public Replies request(OutgoingMessage msg) throws NetlinkException {
        return request(msg, spec.timeout(), spec.nlmGenerator());
    }

    /**
     * Sends a request and collects its replies, each wait bounded by {@code timeout} (the spec's nlmGenerator does
     * not apply).
     *
     * @param msg     the request; its sequence number and port id are stamped when it is sent
     * @param timeout the longest wait for the kernel's next reply datagram (and for a dump's turn); positive
     * @return the replies, collected: the data messages, without the closing ACK or NLMSG_DONE
     * @throws IllegalArgumentException  when {@code timeout} is null, zero or negative
     * @throws NetlinkException          the kernel's error reply; ETIMEDOUT; EBADF when the socket is closed or
     *                                   re-created meanwhile; EINTR when the thread is interrupted; the send's errno
     * @throws MalformedMessageException when a reply is malformed, with the messages read before it
     */
    public Replies request(OutgoingMessage msg, Duration timeout) throws NetlinkException {
        return request(msg, timeout, false);
    }

    /**
     * Sends a request and hands replies out as datagrams arrive: the streaming form (pyroute2's nlm_generator), so a
     * huge dump never sits in memory at once.
     *
     * @param msg the request; its sequence number and port id are stamped when it is sent
     * @return the replies, read as they arrive; the kernel's errors come from its methods. Close it to stop early.
     * @throws NetlinkException ETIMEDOUT when a dump's turn does not come within the spec's timeout; EBADF once
     *                          closed; EINTR when the thread is interrupted; the send's errno
     */
    public Replies stream(OutgoingMessage msg) throws NetlinkException {
        return request(msg, spec.timeout(), true);
    }

    /**
     * Runs a dump until the kernel reports it consistent, at most {@code maxAttempts} times.
     *
     * @param msg         the dump request
     * @param maxAttempts how many times to run it at most, 1 or more
     * @return the replies of the first run without NLM_F_DUMP_INTR
     * @throws IllegalArgumentException  when {@code maxAttempts} is less than 1
     * @throws NetlinkException          with errno EINTR when every attempt came back with NLM_F_DUMP_INTR; else as
     *                                   {@link #request(OutgoingMessage, Duration)}
     * @throws MalformedMessageException when a reply is malformed
     */
    public List<NetlinkMessage> requestConsistent(OutgoingMessage msg, int maxAttempts) throws NetlinkException {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        for (int i = 0; i < maxAttempts; i++) {
            Replies r = request(msg, spec.timeout(), false);
            List<NetlinkMessage> l = r.list();
            if (!r.dumpInterrupted()) {
                return l;
            }
            Log.NETLINK.debug("{}: dump interrupted, attempt {} of {}", opName(msg), i + 1, maxAttempts);
        }
        throw new NetlinkException(opName(msg), Errno.EINTR, "dump interrupted (NLM_F_DUMP_INTR) "
                + maxAttempts + " times in a row");
    }

    private Replies request(OutgoingMessage msg, Duration timeout, boolean streaming) throws NetlinkException {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        String op = opName(msg);
        Descriptor d = enter(op);
        try {
            ensureBound();
            RequestTracker.Request r = register(msg, op, false, timeout);
            sendTracked(d, r, System.nanoTime() + timeout.toNanos());
            Replies replies = new Replies(this, r);
            if (!streaming) {
                replies.collect();
            }
            return replies;
        } finally {
            exit(d);
        }
    }

    private RequestTracker.Request register(OutgoingMessage msg, String op, boolean unclaimed, Duration timeout)
            throws NetlinkException {
        lock.lock();
        try {
            long now = System.nanoTime();
            if (now - lastExpire >= EXPIRE_INTERVAL_NANOS) {
                lastExpire = now;
                scratch.clear();
                tracker.expire(now, scratch);
                delivered(scratch, false);
            }
            RequestTracker.Request r = tracker.register(msg, op, unclaimed, timeout.toNanos(), now);
            r.waiter = lock.newCondition();
            return r;
        } finally {
            lock.unlock();
        }
    }

    /** Waits for a dump's turn (receiving for everyone meanwhile if nobody does), then sends the request. */
    private void sendTracked(Descriptor d, RequestTracker.Request r, long deadline) throws NetlinkException {
        lock.lock();
        try {
            if (!tracker.maySend(r) && !await(() -> tracker.maySend(r) || r.ended(), (Condition) r.waiter,
                    deadline, r.op, d)) {
                scratch.clear();
                tracker.timedOut(r, scratch);
                delivered(scratch, false);
                throw new NetlinkException(r.op, Errno.ETIMEDOUT, "waited " + Duration.ofNanos(r.timeoutNanos)
                        + " for the dump before it (the kernel runs one dump per socket at a time)");
            }
            if (r.ended()) {
                throw takeFault(r);
            }
        } catch (NetlinkException e) {
            if (!r.ended()) {
                scratch.clear();
                tracker.abandon(r, scratch);
                delivered(scratch, false);
            }
            throw e;
        } finally {
            lock.unlock();
        }
        try {
            send(d, r.message, r.seq, r.dump ? 0 : Netlink.NLM_F_ACK, deadline, r.op);
        } catch (NetlinkException e) {
            lock.lock();
            try {
                scratch.clear();
                tracker.sendFailed(r, scratch);
                delivered(scratch, false);
            } finally {
                lock.unlock();
            }
            throw e;
        }
    }

    /** The fault a request ended with before it was sent (the socket closed). Lock held. */
    private NetlinkException takeFault(RequestTracker.Request r) {
        for (RequestTracker.Delivery d : r.inbox) {
            if (d instanceof RequestTracker.Fault f && f.error() instanceof NetlinkException e) {
                return e;
            }
        }
        return closedException(r.op);
    }

    // ------------------------------------------------------------------ waiting (lock held)

    /**
     * Waits until {@code done} holds, taking the receiving role whenever nobody holds it. Returns false at the
     * deadline. Lock held.
     */
    private boolean await(BooleanSupplier done, Condition c, long deadline, String op, Descriptor d)
            throws NetlinkException {
        waiting.add(c);
        int gen = generation;
        try {
            while (!done.getAsBoolean()) {
                if (closed) {
                    throw closedException(op);
                }
                if (generation != gen) {
                    throw new NetlinkException(op, Errno.EBADF, "the socket was re-created");
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                if (!receiver.busy()) {
                    // a native poll does not see Thread.interrupt(): look again at least once a second
                    receiver.lead(d, Math.min(left, LEADER_POLL_NANOS));
                } else {
                    c.awaitNanos(left);
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetlinkException(op, Errno.EINTR, "interrupted while waiting");
        } finally {
            waiting.remove(c);
            if (!receiver.busy() && !waiting.isEmpty()) {
                waiting.peekFirst().signal(); // hand the receiving role on
            }
        }
    }

    /**
     * The deliveries queued for {@code r}, waiting for the next one when none is queued: returns the request's inbox
     * and puts the empty {@code spare} in its place, or null when its replies are complete. Taking the whole queue at
     * once costs one lock round per datagram instead of one per message.
     */
    ArrayDeque<RequestTracker.Delivery> awaitDeliveries(RequestTracker.Request r, ArrayDeque<RequestTracker.Delivery> spare)
            throws NetlinkException {
        Descriptor d = enter(r.op);
        lock.lock();
        try {
            long deadline = System.nanoTime() + r.timeoutNanos;
            if (!await(() -> !r.inbox.isEmpty() || r.ended(), (Condition) r.waiter, deadline, r.op, d)) {
                scratch.clear();
                tracker.timedOut(r, scratch);
                delivered(scratch, false);
                throw new NetlinkException(r.op, Errno.ETIMEDOUT, "no reply within " + Duration.ofNanos(r.timeoutNanos));
            }
            if (r.inbox.isEmpty()) {
                return null;
            }
            ArrayDeque<RequestTracker.Delivery> full = r.inbox;
            r.inbox = spare;
            return full;
        } catch (NetlinkException e) {
            if (!r.ended()) {
                scratch.clear();
                tracker.abandon(r, scratch);
                delivered(scratch, false);
            }
            throw e;
        } finally {
            lock.unlock();
            exit(d);
        }
    }

    /** Takes back the buffer of a datagram a consumer has read through to the end, for the next receive. */
    void recycle(byte[] buf) {
        receiver.recycle(buf);
    }

    /** The consumer stops reading {@code r}: its late replies are swallowed until its terminator. */
    void abandon(RequestTracker.Request r) {
        lock.lock();
        try {
            if (!r.ended()) {
                scratch.clear();
                tracker.abandon(r, scratch);
                delivered(scratch, false);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the waiters of what a receive (or a tracker change) touched. Lock held. */
    void delivered(RequestTracker.Routed routed, boolean backlogGrew) {
        for (RequestTracker.Request r : routed.touched) {
            if (r.waiter != null) {
                ((Condition) r.waiter).signalAll();
            }
        }
        if (backlogGrew) {
            backlogReady.signalAll();
        }
    }

    void signalBacklog() {
        backlogReady.signalAll();
    }

    /** Wakes every waiting thread (close, re-creation, the reader leaving). Lock held. */
    void signalWaiters() {
        for (Condition c : waiting) {
            c.signalAll();
        }
    }

    // ------------------------------------------------------------------ get()

    /**
     * The next batch of received messages that no request claimed (broadcasts, replies to {@link #put}); blocks
     * until there is one (or returns an empty list at once in non-blocking mode).
     *
     * @return the messages in arrival order; empty in non-blocking mode when nothing is there
     * @throws OverrunException         once per loss, at its place in the stream (errno ENOBUFS); the next call goes on
     * @throws NetlinkException         EBADF once closed; a receive error the reader thread met, once
     * @throws MalformedMessageException where a datagram nobody claimed is malformed, after its good messages
     */
    public List<NetlinkMessage> get() throws NetlinkException {
        return get(null);
    }

    /**
     * Like {@link #get()}, waiting at most {@code timeout}; an empty list when nothing came.
     *
     * @param timeout the longest wait, or null for no bound (non-blocking mode does not wait)
     * @return the messages in arrival order; empty when nothing came in time
     * @throws OverrunException          once per loss, at its place in the stream (errno ENOBUFS)
     * @throws NetlinkException          EBADF once closed; EINTR when the thread is interrupted; a receive error
     *                                   the reader thread met, once
     * @throws MalformedMessageException where a datagram nobody claimed is malformed, after its good messages
     */
    public List<NetlinkMessage> get(Duration timeout) throws NetlinkException {
        Descriptor d = enter("get");
        try {
            ensureBound();
            long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
            lock.lock();
            try {
                if (backlog.isEmpty()) {
                    if (!blocking) {
                        if (!receiver.busy()) {
                            receiver.lead(d, 0);
                        }
                    } else {
                        await(() -> !backlog.isEmpty(), backlogReady, deadline, "get", d);
                    }
                }
                return backlog.isEmpty() ? List.of() : drainBacklog();
            } finally {
                lock.unlock();
            }
        } finally {
            exit(d);
        }
    }

    /**
     * Takes the messages at the head of the backlog up to the next loss or fault (thrown when it is first), at most
     * {@value #GET_BATCH_BYTES} bytes of datagrams (or one larger datagram), split outside the lock so the receiver
     * never waits for parsing. A malformed chunk yields its good messages, and its fault comes next. Lock held on
     * entry and exit.
     */
    private List<NetlinkMessage> drainBacklog() throws NetlinkException {
        List<RequestTracker.Chunk> taken = new ArrayList<>();
        Backlog.Entry first = backlog.take(taken, GET_BATCH_BYTES);
        if (first instanceof Backlog.Lost l) {
            throw overrun(l);
        }
        if (first instanceof Backlog.Failed f) {
            throw rethrow(f.fault());
        }
        List<NetlinkMessage> out = new ArrayList<>();
        MalformedMessageException fault = null;
        int faulty = -1;
        BurstControl bc = receiver.burst();
        lock.unlock();
        try {
            for (int i = 0; i < taken.size() && fault == null; i++) {
                RequestTracker.Chunk c = taken.get(i);
                try {
                    marshal.split(c.buf(), c.start(), c.end(), spec.target(), c.nsid(), c.receivedNanos(), out);
                } catch (MalformedMessageException e) {
                    fault = e;
                    faulty = i;
                }
            }
            if (bc != null && bc.active()) {
                Thread.yield();
            }
        } finally {
            lock.lock();
        }
        if (fault != null) {
            // the chunks after the faulty one go back, then the fault before them; the rest of its datagram is lost
            backlog.pushBack(taken.subList(faulty + 1, taken.size()));
            if (out.isEmpty()) {
                throw fault;
            }
            backlog.pushBack(new Backlog.Failed(new RequestTracker.Fault(fault)));
        }
        return out;
    }

    /** The exception of a loss the consumer reached: the datagrams lost since the previous one. Lock held. */
    private OverrunException overrun(Backlog.Lost l) {
        NetlinkEvent.Overrun ev = new NetlinkEvent.Overrun(++overrunEpisodes, l.kernel, l.queue);
        JfrEvents.overrun(port, ev.episodes(), ev.kernelDrops(), ev.queueDrops());
        StringBuilder why = new StringBuilder();
        why.append(ev.lost()).append(ev.lost() == 1 ? " datagram lost" : " datagrams lost");
        if (l.kernel > 0 || l.queue == 0) {
            why.append(": ").append(l.kernel).append(" dropped by the kernel (the socket's receive queue was full)");
        }
        if (l.queue > 0) {
            why.append(l.kernel > 0 ? ", " : ": ").append(l.queue).append(" dropped by the user-space buffer (it held ")
                    .append("asyncQsize=").append(spec.asyncQsize()).append(" datagrams or asyncBytes=")
                    .append(spec.asyncBytes()).append(" bytes unread)");
        }
        return new OverrunException(ev, why.toString());
    }

    private static NetlinkException rethrow(RequestTracker.Fault f) throws NetlinkException {
        if (f.error() instanceof MalformedMessageException m) {
            throw m;
        }
        return (NetlinkException) f.error();
    }

    // ------------------------------------------------------------------ counters

    /**
     * Counts the datagrams this socket received from another process (a sender port id other than 0) and dropped.
     *
     * @return datagrams dropped because their sender was not the kernel
     */
    public long foreignDatagramsDropped() {
        lock.lock();
        try {
            return receiver.foreignDropped();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts the places where the kernel's losses were marked in the stream {@link #get()} reads.
     *
     * @return kernel loss episodes seen (ENOBUFS, or a rising drop counter)
     */
    public long kernelOverruns() {
        lock.lock();
        try {
            return backlog.kernelLosses();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts the datagrams the user-space buffer for {@link #get()} dropped because it was full.
     *
     * @return datagrams dropped because the backlog held asyncQsize unread ones (or its asyncBytes of native memory
     *         were taken)
     */
    public long backlogDropped() {
        lock.lock();
        try {
            return backlog.dropped();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts the requests in flight on this socket.
     *
     * @return requests the socket still tracks (waiting for their turn, their replies, or the end of them)
     */
    public int pendingRequests() {
        lock.lock();
        try {
            return tracker.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts the replies that arrived too late to be delivered.
     *
     * @return replies that came after their request had timed out (discarded)
     */
    public long lateReplies() {
        lock.lock();
        try {
            return tracker.lateReplies();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "NetlinkSocket[family=" + spec.family() + ", fd=" + fileno() + ", port=" + port
                + (spec.netns() != null ? ", netns=" + spec.netns() : "") + "]";
    }
}
