package io.jnetlink.route;

import io.jnetlink.Errno;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.MessageBuilder;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.socket.NetlinkSocket;
import io.jnetlink.socket.NetlinkSocketSpec;
import io.jnetlink.socket.Replies;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Traffic control over rtnetlink, as {@code tc} does it: qdiscs, classes and filters as typed, immutable objects
 * ({@link Qdisc}, {@link TcClass}, {@link Filter}), added, changed, replaced and deleted with requests
 * ({@link QdiscRequest}, {@link ClassRequest}, {@link FilterRequest}). It holds one {@link NetlinkSocket}
 * (NETLINK_ROUTE, strict checking, decoding through {@link Tc#SCHEMA}) and works in the spec's network namespace.
 *
 * <pre>{@code
 * try (TrafficControl tc = new TrafficControl(NetlinkSocketSpec.builder().netns("blue").build())) {
 *     tc.addQdisc(QdiscRequest.of("v0", TcOptions.htb().defaultClass(0x10)).handle("1:"));
 *     tc.addClass(ClassRequest.of("v0", "1:10", TcOptions.htbClass(1_250_000, 2_500_000)).parent("1:"));
 *     tc.addFilter(FilterRequest.of("v0", TcOptions.u32().matchIp("dst", "10.0.0.1/32").flowid("1:10"))
 *             .parent("1:").protocol("ip").priority(1));
 *     for (Qdisc q : tc.qdiscs("v0")) { ... }
 * }
 * }</pre>
 *
 * <p>Errors: a refusal is a {@link NetlinkException} named after the operation in tc's words ("qdisc add dev v0
 * root htb: EEXIST (File exists)"), with the kernel's extended-ack message where it sent one; a device that does
 * not exist is ENODEV "no network device 'X'"; malformed arguments are {@link IllegalArgumentException}s naming
 * the argument, thrown before anything is sent. Each change is one request. Safe for concurrent use.
 */
public final class TrafficControl implements AutoCloseable {
    private final NetlinkSocket sock;

    /**
     * A traffic-control socket in the caller's network namespace.
     *
     * @throws NetlinkException when the socket cannot be made
     */
    public TrafficControl() throws NetlinkException {
        this(NetlinkSocketSpec.builder().build());
    }

    /**
     * A traffic-control socket with the options of {@code spec} (namespace, buffers, timeout, ...).
     *
     * @param spec the socket's options; its family is ignored
     * @throws NetlinkException when the socket cannot be made
     */
    public TrafficControl(NetlinkSocketSpec spec) throws NetlinkException {
        sock = new NetlinkSocket(spec.toBuilder().family(Netlink.NETLINK_ROUTE).strictCheck(true).build(),
                Marshal.classic(Tc.SCHEMA));
    }

    /**
     * The socket requests go through: its options, {@code bind} to join {@link Tc#GROUP_TC} for notifications, and
     * {@code get()} to read them.
     *
     * @return the socket requests go through (closed with this object)
     */
    public NetlinkSocket socket() {
        return sock;
    }

    /** Closes the socket. */
    @Override
    public void close() {
        sock.close();
    }

    /**
     * Decodes a traffic-control message received on {@link #socket()} (a notification of group
     * {@link Tc#GROUP_TC}, say).
     *
     * @param m a message of type RTM_NEWQDISC/DELQDISC, RTM_NEWTCLASS/DELTCLASS or RTM_NEWTFILTER/DELTFILTER
     * @return the object it describes
     * @throws IllegalArgumentException for a message of another type
     * @throws io.jnetlink.message.MalformedMessageException when its bytes are malformed
     */
    public static TcObject decode(NetlinkMessage m) {
        return switch (m.type()) {
            case Tc.RTM_NEWQDISC, Tc.RTM_DELQDISC -> Qdisc.from(m);
            case Tc.RTM_NEWTCLASS, Tc.RTM_DELTCLASS -> TcClass.from(m);
            case Tc.RTM_NEWTFILTER, Tc.RTM_DELTFILTER -> Filter.from(m);
            default -> throw new IllegalArgumentException("message type " + m.type() + " is not traffic control's");
        };
    }

    // ------------------------------------------------------------------ plumbing

    private static MessageBuilder msg(String name) {
        return MessageBuilder.of(Tc.SCHEMA, name);
    }

    private void call(String op, MessageBuilder m) throws NetlinkException {
        try (Replies r = sock.request(m.build())) {
            r.list();
        } catch (NetlinkException e) {
            throw e.withOp(op);
        }
    }

    private void dump(String op, MessageBuilder m, int type, Consumer<NetlinkMessage> sink) throws NetlinkException {
        try (Replies r = sock.stream(m.dump().build())) {
            for (NetlinkMessage x = r.next(); x != null; x = r.next()) {
                if (x.type() == type) {
                    sink.accept(x);
                }
            }
        } catch (NetlinkException e) {
            throw e.withOp(op);
        }
    }

    /**
     * The ifindex of the device named {@code dev}.
     *
     * @param dev a device name
     * @return its ifindex
     * @throws NetlinkException ENODEV "no network device 'X'" when there is none
     */
    public int index(String dev) throws NetlinkException {
        if (!Names.validDevice(dev)) {
            throw new IllegalArgumentException("'" + dev + "' is not a valid device name");
        }
        try (Replies r = sock.request(msg("getlink").attr("ifname", dev).build())) {
            for (NetlinkMessage m : r.list()) {
                if (m.type() == Rtnl.RTM_NEWLINK) {
                    return (int) m.headerField("ifi-index");
                }
            }
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) {
                throw new NetlinkException("link show " + dev, Errno.ENODEV, "no network device '" + dev + "'");
            }
            throw e;
        }
        throw new NetlinkException("link show " + dev, Errno.ENODEV, "no network device '" + dev + "'");
    }

    /**
     * The names of every device, by ifindex (for showing objects as tc does).
     *
     * @return ifindex to name
     * @throws NetlinkException when the dump fails
     */
    public Map<Integer, String> deviceNames() throws NetlinkException {
        Map<Integer, String> names = new java.util.TreeMap<>();
        dump("link show", msg("getlink"), Rtnl.RTM_NEWLINK,
                m -> names.put((int) m.headerField("ifi-index"), m.attributes().getString("ifname")));
        return names;
    }

    private int index(String op, String dev) throws NetlinkException {
        try {
            return index(dev);
        } catch (NetlinkException e) {
            throw e.withOp(op);
        }
    }

    // ------------------------------------------------------------------ qdiscs

    /**
     * Every qdisc of every device.
     *
     * @return the qdiscs in the kernel's order
     * @throws NetlinkException when the dump fails
     */
    public List<Qdisc> qdiscs() throws NetlinkException {
        return qdiscs(null);
    }

    /**
     * The qdiscs of {@code dev} (the kernel dumps every device's; the others are left out here, as tc does).
     *
     * @param dev a device name, or null for every device
     * @return the qdiscs in the kernel's order
     * @throws NetlinkException ENODEV when {@code dev} does not exist
     */
    public List<Qdisc> qdiscs(String dev) throws NetlinkException {
        List<Qdisc> out = new ArrayList<>();
        qdiscs(dev, out::add);
        return out;
    }

    /**
     * Streams the qdiscs of {@code dev} to {@code sink} as datagrams arrive.
     *
     * @param dev  a device name, or null for every device
     * @param sink receives each qdisc, in the kernel's order
     * @throws NetlinkException ENODEV when {@code dev} does not exist
     */
    public void qdiscs(String dev, Consumer<? super Qdisc> sink) throws NetlinkException {
        int ifindex = dev == null ? 0 : index("qdisc show dev " + dev, dev);
        dump("qdisc show", msg("getqdisc"), Tc.RTM_NEWQDISC, m -> {
            Qdisc q = Qdisc.from(m);
            if (ifindex == 0 || q.ifindex() == ifindex) {
                sink.accept(q);
            }
        });
    }

    /**
     * Adds a qdisc; EEXIST when the parent has one of that kind or the handle is taken.
     *
     * @param req the qdisc
     * @throws NetlinkException the kernel's refusal, named "qdisc add dev D PARENT KIND"
     */
    public void addQdisc(QdiscRequest req) throws NetlinkException {
        qdisc("add", Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, req);
    }

    /**
     * Changes the options of an existing qdisc (tc qdisc change); ENOENT when there is none.
     *
     * @param req the qdisc, found by parent and handle
     * @throws NetlinkException the kernel's refusal
     */
    public void changeQdisc(QdiscRequest req) throws NetlinkException {
        qdisc("change", 0, req);
    }

    /**
     * Adds a qdisc or replaces the one at its parent (tc qdisc replace).
     *
     * @param req the qdisc
     * @throws NetlinkException the kernel's refusal
     */
    public void replaceQdisc(QdiscRequest req) throws NetlinkException {
        qdisc("replace", Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE, req);
    }

    /**
     * Deletes the qdisc at the request's parent (and handle, when given); kind and options are not needed.
     *
     * @param req the qdisc
     * @throws NetlinkException ENOENT / EINVAL when there is none
     */
    public void deleteQdisc(QdiscRequest req) throws NetlinkException {
        qdisc("del", 0, req);
    }

    private void qdisc(String verb, int flags, QdiscRequest r) throws NetlinkException {
        String op = "qdisc " + verb + " " + r.describe();
        MessageBuilder m = msg(verb.equals("del") ? "delqdisc" : "newqdisc").flags(flags);
        m.header("ifindex", index(op, r.dev)).header("parent", Integer.toUnsignedLong(r.parent))
                .header("handle", Integer.toUnsignedLong(r.handle));
        if (!verb.equals("del") || r.kind != null) {
            r.attrs(m, op, !verb.equals("del"));
        }
        call(op, m);
    }

    // ------------------------------------------------------------------ classes

    /**
     * The classes of {@code dev}.
     *
     * @param dev a device name (the kernel dumps one device's classes)
     * @return the classes in the kernel's order
     * @throws NetlinkException ENODEV when {@code dev} does not exist
     */
    public List<TcClass> classes(String dev) throws NetlinkException {
        List<TcClass> out = new ArrayList<>();
        classes(dev, out::add);
        return out;
    }

    /**
     * Streams the classes of {@code dev} to {@code sink} as datagrams arrive.
     *
     * @param dev  a device name
     * @param sink receives each class, in the kernel's order
     * @throws NetlinkException ENODEV when {@code dev} does not exist
     */
    public void classes(String dev, Consumer<? super TcClass> sink) throws NetlinkException {
        String op = "class show dev " + dev;
        dump(op, msg("gettclass").header("ifindex", index(op, dev)), Tc.RTM_NEWTCLASS,
                m -> sink.accept(TcClass.from(m)));
    }

    /**
     * Adds a class; EEXIST when the class id is taken.
     *
     * @param req the class
     * @throws NetlinkException the kernel's refusal, named "class add dev D classid C KIND"
     */
    public void addClass(ClassRequest req) throws NetlinkException {
        tclass("add", Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, req);
    }

    /**
     * Changes an existing class (tc class change).
     *
     * @param req the class
     * @throws NetlinkException the kernel's refusal
     */
    public void changeClass(ClassRequest req) throws NetlinkException {
        tclass("change", 0, req);
    }

    /**
     * Adds a class or changes the one with its class id (tc class replace, which sends NLM_F_CREATE alone).
     *
     * @param req the class
     * @throws NetlinkException the kernel's refusal
     */
    public void replaceClass(ClassRequest req) throws NetlinkException {
        tclass("replace", Netlink.NLM_F_CREATE, req);
    }

    /**
     * Deletes a class.
     *
     * @param req the class (device and class id)
     * @throws NetlinkException ENOENT when there is none, EBUSY when it has children or filters refer to it
     */
    public void deleteClass(ClassRequest req) throws NetlinkException {
        tclass("del", 0, req);
    }

    private void tclass(String verb, int flags, ClassRequest r) throws NetlinkException {
        String op = "class " + verb + " " + r.describe();
        MessageBuilder m = msg(verb.equals("del") ? "deltclass" : "newtclass").flags(flags);
        m.header("ifindex", index(op, r.dev)).header("parent", Integer.toUnsignedLong(r.parent))
                .header("handle", Integer.toUnsignedLong(r.classid));
        if (!verb.equals("del") || r.kind != null) {
            r.attrs(m, op, !verb.equals("del"));
        }
        call(op, m);
    }

    // ------------------------------------------------------------------ filters

    /**
     * The filters of {@code dev} attached to {@code parent}.
     *
     * @param dev    a device name
     * @param parent the qdisc or class ({@link Tc#parseHandle}); 0 for the root qdisc, ffff:fff2 for the ingress
     *               side of clsact (or the ingress qdisc), ffff:fff3 for clsact's egress side
     * @return the filters in the kernel's order
     * @throws NetlinkException ENODEV when {@code dev} does not exist; EINVAL when there is no such parent
     */
    public List<Filter> filters(String dev, int parent) throws NetlinkException {
        List<Filter> out = new ArrayList<>();
        filters(dev, parent, out::add);
        return out;
    }

    /**
     * Streams the filters of {@code dev} attached to {@code parent} to {@code sink} as datagrams arrive.
     *
     * @param dev    a device name
     * @param parent the qdisc or class, as for {@link #filters(String, int)}
     * @param sink   receives each filter, in the kernel's order
     * @throws NetlinkException ENODEV when {@code dev} does not exist; EINVAL when there is no such parent
     */
    public void filters(String dev, int parent, Consumer<? super Filter> sink) throws NetlinkException {
        String op = "filter show dev " + dev;
        dump(op, msg("gettfilter").header("ifindex", index(op, dev)).header("parent", Integer.toUnsignedLong(parent)),
                Tc.RTM_NEWTFILTER, m -> sink.accept(Filter.from(m)));
    }

    /**
     * Adds a filter; EEXIST when its handle is taken.
     *
     * @param req the filter
     * @throws NetlinkException the kernel's refusal, named "filter add dev D parent P ... KIND"
     */
    public void addFilter(FilterRequest req) throws NetlinkException {
        filter("add", Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, req);
    }

    /**
     * Changes an existing filter (tc filter change; it needs the handle).
     *
     * @param req the filter
     * @throws NetlinkException the kernel's refusal
     */
    public void changeFilter(FilterRequest req) throws NetlinkException {
        filter("change", 0, req);
    }

    /**
     * Adds a filter or changes the one with its handle (tc filter replace, which sends NLM_F_CREATE alone).
     *
     * @param req the filter
     * @throws NetlinkException the kernel's refusal
     */
    public void replaceFilter(FilterRequest req) throws NetlinkException {
        filter("replace", Netlink.NLM_F_CREATE, req);
    }

    /**
     * Deletes filters: with a handle that one, with a priority (and protocol) every filter of that priority,
     * with neither every filter of the parent.
     *
     * @param req the filter (device, parent, and optionally priority, protocol, handle, kind)
     * @throws NetlinkException ENOENT when there is none
     */
    public void deleteFilter(FilterRequest req) throws NetlinkException {
        filter("del", 0, req);
    }

    private void filter(String verb, int flags, FilterRequest r) throws NetlinkException {
        String op = "filter " + verb + " " + r.describe();
        MessageBuilder m = msg(verb.equals("del") ? "deltfilter" : "newtfilter").flags(flags);
        m.header("ifindex", index(op, r.dev)).header("parent", Integer.toUnsignedLong(r.parent))
                .header("handle", Integer.toUnsignedLong(r.handle))
                .header("info", Integer.toUnsignedLong(r.info()));
        r.attrs(m, op, !verb.equals("del"));
        call(op, m);
    }
}
