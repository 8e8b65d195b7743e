package io.jnetlink.ynl;

import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.generic.GenericNetlink;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.MessageBuilder;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.message.OutgoingMessage;
import io.jnetlink.socket.NetlinkSocket;
import io.jnetlink.socket.NetlinkSocketSpec;
import io.jnetlink.socket.Replies;

import io.jnetlink.schema.MessageDef;
import io.jnetlink.schema.StructDef;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.JsonSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A netlink family driven by its kernel YNL spec: {@link #request do} and {@link #dump} operations by name with
 * values by the spec's names, and {@link #subscribe} to its multicast groups. Requests are encoded and replies
 * decoded by the core's one codec through the spec's {@link io.jnetlink.schema.Schema}.
 *
 * <p>Values are plain Java: a message is a {@code Map} of the fixed header's fields followed by the attributes,
 * nests are maps, multi-attrs and arrays lists, enums their names, flag sets lists of names, addresses
 * {@link java.net.InetAddress} or "aa:bb:.." text, other bytes {@code byte[]}. What the spec does not name
 * (a kernel newer than its spec) is kept: an attribute under its number as a
 * {@link io.jnetlink.schema.RawAttribute}, an enum value as its number.
 *
 * <p>Errors: an operation the spec lacks, or a value that does not fit its attribute, is an
 * {@link IllegalArgumentException}; a refusal by the kernel a {@link NetlinkException}, whose
 * {@link NetlinkException#attributePath()} names the request attribute the kernel pointed at. One socket per
 * family object; safe for concurrent requests.
 *
 * {@snippet :
 * try (YnlFamily rt = YnlFamily.open("rt-link", NetlinkSocketSpec.defaults())) {
 *     rt.dump("getlink", Map.of()).forEach(link -> System.out.println(link.get("ifname")));
 * }
 * }
 */
public final class YnlFamily implements AutoCloseable {
    /** The receive size used when the socket spec leaves the default: dumps come in fewer, larger datagrams. */
    static final int RCVSIZE = 128 * 1024;

    private final YnlSpec spec;
    private final NetlinkSocketSpec sockSpec;
    private final NetlinkSocket sock;
    /** The generic netlink view of {@link #sock} (family ids and groups by name), or null for classic netlink. */
    private final GenericNetlink genl;

    private YnlFamily(YnlSpec spec, NetlinkSocketSpec base) throws NetlinkException {
        this.spec = spec;
        NetlinkSocketSpec.Builder b = base.toBuilder().family(spec.schema().netlinkFamily());
        if (base.rcvsize() == NetlinkSocketSpec.defaults().rcvsize()) {
            b.rcvsize(RCVSIZE);
        }
        this.sockSpec = b.build();
        if (spec.isGeneric()) {
            GenericNetlink g = new GenericNetlink(sockSpec);
            try {
                g.define(spec.schema());
                g.family(spec.name());
            } catch (NetlinkException | RuntimeException e) {
                g.close();
                throw e;
            }
            this.genl = g;
            this.sock = g.socket();
        } else {
            this.genl = null;
            this.sock = new NetlinkSocket(sockSpec, Marshal.classic(spec.schema()));
        }
    }

    /**
     * Opens the family named {@code family}, its spec found along {@link SpecPath#standard()}, with a socket of
     * {@code socketSpec} (its namespace, buffers, timeout; the netlink protocol comes from the spec).
     *
     * @param family the family's name, as the kernel knows it (e.g. "ethtool")
     * @param socketSpec the socket options (namespace, buffers, timeout, ...); the family is set here
     * @return the family, ready for requests (close it when done)
     * @throws IllegalArgumentException when no spec is found
     * @throws io.jnetlink.schema.SchemaException when the spec is malformed
     * @throws NetlinkException         when the socket cannot be made, or the kernel has no such generic family
     */
    public static YnlFamily open(String family, NetlinkSocketSpec socketSpec) throws IOException {
        return open(SpecPath.standard().load(family), socketSpec);
    }

    /**
     * Opens the family of the spec in {@code file} (see {@link #open(String, NetlinkSocketSpec)}).
     *
     * @param file the spec file (.yaml or .yaml.gz)
     * @param socketSpec the socket options (namespace, buffers, timeout, ...); the family is set here
     * @return the family, ready for requests (close it when done)
     * @throws IOException when the file cannot be read
     */
    public static YnlFamily open(Path file, NetlinkSocketSpec socketSpec) throws IOException {
        return open(YnlSpec.load(file), socketSpec);
    }

    /**
     * Opens the family of a loaded spec.
     *
     * @param spec the socket options (namespace, buffers, timeout, ...)
     * @param socketSpec the socket options (namespace, buffers, timeout, ...); the family is set here
     * @return the family, ready for requests (close it when done)
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public static YnlFamily open(YnlSpec spec, NetlinkSocketSpec socketSpec) throws NetlinkException {
        return new YnlFamily(spec, socketSpec);
    }

    /**
     * The spec.
     *
     * @return the spec
     */
    public YnlSpec spec() {
        return spec;
    }

    /**
     * The socket requests go through (for options; replies decode through the spec).
     *
     * @return the socket requests go through
     */
    public NetlinkSocket socket() {
        return sock;
    }

    private YnlSpec.Op op(String name, boolean dump) {
        YnlSpec.Op op = spec.operation(name);
        if (op == null) {
            throw new IllegalArgumentException("family '" + spec.name() + "' has no operation '" + name
                    + "' (it has " + spec.operations().keySet() + ")");
        }
        if (dump ? op.dumpMode() == null : op.doMode() == null) {
            throw new IllegalArgumentException("operation '" + name + "' of family '" + spec.name() + "' has no "
                    + (dump ? "dump" : "do") + (dump ? op.doMode() != null ? " (use do)" : "" : op.dumpMode() != null ? " (use dump)" : ""));
        }
        return op;
    }

    /**
     * The request message of operation {@code op}: fixed-header fields and attributes taken by name from
     * {@code values}.
     *
     * @param op the operation, by the name of its request in the definitions
     * @param values the request attributes by name
     * @param dump whether the request is for a dump (the operation's dump attributes) or a do
     * @param flags extra nlmsg_flags (NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE, NLM_F_APPEND)
     * @return the request message of operation {@code op}
     * @throws IllegalArgumentException for an unknown operation, attribute or a value that does not fit
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public OutgoingMessage message(String op, Map<String, ?> values, boolean dump, int flags) throws NetlinkException {
        op(op, dump);
        MessageBuilder b = genl != null ? genl.message(spec.name(), op)
                : MessageBuilder.of(spec.schema(), op);
        MessageDef def = spec.schema().message(op);
        StructDef hdr = def.fixedHeader();
        Map<String, Object> attrs = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            if (hdr != null && hdr.member(e.getKey()) != null) {
                b.header(e.getKey(), e.getValue());
            } else {
                attrs.put(e.getKey(), e.getValue());
            }
        }
        b.attrs(attrs);
        b.flags(flags);
        if (dump) {
            b.dump();
        }
        return b.build();
    }

    /**
     * Runs the {@code do} of operation {@code op} and returns its replies (empty when the kernel only
     * acknowledged).
     *
     * @param op the operation, by the name of its request in the definitions
     * @param values the request attributes by name
     * @return the replies, decoded with the spec's names (empty when the kernel only acknowledged)
     * @throws NetlinkException when the kernel refused (errno, extended ack and the attribute it points at)
     */
    public List<Map<String, Object>> request(String op, Map<String, ?> values) throws NetlinkException {
        return request(op, values, 0);
    }

    /**
     * As {@link #request(String, Map)}, with extra nlmsg_flags such as {@link Netlink#NLM_F_CREATE}.
     *
     * @param op the operation, by the name of its request in the definitions
     * @param values the request attributes by name
     * @param flags NLM_F_* flags added to the request (NLM_F_CREATE, NLM_F_EXCL, ...)
     * @return the replies, as {@link #request(String, Map)}
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public List<Map<String, Object>> request(String op, Map<String, ?> values, int flags) throws NetlinkException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (NetlinkMessage m : sock.request(message(op, values, false, flags)).list()) {
            if (m.type() >= Netlink.NLMSG_MIN_TYPE) {
                out.add(m.toMap());
            }
        }
        return out;
    }

    /**
     * Runs the {@code dump} of operation {@code op}: a stream of the decoded replies, as the kernel sends them
     * (memory stays bounded by what the caller keeps). Close the stream to abandon the dump early. A refusal
     * surfaces from the stream as an {@link UncheckedIOException} wrapping the {@link NetlinkException}.
     *
     * @param op the operation, by the name of its request in the definitions
     * @param values the request attributes by name
     * @return the replies, decoded as they arrive (close the stream when done)
     * @throws NetlinkException when the request cannot be sent
     */
    public Stream<Map<String, Object>> dump(String op, Map<String, ?> values) throws NetlinkException {
        return messages(op, values).map(NetlinkMessage::toMap);
    }

    /**
     * As {@link #dump}, the reply messages undecoded (lazy views: decode only what is read).
     *
     * @param op the operation, by the name of its request in the definitions
     * @param values the request attributes by name
     * @return the reply messages, undecoded (close them when done)
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public Stream<NetlinkMessage> messages(String op, Map<String, ?> values) throws NetlinkException {
        Replies r = sock.stream(message(op, values, true, 0));
        return r.stream().onClose(r::close);
    }

    /**
     * Joins multicast group {@code group} on a socket of its own with the reader thread (the async reader), and
     * returns the subscription that hands out its notifications.
     *
     * @param group the multicast group's name
     * @return the subscription that hands out the group's notifications (close it when done)
     * @throws IllegalArgumentException when the spec has no such group
     * @throws NetlinkException         when the group cannot be joined (ENOENT: the kernel lacks it)
     */
    public Subscription subscribe(String group) throws NetlinkException {
        if (!spec.mcastGroups().containsKey(group)) {
            throw new IllegalArgumentException("family '" + spec.name() + "' has no multicast group '" + group
                    + "' (it has " + spec.mcastGroups().keySet() + ")");
        }
        Marshal marshal;
        int id;
        if (spec.isGeneric()) {
            id = genl.groupId(spec.name(), group);
            marshal = Marshal.generic();
            marshal.register(genl.family(spec.name()).id(), spec.schema());
        } else {
            id = spec.mcastGroups().get(group);
            marshal = Marshal.classic(spec.schema());
        }
        NetlinkSocket s = new NetlinkSocket(sockSpec.toBuilder().groups(0).build(), marshal);
        try {
            s.bind(0, null, true);
            s.addMembership(id);
        } catch (NetlinkException | RuntimeException e) {
            s.close();
            throw e;
        }
        return new Subscription(s);
    }

    /**
     * Parses a request given as JSON text (as {@code --json} takes it) into values for {@link #request} and
     * {@link #dump}: objects become maps, arrays lists, numbers Long or BigInteger.
     *
     * @param json a JSON object
     * @return the values, as {@link #request} and {@link #dump} take them
     * @throws IllegalArgumentException when the text is not a JSON object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseJson(String json) {
        Object o;
        try {
            o = new Load(LoadSettings.builder().setSchema(new JsonSchema()).setLabel("--json").build()).loadFromString(json);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage().replace('\n', ' ').trim());
        }
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("the request must be a JSON object, not " + (o == null ? "empty" : o));
        }
        return (Map<String, Object>) m;
    }

    @Override
    public void close() {
        sock.close();
    }

    @Override
    public String toString() {
        return "YnlFamily[" + spec.name() + ", " + sock + "]";
    }

    /**
     * A decoded notification.
     *
     * @param name the operation (or notification) its message type names, or "type N" when the spec names none
     * @param msg  its fixed header's fields and attributes
     */
    public record Notification(String name, Map<String, Object> msg) {
    }

    /**
     * Notifications of one multicast group, received by a reader thread into a user-space buffer. Loss is
     * reported in stream order: {@link #next} throws {@link io.jnetlink.socket.OverrunException} at the place where
     * messages were lost, and the next call continues.
     */
    public static final class Subscription implements AutoCloseable {
        private final NetlinkSocket sock;

        Subscription(NetlinkSocket sock) {
            this.sock = sock;
        }

        /**
         * The next notifications, waiting at most {@code timeout} (empty when none came).
         *
         * @param timeout how long to wait at most
         * @return the next notifications, waiting at most {@code timeout} (empty when none came)
         * @throws io.jnetlink.socket.OverrunException where notifications were lost (ENOBUFS); the stream goes on
         * @throws NetlinkException             EBADF once closed
         */
        public List<Notification> next(Duration timeout) throws NetlinkException {
            List<Notification> out = new ArrayList<>();
            for (NetlinkMessage m : sock.get(timeout)) {
                if (m.type() >= Netlink.NLMSG_MIN_TYPE) {
                    out.add(new Notification(m.name(), m.toMap()));
                }
            }
            return out;
        }

        /**
         * The socket the group was joined on.
         *
         * @return the socket the group was joined on
         */
        public NetlinkSocket socket() {
            return sock;
        }

        @Override
        public void close() {
            sock.close();
        }
    }
}
