package io.jnetlink.generic;

import io.jnetlink.Errno;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.message.MessageBuilder;
import io.jnetlink.message.NetlinkMessage;

import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.Schema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Reading policy dumps: operation numbers (and the kernel's 0 for dump-only ones), names, limits. */
class FamilyPolicyTest {
    static final Schema FAM = Schema.builder("fam", Schema.Protocol.GENETLINK, Netlink.NETLINK_GENERIC)
            .attributeSet(AttributeSet.builder("hdr").attr(1, "dev-index", AttrType.U32).build())
            .attributeSet(AttributeSet.builder("req").nest(1, "header", "hdr").attr(2, "count", AttrType.U32).build())
            .request(1, "thing-get", null, "req")
            .message(1, "thing-get-reply", null, "req")
            .build();

    static Nlctrl.Family family(int... haspol) {
        Map<Integer, List<String>> ops = new LinkedHashMap<>();
        ops.put(1, List.of("cmd-cap-do", "cmd-cap-haspol"));
        ops.put(2, List.of("cmd-cap-do"));
        for (int op : haspol) {
            ops.put(op, List.of("cmd-cap-dump", "cmd-cap-haspol"));
        }
        return new Nlctrl.Family(0x30, "fam", 1, 0, 2, ops, Map.of());
    }

    static NetlinkMessage reply(String attr, Map<String, ?> value) {
        byte[] b = MessageBuilder.of(Nlctrl.SCHEMA, "getpolicy").type(Netlink.GENL_ID_CTRL)
                .attr("family-id", 0x30).attr(attr, value).build().toByteArray();
        return Nlctrl.marshal().parse(b).getFirst();
    }

    static List<NetlinkMessage> dump(boolean withDumpOnlyOp) {
        List<NetlinkMessage> l = new ArrayList<>();
        l.add(reply("op-policy", Map.of("1", Map.of("do", 0))));
        if (withDumpOnlyOp) {
            l.add(reply("op-policy", Map.of("0", Map.of("dump", 2))));        // the kernel's key for dump-only ops
        }
        l.add(reply("policy", Map.of("0", Map.of("1", Map.of("type", "nested", "policy-idx", 1, "policy-maxtype", 1)))));
        l.add(reply("policy", Map.of("0", Map.of("2", Map.of("type", "u32", "min-value-u", 1, "max-value-u", 8)))));
        l.add(reply("policy", Map.of("1", Map.of("1", Map.of("type", "u32", "min-value-u", 0, "max-value-u", 0xffffffffL)))));
        l.add(reply("policy", Map.of("2", Map.of("5", Map.of("type", "nul-string", "max-length", 15)))));
        return l;
    }

    @Test
    void namesOperationsAndNestedPoliciesThroughTheDefinitions() {
        FamilyPolicy p = FamilyPolicy.parse(family(), FAM, dump(false), null);
        assertEquals(List.of(new FamilyPolicy.OpPolicy(1, "thing-get", 0, null)), p.ops());
        FamilyPolicy.AttrPolicy header = p.policy(0).get(1);
        assertEquals("header", header.name());
        assertEquals("nested, policy 1 (attributes up to 1)", header.describe());
        assertEquals("count", p.policy(0).get(2).name());
        assertEquals("u32, 1..8", p.policy(0).get(2).describe());
        assertEquals("dev-index", p.policy(1).get(1).name(), "policy 1 named through the header nest's set");
        assertEquals("fam", p.family());
        assertEquals(0x30, p.familyId());
        assertNull(p.op(2));
    }

    @Test
    void dumpOnlyOperationKeyedZeroTakesItsPlaceAmongTheOperationsWithAPolicy() {
        FamilyPolicy p = FamilyPolicy.parse(family(7), FAM, dump(true), null);
        assertEquals(new FamilyPolicy.OpPolicy(7, null, null, 2), p.op(7));
        assertNull(p.policy(2).get(5).name(), "op 7 has no definition: its attributes stay numbered");
        assertEquals("nul-string, length ..15", p.policy(2).get(5).describe());
    }

    @Test
    void dumpOnlyOperationStaysZeroWhenTheCountsDisagreeOrIsTheOneAskedFor() {
        FamilyPolicy p = FamilyPolicy.parse(family(7, 9), FAM, dump(true), null);
        assertEquals(new FamilyPolicy.OpPolicy(0, null, null, 2), p.op(0));
        FamilyPolicy one = FamilyPolicy.parse(family(7, 9), FAM, List.of(reply("op-policy", Map.of("0", Map.of("dump", 0)))), 9);
        assertEquals(List.of(new FamilyPolicy.OpPolicy(9, null, null, 0)), one.ops());
    }

    @Test
    void refusalsNameTheFamilyAndOperation() {
        assertEquals("policy fam: ENOENT (No such file or directory): generic netlink family 'fam' has no operation 99",
                FamilyPolicy.explain(new NetlinkException("request getpolicy", Errno.ENOENT, null), "fam", 99).getMessage());
        assertEquals("generic netlink family 'fam' is not present",
                FamilyPolicy.explain(new NetlinkException("x", Errno.ENOENT, null), "fam", null).detail());
        NetlinkException noData = FamilyPolicy.explain(new NetlinkException("x", 61, null), "fam", null);
        assertEquals("ENODATA", noData.errnoName());
        assertEquals("generic netlink family 'fam' has no attribute policy", noData.detail());
        NetlinkException other = new NetlinkException("x", Errno.EPERM, null);
        assertSame(other, FamilyPolicy.explain(other, "fam", null));
    }
}
