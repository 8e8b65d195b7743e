package io.jnetlink.generic;

import io.jnetlink.Errno;
import io.jnetlink.Marshal;
import io.jnetlink.MessageBuilder;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.NetlinkMessage;
import io.jnetlink.NetlinkSocket;
import io.jnetlink.NetlinkSocketSpec;
import io.jnetlink.Nlctrl;
import io.jnetlink.Replies;
import io.jnetlink.schema.Schema;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A generic netlink socket that knows families by name. {@link #family(String)} asks the controller for a
 * family's id, version, header size, operations and multicast groups once and keeps the answer for the life
 * of the socket; when definitions for the family are known (built in: nlctrl, TASKSTATS, ethtool; or given
 * with {@link #define(Schema)}) they are registered with the socket's marshal under the resolved id, so
 * replies and notifications decode by family and command. {@link #joinGroup} joins a multicast group by name,
 * {@link #policy} reads the kernel's attribute policies.
 *
 * <p>Errors: a family the kernel does not have is a {@link NetlinkException} with errno ENOENT and the
 * message "generic netlink family 'X' is not present"; a group the family does not have, ENOENT with
 * "generic netlink family 'X' has no multicast group 'Y' (it has [...])". Safe for concurrent use, like
 * {@link NetlinkSocket}.
 */
public class GenericNetlinkSocket extends NetlinkSocket {
    private static final Map<String, Schema> BUILT_IN = Map.of(
            "nlctrl", Nlctrl.SCHEMA,
            TaskstatsFamily.NAME, TaskstatsFamily.SCHEMA,
            EthtoolFamily.NAME, EthtoolFamily.SCHEMA);

    /** GENL_NAMSIZ - 1: the longest family name. */
    static final int MAX_NAME_BYTES = 15;

    private final Map<String, Nlctrl.Family> resolved = new ConcurrentHashMap<>();
    private final Map<String, Schema> definitions = new ConcurrentHashMap<>(BUILT_IN);

    /** A generic netlink socket with every other default (in the caller's network namespace). */
    public GenericNetlinkSocket() throws NetlinkException {
        this(NetlinkSocketSpec.defaults());
    }

    /**
     * A socket of {@code spec} (its namespace, buffers, timeout, ...).
     *
     * @throws IllegalArgumentException when the spec's family is not generic netlink (16)
     */
    public GenericNetlinkSocket(NetlinkSocketSpec spec) throws NetlinkException {
        super(checked(spec), Marshal.generic());
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
     * @throws IllegalArgumentException when the schema is not a generic netlink one
     */
    public void define(Schema schema) {
        if (schema.protocol() != Schema.Protocol.GENETLINK) {
            throw new IllegalArgumentException("schema '" + schema.name() + "' is not a generic netlink family");
        }
        definitions.put(schema.name(), schema);
        Nlctrl.Family f = resolved.get(schema.name());
        if (f != null) {
            marshal().register(f.id(), schema);
        }
    }

    /** The definitions known for the family named {@code name}, or null. */
    public Schema schema(String name) {
        return definitions.get(name);
    }

    /**
     * The family named {@code name}: resolved by the kernel on first use, then from this socket's cache.
     *
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
        f = Nlctrl.resolve(this, name);
        Schema s = definitions.get(name);
        if (s != null) {
            marshal().register(f.id(), s);
        }
        Nlctrl.Family earlier = resolved.putIfAbsent(name, f);
        return earlier != null ? earlier : f;
    }

    /**
     * Drops the cached resolution of {@code name}: the next {@link #family} asks the kernel again (after a
     * module providing the family was reloaded, its id may have changed).
     */
    public void forget(String name) {
        resolved.remove(name);
    }

    /** Every family the kernel has now, as the controller lists them (not cached). */
    public List<Nlctrl.Family> families() throws NetlinkException {
        return Nlctrl.list(this);
    }

    /**
     * The id of multicast group {@code group} of {@code family}.
     *
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
     * {@link #get()}. Binds the socket first if it is not bound yet (a later bind with an empty mask would
     * otherwise drop the membership).
     *
     * @return the group's id
     * @throws NetlinkException ENOENT as {@link #groupId}
     */
    public int joinGroup(String family, String group) throws NetlinkException {
        int id = groupId(family, group);
        if (port() < 0) {
            bind();
        }
        addMembership(id);
        return id;
    }

    /** Leaves multicast group {@code group} of {@code family}. */
    public void leaveGroup(String family, String group) throws NetlinkException {
        dropMembership(groupId(family, group));
    }

    /**
     * A message of {@code family} named {@code message} in its definitions, addressed to the resolved id,
     * ready for attributes.
     *
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

    /** Sends {@code message} of {@code family} with {@code attrs} as a do request and collects the replies. */
    public List<NetlinkMessage> request(String family, String message, Map<String, ?> attrs) throws NetlinkException {
        return request(message(family, message).attrs(attrs).build()).list();
    }

    /** Sends {@code message} of {@code family} with {@code attrs} as a dump and streams the replies. */
    public Replies dump(String family, String message, Map<String, ?> attrs) throws NetlinkException {
        return stream(message(family, message).dump().attrs(attrs).build());
    }

    /**
     * The kernel's attribute policies for every operation of {@code family} (CTRL_CMD_GETPOLICY), with the
     * attributes named where this socket has the family's definitions.
     *
     * @throws NetlinkException ENOENT "generic netlink family 'X' is not present"; ENODATA when the family
     *                          declares no policy
     */
    public FamilyPolicy policy(String family) throws NetlinkException {
        return policy(family, null);
    }

    /**
     * As {@link #policy(String)}, for operation {@code op} only.
     *
     * @throws NetlinkException as {@link #policy(String)}, and ENOENT when the family has no such operation
     */
    public FamilyPolicy policy(String family, Integer op) throws NetlinkException {
        Nlctrl.Family f = family(family);
        List<NetlinkMessage> replies;
        try {
            replies = request(op == null ? Nlctrl.getPolicy(family) : Nlctrl.getPolicy(family, op)).list();
        } catch (NetlinkException e) {
            throw FamilyPolicy.explain(e, family, op);
        }
        return FamilyPolicy.parse(f, definitions.get(family), replies, op);
    }

    @Override
    public String toString() {
        return "GenericNetlinkSocket[" + super.toString() + ", families " + resolved.keySet() + "]";
    }
}
