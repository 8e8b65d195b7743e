package io.jnetlink;

import java.lang.foreign.MemorySegment;

/**
 * The system calls jnetlink makes, as one replaceable interface (pyroute2's {@code libc} parameter).
 *
 * <p>Every method returns a non-negative result on success and {@code -errno} on failure, so that an
 * implementation handed in by a test can inject EINTR, EAGAIN, ENOBUFS or short reads deterministically.
 * {@link #system()} is the real one, made with {@code java.lang.foreign}; nothing else in jnetlink touches
 * native code. Implementations must be safe for use by several threads at once.
 */
public interface Libc {

    /** The process-wide implementation backed by the C library through the FFM API. */
    static Libc system() {
        return io.jnetlink.internal.FfmLibc.INSTANCE;
    }

    /** {@code socket(2)}: a new file descriptor, or -errno. */
    int socket(int domain, int type, int protocol);

    /** {@code bind(2)} with a {@code sockaddr_nl} of the given port id and group mask. */
    int bind(int fd, int portId, int groups);

    /** {@code getsockname(2)} on a netlink socket: the bound port id as an unsigned 32-bit value, or -errno. */
    long getsockname(int fd);

    /** {@code setsockopt(2)} with {@code value}'s bytes. */
    int setsockopt(int fd, int level, int option, MemorySegment value);

    /** {@code getsockopt(2)} into {@code value}: the length the kernel wrote, or -errno. */
    int getsockopt(int fd, int level, int option, MemorySegment value);

    /** {@code sendto(2)} to the netlink address (port, groups): bytes sent, or -errno. */
    long sendto(int fd, MemorySegment buffer, long length, int flags, int portId, int groups);

    /**
     * {@code recvmsg(2)} of one datagram into {@code buffer}: its full length (which exceeds the buffer when
     * {@link RecvInfo#truncated()}), or -errno. The sender's address, message flags and the netlink
     * control messages (the nsid of {@code NETLINK_LISTEN_ALL_NSID}) are written to {@code info}.
     */
    long recvmsg(int fd, MemorySegment buffer, long length, int flags, RecvInfo info);

    /**
     * {@code recvmmsg(2)}: up to {@code infos.length} datagrams in one call, datagram i into
     * {@code buffer[i * slotSize, (i + 1) * slotSize)}, its full length into {@code lengths[i]}. Returns the
     * number received, or -errno when none was. {@code flags} may include MSG_WAITFORONE (0x10000): block
     * for the first datagram only. The default receives with {@link #recvmsg} in a loop (the first call with
     * {@code flags} less MSG_WAITFORONE, the rest with MSG_DONTWAIT), for implementations without it.
     */
    default int recvmmsg(int fd, MemorySegment buffer, int slotSize, int flags, long[] lengths, RecvInfo[] infos) {
        int n = 0;
        int first = flags & ~0x10000;
        while (n < infos.length) {
            long r = recvmsg(fd, buffer.asSlice((long) n * slotSize, slotSize), slotSize, n == 0 ? first : first | 0x40, infos[n]);
            if (r < 0) {
                return n > 0 ? n : (int) r;
            }
            lengths[n++] = r;
        }
        return n;
    }

    /** {@code epoll_create1(EPOLL_CLOEXEC)}: a descriptor, or -errno (-ENOSYS when not implemented). */
    default int epollCreate() {
        return -38;
    }

    /** {@code epoll_ctl(2)}: op 1 add, 2 delete, 3 modify; {@code data} comes back from {@link #epollWait}. */
    default int epollCtl(int epfd, int op, int fd, int events, long data) {
        return -38;
    }

    /**
     * {@code epoll_wait(2)} for up to {@code events.length} events: fills {@code events[i]} and {@code data[i]},
     * returns the count, 0 on timeout, or -errno. A negative timeout waits forever.
     */
    default int epollWait(int epfd, int[] events, long[] data, int timeoutMillis) {
        return -38;
    }

    /**
     * {@code poll(2)} on {@code fds} for {@code events}; {@code revents} receives the results.
     * Returns the number of ready descriptors, 0 on timeout, or -errno. A negative timeout waits forever.
     */
    int poll(int[] fds, short[] events, short[] revents, int timeoutMillis);

    /** {@code close(2)}. */
    int close(int fd);

    /** Sets or clears {@code O_NONBLOCK} through {@code fcntl(2)}. */
    int setNonBlocking(int fd, boolean nonBlocking);

    /** {@code eventfd(2)}: a new descriptor, or -errno. */
    int eventfd(int initialValue, int flags);

    /** {@code read(2)}: bytes read, or -errno. */
    long read(int fd, MemorySegment buffer, long length);

    /** {@code write(2)}: bytes written, or -errno. */
    long write(int fd, MemorySegment buffer, long length);

    /** {@code open(2)} of a path: a descriptor, or -errno. */
    int open(String path, int flags, int mode);

    /** {@code ioctl(2)} with a pointer argument: its result, or -errno (-ENOSYS when not implemented). */
    default int ioctl(int fd, long request, MemorySegment arg) {
        return -38;
    }

    /** {@code setns(2)} for the calling thread. */
    int setns(int fd, int nsType);

    /** {@code unshare(2)} for the calling thread. */
    int unshare(int flags);

    /** {@code mount(2)}; {@code source}, {@code fsType} may be null. */
    int mount(String source, String target, String fsType, long flags);

    /** {@code umount2(2)}. */
    int umount2(String target, int flags);

    /** {@code getpid(2)}. */
    int getpid();

    /** {@code gettid(2)}: the calling platform thread's kernel thread id. */
    int gettid();

    /** {@code setpriority(PRIO_PROCESS, tid, nice)} for one thread. */
    int setpriority(int tid, int nice);

    /** {@code strerror(3)} text for an errno. */
    String strerror(int errno);

    /** What {@link #recvmsg} learned besides the bytes: sender, flags and the netlink control messages. */
    final class RecvInfo {
        /** Sender's netlink port id (0 for the kernel). */
        public int senderPort;
        /** Sender's group mask (non-zero for a broadcast). */
        public int senderGroups;
        /** {@code msg_flags} after the call ({@code MSG_TRUNC} = 0x20). */
        public int msgFlags;
        /** The nsid from {@code NETLINK_LISTEN_ALL_NSID}, or {@link Integer#MIN_VALUE} when none came. */
        public int nsid = Integer.MIN_VALUE;

        /** True when the datagram was longer than the buffer. */
        public boolean truncated() {
            return (msgFlags & 0x20) != 0;
        }

        /** Clears every field before a call. */
        public void reset() {
            senderPort = 0;
            senderGroups = 0;
            msgFlags = 0;
            nsid = Integer.MIN_VALUE;
        }
    }
}
