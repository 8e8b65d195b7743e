package io.jnetlink.sys;

import java.nio.ByteBuffer;

/**
 * The system calls jnetlink makes, as one replaceable interface in plain Java types (pyroute2's {@code libc}
 * parameter).
 *
 * <p>Every method returns a non-negative result on success and {@code -errno} on failure (see
 * {@link io.jnetlink.Errno}), so that an implementation handed in by a test can inject EINTR, EAGAIN, ENOBUFS or
 * short reads deterministically. Data goes through {@link ByteBuffer}s: a direct buffer is read or written in
 * place, a heap buffer is copied; a direct buffer whose memory is already freed (its arena closed) is refused with
 * IllegalStateException, and its arena must not be closed while a call uses it. {@link #system()} is the real
 * implementation, made with
 * {@code java.lang.foreign} in a package of its own; nothing else in jnetlink touches native code.
 * Implementations must be safe for use by several threads at once.
 */
public interface Libc {

    /** MSG_DONTWAIT: do not block. */
    int MSG_DONTWAIT = 0x40;
    /** MSG_WAITFORONE (recvmmsg): block for the first datagram only. */
    int MSG_WAITFORONE = 0x10000;
    /** POLLIN. */
    short POLLIN = 0x1;
    /** POLLOUT. */
    short POLLOUT = 0x4;
    /** POLLERR. */
    short POLLERR = 0x8;
    /** POLLNVAL: the descriptor is not open. */
    short POLLNVAL = 0x20;

    /**
     * The process-wide implementation backed by the C library through the FFM API.
     *
     * @return the single system implementation, loaded on first use
     * @throws IllegalStateException naming the JVM flag to add when native access is not enabled for
     *                               jnetlink's core module
     */
    static Libc system() {
        return NativeAccess.libc();
    }

    /**
     * {@code socket(2)}: a new file descriptor, or -errno.
     *
     * @param domain   the address family ({@code AF_NETLINK} = 16)
     * @param type     the socket type with any flags ({@code SOCK_RAW} = 3, {@code SOCK_CLOEXEC}, ...)
     * @param protocol the netlink family ({@link io.jnetlink.Netlink#NETLINK_ROUTE}, ...)
     * @return the new descriptor, or -errno
     */
    int socket(int domain, int type, int protocol);

    /**
     * {@code bind(2)} with a {@code sockaddr_nl} of the given port id and group mask.
     *
     * @param fd     a netlink socket
     * @param portId the port id to bind ({@code nl_pid}), 0 to let the kernel choose one
     * @param groups the multicast group bit mask ({@code nl_groups}) for the groups numbered 1 to 32
     * @return 0, or -errno
     */
    int bind(int fd, int portId, int groups);

    /**
     * {@code getsockname(2)} on a netlink socket: the bound port id as an unsigned 32-bit value, or -errno.
     *
     * @param fd a bound netlink socket
     * @return the port id ({@code nl_pid}) as an unsigned 32-bit value, or -errno
     */
    long getsockname(int fd);

    /**
     * {@code setsockopt(2)} with {@code value}'s bytes.
     *
     * @param fd     the socket
     * @param level  the option level ({@link io.jnetlink.Netlink#SOL_NETLINK}, {@link io.jnetlink.Netlink#SOL_SOCKET})
     * @param option the option number at that level
     * @param value  the option's bytes, all of them passed
     * @return 0, or -errno
     */
    int setsockopt(int fd, int level, int option, byte[] value);

    /**
     * {@code setsockopt(2)} with an int value, passed as 4 bytes in native byte order.
     *
     * @param fd     the socket
     * @param level  the option level ({@link io.jnetlink.Netlink#SOL_NETLINK}, {@link io.jnetlink.Netlink#SOL_SOCKET})
     * @param option the option number at that level
     * @param value  the option's value
     * @return 0, or -errno
     */
    default int setsockopt(int fd, int level, int option, int value) {
        byte[] v = new byte[4];
        ByteBuffer.wrap(v).order(java.nio.ByteOrder.nativeOrder()).putInt(0, value);
        return setsockopt(fd, level, option, v);
    }

    /**
     * {@code getsockopt(2)} into {@code value}: the length the kernel wrote, or -errno.
     *
     * @param fd     the socket
     * @param level  the option level ({@link io.jnetlink.Netlink#SOL_NETLINK}, {@link io.jnetlink.Netlink#SOL_SOCKET})
     * @param option the option number at that level
     * @param value  receives the option's bytes; its length is the room offered
     * @return the number of bytes written into {@code value}, or -errno
     */
    int getsockopt(int fd, int level, int option, byte[] value);

    /**
     * {@code sendto(2)} of {@code length} bytes of {@code buffer} from {@code offset} to the kernel (port 0): bytes sent, or -errno.
     *
     * @param fd     a netlink socket
     * @param buffer the bytes to send; its position and limit are ignored
     * @param offset the absolute index of the first byte in {@code buffer}
     * @param length the number of bytes to send
     * @param flags  {@code MSG_*} flags, such as {@link #MSG_DONTWAIT}
     * @return the number of bytes sent, or -errno
     */
    long sendto(int fd, ByteBuffer buffer, int offset, int length, int flags);

    /**
     * {@code recvmsg(2)} of one datagram into {@code buffer[offset, offset + length)}: its full length (which
     * exceeds {@code length} when {@link RecvInfo#truncated()}), or -errno. The sender's address, message flags
     * and the netlink control messages (the nsid of {@code NETLINK_LISTEN_ALL_NSID}) are written to {@code info}.
     *
     * @param fd     a netlink socket
     * @param buffer receives the datagram; its position and limit are ignored
     * @param offset the absolute index in {@code buffer} of the first byte to fill
     * @param length the room from {@code offset}: at most this many bytes are written
     * @param flags  {@code MSG_*} flags, such as {@link #MSG_DONTWAIT}
     * @param info   reset, then filled with what the call learned besides the bytes
     * @return the datagram's full length, or -errno
     */
    long recvmsg(int fd, ByteBuffer buffer, int offset, int length, int flags, RecvInfo info);

    /**
     * {@code recvmmsg(2)}: up to {@code infos.length} datagrams in one call, datagram i into
     * {@code buffer[i * slotSize, (i + 1) * slotSize)}, its full length into {@code lengths[i]}. Returns the
     * number received, or -errno when none was (an error after the first datagram is reported by the next call, as
     * the kernel does). {@code flags} may include {@link #MSG_WAITFORONE}. The default receives one datagram with
     * {@link #recvmsg}, for implementations without it.
     *
     * @param fd       a netlink socket
     * @param buffer   receives the datagrams, {@code infos.length} slots of {@code slotSize} bytes from index 0
     * @param slotSize the room for each datagram, in bytes
     * @param flags    {@code MSG_*} flags, such as {@link #MSG_DONTWAIT} and {@link #MSG_WAITFORONE}
     * @param lengths  receives each datagram's full length (above {@code slotSize} when it was truncated)
     * @param infos    one per slot, the most datagrams asked for; each filled as {@link #recvmsg} fills its info
     * @return the number of datagrams received, or -errno when none was
     */
    default int recvmmsg(int fd, ByteBuffer buffer, int slotSize, int flags, long[] lengths, RecvInfo[] infos) {
        long r = recvmsg(fd, buffer, 0, slotSize, flags & ~MSG_WAITFORONE, infos[0]);
        if (r < 0) {
            return (int) r;
        }
        lengths[0] = r;
        return 1;
    }

    /**
     * {@code poll(2)} on {@code fds} for {@code events}; {@code revents} receives the results.
     * Returns the number of ready descriptors, 0 on timeout, or -errno. A negative timeout waits forever.
     *
     * @param fds           the descriptors to watch
     * @param events        for each descriptor, the events of interest ({@link #POLLIN}, {@link #POLLOUT})
     * @param revents       receives, for each descriptor, the events that occurred (all 0 unless some are ready)
     * @param timeoutMillis the longest wait in milliseconds, 0 not to wait, negative to wait forever
     * @return the number of ready descriptors, 0 on timeout, or -errno
     */
    int poll(int[] fds, short[] events, short[] revents, int timeoutMillis);

    /**
     * {@code epoll_create1(EPOLL_CLOEXEC)}: a descriptor, or -errno (-ENOSYS when not implemented).
     *
     * @return the new epoll descriptor, or -errno; the default returns -ENOSYS
     */
    default int epollCreate() {
        return -38;
    }

    /**
     * {@code epoll_ctl(2)}: op 1 add, 2 delete, 3 modify; {@code data} comes back from {@link #epollWait}.
     *
     * @param epfd   an epoll descriptor from {@link #epollCreate}
     * @param op     {@code EPOLL_CTL_ADD} (1), {@code EPOLL_CTL_DEL} (2) or {@code EPOLL_CTL_MOD} (3)
     * @param fd     the descriptor to add, remove or modify
     * @param events the {@code EPOLL*} event mask ({@code EPOLLIN} = 1, ...)
     * @param data   the 64-bit value {@link #epollWait} reports with this descriptor's events
     * @return 0, or -errno; the default returns -ENOSYS
     */
    default int epollCtl(int epfd, int op, int fd, int events, long data) {
        return -38;
    }

    /**
     * {@code epoll_wait(2)} for up to {@code events.length} events: fills {@code events[i]} and {@code data[i]},
     * returns the count, 0 on timeout, or -errno. A negative timeout waits forever.
     *
     * @param epfd          an epoll descriptor from {@link #epollCreate}
     * @param events        receives each ready descriptor's event mask; its length is the most events returned
     * @param data          receives each ready descriptor's data from {@link #epollCtl}, as long as {@code events}
     * @param timeoutMillis the longest wait in milliseconds, 0 not to wait, negative to wait forever
     * @return the number of events filled in, 0 on timeout, or -errno; the default returns -ENOSYS
     */
    default int epollWait(int epfd, int[] events, long[] data, int timeoutMillis) {
        return -38;
    }

    /**
     * {@code close(2)}.
     *
     * @param fd the descriptor to close
     * @return 0, or -errno
     */
    int close(int fd);

    /**
     * Native memory for receive buffers: {@code bytes} zeroed bytes outside the Java heap, as a direct buffer in
     * native byte order, freed once the buffer is unreachable. The system implementation takes it from the C
     * library, so it is not counted against {@code -XX:MaxDirectMemorySize} and never waits for a garbage collection;
     * the default is {@link ByteBuffer#allocateDirect}.
     *
     * @param bytes the size, positive
     * @return the buffer, position 0 and limit {@code bytes}
     * @throws OutOfMemoryError when the memory cannot be had
     */
    default ByteBuffer allocate(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(java.nio.ByteOrder.nativeOrder());
    }

    /**
     * Sets or clears {@code O_NONBLOCK} through {@code fcntl(2)}.
     *
     * @param fd          the descriptor
     * @param nonBlocking true to set {@code O_NONBLOCK}, false to clear it
     * @return a non-negative value, or -errno
     */
    int setNonBlocking(int fd, boolean nonBlocking);

    /**
     * {@code eventfd(2)}: a new descriptor, or -errno.
     *
     * @param initialValue the counter's initial value
     * @param flags        {@code EFD_*} flags ({@code EFD_CLOEXEC}, {@code EFD_NONBLOCK}, ...)
     * @return the new descriptor, or -errno
     */
    int eventfd(int initialValue, int flags);

    /**
     * Adds {@code value} to an eventfd's counter ({@code write(2)} of 8 bytes): 8, or -errno.
     *
     * @param fd    an eventfd descriptor
     * @param value the amount to add
     * @return 8, or -errno
     */
    long eventfdWrite(int fd, long value);

    /**
     * {@code open(2)} of a path: a descriptor, or -errno.
     *
     * @param path  the file's path (such as {@code /run/netns/NAME})
     * @param flags {@code O_*} flags ({@code O_RDONLY}, {@code O_CLOEXEC}, ...)
     * @param mode  the permission bits for a file created, else ignored
     * @return the new descriptor, or -errno
     */
    int open(String path, int flags, int mode);

    /**
     * {@code ioctl(2)} whose argument points to a structure: {@code arg} is copied in, and what the kernel
     * wrote is copied back. Returns the call's result, or -errno (-ENOSYS when not implemented).
     *
     * @param fd      the descriptor
     * @param request the ioctl request number
     * @param arg     the structure's bytes, overwritten with what the kernel left there
     * @return the call's non-negative result, or -errno; the default returns -ENOSYS
     */
    default int ioctl(int fd, long request, byte[] arg) {
        return -38;
    }

    /**
     * {@code ioctl(2)} whose argument is a plain integer.
     *
     * @param fd      the descriptor
     * @param request the ioctl request number
     * @param arg     the integer argument
     * @return the call's non-negative result, or -errno; the default returns -ENOSYS
     */
    default int ioctl(int fd, long request, long arg) {
        return -38;
    }

    /**
     * {@code setns(2)} for the calling thread.
     *
     * @param fd     a namespace descriptor (such as one opened on {@code /run/netns/NAME})
     * @param nsType the namespace type expected ({@code CLONE_NEWNET} = 0x40000000), or 0 for any
     * @return 0, or -errno
     */
    int setns(int fd, int nsType);

    /**
     * {@code unshare(2)} for the calling thread.
     *
     * @param flags {@code CLONE_*} flags of what to unshare ({@code CLONE_NEWNET}, {@code CLONE_NEWNS}, ...)
     * @return 0, or -errno
     */
    int unshare(int flags);

    /**
     * {@code mount(2)}; {@code source}, {@code fsType} may be null.
     *
     * @param source the source (a device, a path for a bind mount), or null
     * @param target the mount point's path
     * @param fsType the file system type (such as {@code "tmpfs"}), or null
     * @param flags  {@code MS_*} flags ({@code MS_BIND}, {@code MS_REC}, ...)
     * @return 0, or -errno
     */
    int mount(String source, String target, String fsType, long flags);

    /**
     * {@code umount2(2)}.
     *
     * @param target the mount point's path
     * @param flags  {@code MNT_*} / {@code UMOUNT_*} flags ({@code MNT_DETACH} = 2, ...)
     * @return 0, or -errno
     */
    int umount2(String target, int flags);

    /**
     * {@code getpid(2)}.
     *
     * @return the calling process's id
     */
    int getpid();

    /**
     * {@code gettid(2)}: the calling platform thread's kernel thread id.
     *
     * @return the kernel thread id of the calling platform thread
     */
    int gettid();

    /**
     * {@code setpriority(PRIO_PROCESS, tid, nice)} for one thread.
     *
     * @param tid  the kernel thread id (from {@link #gettid}), 0 for the calling thread
     * @param nice the nice value, -20 (highest priority) to 19
     * @return 0, or -errno
     */
    int setpriority(int tid, int nice);

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

        /**
         * An empty info (no sender, no flags, no nsid), to be filled by {@link Libc#recvmsg} or
         * {@link Libc#recvmmsg}.
         */
        public RecvInfo() {
        }

        /**
         * True when the datagram was longer than the buffer.
         *
         * @return true when {@code MSG_TRUNC} is set in {@link #msgFlags}
         */
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
