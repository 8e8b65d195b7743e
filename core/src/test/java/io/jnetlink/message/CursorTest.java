package io.jnetlink.message;

import io.jnetlink.Netlink;
import io.jnetlink.TestRoute;
import io.jnetlink.Wire;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jnetlink.Wire.attr;
import static io.jnetlink.Wire.concat;
import static io.jnetlink.Wire.cstr;
import static io.jnetlink.Wire.nest;
import static io.jnetlink.Wire.u16;
import static io.jnetlink.Wire.u32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-place readers: what they show equals what the views decode, and they never show a message past a fault. */
class CursorTest {
    private static final Marshal RT = Marshal.classic(TestRoute.SCHEMA);
    private static final HeaderField FLAGS = HeaderField.of(TestRoute.SCHEMA.struct("ifinfomsg"), "flags");
    private static final HeaderField RTM_TABLE = HeaderField.of(TestRoute.SCHEMA.struct("rtmsg"), "table");

    /** A link message: ifinfomsg (index 7, flags 0x1003), ifname, mtu, address, a vxlan linkinfo with id and port. */
    static byte[] link(int seq) {
        byte[] ifinfo = Wire.buf().u8(0).u8(0).u16(1).u32(7).u32(0x1003).u32(0).build();
        byte[] linkinfo = nest(18, attr(1, cstr("vxlan")), nest(2, attr(1, u32(42)), attr(15, Wire.buf().be16(4789).build())));
        return Wire.msg(TestRoute.RTM_NEWLINK, Netlink.NLM_F_MULTI, seq, 4242, concat(ifinfo, attr(3, cstr("vx0")),
                attr(4, u32(1450)), attr(1, Wire.hex("02 00 00 00 00 2a")), linkinfo, attr(99, u16(5))));
    }

    @Test
    void aHeaderFieldIsAnIntegerMemberOfItsStruct() {
        assertThrows(IllegalArgumentException.class, () -> HeaderField.of(TestRoute.SCHEMA.struct("rtmsg"), "nope"));
        assertThrows(IllegalArgumentException.class, () -> HeaderField.of(null, "table"));
        assertEquals("rtmsg.table", RTM_TABLE.toString());
    }

    @Test
    void aCursorShowsWhatTheViewsDecode() {
        byte[] b = concat(link(1), link(2), Wire.done(Netlink.NLM_F_MULTI, 2, 4242, 0));
        List<NetlinkMessage> views = RT.parse(b);
        MessageCursor c = new MessageCursor(RT).reset(b);
        int i = 0;
        while (c.next()) {
            NetlinkMessage v = views.get(i++);
            assertEquals(v.type(), c.type());
            assertEquals(v.flags(), c.flags());
            assertEquals(v.seq(), c.seq());
            assertEquals(v.port(), c.port());
            assertEquals(v.length(), c.length());
            if (c.type() == Netlink.NLMSG_DONE) {
                assertEquals(0, c.error());
                assertFalse(c.attributes().next(), "a control message has no attributes");
                continue;
            }
            assertEquals(7, c.header("index"));
            assertEquals(0x1003, c.header("flags"));
            assertEquals(0x1003, c.header(FLAGS), "a field found once reads the same");
            IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> c.header(RTM_TABLE));
            assertTrue(other.getMessage().contains("has no header field rtmsg.table"), other.getMessage());
            NetlinkMessage kept = c.message();
            var decoded = v.toMap();
            assertEquals(decoded, kept.toMap(), "message() is the same view");
            byte[] saved = b.clone();
            java.util.Arrays.fill(b, (byte) 0); // the receive buffer reused for another datagram
            assertEquals(decoded, kept.toMap(), "message() is a copy: it outlives the buffer");
            System.arraycopy(saved, 0, b, 0, b.length);
            AttrCursor a = c.attributes();
            List<String> names = new ArrayList<>();
            while (a.next()) {
                names.add(a.name());
                switch (a.type()) {
                    case 3 -> assertEquals("vx0", a.string());
                    case 4 -> {
                        assertEquals(1450, a.u32());
                        assertEquals(1450, a.asLong());
                    }
                    case 1 -> assertEquals("02:00:00:00:00:2a", a.mac());
                    case 18 -> {
                        AttrCursor info = a.nested();
                        assertTrue(info.next());
                        assertEquals("vxlan", info.string());
                        assertTrue(info.next());
                        assertEquals(Map.of("id", 42L, "port", 4789L), info.value(), "a sub-message by its kind");
                        AttrCursor data = info.nested();
                        assertTrue(data.next());
                        assertEquals(42, data.u32());
                        assertTrue(data.next());
                        assertEquals(4789, data.u16be());
                        assertEquals(4789, data.asLong(), "the definition's byte order");
                        assertFalse(data.next());
                        assertFalse(info.next());
                    }
                    case 99 -> {
                        assertNull(a.definition());
                        assertEquals("99", a.name());
                        assertArrayEquals(u16(5), a.bytes());
                    }
                    default -> throw new AssertionError("attribute " + a.type());
                }
            }
            assertEquals(List.of("ifname", "mtu", "address", "linkinfo", "99"), names);
        }
        assertEquals(3, i);
    }

    @Test
    void addressesAndOffsetsReadInPlace() throws Exception {
        byte[] ifa = Wire.buf().u8(2).u8(24).u8(0).u8(0).u32(3).build();
        byte[] b = Wire.msg(TestRoute.RTM_NEWADDR, 0, 5, 0, concat(ifa, attr(2, Wire.hex("0a 00 00 01")),
                attr(1, Wire.hex("20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 09")), attr(3, cstr("lo:1"))));
        MessageCursor c = new MessageCursor(RT).reset(b);
        assertTrue(c.next());
        AttrCursor a = c.attributes();
        assertTrue(a.next());
        assertTrue(a.isIpv4());
        assertEquals(0x0a000001, a.ipv4());
        assertEquals(InetAddress.getByName("10.0.0.1"), a.address());
        assertTrue(a.next());
        assertFalse(a.isIpv4());
        assertThrows(MalformedMessageException.class, a::ipv4);
        assertEquals(InetAddress.getByName("2001:db8::9"), a.address());
        assertTrue(a.next());
        assertThrows(MalformedMessageException.class, a::address, "the label's 5 bytes are no address");
        assertThrows(MalformedMessageException.class, a::u64, "5 bytes read as u64");
        assertFalse(a.next());
        assertFalse(c.next());
    }

    @Test
    void aCursorStopsBeforeAFaultAndLoadReturnsIt() {
        byte[] bad = Wire.msgWithLength(100, TestRoute.RTM_NEWLINK, 0, 3, 0, new byte[8]);
        byte[] b = concat(link(1), bad);
        MessageCursor c = new MessageCursor(RT);
        MalformedMessageException f = c.load(b, 0, b.length, "x", Integer.MIN_VALUE, 0);
        assertTrue(f.getMessage().contains("message length 100 past the datagram"), f.getMessage());
        assertTrue(c.next(), "the good message before the fault");
        assertFalse(c.next(), "never the faulty one");
        assertThrows(MalformedMessageException.class, () -> c.reset(b), "reset checks and throws");
        assertThrows(IllegalStateException.class, c::type, "no current message");
    }

    @Test
    void nestingBeyondTheLimitIsMalformedNotAStackOverflow() {
        byte[] inner = attr(2, u32(1));
        for (int i = 0; i < Attributes.MAX_DEPTH + 1; i++) {
            inner = nest(18, inner);
        }
        byte[] ifinfo = new byte[16];
        byte[] b = Wire.msg(TestRoute.RTM_NEWLINK, 0, 1, 0, concat(ifinfo, inner));
        MessageCursor c = new MessageCursor(Marshal.classic(TestRoute.SCHEMA));
        c.load(b, 0, b.length, "x", 0, 0);
        c.next();
        AttrCursor a = c.attributes();
        assertThrows(MalformedMessageException.class, () -> {
            AttrCursor x = a;
            while (x.next()) {
                x = x.nested();
            }
        });
    }
}
