package io.jnetlink.generic;

import io.jnetlink.Errno;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.message.MessageBuilder;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.socket.NetlinkSocket;
import io.jnetlink.socket.NetlinkSocketSpec;
import io.jnetlink.socket.Replies;

import io.jnetlink.schema.Schema;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Generic netlink by family name, over one {@link NetlinkSocket} it holds ({@link #socket()}). {@link #family(String)} asks the controller for a
 * family's id, version, header size, operations and multicast groups once and keeps the answer for the life
 * of the socket; when definitions for the family are known (built in: nlctrl, TASKSTATS, ethtool; or given
 * with {@link #define(Schema)}) they are registered with the socket's marshal under the resolved id, so
 * replies and notifications decode by family and command. {@link #joinGroup} joins a multicast group by name,
 * {@link #policy} reads the kernel's attribute policies.
 *
 * <p>Errors: a family the kernel does not have is a {@link NetlinkException} with errno ENOENT and the
 * message "generic netlink family 'X' is not present"; a group the family does not have, ENOENT with
 * "generic netlink family 'X' has no multicast group 'Y' (it has [...])". Safe for concurrent use, like
 * {@link NetlinkSocket}. Notifications of joined groups arrive through {@code socket().get()}.
 */
public final class GenericNetlink implements AutoCloseable {
    private static final Map<String, Schema> BUILT_IN = Map.of(
            "nlctrl", Nlctrl.SCHEMA,
            TaskstatsFamily.NAME, TaskstatsFamily.SCHEMA,
            EthtoolFamily.NAME, EthtoolFamily.SCHEMA);

    /** GENL_NAMSIZ - 1: the longest family name. */
    static final int MAX_NAME_BYTES = 15;

    private final NetlinkSocket sock;
    private final Map<String, Nlctrl.Family> resolved = new ConcurrentHashMap<>();
    private final Map<String, Schema> definitions = new ConcurrentHashMap<>(BUILT_IN);

    /**
     * A generic netlink socket with every other default (in the caller's network namespace).
     *
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public GenericNetlink() throws NetlinkException {
        this(NetlinkSocketSpec.defaults());
    }

    /**
     * A socket of {@code spec} (its namespace, buffers, timeout, ...).
     *
     * @param spec the socket options (namespace, buffers, timeout, ...)
     * @throws IllegalArgumentException when the spec's family is not generic netlink (16)
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public GenericNetlink(NetlinkSocketSpec spec) throws NetlinkException {
        sock = new NetlinkSocket(checked(spec), Nlctrl.marshal());
    }

    /**
     * The socket requests go through: its options, {@code get()} for notifications of joined groups.
     *
     * @return the socket requests go through: its options, {@code get()} for notifications of joined groups
     */
    public NetlinkSocket socket() {
        return sock;
    }

    /** Closes the socket (see {@link NetlinkSocket#close()}). */
    @Override
    public void close() {
        sock.close();
    }

    private static NetlinkSocketSpec checked(NetlinkSocketSpec spec) {
        if (spec.family() != Netlink.NETLINK_GENERIC) {
            throw new IllegalArgumentException("a generic netlink socket needs family " + Netlink.NETLINK_GENERIC
                    + " (generic netlink), the spec has " + spec.family());
        }
        return spec;
    }

    /**
     * Adds (or replaces) the definitions for the family named {@code schema.name()}; when that family is
     * already resolved they are registered at once.
     *
     * @param schema the family's definitions (a generic netlink schema)
     * @throws IllegalArgumentException when the schema is not a generic netlink one
     */
    public void define(Schema schema) {
        if (schema.protocol() != Schema.Protocol.GENETLINK) {
            throw new IllegalArgumentException("schema '" + schema.name() + "' is not a generic netlink family");
        }
        definitions.put(schema.name(), schema);
        Nlctrl.Family f = resolved.get(schema.name());
        if (f != null) {
            sock.marshal().register(f.id(), schema);
        }
    }

    /**
     * The definitions known for the family named {@code name}, or null.
     *
     * @param name the family's name, as the kernel knows it (e.g. "ethtool")
     * @return the definitions known for the family named {@code name}, or null
     */
    public Schema schema(String name) {
        return definitions.get(name);
    }

    /**
     * The family named {@code name}: resolved by the kernel on first use, then from this socket's cache.
     *
     * @param name the family's name, as the kernel knows it (e.g. "ethtool")
     * @return the family named {@code name}
     * @throws NetlinkException errno ENOENT, "generic netlink family 'X' is not present", when the kernel (in
     *                          this socket's network namespace) has no such family
     */
    public Nlctrl.Family family(String name) throws NetlinkException {
        Objects.requireNonNull(name, "family name");
        Nlctrl.Family f = resolved.get(name);
        if (f != null) {
            return f;
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            // the kernel's policy refuses the request (EINVAL); no family can have such a name
            throw new NetlinkException("resolve family", Errno.ENOENT, "generic netlink family '" + name
                    + "' is not present (family names have at most " + MAX_NAME_BYTES + " bytes)");
        }
        f = Nlctrl.resolve(sock, name);
        Schema s = definitions.get(name);
        if (s != null) {
            sock.marshal().register(f.id(), s);
        }
        Nlctrl.Family earlier = resolved.putIfAbsent(name, f);
        return earlier != null ? earlier : f;
    }

    /**
     * Drops the cached resolution of {@code name}: the next {@link #family} asks the kernel again (after a
     * module providing the family was reloaded, its id may have changed).
     *
     * @param name the family's name, as the kernel knows it (e.g. "ethtool")
     */
    public void forget(String name) {
        resolved.remove(name);
    }

    /**
     * Every family the kernel has now, as the controller lists them (not cached).
     *
     * @return every family the kernel has now, as the controller lists them (not cached)
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public List<Nlctrl.Family> families() throws NetlinkException {
        return Nlctrl.list(sock);
    }

    /**
     * The id of multicast group {@code group} of {@code family}.
     *
     * @param family the family's name, as the kernel knows it (e.g. "ethtool")
     * @param group the multicast group's name
     * @return the id of multicast group {@code group} of {@code family}
     * @throws NetlinkException ENOENT when the family is not present or has no such group (the message names
     *                          the groups it has)
     */
    public int groupId(String family, String group) throws NetlinkException {
        Nlctrl.Family f = family(family);
        Integer id = f.groups().get(group);
        if (id == null) {
            throw new NetlinkException("join group", Errno.ENOENT, "generic netlink family '" + family
                    + "' has no multicast group '" + group + "' (it has " + f.groups().keySet() + ")");
        }
        return id;
    }

    /**
     * Joins multicast group {@code group} of {@code family}; its notifications then arrive through
     * {@code socket().get()}.
     *
     * @param family the family's name, as the kernel knows it (e.g. "ethtool")
     * @param group the multicast group's name
     * @return the group's id
     * @throws NetlinkException ENOENT as {@link #groupId}
     */
    public int joinGroup(String family, String group) throws NetlinkException {
        int id = groupId(family, group);
        sock.addMembership(id);
        return id;
    }

    /**
     * Leaves multicast group {@code group} of {@code family}.
     *
     * @param family the family's name, as the kernel knows it (e.g. "ethtool")
     * @param group the multicast group's name
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public void leaveGroup(String family, String group) throws NetlinkException {
        sock.dropMembership(groupId(family, group));
    }

    /**
     * A message of {@code family} named {@code message} in its definitions, addressed to the resolved id,
     * ready for attributes.
     *
     * @param family the family's name, as the kernel knows it (e.g. "ethtool")
     * @param message the message's name in the family's definitions (its request)
     * @return the message, ready for attributes
     * @throws NetlinkException           ENOENT when the family is not present
     * @throws IllegalArgumentException when no definitions are known for the family, or they have no such
     *                                  message
     */
    public MessageBuilder message(String family, String message) throws NetlinkException {
        Nlctrl.Family f = family(family);
        Schema s = definitions.get(family);
        if (s == null) {
            throw new IllegalArgumentException("no definitions for generic netlink family '" + family
                    + "' (id " + f.id() + "): define(schema) first");
        }
        return MessageBuilder.of(s, message).type(f.id());
    }

    /**
     * Sends {@code message} of {@code family} with {@code attrs} as a do request and collects the replies.
     *
     * @param family the family's name, as the kernel knows it (e.g. "ethtool")
     * @param message the message's name in the family's definitions (its request)
     * @param attrs the request attributes by name
     * @return the replies (empty when the kernel only acknowledged)
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public List<NetlinkMessage> request(String family, String message, Map<String, ?> attrs) throws NetlinkException {
        return sock.request(message(family, message).attrs(attrs).build()).list();
    }

    /**
     * Sends {@code message} of {@code family} with {@code attrs} as a dump and streams the replies.
     *
     * @param family the family's name, as the kernel knows it (e.g. "ethtool")
     * @param message the message's name in the family's definitions (its request)
     * @param attrs the request attributes by name
     * @return the replies, handed out as they arrive (close them when done)
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public Replies dump(String family, String message, Map<String, ?> attrs) throws NetlinkException {
        return sock.stream(message(family, message).dump().attrs(attrs).build());
    }

    /**
     * The kernel's attribute policies for every operation of {@code family} (CTRL_CMD_GETPOLICY), with the
     * attributes named where this socket has the family's definitions.
     *
     * @param family the family's name, as the kernel knows it (e.g. "ethtool")
     * @return the policies of every operation of the family
     * @throws NetlinkException ENOENT "generic netlink family 'X' is not present"; ENODATA when the family
     *                          declares no policy
     */
    public FamilyPolicy policy(String family) throws NetlinkException {
        return policy(family, null);
    }

    /**
     * As {@link #policy(String)}, for operation {@code op} only.
     *
     * @param family the family's name, as the kernel knows it (e.g. "ethtool")
     * @param op the operation, by the name of its request in the definitions
     * @return as {@link #policy(String)}, for operation {@code op} only
     * @throws NetlinkException as {@link #policy(String)}, and ENOENT when the family has no such operation
     */
    public FamilyPolicy policy(String family, Integer op) throws NetlinkException {
        Nlctrl.Family f = family(family);
        List<NetlinkMessage> replies;
        try {
            replies = sock.request(op == null ? Nlctrl.getPolicy(family) : Nlctrl.getPolicy(family, op)).list();
        } catch (NetlinkException e) {
            throw FamilyPolicy.explain(e, family, op);
        }
        return FamilyPolicy.parse(f, definitions.get(family), replies, op);
    }

    @Override
    public String toString() {
        return "GenericNetlink[" + sock + ", families " + resolved.keySet() + "]";
    }
}
