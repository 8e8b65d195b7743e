package io.jnetlink.socket;

import io.jnetlink.Netlink;
import io.jnetlink.sys.Libc;

import java.time.Duration;

/**
 * Every option of a netlink socket, with pyroute2's names and defaults; immutable, made with
 * {@link #builder()}. {@link Builder#build()} refuses an invalid value or combination with an
 * {@link IllegalArgumentException} naming the option.
 *
 * <table>
 * <caption>Options and what each changes in the kernel's view</caption>
 * <tr><th>option</th><th>default</th><th>effect</th></tr>
 * <tr><td>family</td><td>16 (NETLINK_GENERIC)</td><td>the protocol of {@code socket(AF_NETLINK, SOCK_RAW, family)}</td></tr>
 * <tr><td>port</td><td>none</td><td>with it, an automatic bind uses port id {@code pid + (port << 22)} (pyroute2's scheme) instead of a kernel-chosen one</td></tr>
 * <tr><td>pid</td><td>the process id</td><td>the pid part of that port id</td></tr>
 * <tr><td>fileno</td><td>none</td><td>adopt this open netlink fd instead of creating one; closed by {@code close()}</td></tr>
 * <tr><td>useSocket</td><td>none</td><td>adopt this open netlink fd, which stays the caller's: {@code close()} leaves it open</td></tr>
 * <tr><td>sndbuf</td><td>1 MiB</td><td>SO_SNDBUF (the kernel doubles it and caps it at wmem_max)</td></tr>
 * <tr><td>rcvbuf</td><td>1 MiB; {@link #MULTICAST_RCVBUF} (32 MiB) once the socket joins multicast groups</td><td>SO_RCVBUF (doubled, capped at rmem_max): the kernel queue for replies and broadcasts. Unless it is set here, a socket that joins groups (a bind with groups, {@code addMembership}) raises its queue for storms: SO_RCVBUFFORCE to {@link #MULTICAST_RCVBUF} where the process has CAP_NET_ADMIN (a 64 MiB queue), else SO_RCVBUF, which the kernel caps at rmem_max</td></tr>
 * <tr><td>rcvsize</td><td>32768</td><td>the user-space receive buffer, 8 KiB to 16 MiB (pyroute2's 16384 included); the kernel fills dump datagrams up to the largest buffer it has seen, capped at 32 KiB, so less than 32 KiB means more, smaller datagrams per dump; a message longer than the buffer is reported truncated</td></tr>
 * <tr><td>allNs</td><td>false</td><td>NETLINK_LISTEN_ALL_NSID: broadcasts from every peered namespace, each tagged with its nsid</td></tr>
 * <tr><td>asyncQsize</td><td>262144</td><td>most unread datagrams held in user space for {@code get()} (a broadcast datagram holds one message); beyond it the newest are dropped and an overrun is reported</td></tr>
 * <tr><td>asyncBytes</td><td>64 MiB</td><td>most native memory holding unread broadcast datagrams, 2 MiB to 1 GiB, taken in 1 MiB chunks as needed (a route event takes about 70 bytes); beyond it the newest are dropped and an overrun is reported</td></tr>
 * <tr><td>nlmGenerator</td><td>false</td><td>{@code request()} hands out replies as datagrams arrive instead of collecting them first</td></tr>
 * <tr><td>target</td><td>"localhost"</td><td>a label put on every received message</td></tr>
 * <tr><td>extAck</td><td>true</td><td>NETLINK_EXT_ACK: errors carry the kernel's message and the faulty attribute's offset (pyroute2: false)</td></tr>
 * <tr><td>strictCheck</td><td>false</td><td>NETLINK_GET_STRICT_CHK: the kernel validates requests strictly and filters dumps by their header</td></tr>
 * <tr><td>groups</td><td>0</td><td>the multicast groups an automatic bind joins (bit n-1 = group n)</td></tr>
 * <tr><td>nlmEcho</td><td>false</td><td>NLM_F_ECHO on requests: the kernel sends the resulting notification back to this socket</td></tr>
 * <tr><td>netns</td><td>none</td><td>create the socket in this network namespace: a name under /run/netns or a path</td></tr>
 * <tr><td>netnsFd</td><td>none</td><td>create the socket in the namespace of this open fd</td></tr>
 * <tr><td>flags</td><td>O_CREAT</td><td>with O_CREAT a missing named namespace is created as {@code ip netns add} does</td></tr>
 * <tr><td>libc</td><td>{@link Libc#system()}</td><td>the system call layer</td></tr>
 * <tr><td>timeout</td><td>30 s</td><td>the longest a request waits for the kernel's next reply datagram</td></tr>
 * </table>
 */
public final class NetlinkSocketSpec {
    /** The O_CREAT bit of {@link #flags()}: create a missing named namespace. */
    public static final int O_CREAT = 0100;
    /**
     * The smallest accepted rcvsize: the kernel's NLMSG_GOODSIZE (at most 8 KiB), the least it puts in a dump
     * datagram. The default (32 KiB) is the kernel's cap on dump datagrams, whose full size a smaller buffer gives up.
     */
    public static final int MIN_RCVSIZE = 8192;
    /**
     * The SO_RCVBUF a socket asks for when it joins multicast groups and the spec does not set rcvbuf: 32 MiB, which
     * the kernel doubles to a 64 MiB queue, about 80,000 route events (the kernel charges about 830 bytes for each);
     * systemd-networkd asks for 128 MiB for the same reason. With CAP_NET_ADMIN it is set with SO_RCVBUFFORCE,
     * else with SO_RCVBUF, which the kernel caps at net.core.rmem_max. The kernel charges a queue only for what
     * waits in it.
     */
    public static final int MULTICAST_RCVBUF = 32 << 20;

    private final int family;
    private final Integer port;
    private final Integer pid;
    private final Integer fileno;
    private final Integer useSocket;
    private final int sndbuf;
    private final int rcvbuf;
    private final boolean rcvbufSet;
    private final int rcvsize;
    private final boolean allNs;
    private final int asyncQsize;
    private final int asyncBytes;
    private final boolean nlmGenerator;
    private final String target;
    private final boolean extAck;
    private final boolean strictCheck;
    private final long groups;
    private final boolean nlmEcho;
    private final String netns;
    private final Integer netnsFd;
    private final int flags;
    private final Libc libc;
    private final Duration timeout;

    private NetlinkSocketSpec(Builder b) {
        this.family = b.family;
        this.port = b.port;
        this.pid = b.pid;
        this.fileno = b.fileno;
        this.useSocket = b.useSocket;
        this.sndbuf = b.sndbuf;
        this.rcvbuf = b.rcvbuf;
        this.rcvbufSet = b.rcvbufSet;
        this.rcvsize = b.rcvsize;
        this.allNs = b.allNs;
        this.asyncQsize = b.asyncQsize;
        this.asyncBytes = b.asyncBytes;
        this.nlmGenerator = b.nlmGenerator;
        this.target = b.target;
        this.extAck = b.extAck;
        this.strictCheck = b.strictCheck;
        this.groups = b.groups;
        this.nlmEcho = b.nlmEcho;
        this.netns = b.netns;
        this.netnsFd = b.netnsFd;
        this.flags = b.flags;
        this.libc = b.libc;
        this.timeout = b.timeout;
    }

    /**
     * A builder with every default.
     *
     * @return a new builder holding the defaults of the table above
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The spec with every default.
     *
     * @return the spec with every default: a generic netlink socket in the caller's network namespace
     */
    public static NetlinkSocketSpec defaults() {
        return builder().build();
    }

    /**
     * A builder holding this spec's values.
     *
     * @return a new builder holding this spec's values (changing it leaves this spec as it is)
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.family = family;
        b.port = port;
        b.pid = pid;
        b.fileno = fileno;
        b.useSocket = useSocket;
        b.sndbuf = sndbuf;
        b.rcvbuf = rcvbuf;
        b.rcvbufSet = rcvbufSet;
        b.rcvsize = rcvsize;
        b.allNs = allNs;
        b.asyncQsize = asyncQsize;
        b.asyncBytes = asyncBytes;
        b.nlmGenerator = nlmGenerator;
        b.target = target;
        b.extAck = extAck;
        b.strictCheck = strictCheck;
        b.groups = groups;
        b.nlmEcho = nlmEcho;
        b.netns = netns;
        b.netnsFd = netnsFd;
        b.flags = flags;
        b.libc = libc;
        b.timeout = timeout;
        return b;
    }

    /**
     * The netlink protocol.
     *
     * @return the protocol of {@code socket(AF_NETLINK, SOCK_RAW, family)}, 0..31 (e.g. 0 for NETLINK_ROUTE, 16 for
     *         NETLINK_GENERIC)
     */
    public int family() {
        return family;
    }

    /**
     * The port part of an automatic bind's port id, or null.
     *
     * @return 0..1023 (the port id is {@code pid + (port << 22)}), or null when the kernel chooses the port id
     */
    public Integer port() {
        return port;
    }

    /**
     * The pid part of the port id, or null for the process id.
     *
     * @return 0..4194303 (below 2<sup>22</sup>), or null for the process id
     */
    public Integer pid() {
        return pid;
    }

    /**
     * An fd to adopt and own, or null.
     *
     * @return the descriptor of an open netlink socket that the socket adopts and {@code close()} closes, or null
     */
    public Integer fileno() {
        return fileno;
    }

    /**
     * An fd to adopt and leave open, or null.
     *
     * @return the descriptor of an open netlink socket that the socket adopts and {@code close()} leaves open, or null
     */
    public Integer useSocket() {
        return useSocket;
    }

    /**
     * Requested SO_SNDBUF.
     *
     * @return the bytes asked for when the socket is made (the kernel doubles them and caps them at wmem_max)
     */
    public int sndbuf() {
        return sndbuf;
    }

    /**
     * Requested SO_RCVBUF, set when the socket is made.
     *
     * @return the bytes asked for; unless {@link Builder#rcvbuf} set them, a socket that joins multicast groups then
     *         asks for {@link #MULTICAST_RCVBUF}
     */
    public int rcvbuf() {
        return rcvbuf;
    }

    /** True when {@link Builder#rcvbuf} was called: the socket keeps that size when it joins groups. */
    boolean rcvbufSet() {
        return rcvbufSet;
    }

    /**
     * User-space receive buffer size.
     *
     * @return the bytes each datagram is received into, {@link #MIN_RCVSIZE} to 16 MiB
     */
    public int rcvsize() {
        return rcvsize;
    }

    /**
     * NETLINK_LISTEN_ALL_NSID.
     *
     * @return true when the socket receives broadcasts from every peered namespace, each tagged with its nsid
     */
    public boolean allNs() {
        return allNs;
    }

    /**
     * Bound on unread datagrams held for {@code get()}.
     *
     * @return the most unread datagrams held in user space (positive); beyond it the newest are dropped
     */
    public int asyncQsize() {
        return asyncQsize;
    }

    /**
     * Bound on the native memory holding unread broadcast datagrams, 2 MiB to 1 GiB.
     *
     * @return the most native memory, in bytes, holding unread broadcast datagrams in user space
     */
    public int asyncBytes() {
        return asyncBytes;
    }

    /**
     * Whether {@code request()} streams.
     *
     * @return true when {@code request()} hands replies out as datagrams arrive instead of collecting them first
     */
    public boolean nlmGenerator() {
        return nlmGenerator;
    }

    /**
     * Label of received messages.
     *
     * @return the non-empty label put on every received message ("localhost" by default)
     */
    public String target() {
        return target;
    }

    /**
     * NETLINK_EXT_ACK.
     *
     * @return true (the default) when errors carry the kernel's message and the faulty attribute's offset
     */
    public boolean extAck() {
        return extAck;
    }

    /**
     * NETLINK_GET_STRICT_CHK.
     *
     * @return true when the kernel validates requests strictly and filters dumps by their header
     */
    public boolean strictCheck() {
        return strictCheck;
    }

    /**
     * Groups joined by an automatic bind.
     *
     * @return the group mask, bit n-1 for group n (groups 1..64)
     */
    public long groups() {
        return groups;
    }

    /**
     * NLM_F_ECHO on requests.
     *
     * @return true when every message is sent with NLM_F_ECHO, so the kernel sends its notification back
     */
    public boolean nlmEcho() {
        return nlmEcho;
    }

    /**
     * Namespace name or path, or null.
     *
     * @return a name under /run/netns, or a path (containing '/'), or null
     */
    public String netns() {
        return netns;
    }

    /**
     * Namespace fd, or null.
     *
     * @return an open descriptor of the network namespace to create the socket in, or null
     */
    public Integer netnsFd() {
        return netnsFd;
    }

    /**
     * Namespace flags (O_CREAT).
     *
     * @return {@link #O_CREAT} (the default: a missing named namespace is created) or 0
     */
    public int flags() {
        return flags;
    }

    /**
     * The system call layer.
     *
     * @return the layer the socket makes its system calls through; never null ({@link Libc#system()} unless set)
     */
    public Libc libc() {
        return libc;
    }

    /**
     * Request timeout.
     *
     * @return the longest a request waits for the kernel's next reply datagram (positive, 30 s by default)
     */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public String toString() {
        return "NetlinkSocketSpec[family=" + family + ", port=" + port + ", pid=" + pid + ", fileno=" + fileno
                + ", useSocket=" + useSocket + ", sndbuf=" + sndbuf + ", rcvbuf=" + rcvbuf
                + (rcvbufSet ? "" : " (default)") + ", rcvsize=" + rcvsize + ", allNs=" + allNs + ", asyncQsize=" + asyncQsize
                + ", asyncBytes=" + asyncBytes + ", nlmGenerator=" + nlmGenerator
                + ", target=" + target + ", extAck=" + extAck + ", strictCheck=" + strictCheck + ", groups=" + groups
                + ", nlmEcho=" + nlmEcho + ", netns=" + netns + ", netnsFd=" + netnsFd + ", flags=0" + Integer.toOctalString(flags)
                + ", timeout=" + timeout + "]";
    }

    /** Builds a {@link NetlinkSocketSpec}; not thread-safe. */
    public static final class Builder {
        private int family = Netlink.NETLINK_GENERIC;
        private Integer port;
        private Integer pid;
        private Integer fileno;
        private Integer useSocket;
        private int sndbuf = 1 << 20;
        private int rcvbuf = 1 << 20;
        private boolean rcvbufSet;
        private int rcvsize = 32768;
        private boolean allNs;
        private int asyncQsize = 262144;
        private int asyncBytes = 64 << 20;
        private boolean nlmGenerator;
        private String target = "localhost";
        private boolean extAck = true;
        private boolean strictCheck;
        private long groups;
        private boolean nlmEcho;
        private String netns;
        private Integer netnsFd;
        private int flags = O_CREAT;
        private Libc libc = null;
        private Duration timeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /**
         * The netlink protocol, 0..31.
         *
         * @param v the protocol, e.g. {@link Netlink#NETLINK_ROUTE} or {@link Netlink#NETLINK_GENERIC}
         * @return this builder
         */
        public Builder family(int v) {
            family = v;
            return this;
        }

        /**
         * The port part of the port id, 0..1023, or null.
         *
         * @param v 0..1023, or null to let the kernel choose the port id
         * @return this builder
         */
        public Builder port(Integer v) {
            port = v;
            return this;
        }

        /**
         * The pid part of the port id, or null for the process id.
         *
         * @param v 0..4194303 (below 2<sup>22</sup>), or null for the process id
         * @return this builder
         */
        public Builder pid(Integer v) {
            pid = v;
            return this;
        }

        /**
         * Adopt (and own) an open netlink fd.
         *
         * @param v a descriptor of a netlink socket of the spec's family, or null; excludes useSocket and a namespace
         * @return this builder
         */
        public Builder fileno(Integer v) {
            fileno = v;
            return this;
        }

        /**
         * Adopt an open netlink fd that stays the caller's.
         *
         * @param v a descriptor of a netlink socket of the spec's family, or null; excludes fileno and a namespace
         * @return this builder
         */
        public Builder useSocket(Integer v) {
            useSocket = v;
            return this;
        }

        /**
         * SO_SNDBUF in bytes.
         *
         * @param v the bytes to ask for, positive and below 1 GiB (the kernel doubles them and caps them at wmem_max)
         * @return this builder
         */
        public Builder sndbuf(int v) {
            sndbuf = v;
            return this;
        }

        /**
         * SO_RCVBUF in bytes, kept when the socket joins multicast groups (without it, those get
         * {@link #MULTICAST_RCVBUF}).
         *
         * @param v the bytes to ask for (the kernel doubles them and caps them at rmem_max)
         * @return this builder
         */
        public Builder rcvbuf(int v) {
            rcvbuf = v;
            rcvbufSet = true;
            return this;
        }

        /**
         * The user-space receive buffer, {@link #MIN_RCVSIZE} (8 KiB) to 16 MiB; below 32 KiB the kernel sends a dump
         * in more, smaller datagrams.
         *
         * @param v the buffer size in bytes
         * @return this builder
         */
        public Builder rcvsize(int v) {
            rcvsize = v;
            return this;
        }

        /**
         * NETLINK_LISTEN_ALL_NSID.
         *
         * @param v true to receive broadcasts from every peered namespace, each tagged with its nsid
         * @return this builder
         */
        public Builder allNs(boolean v) {
            allNs = v;
            return this;
        }

        /**
         * Bound on messages held in user space.
         *
         * @param v the most unread datagrams held for {@code get()}, positive (a broadcast datagram holds one message)
         * @return this builder
         */
        public Builder asyncQsize(int v) {
            asyncQsize = v;
            return this;
        }

        /**
         * Bound on the native memory holding unread broadcast datagrams in user space, 2 MiB to 1 GiB.
         *
         * @param v bytes
         * @return this builder
         */
        public Builder asyncBytes(int v) {
            asyncBytes = v;
            return this;
        }

        /**
         * Stream replies of {@code request()}.
         *
         * @param v true to hand replies out as datagrams arrive instead of collecting them first
         * @return this builder
         */
        public Builder nlmGenerator(boolean v) {
            nlmGenerator = v;
            return this;
        }

        /**
         * Label for received messages.
         *
         * @param v a non-empty label
         * @return this builder
         */
        public Builder target(String v) {
            target = v;
            return this;
        }

        /**
         * NETLINK_EXT_ACK.
         *
         * @param v true (the default) for errors that carry the kernel's message and the faulty attribute's offset
         * @return this builder
         */
        public Builder extAck(boolean v) {
            extAck = v;
            return this;
        }

        /**
         * NETLINK_GET_STRICT_CHK.
         *
         * @param v true for strict request checking and dumps filtered by their header
         * @return this builder
         */
        public Builder strictCheck(boolean v) {
            strictCheck = v;
            return this;
        }

        /**
         * Groups for an automatic bind (bit n-1 = group n).
         *
         * @param v the group mask (groups 1..64)
         * @return this builder
         */
        public Builder groups(long v) {
            groups = v;
            return this;
        }

        /**
         * NLM_F_ECHO on requests.
         *
         * @param v true to send every message with NLM_F_ECHO
         * @return this builder
         */
        public Builder nlmEcho(boolean v) {
            nlmEcho = v;
            return this;
        }

        /**
         * Namespace by name (/run/netns/NAME) or path (containing '/').
         *
         * @param v the name or path, or null for the caller's namespace; excludes netnsFd, fileno and useSocket
         * @return this builder
         */
        public Builder netns(String v) {
            netns = v;
            return this;
        }

        /**
         * Namespace by open fd.
         *
         * @param v an open descriptor of a network namespace, or null; excludes netns, fileno and useSocket
         * @return this builder
         */
        public Builder netnsFd(Integer v) {
            netnsFd = v;
            return this;
        }

        /**
         * Namespace flags: {@link #O_CREAT} or 0.
         *
         * @param v {@link #O_CREAT} to create a missing named namespace, or 0
         * @return this builder
         */
        public Builder flags(int v) {
            flags = v;
            return this;
        }

        /**
         * The system call layer.
         *
         * @param v the layer, or null for {@link Libc#system()}
         * @return this builder
         */
        public Builder libc(Libc v) {
            libc = v;
            return this;
        }

        /**
         * Request timeout, positive.
         *
         * @param v the longest a request waits for the kernel's next reply datagram
         * @return this builder
         */
        public Builder timeout(Duration v) {
            timeout = v;
            return this;
        }

        private static IllegalArgumentException bad(String option, String why) {
            return new IllegalArgumentException("NetlinkSocketSpec." + option + ": " + why);
        }

        /**
         * Validates and returns the spec.
         *
         * @return the spec of this builder's values
         * @throws IllegalArgumentException naming the option, when a value is out of its range or two options conflict
         *                                  (fileno and useSocket; an adopted socket and a namespace; netns and netnsFd)
         */
        public NetlinkSocketSpec build() {
            if (family < 0 || family > 31) {
                throw bad("family", family + " is outside 0..31 (MAX_LINKS)");
            }
            if (port != null && (port < 0 || port > 1023)) {
                throw bad("port", port + " is outside 0..1023 (the port id is pid + (port << 22))");
            }
            if (pid != null && (pid < 0 || pid >= 1 << 22)) {
                throw bad("pid", pid + " is outside 0.." + ((1 << 22) - 1));
            }
            if (fileno != null && fileno < 0) {
                throw bad("fileno", fileno + " is not a file descriptor");
            }
            if (useSocket != null && useSocket < 0) {
                throw bad("useSocket", useSocket + " is not a file descriptor");
            }
            if (fileno != null && useSocket != null) {
                throw bad("fileno", "fileno and useSocket both adopt a socket; give one");
            }
            if ((fileno != null || useSocket != null) && (netns != null || netnsFd != null)) {
                throw bad(fileno != null ? "fileno" : "useSocket", "an adopted socket already lives in a namespace; netns does not apply");
            }
            if (sndbuf <= 0 || sndbuf > Integer.MAX_VALUE / 2) {
                throw bad("sndbuf", sndbuf + " is not a positive buffer size below 1 GiB");
            }
            if (rcvbuf <= 0 || rcvbuf > Integer.MAX_VALUE / 2) {
                throw bad("rcvbuf", rcvbuf + " is not a positive buffer size below 1 GiB");
            }
            if (rcvsize < MIN_RCVSIZE || rcvsize > 1 << 24) {
                throw bad("rcvsize", rcvsize + " is outside " + MIN_RCVSIZE
                        + "..16 MiB (a dump datagram can hold 8 KiB whatever the buffer: a smaller one would truncate it)");
            }
            if (asyncQsize <= 0) {
                throw bad("asyncQsize", asyncQsize + " is not positive");
            }
            if (asyncBytes < 2 << 20 || asyncBytes > 1 << 30) {
                throw bad("asyncBytes", asyncBytes + " is outside 2 MiB..1 GiB");
            }
            if (target == null || target.isEmpty()) {
                throw bad("target", "must be a non-empty label");
            }
            if (netns != null && netnsFd != null) {
                throw bad("netns", "give netns or netnsFd, not both");
            }
            if (netns != null && (netns.isEmpty() || netns.equals(".") || netns.equals(".."))) {
                throw bad("netns", "'" + netns + "' is not a namespace name or path");
            }
            if (netnsFd != null && netnsFd < 0) {
                throw bad("netnsFd", netnsFd + " is not a file descriptor");
            }
            if ((flags & ~O_CREAT) != 0) {
                throw bad("flags", "only O_CREAT (0100) is meaningful, got 0" + Integer.toOctalString(flags));
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw bad("timeout", timeout + " is not a positive duration");
            }
            if (libc == null) {
                libc = Libc.system();
            }
            return new NetlinkSocketSpec(this);
        }
    }
}
