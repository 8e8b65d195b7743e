package io.jnetlink.bench;

import io.jnetlink.sys.Libc;

import java.nio.ByteBuffer;

/**
 * A {@link Libc} that passes every call on to another; the benchmarks' counting and tracing libcs override
 * only the calls they watch. {@code recvmmsg} is passed on too.
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
    public int setsockopt(int fd, int level, int option, byte[] value) {
        return d.setsockopt(fd, level, option, value);
    }

    @Override
    public int getsockopt(int fd, int level, int option, byte[] value) {
        return d.getsockopt(fd, level, option, value);
    }

    @Override
    public long sendto(int fd, ByteBuffer buffer, int offset, int length, int flags) {
        return d.sendto(fd, buffer, offset, length, flags);
    }

    @Override
    public long recvmsg(int fd, ByteBuffer buffer, int offset, int length, int flags, RecvInfo info) {
        return d.recvmsg(fd, buffer, offset, length, flags, info);
    }

    @Override
    public int recvmmsg(int fd, ByteBuffer buffer, int slotSize, int flags, long[] lengths, RecvInfo[] infos) {
        return d.recvmmsg(fd, buffer, slotSize, flags, lengths, infos);
    }

    @Override
    public ByteBuffer allocate(int bytes) {
        return d.allocate(bytes);
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
    public long eventfdWrite(int fd, long value) {
        return d.eventfdWrite(fd, value);
    }

    @Override
    public int ioctl(int fd, long request, byte[] arg) {
        return d.ioctl(fd, request, arg);
    }

    @Override
    public int ioctl(int fd, long request, long arg) {
        return d.ioctl(fd, request, arg);
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
}
