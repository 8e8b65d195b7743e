package io.jnetlink;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A netlink socket: pyroute2's base socket in Java. Made from a {@link NetlinkSocketSpec}; the kernel
 * socket is created at construction ({@link #setupSocket()}), bound on {@link #bind} or automatically on
 * first use with the spec's groups.
 *
 * <p><b>Requests.</b> {@link #request} sends a message and collects its replies: an ACK, one reply, or a
 * multipart dump up to NLMSG_DONE; errors (in NLMSG_ERROR or NLMSG_DONE) become {@link NetlinkException}.
 * {@link #stream} hands replies out as datagrams arrive. Every wait is bounded by the spec's timeout.
 *
 * <p><b>Threads.</b> Any number of threads may request at once. One thread at a time receives; it routes
 * each message by sequence number and port to the request it answers and everything else (broadcasts,
 * replies to {@link #put}) to the backlog read by {@link #get}. Datagrams not sent by the kernel are dropped.
 * {@link #close()} is idempotent and wakes every blocked thread, which then gets a
 * {@link NetlinkException} with errno EBADF.
 *
 * <p><b>Faults.</b> EINTR is retried. ENOBUFS (the kernel dropped broadcasts) reaches {@link #get} as a
 * NetlinkException with errno ENOBUFS in stream order, once per episode, and reading continues; the same
 * happens when more than {@code asyncQsize} unread messages pile up in the backlog. Malformed datagrams
 * reach the request they answer (or {@code get()}) as {@link MalformedMessageException}; the socket keeps
 * working. A datagram longer than rcvsize is reported as malformed (truncated).
 */
public class NetlinkSocket implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NetlinkSocket.class);

    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int EFD_CLOEXEC = 02000000;
    private static final int EFD_NONBLOCK = 04000;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_WAITFORONE = 0x10000;
    /** How often a reader blocked in recvmmsg wakes to notice close() (the issue asks for 100 ms at most). */
    private static final int READER_WAKE_MS = 50;
    private static final short POLLIN = 0x1;
    private static final short POLLNVAL = 0x20;
    private static final short[] POLL_EVENTS = {POLLIN, POLLIN};

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

        /** The option number. */
        public int value() {
            return value;
        }
    }

    /** A request waiting for its replies; guarded by the socket's lock. */
    static final class Pending {
        final int seq;
        final boolean dump;
        final OutgoingMessage request;
        /** Items not yet taken by the consumer; swapped out whole by {@link #awaitBatch}. */
        ArrayDeque<Object> queue = new ArrayDeque<>();
        /** Signalled when this request's queue grows, so a batch wakes only the threads it concerns. */
        final Condition ready;
        boolean done;
        boolean abandoned;

        Pending(int seq, boolean dump, OutgoingMessage request, Condition ready) {
            this.seq = seq;
            this.dump = dump;
            this.request = request;
            this.ready = ready;
        }
    }

    /** A broadcast datagram kept raw in the backlog: split by the consumer, not by the reader. */
    private record Datagram(byte[] data, int nsid, long receivedNanos) {
    }

    /** A unicast datagram split by the receiver: its messages, and the fault that ended the split, if any. */
    private record Split(List<NetlinkMessage> messages, MalformedMessageException fault, byte[] data) {
    }

    /**
     * An overrun marker in the backlog: kernel drops (ENOBUFS or a rising drop counter), or the user-space
     * buffer full. {@code kernelDrops} is the socket's drop counter when the loss was seen.
     */
    private static final class Overrun {
        final boolean kernel;
        final long kernelDrops;
        long lost;

        Overrun(boolean kernel, long kernelDrops) {
            this.kernel = kernel;
            this.kernelDrops = kernelDrops;
        }
    }

    private final NetlinkSocketSpec spec;
    private final Libc libc;
    private final Marshal marshal;
    private final AtomicInteger seq = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    /** Role changes, operations leaving, close. */
    private final Condition changed = lock.newCondition();
    /** The backlog grew (for get()). */
    private final Condition backlogReady = lock.newCondition();
    private final Object bindLock = new Object();

    // guarded by lock
    private int fd = -1;
    private int wakeFd = -1;
    private boolean ownsFd;
    private boolean closed;
    private boolean receiving;
    private int users;
    private volatile long port = -1;
    private volatile boolean blocking = true;
    private final Map<Integer, Pending> pending = new HashMap<>();
    private final ArrayDeque<Object> backlog = new ArrayDeque<>();
    private int backlogMessages;
    private long foreignDropped;
    private long kernelOverruns;
    private long backlogDropped;

    private long overrunEpisodes;
    /** The reader's drop-counter check reported a loss whose ENOBUFS has not been read yet. */
    private boolean enobufsPending;
    private Thread reader;
    private volatile BurstControl burst;

    // used only by the thread that holds the receiving role (the leader, or the reader thread)
    private Arena rxArena;
    private MemorySegment rxbuf;
    private final long[] rxLengths = new long[1];
    private final Libc.RecvInfo[] rxInfos = {new Libc.RecvInfo()};
    private int lastBatchDatagrams;
    private final int[] pollFds = new int[2];
    private final short[] revents = new short[2];

    /** Datagrams the reader thread takes per recvmmsg call. */
    static final int READER_BATCH = 64;

    /** A socket with every default: generic netlink. */
    public NetlinkSocket() throws NetlinkException {
        this(NetlinkSocketSpec.defaults());
    }

    /** A socket of {@code spec}, with the marshal for its family. */
    public NetlinkSocket(NetlinkSocketSpec spec) throws NetlinkException {
        this(spec, Marshal.forFamily(spec.family()));
    }

    /** A socket of {@code spec} decoding through {@code marshal} (how providers plug in their families). */
    public NetlinkSocket(NetlinkSocketSpec spec, Marshal marshal) throws NetlinkException {
        this.spec = spec;
        this.libc = spec.libc();
        this.marshal = marshal;
        setupSocket();
    }

    /** The spec this socket was made from. */
    public NetlinkSocketSpec spec() {
        return spec;
    }

    /** The marshal decoding received messages. */
    public Marshal marshal() {
        return marshal;
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * (Re)creates the kernel socket: in the spec's namespace (creating a missing named one when flags has
     * O_CREAT), or adopting the spec's fileno/useSocket; then applies sndbuf, rcvbuf, extAck, strictCheck
     * and allNs. Requests still waiting on the old socket fail.
     */
    public final void setupSocket() throws NetlinkException {
        lock.lock();
        try {
            if (closed) {
                throw closedException("setupSocket");
            }
            if (fd >= 0) {
                closeFds();
                for (Pending p : pending.values()) {
                    p.queue.add(new NetlinkException("request", Errno.EBADF, "the socket was re-created"));
                    p.done = true;
                }
                wakeAll();
                pending.clear();
            }
            int newFd;
            boolean adopted = spec.fileno() != null || spec.useSocket() != null;
            if (adopted) {
                newFd = spec.fileno() != null ? spec.fileno() : spec.useSocket();
                verifyAdopted(newFd);
            } else if (spec.netns() != null || spec.netnsFd() != null) {
                if (spec.netns() != null && !NetNS.exists(spec.netns())) {
                    if ((spec.flags() & NetlinkSocketSpec.O_CREAT) != 0 && !spec.netns().contains("/")) {
                        NetNS.create(spec.netns(), libc);
                    } else {
                        throw new NetlinkException("socket", Errno.ENOENT, "network namespace "
                                + NetNS.path(spec.netns()) + " does not exist");
                    }
                }
                newFd = NetNS.socketIn(libc, spec.netns() == null ? null : NetNS.path(spec.netns()).toString(),
                        spec.netnsFd(), AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, spec.family());
            } else {
                newFd = libc.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, spec.family());
                if (newFd < 0) {
                    throw new NetlinkException("socket(AF_NETLINK, SOCK_RAW, " + spec.family() + ")", -newFd, null);
                }
            }
            int w = libc.eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
            if (w < 0) {
                if (!adopted || spec.fileno() != null) {
                    libc.close(newFd);
                }
                throw new NetlinkException("eventfd", -w, null);
            }
            fd = newFd;
            wakeFd = w;
            ownsFd = spec.useSocket() == null;
            port = -1;
            try {
                setInt(Netlink.SOL_SOCKET, Netlink.SO_SNDBUF, spec.sndbuf());
                setInt(Netlink.SOL_SOCKET, Netlink.SO_RCVBUF, spec.rcvbuf());
                if (spec.extAck()) {
                    setInt(Netlink.SOL_NETLINK, Netlink.NETLINK_EXT_ACK, 1);
                }
                if (spec.strictCheck()) {
                    setInt(Netlink.SOL_NETLINK, Netlink.NETLINK_GET_STRICT_CHK, 1);
                }
                if (spec.allNs()) {
                    setInt(Netlink.SOL_NETLINK, Netlink.NETLINK_LISTEN_ALL_NSID, 1);
                }
            } catch (NetlinkException e) {
                closeFds();
                throw e;
            }
            if (adopted) {
                long p = libc.getsockname(fd);
                if (p > 0) {
                    port = p;
                }
            }
            if (rxArena == null) {
                rxArena = Arena.ofShared();
                rxbuf = rxArena.allocate(spec.rcvsize(), 8);
            }
        } finally {
            lock.unlock();
        }
    }

    private void verifyAdopted(int candidate) throws NetlinkException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(ValueLayout.JAVA_INT);
            int r = libc.getsockopt(candidate, Netlink.SOL_SOCKET, Netlink.SO_DOMAIN, v);
            if (r < 0) {
                throw new NetlinkException("adopt fd " + candidate, -r, "not an open socket");
            }
            if (v.get(ValueLayout.JAVA_INT, 0) != AF_NETLINK) {
                throw new NetlinkException("adopt fd " + candidate, Errno.EINVAL, "not a netlink socket (domain "
                        + v.get(ValueLayout.JAVA_INT, 0) + ")");
            }
            r = libc.getsockopt(candidate, Netlink.SOL_SOCKET, Netlink.SO_PROTOCOL, v);
            if (r >= 0 && v.get(ValueLayout.JAVA_INT, 0) != spec.family()) {
                throw new NetlinkException("adopt fd " + candidate, Errno.EINVAL, "netlink family "
                        + v.get(ValueLayout.JAVA_INT, 0) + ", spec says " + spec.family());
            }
        }
    }

    private void closeFds() {
        if (fd >= 0 && ownsFd) {
            libc.close(fd);
        }
        if (wakeFd >= 0) {
            libc.close(wakeFd);
        }
        fd = -1;
        wakeFd = -1;
    }

    /**
     * Closes the socket: wakes every thread blocked on it (they get EBADF), waits up to 2 s for them to
     * leave, then closes the descriptor (unless it was adopted through useSocket). Idempotent.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            wakeAll();
            if (wakeFd >= 0) {
                try (Arena a = Arena.ofConfined()) {
                    MemorySegment one = a.allocate(ValueLayout.JAVA_LONG);
                    one.set(ValueLayout.JAVA_LONG, 0, 1L);
                    libc.write(wakeFd, one, 8);
                }
            }
            long left = TimeUnit.SECONDS.toNanos(2);
            while ((users > 0 || receiving) && left > 0) {
                left = changed.awaitNanos(left);
            }
            Thread r = reader;
            if (r != null && r != Thread.currentThread()) {
                lock.unlock();
                try {
                    r.join(TimeUnit.SECONDS.toMillis(2));
                } finally {
                    lock.lock();
                }
            }
            if (users > 0 || receiving) {
                LOG.warn("closing netlink socket fd {} while {} operations have not returned", fd, users);
            } else if (rxArena != null) {
                rxArena.close();
                rxArena = null;
            }
            closeFds();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeFds();
        } finally {
            lock.unlock();
        }
    }

    /** True once {@link #close()} was called. */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    private NetlinkException closedException(String op) {
        return new NetlinkException(op, Errno.EBADF, "socket closed");
    }

    /** Marks the start of an operation that uses the descriptor. */
    private int enter(String op) throws NetlinkException {
        lock.lock();
        try {
            if (closed) {
                throw closedException(op);
            }
            users++;
            return fd;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter: after close, a released receiving role, a re-created socket. Lock held. */
    private void wakeAll() {
        changed.signalAll();
        backlogReady.signalAll();
        for (Pending p : pending.values()) {
            p.ready.signalAll();
        }
    }

    private void exit() {
        lock.lock();
        try {
            users--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ binding and options

    /** Binds with the spec's groups and an automatic port (see {@link #bind(long, Integer)}). */
    public void bind() throws NetlinkException {
        bind(spec.groups(), null);
    }

    /**
     * Binds the socket.
     *
     * @param groups the multicast groups to join, bit n-1 for group n; groups 1..32 go into the bind mask,
     *               33..64 are joined with NETLINK_ADD_MEMBERSHIP (for any other group use {@link #addMembership})
     * @param pid    null: a unique port id chosen by the kernel (or {@code pid + (port << 22)} when the spec
     *               has a port); 0: the process id; n: n
     */
    public void bind(long groups, Integer pid) throws NetlinkException {
        int f = enter("bind");
        try {
            synchronized (bindLock) {
                int nlpid;
                if (pid == null) {
                    nlpid = spec.port() == null ? 0
                            : (spec.pid() != null ? spec.pid() : libc.getpid()) + (spec.port() << 22);
                } else if (pid == 0) {
                    nlpid = libc.getpid();
                } else {
                    nlpid = pid;
                }
                int r = libc.bind(f, nlpid, (int) groups);
                if (r < 0) {
                    throw new NetlinkException("bind", -r, "port id " + Integer.toUnsignedString(nlpid)
                            + ", groups 0x" + Long.toHexString(groups & 0xffffffffL));
                }
                for (int g = 33; g <= 64; g++) {
                    if ((groups >>> (g - 1) & 1) != 0) {
                        addMembership(g);
                    }
                }
                long p = libc.getsockname(f);
                if (p < 0) {
                    throw new NetlinkException("getsockname", (int) -p, null);
                }
                port = p;
            }
        } finally {
            exit();
        }
    }

    /**
     * Binds like {@link #bind(long, Integer)}; with {@code asyncCache} it also starts the reader thread
     * (pyroute2's async_cache): a platform thread that only drains the kernel socket into a user-space
     * buffer, so broadcast bursts do not overflow the kernel's queue. Requests and {@link #get()} then wait
     * for the reader instead of receiving themselves. The reader stops at {@link #close()}.
     */
    public void bind(long groups, Integer pid, boolean asyncCache) throws NetlinkException {
        bind(groups, pid);
        if (asyncCache) {
            startReader();
        }
    }

    /** True when the reader thread runs. */
    public boolean hasReader() {
        lock.lock();
        try {
            return reader != null && reader.isAlive();
        } finally {
            lock.unlock();
        }
    }

    private void startReader() throws NetlinkException {
        enter("start reader");
        try {
            lock.lock();
            try {
                if (reader != null) {
                    return;
                }
                reader = Thread.ofPlatform().name("jnetlink-reader-" + fd).daemon(true).unstarted(this::readerLoop);
                reader.start();
            } finally {
                lock.unlock();
            }
        } finally {
            exit();
        }
    }

    /** The reader thread: takes the receiving role for good and drains the socket in batches. */
    private void readerLoop() {
        MemorySegment buf;
        long[] lengths = new long[READER_BATCH];
        Libc.RecvInfo[] infos = new Libc.RecvInfo[READER_BATCH];
        for (int i = 0; i < READER_BATCH; i++) {
            infos[i] = new Libc.RecvInfo();
        }
        lock.lock();
        try {
            while (receiving && !closed) {
                changed.awaitUninterruptibly();
            }
            if (closed) {
                return;
            }
            receiving = true;
        } finally {
            lock.unlock();
        }
        BurstControl bc = new BurstControl(LOG, libc, libc.gettid());
        int timeoutFd = -1;
        boolean blockingReads = false;
        burst = bc;
        long lastDrops = kernelDropsQuietly();
        long lastDropCheck = System.nanoTime();
        long lastOverruns = 0;
        try (Arena arena = Arena.ofConfined()) {
            buf = arena.allocate((long) spec.rcvsize() * READER_BATCH, 8);
            while (true) {
                lock.lock();
                try {
                    if (closed) {
                        break;
                    }
                } finally {
                    lock.unlock();
                }
                int current = fileno();
                if (current != timeoutFd) { // first pass, or setupSocket() made a new socket
                    blockingReads = setReceiveTimeout(READER_WAKE_MS);
                    timeoutFd = current;
                }
                int got;
                if (blockingReads && blocking) {
                    // one blocking call per batch: returns as soon as one datagram is there, with all that
                    // are; SO_RCVTIMEO brings it back every READER_WAKE_MS to notice close()
                    got = receiveBatch(0, buf, lengths, infos, false, MSG_WAITFORONE);
                } else {
                    boolean full = lastBatchDatagrams == READER_BATCH;
                    got = receiveBatch(bc.active() ? TimeUnit.MILLISECONDS.toNanos(100) : TimeUnit.MILLISECONDS.toNanos(500),
                            buf, lengths, infos, !full, MSG_DONTWAIT);
                }
                bc.received(got, lastBatchDatagrams == READER_BATCH);
                long now = System.nanoTime();
                lock.lock();
                try {
                    Object oldest = backlog.peek();
                    bc.tick(now, backlogMessages, oldest instanceof NetlinkMessage m ? m.receivedNanos()
                            : oldest instanceof Datagram d ? d.receivedNanos() : now);
                    if (now - lastDropCheck >= TimeUnit.MILLISECONDS.toNanos(200)) {
                        lastDropCheck = now;
                        // NETLINK_NO_ENOBUFS hides the error, not the loss: a rising drop counter with no
                        // ENOBUFS reported since the last check is an overrun too
                        long drops = kernelDropsQuietly();
                        if (drops > lastDrops && kernelOverruns == lastOverruns) {
                            kernelOverrun(drops);
                            enobufsPending = true; // the kernel's ENOBUFS for this loss may still come
                        }
                        lastDrops = Math.max(lastDrops, drops);
                        lastOverruns = kernelOverruns;
                    }
                } finally {
                    lock.unlock();
                }
            }
        } catch (NetlinkException | RuntimeException e) {
            lock.lock();
            try {
                if (!closed) {
                    LOG.error("netlink reader thread stopped: {}", e.toString());
                    backlog.add(e);
                    for (Pending p : pending.values()) {
                        p.queue.add(e);
                        p.done = true;
                    }
                }
            } finally {
                lock.unlock();
            }
        } finally {
            burst = null;
            lock.lock();
            try {
                receiving = false;
                wakeAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** SO_RCVTIMEO: a blocking receive returns EAGAIN after {@code millis}; false when the kernel refused. */
    private boolean setReceiveTimeout(int millis) {
        byte[] tv = new byte[16];
        io.jnetlink.internal.Bytes.put64(tv, 8, millis * 1000L);
        try {
            setsockopt(Netlink.SOL_SOCKET, 20 /* SO_RCVTIMEO */, tv);
            return true;
        } catch (NetlinkException e) {
            LOG.debug("SO_RCVTIMEO refused ({}): the reader polls instead", e.errnoName());
            return false;
        }
    }

    /**
     * The socket's kernel drop counter: SO_MEMINFO's SK_MEMINFO_DROPS, which /proc/net/netlink shows as Drops.
     */
    public long kernelDrops() throws NetlinkException {
        byte[] m = getsockopt(Netlink.SOL_SOCKET, 55 /* SO_MEMINFO */, 36);
        return m.length >= 36 ? Integer.toUnsignedLong(io.jnetlink.internal.Bytes.i32(m, 32)) : 0;
    }

    private long kernelDropsQuietly() {
        try {
            return kernelDrops();
        } catch (NetlinkException e) {
            return 0;
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

    /** The bound port id (unsigned), or -1 before binding. */
    public long port() {
        return port;
    }

    /** The file descriptor, for poll/select/epoll loops; -1 once closed. */
    public int fileno() {
        lock.lock();
        try {
            return fd;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocking (default) or non-blocking mode. Non-blocking sets O_NONBLOCK on the descriptor, and
     * {@link #get()} then returns an empty list at once when nothing is there.
     */
    public void setBlocking(boolean b) throws NetlinkException {
        int f = enter("setBlocking");
        try {
            int r = libc.setNonBlocking(f, !b);
            if (r < 0) {
                throw new NetlinkException("fcntl O_NONBLOCK", -r, null);
            }
            blocking = b;
        } finally {
            exit();
        }
    }

    /** True in blocking mode. */
    public boolean isBlocking() {
        return blocking;
    }

    private void setInt(int level, int option, int value) throws NetlinkException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(ValueLayout.JAVA_INT);
            v.set(ValueLayout.JAVA_INT, 0, value);
            int r = libc.setsockopt(fd, level, option, v);
            if (r < 0) {
                throw new NetlinkException("setsockopt(" + level + ", " + option + ")", -r, null);
            }
        }
    }

    /** {@code setsockopt} with an int value. */
    public void setsockopt(int level, int option, int value) throws NetlinkException {
        enter("setsockopt");
        try {
            setInt(level, option, value);
        } finally {
            exit();
        }
    }

    /** {@code setsockopt} with a byte value. */
    public void setsockopt(int level, int option, byte[] value) throws NetlinkException {
        int f = enter("setsockopt");
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(Math.max(1, value.length));
            MemorySegment.copy(value, 0, v, ValueLayout.JAVA_BYTE, 0, value.length);
            int r = libc.setsockopt(f, level, option, v.asSlice(0, value.length));
            if (r < 0) {
                throw new NetlinkException("setsockopt(" + level + ", " + option + ")", -r, null);
            }
        } finally {
            exit();
        }
    }

    /** {@code getsockopt} of an int value. */
    public int getsockopt(int level, int option) throws NetlinkException {
        byte[] b = getsockopt(level, option, 4);
        return b.length >= 4 ? io.jnetlink.internal.Bytes.i32(b, 0) : b.length == 0 ? 0 : b[0];
    }

    /** {@code getsockopt} of up to {@code maxLength} bytes; returns what the kernel wrote. */
    public byte[] getsockopt(int level, int option, int maxLength) throws NetlinkException {
        int f = enter("getsockopt");
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(Math.max(4, maxLength));
            int r = libc.getsockopt(f, level, option, v.asSlice(0, maxLength));
            if (r < 0) {
                throw new NetlinkException("getsockopt(" + level + ", " + option + ")", -r, null);
            }
            return v.asSlice(0, Math.min(r, maxLength)).toArray(ValueLayout.JAVA_BYTE);
        } finally {
            exit();
        }
    }

    /** The effective SO_RCVBUF (the kernel reports double the requested size). */
    public int getRcvbuf() throws NetlinkException {
        return getsockopt(Netlink.SOL_SOCKET, Netlink.SO_RCVBUF);
    }

    /** SO_RCVBUF: capped by net.core.rmem_max. */
    public void setRcvbuf(int bytes) throws NetlinkException {
        setsockopt(Netlink.SOL_SOCKET, Netlink.SO_RCVBUF, bytes);
    }

    /** SO_RCVBUFFORCE: ignores rmem_max; needs CAP_NET_ADMIN (EPERM otherwise). */
    public void setRcvbufForce(int bytes) throws NetlinkException {
        setsockopt(Netlink.SOL_SOCKET, Netlink.SO_RCVBUFFORCE, bytes);
    }

    /** The effective SO_SNDBUF. */
    public int getSndbuf() throws NetlinkException {
        return getsockopt(Netlink.SOL_SOCKET, Netlink.SO_SNDBUF);
    }

    /** SO_SNDBUF: capped by net.core.wmem_max. */
    public void setSndbuf(int bytes) throws NetlinkException {
        setsockopt(Netlink.SOL_SOCKET, Netlink.SO_SNDBUF, bytes);
    }

    /** Joins multicast group {@code group} (NETLINK_ADD_MEMBERSHIP; any group number, including > 32). */
    public void addMembership(int group) throws NetlinkException {
        setsockopt(Netlink.SOL_NETLINK, Netlink.NETLINK_ADD_MEMBERSHIP, group);
    }

    /** Leaves multicast group {@code group} (NETLINK_DROP_MEMBERSHIP). */
    public void dropMembership(int group) throws NetlinkException {
        setsockopt(Netlink.SOL_NETLINK, Netlink.NETLINK_DROP_MEMBERSHIP, group);
    }

    /** Turns a SOL_NETLINK on/off option on or off. */
    public void setOption(Option option, boolean on) throws NetlinkException {
        setsockopt(Netlink.SOL_NETLINK, option.value(), on ? 1 : 0);
    }

    /** Reads a SOL_NETLINK on/off option. */
    public boolean getOption(Option option) throws NetlinkException {
        return getsockopt(Netlink.SOL_NETLINK, option.value()) != 0;
    }

    // ------------------------------------------------------------------ sending

    private int nextSeq() {
        int s;
        do {
            s = seq.incrementAndGet();
        } while (s == 0);
        return s;
    }

    private void send(int f, OutgoingMessage msg, int s, int extraFlags, String op) throws NetlinkException {
        byte[] b = msg.stamped(s, (int) port, extraFlags | (spec.nlmEcho() ? Netlink.NLM_F_ECHO : 0));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment seg = a.allocate(b.length);
            MemorySegment.copy(b, 0, seg, ValueLayout.JAVA_BYTE, 0, b.length);
            while (true) {
                long r = libc.sendto(f, seg, b.length, 0, 0, 0);
                if (r == -Errno.EINTR) {
                    continue;
                }
                if (r < 0) {
                    throw new NetlinkException(op, (int) -r, "sendto");
                }
                if (r != b.length) {
                    throw new NetlinkException(op, Errno.EINVAL, "short send: " + r + " of " + b.length + " bytes");
                }
                return;
            }
        }
    }

    private static String opName(OutgoingMessage msg) {
        return "request " + (msg.definition() != null ? msg.definition().name() : "type " + msg.type());
    }

    /**
     * Sends a message without waiting for replies; they arrive through {@link #get()}.
     *
     * @return the sequence number it was sent with
     */
    public int put(OutgoingMessage msg) throws NetlinkException {
        int f = enter("put");
        try {
            ensureBound();
            int s = nextSeq();
            send(f, msg, s, 0, "put " + opName(msg).substring(8));
            return s;
        } finally {
            exit();
        }
    }

    /** Sends a request and collects (or, with the spec's nlmGenerator, streams) its replies. */
    public Replies request(OutgoingMessage msg) throws NetlinkException {
        return request(msg, spec.timeout(), spec.nlmGenerator());
    }

    /** Sends a request and collects its replies, each wait bounded by {@code timeout}. */
    public Replies request(OutgoingMessage msg, Duration timeout) throws NetlinkException {
        return request(msg, timeout, false);
    }

    /**
     * Sends a request and hands replies out as datagrams arrive: the streaming form (pyroute2's
     * nlm_generator), so a huge dump never sits in memory at once.
     */
    public Replies stream(OutgoingMessage msg) throws NetlinkException {
        return request(msg, spec.timeout(), true);
    }

    /**
     * Runs a dump until the kernel reports it consistent, at most {@code maxAttempts} times.
     *
     * @throws NetlinkException with errno EINTR when every attempt came back with NLM_F_DUMP_INTR
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
            LOG.debug("{}: dump interrupted, attempt {} of {}", opName(msg), i + 1, maxAttempts);
        }
        throw new NetlinkException(opName(msg), Errno.EINTR, "dump interrupted (NLM_F_DUMP_INTR) "
                + maxAttempts + " times in a row");
    }

    private Replies request(OutgoingMessage msg, Duration timeout, boolean streaming) throws NetlinkException {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        int f = enter("request");
        try {
            ensureBound();
            int s = nextSeq();
            Pending p = new Pending(s, msg.isDump(), msg, lock.newCondition());
            lock.lock();
            try {
                pending.put(s, p);
            } finally {
                lock.unlock();
            }
            try {
                send(f, msg, s, msg.isDump() ? 0 : Netlink.NLM_F_ACK, opName(msg));
            } catch (NetlinkException e) {
                forget(p);
                throw e;
            }
            Replies r = new Replies(this, p, timeout.toNanos(), opName(msg));
            if (!streaming) {
                r.collect();
            }
            return r;
        } finally {
            exit();
        }
    }

    // ------------------------------------------------------------------ receiving

    /** Removes a finished request. */
    void forget(Pending p) {
        lock.lock();
        try {
            pending.remove(p.seq);
        } finally {
            lock.unlock();
        }
    }

    /** Stops collecting for a request: late replies are discarded until its end arrives. */
    void abandon(Pending p) {
        lock.lock();
        try {
            p.abandoned = true;
            p.queue.clear();
            if (p.done) {
                pending.remove(p.seq);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes every item queued for a request (messages and faults, in order), waiting for the next
     * datagram when none is queued: returns the request's queue and puts the empty {@code spare} in its
     * place, or returns null when its replies are complete. Receives on the caller's thread when no other
     * thread is receiving. Taking the whole queue at once costs one lock round per datagram instead of
     * one per message.
     */
    ArrayDeque<Object> awaitBatch(Pending p, ArrayDeque<Object> spare, long timeoutNanos, String op)
            throws NetlinkException {
        enter(op);
        try {
            long deadline = System.nanoTime() + timeoutNanos;
            lock.lock();
            try {
                while (true) {
                    if (!p.queue.isEmpty()) {
                        ArrayDeque<Object> full = p.queue;
                        p.queue = spare;
                        return full;
                    }
                    if (p.done) {
                        pending.remove(p.seq);
                        return null;
                    }
                    if (closed) {
                        throw closedException(op);
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        p.abandoned = true;
                        throw new NetlinkException(op, Errno.ETIMEDOUT, "no reply within "
                                + Duration.ofNanos(timeoutNanos));
                    }
                    if (!receiving) {
                        receiveAsLeader(left);
                    } else {
                        p.ready.awaitNanos(left);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.abandoned = true;
                throw new NetlinkException(op, Errno.EINTR, "interrupted while waiting");
            } finally {
                lock.unlock();
            }
        } finally {
            exit();
        }
    }

    /** Called with the lock held and no receiver: receives once without the lock. */
    private void receiveAsLeader(long timeoutNanos) throws NetlinkException {
        receiving = true;
        lock.unlock();
        try {
            receiveBatch(timeoutNanos, rxbuf, rxLengths, rxInfos, true, MSG_DONTWAIT);
        } finally {
            lock.lock();
            receiving = false;
            wakeAll();
        }
    }

    /**
     * Waits up to {@code timeoutNanos} for the socket (unless {@code poll} is false: the last batch was full,
     * so more is waiting, or {@code recvFlags} has MSG_WAITFORONE and the call itself blocks), then receives
     * up to {@code infos.length} datagrams into {@code buf} (slots of rcvsize bytes) and hands them out under
     * one lock: broadcast datagrams go to the backlog raw, to be
     * split by the consumer; unicast ones are split and routed to their requests. Returns the number of
     * datagrams taken. Called only by the thread holding the receiving role, without the lock.
     */
    private int receiveBatch(long timeoutNanos, MemorySegment buf, long[] lengths, Libc.RecvInfo[] infos, boolean poll,
                             int recvFlags) throws NetlinkException {
        int ms = timeoutNanos < 0 ? -1 : (int) Math.min(Integer.MAX_VALUE, (timeoutNanos + 999_999) / 1_000_000);
        int f;
        lock.lock();
        try {
            f = fd;
            pollFds[0] = fd;
            pollFds[1] = wakeFd;
        } finally {
            lock.unlock();
        }
        if (poll) {
            int r = libc.poll(pollFds, POLL_EVENTS, revents, ms);
            if (r == 0 || r == -Errno.EINTR) {
                return 0;
            }
            if (r < 0) {
                throw new NetlinkException("poll", -r, null);
            }
            if (revents[1] != 0) {
                return 0;
            }
            if ((revents[0] & POLLNVAL) != 0) {
                throw new NetlinkException("poll", Errno.EBADF, "the socket descriptor is not open");
            }
        }
        int slot = spec.rcvsize();
        int n = libc.recvmmsg(f, buf, slot, recvFlags, lengths, infos);
        lastBatchDatagrams = Math.max(n, 0);
        if (n == -Errno.EAGAIN || n == -Errno.EINTR) {
            return 0;
        }
        if (n == -Errno.ENOBUFS) {
            long drops = kernelDropsQuietly();
            lock.lock();
            try {
                if (enobufsPending) {
                    enobufsPending = false; // the drop-counter check already reported this loss
                } else {
                    kernelOverrun(drops);
                }
            } finally {
                lock.unlock();
            }
            LOG.debug("ENOBUFS on netlink fd {}: the kernel dropped messages", f);
            return 0;
        }
        if (n < 0) {
            throw new NetlinkException("recvmmsg", -n, null);
        }
        Object[] entries = new Object[n];
        int taken = 0;
        int foreign = 0;
        long now = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Libc.RecvInfo in = infos[i];
            if (in.senderPort != 0) {
                foreign++;
                LOG.debug("dropped a datagram from port {}: not the kernel", Integer.toUnsignedString(in.senderPort));
                continue;
            }
            long full = lengths[i];
            int len = (int) Math.min(full, slot);
            byte[] data = new byte[len];
            MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, (long) i * slot, data, 0, len);
            boolean truncated = in.truncated() || full > len;
            // a broadcast stays raw; with NLM_F_ECHO the kernel's unicast echo also carries the group, so
            // then every datagram takes the reply path
            if (in.senderGroups != 0 && !truncated && !spec.nlmEcho()) {
                entries[taken++] = new Datagram(data, in.nsid, now);
                continue;
            }
            List<NetlinkMessage> msgs = new ArrayList<>(Math.max(10, len >> 5)); // no regrowth for messages of 32+ bytes
            MalformedMessageException fault = null;
            try {
                marshal.split(data, len, spec.target(), in.nsid, now, msgs);
            } catch (MalformedMessageException e) {
                fault = e;
            }
            if (truncated) {
                // at the first incomplete message (whose seq names the request it answers), else at the cut
                fault = new MalformedMessageException("datagram of " + full + " bytes truncated to the " + len
                        + "-byte receive buffer (raise rcvsize)", fault != null ? fault.offset() : len, msgs);
            }
            entries[taken++] = new Split(msgs, fault, data);
        }
        lock.lock();
        try {
            foreignDropped += foreign;
            int backlogBefore = backlog.size();
            for (int i = 0; i < taken; i++) {
                if (entries[i] instanceof Datagram d) {
                    toBacklog(d);
                } else {
                    Split sp = (Split) entries[i];
                    dispatch(sp.messages(), sp.fault(), sp.data());
                }
            }
            if (backlog.size() != backlogBefore) {
                backlogReady.signalAll();
            }
        } finally {
            lock.unlock();
        }
        return taken;
    }

    /**
     * Routes messages to their requests or to the backlog and wakes those requests' waiters (the caller
     * wakes get() once per batch). Lock held.
     */
    private void dispatch(List<NetlinkMessage> msgs, MalformedMessageException fault, byte[] data) {
        List<Pending> touched = new ArrayList<>(1);
        int me = (int) port;
        Pending last = null; // the request of the previous message: a dump datagram answers one request
        for (NetlinkMessage m : msgs) {
            Pending p;
            if (m.port() != me) {
                p = null;
            } else if (last != null && last.seq == m.seq()) {
                p = last;
            } else {
                p = pending.get(m.seq());
            }
            if (p != null && !p.done) {
                if (p != last) {
                    if (!touched.contains(p)) {
                        touched.add(p);
                    }
                    last = p;
                }
                if (!p.abandoned) {
                    p.queue.add(m);
                }
                if (m.type() == Netlink.NLMSG_ERROR || m.type() == Netlink.NLMSG_DONE && p.dump) {
                    p.done = true;
                    if (p.abandoned) {
                        pending.remove(p.seq);
                    }
                }
            } else {
                toBacklog(m);
            }
        }
        if (fault != null) {
            int at = fault.offset();
            Pending owner = at + 12 <= data.length ? pending.get(io.jnetlink.internal.Bytes.i32(data, at + 8)) : null;
            if (owner != null && !touched.contains(owner)) {
                touched.add(owner);
            }
            if (touched.isEmpty()) {
                backlog.add(fault);
            }
            for (Pending p : touched) {
                if (!p.done) {
                    if (!p.abandoned) {
                        p.queue.add(fault);
                    }
                    p.done = true;
                }
            }
        }
        for (Pending p : touched) {
            p.ready.signalAll();
        }
    }

    /** Records a kernel loss episode in the stream, with the drop counter seen. Lock held. */
    private void kernelOverrun(long drops) {
        kernelOverruns++;
        backlog.add(new Overrun(true, drops));
        backlogReady.signalAll();
    }

    /** Queues a message or raw datagram for get(), or counts it dropped at asyncQsize. Lock held. */
    private void toBacklog(Object m) {
        if (backlogMessages >= spec.asyncQsize()) {
            backlogDropped++;
            Object last = backlog.peekLast();
            if (last instanceof Overrun o && !o.kernel) {
                o.lost++;
            } else {
                Overrun o = new Overrun(false, kernelDropsQuietly());
                o.lost = 1;
                backlog.add(o);
            }
            return;
        }
        backlog.add(m);
        backlogMessages++;
    }

    /**
     * The next batch of received messages that no request claimed (broadcasts, replies to {@link #put});
     * blocks until there is one (or returns an empty list at once in non-blocking mode).
     *
     * @throws NetlinkException ENOBUFS, once per overrun episode, at its place in the stream; EBADF once closed
     */
    public List<NetlinkMessage> get() throws NetlinkException {
        return get(null);
    }

    /** Like {@link #get()}, waiting at most {@code timeout}; an empty list when nothing came. */
    public List<NetlinkMessage> get(Duration timeout) throws NetlinkException {
        enter("get");
        try {
            ensureBound();
            long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
            lock.lock();
            try {
                while (true) {
                    if (!backlog.isEmpty()) {
                        return drainBacklog();
                    }
                    if (closed) {
                        throw closedException("get");
                    }
                    long left = deadline == Long.MAX_VALUE ? -1 : deadline - System.nanoTime();
                    if (deadline != Long.MAX_VALUE && left <= 0) {
                        return List.of();
                    }
                    if (!receiving) {
                        receiveAsLeader(blocking ? left : 0);
                        if (!blocking && backlog.isEmpty()) {
                            return List.of();
                        }
                    } else if (!blocking) {
                        return List.of();
                    } else if (left < 0) {
                        backlogReady.await();
                    } else {
                        backlogReady.awaitNanos(left);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetlinkException("get", Errno.EINTR, "interrupted while waiting");
            } finally {
                lock.unlock();
            }
        } finally {
            exit();
        }
    }

    /**
     * Takes the messages at the head of the backlog (up to the next overrun or fault, which is thrown when it
     * is first). Raw broadcast datagrams are split here, outside the lock, so the reader never waits for
     * parsing; a malformed one yields its good messages and its fault comes next. Lock held on entry and exit.
     */
    private List<NetlinkMessage> drainBacklog() throws NetlinkException {
        Object first = backlog.peek();
        if (first instanceof Overrun o) {
            backlog.poll();
            NetlinkEvent.Overrun ev = new NetlinkEvent.Overrun(++overrunEpisodes, o.kernelDrops, backlogDropped);
            throw new OverrunException(ev, o.kernel
                    ? "the kernel dropped messages: the socket's receive queue was full"
                    : o.lost + " messages dropped: the user-space buffer held asyncQsize=" + spec.asyncQsize() + " unread");
        }
        if (first instanceof RuntimeException e) {
            backlog.poll();
            throw e;
        }
        if (first instanceof NetlinkException e) {
            backlog.poll();
            throw e;
        }
        List<Object> taken = new ArrayList<>();
        while (backlog.peek() instanceof NetlinkMessage || backlog.peek() instanceof Datagram) {
            taken.add(backlog.poll());
        }
        backlogMessages -= taken.size();
        List<NetlinkMessage> out = new ArrayList<>(taken.size());
        MalformedMessageException fault = null;
        int faultAt = -1;
        BurstControl bc = burst;
        lock.unlock();
        try {
            for (int i = 0; i < taken.size() && fault == null; i++) {
                if (taken.get(i) instanceof NetlinkMessage m) {
                    out.add(m);
                } else {
                    Datagram d = (Datagram) taken.get(i);
                    try {
                        marshal.split(d.data(), d.data().length, spec.target(), d.nsid(), d.receivedNanos(), out);
                    } catch (MalformedMessageException e) {
                        fault = e;
                        faultAt = i;
                    }
                }
            }
            if (bc != null && bc.active()) {
                Thread.yield();
            }
        } finally {
            lock.lock();
        }
        if (fault != null) {
            for (int j = taken.size() - 1; j > faultAt; j--) {
                backlog.addFirst(taken.get(j));
                backlogMessages++;
            }
            if (out.isEmpty()) {
                throw fault;
            }
            backlog.addFirst(fault);
        }
        return out;
    }

    /** Datagrams dropped because their sender was not the kernel. */
    public long foreignDatagramsDropped() {
        lock.lock();
        try {
            return foreignDropped;
        } finally {
            lock.unlock();
        }
    }

    /** ENOBUFS episodes reported by the kernel. */
    public long kernelOverruns() {
        lock.lock();
        try {
            return kernelOverruns;
        } finally {
            lock.unlock();
        }
    }

    /** Messages dropped because the backlog held asyncQsize unread messages. */
    public long backlogDropped() {
        lock.lock();
        try {
            return backlogDropped;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "NetlinkSocket[family=" + spec.family() + ", fd=" + fd + ", port=" + port
                + (spec.netns() != null ? ", netns=" + spec.netns() : "") + "]";
    }
}
