package io.jnetlink.socket;

import io.jnetlink.Errno;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.sys.Libc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The receiving side of a {@link NetlinkSocket}: one thread at a time receives, and hands each datagram to the
 * {@link RequestTracker} (replies) or to the {@link Backlog} (broadcasts and what nobody claimed).
 *
 * <p>Without the reader thread, the receiving role goes to a thread that waits while nobody else receives (the
 * leader; the others wait for their deliveries). With the reader thread ({@link #startReader()}), a platform thread
 * holds the role for good: it only drains the kernel socket, in batches, with burst control, and keeps broadcasts
 * raw for the consumer to split. Every receive polls the socket together with the socket's eventfd, so
 * {@code close()} wakes a receiver at once.
 *
 * <p><b>Dumps and receives do not overlap.</b> The kernel produces the first part of a dump inside the
 * {@code sendmsg} that starts it, and queues it only after releasing the dump's lock; a {@code recvmsg} on the same
 * socket at that moment runs the dump on and can queue its NLMSG_DONE first (seen on 6.18: an address dump came back
 * as DONE, then its 17 addresses). So a dump request is sent while holding {@link #gate}, which every receive holds
 * around its {@code recvmmsg}.
 *
 * <p><b>Broadcasts are not allocated.</b> Each receive lands in this receiver's native batch buffer; a broadcast
 * datagram is then copied into the backlog's native ring, and only a reply (or what the tracker must split) is
 * copied into a {@code byte[]}.
 *
 * <p><b>Loss, counted and placed.</b> The kernel counts every datagram it drops for the socket (SO_MEMINFO's
 * SK_MEMINFO_DROPS, measured exact on 6.18). Once a broadcast is dropped, the kernel drops every broadcast for the
 * socket until its queue has been read empty, and it reports ENOBUFS at the next receive, before the datagrams that
 * were queued ahead of the loss. So the loss lies where a receive finds the queue empty: there the counter is
 * read, and its rise since the last mark is marked in the backlog (with ENOBUFS, even a rise of 0). Without
 * ENOBUFS (NETLINK_NO_ENOBUFS) the counter is also read when the queue empties after a full batch, and at most
 * every {@value #DROP_CHECK_MILLIS} ms, so every drop is marked, and the marks add up to the counter.
 *
 * <p>Faults: EINTR and EAGAIN are retried. Any other errno ends a leader's wait with that error. The reader thread
 * reports it (logged, and thrown once by {@code get()}) and carries on after a pause; it never dies silently.
 */
final class Receiver {
    /** Datagrams a leader takes per call. */
    static final int LEADER_BATCH = 2;
    /** Datagrams the reader thread takes per call. */
    static final int READER_BATCH = 64;
    /** Receive buffers kept for reuse. */
    static final int POOL_SIZE = 16;
    /** How often an idle reader looks at the socket's drop counter and burst state. */
    private static final long READER_IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** The longest the drop counter goes unread while the socket is read. */
    static final long DROP_CHECK_MILLIS = 200;
    private static final long DROP_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(DROP_CHECK_MILLIS);
    private static final int SO_MEMINFO = 55;
    private static final int SK_MEMINFO_DROPS = 8;
    /** The reader's pause after an unexpected receive error, doubling up to a second. */
    private static final long ERROR_PAUSE_MIN_MILLIS = 10;

    private final NetlinkSocket sock;
    private final Libc libc;
    private final int slot;
    private final int[] pollFds = new int[2];
    private final short[] pollEvents = {Libc.POLLIN, Libc.POLLIN};
    private final short[] revents = new short[2];
    private final RequestTracker.Routed routed = new RequestTracker.Routed();
    /**
     * Receive buffers (rcvsize bytes each) that consumers gave back: a dump read through a cursor takes its datagrams'
     * buffers from here and returns them, so it allocates none.
     */
    private final ArrayBlockingQueue<byte[]> pool = new ArrayBlockingQueue<>(POOL_SIZE);
    /** The datagrams of one receive, between the copy and the routing (used by the role holder only). */
    private final byte[][] handed = new byte[READER_BATCH][];
    /** Held around every recvmmsg, and by the sender of a dump request around its sendto (see the class comment). */
    final ReentrantLock gate = new ReentrantLock();

    // guarded by the socket's lock
    private boolean receiving;
    private Thread reader;
    private boolean stopping;
    private long foreignDropped;

    // used only by the thread holding the receiving role
    private ByteBuffer leaderBuf;
    private final long[] leaderLengths = new long[LEADER_BATCH];
    private final Libc.RecvInfo[] leaderInfos = infos(LEADER_BATCH);
    private boolean lastBatchFull;
    /** ENOBUFS since the last loss mark. */
    private boolean enobufs;
    /** A full batch since the drop counter was last read: the queue was deep. */
    private boolean deepRun;
    private long lastDropCheck;
    /** The descriptor whose drop counter {@link #markedDrops} is. */
    private Descriptor countedFor;
    /** The drop counter at the last loss mark (or when counting began). */
    private long markedDrops;
    private final byte[] meminfo = new byte[36];
    /** The drop counter as last read (for the JFR samples). */
    private volatile long lastDrops;

    /** The burst control of a running reader, read by consumers (to yield during bursts). */
    private volatile BurstControl burst;

    Receiver(NetlinkSocket sock, Libc libc, int rcvsize) {
        this.sock = sock;
        this.libc = libc;
        this.slot = rcvsize;
    }

    private static Libc.RecvInfo[] infos(int n) {
        Libc.RecvInfo[] a = new Libc.RecvInfo[n];
        for (int i = 0; i < n; i++) {
            a[i] = new Libc.RecvInfo();
        }
        return a;
    }

    /** True while a thread holds the receiving role (always, with the reader thread). Lock held. */
    boolean busy() {
        return receiving;
    }

    /** The running reader's burst control, or null. */
    BurstControl burst() {
        return burst;
    }

    /** Datagrams dropped because their sender was not the kernel. Lock held. */
    long foreignDropped() {
        return foreignDropped;
    }

    /**
     * Receives once as the leader, for at most {@code timeoutNanos} (0: only what is there). Called with the lock
     * held and the role free; releases the lock during the system calls.
     */
    void lead(Descriptor d, long timeoutNanos) throws NetlinkException {
        receiving = true;
        sock.lock.unlock();
        try {
            if (leaderBuf == null) {
                leaderBuf = libc.allocate(slot * LEADER_BATCH);
            }
            // rtnetlink and generic netlink queue a reply before sendto returns: try before polling
            receive(d, leaderBuf, leaderLengths, leaderInfos, true, timeoutNanos);
        } finally {
            sock.lock.lock();
            receiving = false;
        }
    }

    /**
     * One receive: up to {@code infos.length} datagrams, polling for at most {@code timeoutNanos} when none is
     * waiting. Returns the number received. Called without the lock by the role holder.
     */
    private int receive(Descriptor d, ByteBuffer buf, long[] lengths, Libc.RecvInfo[] infos, boolean tryFirst,
                        long timeoutNanos) throws NetlinkException {
        int fd = d.fd;
        int n = tryFirst ? recvmmsg(fd, buf, lengths, infos) : -Errno.EAGAIN;
        if (n == -Errno.EAGAIN || n == -Errno.EINTR) {
            if (timeoutNanos <= 0 && tryFirst) {
                lastBatchFull = false;
                if (n == -Errno.EAGAIN) {
                    drained(d);
                }
                return 0;
            }
            pollFds[0] = fd;
            pollFds[1] = d.wakeFd;
            int ms = (int) Math.min(Integer.MAX_VALUE, (Math.max(0, timeoutNanos) + 999_999) / 1_000_000);
            int r = libc.poll(pollFds, pollEvents, revents, ms);
            if (r == 0) {
                lastBatchFull = false;
                drained(d); // nothing came: the queue is empty
                return 0;
            }
            if (r == -Errno.EINTR || r > 0 && revents[1] != 0) {
                lastBatchFull = false;
                return 0; // a signal, or close() wrote the eventfd
            }
            if (r < 0) {
                throw new NetlinkException("poll", -r, null);
            }
            if ((revents[0] & Libc.POLLNVAL) != 0) {
                throw new NetlinkException("poll", Errno.EBADF, "the socket descriptor is not open");
            }
            n = recvmmsg(fd, buf, lengths, infos);
        }
        lastBatchFull = n == infos.length;
        if (n == -Errno.EAGAIN) {
            drained(d);
            return 0;
        }
        if (n == -Errno.EINTR) {
            return 0;
        }
        if (n == -Errno.ENOBUFS) {
            // reported before the datagrams queued ahead of the loss: it is marked once they are read
            enobufs = true;
            lastBatchFull = true; // receive again at once
            Log.NETLINK.debug("ENOBUFS on a netlink socket: the kernel dropped messages");
            return 0;
        }
        if (n < 0) {
            throw new NetlinkException("receive", -n, "recvmmsg");
        }
        hand(buf, lengths, infos, n);
        if (lastBatchFull) {
            deepRun = true;
        } else {
            drained(d);
        }
        return n;
    }

    private int recvmmsg(int fd, ByteBuffer buf, long[] lengths, Libc.RecvInfo[] infos) {
        gate.lock();
        try {
            return libc.recvmmsg(fd, buf, slot, Libc.MSG_DONTWAIT, lengths, infos);
        } finally {
            gate.unlock();
        }
    }

    /**
     * A receive found the kernel queue empty: where a loss lies (see the class comment). Reads the drop counter when
     * ENOBUFS came, after a deep run, or when it has not been read for a while, and marks what it rose by.
     */
    private void drained(Descriptor d) {
        long now = System.nanoTime();
        if (countedFor != d) {
            countedFor = d; // a new kernel socket: its drops count from its start
            markedDrops = d.baseDrops;
            lastDrops = markedDrops;
        }
        if (!enobufs && !deepRun && now - lastDropCheck < DROP_CHECK_NANOS) {
            return;
        }
        long drops = drops(d);
        lastDropCheck = now;
        deepRun = false;
        long rise = drops >= 0 ? Math.max(0, drops - markedDrops) : 0;
        if (rise > 0 || enobufs) {
            if (drops >= 0) {
                markedDrops = drops;
                lastDrops = drops;
            }
            enobufs = false;
            sock.lock.lock();
            try {
                sock.backlog.kernelLoss(rise);
                sock.signalBacklog();
            } finally {
                sock.lock.unlock();
            }
        }
    }

    /** The socket's kernel drop counter (SO_MEMINFO's SK_MEMINFO_DROPS), or -1 when it cannot be read. */
    private long drops(Descriptor d) {
        int r = libc.getsockopt(d.fd, Netlink.SOL_SOCKET, SO_MEMINFO, meminfo);
        if (r < meminfo.length) {
            return -1;
        }
        return Integer.toUnsignedLong(ByteBuffer.wrap(meminfo).order(ByteOrder.nativeOrder()).getInt(SK_MEMINFO_DROPS * 4));
    }

    /**
     * A buffer for a datagram of {@code len} bytes: one given back by a consumer when the datagram is large (a dump
     * part), else a fresh one of its size (an ACK or a single reply is cheaper to copy than to keep a whole buffer
     * alive for).
     */
    private byte[] buffer(int len) {
        if (len > slot / 4) {
            byte[] b = pool.poll();
            return b != null ? b : new byte[slot];
        }
        return new byte[len];
    }

    /** Takes back a buffer a consumer has read to the end (one of {@link #buffer(int)}'s large ones). */
    void recycle(byte[] b) {
        if (b.length == slot) {
            pool.offer(b);
        }
    }

    /**
     * Hands {@code n} received datagrams on, under one lock: a broadcast is copied into the backlog's ring; the rest
     * is copied into arrays (before the lock) and routed by the tracker.
     */
    private void hand(ByteBuffer buf, long[] lengths, Libc.RecvInfo[] infos, int n) {
        byte[][] data = handed;
        long now = System.nanoTime();
        boolean echo = sock.spec().nlmEcho();
        for (int i = 0; i < n; i++) {
            Libc.RecvInfo in = infos[i];
            if (in.senderPort != 0 || broadcast(in, lengths[i], echo)) {
                continue;
            }
            int len = (int) Math.min(lengths[i], slot);
            data[i] = buffer(len);
            buf.get(i * slot, data[i], 0, len);
        }
        sock.lock.lock();
        try {
            int port = (int) sock.port();
            routed.clear();
            boolean backlogGrew = false;
            for (int i = 0; i < n; i++) {
                Libc.RecvInfo in = infos[i];
                if (in.senderPort != 0) {
                    foreignDropped++;
                    Log.NETLINK.debug("dropped a datagram from port {}: not the kernel", Integer.toUnsignedString(in.senderPort));
                    continue;
                }
                if (broadcast(in, lengths[i], echo)) {
                    sock.backlog.addDatagram(buf, i * slot, (int) lengths[i], in.nsid, now);
                    backlogGrew = true;
                    continue;
                }
                long full = in.truncated() ? Math.max(lengths[i], slot + 1L) : lengths[i];
                sock.tracker.route(data[i], (int) Math.min(full, slot), full, port, in.nsid, now, routed);
            }
            java.util.Arrays.fill(handed, 0, n, null);
            if (!routed.unclaimed.isEmpty()) {
                sock.backlog.addAll(routed.unclaimed);
                backlogGrew = true;
            }
            sock.delivered(routed, backlogGrew);
        } finally {
            sock.lock.unlock();
        }
    }

    /**
     * A broadcast, kept whole and raw for get(): sent to a group and not cut short. With NLM_F_ECHO the kernel's
     * unicast echo carries the group too, so then every datagram is routed.
     */
    private boolean broadcast(Libc.RecvInfo in, long length, boolean echo) {
        return in.senderGroups != 0 && !echo && !in.truncated() && length <= slot;
    }

    // ------------------------------------------------------------------ the reader thread

    /** True while the reader thread runs. Lock held. */
    boolean hasReader() {
        return reader != null && reader.isAlive();
    }

    /** Starts the reader thread (once). Lock held. */
    void startReader() {
        if (reader != null) {
            return;
        }
        stopping = false;
        reader = Thread.ofPlatform().name("jnetlink-reader").daemon(true).unstarted(this::readerLoop);
        reader.start();
    }

    /**
     * Stops the reader thread (close, re-creation): it leaves its poll at once through the eventfd. Called with the
     * lock held; returns the thread to join, or null.
     */
    Thread stopReader() {
        Thread r = reader;
        stopping = true;
        reader = null;
        return r;
    }

    private void readerLoop() {
        Descriptor d;
        try {
            d = sock.enter("reader");
        } catch (NetlinkException e) {
            return; // closed before the reader started
        }
        sock.lock.lock();
        try {
            while (receiving && !stopping) {
                sock.roleChanged.awaitUninterruptibly();
            }
            if (stopping) {
                d.exit();
                return;
            }
            receiving = true;
        } finally {
            sock.lock.unlock();
        }
        ByteBuffer buf = libc.allocate(slot * READER_BATCH);
        long[] lengths = new long[READER_BATCH];
        Libc.RecvInfo[] infos = infos(READER_BATCH);
        BurstControl bc = new BurstControl(Log.NETLINK, libc, libc.gettid(), sock::port);
        burst = bc;
        long pauseMillis = ERROR_PAUSE_MIN_MILLIS;
        try {
            while (true) {
                sock.lock.lock();
                try {
                    if (stopping || sock.isClosedLocked()) {
                        break;
                    }
                } finally {
                    sock.lock.unlock();
                }
                int got;
                try {
                    got = receive(d, buf, lengths, infos, lastBatchFull, bc.active() ? TimeUnit.MILLISECONDS.toNanos(100)
                            : READER_IDLE_NANOS);
                    pauseMillis = ERROR_PAUSE_MIN_MILLIS;
                } catch (NetlinkException e) {
                    if (reportAndPause(e, pauseMillis)) {
                        break;
                    }
                    pauseMillis = Math.min(1000, pauseMillis * 2);
                    continue;
                }
                bc.received(got, lastBatchFull);
                long now = System.nanoTime();
                sock.lock.lock();
                try {
                    bc.tick(now, sock.backlog, lastDrops);
                } finally {
                    sock.lock.unlock();
                }
            }
        } catch (RuntimeException | Error e) {
            Log.NETLINK.error("netlink reader thread failed", e);
            sock.lock.lock();
            try {
                sock.backlog.failure(new RequestTracker.Fault(new NetlinkException("receive", Errno.EIO,
                        "the reader thread failed: " + e)));
                sock.signalBacklog();
            } finally {
                sock.lock.unlock();
            }
            throw e;
        } finally {
            burst = null;
            sock.lock.lock();
            try {
                receiving = false;
                d.exit();
                sock.roleChanged.signalAll();
                sock.signalWaiters();
            } finally {
                sock.lock.unlock();
            }
        }
    }

    /**
     * Tells everyone about an unexpected receive error (logged, and thrown once by get()), then pauses before the
     * reader carries on. Returns true when the socket closed meanwhile.
     */
    private boolean reportAndPause(NetlinkException e, long pauseMillis) {
        sock.lock.lock();
        try {
            if (stopping || sock.isClosedLocked()) {
                return true;
            }
            Log.NETLINK.error("netlink reader: {}; receiving again in {} ms", e.getMessage(), pauseMillis);
            sock.backlog.failure(new RequestTracker.Fault(e));
            sock.signalBacklog();
            sock.roleChanged.await(pauseMillis, TimeUnit.MILLISECONDS);
            return stopping || sock.isClosedLocked();
        } catch (InterruptedException ie) {
            return true;
        } finally {
            sock.lock.unlock();
        }
    }
}
