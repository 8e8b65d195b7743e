package io.jnetlink.socket;

import io.jnetlink.Errno;
import io.jnetlink.NetlinkException;
import io.jnetlink.sys.Libc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An epoll loop for many netlink sockets (and any other descriptors): register them, then
 * {@link #poll(Duration)} returns those ready to read. Use it with sockets in non-blocking mode and read
 * with {@link NetlinkSocket#get()}. Sockets with a reader thread are drained by it and rarely look ready.
 * Not thread-safe: one thread polls.
 */
public final class NetlinkPoller implements AutoCloseable {
    private static final int EPOLLIN = 0x1;
    private static final int EPOLLERR = 0x8;
    private static final int EPOLLHUP = 0x10;

    /**
     * A ready descriptor.
     *
     * @param fd         the descriptor
     * @param attachment what it was registered with
     * @param readable   EPOLLIN
     * @param error      EPOLLERR or EPOLLHUP (for a netlink socket: a pending ENOBUFS)
     */
    public record Ready(int fd, Object attachment, boolean readable, boolean error) {
    }

    private final Libc libc;
    private final int epfd;
    private final Map<Integer, Object> attachments = new HashMap<>();
    private boolean closed;

    /**
     * A poller on the system's epoll.
     *
     * @throws NetlinkException when {@code epoll_create1} fails (e.g. EMFILE: too many open descriptors)
     */
    public NetlinkPoller() throws NetlinkException {
        this(Libc.system());
    }

    /**
     * A poller through {@code libc}.
     *
     * @param libc the system call layer that creates and waits on the epoll descriptor
     * @throws NetlinkException when {@code epoll_create1} fails (e.g. EMFILE: too many open descriptors)
     */
    public NetlinkPoller(Libc libc) throws NetlinkException {
        this.libc = libc;
        int r = libc.epollCreate();
        if (r < 0) {
            throw new NetlinkException("epoll_create1", -r, null);
        }
        this.epfd = r;
    }

    /**
     * Watches {@code sock} for incoming data; {@link Ready#attachment()} will be the socket.
     *
     * @param sock the socket, best in non-blocking mode; its current descriptor is watched (a re-created socket
     *             must be registered again)
     * @throws NetlinkException the kernel's refusal of {@code epoll_ctl} (EEXIST when it is watched already, EBADF
     *                          when the socket is closed); EBADF once the poller is closed
     */
    public void register(NetlinkSocket sock) throws NetlinkException {
        register(sock.fileno(), sock);
    }

    /**
     * Watches any descriptor for reading.
     *
     * @param fd         the descriptor
     * @param attachment handed back as {@link Ready#attachment()} when {@code fd} is ready; may be null
     * @throws NetlinkException the kernel's refusal of {@code epoll_ctl} (EEXIST when it is watched already, EBADF
     *                          when it is not open); EBADF once the poller is closed
     */
    public void register(int fd, Object attachment) throws NetlinkException {
        check();
        int r = libc.epollCtl(epfd, 1 /* EPOLL_CTL_ADD */, fd, EPOLLIN, fd);
        if (r < 0) {
            throw new NetlinkException("epoll_ctl add fd " + fd, -r, null);
        }
        attachments.put(fd, attachment);
    }

    /**
     * Stops watching {@code fd}.
     *
     * @param fd the descriptor; one that is not watched or no longer open is ignored
     * @throws NetlinkException the kernel's refusal of {@code epoll_ctl} (other than ENOENT and EBADF); EBADF once
     *                          the poller is closed
     */
    public void unregister(int fd) throws NetlinkException {
        check();
        int r = libc.epollCtl(epfd, 2 /* EPOLL_CTL_DEL */, fd, 0, 0);
        attachments.remove(fd);
        if (r < 0 && r != -Errno.ENOENT && r != -Errno.EBADF) {
            throw new NetlinkException("epoll_ctl del fd " + fd, -r, null);
        }
    }

    /**
     * Waits up to {@code timeout} (null: forever); returns the ready descriptors, empty on timeout. EINTR is retried.
     *
     * @param timeout the longest wait, rounded up to whole milliseconds; null for no bound
     * @return the ready descriptors, at most one entry per registered descriptor; empty on timeout
     * @throws NetlinkException the kernel's refusal of {@code epoll_wait}; EBADF once the poller is closed
     */
    public List<Ready> poll(Duration timeout) throws NetlinkException {
        check();
        int n = Math.max(1, attachments.size());
        int[] events = new int[n];
        long[] data = new long[n];
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        int r;
        while (true) {
            int ms = timeout == null ? -1 : (int) Math.max(0, Math.min(Integer.MAX_VALUE,
                    (deadline - System.nanoTime() + 999_999) / 1_000_000));
            r = libc.epollWait(epfd, events, data, ms);
            if (r != -Errno.EINTR) {
                break;
            }
        }
        if (r < 0) {
            throw new NetlinkException("epoll_wait", -r, null);
        }
        List<Ready> out = new ArrayList<>(r);
        for (int i = 0; i < r; i++) {
            int fd = (int) data[i];
            out.add(new Ready(fd, attachments.get(fd), (events[i] & EPOLLIN) != 0, (events[i] & (EPOLLERR | EPOLLHUP)) != 0));
        }
        return out;
    }

    private void check() throws NetlinkException {
        if (closed) {
            throw new NetlinkException("poller", Errno.EBADF, "poller closed");
        }
    }

    /** Closes the epoll descriptor (the watched descriptors stay open). Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            libc.close(epfd);
        }
    }
}
