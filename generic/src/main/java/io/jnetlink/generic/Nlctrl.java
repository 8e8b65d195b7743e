package io.jnetlink.generic;

import io.jnetlink.Errno;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.message.Attribute;
import io.jnetlink.message.Attributes;
import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.MessageBuilder;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.message.OutgoingMessage;
import io.jnetlink.socket.NetlinkSocket;

import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.EnumDef;
import io.jnetlink.schema.Schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generic netlink controller family ("nlctrl", id 16) from linux/genetlink.h (and the policy attributes
 * of linux/netlink.h): its definitions, and the family lookup that every generic netlink user starts with.
 */
public final class Nlctrl {
    /** CTRL_CMD_NEWFAMILY: a family's description (reply and notification). */
    public static final int CMD_NEWFAMILY = 1;
    /** CTRL_CMD_DELFAMILY: a family was removed (notification). */
    public static final int CMD_DELFAMILY = 2;
    /** CTRL_CMD_GETFAMILY: request one family by name or id, or dump all. */
    public static final int CMD_GETFAMILY = 3;
    /** CTRL_CMD_NEWMCAST_GRP: a multicast group was added (notification). */
    public static final int CMD_NEWMCAST_GRP = 7;
    /** CTRL_CMD_DELMCAST_GRP: a multicast group was removed (notification). */
    public static final int CMD_DELMCAST_GRP = 8;
    /** CTRL_CMD_GETPOLICY: dump attribute policies. */
    public static final int CMD_GETPOLICY = 10;

    /** The nlctrl definitions. */
    public static final Schema SCHEMA = Schema.builder("nlctrl", Schema.Protocol.GENETLINK, Netlink.NETLINK_GENERIC)
            .enumDef(EnumDef.flags("op-flags", "admin-perm", "cmd-cap-do", "cmd-cap-dump", "cmd-cap-haspol",
                    "uns-admin-perm"))
            .enumDef(EnumDef.values("attr-type", 0, "invalid", "flag", "u8", "u16", "u32", "u64", "s8", "s16", "s32",
                    "s64", "binary", "string", "nul-string", "nested", "nested-array", "bitfield32", "sint", "uint"))
            .attributeSet(AttributeSet.builder("ctrl-attrs")
                    .attr(1, "family-id", AttrType.U16)
                    .attr(2, "family-name", AttrType.STRING)
                    .attr(3, "version", AttrType.U32)
                    .attr(4, "hdrsize", AttrType.U32)
                    .attr(5, "maxattr", AttrType.U32)
                    .attr(6, "ops", AttrType.INDEXED_ARRAY, a -> a.subType(AttrType.NEST).nested("op-attrs"))
                    .attr(7, "mcast-groups", AttrType.INDEXED_ARRAY, a -> a.subType(AttrType.NEST).nested("mcast-group-attrs"))
                    .attr(8, "policy", AttrType.NEST_TYPE_VALUE,
                            a -> a.typeValue("policy-id", "attr-id").nested("policy-attrs"))
                    .attr(9, "op-policy", AttrType.NEST_TYPE_VALUE, a -> a.typeValue("op-id").nested("op-policy-attrs"))
                    .attr(10, "op", AttrType.U32)
                    .build())
            .attributeSet(AttributeSet.builder("op-attrs")
                    .attr(1, "id", AttrType.U32)
                    .attr(2, "flags", AttrType.U32, a -> a.enumName("op-flags"))
                    .build())
            .attributeSet(AttributeSet.builder("mcast-group-attrs")
                    .attr(1, "name", AttrType.STRING)
                    .attr(2, "id", AttrType.U32)
                    .build())
            .attributeSet(AttributeSet.builder("policy-attrs")
                    .attr(1, "type", AttrType.U32, a -> a.enumName("attr-type"))
                    .attr(2, "min-value-s", AttrType.S64)
                    .attr(3, "max-value-s", AttrType.S64)
                    .attr(4, "min-value-u", AttrType.U64)
                    .attr(5, "max-value-u", AttrType.U64)
                    .attr(6, "min-length", AttrType.U32)
                    .attr(7, "max-length", AttrType.U32)
                    .attr(8, "policy-idx", AttrType.U32)
                    .attr(9, "policy-maxtype", AttrType.U32)
                    .attr(10, "bitfield32-mask", AttrType.U32)
                    .attr(11, "pad", AttrType.PAD)
                    .attr(12, "mask", AttrType.U64)
                    .build())
            .attributeSet(AttributeSet.builder("op-policy-attrs")
                    .attr(1, "do", AttrType.U32)
                    .attr(2, "dump", AttrType.U32)
                    .build())
            .message(CMD_NEWFAMILY, "newfamily", null, "ctrl-attrs")
            .message(CMD_DELFAMILY, "delfamily", null, "ctrl-attrs")
            .message(CMD_GETFAMILY, "getfamily", null, "ctrl-attrs")
            .message(CMD_NEWMCAST_GRP, "newmcast-grp", null, "ctrl-attrs")
            .message(CMD_DELMCAST_GRP, "delmcast-grp", null, "ctrl-attrs")
            .message(CMD_GETPOLICY, "getpolicy", null, "ctrl-attrs")
            .mcastGroup("notify", 0x10)
            .build();

    private Nlctrl() {
    }

    /**
     * A generic netlink family as the controller describes it.
     *
     * @param id      the family id (the nlmsg_type of its messages)
     * @param name    its name
     * @param version its version
     * @param hdrsize size of its user header after genlmsghdr
     * @param maxattr its highest attribute number
     * @param ops     command number to flag names (admin-perm, cmd-cap-do, ...)
     * @param groups  multicast group name to group id
     */
    public record Family(int id, String name, int version, int hdrsize, int maxattr,
                         Map<Integer, List<String>> ops, Map<String, Integer> groups) {
    }

    /**
     * A generic netlink marshal with the controller's definitions registered at its id (16).
     *
     * @return a generic netlink marshal with the controller's definitions registered at its id (16)
     */
    public static Marshal marshal() {
        Marshal m = Marshal.generic();
        m.register(Netlink.GENL_ID_CTRL, SCHEMA);
        return m;
    }

    /**
     * The request for one family by name.
     *
     * @param name the family's name, as the kernel knows it (e.g. "ethtool")
     * @return the request for one family by name
     */
    public static OutgoingMessage getFamily(String name) {
        return MessageBuilder.of(SCHEMA, "getfamily").type(Netlink.GENL_ID_CTRL).attr("family-name", name).build();
    }

    /**
     * The request for every family (a dump).
     *
     * @return the request for every family (a dump)
     */
    public static OutgoingMessage dumpFamilies() {
        return MessageBuilder.of(SCHEMA, "getfamily").type(Netlink.GENL_ID_CTRL).dump().build();
    }

    /**
     * The request for the attribute policies of a family's operations (a dump): replies carry "op-policy"
     * (operation to its do/dump policy index) and "policy" (policy index to attribute to its limits).
     *
     * @param familyName the family's name, as the kernel knows it (e.g. "ethtool")
     * @return the request for the attribute policies of a family's operations (a dump)
     */
    public static OutgoingMessage getPolicy(String familyName) {
        return MessageBuilder.of(SCHEMA, "getpolicy").type(Netlink.GENL_ID_CTRL).dump()
                .attr("family-name", familyName).build();
    }

    /**
     * As {@link #getPolicy(String)}, for one operation only.
     *
     * @param familyName the family's name, as the kernel knows it (e.g. "ethtool")
     * @param op the operation, by the name of its request in the definitions
     * @return as {@link #getPolicy(String)}, for one operation only
     */
    public static OutgoingMessage getPolicy(String familyName, int op) {
        return MessageBuilder.of(SCHEMA, "getpolicy").type(Netlink.GENL_ID_CTRL).dump()
                .attr("family-name", familyName).attr("op", op).build();
    }

    /**
     * Reads a family description from a newfamily message.
     *
     * @param m a received message
     * @return the family the message describes
     * @throws MalformedMessageException when an operation or group lacks its id or name, or a value has another
     *                                    shape than nlctrl's
     */
    public static Family parse(NetlinkMessage m) {
        Attributes a = m.attributes();
        Map<Integer, List<String>> ops = new LinkedHashMap<>();
        Attribute opsAttr = a.attribute("ops");
        if (opsAttr != null) {
            int at = opsAttr.offset();
            for (Object o : Values.list(opsAttr.value(), "nlctrl ops", at)) {
                Map<String, Object> op = Values.map(o, "an nlctrl op", at);
                List<String> names = new ArrayList<>();
                for (Object f : Values.list(op.get("flags"), "an nlctrl op's flags", at)) {
                    names.add(String.valueOf(f));
                }
                ops.put(Values.number(op.get("id"), "an nlctrl op's id", at).intValue(), List.copyOf(names));
            }
        }
        Map<String, Integer> groups = new LinkedHashMap<>();
        Attribute groupsAttr = a.attribute("mcast-groups");
        if (groupsAttr != null) {
            int at = groupsAttr.offset();
            for (Object o : Values.list(groupsAttr.value(), "nlctrl mcast-groups", at)) {
                Map<String, Object> g = Values.map(o, "an nlctrl mcast group", at);
                String name = Values.stringOrNull(g.get("name"), "an nlctrl mcast group's name", at);
                if (name == null) {
                    throw new MalformedMessageException("an nlctrl mcast group has no name", at);
                }
                groups.put(name, Values.number(g.get("id"), "an nlctrl mcast group's id", at).intValue());
            }
        }
        return new Family((int) a.getLong("family-id", -1), a.getString("family-name"), (int) a.getLong("version", 0),
                (int) a.getLong("hdrsize", 0), (int) a.getLong("maxattr", 0), ops, groups);
    }

    /**
     * Resolves a family by name on {@code sock} (a generic netlink socket).
     *
     * @param sock the socket the requests go through
     * @param name the family's name, as the kernel knows it (e.g. "ethtool")
     * @return the family: its id, version, operations and multicast groups
     * @throws NetlinkException with errno ENOENT and the message "generic netlink family 'X' is not present"
     *                          when the kernel has no such family
     */
    public static Family resolve(NetlinkSocket sock, String name) throws NetlinkException {
        List<NetlinkMessage> replies;
        try {
            replies = sock.request(getFamily(name)).list();
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENOENT) {
                throw new NetlinkException("resolve family", Errno.ENOENT,
                        "generic netlink family '" + name + "' is not present");
            }
            throw e;
        }
        for (NetlinkMessage m : replies) {
            if (m.definition() != null && m.genlCommand() == CMD_NEWFAMILY) {
                return parse(m);
            }
        }
        throw new NetlinkException("resolve family", Errno.ENOENT, "no family description in the reply for '" + name + "'");
    }

    /**
     * Every family the kernel has.
     *
     * @param sock the socket the requests go through
     * @return every family the kernel has
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public static List<Family> list(NetlinkSocket sock) throws NetlinkException {
        List<Family> out = new ArrayList<>();
        for (NetlinkMessage m : sock.request(dumpFamilies()).list()) {
            if (m.definition() != null) {
                out.add(parse(m));
            }
        }
        return out;
    }
}
