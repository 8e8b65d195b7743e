package io.jnetlink.generic;

import io.jnetlink.Netlink;
import io.jnetlink.message.Attributes;
import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.NetlinkMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.jnetlink.Wire.attr;
import static io.jnetlink.Wire.concat;
import static io.jnetlink.Wire.cstr;
import static io.jnetlink.Wire.genlMsg;
import static io.jnetlink.Wire.nest;
import static io.jnetlink.Wire.u16;
import static io.jnetlink.Wire.u32;
import static io.jnetlink.Wire.u64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the fuzzer found in the generic decoders, kept: each shape the kernel never sends is a clear fault. */
class GenericMalformedTest {
    private static NetlinkMessage family(byte[]... attrs) {
        return Nlctrl.marshal().parse(genlMsg(Netlink.GENL_ID_CTRL, 0, 1, 0, Nlctrl.CMD_NEWFAMILY, attrs)).getFirst();
    }

    @Test
    void anOpOrGroupWithoutItsIdIsMalformed() {
        MalformedMessageException op = assertThrows(MalformedMessageException.class, () -> Nlctrl.parse(
                family(attr(2, cstr("x")), nest(6, nest(1, attr(2, u32(0)))))));
        assertTrue(op.getMessage().contains("an nlctrl op's id is missing"), op.getMessage());
        MalformedMessageException twice = assertThrows(MalformedMessageException.class, () -> Nlctrl.parse(
                family(attr(2, cstr("x")), nest(6, nest(1, attr(1, u32(3)), attr(1, u32(4)))))));
        assertTrue(twice.getMessage().contains("an nlctrl op's id is not one number (repeated"), twice.getMessage());
        MalformedMessageException group = assertThrows(MalformedMessageException.class, () -> Nlctrl.parse(
                family(attr(2, cstr("x")), nest(7, nest(1, attr(2, u32(9)))))));
        assertTrue(group.getMessage().contains("an nlctrl mcast group has no name"), group.getMessage());
        // the same shapes, well formed, decode
        Nlctrl.Family f = Nlctrl.parse(family(attr(1, u16(30)), attr(2, cstr("x")),
                nest(6, nest(1, attr(1, u32(3)), attr(2, u32(0x10)))), nest(7, nest(1, attr(1, cstr("g")), attr(2, u32(9))))));
        assertEquals(Map.of(3, List.of("uns-admin-perm")), f.ops());
        assertEquals(Map.of("g", 9), f.groups());
    }

    @Test
    void aRepeatedPolicyLimitIsMalformed() {
        byte[] policy = genlMsg(Netlink.GENL_ID_CTRL, Netlink.NLM_F_MULTI, 1, 0, Nlctrl.CMD_GETPOLICY,
                attr(1, u16(0x10)), nest(8, nest(0, nest(1, attr(1, u32(3)), attr(4, u64(0)), attr(4, u64(1))))));
        List<NetlinkMessage> replies = Nlctrl.marshal().parse(policy);
        Nlctrl.Family fam = new Nlctrl.Family(0x10, "x", 1, 0, 0, Map.of(), Map.of());
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> FamilyPolicy.parse(fam, null, replies, null));
        assertTrue(e.getMessage().contains("min-value-u is not one number (repeated"), e.getMessage());
    }

    @Test
    void aCompactBitsetClaimingFourBillionBitsIsWalkedOnlyOverItsWords() {
        // ETHTOOL_A_BITSET_SIZE 0xffffffff with one 32-bit word: bits 0 and 5 set, the walk stops at bit 31
        byte[] bitset = concat(attr(2, u32(-1)), attr(4, u32(0x21)));
        Attributes a = Attributes.of(bitset, 0, bitset.length, EthtoolFamily.SCHEMA.attributeSet("bitset"));
        Bitset b = Bitset.parse(a, i -> null);
        assertEquals(List.of("bit 0", "bit 5"), b.values());
    }
}
