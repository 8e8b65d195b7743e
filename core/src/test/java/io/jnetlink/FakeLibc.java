package io.jnetlink;

import io.jnetlink.sys.Libc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A scripted {@link Libc}: recvmsg serves a queue of datagrams (built lazily from the last request sent,
 * so replies carry its seq) and errors; recvmmsg serves a run of broadcasts in one call, up to the next error
 * (which the next call returns, as the kernel does); poll reports the socket ready while the queue has something, and otherwise waits
 * like the real poll until its timeout or until the wake eventfd is written. getsockopt(SO_MEMINFO) reports
 * {@link #drops}, the kernel's drop counter, which an {@link #overflow} raises when it is served.
 */
public final class FakeLibc implements Libc {
    public static final int SOCK_FD = 7;
    public static final int WAKE_FD = 8;
    public static final int PORT = 4242;
    public static final int MSG_TRUNC = 0x20;
    private static final short POLLIN = 1;

    /** A message the socket sent. */
    public record Sent(byte[] bytes) {
        public int seq() {
            return Wire.seqOf(bytes, 0);
        }

        public int port() {
            return Wire.portOf(bytes, 0);
        }

        public int flags() {
            return Wire.flagsOf(bytes, 0);
        }
    }

    public sealed interface Step permits Datagram, RecvError, PollError {
    }

    /**
     * A datagram built from the last sent request (null before any). With {@code reportFullLength} recvmsg
     * returns the datagram's full length even when the buffer is smaller; otherwise the bytes copied. A broadcast
     * has {@code groups} (the sender's group mask) and fixed bytes.
     */
    public record Datagram(Function<Sent, byte[]> build, int senderPort, int msgFlags, boolean reportFullLength,
                           int groups) implements Step {
    }

    /** recvmsg fails with -errno; the kernel's drop counter rises by {@code drops} when it is served. */
    public record RecvError(int errno, long drops) implements Step {
    }

    /** poll fails with -errno. */
    public record PollError(int errno) implements Step {
    }

    private final LinkedBlockingDeque<Step> script = new LinkedBlockingDeque<>();
    public final List<Sent> sent = new CopyOnWriteArrayList<>();
    public final List<Integer> closed = new CopyOnWriteArrayList<>();
    public final List<List<Integer>> sockopts = new CopyOnWriteArrayList<>();
    public final AtomicInteger polls = new AtomicInteger();
    public final AtomicInteger recvs = new AtomicInteger();
    /** The socket's kernel drop counter (SO_MEMINFO's SK_MEMINFO_DROPS). */
    public final java.util.concurrent.atomic.AtomicLong drops = new java.util.concurrent.atomic.AtomicLong();
    /** Released by a write to the wake eventfd (what close() does). */
    public final CountDownLatch woken = new CountDownLatch(1);
    /** Released when poll found nothing to serve and started waiting. */
    public final CountDownLatch idle = new CountDownLatch(1);
    public volatile AssertionError misuse;

    // ------------------------------------------------------------------ scripting

    public FakeLibc reply(Function<Sent, byte[]> build) {
        script.add(new Datagram(build, 0, 0, false, 0));
        return this;
    }

    public FakeLibc datagram(byte[] bytes) {
        return reply(s -> bytes);
    }

    /** A broadcast from the kernel (group 1): recvmmsg takes several in one call. */
    public FakeLibc broadcast(byte[] bytes) {
        script.add(new Datagram(s -> bytes, 0, 0, false, 1));
        return this;
    }

    public FakeLibc fromPort(int senderPort, Function<Sent, byte[]> build) {
        script.add(new Datagram(build, senderPort, 0, false, 0));
        return this;
    }

    public FakeLibc truncated(Function<Sent, byte[]> build, boolean flagged) {
        script.add(new Datagram(build, 0, flagged ? MSG_TRUNC : 0, !flagged, 0));
        return this;
    }

    public FakeLibc recvError(int errno) {
        script.add(new RecvError(errno, 0));
        return this;
    }

    /** The kernel dropped {@code n} datagrams: ENOBUFS, and the drop counter rises by {@code n}. */
    public FakeLibc overflow(long n) {
        script.add(new RecvError(Errno.ENOBUFS, n));
        return this;
    }

    public FakeLibc pollError(int errno) {
        script.add(new PollError(errno));
        return this;
    }

    /** The next sendto calls fail with these errnos, in order, before one succeeds. */
    public final LinkedBlockingDeque<Integer> sendErrors = new LinkedBlockingDeque<>();
    /** When set, sendto waits until it is released: a thread stays inside a system call. */
    public volatile CountDownLatch sendGate;
    /** Released when a sendto reached the gate. */
    public final CountDownLatch atGate = new CountDownLatch(1);
    /** poll for POLLOUT calls seen (a full send buffer waited for). */
    public final AtomicInteger writablePolls = new AtomicInteger();

    /** Scripts sendto failures: each call takes the next errno. */
    public FakeLibc sendError(int errno) {
        sendErrors.add(errno);
        return this;
    }

    public Sent lastSent() {
        return sent.isEmpty() ? null : sent.getLast();
    }

    public boolean scriptEmpty() {
        return script.isEmpty();
    }

    // ------------------------------------------------------------------ the calls the socket makes

    @Override
    public int poll(int[] fds, short[] events, short[] revents, int timeoutMillis) {
        polls.incrementAndGet();
        if (events.length > 0 && events[0] == Libc.POLLOUT) {
            writablePolls.incrementAndGet();
            revents[0] = Libc.POLLOUT;
            revents[1] = 0;
            return 1;
        }
        if (fds.length != 2 || fds[0] != SOCK_FD || fds[1] != WAKE_FD) {
            // every poll of the socket watches the eventfd too, so that close() wakes it
            misuse = new AssertionError("poll on " + java.util.Arrays.toString(fds));
        }
        long deadline = timeoutMillis < 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        boolean waited = false;
        while (true) {
            revents[0] = 0;
            revents[1] = 0;
            if (woken.getCount() == 0) {
                revents[1] = POLLIN;
                return 1;
            }
            Step head = script.peek();
            if (head instanceof PollError p) {
                script.poll();
                return -p.errno();
            }
            if (head != null) {
                revents[0] = POLLIN;
                return 1;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return 0;
            }
            if (!waited) {
                waited = true;
                idle.countDown();
            }
            try {
                woken.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(5)), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -Errno.EINTR;
            }
        }
    }

    @Override
    public long recvmsg(int fd, ByteBuffer buffer, int offset, int length, int flags, RecvInfo info) {
        recvs.incrementAndGet();
        info.reset();
        Step s = script.poll();
        if (s == null) {
            return -Errno.EAGAIN;
        }
        if (s instanceof RecvError e) {
            drops.addAndGet(e.drops());
            return -e.errno();
        }
        if (s instanceof PollError) {
            script.addFirst(s);
            return -Errno.EAGAIN;
        }
        Datagram d = (Datagram) s;
        byte[] b = d.build().apply(lastSent());
        int n = Math.min(b.length, length);
        buffer.put(offset, b, 0, n);
        info.senderPort = d.senderPort();
        info.senderGroups = d.groups();
        info.msgFlags = d.msgFlags();
        return d.reportFullLength() ? b.length : n;
    }

    @Override
    public int recvmmsg(int fd, ByteBuffer buffer, int slotSize, int flags, long[] lengths, RecvInfo[] infos) {
        int n = 0;
        while (n < infos.length) {
            Step head = script.peek();
            if (n > 0 && !(head instanceof Datagram d && d.groups() != 0)) {
                // an error after datagrams comes with the next call; a reply is built from the request sent last,
                // so it is served alone, once the requests before it went out
                break;
            }
            long r = recvmsg(fd, buffer, n * slotSize, slotSize, flags, infos[n]);
            if (r < 0) {
                return n > 0 ? n : (int) r;
            }
            lengths[n++] = r;
        }
        return n;
    }

    @Override
    public long sendto(int fd, ByteBuffer buffer, int offset, int length, int flags) {
        CountDownLatch gate = sendGate;
        if (gate != null) {
            atGate.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Integer err = sendErrors.poll();
        if (err != null) {
            return -err;
        }
        byte[] b = new byte[length];
        buffer.get(offset, b, 0, length);
        sent.add(new Sent(b));
        return length;
    }

    @Override
    public long eventfdWrite(int fd, long value) {
        if (fd == WAKE_FD) {
            woken.countDown();
        }
        return 8;
    }

    @Override
    public int socket(int domain, int type, int protocol) {
        return SOCK_FD;
    }

    @Override
    public int eventfd(int initialValue, int flags) {
        return WAKE_FD;
    }

    @Override
    public int bind(int fd, int portId, int groups) {
        return 0;
    }

    @Override
    public long getsockname(int fd) {
        return PORT;
    }

    @Override
    public int setsockopt(int fd, int level, int option, byte[] value) {
        sockopts.add(List.of(level, option, value.length >= 4
                ? ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).getInt(0) : -1));
        return 0;
    }

    @Override
    public int getsockopt(int fd, int level, int option, byte[] value) {
        java.util.Arrays.fill(value, (byte) 0);
        if (level == 1 && option == 55 && value.length >= 36) { // SO_MEMINFO
            ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).putInt(32, (int) drops.get());
            return 36;
        }
        return Math.min(4, value.length);
    }

    @Override
    public int close(int fd) {
        closed.add(fd);
        return 0;
    }

    @Override
    public int setNonBlocking(int fd, boolean nonBlocking) {
        return 0;
    }

    @Override
    public int open(String path, int flags, int mode) {
        return -Errno.ENOENT;
    }

    @Override
    public int setns(int fd, int nsType) {
        return -Errno.EPERM;
    }

    @Override
    public int unshare(int flags) {
        return -Errno.EPERM;
    }

    @Override
    public int mount(String source, String target, String fsType, long flags) {
        return -Errno.EPERM;
    }

    @Override
    public int umount2(String target, int flags) {
        return -Errno.EPERM;
    }

    @Override
    public int getpid() {
        return 1000;
    }

    @Override
    public int gettid() {
        return 1000;
    }

    @Override
    public int setpriority(int tid, int nice) {
        return 0;
    }
}
