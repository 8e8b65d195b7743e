package io.jnetlink.sys.ffm;

import io.jnetlink.sys.Libc;

import java.nio.ByteBuffer;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The only native code in jnetlink: {@link Libc} over the C library through {@code java.lang.foreign}, in a
 * package the core module does not export. Each downcall handle is made once, on its first use: one holder class
 * per function, since linking a handle costs milliseconds and a short-lived {@code jnl} needs a third of them.
 * errno is captured per call into thread-confined scratch memory. Direct buffers are passed to the kernel in place; heap buffers and option
 * values are copied through the calling thread's scratch memory. Structure offsets are those of x86_64 and
 * aarch64 Linux (LP64).
 */
@SuppressWarnings("restricted")
public final class FfmLibc implements Libc {

    /** The single instance. */
    public static final FfmLibc INSTANCE = new FfmLibc();

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final MemoryLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO_VH = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    /**
     * socket(2), made with the class: every use needs it, and a JVM that denies native access refuses it here, where
     * {@code Libc.system()} turns that into an error naming the flag.
     */
    private static final MethodHandle SOCKET = handle("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final class BIND {
        static final MethodHandle H = handle("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class GETSOCKNAME {
        static final MethodHandle H = handle("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }
    private static final class SETSOCKOPT {
        static final MethodHandle H = handle("setsockopt",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class GETSOCKOPT {
        static final MethodHandle H = handle("getsockopt",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }
    private static final class SENDTO {
        static final MethodHandle H = handle("sendto",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class RECVMSG {
        static final MethodHandle H = handle("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class RECVMMSG {
        static final MethodHandle H = handle("recvmmsg",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    }
    private static final class EPOLL_CREATE1 {
        static final MethodHandle H = handle("epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }
    private static final class EPOLL_CTL {
        static final MethodHandle H = handle("epoll_ctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    }
    private static final class EPOLL_WAIT {
        static final MethodHandle H = handle("epoll_wait", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    }
    /** struct epoll_event is packed (12 bytes) on x86_64, 16 bytes elsewhere. */
    private static final int EPOLL_EVENT_SIZE = "amd64".equals(System.getProperty("os.arch")) ? 12 : 16;
    private static final int EPOLL_DATA_OFFSET = EPOLL_EVENT_SIZE == 12 ? 4 : 8;
    private static final class POLL {
        static final MethodHandle H = handle("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    }
    private static final class CLOSE {
        static final MethodHandle H = handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }
    private static final class FCNTL_GET {
        static final MethodHandle H = handle("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }
    private static final class FCNTL_SET {
        static final MethodHandle H = LINKER.downcallHandle(find("fcntl"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), ERRNO, Linker.Option.firstVariadicArg(2));
    }
    private static final class EVENTFD {
        static final MethodHandle H = handle("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }
    private static final class WRITE {
        static final MethodHandle H = handle("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    }
    private static final class OPEN {
        static final MethodHandle H = LINKER.downcallHandle(find("open"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), ERRNO, Linker.Option.firstVariadicArg(2));
    }
    private static final class SETNS {
        static final MethodHandle H = handle("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }
    private static final class UNSHARE {
        static final MethodHandle H = handle("unshare", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }
    private static final class MOUNT {
        static final MethodHandle H = handle("mount",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    }
    private static final class UMOUNT2 {
        static final MethodHandle H = handle("umount2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    }
    private static final class GETPID {
        static final MethodHandle H = handle("getpid", FunctionDescriptor.of(JAVA_INT));
    }
    private static final class GETTID {
        static final MethodHandle H = handle("gettid", FunctionDescriptor.of(JAVA_INT));
    }
    private static final class IOCTL {
        static final MethodHandle H = LINKER.downcallHandle(find("ioctl"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2), ERRNO);
    }
    private static final class IOCTL_VALUE {
        static final MethodHandle H = LINKER.downcallHandle(find("ioctl"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(2), ERRNO);
    }
    private static final class SETPRIORITY {
        static final MethodHandle H = handle("setpriority", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private static final int AF_NETLINK = 16;
    private static final int SOL_NETLINK = 270;
    private static final int NETLINK_LISTEN_ALL_NSID = 8;
    private static final int CONTROL_SIZE = 128;

    private static MemorySegment find(String name) {
        return LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
    }

    private static MethodHandle handle(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(find(name), fd, ERRNO);
    }

    /** Native memory owned by one thread, reused across its calls. */
    private static final class Scratch {
        final Arena arena = Arena.ofAuto();
        final MemorySegment capture = arena.allocate(CAPTURE);
        final MemorySegment addr = arena.allocate(16, 8);
        final MemorySegment len = arena.allocate(8, 8);
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
            return (int) ERRNO_VH.get(capture, 0L);
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

    private static int ret(int r, Scratch s) {
        return r < 0 ? -s.errno() : r;
    }

    private static long ret(long r, Scratch s) {
        return r < 0 ? -s.errno() : r;
    }

    private static AssertionError bug(Throwable t) {
        return new AssertionError("native call failed: " + t, t);
    }

    @Override
    public int socket(int domain, int type, int protocol) {
        Scratch s = SCRATCH.get();
        try {
            return ret((int) SOCKET.invokeExact(s.capture, domain, type, protocol), s);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    @Override
    public int bind(int fd, int portId, int groups) {
        Scratch s = SCRATCH.get();
        MemorySegment a = s.addr;
        a.fill((byte) 0);
        a.set(JAVA_SHORT, 0, (short) AF_NETLINK);
        a.set(JAVA_INT, 4, portId);
        a.set(JAVA_INT, 8, groups);
        try {
            return ret((int) BIND.H.invokeExact(s.capture, fd, a, 12), s);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    @Override
    public long getsockname(int fd) {
        Scratch s = SCRATCH.get();
        s.addr.fill((byte) 0);
        s.len.set(JAVA_INT, 0, 12);
        try {
            int r = ret((int) GETSOCKNAME.H.invokeExact(s.capture, fd, s.addr, s.len), s);
            return r < 0 ? r : Integer.toUnsignedLong(s.addr.get(JAVA_INT, 4));
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    @Override
    public int setsockopt(int fd, int level, int option, byte[] value) {
        Scratch s = SCRATCH.get();
        MemorySegment v = s.data(value.length);
        MemorySegment.copy(value, 0, v, JAVA_BYTE, 0, value.length);
        try {
            return ret((int) SETSOCKOPT.H.invokeExact(s.capture, fd, level, option, v, value.length), s);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    @Override
    public int getsockopt(int fd, int level, int option, byte[] value) {
        Scratch s = SCRATCH.get();
        MemorySegment v = s.data(value.length);
        v.asSlice(0, value.length).fill((byte) 0);
        s.len.set(JAVA_INT, 0, value.length);
        try {
            int r = ret((int) GETSOCKOPT.H.invokeExact(s.capture, fd, level, option, v, s.len), s);
            if (r < 0) {
                return r;
            }
            int n = Math.min(value.length, s.len.get(JAVA_INT, 0));
            MemorySegment.copy(v, JAVA_BYTE, 0, value, 0, n);
            return n;
        } catch (Throwable t) {
            throw bug(t);
        }
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
            return ret((long) SENDTO.H.invokeExact(s.capture, fd, data, (long) length, flags, a, 12), s);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    /** All of {@code b}, whatever its position and limit: offsets are absolute. */
    private static MemorySegment whole(ByteBuffer b) {
        return MemorySegment.ofBuffer(b.position() == 0 && b.limit() == b.capacity() ? b : b.duplicate().clear());
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
            r = ret((long) RECVMSG.H.invokeExact(s.capture, fd, h, flags | 0x20 /* MSG_TRUNC: return the full length */), s);
        } catch (Throwable t) {
            throw bug(t);
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
            r = ret((int) RECVMMSG.H.invokeExact(s.capture, fd, mm, n, flags, MemorySegment.NULL), s);
        } catch (Throwable t) {
            throw bug(t);
        } finally {
            java.lang.ref.Reference.reachabilityFence(buffer);
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
        Scratch s = SCRATCH.get();
        try {
            return ret((int) EPOLL_CREATE1.H.invokeExact(s.capture, 02000000 /* EPOLL_CLOEXEC */), s);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    @Override
    public int epollCtl(int epfd, int op, int fd, int events, long data) {
        Scratch s = SCRATCH.get();
        MemorySegment ev = s.epollEvents(1);
        ev.set(JAVA_INT, 0, events);
        ev.set(JAVA_LONG_UNALIGNED, EPOLL_DATA_OFFSET, data);
        try {
            return ret((int) EPOLL_CTL.H.invokeExact(s.capture, epfd, op, fd, ev), s);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    @Override
    public int epollWait(int epfd, int[] events, long[] data, int timeoutMillis) {
        Scratch s = SCRATCH.get();
        MemorySegment ev = s.epollEvents(events.length);
        int r;
        try {
            r = ret((int) EPOLL_WAIT.H.invokeExact(s.capture, epfd, ev, events.length, timeoutMillis), s);
        } catch (Throwable t) {
            throw bug(t);
        }
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
        int r;
        try {
            r = ret((int) POLL.H.invokeExact(s.capture, p, (long) fds.length, timeoutMillis), s);
        } catch (Throwable t) {
            throw bug(t);
        }
        for (int i = 0; i < fds.length; i++) {
            revents[i] = r > 0 ? p.get(JAVA_SHORT, 8L * i + 6) : 0;
        }
        return r;
    }

    @Override
    public int close(int fd) {
        Scratch s = SCRATCH.get();
        try {
            return ret((int) CLOSE.H.invokeExact(s.capture, fd), s);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    @Override
    public int setNonBlocking(int fd, boolean nonBlocking) {
        Scratch s = SCRATCH.get();
        try {
            int fl = ret((int) FCNTL_GET.H.invokeExact(s.capture, fd, 3 /* F_GETFL */), s);
            if (fl < 0) {
                return fl;
            }
            int want = nonBlocking ? fl | 04000 : fl & ~04000;
            return ret((int) FCNTL_SET.H.invokeExact(s.capture, fd, 4 /* F_SETFL */, want), s);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    @Override
    public int eventfd(int initialValue, int flags) {
        Scratch s = SCRATCH.get();
        try {
            return ret((int) EVENTFD.H.invokeExact(s.capture, initialValue, flags), s);
        } catch (Throwable t) {
            throw bug(t);
        }
    }


    @Override
    public long eventfdWrite(int fd, long value) {
        Scratch s = SCRATCH.get();
        MemorySegment v = s.data(8);
        v.set(JAVA_LONG, 0, value);
        try {
            return ret((long) WRITE.H.invokeExact(s.capture, fd, v, 8L), s);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    @Override
    public int open(String path, int flags, int mode) {
        Scratch s = SCRATCH.get();
        try (Arena a = Arena.ofConfined()) {
            return ret((int) OPEN.H.invokeExact(s.capture, a.allocateFrom(path), flags, mode), s);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    @Override
    public int ioctl(int fd, long request, byte[] arg) {
        Scratch s = SCRATCH.get();
        MemorySegment v = s.data(arg.length);
        MemorySegment.copy(arg, 0, v, JAVA_BYTE, 0, arg.length);
        try {
            int r = ret((int) IOCTL.H.invokeExact(s.capture, fd, request, v), s);
            MemorySegment.copy(v, JAVA_BYTE, 0, arg, 0, arg.length);
            return r;
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    @Override
    public int ioctl(int fd, long request, long arg) {
        Scratch s = SCRATCH.get();
        try {
            return ret((int) IOCTL_VALUE.H.invokeExact(s.capture, fd, request, arg), s);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    @Override
    public int setns(int fd, int nsType) {
        Scratch s = SCRATCH.get();
        try {
            return ret((int) SETNS.H.invokeExact(s.capture, fd, nsType), s);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    @Override
    public int unshare(int flags) {
        Scratch s = SCRATCH.get();
        try {
            return ret((int) UNSHARE.H.invokeExact(s.capture, flags), s);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    @Override
    public int mount(String source, String target, String fsType, long flags) {
        Scratch s = SCRATCH.get();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment src = source == null ? MemorySegment.NULL : a.allocateFrom(source);
            MemorySegment fs = fsType == null ? MemorySegment.NULL : a.allocateFrom(fsType);
            return ret((int) MOUNT.H.invokeExact(s.capture, src, a.allocateFrom(target), fs, flags, MemorySegment.NULL), s);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    @Override
    public int umount2(String target, int flags) {
        Scratch s = SCRATCH.get();
        try (Arena a = Arena.ofConfined()) {
            return ret((int) UMOUNT2.H.invokeExact(s.capture, a.allocateFrom(target), flags), s);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    @Override
    public int getpid() {
        Scratch s = SCRATCH.get();
        try {
            return (int) GETPID.H.invokeExact(s.capture);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    @Override
    public int gettid() {
        Scratch s = SCRATCH.get();
        try {
            return (int) GETTID.H.invokeExact(s.capture);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

    @Override
    public int setpriority(int tid, int nice) {
        Scratch s = SCRATCH.get();
        try {
            return ret((int) SETPRIORITY.H.invokeExact(s.capture, 0 /* PRIO_PROCESS */, tid, nice), s);
        } catch (Throwable t) {
            throw bug(t);
        }
    }

}
