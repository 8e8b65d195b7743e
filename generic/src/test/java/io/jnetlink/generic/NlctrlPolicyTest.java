package io.jnetlink.generic;

import io.jnetlink.Netlink;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.message.OutgoingMessage;

import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.jnetlink.Wire.attr;
import static io.jnetlink.Wire.concat;
import static io.jnetlink.Wire.genlMsg;
import static io.jnetlink.Wire.nest;
import static io.jnetlink.Wire.u16;
import static io.jnetlink.Wire.u32;
import static io.jnetlink.Wire.u64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The nlctrl policy-dump definitions (CTRL_CMD_GETPOLICY) and request lookup by operation number. */
class NlctrlPolicyTest {

    @Test
    void getPolicyIsADumpNamingTheFamilyAndOptionallyTheOperation() {
        OutgoingMessage all = Nlctrl.getPolicy("ethtool");
        assertTrue(all.isDump());
        assertEquals(Netlink.GENL_ID_CTRL, all.type());
        byte[] b = all.toByteArray();
        assertEquals(Nlctrl.CMD_GETPOLICY, b[16]);
        NetlinkMessage parsed = Nlctrl.marshal().parse(b).getFirst();
        assertEquals("ethtool", parsed.attributes().getString("family-name"));
        assertNull(parsed.attributes().attribute("op"));
        NetlinkMessage one = Nlctrl.marshal().parse(Nlctrl.getPolicy("ethtool", 4).toByteArray()).getFirst();
        assertEquals(4, one.attributes().getLong("op", -1));
    }

    @Test
    void policyReplyDecodesTwoLevelsAndOpPolicyOne() {
        // what the kernel sends for nlctrl: one message per op-policy entry and per (policy, attribute)
        byte[] opPolicy = genlMsg(Netlink.GENL_ID_CTRL, Netlink.NLM_F_MULTI, 1, 0, Nlctrl.CMD_GETPOLICY,
                attr(1, u16(0x10)),
                nest(9, nest(3, attr(1, u32(0)), attr(2, u32(0)))));
        byte[] policy = genlMsg(Netlink.GENL_ID_CTRL, Netlink.NLM_F_MULTI, 1, 0, Nlctrl.CMD_GETPOLICY,
                attr(1, u16(0x10)),
                nest(8, nest(0, nest(2, attr(1, u32(12)), attr(7, u32(15))),
                        nest(1, attr(1, u32(3)), attr(4, u64(0)), attr(5, u64(65535))))));
        List<NetlinkMessage> l = Nlctrl.marshal().parse(concat(opPolicy, policy));
        assertEquals("getpolicy", l.get(0).name());
        assertEquals(Map.of("3", Map.of("do", 0L, "dump", 0L)), l.get(0).attributes().get("op-policy"));
        assertEquals(Map.of("0", Map.of(
                        "2", Map.of("type", "nul-string", "max-length", 15L),
                        "1", Map.of("type", "u16", "min-value-u", 0L, "max-value-u", 65535L))),
                l.get(1).attributes().get("policy"));
        assertEquals(0x10, l.get(1).attributes().getLong("family-id", -1));
    }

    @Test
    void requestByValuePrefersTheRequestOnlyMessage() {
        Schema s = Schema.builder("dir", Schema.Protocol.GENETLINK, Netlink.NETLINK_GENERIC)
                .attributeSet(AttributeSet.builder("a").attr(1, "x", AttrType.U32).build())
                .request(1, "thing-get", null, "a")
                .message(1, "thing-get-reply", null, "a")
                .message(2, "other", null, "a")
                .build();
        assertEquals("thing-get", s.request(1).name());
        assertEquals("thing-get-reply", s.message(1).name());
        assertEquals("other", s.request(2).name(), "without a request-only message, the decoded one");
        assertNull(s.request(3));
        assertEquals("getfamily", Nlctrl.SCHEMA.request(Nlctrl.CMD_GETFAMILY).name());
        assertEquals("getpolicy", Nlctrl.SCHEMA.request(Nlctrl.CMD_GETPOLICY).name());
    }
}
