package io.jnetlink.socket;

import io.jnetlink.Errno;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.sys.Libc;
import io.jnetlink.sys.NetNS;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The kernel socket's descriptor and the eventfd that wakes its pollers: opened in the spec's namespace (or adopted)
 * with the spec's options applied, counted in and out by the threads that use them, and closed only once none does
 * (no thread ever makes a system call on a descriptor number that may already name another file). Its counters are
 * guarded by the socket's lock.
 */
final class Descriptor {
    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int EFD_CLOEXEC = 02000000;
    private static final int EFD_NONBLOCK = 04000;

    private final Libc libc;
    /** The netlink socket. */
    final int fd;
    /** The eventfd polled together with it; written to wake every poller at once. */
    final int wakeFd;
    /** False for a socket adopted through useSocket: it stays open, it is the caller's. */
    private final boolean owned;
    /**
     * The socket's kernel drop counter when it was opened or adopted: 0 for a new socket. Losses are counted from
     * here.
     */
    long baseDrops;
    /** The kernel queue was raised for multicast groups (guarded by the socket's bind lock). */
    boolean sizedForGroups;
    private int users;
    private boolean released;
    private boolean closed;

    private Descriptor(Libc libc, int fd, int wakeFd, boolean owned) {
        this.libc = libc;
        this.fd = fd;
        this.wakeFd = wakeFd;
        this.owned = owned;
    }

    /**
     * Opens the socket of {@code spec}: in its namespace (creating a missing named one when its flags have O_CREAT),
     * or adopting its fileno/useSocket; then its eventfd, and the options sndbuf, rcvbuf, extAck, strictCheck, allNs.
     */
    static Descriptor open(NetlinkSocketSpec spec) throws NetlinkException {
        Libc libc = spec.libc();
        int fd;
        boolean adopted = spec.fileno() != null || spec.useSocket() != null;
        if (adopted) {
            fd = spec.fileno() != null ? spec.fileno() : spec.useSocket();
            verifyAdopted(spec, fd);
        } else if (spec.netns() != null || spec.netnsFd() != null) {
            if (spec.netns() != null && !NetNS.exists(spec.netns())) {
                if ((spec.flags() & NetlinkSocketSpec.O_CREAT) != 0 && !spec.netns().contains("/")) {
                    NetNS.create(spec.netns(), libc);
                } else {
                    throw new NetlinkException("socket", Errno.ENOENT, "network namespace "
                            + NetNS.path(spec.netns()) + " does not exist");
                }
            }
            fd = NetNS.callIn(libc, spec.netns(), spec.netnsFd(),
                    () -> libc.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, spec.family()));
            if (fd < 0) {
                throw new NetlinkException("socket(AF_NETLINK, SOCK_RAW, " + spec.family() + ") in namespace", -fd, null);
            }
        } else {
            fd = libc.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, spec.family());
            if (fd < 0) {
                throw new NetlinkException("socket(AF_NETLINK, SOCK_RAW, " + spec.family() + ")", -fd, null);
            }
        }
        boolean owned = spec.useSocket() == null;
        int w = libc.eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        if (w < 0) {
            if (owned) {
                libc.close(fd);
            }
            throw new NetlinkException("eventfd", -w, null);
        }
        Descriptor d = new Descriptor(libc, fd, w, owned);
        if (adopted) {
            byte[] m = new byte[36];
            if (libc.getsockopt(fd, Netlink.SOL_SOCKET, 55 /* SO_MEMINFO */, m) >= 36) {
                d.baseDrops = Integer.toUnsignedLong(ByteBuffer.wrap(m).order(ByteOrder.nativeOrder()).getInt(32));
            }
        }
        try {
            d.setInt(Netlink.SOL_SOCKET, Netlink.SO_SNDBUF, spec.sndbuf());
            d.setInt(Netlink.SOL_SOCKET, Netlink.SO_RCVBUF, spec.rcvbuf());
            if (spec.extAck()) {
                d.setInt(Netlink.SOL_NETLINK, Netlink.NETLINK_EXT_ACK, 1);
            }
            if (spec.strictCheck()) {
                d.setInt(Netlink.SOL_NETLINK, Netlink.NETLINK_GET_STRICT_CHK, 1);
            }
            if (spec.allNs()) {
                d.setInt(Netlink.SOL_NETLINK, Netlink.NETLINK_LISTEN_ALL_NSID, 1);
            }
        } catch (NetlinkException e) {
            d.closeNow();
            throw e;
        }
        return d;
    }

    private static void verifyAdopted(NetlinkSocketSpec spec, int candidate) throws NetlinkException {
        Libc libc = spec.libc();
        byte[] v = new byte[4];
        int r = libc.getsockopt(candidate, Netlink.SOL_SOCKET, Netlink.SO_DOMAIN, v);
        if (r < 0) {
            throw new NetlinkException("adopt fd " + candidate, -r, "not an open socket");
        }
        if (int32(v) != AF_NETLINK) {
            throw new NetlinkException("adopt fd " + candidate, Errno.EINVAL, "not a netlink socket (domain "
                    + int32(v) + ")");
        }
        r = libc.getsockopt(candidate, Netlink.SOL_SOCKET, Netlink.SO_PROTOCOL, v);
        if (r >= 0 && int32(v) != spec.family()) {
            throw new NetlinkException("adopt fd " + candidate, Errno.EINVAL, "netlink family " + int32(v)
                    + ", spec says " + spec.family());
        }
    }

    /** An int in host order from the start of {@code v} (a socket option's value). */
    static int int32(byte[] v) {
        return ByteBuffer.wrap(v).order(ByteOrder.nativeOrder()).getInt(0);
    }

    /** {@code setsockopt} with an int value. */
    void setInt(int level, int option, int value) throws NetlinkException {
        int r = libc.setsockopt(fd, level, option, value);
        if (r < 0) {
            throw new NetlinkException("setsockopt(" + level + ", " + option + ")", -r, null);
        }
    }

    /** A thread starts using the descriptor. Lock held. */
    void enter() {
        users++;
    }

    /** A thread stops using it; the last one out after {@link #release()} closes it. Lock held. */
    void exit() {
        users--;
        if (released && users == 0) {
            closeNow();
        }
    }

    /** True while a thread uses the descriptor. Lock held. */
    boolean inUse() {
        return users > 0;
    }

    /** Writes the eventfd: every poll on this descriptor returns at once (and keeps returning). */
    void wake() {
        libc.eventfdWrite(wakeFd, 1);
    }

    /** No new use will come: closes now if no thread is inside, else when the last one leaves. Lock held. */
    void release() {
        released = true;
        if (users == 0) {
            closeNow();
        }
    }

    private void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        if (owned) {
            libc.close(fd);
        }
        libc.close(wakeFd);
    }
}
