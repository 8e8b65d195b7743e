package io.jnetlink.generic;

import io.jnetlink.message.Marshal;
import io.jnetlink.message.MessageBuilder;
import io.jnetlink.message.NetlinkMessage;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** ethtool bitsets in both of the kernel's forms, read through LINKMODES messages. */
class BitsetTest {
    static final int ID = 0x30;

    static NetlinkMessage linkmodes(Map<String, ?> attrs) {
        Marshal m = Marshal.generic();
        m.register(ID, EthtoolFamily.SCHEMA);
        byte[] b = MessageBuilder.of(EthtoolFamily.SCHEMA, "linkmodes-ntf").type(ID).attrs(attrs).build().toByteArray();
        return m.parse(b).getFirst();
    }

    static byte[] words(int... bits) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        for (int bit : bits) {
            int at = bit / 32 * 4;
            b.putInt(at, b.getInt(at) | 1 << (bit % 32));
        }
        return b.array();
    }

    static Map<String, Object> bit(int index, String name, boolean value) {
        return value ? Map.of("index", index, "name", name, "value", true) : Map.of("index", index, "name", name);
    }

    @Test
    void verboseWithMaskListsTheMaskAndFlagsTheValues() {
        NetlinkMessage m = linkmodes(Map.of("header", Map.of("dev-index", 3, "dev-name", "eth9"),
                "ours", Map.of("size", 121, "bits", Map.of("bit", List.of(bit(3, "100baseT/Full", true),
                        bit(5, "1000baseT/Full", false), bit(6, "Autoneg", true)))),
                "peer", Map.of("nomask", true, "size", 121, "bits", Map.of("bit", List.of(bit(3, "100baseT/Full", false)))),
                "speed", 100, "duplex", 1, "autoneg", 1, "lanes", 1));
        LinkModes l = EthtoolFamily.linkModes(m, i -> "unused " + i);
        assertEquals(List.of("100baseT/Full", "1000baseT/Full", "Autoneg"), l.supported());
        assertEquals(List.of("100baseT/Full", "Autoneg"), l.advertised());
        assertEquals(List.of("100baseT/Full"), l.peer(), "without a mask every listed bit is set");
        assertEquals(100, l.speed());
        assertEquals("full", l.duplex());
        assertEquals(Boolean.TRUE, l.autoneg());
        assertEquals(1, l.lanes());
        assertEquals("eth9", l.dev());
        assertEquals(3, l.ifindex());
        assertEquals("eth9", EthtoolFamily.device(m));
    }

    @Test
    void compactBitsNamedByTheStringSetOrByNumber() {
        NetlinkMessage m = linkmodes(Map.of("ours", Map.of("size", 121, "value", words(3, 100), "mask", words(3, 5, 100)),
                "speed", 0xffffffffL, "duplex", 0xff));
        List<String> names = List.of("10baseT/Half", "10baseT/Full", "100baseT/Half", "100baseT/Full", "x", "1000baseT/Full");
        LinkModes l = EthtoolFamily.linkModes(m, i -> i < names.size() ? names.get(i) : null);
        assertEquals(List.of("100baseT/Full", "1000baseT/Full", "bit 100"), l.supported());
        assertEquals(List.of("100baseT/Full", "bit 100"), l.advertised());
        assertEquals(List.of(), l.peer(), "an absent bitset is empty");
        assertEquals(LinkModes.SPEED_UNKNOWN, l.speed());
        assertEquals("unknown", l.duplex());
        assertEquals(null, l.autoneg());
    }

    @Test
    void compactWithoutMaskAndShortWords() {
        Bitset b = Bitset.parse(linkmodes(Map.of("ours", Map.of("nomask", true, "size", 200, "value", words(1, 33))))
                .attributes().nested("ours"), i -> null);
        assertEquals(List.of("bit 1", "bit 33"), b.values(), "bits past the 16 bytes sent are clear");
        assertEquals(List.of(), b.mask());
        assertEquals(200, b.size());
        assertSame(Bitset.EMPTY, Bitset.parse(null, i -> null));
    }
}
