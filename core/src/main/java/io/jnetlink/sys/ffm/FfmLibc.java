package io.jnetlink.sys.ffm;

import io.jnetlink.sys.Libc;

import java.nio.ByteBuffer;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Reference;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The only native code in jnetlink: {@link Libc} over the kernel through {@code java.lang.foreign}, in a package the
 * core module does not export. Every call goes through one downcall handle, the C library's {@code syscall(2)} with
 * six {@code long} arguments, so the JVM makes one native stub per run instead of one per function shape: a
 * short-lived {@code jnl} spent most of its start making them (about 6 ms each). Pointers are passed as addresses
 * of native memory that stays reachable for the call. errno is captured per call into thread-confined scratch
 * memory. Direct buffers are passed to the kernel in place; heap buffers and option values are copied through the
 * calling thread's scratch memory. System call numbers and structure offsets are those of x86_64 and aarch64
 * Linux (LP64); on any other machine the class fails to initialise, which {@code Libc.system()} reports.
 */
@SuppressWarnings("restricted")
public final class FfmLibc implements Libc {

    /** The single instance. */
    public static final FfmLibc INSTANCE = new FfmLibc();

    private static final boolean AARCH64 = "aarch64".equals(System.getProperty("os.arch"));
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MemoryLayout CAPTURE = Linker.Option.captureStateLayout();
    /** Where errno is in the captured state (read as a plain int: a layout path's VarHandle costs ms to make). */
    private static final long ERRNO_OFFSET = CAPTURE.byteOffset(MemoryLayout.PathElement.groupElement("errno"));

    /**
     * {@code long syscall(long number, ...)} with six arguments, made with the class: a JVM that denies native access
     * refuses it here, where {@code Libc.system()} turns that into an error naming the flag.
     */
    private static final MethodHandle SYSCALL;
    private static final MemorySegment SYSCALL_ADDRESS;

    static {
        String arch = System.getProperty("os.arch");
        if (!AARCH64 && !"amd64".equals(arch)) {
            throw new UnsatisfiedLinkError("no system call table for " + arch);
        }
        SYSCALL_ADDRESS = LINKER.defaultLookup().find("syscall")
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol syscall"));
        SYSCALL = LINKER.downcallHandle(
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG,
                        JAVA_LONG),
                Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(1));
    }

    /** The system calls used, with their numbers on x86_64 and on aarch64 (asm-generic). */
    private enum Sys {
        WRITE(1, 64), CLOSE(3, 57), IOCTL(16, 29), GETPID(39, 172), SOCKET(41, 198), SENDTO(44, 206),
        RECVMSG(47, 212), BIND(49, 200), GETSOCKNAME(51, 204), SETSOCKOPT(54, 208), GETSOCKOPT(55, 209),
        FCNTL(72, 25), SETPRIORITY(141, 140), MOUNT(165, 40), UMOUNT2(166, 39), GETTID(186, 178), EPOLL_CTL(233, 21),
        OPENAT(257, 56), PPOLL(271, 73), UNSHARE(272, 97), EPOLL_PWAIT(281, 22), EVENTFD2(290, 19),
        EPOLL_CREATE1(291, 20), RECVMMSG(299, 243), SETNS(308, 268);

        final long nr;

        Sys(int x86, int aarch64) {
            nr = AARCH64 ? aarch64 : x86;
        }
    }

    /** struct epoll_event is packed (12 bytes) on x86_64, 16 bytes on aarch64. */
    private static final int EPOLL_EVENT_SIZE = AARCH64 ? 16 : 12;
    private static final int EPOLL_DATA_OFFSET = EPOLL_EVENT_SIZE == 12 ? 4 : 8;
    private static final int AF_NETLINK = 16;
    private static final int SOL_NETLINK = 270;
    private static final int NETLINK_LISTEN_ALL_NSID = 8;
    private static final int CONTROL_SIZE = 128;
    private static final long SIGSET_SIZE = 8;
    private static final long AT_FDCWD = -100;

    /** Native memory owned by one thread, reused across its calls. */
    private static final class Scratch {
        final Arena arena = Arena.ofAuto();
        final MemorySegment capture = arena.allocate(CAPTURE);
        final MemorySegment addr = arena.allocate(16, 8);
        final MemorySegment len = arena.allocate(8, 8);
        final MemorySegment timespec = arena.allocate(16, 8);
        final MemorySegment msghdr = arena.allocate(56, 8);
        final MemorySegment iov = arena.allocate(16, 8);
        final MemorySegment control = arena.allocate(CONTROL_SIZE, 8);
        MemorySegment pollfds = arena.allocate(8 * 8, 8);
        MemorySegment mmsg = MemorySegment.NULL;
        MemorySegment mmsgIov;
        MemorySegment mmsgAddr;
        MemorySegment mmsgControl;
        MemorySegment epollEvents = MemorySegment.NULL;
        MemorySegment data = MemorySegment.NULL;
        int mmsgSlots;

        /** At least {@code n} bytes of this thread's native data buffer (for copies of heap data). */
        MemorySegment data(long n) {
            if (data.byteSize() < n) {
                data = arena.allocate(Math.max(n, 4096), 8);
            }
            return data;
        }

        void mmsg(int n) {
            if (mmsgSlots < n) {
                mmsg = arena.allocate(64L * n, 8);
                mmsgIov = arena.allocate(16L * n, 8);
                mmsgAddr = arena.allocate(16L * n, 8);
                mmsgControl = arena.allocate((long) CONTROL_SIZE * n, 8);
                mmsgSlots = n;
            }
        }

        MemorySegment epollEvents(int n) {
            if (epollEvents.byteSize() < (long) EPOLL_EVENT_SIZE * n) {
                epollEvents = arena.allocate((long) EPOLL_EVENT_SIZE * n, 8);
            }
            return epollEvents;
        }

        int errno() {
            return capture.get(JAVA_INT, ERRNO_OFFSET);
        }

        MemorySegment pollfds(int n) {
            if (pollfds.byteSize() < 8L * n) {
                pollfds = arena.allocate(8L * n, 8);
            }
            return pollfds;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private FfmLibc() {
    }

    /** One system call: its result, or -errno when it failed. */
    private static long call(Scratch s, Sys sys, long a, long b, long c, long d, long e, long f) {
        try {
            long r = (long) SYSCALL.invokeExact(SYSCALL_ADDRESS, s.capture, sys.nr, a, b, c, d, e, f);
            return r < 0 ? -s.errno() : r;
        } catch (Throwable t) {
            throw new AssertionError("native call failed: " + t, t);
        }
    }

    private static int call(Scratch s, Sys sys, long a, long b, long c, long d, long e) {
        return (int) call(s, sys, a, b, c, d, e, 0);
    }

    private static int call(Scratch s, Sys sys, long a, long b, long c) {
        return (int) call(s, sys, a, b, c, 0, 0, 0);
    }

    private static int call(Scratch s, Sys sys, long a, long b) {
        return (int) call(s, sys, a, b, 0, 0, 0, 0);
    }

    private static int call(Scratch s, Sys sys, long a) {
        return (int) call(s, sys, a, 0, 0, 0, 0, 0);
    }

    @Override
    public int socket(int domain, int type, int protocol) {
        return call(SCRATCH.get(), Sys.SOCKET, domain, type, protocol);
    }

    @Override
    public int bind(int fd, int portId, int groups) {
        Scratch s = SCRATCH.get();
        MemorySegment a = s.addr;
        a.fill((byte) 0);
        a.set(JAVA_SHORT, 0, (short) AF_NETLINK);
        a.set(JAVA_INT, 4, portId);
        a.set(JAVA_INT, 8, groups);
        return call(s, Sys.BIND, fd, a.address(), 12);
    }

    @Override
    public long getsockname(int fd) {
        Scratch s = SCRATCH.get();
        s.addr.fill((byte) 0);
        s.len.set(JAVA_INT, 0, 12);
        int r = call(s, Sys.GETSOCKNAME, fd, s.addr.address(), s.len.address());
        return r < 0 ? r : Integer.toUnsignedLong(s.addr.get(JAVA_INT, 4));
    }

    @Override
    public int setsockopt(int fd, int level, int option, byte[] value) {
        Scratch s = SCRATCH.get();
        MemorySegment v = s.data(value.length);
        MemorySegment.copy(value, 0, v, JAVA_BYTE, 0, value.length);
        return call(s, Sys.SETSOCKOPT, fd, level, option, v.address(), value.length);
    }

    @Override
    public int getsockopt(int fd, int level, int option, byte[] value) {
        Scratch s = SCRATCH.get();
        MemorySegment v = s.data(value.length);
        v.asSlice(0, value.length).fill((byte) 0);
        s.len.set(JAVA_INT, 0, value.length);
        int r = call(s, Sys.GETSOCKOPT, fd, level, option, v.address(), s.len.address());
        if (r < 0) {
            return r;
        }
        int n = Math.min(value.length, s.len.get(JAVA_INT, 0));
        MemorySegment.copy(v, JAVA_BYTE, 0, value, 0, n);
        return n;
    }

    @Override
    public long sendto(int fd, ByteBuffer buffer, int offset, int length, int flags) {
        Scratch s = SCRATCH.get();
        MemorySegment a = s.addr;
        a.fill((byte) 0);
        a.set(JAVA_SHORT, 0, (short) AF_NETLINK);
        MemorySegment data;
        if (buffer.isDirect()) {
            data = whole(buffer).asSlice(offset, length);
        } else {
            data = s.data(length);
            MemorySegment.copy(whole(buffer), offset, data, 0, length);
        }
        try {
            return call(s, Sys.SENDTO, fd, data.address(), length, flags, a.address(), 12);
        } finally {
            Reference.reachabilityFence(buffer);
        }
    }

    /**
     * All of {@code b}, whatever its position and limit: offsets are absolute. Its address goes to the kernel as a
     * number, which the linker cannot check, so memory already freed (a closed arena's) is refused here.
     */
    private static MemorySegment whole(ByteBuffer b) {
        MemorySegment m = MemorySegment.ofBuffer(b.position() == 0 && b.limit() == b.capacity() ? b
                : b.duplicate().clear());
        if (!m.scope().isAlive()) {
            throw new IllegalStateException("Already closed: the buffer's memory is freed (its arena is closed)");
        }
        return m;
    }

    @Override
    public long recvmsg(int fd, ByteBuffer buffer, int offset, int length, int flags, RecvInfo info) {
        Scratch s = SCRATCH.get();
        info.reset();
        MemorySegment into = buffer.isDirect() ? whole(buffer).asSlice(offset, length) : s.data(length);
        MemorySegment h = s.msghdr;
        s.addr.fill((byte) 0);
        s.iov.set(ADDRESS, 0, into);
        s.iov.set(JAVA_LONG, 8, (long) length);
        h.set(ADDRESS, 0, s.addr);
        h.set(JAVA_INT, 8, 12);
        h.set(ADDRESS, 16, s.iov);
        h.set(JAVA_LONG, 24, 1L);
        h.set(ADDRESS, 32, s.control);
        h.set(JAVA_LONG, 40, (long) CONTROL_SIZE);
        h.set(JAVA_INT, 48, 0);
        long r;
        try {
            r = call(s, Sys.RECVMSG, fd, h.address(), flags | 0x20 /* MSG_TRUNC: return the full length */, 0, 0, 0);
        } finally {
            Reference.reachabilityFence(buffer);
        }
        if (r < 0) {
            return r;
        }
        if (!buffer.isDirect()) {
            MemorySegment.copy(into, 0, whole(buffer), offset, Math.min(r, length));
        }
        readInfo(h, 0, s.addr, 0, s.control, 0, info);
        return r;
    }

    /**
     * Fills {@code info} from the msghdr at {@code h[hOff]} after the call: sender address (at {@code addr[aOff]}),
     * flags, and the nsid control message (in {@code control[cOff]}).
     */
    private static void readInfo(MemorySegment h, long hOff, MemorySegment addr, long aOff, MemorySegment control,
                                 long cOff, RecvInfo info) {
        info.senderPort = addr.get(JAVA_INT, aOff + 4);
        info.senderGroups = addr.get(JAVA_INT, aOff + 8);
        info.msgFlags = h.get(JAVA_INT, hOff + 48);
        long controlLen = h.get(JAVA_LONG, hOff + 40);
        long off = 0;
        while (off + 16 <= controlLen) {
            long cmsgLen = control.get(JAVA_LONG, cOff + off);
            if (cmsgLen < 16 || off + cmsgLen > controlLen) {
                break;
            }
            int level = control.get(JAVA_INT, cOff + off + 8);
            int type = control.get(JAVA_INT, cOff + off + 12);
            if (level == SOL_NETLINK && type == NETLINK_LISTEN_ALL_NSID && cmsgLen >= 20) {
                info.nsid = control.get(JAVA_INT, cOff + off + 16);
            }
            off += (cmsgLen + 7) & ~7L;
        }
    }

    /**
     * One mmsghdr per slot, written with offsets into the thread's scratch arrays (no slice or other object per
     * datagram): the reader thread calls this for every batch, and its first calls run interpreted.
     */
    @Override
    public int recvmmsg(int fd, ByteBuffer buffer, int slotSize, int flags, long[] lengths, RecvInfo[] infos) {
        Scratch s = SCRATCH.get();
        int n = infos.length;
        s.mmsg(n);
        MemorySegment into = buffer.isDirect() ? whole(buffer) : s.data((long) slotSize * n);
        long base = into.address();
        MemorySegment mm = s.mmsg;
        MemorySegment iov = s.mmsgIov;
        long addrBase = s.mmsgAddr.address();
        long controlBase = s.mmsgControl.address();
        s.mmsgAddr.asSlice(0, 16L * n).fill((byte) 0);
        for (int i = 0; i < n; i++) {
            infos[i].reset();
            long h = 64L * i;
            iov.set(JAVA_LONG, 16L * i, base + (long) i * slotSize);
            iov.set(JAVA_LONG, 16L * i + 8, slotSize);
            mm.set(JAVA_LONG, h, addrBase + 16L * i);
            mm.set(JAVA_INT, h + 8, 12);
            mm.set(JAVA_LONG, h + 16, iov.address() + 16L * i);
            mm.set(JAVA_LONG, h + 24, 1L);
            mm.set(JAVA_LONG, h + 32, controlBase + (long) CONTROL_SIZE * i);
            mm.set(JAVA_LONG, h + 40, CONTROL_SIZE);
            mm.set(JAVA_INT, h + 48, 0);
            mm.set(JAVA_INT, h + 56, 0);
        }
        int r;
        try {
            r = call(s, Sys.RECVMMSG, fd, mm.address(), n, flags, 0 /* no timeout */);
        } finally {
            Reference.reachabilityFence(buffer);
        }
        for (int i = 0; i < r; i++) {
            long h = 64L * i;
            readInfo(mm, h, s.mmsgAddr, 16L * i, s.mmsgControl, (long) CONTROL_SIZE * i, infos[i]);
            lengths[i] = Integer.toUnsignedLong(mm.get(JAVA_INT, h + 56));
            if (infos[i].truncated()) {
                lengths[i] = Math.max(lengths[i], slotSize + 1L);
            }
            if (!buffer.isDirect()) {
                MemorySegment.copy(into, (long) i * slotSize, whole(buffer), (long) i * slotSize, Math.min(lengths[i], slotSize));
            }
        }
        return r;
    }

    /** Native memory from an automatic arena: freed by the garbage collector once the buffer is unreachable. */
    @Override
    public ByteBuffer allocate(int bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("bytes must be positive, got " + bytes);
        }
        return Arena.ofAuto().allocate(bytes, 8).asByteBuffer().order(java.nio.ByteOrder.nativeOrder());
    }

    @Override
    public int epollCreate() {
        return call(SCRATCH.get(), Sys.EPOLL_CREATE1, 02000000 /* EPOLL_CLOEXEC */);
    }

    @Override
    public int epollCtl(int epfd, int op, int fd, int events, long data) {
        Scratch s = SCRATCH.get();
        MemorySegment ev = s.epollEvents(1);
        ev.set(JAVA_INT, 0, events);
        ev.set(JAVA_LONG_UNALIGNED, EPOLL_DATA_OFFSET, data);
        return call(s, Sys.EPOLL_CTL, epfd, op, fd, ev.address(), 0);
    }

    @Override
    public int epollWait(int epfd, int[] events, long[] data, int timeoutMillis) {
        Scratch s = SCRATCH.get();
        MemorySegment ev = s.epollEvents(events.length);
        int r = (int) call(s, Sys.EPOLL_PWAIT, epfd, ev.address(), events.length, timeoutMillis, 0 /* no sigmask */,
                SIGSET_SIZE);
        for (int i = 0; i < r; i++) {
            events[i] = ev.get(JAVA_INT_UNALIGNED, (long) EPOLL_EVENT_SIZE * i);
            data[i] = ev.get(JAVA_LONG_UNALIGNED, (long) EPOLL_EVENT_SIZE * i + EPOLL_DATA_OFFSET);
        }
        return r;
    }

    @Override
    public int poll(int[] fds, short[] events, short[] revents, int timeoutMillis) {
        Scratch s = SCRATCH.get();
        MemorySegment p = s.pollfds(fds.length);
        for (int i = 0; i < fds.length; i++) {
            p.set(JAVA_INT, 8L * i, fds[i]);
            p.set(JAVA_SHORT, 8L * i + 4, events[i]);
            p.set(JAVA_SHORT, 8L * i + 6, (short) 0);
        }
        long timeout = 0; // NULL: wait without limit
        if (timeoutMillis >= 0) {
            s.timespec.set(JAVA_LONG, 0, timeoutMillis / 1000);
            s.timespec.set(JAVA_LONG, 8, (timeoutMillis % 1000) * 1_000_000L);
            timeout = s.timespec.address();
        }
        int r = call(s, Sys.PPOLL, p.address(), fds.length, timeout, 0 /* no sigmask */, SIGSET_SIZE);
        for (int i = 0; i < fds.length; i++) {
            revents[i] = r > 0 ? p.get(JAVA_SHORT, 8L * i + 6) : 0;
        }
        return r;
    }

    @Override
    public int close(int fd) {
        return call(SCRATCH.get(), Sys.CLOSE, fd);
    }

    @Override
    public int setNonBlocking(int fd, boolean nonBlocking) {
        Scratch s = SCRATCH.get();
        int fl = call(s, Sys.FCNTL, fd, 3 /* F_GETFL */);
        if (fl < 0) {
            return fl;
        }
        int want = nonBlocking ? fl | 04000 : fl & ~04000;
        return call(s, Sys.FCNTL, fd, 4 /* F_SETFL */, want);
    }

    @Override
    public int eventfd(int initialValue, int flags) {
        return call(SCRATCH.get(), Sys.EVENTFD2, initialValue, flags);
    }


    @Override
    public long eventfdWrite(int fd, long value) {
        Scratch s = SCRATCH.get();
        MemorySegment v = s.data(8);
        v.set(JAVA_LONG, 0, value);
        return call(s, Sys.WRITE, fd, v.address(), 8, 0, 0, 0);
    }

    @Override
    public int open(String path, int flags, int mode) {
        Scratch s = SCRATCH.get();
        try (Arena a = Arena.ofConfined()) {
            return call(s, Sys.OPENAT, AT_FDCWD, a.allocateFrom(path).address(), flags, mode, 0);
        }
    }

    @Override
    public int ioctl(int fd, long request, byte[] arg) {
        Scratch s = SCRATCH.get();
        MemorySegment v = s.data(arg.length);
        MemorySegment.copy(arg, 0, v, JAVA_BYTE, 0, arg.length);
        int r = call(s, Sys.IOCTL, fd, request, v.address());
        MemorySegment.copy(v, JAVA_BYTE, 0, arg, 0, arg.length);
        return r;
    }

    @Override
    public int ioctl(int fd, long request, long arg) {
        return call(SCRATCH.get(), Sys.IOCTL, fd, request, arg);
    }

    @Override
    public int setns(int fd, int nsType) {
        return call(SCRATCH.get(), Sys.SETNS, fd, nsType);
    }

    @Override
    public int unshare(int flags) {
        return call(SCRATCH.get(), Sys.UNSHARE, flags);
    }

    @Override
    public int mount(String source, String target, String fsType, long flags) {
        Scratch s = SCRATCH.get();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment src = source == null ? MemorySegment.NULL : a.allocateFrom(source);
            MemorySegment fs = fsType == null ? MemorySegment.NULL : a.allocateFrom(fsType);
            long to = a.allocateFrom(target).address();
            return call(s, Sys.MOUNT, src.address(), to, fs.address(), flags, 0 /* no data */);
        }
    }

    @Override
    public int umount2(String target, int flags) {
        Scratch s = SCRATCH.get();
        try (Arena a = Arena.ofConfined()) {
            return call(s, Sys.UMOUNT2, a.allocateFrom(target).address(), flags);
        }
    }

    @Override
    public int getpid() {
        return call(SCRATCH.get(), Sys.GETPID, 0);
    }

    @Override
    public int gettid() {
        return call(SCRATCH.get(), Sys.GETTID, 0);
    }

    @Override
    public int setpriority(int tid, int nice) {
        return call(SCRATCH.get(), Sys.SETPRIORITY, 0 /* PRIO_PROCESS */, tid, nice);
    }

}
