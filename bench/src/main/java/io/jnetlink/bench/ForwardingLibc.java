package io.jnetlink.bench;

import io.jnetlink.Libc;

import java.lang.foreign.MemorySegment;

/**
 * A {@link Libc} that passes every call on to another; the benchmarks' counting and tracing libcs override
 * only the calls they watch. {@code recvmmsg} is left to the interface's default, which loops over
 * {@link #recvmsg}, so a subclass watching {@code recvmsg} sees every datagram; override it to pass the
 * real {@code recvmmsg} on.
 */
abstract class ForwardingLibc implements Libc {
    /** The real calls. */
    protected final Libc d;

    ForwardingLibc(Libc delegate) {
        this.d = delegate;
    }

    @Override
    public int socket(int domain, int type, int protocol) {
        return d.socket(domain, type, protocol);
    }

    @Override
    public int bind(int fd, int portId, int groups) {
        return d.bind(fd, portId, groups);
    }

    @Override
    public long getsockname(int fd) {
        return d.getsockname(fd);
    }

    @Override
    public int setsockopt(int fd, int level, int option, MemorySegment value) {
        return d.setsockopt(fd, level, option, value);
    }

    @Override
    public int getsockopt(int fd, int level, int option, MemorySegment value) {
        return d.getsockopt(fd, level, option, value);
    }

    @Override
    public long sendto(int fd, MemorySegment buffer, long length, int flags, int portId, int groups) {
        return d.sendto(fd, buffer, length, flags, portId, groups);
    }

    @Override
    public long recvmsg(int fd, MemorySegment buffer, long length, int flags, RecvInfo info) {
        return d.recvmsg(fd, buffer, length, flags, info);
    }

    @Override
    public int epollCreate() {
        return d.epollCreate();
    }

    @Override
    public int epollCtl(int epfd, int op, int fd, int events, long data) {
        return d.epollCtl(epfd, op, fd, events, data);
    }

    @Override
    public int epollWait(int epfd, int[] events, long[] data, int timeoutMillis) {
        return d.epollWait(epfd, events, data, timeoutMillis);
    }

    @Override
    public int poll(int[] fds, short[] events, short[] revents, int timeoutMillis) {
        return d.poll(fds, events, revents, timeoutMillis);
    }

    @Override
    public int close(int fd) {
        return d.close(fd);
    }

    @Override
    public int setNonBlocking(int fd, boolean nonBlocking) {
        return d.setNonBlocking(fd, nonBlocking);
    }

    @Override
    public int eventfd(int initialValue, int flags) {
        return d.eventfd(initialValue, flags);
    }

    @Override
    public long read(int fd, MemorySegment buffer, long length) {
        return d.read(fd, buffer, length);
    }

    @Override
    public long write(int fd, MemorySegment buffer, long length) {
        return d.write(fd, buffer, length);
    }

    @Override
    public int open(String path, int flags, int mode) {
        return d.open(path, flags, mode);
    }

    @Override
    public int setns(int fd, int nsType) {
        return d.setns(fd, nsType);
    }

    @Override
    public int unshare(int flags) {
        return d.unshare(flags);
    }

    @Override
    public int mount(String source, String target, String fsType, long flags) {
        return d.mount(source, target, fsType, flags);
    }

    @Override
    public int umount2(String target, int flags) {
        return d.umount2(target, flags);
    }

    @Override
    public int getpid() {
        return d.getpid();
    }

    @Override
    public int gettid() {
        return d.gettid();
    }

    @Override
    public int setpriority(int tid, int nice) {
        return d.setpriority(tid, nice);
    }

    @Override
    public String strerror(int errno) {
        return d.strerror(errno);
    }
}
