package io.jnetlink.message;

import io.jnetlink.Wire;

import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.Display;
import io.jnetlink.schema.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Control messages read as maps, and link-layer address text refused when it is not one. */
class EdgeValuesTest {

    @Test
    void controlMessagesHaveAnErrorAndNoAttributes() {
        byte[] request = Wire.msg(0x10, 1, 7, 4242, Wire.genl(3, 1));
        NetlinkMessage ack = Marshal.generic().parse(Wire.ack(7, 4242, request)).get(0);
        assertEquals(Map.of("error", 0L), ack.toMap());
        assertEquals(0, ack.error());
        assertTrue(ack.attributes().toMap().isEmpty());
        NetlinkMessage done = Marshal.generic().parse(Wire.done(0x202, 7, 4242, -22)).get(0);
        assertEquals(-22, done.error());
        assertEquals(Map.of("error", -22L), done.toMap());
    }

    private static final Schema S = Schema.builder("edge", Schema.Protocol.NETLINK_RAW, 0)
            .attributeSet(AttributeSet.builder("a").attr(1, "mac", AttrType.BINARY, b -> b.display(Display.MAC)).build())
            .message(0x10, "m", null, "a")
            .build();

    @Test
    void linkLayerAddressText() {
        byte[] ok = MessageBuilder.of(S, "m").attr("mac", "0a:1B:c-d").build().toByteArray();
        assertArrayEquals(new byte[]{0x0a, 0x1b, 0x0c, 0x0d}, java.util.Arrays.copyOfRange(ok, 20, 24));
        for (String bad : List.of("1ff:00", "aa::bb", "zz:00", "", "aa:")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MessageBuilder.of(S, "m").attr("mac", bad));
            assertTrue(e.getMessage().contains("'mac'") && e.getMessage().contains("not a link-layer address"), e.getMessage());
        }
    }
}
