package io.jnetlink;

import io.jnetlink.message.Attributes;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.MessageBuilder;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.message.OutgoingMessage;
import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.EnumDef;
import io.jnetlink.schema.Schema;
import io.jnetlink.socket.NetlinkSocket;
import io.jnetlink.socket.NetlinkSocketSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Enough of the generic netlink controller for the core's tests (the real definitions, {@code Nlctrl}, belong to
 * the generic module, above the core): family lookup by name and the family dump.
 */
public final class TestCtrl {
    /** CTRL_CMD_NEWFAMILY. */
    public static final int CMD_NEWFAMILY = 1;

    /** The controller's family attributes and messages. */
    public static final Schema SCHEMA = Schema.builder("nlctrl", Schema.Protocol.GENETLINK, Netlink.NETLINK_GENERIC)
            .enumDef(EnumDef.flags("op-flags", "admin-perm", "cmd-cap-do", "cmd-cap-dump", "cmd-cap-haspol", "uns-admin-perm"))
            .attributeSet(AttributeSet.builder("op-attrs")
                    .attr(1, "id", AttrType.U32)
                    .attr(2, "flags", AttrType.U32, a -> a.enumName("op-flags"))
                    .build())
            .attributeSet(AttributeSet.builder("ctrl-attrs")
                    .attr(1, "family-id", AttrType.U16)
                    .attr(2, "family-name", AttrType.STRING)
                    .attr(3, "version", AttrType.U32)
                    .attr(6, "ops", AttrType.INDEXED_ARRAY, a -> a.subType(AttrType.NEST).nested("op-attrs"))
                    .attr(7, "mcast-groups", AttrType.INDEXED_ARRAY, a -> a.subType(AttrType.NEST).nested("mcast-group-attrs"))
                    .build())
            .attributeSet(AttributeSet.builder("mcast-group-attrs")
                    .attr(1, "name", AttrType.STRING)
                    .attr(2, "id", AttrType.U32)
                    .build())
            .message(CMD_NEWFAMILY, "newfamily", null, "ctrl-attrs")
            .message(3, "getfamily", null, "ctrl-attrs")
            .build();

    private TestCtrl() {
    }

    /** A family: its name, id and multicast groups. */
    public record Family(String name, int id, Map<String, Integer> groups) {
    }

    /** @return a generic netlink marshal that decodes the controller's messages */
    public static Marshal marshal() {
        Marshal m = Marshal.generic();
        m.register(Netlink.GENL_ID_CTRL, SCHEMA);
        return m;
    }

    /** @return a socket of {@code spec} decoding the controller's messages */
    public static NetlinkSocket socket(NetlinkSocketSpec spec) throws NetlinkException {
        return new NetlinkSocket(spec, marshal());
    }

    /** @return the request for one family by name */
    public static OutgoingMessage getFamily(String name) {
        return MessageBuilder.of(SCHEMA, "getfamily").type(Netlink.GENL_ID_CTRL).attr("family-name", name).build();
    }

    /** @return the request for every family */
    public static OutgoingMessage dumpFamilies() {
        return MessageBuilder.of(SCHEMA, "getfamily").type(Netlink.GENL_ID_CTRL).dump().build();
    }

    /** @return the family a newfamily message describes */
    @SuppressWarnings("unchecked")
    public static Family parse(NetlinkMessage m) {
        Attributes a = m.attributes();
        Map<String, Integer> groups = new LinkedHashMap<>();
        if (a.get("mcast-groups") instanceof List<?> l) {
            for (Object o : l) {
                Map<String, Object> g = (Map<String, Object>) o;
                groups.put((String) g.get("name"), ((Number) g.get("id")).intValue());
            }
        }
        return new Family(a.getString("family-name"), (int) a.getLong("family-id", -1), groups);
    }

    /** @return the family named {@code name}, asked of the kernel on {@code sock} */
    public static Family resolve(NetlinkSocket sock, String name) throws NetlinkException {
        return parse(sock.request(getFamily(name)).list().getFirst());
    }
}
