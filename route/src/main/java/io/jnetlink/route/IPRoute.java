package io.jnetlink.route;

import io.jnetlink.Errno;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.MessageBuilder;
import io.jnetlink.message.MessageCursor;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.socket.NetlinkSocket;
import io.jnetlink.socket.NetlinkSocketSpec;
import io.jnetlink.socket.Replies;
import io.jnetlink.sys.NetNS;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The rtnetlink provider, pyroute2's IPRoute in Java: reads, changes and watches links, addresses, routes,
 * neighbours and rules with typed, immutable objects; also nexthop objects, the bridge forwarding database and bridge
 * VLANs. It holds one {@link NetlinkSocket} (family NETLINK_ROUTE, strict checking on, so dumps are filtered in the
 * kernel; {@link #socket()} for its options) and works in the spec's network namespace.
 *
 * <pre>{@code
 * try (IPRoute ip = new IPRoute(NetlinkSocketSpec.builder().netns("blue").build())) {
 *     ip.addLink(LinkRequest.veth("v0", "v1").up());
 *     ip.addAddress(AddressRequest.of("v0", "10.0.0.1/24"));
 *     ip.addRoute(RouteRequest.to("10.9.0.0/16").gateway("10.0.0.2").table(100));
 *     for (Route r : ip.routes(RouteQuery.table(100))) { ... }
 * }
 * }</pre>
 *
 * <p>Errors: a refusal is a {@link NetlinkException} named after the operation ("route add 10.9.0.0/16: EEXIST
 * (File exists)") with the kernel's extended-ack message where it sent one; a device name that does not exist is
 * ENODEV "no network device 'X'"; malformed arguments are {@link IllegalArgumentException}s naming the argument,
 * thrown before anything is sent. Each change is one request, so the kernel applies it whole or not at all
 * (a tun device is the exception: it is made by two ioctl calls). Safe for concurrent use.
 */
public final class IPRoute implements AutoCloseable {
    private static final int NEW = Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL;
    private static final int IFF_UP = 1;
    private static final int RT_TABLE_MAIN = 254;
    private static final int RTNH_F_ONLINK = 4;

    /**
     * An rtnetlink socket in the caller's network namespace, with every other socket default.
     *
     * @throws NetlinkException when the socket cannot be opened or bound
     */
    public IPRoute() throws NetlinkException {
        this(NetlinkSocketSpec.builder().build());
    }

    private final NetlinkSocket sock;

    /**
     * An rtnetlink socket with the options of {@code spec} (namespace, buffers, timeout, ...); its family is ignored
     * (always NETLINK_ROUTE) and strict checking is turned on.
     *
     * @param spec the socket options; its network namespace is the one every request works in
     * @throws NetlinkException when the socket cannot be opened or bound (e.g. the namespace does not exist)
     */
    public IPRoute(NetlinkSocketSpec spec) throws NetlinkException {
        sock = new NetlinkSocket(spec.toBuilder().family(Netlink.NETLINK_ROUTE).strictCheck(true).build(),
                Marshal.classic(Rtnl.SCHEMA));
    }

    /**
     * The socket requests go through: its options, {@code bind}, {@code get()} for raw notifications.
     *
     * @return the socket requests go through (closed with this object)
     */
    public NetlinkSocket socket() {
        return sock;
    }

    /** Closes the socket (see {@link NetlinkSocket#close()}). */
    @Override
    public void close() {
        sock.close();
    }

    // ------------------------------------------------------------------ plumbing

    private static MessageBuilder msg(String name) {
        return MessageBuilder.of(Rtnl.SCHEMA, name);
    }

    /** Sends a change (or a non-dump get) and returns the replies, refusals named after {@code op}. */
    private List<NetlinkMessage> call(String op, MessageBuilder m) throws NetlinkException {
        try (Replies r = sock.request(m.build())) {
            return r.list();
        } catch (NetlinkException e) {
            throw e.withOp(op);
        }
    }

    /** Streams a dump, decoding each message of {@code type} with {@code decode}. */
    private <T> void dump(String op, MessageBuilder m, int type, Function<MessageCursor, T> decode,
                          Consumer<? super T> sink) throws NetlinkException {
        // read in place: one object per record, none per message or attribute
        dumpInPlace(op, m, type, c -> sink.accept(decode.apply(c)));
    }

    /** Streams a dump, handing each message of {@code type} to {@code visitor} through the cursor. */
    private void dumpInPlace(String op, MessageBuilder m, int type, Consumer<? super MessageCursor> visitor)
            throws NetlinkException {
        try (Replies r = sock.stream(m.dump().build())) {
            r.read(c -> {
                if (c.type() == type) {
                    visitor.accept(c);
                }
            });
        } catch (NetlinkException e) {
            throw e.withOp(op);
        }
    }

    private <T> List<T> dumpList(String op, MessageBuilder m, int type, Function<MessageCursor, T> decode)
            throws NetlinkException {
        List<T> out = new ArrayList<>();
        dump(op, m, type, decode, out::add);
        return out;
    }

    // ------------------------------------------------------------------ links

    /**
     * Every link, in ifindex order (an RTM_GETLINK dump of AF_UNSPEC).
     *
     * @return every link of the socket's network namespace, in ifindex order
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public List<Link> links() throws NetlinkException {
        return dumpList("link show", msg("getlink"), Rtnl.RTM_NEWLINK, Link::from);
    }

    /**
     * The links a dump of {@code family} returns: AF_UNSPEC (and AF_INET, which has no view of its own) every
     * attribute, as {@link #links()}; AF_INET6 IPv6's view of each device with an IPv6 configuration (name, address,
     * mtu, lower link, operstate, txqlen), as {@code ip -6 addr show} reads it.
     *
     * @param family the address family of the dump ({@link Rtnl#AF_UNSPEC}, {@link Rtnl#AF_INET},
     *               {@link Rtnl#AF_INET6}, ...)
     * @return the links of that dump, in ifindex order
     * @throws NetlinkException when the kernel refuses the dump (e.g. a family it has no link dump for)
     */
    public List<Link> links(int family) throws NetlinkException {
        return dumpList("link show", msg("getlink").header("ifi-family", family), Rtnl.RTM_NEWLINK, Link::from);
    }

    /**
     * The link named {@code name} (RTM_GETLINK with IFLA_IFNAME).
     *
     * @param name the device name, 1 to 15 bytes in UTF-8
     * @return the link as the kernel reports it now
     * @throws IllegalArgumentException when {@code name} is null, empty, longer than 15 bytes or not a device name
     * @throws NetlinkException ENODEV "no network device 'X'" when there is no such link; another errno when the
     *                          kernel refuses the request
     */
    public Link link(String name) throws NetlinkException {
        if (!Names.validDevice(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a valid device name");
        }
        try {
            return single("link show " + name, msg("getlink").attr("ifname", name), Rtnl.RTM_NEWLINK, Link::from);
        } catch (NetlinkException e) {
            throw noDevice(e, name);
        }
    }

    /**
     * The link with ifindex {@code index} (RTM_GETLINK by ifi_index).
     *
     * @param index the interface index (positive)
     * @return the link as the kernel reports it now
     * @throws NetlinkException ENODEV "no network device 'index N'" when there is no such link; another errno when
     *                          the kernel refuses the request
     */
    public Link link(int index) throws NetlinkException {
        try {
            return single("link show " + index, msg("getlink").header("ifi-index", index), Rtnl.RTM_NEWLINK, Link::from);
        } catch (NetlinkException e) {
            throw noDevice(e, "index " + index);
        }
    }

    /**
     * The ifindex of the link named {@code name} (one RTM_GETLINK; nothing is cached).
     *
     * @param name the device name, 1 to 15 bytes in UTF-8
     * @return the link's interface index
     * @throws IllegalArgumentException when {@code name} is null, empty, longer than 15 bytes or not a device name
     * @throws NetlinkException ENODEV "no network device 'X'" when there is no such link
     */
    public int index(String name) throws NetlinkException {
        return link(name).index();
    }

    /** The ifindex of {@code name}; a missing device is reported under {@code op}, the operation it was for. */
    private int index(String op, String name) throws NetlinkException {
        try {
            return index(name);
        } catch (NetlinkException e) {
            throw e.withOp(op);
        }
    }

    private static NetlinkException noDevice(NetlinkException e, String what) {
        if (e.errno() == Errno.ENODEV) {
            return new NetlinkException(e.op(), Errno.ENODEV, "no network device '" + what + "'");
        }
        return e;
    }

    /** Sends a get that is not a dump and decodes its first reply of {@code type}, read in place. */
    private <T> T single(String op, MessageBuilder m, int type, Function<MessageCursor, T> decode)
            throws NetlinkException {
        List<T> found = new ArrayList<>(1);
        try (Replies r = sock.stream(m.build())) {
            r.read(c -> {
                if (found.isEmpty() && c.type() == type) {
                    found.add(decode.apply(c));
                }
            });
        } catch (NetlinkException e) {
            throw e.withOp(op);
        }
        if (found.isEmpty()) {
            throw new NetlinkException(op, Errno.ENOENT, "the kernel sent no reply");
        }
        return found.getFirst();
    }

    /**
     * Creates the link {@code req} names, of its kind (veth with peer, bridge, macvlan, vxlan, ifb, tun, ...), with its
     * settings, and returns it as the kernel reports it. EEXIST when a link of that name exists.
     *
     * @param req the link to create: its name, kind and settings
     * @return the new link as the kernel reports it after the change
     * @throws IllegalArgumentException when {@code req} has no kind, has a rename, has kind data the kind does not
     *                                  know, or a peer name that is not a device name (named after the operation)
     * @throws NetlinkException EEXIST when a link of that name exists, ENODEV when a device it names (lower, master)
     *                          does not exist, or another refusal of the kernel (e.g. EOPNOTSUPP for a kind whose
     *                          module is missing)
     */
    public Link addLink(LinkRequest req) throws NetlinkException {
        if (req.kind == null) {
            throw new IllegalArgumentException("link add " + req.name + ": a kind is needed (veth, bridge, macvlan, "
                    + "vxlan, ifb, tun, ...)");
        }
        if (req.rename != null) {
            throw new IllegalArgumentException("link add " + req.name + ": rename is for an existing link");
        }
        String op = "link add " + req.name + " type " + req.kind;
        if (req.kind.equals("tun") || req.kind.equals("tap")) {
            addTun(op, req);
            if (hasSettings(req)) {
                setLink(req);
            }
            return link(req.name);
        }
        change(op, msg("newlink").flags(NEW), req, true);
        return link(req.name);
    }

    private static boolean hasSettings(LinkRequest r) {
        return r.mtu != null || r.address != null || r.up != null || r.master != null || r.netns != null
                || r.txqlen != null;
    }

    /**
     * Changes the existing link {@code req} names: up/down, mtu, name, address, master, namespace, txqlen, kind data.
     * Returns the link as the kernel then reports it (null when it was moved to another namespace).
     *
     * @param req the link to change (by its current name) and the settings to change; unset settings stay
     * @return the link as the kernel reports it after the change, or null when {@code req} moved it to another
     *         network namespace
     * @throws IllegalArgumentException when kind data is set on a link that has no kind, or the data is not the kind's
     * @throws NetlinkException ENODEV when the link or a device it names does not exist, ENOENT when the target
     *                          namespace does not exist, or another refusal of the kernel
     */
    public Link setLink(LinkRequest req) throws NetlinkException {
        String op = "link set " + req.name;
        int index = index(op, req.name);
        change(op, msg("newlink").header("ifi-index", index), req, false);
        if (req.netns != null) {
            return null;
        }
        return link(index);
    }

    /**
     * Deletes the link named {@code name} (RTM_DELLINK; a veth's peer goes with it).
     *
     * @param name the device name
     * @throws IllegalArgumentException when {@code name} is null, empty, longer than 15 bytes or not a device name
     * @throws NetlinkException ENODEV when there is no such link, or another refusal of the kernel (e.g. EOPNOTSUPP
     *                          for a device that cannot be deleted, such as lo)
     */
    public void deleteLink(String name) throws NetlinkException {
        String op = "link del " + name;
        call(op, msg("dellink").header("ifi-index", index(op, name)));
    }

    /** Sends RTM_NEWLINK with the settings of {@code r}; a namespace fd it needs is open only until then. */
    private void change(String op, MessageBuilder m, LinkRequest r, boolean create) throws NetlinkException {
        int nsFd = r.netns != null ? openNetns(op, r.netns) : -1;
        try {
            if (nsFd >= 0) {
                m.attr("net-ns-fd", nsFd);
            }
            linkSettings(op, m, r, create);
            call(op, m);
        } finally {
            if (nsFd >= 0) {
                sock.spec().libc().close(nsFd);
            }
        }
    }

    /**
     * The settings of {@code r} in ip's order (settings, lower device, name, kind and kind data), so that a request
     * equals what {@code ip link add} sends for the same command.
     */
    private void linkSettings(String op, MessageBuilder m, LinkRequest r, boolean create) throws NetlinkException {
        if (r.up != null) {
            m.header("ifi-flags", r.up ? IFF_UP : 0).header("ifi-change", IFF_UP);
        }
        if (r.mtu != null) {
            m.attr("mtu", r.mtu);
        }
        if (r.txqlen != null) {
            m.attr("txqlen", r.txqlen);
        }
        if (r.address != null) {
            m.attr("address", r.address);
        }
        if (r.master != null) {
            m.attr("master", r.master.equals("nomaster") ? 0 : index(op, r.master));
        }
        // vxlan and gre name their lower device in the kind data
        boolean lowerInData = "vxlan".equals(r.kind) || "gre".equals(r.kind) || "gretap".equals(r.kind);
        if (r.lower != null && !lowerInData) {
            m.attr("link", index(op, r.lower));
        }
        if (create) {
            m.attr("ifname", r.name);
        } else if (r.rename != null) {
            m.attr("ifname", r.rename);
        }
        try {
            if (create || !r.data.isEmpty()) {
                Map<String, Object> info = new LinkedHashMap<>();
                if (r.kind == null) {
                    Link l = link(r.name);
                    if (l.kind() == null) {
                        throw new IllegalArgumentException(op + ": the link has no kind to set data of");
                    }
                    info.put("kind", l.kind());
                } else {
                    info.put("kind", r.kind);
                }
                Map<String, Object> data = new LinkedHashMap<>(r.data);
                if (lowerInData && r.lower != null) {
                    data.put("link", index(op, r.lower));
                }
                if (r.peer != null) {
                    LinkRequest.named(r.peer);
                    data.put("peer", Map.of("ifname", r.peer));
                }
                data.values().removeIf(java.util.Objects::isNull);
                if (!data.isEmpty()) {
                    info.put("data", data);
                }
                m.attr("linkinfo", info);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + e.getMessage(), e);
        }
    }

    private int openNetns(String op, String ns) throws NetlinkException {
        int fd = sock.spec().libc().open(NetNS.path(ns).toString(), 0 /* O_RDONLY */ | 02000000 /* O_CLOEXEC */, 0);
        if (fd < 0) {
            throw new NetlinkException(op, -fd, -fd == Errno.ENOENT ? "network namespace '" + ns + "' does not exist"
                    : "cannot open network namespace '" + ns + "'");
        }
        return fd;
    }

    /** True when a link named {@code name} exists (TUNSETIFF would attach to it rather than refuse). */
    private boolean exists(String name) throws NetlinkException {
        try {
            link(name);
            return true;
        } catch (NetlinkException e) {
            if (e.errno() != Errno.ENODEV) {
                throw e;
            }
            return false;
        }
    }

    /** ip tuntap add: TUNSETIFF then TUNSETPERSIST on /dev/net/tun, opened inside the socket's namespace. */
    private void addTun(String op, LinkRequest req) throws NetlinkException {
        if (exists(req.name)) {
            throw new NetlinkException(op, Errno.EEXIST, "a device named '" + req.name + "' exists");
        }
        var libc = sock.spec().libc();
        // struct ifreq: the name (IFNAMSIZ = 16 bytes), then ifr_flags (a short); 40 bytes in all
        byte[] ifr = new byte[40];
        byte[] name = req.name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, ifr, 0, name.length);
        int flags = (req.kind.equals("tap") ? 0x0002 : 0x0001) | 0x1000 /* IFF_NO_PI */;
        ifr[16] = (byte) flags;
        ifr[17] = (byte) (flags >> 8);
        int[] step = new int[1];
        int r = NetNS.callIn(libc, sock.spec().netns(), sock.spec().netnsFd(), () -> {
            int fd = libc.open("/dev/net/tun", 02 /* O_RDWR */ | 02000000 /* O_CLOEXEC */, 0);
            if (fd < 0) {
                return fd;
            }
            try {
                step[0] = 1;
                int x = libc.ioctl(fd, 0x400454caL /* TUNSETIFF */, ifr);
                if (x < 0) {
                    return x;
                }
                step[0] = 2;
                return libc.ioctl(fd, 0x400454cbL /* TUNSETPERSIST */, 1L);
            } finally {
                libc.close(fd);
            }
        });
        if (r < 0) {
            String what = switch (step[0]) {
                case 0 -> "cannot open /dev/net/tun";
                case 1 -> "TUNSETIFF refused";
                default -> "TUNSETPERSIST refused";
            };
            throw new NetlinkException(op, -r, what);
        }
    }

    // ------------------------------------------------------------------ addresses

    /**
     * Every address of every family on every device (an RTM_GETADDR dump).
     *
     * @return every address, in the kernel's order
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public List<Address> addresses() throws NetlinkException {
        return addresses(Rtnl.AF_UNSPEC, null);
    }

    /**
     * The addresses of {@code family} (AF_UNSPEC for all) on device {@code dev} (null for all), filtered in the kernel.
     *
     * @param family {@link Rtnl#AF_INET}, {@link Rtnl#AF_INET6}, or {@link Rtnl#AF_UNSPEC} for both
     * @param dev    the device name, or null for every device
     * @return the matching addresses, in the kernel's order
     * @throws NetlinkException ENODEV when {@code dev} does not exist, or another refusal of the kernel
     */
    public List<Address> addresses(int family, String dev) throws NetlinkException {
        MessageBuilder m = msg("getaddr").header("ifa-family", family);
        if (dev != null) {
            m.header("ifa-index", index(dev));
        }
        return dumpList("address show", m, Rtnl.RTM_NEWADDR, Address::from);
    }

    /**
     * Adds an address (RTM_NEWADDR), as {@code ip address add}.
     *
     * @param req the address, its device and options
     * @throws IllegalArgumentException when the broadcast address given is neither "+", "-" nor an address literal
     * @throws NetlinkException EEXIST when the device has the address already, ENODEV when the device does not exist,
     *                          or another refusal of the kernel
     */
    public void addAddress(AddressRequest req) throws NetlinkException {
        String op = "address add " + Inet.format(req.prefix.address()) + "/" + req.prefix.length() + " dev " + req.dev;
        call(op, address(op, msg("newaddr").flags(NEW), req));
    }

    /**
     * Deletes an address (RTM_DELADDR), as {@code ip address del}.
     *
     * @param req the address and its device (the other options narrow the match)
     * @throws IllegalArgumentException when the broadcast address given is neither "+", "-" nor an address literal
     * @throws NetlinkException EADDRNOTAVAIL when the device does not have the address, ENODEV when the device does not
     *                          exist, or another refusal of the kernel
     */
    public void deleteAddress(AddressRequest req) throws NetlinkException {
        String op = "address del " + Inet.format(req.prefix.address()) + "/" + req.prefix.length() + " dev " + req.dev;
        call(op, address(op, msg("deladdr"), req));
    }

    private MessageBuilder address(String op, MessageBuilder m, AddressRequest r) throws NetlinkException {
        InetAddress a = r.prefix.address();
        int family = Inet.family(a);
        m.header("ifa-family", family).header("ifa-prefixlen", r.prefix.length()).header("ifa-index", index(op, r.dev));
        if (r.scope != null) {
            m.header("ifa-scope", r.scope);
        } else if (a.isLoopbackAddress()) {
            m.header("ifa-scope", 254);
        }
        m.attr("local", a);
        m.attr("address", r.peer != null ? r.peer.address() : a);
        if (r.broadcast != null && family == Rtnl.AF_INET && !r.broadcast.equals("-")) {
            m.attr("broadcast", r.broadcast.equals("+") ? Inet.broadcast(r.prefix) : Inet.address(r.broadcast, "broadcast"));
        }
        if (r.label != null) {
            m.attr("label", r.label);
        }
        return m;
    }

    /**
     * Deletes every address of {@code family} (AF_UNSPEC for all) on {@code dev}, secondaries first, as
     * {@code ip address flush dev D}; the arguments are those of {@link #addresses(int, String)}.
     *
     * @param family {@link Rtnl#AF_INET}, {@link Rtnl#AF_INET6}, or {@link Rtnl#AF_UNSPEC} for both
     * @param dev    the device name; null flushes every device
     * @return how many addresses this call deleted (one that went meanwhile, e.g. with its primary, is not counted)
     * @throws NetlinkException ENODEV when {@code dev} does not exist, or a refusal other than EADDRNOTAVAIL
     */
    public int flushAddresses(int family, String dev) throws NetlinkException {
        List<Address> all = new ArrayList<>(addresses(family, dev));
        // secondaries first: deleting a primary takes its secondaries with it (or promotes one)
        all.sort(Comparator.comparingInt(a -> (a.flags() & 1) == 0 ? 1 : 0));
        int n = 0;
        for (Address a : all) {
            MessageBuilder m = msg("deladdr").header("ifa-family", a.family()).header("ifa-prefixlen", a.prefixlen())
                    .header("ifa-index", a.index()).attr("local", a.local());
            try {
                call("address flush dev " + dev, m);
                n++;
            } catch (NetlinkException e) {
                if (e.errno() != Errno.EADDRNOTAVAIL) {
                    throw e;
                }
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ routes

    /**
     * The routes of the main table (254), every family, as {@code ip route show} and {@code ip -6 route show}.
     *
     * @return the routes of the main table, in the kernel's order; empty when it has none
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public List<Route> routes() throws NetlinkException {
        return routes(RouteQuery.table(RT_TABLE_MAIN));
    }

    /**
     * The routes {@code q} selects, filtered in the kernel (strict checking): table, family, output device.
     *
     * @param q which routes: table, family, output device
     * @return the selected routes, in the kernel's order
     * @throws NetlinkException ENOENT "FIB table does not exist" for a table other than main that does not exist,
     *                          ENODEV when the query's device does not exist, or another refusal of the kernel
     */
    public List<Route> routes(RouteQuery q) throws NetlinkException {
        List<Route> out = new ArrayList<>();
        routes(q, out::add);
        return out;
    }

    /**
     * Streams the routes {@code q} selects to {@code sink} as datagrams arrive, so a table of any size never sits in
     * memory at once. A table that does not exist is ENOENT ("FIB table does not exist"), except main, which is empty
     * until a route is added to it.
     *
     * @param q    which routes: table, family, output device
     * @param sink receives each route, on the calling thread, in the kernel's order
     * @throws NetlinkException ENOENT for a table other than main that does not exist, ENODEV when the query's device
     *                          does not exist, or another refusal of the kernel
     */
    public void routes(RouteQuery q, Consumer<? super Route> sink) throws NetlinkException {
        routeMessages(q, c -> sink.accept(Route.from(c)));
    }

    /**
     * The routes {@code q} selects as {@link #routes(RouteQuery, Consumer)} finds them, read in place: the visitor
     * sees each RTM_NEWROUTE message through a cursor that is valid only during the call (keep
     * {@link MessageCursor#message()} or {@link Route#from(MessageCursor)}), and must not move it ({@code next()}
     * would skip messages). For tables too big to decode on the receiving thread. An exception from the visitor
     * ends the dump and is thrown from here.
     *
     * @param q       which routes: table, family, output device
     * @param visitor called for each route message, on the calling thread, in the kernel's order
     * @throws NetlinkException ENOENT for a table other than main that does not exist, ENODEV when the query's device
     *                          does not exist, or another refusal of the kernel
     */
    public void routeMessages(RouteQuery q, Consumer<? super MessageCursor> visitor) throws NetlinkException {
        MessageBuilder m = msg("getroute").header("rtm-family", q.family());
        if (q.table() != 0) {
            m.header("rtm-table", q.table() > 255 ? 0 : (int) q.table()).attr("table", q.table());
        }
        if (q.dev() != null) {
            m.attr("oif", index(q.dev()));
        }
        try {
            dumpInPlace("route show", m, Rtnl.RTM_NEWROUTE, visitor);
        } catch (NetlinkException e) {
            // the main table exists only once a route is in it; until then it is empty, as ip shows it
            if (e.errno() != Errno.ENOENT || q.table() != RT_TABLE_MAIN) {
                throw e;
            }
        }
    }

    /**
     * The kernel's route lookup for {@code address} ({@code ip route get}): the route a packet to it would take,
     * as a host route with its output device, gateway, preferred source and the table it was found in
     * (for IPv4 with RTM_F_LOOKUP_TABLE, as ip asks). ENETUNREACH when there is none.
     *
     * @param address an IPv4 or IPv6 literal (never a host name)
     * @return the route the kernel would use, as a host route to {@code address}
     * @throws IllegalArgumentException when {@code address} is not an IPv4 or IPv6 literal
     * @throws NetlinkException ENETUNREACH when no route reaches the address, or another refusal of the kernel
     */
    public Route getRoute(String address) throws NetlinkException {
        InetAddress a = Inet.address(address, "route get");
        MessageBuilder m = msg("getroute").header("rtm-family", Inet.family(a))
                .header("rtm-dst-len", Inet.maxLen(a)).attr("dst", a);
        if (Inet.family(a) == Rtnl.AF_INET) {
            m.header("rtm-flags", 0x1000 /* RTM_F_LOOKUP_TABLE; IPv6 refuses it and names the table anyway */);
        }
        return single("route get " + address, m, Rtnl.RTM_NEWROUTE, Route::from);
    }

    /**
     * Adds a route (RTM_NEWROUTE with NLM_F_CREATE | NLM_F_EXCL), as {@code ip route add}.
     *
     * @param req the route: destination, gateway or device, table and the rest
     * @throws IllegalArgumentException when the destination is not a prefix, the gateway is of another family, or a
     *                                  route with a nexthop id also has a gateway, device or nexthops
     * @throws NetlinkException EEXIST when an equal route exists, ENODEV when a device it names does not exist,
     *                          ENETUNREACH when the gateway is not reachable, or another refusal of the kernel
     */
    public void addRoute(RouteRequest req) throws NetlinkException {
        call("route add " + req.dstText, route("route add " + req.dstText, msg("newroute").flags(NEW), req, false));
    }

    /**
     * Adds a route or replaces the one with the same key (destination, table, tos, metric), as
     * {@code ip route replace} (NLM_F_CREATE | NLM_F_REPLACE).
     *
     * @param req the route: destination, gateway or device, table and the rest
     * @throws IllegalArgumentException as for {@link #addRoute}
     * @throws NetlinkException ENODEV when a device it names does not exist, or another refusal of the kernel
     */
    public void replaceRoute(RouteRequest req) throws NetlinkException {
        call("route replace " + req.dstText, route("route replace " + req.dstText,
                msg("newroute").flags(Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE), req, false));
    }

    /**
     * Deletes a route (RTM_DELROUTE), as {@code ip route del}: the first that matches what {@code req} sets (an unset
     * type, scope or protocol matches any).
     *
     * @param req the route to delete: its destination, and optionally table, gateway, device, metric, ...
     * @throws IllegalArgumentException as for {@link #addRoute}
     * @throws NetlinkException ESRCH when no route matches, ENODEV when a device it names does not exist, or another
     *                          refusal of the kernel
     */
    public void deleteRoute(RouteRequest req) throws NetlinkException {
        call("route del " + req.dstText, route("route del " + req.dstText, msg("delroute"), req, true));
    }

    private MessageBuilder route(String op, MessageBuilder m, RouteRequest r, boolean delete) throws NetlinkException {
        int family = r.resolvedFamily();
        Inet.Prefix dst = Inet.prefix(r.dstText, "route", family);
        if (dst.family() != family) {
            throw new IllegalArgumentException("route " + r.dstText + ": the gateway or family is of another family");
        }
        if (r.gateway != null && Inet.family(r.gateway) != family) {
            throw new IllegalArgumentException("route " + r.dstText + ": gateway " + Inet.format(r.gateway)
                    + " is not of the destination's family");
        }
        if (r.nhId != null && (r.gateway != null || r.dev != null || !r.nexthops.isEmpty())) {
            throw new IllegalArgumentException("route " + r.dstText + ": a route with nhid has no via, dev or nexthop "
                    + "of its own");
        }
        long table = r.table != null ? r.table : RT_TABLE_MAIN;
        int type = r.type != null ? r.type : delete ? 0 : 1;
        int scope;
        if (r.scope != null) {
            scope = r.scope;
        } else if (delete) {
            scope = 255;
        } else if (type == 2 /* local */) {
            scope = 254;
        } else if (type == 1 && r.gateway == null && r.nexthops.isEmpty() && r.dev != null) {
            scope = 253;
        } else if (type == 3 || type == 5 || type == 4) {
            scope = 253;
        } else {
            scope = 0;
        }
        m.header("rtm-family", family).header("rtm-dst-len", dst.length()).header("rtm-tos", r.tos)
                .header("rtm-table", table > 255 ? 0 : (int) table).header("rtm-type", type).header("rtm-scope", scope)
                .header("rtm-protocol", r.protocol != null ? r.protocol : delete ? 0 : 3)
                .header("rtm-flags", r.onlink ? RTNH_F_ONLINK : 0);
        if (dst.length() > 0) {
            m.attr("dst", dst.address());
        }
        if (r.gateway != null) {
            m.attr("gateway", r.gateway);
        }
        if (r.nhId != null) {
            m.attr("nh-id", r.nhId);
        }
        if (r.dev != null) {
            m.attr("oif", index(op, r.dev));
        }
        if (r.metric != null) {
            m.attr("priority", r.metric);
        }
        if (r.prefsrc != null) {
            m.attr("prefsrc", r.prefsrc);
        }
        m.attr("table", table);
        if (!r.metrics.isEmpty()) {
            m.attr("metrics", r.metrics);
        }
        if (!r.nexthops.isEmpty()) {
            List<Map<String, Object>> hops = new ArrayList<>();
            for (RouteRequest.Hop h : r.nexthops) {
                Map<String, Object> hop = new LinkedHashMap<>();
                hop.put("rtnh-flags", h.onlink() ? RTNH_F_ONLINK : 0);
                hop.put("rtnh-hops", h.weight() - 1);
                hop.put("rtnh-ifindex", h.dev() == null ? 0 : index(op, h.dev()));
                if (h.gateway() != null) {
                    hop.put("gateway", h.gateway());
                }
                hops.add(hop);
            }
            m.attr("multipath", hops);
        }
        return m;
    }

    // ------------------------------------------------------------------ neighbours

    /**
     * Every neighbour entry of {@code family} (AF_UNSPEC for IPv4 and IPv6) on {@code dev} (null for all), as
     * {@code ip neigh show}.
     *
     * @param family {@link Rtnl#AF_INET}, {@link Rtnl#AF_INET6}, or {@link Rtnl#AF_UNSPEC} for both
     * @param dev    the device name, or null for every device
     * @return the matching entries (ARP and NDISC caches, with their state), in the kernel's order
     * @throws NetlinkException ENODEV when {@code dev} does not exist, or another refusal of the kernel
     */
    public List<Neighbour> neighbours(int family, String dev) throws NetlinkException {
        MessageBuilder m = msg("getneigh").header("ndm-family", family);
        if (dev != null) {
            m.attr("ifindex", index(dev));
        }
        return dumpList("neigh show", m, Rtnl.RTM_NEWNEIGH, Neighbour::from);
    }

    /**
     * Adds a neighbour entry (RTM_NEWNEIGH), as {@code ip neigh add}.
     *
     * @param req the entry: address, device, link-layer address and state
     * @throws NetlinkException EEXIST when the device has an entry for that address, ENODEV when the device does not
     *                          exist, or another refusal of the kernel
     */
    public void addNeighbour(NeighbourRequest req) throws NetlinkException {
        String op = "neigh add " + Inet.format(req.dst) + " dev " + req.dev;
        MessageBuilder m = neighbour(op, msg("newneigh").flags(NEW), req);
        if (req.lladdr != null) {
            m.attr("lladdr", req.lladdr);
        }
        call(op, m);
    }

    /**
     * Deletes a neighbour entry (RTM_DELNEIGH), as {@code ip neigh del}; its link-layer address is not sent.
     *
     * @param req the entry's address and device
     * @throws NetlinkException ENOENT when there is no such entry, ENODEV when the device does not exist, or another
     *                          refusal of the kernel
     */
    public void deleteNeighbour(NeighbourRequest req) throws NetlinkException {
        String op = "neigh del " + Inet.format(req.dst) + " dev " + req.dev;
        call(op, neighbour(op, msg("delneigh"), req));
    }

    private MessageBuilder neighbour(String op, MessageBuilder m, NeighbourRequest r) throws NetlinkException {
        return m.header("ndm-family", Inet.family(r.dst)).header("ndm-ifindex", index(op, r.dev))
                .header("ndm-state", r.state).attr("dst", r.dst);
    }

    // ------------------------------------------------------------------ rules

    /**
     * Every rule of {@code family} (AF_INET or AF_INET6; AF_UNSPEC for both), as {@code ip rule show}.
     *
     * @param family {@link Rtnl#AF_INET}, {@link Rtnl#AF_INET6}, or {@link Rtnl#AF_UNSPEC} for both
     * @return the rules, in priority order within each family
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public List<Rule> rules(int family) throws NetlinkException {
        return dumpList("rule show", msg("getrule").header("family", family), Rtnl.RTM_NEWRULE, Rule::from);
    }

    /**
     * Adds a rule (RTM_NEWRULE), as {@code ip rule add}; a lookup rule without a table looks up main.
     *
     * @param req the rule: selectors, priority and action
     * @throws IllegalArgumentException when {@code from} and {@code to} are of different families
     * @throws NetlinkException EEXIST when an equal rule exists, or another refusal of the kernel
     */
    public void addRule(RuleRequest req) throws NetlinkException {
        call("rule add", rule(msg("newrule").flags(NEW), req, false));
    }

    /**
     * Deletes the first rule matching {@code req} (without a table: in any table), as {@code ip rule del}.
     *
     * @param req what the rule to delete has: selectors, priority, action, table
     * @throws IllegalArgumentException when {@code from} and {@code to} are of different families
     * @throws NetlinkException ENOENT when no rule matches, or another refusal of the kernel
     */
    public void deleteRule(RuleRequest req) throws NetlinkException {
        call("rule del", rule(msg("delrule"), req, true));
    }

    private static MessageBuilder rule(MessageBuilder m, RuleRequest r, boolean delete) {
        int family = r.resolvedFamily();
        if (r.src != null && r.src.family() != family || r.dst != null && r.dst.family() != family) {
            throw new IllegalArgumentException("rule: from and to must be of one family");
        }
        // a deletion without a table matches a rule of any table, as ip rule del
        long table = r.table != null ? r.table : r.action == 1 && !delete ? RT_TABLE_MAIN : 0;
        m.header("family", family).header("tos", r.tos).header("action", r.action)
                .header("table", table > 255 ? 0 : (int) table).header("flags", r.invert ? 2 : 0);
        if (r.src != null) {
            m.header("src-len", r.src.length());
            if (r.src.length() > 0) {
                m.attr("src", r.src.address());
            }
        }
        if (r.dst != null) {
            m.header("dst-len", r.dst.length());
            if (r.dst.length() > 0) {
                m.attr("dst", r.dst.address());
            }
        }
        if (r.priority != null) {
            m.attr("priority", r.priority);
        }
        if (table != 0) {
            m.attr("table", table);
        }
        if (r.iif != null) {
            m.attr("iifname", r.iif);
        }
        if (r.oif != null) {
            m.attr("oifname", r.oif);
        }
        if (r.fwmark != null) {
            m.attr("fwmark", r.fwmark);
        }
        if (r.fwmask != null) {
            m.attr("fwmask", r.fwmask);
        }
        return m;
    }

    // ------------------------------------------------------------------ nexthop objects

    /**
     * Every nexthop object, in id order, as {@code ip nexthop show}.
     *
     * @return every nexthop object, groups included, in id order
     * @throws NetlinkException when the kernel refuses the dump (e.g. one without nexthop objects, before Linux 5.3)
     *                          or the socket fails
     */
    public List<Nexthop> nexthops() throws NetlinkException {
        return nexthops(NexthopQuery.all());
    }

    /**
     * The nexthop objects {@code q} selects, filtered in the kernel, in id order.
     *
     * @param q which objects: by output device, master, groups only, fdb only
     * @return the selected objects, in id order
     * @throws NetlinkException ENODEV when a device the query names does not exist, or another refusal of the kernel
     */
    public List<Nexthop> nexthops(NexthopQuery q) throws NetlinkException {
        return dumpList("nexthop show", nexthopDump(q), Rtnl.RTM_NEWNEXTHOP, Nexthop::from);
    }

    private MessageBuilder nexthopDump(NexthopQuery q) throws NetlinkException {
        MessageBuilder m = msg("getnexthop");
        if (q.dev() != null) {
            m.attr("oif", index("nexthop show", q.dev()));
        }
        if (q.groupsOnly()) {
            m.attr("groups", true);
        }
        if (q.master() != null) {
            m.attr("master", index("nexthop show", q.master()));
        }
        if (q.fdbOnly()) {
            m.attr("fdb", true);
        }
        return m;
    }

    /**
     * The nexthop object with id {@code id}, as {@code ip nexthop get id ID}.
     *
     * @param id the object's id, 1 to 4294967295
     * @return the object as the kernel reports it now
     * @throws IllegalArgumentException when {@code id} is outside 1..4294967295
     * @throws NetlinkException ENOENT when there is no object with that id, or another refusal of the kernel
     */
    public Nexthop nexthop(long id) throws NetlinkException {
        checkNexthopId(id);
        return single("nexthop get id " + id, msg("getnexthop").attr("id", id), Rtnl.RTM_NEWNEXTHOP, Nexthop::from);
    }

    /**
     * Adds a nexthop object (RTM_NEWNEXTHOP), as {@code ip nexthop add}.
     *
     * @param req the object: its id and either a gateway and/or device, a blackhole, or group members
     * @throws IllegalArgumentException when the request mixes what cannot go together (a group with a gateway or
     *                                  device, a group type without members, a blackhole with a gateway, ...), has
     *                                  none of gateway, device, blackhole and members, or a gateway of another family
     * @throws NetlinkException EEXIST when an object has that id, ENODEV when the device does not exist, or another
     *                          refusal of the kernel (e.g. EINVAL for a member that does not exist)
     */
    public void addNexthop(NexthopRequest req) throws NetlinkException {
        String op = "nexthop add id " + req.id;
        call(op, nexthop(op, msg("newnexthop").flags(NEW), req));
    }

    /**
     * Adds a nexthop object, or replaces the one with its id (routes using it follow at once), as
     * {@code ip nexthop replace}.
     *
     * @param req the object: its id and either a gateway and/or device, a blackhole, or group members
     * @throws IllegalArgumentException as for {@link #addNexthop}
     * @throws NetlinkException ENODEV when the device does not exist, or another refusal of the kernel (e.g. turning
     *                          a group into a single nexthop)
     */
    public void replaceNexthop(NexthopRequest req) throws NetlinkException {
        String op = "nexthop replace id " + req.id;
        call(op, nexthop(op, msg("newnexthop").flags(Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE), req));
    }

    /**
     * Deletes the nexthop object {@code id}; ENOENT when there is none. Routes using it go with it, and it leaves the
     * groups it is a member of.
     *
     * @param id the object's id, 1 to 4294967295
     * @throws IllegalArgumentException when {@code id} is outside 1..4294967295
     * @throws NetlinkException ENOENT when there is no object with that id, or another refusal of the kernel
     */
    public void deleteNexthop(long id) throws NetlinkException {
        checkNexthopId(id);
        call("nexthop del id " + id, msg("delnexthop").attr("id", id));
    }

    /**
     * Deletes the nexthop objects {@code q} selects, as {@code ip nexthop flush}: with no filter the groups first,
     * then the rest. Returns how many went (one that went with another meanwhile is not counted).
     *
     * @param q which objects to delete ({@link NexthopQuery#all()} for every one)
     * @return how many objects this call deleted
     * @throws NetlinkException ENODEV when a device the query names does not exist, or a refusal other than ENOENT
     */
    public int flushNexthops(NexthopQuery q) throws NetlinkException {
        int n = 0;
        if (q.isAll()) {
            n += deleteAll(nexthops(NexthopQuery.all().groups()));
        }
        return n + deleteAll(nexthops(q));
    }

    private int deleteAll(List<Nexthop> all) throws NetlinkException {
        int n = 0;
        for (Nexthop nh : all) {
            try {
                call("nexthop flush", msg("delnexthop").attr("id", nh.id()));
                n++;
            } catch (NetlinkException e) {
                if (e.errno() != Errno.ENOENT) {
                    throw e;
                }
            }
        }
        return n;
    }

    private static void checkNexthopId(long id) {
        if (id < 1 || id > 0xffffffffL) {
            throw new IllegalArgumentException("nexthop id " + id + " is outside 1..4294967295");
        }
    }

    private MessageBuilder nexthop(String op, MessageBuilder m, NexthopRequest r) throws NetlinkException {
        boolean group = !r.members.isEmpty();
        if (group && (r.gateway != null || r.dev != null || r.blackhole || r.onlink)) {
            throw new IllegalArgumentException(op + ": a group has members only (no via, dev, blackhole or onlink)");
        }
        if (!group && (r.groupType != null)) {
            throw new IllegalArgumentException(op + ": a group type needs group members");
        }
        if (r.blackhole && (r.gateway != null || r.dev != null || r.fdb)) {
            throw new IllegalArgumentException(op + ": a blackhole has no via, dev or fdb");
        }
        if (!group && !r.blackhole && r.gateway == null && r.dev == null) {
            throw new IllegalArgumentException(op + ": a nexthop needs via, dev, blackhole or group members");
        }
        int family;
        if (r.gateway != null) {
            family = Inet.family(r.gateway);
            if (r.family != null && r.family != family) {
                throw new IllegalArgumentException(op + ": via " + Inet.format(r.gateway) + " is not of the family asked for");
            }
        } else if (r.family != null) {
            family = r.family;
        } else {
            family = group ? Rtnl.AF_UNSPEC : Rtnl.AF_INET;
        }
        m.header("nh-family", family).header("nh-protocol", r.protocol).header("nh-flags", r.onlink ? 4 : 0);
        m.attr("id", r.id);
        if (group) {
            List<Map<String, Object>> members = new ArrayList<>();
            for (Nexthop.Member g : r.members) {
                int w = g.weight() - 1;
                members.add(Map.of("id", g.id(), "weight", w & 0xff, "weight-high", w >> 8));
            }
            m.attr("group", members);
            if (r.buckets != null || r.idleTimer != null || r.unbalancedTimer != null) {
                Map<String, Object> res = new LinkedHashMap<>();
                res.put("buckets", r.buckets);
                res.put("idle-timer", r.idleTimer == null ? null : r.idleTimer * 100);
                res.put("unbalanced-timer", r.unbalancedTimer == null ? null : r.unbalancedTimer * 100);
                m.attr("res-group", res);
            }
            if (r.groupType != null) {
                m.attr("group-type", r.groupType);
            }
        }
        if (r.blackhole) {
            m.attr("blackhole", true);
        }
        if (r.dev != null) {
            m.attr("oif", index(op, r.dev));
        }
        if (r.gateway != null) {
            m.attr("gateway", r.gateway);
        }
        if (r.fdb) {
            m.attr("fdb", true);
        }
        return m;
    }

    // ------------------------------------------------------------------ bridge forwarding database

    /**
     * Every bridge forwarding database entry of every device (bridge ports, bridges, VXLAN devices), as
     * {@code bridge fdb show}: an AF_BRIDGE RTM_GETNEIGH dump.
     *
     * @return every entry, in the kernel's order
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public List<FdbEntry> fdb() throws NetlinkException {
        return fdb(null, null);
    }

    /**
     * The forwarding database entries on port {@code brport} and/or of bridge {@code bridge} (null: any), filtered in
     * the kernel, as {@code bridge fdb show [brport P] [br B]}.
     *
     * @param brport the port (or VXLAN device) whose entries to list, or null for any
     * @param bridge the bridge whose ports' entries to list (NDA_MASTER), or null for any
     * @return the matching entries, in the kernel's order
     * @throws NetlinkException ENODEV when a named device does not exist, or another refusal of the kernel
     */
    public List<FdbEntry> fdb(String brport, String bridge) throws NetlinkException {
        MessageBuilder m = msg("getneigh").header("ndm-family", Rtnl.AF_BRIDGE);
        if (brport != null) {
            m.header("ndm-ifindex", index("fdb show", brport));
        }
        if (bridge != null) {
            m.attr("master", index("fdb show", bridge));
        }
        return dumpList("fdb show", m, Rtnl.RTM_NEWNEIGH, FdbEntry::from);
    }

    /**
     * Adds a forwarding database entry, as {@code bridge fdb add}; without flags it is {@code self permanent}.
     *
     * @param req the entry: address, device and its options
     * @throws IllegalArgumentException when the request has a nexthop id together with dst, port or vni
     * @throws NetlinkException EEXIST when the table has an entry for that address (and VLAN, and for VXLAN that
     *                          remote), ENODEV when a named device does not exist, or another refusal of the kernel
     */
    public void addFdb(FdbRequest req) throws NetlinkException {
        String op = "fdb add " + req.text();
        call(op, fdb(op, msg("newneigh").flags(NEW), req));
    }

    /**
     * Appends a remote to a VXLAN device's entry for the address (NLM_F_APPEND), as {@code bridge fdb append}: the
     * all-zeros address with one remote per VTEP floods broadcast, unknown unicast and multicast (EVPN type 3).
     *
     * @param req the entry: address, VXLAN device and the remote ({@code dst}) to append
     * @throws IllegalArgumentException when the request has a nexthop id together with dst, port or vni
     * @throws NetlinkException ENODEV when a named device does not exist, or another refusal of the kernel
     */
    public void appendFdb(FdbRequest req) throws NetlinkException {
        String op = "fdb append " + req.text();
        call(op, fdb(op, msg("newneigh").flags(Netlink.NLM_F_CREATE | Netlink.NLM_F_APPEND), req));
    }

    /**
     * Adds a forwarding database entry or replaces the one for the address, as {@code bridge fdb replace}.
     *
     * @param req the entry: address, device and its options
     * @throws IllegalArgumentException when the request has a nexthop id together with dst, port or vni
     * @throws NetlinkException ENODEV when a named device does not exist, or another refusal of the kernel
     */
    public void replaceFdb(FdbRequest req) throws NetlinkException {
        String op = "fdb replace " + req.text();
        call(op, fdb(op, msg("newneigh").flags(Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE), req));
    }

    /**
     * Deletes a forwarding database entry (for a VXLAN device with {@code dst}: that remote only), as
     * {@code bridge fdb del}.
     *
     * @param req the entry: address, device, and the VLAN or remote that narrows it
     * @throws IllegalArgumentException when the request has a nexthop id together with dst, port or vni
     * @throws NetlinkException ENOENT when there is no such entry, ENODEV when a named device does not exist, or
     *                          another refusal of the kernel
     */
    public void deleteFdb(FdbRequest req) throws NetlinkException {
        String op = "fdb del " + req.text();
        call(op, fdb(op, msg("delneigh"), req));
    }

    /** ndmsg and the NDA_* attributes of {@code r}, in bridge's order. */
    private MessageBuilder fdb(String op, MessageBuilder m, FdbRequest r) throws NetlinkException {
        if (r.nhId != null && (r.dst != null || r.port != null || r.vni != null)) {
            throw new IllegalArgumentException(op + ": dst, port, vni are mutually exclusive with nhid");
        }
        int flags = r.flags;
        if ((flags & (FdbEntry.NTF_SELF | FdbEntry.NTF_MASTER)) == 0) {
            flags |= FdbEntry.NTF_SELF;
        }
        int state = r.state;
        if ((state & (FdbEntry.NUD_PERMANENT | FdbEntry.NUD_REACHABLE)) == 0) {
            state |= FdbEntry.NUD_PERMANENT;
        }
        m.header("ndm-family", Rtnl.AF_BRIDGE).header("ndm-state", state).header("ndm-flags", flags);
        m.attr("lladdr", r.mac);
        if (r.dst != null) {
            m.attr("dst", r.dst);
        }
        if (r.vlan != null) {
            m.attr("vlan", r.vlan);
        }
        if (r.nhId != null) {
            m.attr("nh-id", r.nhId);
        }
        if (r.port != null) {
            m.attr("port", r.port);
        }
        if (r.vni != null) {
            m.attr("vni", r.vni);
        }
        if (r.srcVni != null) {
            m.attr("src-vni", r.srcVni);
        }
        if (r.via != null) {
            m.attr("ifindex", index(op, r.via));
        }
        m.header("ndm-ifindex", index(op, r.dev));
        return m;
    }

    // ------------------------------------------------------------------ bridge VLANs

    /**
     * The VLANs of every bridge port and bridge, as {@code bridge vlan show} reads them: an AF_BRIDGE link dump
     * asking for IFLA_BRIDGE_VLAN_INFO (RTEXT_FILTER_BRVLAN). Empty when no bridge filters VLANs.
     *
     * @return one element per VLAN or VLAN range of each port and bridge, in the kernel's order
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public List<BridgeVlan> bridgeVlans() throws NetlinkException {
        List<BridgeVlan> out = new ArrayList<>();
        MessageBuilder m = msg("getlink").header("ifi-family", Rtnl.AF_BRIDGE).attr("ext-mask", 2 /* BRVLAN */);
        dump("vlan show", m, Rtnl.RTM_NEWLINK, BridgeVlan::fromLink, out::addAll);
        return out;
    }

    /**
     * The VLAN database of port {@code dev} (null: every port), as {@code bridge -d vlan show} reads it (RTM_GETVLAN):
     * each VLAN or range with its flags, per-VLAN STP state and tunnel id. EOPNOTSUPP on a kernel built without
     * bridge VLAN filtering.
     *
     * @param dev the bridge port (or bridge), or null for every one
     * @return one element per VLAN or range of each port, in the kernel's order
     * @throws NetlinkException ENODEV when {@code dev} does not exist, EOPNOTSUPP on a kernel without bridge VLAN
     *                          filtering, or another refusal of the kernel
     */
    public List<BridgeVlan> vlanDatabase(String dev) throws NetlinkException {
        MessageBuilder m = msg("getvlan").header("family", Rtnl.AF_BRIDGE).attr("dump-flags", 0);
        if (dev != null) {
            m.header("ifindex", index("vlan show", dev));
        }
        List<BridgeVlan> out = new ArrayList<>();
        dump("vlan show", m, Rtnl.RTM_NEWVLAN, BridgeVlan::fromVlanDb, out::addAll);
        return out;
    }

    /**
     * Adds a VLAN or a range of VLANs to a bridge port (RTM_SETLINK with IFLA_AF_SPEC), as {@code bridge vlan add}.
     *
     * @param req the port, the VLAN ids and their flags (pvid, untagged, self, master)
     * @throws NetlinkException EOPNOTSUPP when the bridge cannot filter VLANs, ENODEV when the port does not exist, or
     *                          another refusal of the kernel
     */
    public void addBridgeVlan(BridgeVlanRequest req) throws NetlinkException {
        String op = "vlan add " + req.text();
        call(op, bridgeVlan(op, msg("setlink-bridge"), req));
    }

    /**
     * Deletes a VLAN or a range of VLANs from a bridge port (RTM_DELLINK with IFLA_AF_SPEC), as
     * {@code bridge vlan del}.
     *
     * @param req the port and the VLAN ids
     * @throws NetlinkException ENODEV when the port does not exist, or another refusal of the kernel
     */
    public void deleteBridgeVlan(BridgeVlanRequest req) throws NetlinkException {
        String op = "vlan del " + req.text();
        call(op, bridgeVlan(op, msg("dellink-bridge"), req));
    }

    private MessageBuilder bridgeVlan(String op, MessageBuilder m, BridgeVlanRequest r) throws NetlinkException {
        m.header("ifi-family", Rtnl.AF_BRIDGE).header("ifi-index", index(op, r.dev));
        return m.nest("af-spec", w -> {
            if (r.bridgeFlags != 0) {
                w.attr("flags", r.bridgeFlags);
            }
            if (r.vidEnd == r.vid) {
                w.attr("vlan-info", Map.of("flags", r.flags, "vid", r.vid));
            } else {
                w.attr("vlan-info", Map.of("flags", r.flags | BridgeVlan.RANGE_BEGIN, "vid", r.vid));
                w.attr("vlan-info", Map.of("flags", r.flags | BridgeVlan.RANGE_END, "vid", r.vidEnd));
            }
        });
    }

    // ------------------------------------------------------------------ monitoring

    /**
     * Starts watching {@code kinds}: joins their multicast groups with the async reader thread (so bursts are
     * drained into user space) and returns the monitor that hands out typed events. With {@code resync}, the monitor
     * keeps a cache from an initial dump and the events, and after an overrun re-dumps (at most once per second)
     * and emits the difference, so the cache stays true. Call once per socket.
     *
     * @param kinds  what to watch; not empty
     * @param resync true to keep a cache and re-dump after an overrun; false for no cache, an overrun is then only
     *               reported (as {@link RouteMonitor.Overrun})
     * @return the monitor, already joined to the groups (events from now on are kept for it)
     * @throws IllegalArgumentException when {@code kinds} is empty
     * @throws NetlinkException when joining the groups or the initial dump fails
     */
    public RouteMonitor monitor(Set<RouteMonitor.Kind> kinds, boolean resync) throws NetlinkException {
        return new RouteMonitor(this, kinds, resync);
    }
}
