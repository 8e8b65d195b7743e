package io.jnetlink.message;

import io.jnetlink.Netlink;

import io.jnetlink.TestCtrl;

import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.Display;
import io.jnetlink.schema.EnumDef;
import io.jnetlink.schema.RawAttribute;
import io.jnetlink.schema.Schema;
import io.jnetlink.schema.SchemaException;
import io.jnetlink.schema.StructDef;
import io.jnetlink.schema.SubMessageDef;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static io.jnetlink.Wire.attr;
import static io.jnetlink.Wire.concat;
import static io.jnetlink.Wire.cstr;
import static io.jnetlink.Wire.hex;
import static io.jnetlink.Wire.msg;
import static io.jnetlink.Wire.nest;
import static io.jnetlink.Wire.u32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Encoding with MessageBuilder and decoding through Marshal, for every attribute type. */
class CodecTest {
    static final int THING = 0x20;
    static final int SHORT_HDR = 0x21;
    static final UUID ID = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

    /** Keeps insertion order (Map.of does not). */
    @SuppressWarnings("unchecked")
    static <K, V> Map<K, V> linked(Object... kv) {
        Map<K, V> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((K) kv[i], (V) kv[i + 1]);
        }
        return m;
    }

    static final Schema S = Schema.builder("codec", Schema.Protocol.NETLINK_RAW, 0)
            .enumDef(new EnumDef("states", false, linked(0L, "down", 1L, "up", 2L, "dormant")))
            .enumDef(new EnumDef("opts", true, linked(1L, "a", 2L, "b", 8L, "d")))
            .struct(new StructDef("pair", List.of(StructDef.Member.of("a", AttrType.U16),
                    new StructDef.Member("pad", AttrType.PAD, 2, false, null, null),
                    new StructDef.Member("b", AttrType.U32, 0, true, null, null))))
            .struct(new StructDef("beta-hdr", List.of(StructDef.Member.of("id", AttrType.U32))))
            .struct(new StructDef("rtgen", List.of(StructDef.Member.of("family", AttrType.U8))))
            .struct(new StructDef("u16hdr", List.of(StructDef.Member.of("v", AttrType.U16))))
            .attributeSet(AttributeSet.builder("all")
                    .attr(1, "u8", AttrType.U8)
                    .attr(2, "u16", AttrType.U16)
                    .attr(3, "u32", AttrType.U32)
                    .attr(4, "u64", AttrType.U64)
                    .attr(5, "s8", AttrType.S8)
                    .attr(6, "s16", AttrType.S16)
                    .attr(7, "s32", AttrType.S32)
                    .attr(8, "s64", AttrType.S64)
                    .attr(9, "uint", AttrType.UINT)
                    .attr(10, "sint", AttrType.SINT)
                    .attr(11, "name", AttrType.STRING)
                    .attr(12, "mac", AttrType.BINARY, a -> a.display(Display.MAC))
                    .attr(13, "ip4", AttrType.BINARY, a -> a.display(Display.IPV4))
                    .attr(14, "ip6", AttrType.BINARY, a -> a.display(Display.IPV6))
                    .attr(15, "uuid", AttrType.BINARY, a -> a.display(Display.UUID))
                    .attr(16, "pair", AttrType.BINARY, a -> a.struct("pair"))
                    .attr(17, "words", AttrType.BINARY, a -> a.subType(AttrType.U32))
                    .attr(18, "on", AttrType.FLAG)
                    .attr(19, "bits", AttrType.BITFIELD32)
                    .nest(20, "inner", "inner")
                    .attr(21, "items", AttrType.INDEXED_ARRAY, a -> a.subType(AttrType.NEST).nested("inner"))
                    .attr(22, "nums", AttrType.INDEXED_ARRAY, a -> a.subType(AttrType.U32))
                    .attr(23, "ntv", AttrType.NEST_TYPE_VALUE, a -> a.nested("inner"))
                    .attr(24, "kind", AttrType.STRING)
                    .attr(25, "data", AttrType.SUB_MESSAGE, a -> a.subMessage("data-msg", "kind"))
                    .attr(26, "tag", AttrType.U32, a -> a.multiAttr())
                    .attr(27, "state", AttrType.U32, a -> a.enumName("states"))
                    .attr(28, "opts", AttrType.U32, a -> a.enumName("opts").enumAsFlags())
                    .attr(29, "port", AttrType.U16, a -> a.bigEndian())
                    .attr(30, "addr32", AttrType.U32, a -> a.bigEndian())
                    .attr(31, "big-uint", AttrType.UINT)
                    .attr(32, "big-sint", AttrType.SINT)
                    .attr(33, "ntv2", AttrType.NEST_TYPE_VALUE, a -> a.typeValue("policy-id", "attr-id").nested("inner"))
                    .build())
            .attributeSet(AttributeSet.builder("inner")
                    .attr(1, "x", AttrType.U32)
                    .attr(2, "label", AttrType.STRING)
                    .build())
            .attributeSet(AttributeSet.builder("alpha-attrs").attr(1, "mtu", AttrType.U32).build())
            .attributeSet(AttributeSet.builder("beta-attrs").attr(1, "name", AttrType.STRING).build())
            .subMessage(new SubMessageDef("data-msg", linked(
                    "alpha", new SubMessageDef.Format("alpha-attrs", null),
                    "beta", new SubMessageDef.Format("beta-attrs", "beta-hdr"),
                    "gamma", new SubMessageDef.Format("alpha-attrs", "u16hdr"))))
            .message(THING, "thing", null, "all")
            .message(SHORT_HDR, "short-hdr", "rtgen", "all")
            .build();

    static final Marshal MARSHAL = Marshal.classic(S);

    static MessageBuilder thing() {
        return MessageBuilder.of(S, "thing");
    }

    static NetlinkMessage decode(byte[] b) {
        List<NetlinkMessage> l = MARSHAL.parse(b);
        assertEquals(1, l.size());
        return l.getFirst();
    }

    /** Every attribute type, in wire order, as attrs(Map) takes them. */
    static Map<String, Object> everything() {
        return linked(
                "u8", 200,
                "u16", 65535,
                "u32", 0xffffffffL,
                "u64", new BigInteger("18446744073709551615"),
                "s8", -5,
                "s16", -300,
                "s32", Integer.MIN_VALUE,
                "s64", Long.MIN_VALUE,
                "uint", 7,
                "sint", -3,
                "big-uint", 1L << 40,
                "big-sint", -(1L << 40),
                "name", "eth0",
                "mac", "aa:bb:cc:dd:ee:ff",
                "ip4", "192.0.2.1",
                "ip6", "2001:db8::1",
                "uuid", ID,
                "pair", linked("a", 1, "b", 0x01020304),
                "words", List.of(1, 2, 3),
                "on", true,
                "bits", linked("value", 5, "selector", 7),
                "inner", linked("x", 1, "label", "in"),
                "items", List.of(linked("x", 1), linked("x", 2, "label", "two")),
                "nums", List.of(10, 20),
                "ntv", linked("3", linked("x", 3)),
                "kind", "beta",
                "data", linked("id", 9, "name", "b"),
                "tag", List.of(1, 2),
                "state", "up",
                "opts", List.of("a", "d"),
                "port", 0x1234,
                "addr32", 0x0a000001);
    }

    /** The same message through the fluent attr/nest API. */
    static OutgoingMessage everythingFluent() {
        return thing()
                .attr("u8", 200).attr("u16", 65535).attr("u32", 0xffffffffL)
                .attr("u64", new BigInteger("18446744073709551615"))
                .attr("s8", -5).attr("s16", -300).attr("s32", Integer.MIN_VALUE).attr("s64", Long.MIN_VALUE)
                .attr("uint", 7).attr("sint", -3).attr("big-uint", 1L << 40).attr("big-sint", -(1L << 40))
                .attr("name", "eth0")
                .attr("mac", "aa:bb:cc:dd:ee:ff")
                .attr("ip4", InetAddress.ofLiteral("192.0.2.1"))
                .attr("ip6", "2001:db8::1")
                .attr("uuid", ID.toString())
                .attr("pair", linked("a", 1, "b", 0x01020304))
                .attr("words", List.of(1, 2, 3))
                .attr("on", true)
                .attr("bits", linked("value", 5, "selector", 7))
                .nest("inner", w -> w.attr("x", 1).attr("label", "in"))
                .attr("items", List.of(linked("x", 1), linked("x", 2, "label", "two")))
                .attr("nums", List.of(10, 20))
                .attr("ntv", linked("3", linked("x", 3)))
                .attr("kind", "beta")
                .attr("data", linked("id", 9, "name", "b"))
                .attr("tag", 1).attr("tag", 2)
                .attr("state", "up")
                .attr("opts", List.of("a", "d"))
                .attr("port", 0x1234)
                .attr("addr32", "0x0a000001")
                .build();
    }

    @Test
    void everyTypeRoundTripsThroughToMap() {
        OutgoingMessage out = thing().attrs(everything()).build();
        NetlinkMessage m = decode(out.toByteArray());
        assertEquals("thing", m.name());
        assertEquals(THING, m.type());
        assertEquals(Netlink.NLM_F_REQUEST, m.flags());
        Map<String, Object> v = m.toMap();
        assertEquals(List.copyOf(everything().keySet()), List.copyOf(v.keySet()), "wire order");
        assertEquals(200L, v.get("u8"));
        assertEquals(65535L, v.get("u16"));
        assertEquals(0xffffffffL, v.get("u32"));
        assertEquals(new BigInteger("18446744073709551615"), v.get("u64"));
        assertEquals(-5L, v.get("s8"));
        assertEquals(-300L, v.get("s16"));
        assertEquals((long) Integer.MIN_VALUE, v.get("s32"));
        assertEquals(Long.MIN_VALUE, v.get("s64"));
        assertEquals(7L, v.get("uint"));
        assertEquals(-3L, v.get("sint"));
        assertEquals(1L << 40, v.get("big-uint"));
        assertEquals(-(1L << 40), v.get("big-sint"));
        assertEquals("eth0", v.get("name"));
        assertEquals("aa:bb:cc:dd:ee:ff", v.get("mac"));
        assertEquals(InetAddress.ofLiteral("192.0.2.1"), v.get("ip4"));
        assertEquals(InetAddress.ofLiteral("2001:db8::1"), v.get("ip6"));
        assertEquals(ID, v.get("uuid"));
        assertEquals(Map.of("a", 1L, "b", 0x01020304L), v.get("pair"));
        assertEquals(List.of(1L, 2L, 3L), v.get("words"));
        assertEquals(Boolean.TRUE, v.get("on"));
        assertEquals(Map.of("value", 5L, "selector", 7L), v.get("bits"));
        assertEquals(Map.of("x", 1L, "label", "in"), v.get("inner"));
        assertEquals(List.of(Map.of("x", 1L), Map.of("x", 2L, "label", "two")), v.get("items"));
        assertEquals(List.of(10L, 20L), v.get("nums"));
        assertEquals(Map.of("3", Map.of("x", 3L)), v.get("ntv"));
        assertEquals("beta", v.get("kind"));
        assertEquals(Map.of("id", 9L, "name", "b"), v.get("data"));
        assertEquals(List.of(1L, 2L), v.get("tag"));
        assertEquals("up", v.get("state"));
        assertEquals(List.of("a", "d"), v.get("opts"));
        assertEquals(0x1234L, v.get("port"));
        assertEquals(0x0a000001L, v.get("addr32"));
    }

    @Test
    void fluentAndMapBuildersGiveTheSameBytes() {
        assertEquals(hex(thing().attrs(everything()).build().toByteArray()), hex(everythingFluent().toByteArray()));
    }

    @Test
    void lazyGettersDecodeSingleAttributes() {
        Attributes a = decode(everythingFluent().toByteArray()).attributes();
        assertEquals(200, a.getLong("u8", -1));
        assertEquals(-1, a.getLong("absent-name", -1));
        assertEquals(0xffffffffL, a.getLong("u32", -1));
        assertEquals(-1L, a.getLong("u64", 0), "u64 all ones as a raw long");
        assertEquals(1L << 40, a.attribute("big-uint").asLong());
        assertEquals(0x1234, a.attribute("port").asLong(), "big-endian by definition");
        assertArrayEquals(hex("1234"), a.attribute("port").bytes());
        assertArrayEquals(hex("0a000001"), a.attribute("addr32").bytes());
        assertEquals("eth0", a.getString("name"));
        assertEquals("eth0", a.get("11"), "by number as text");
        assertEquals(11, a.attribute(11).type());
        assertTrue(a.has("on"));
        assertFalse(a.has("u8-missing"));
        assertEquals(List.of(1L, 2L), a.get("tag"));
        assertEquals(2, a.all("tag").size());
        assertEquals("up", a.get("state"));
        assertEquals(1, a.getLong("state", -1));
        Attributes inner = a.nested("inner");
        assertEquals("inner", inner.set().name());
        assertEquals(1, inner.getLong("x", -1));
        assertEquals("in", inner.getString("label"));
        assertNull(a.nested("no-such"));
        Attribute data = a.attribute("data");
        assertEquals(Attribute.F_NESTED, data.flags());
        assertEquals(Map.of("id", 9L, "name", "b"), data.value());
        assertEquals(Map.of("x", 1L, "label", "in"), a.get("inner"));
    }

    @Test
    void subMessageFormatFollowsTheSelector() {
        NetlinkMessage alpha = decode(thing().attr("kind", "alpha").attr("data", Map.of("mtu", 1500)).build().toByteArray());
        assertEquals(Map.of("kind", "alpha", "data", Map.of("mtu", 1500L)), alpha.toMap());
        NetlinkMessage viaNest = decode(thing().attr("kind", "alpha").nest("data", w -> w.attr("mtu", 1500)).build().toByteArray());
        assertArrayEquals(alpha.toByteArray(), viaNest.toByteArray());
        NetlinkMessage beta = decode(thing().attr("kind", "beta").attr("data", linked("id", 3, "name", "x")).build().toByteArray());
        assertEquals(Map.of("id", 3L, "name", "x"), beta.attributes().get("data"));
        // an unknown selector value leaves the payload as bytes
        byte[] unknownKind = msg(THING, 1, 0, 0, concat(attr(24, cstr("delta")), nest(25, attr(1, u32(5)))));
        assertArrayEquals(attr(1, u32(5)), (byte[]) decode(unknownKind).attributes().get("data"));
    }

    // ------------------------------------------------------------------ golden bytes

    /** Compares hex with spaces (for readability) to the bytes. */
    static void golden(String expected, byte[] actual) {
        assertEquals(expected.replace(" ", ""), hex(actual));
    }

    @Test
    void goldenBytesForScalarsStringNestFlagAndBigEndian() {
        byte[] b = thing().attr("name", "abcd").attr("u8", 200).nest("inner", w -> w.attr("x", 7)).attr("on", true)
                .attr("port", 0x1234).build().toByteArray();
        golden("3c000000 2000 0100 00000000 00000000"
                + "0900 0b00 61626364 00 000000"      // 4 chars + NUL = 5 bytes: nla_len 9, 3 bytes padding
                + "0500 0100 c8 000000"               // u8: nla_len 5, padded to 8
                + "0c00 1480 0800 0100 07000000"      // nest 20 | NLA_F_NESTED 0x8000
                + "0400 1200"                         // flag: header only
                + "0600 1d00 1234 0000",               // big-endian u16
                b);
        assertEquals(Map.of("name", "abcd", "u8", 200L, "inner", Map.of("x", 7L), "on", true, "port", 0x1234L),
                decode(b).toMap());
    }

    @Test
    void goldenBytesForArraysMultiAttrNestTypeValueAndSubMessage() {
        byte[] b = thing().attr("kind", "alpha").attr("data", Map.of("mtu", 1500)).attr("tag", List.of(1, 2))
                .attr("nums", List.of(10, 20)).attr("ntv", Map.of("3", Map.of("x", 3))).build().toByteArray();
        golden("5c000000 2000 0100 00000000 00000000"
                + "0a00 1800 616c706861 00 0000"                       // "alpha\0": nla_len 10
                + "0c00 1980 0800 0100 dc050000"                       // sub-message 25 | NESTED, mtu 1500
                + "0800 1a00 01000000 0800 1a00 02000000"              // multi-attr: one attribute per value
                + "1400 1680 0800 0100 0a000000 0800 0200 14000000"    // indexed-array: elements 1, 2
                + "1000 1780 0c00 0380 0800 0100 03000000",            // nest-type-value: type 3 holds the nest
                b);
    }

    @Test
    void twoLevelNestTypeValueAsTheKernelsPolicyDumpSendsIt() {
        Map<String, Object> value = linked("0", linked("1", linked("x", 5)),
                "2", linked("3", linked("x", 6), "4", linked("label", "a")));
        byte[] b = thing().attr("ntv2", value).build().toByteArray();
        golden("40000000 2000 0100 00000000 00000000"
                + "3000 2180"                                          // ntv2 (33) | NESTED
                + "1000 0080 0c00 0180 0800 0100 05000000"             // key 0 -> key 1 -> {x: 5}
                + "1c00 0280 0c00 0380 0800 0100 06000000"             // key 2 -> key 3 -> {x: 6}
                + "0c00 0480 0600 0200 6100 0000",                     //       -> key 4 -> {label: "a"}
                b);
        NetlinkMessage m = decode(b);
        assertEquals(Map.of("ntv2", Map.of("0", Map.of("1", Map.of("x", 5L)),
                "2", Map.of("3", Map.of("x", 6L), "4", Map.of("label", "a")))), m.toMap());
        assertArrayEquals(b, thing().attrs(m.toMap()).build().toByteArray(), "decoded map re-encodes byte for byte");
        assertEquals(List.of("policy-id", "attr-id"), S.attributeSet("all").byName("ntv2").typeValue());
        assertEquals(1, S.attributeSet("all").byName("ntv").typeValueLevels(), "no type-value: one level");
    }

    @Test
    void twoLevelNestTypeValueFaults() {
        byte[] b = thing().attr("ntv2", linked("0", linked("1", linked("x", 5)))).build().toByteArray();
        b[24] = 0x20;                                           // the inner key-1 nest claims 32 bytes of its 12
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> decode(b), "found at the door");
        assertTrue(e.getMessage().contains("past its parent"), e.getMessage());
        refused("'ntv2'", w -> w.attr("ntv2", linked("0", 5)));
        refused("maps", w -> w.attr("ntv2", linked("0", 5)));
        refused("nests", w -> w.attr("ntv2", linked("0", linked("1", 5))));
    }

    @Test
    void goldenBytesForIntegerWidths() {
        byte[] b = thing().attr("uint", 7).attr("big-uint", 1L << 40).attr("sint", -1).attr("s16", -2)
                .attr("u64", 1).build().toByteArray();
        golden("40000000 2000 0100 00000000 00000000"
                + "0800 0900 07000000"                 // uint that fits: 4 bytes
                + "0c00 1f00 0000000000010000"         // uint above 32 bits: 8 bytes
                + "0800 0a00 ffffffff"                 // sint -1: 4 bytes
                + "0600 0600 feff 0000"                // s16 -2
                + "0c00 0400 0100000000000000",        // u64
                b);
    }

    @Test
    void fixedHeaderIsPaddedBeforeTheAttributes() {
        byte[] b = MessageBuilder.of(S, "short-hdr").header("family", 2).attr("u32", 5).build().toByteArray();
        golden("1c000000 2100 0100 00000000 00000000 02 000000 0800 0300 05000000", b);
        NetlinkMessage m = decode(b);
        assertEquals(2, m.headerField("family"));
        assertEquals(Map.of("family", 2L, "u32", 5L), m.toMap());
    }

    @Test
    void subMessageFixedHeaderIsPaddedBeforeItsAttributes() {
        byte[] b = thing().attr("kind", "gamma").attr("data", linked("v", 5, "mtu", 9)).build().toByteArray();
        golden("2c000000 2000 0100 00000000 00000000"
                + "0a00 1800 67616d6d61 00 0000"                // "gamma\0"
                + "1000 1980 0500 0000 0800 0100 09000000",     // 2-byte header padded to 4, as the kernel's NLA_ALIGN(sizeof hdr)
                b);
        assertEquals(Map.of("v", 5L, "mtu", 9L), decode(b).attributes().get("data"));
    }

    // ------------------------------------------------------------------ unknown attributes

    @Test
    void unknownAttributesComeBackRawAndReEncodeByteForByte() {
        byte[] original = msg(THING, Netlink.NLM_F_REQUEST, 0, 0, concat(
                attr(11, cstr("x")),
                attr(99, hex("deadbeef01")),
                attr(100 | Attribute.F_NESTED, attr(1, u32(4))),
                nest(20, attr(1, u32(1)), attr(5, hex("0102")))));
        NetlinkMessage m = decode(original);
        Map<String, Object> v = m.toMap();
        assertEquals(new RawAttribute(99, 0, hex("deadbeef01")), v.get("99"));
        assertEquals(new RawAttribute(100, Attribute.F_NESTED, attr(1, u32(4))), v.get("100"));
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) v.get("inner");
        assertEquals(new RawAttribute(5, 0, hex("0102")), inner.get("5"));
        Attribute raw = m.attributes().attribute(99);
        assertNull(raw.definition());
        assertEquals("99", raw.name());
        assertEquals(5, raw.length());

        assertEquals(hex(original), hex(thing().attrs(v).build().toByteArray()));
    }

    @Test
    void messageWithoutDefinitionReEncodesThroughRaw() {
        byte[] original = msg(0x30, Netlink.NLM_F_REQUEST, 0, 0, concat(attr(1, hex("aa")), attr(2 | Attribute.F_NESTED, attr(1, u32(9)))));
        NetlinkMessage m = decode(original);
        assertNull(m.definition());
        assertEquals("type 48", m.name());
        Map<String, Object> v = m.toMap();
        assertEquals(List.of("1", "2"), List.copyOf(v.keySet()));
        assertEquals(hex(original), hex(MessageBuilder.raw(0x30).attrs(v).build().toByteArray()));
    }

    @Test
    void everyDecodedValueReEncodesByteForByte() {
        byte[] original = everythingFluent().toByteArray();
        Map<String, Object> decoded = decode(original).toMap();
        assertEquals(hex(original), hex(thing().attrs(decoded).build().toByteArray()));
    }

    @Test
    void repeatedAttributesBecomeAListAndReEncode() {
        byte[] original = msg(THING, Netlink.NLM_F_REQUEST, 0, 0, concat(
                attr(3, u32(1)), attr(3, u32(2)), nest(20, attr(1, u32(3)), attr(1, u32(4)))));
        Map<String, Object> v = decode(original).toMap();
        assertEquals(List.of(1L, 2L), v.get("u32"));
        assertEquals(Map.of("x", List.of(3L, 4L)), v.get("inner"));
        assertEquals(hex(original), hex(thing().attrs(v).build().toByteArray()));
    }

    // ------------------------------------------------------------------ encode errors

    static void refused(String fragment, Consumer<MessageBuilder> build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> build.accept(thing()));
        assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' lacks " + fragment);
    }

    @Test
    void encodeErrorsNameTheAttribute() {
        refused("'u8'", b -> b.attr("u8", 300));
        refused("300 is out of range for u8", b -> b.attr("u8", 300));
        refused("'s8'", b -> b.attr("s8", 128));
        refused("'u32'", b -> b.attr("u32", -1));
        refused("has no attribute 'nope'", b -> b.attr("nope", 1));
        refused("has no attribute 'nope'", b -> b.attrs(Map.of("nope", 1)));
        refused("attribute set 'inner' has no attribute 'nope'", b -> b.attr("inner", Map.of("nope", 1)));
        refused("attribute set 'inner' has no attribute 'nope'", b -> b.nest("inner", w -> w.attr("nope", 1)));
        refused("'ip4'", b -> b.attr("ip4", "300.1.2.3"));
        refused("not an IP address", b -> b.attr("ip4", "not-an-ip"));
        refused("'mac'", b -> b.attr("mac", "aa:zz:cc:dd:ee:ff"));
        refused("not a link-layer address", b -> b.attr("mac", "aa:zz:cc:dd:ee:ff"));
        refused("'state'", b -> b.attr("state", "sideways"));
        refused("sideways", b -> b.attr("state", "sideways"));
        refused("'opts'", b -> b.attr("opts", List.of("a", "zz")));
        refused("'name'", b -> b.attr("name", List.of("x")));
        refused("'inner'", b -> b.attr("inner", 5));
        refused("'data'", b -> b.attr("data", Map.of("mtu", 1)));   // no selector written before it
        refused("'u16'", b -> b.nest("u16", w -> { }));
    }

    @Test
    void buildRequiresKnownMessageAndGenlFamilyId() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MessageBuilder.of(S, "nothing"));
        assertTrue(e.getMessage().contains("'nothing'"), e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> MessageBuilder.of(TestCtrl.SCHEMA, "getfamily").build());
        assertTrue(s.getMessage().contains("getfamily"), s.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MessageBuilder.of(S, "short-hdr").header("nope", 1));
        assertThrows(IllegalArgumentException.class, () -> MessageBuilder.raw(0x10000));
        assertEquals(0xffff, MessageBuilder.raw(0xffff).build().type());
        assertThrows(IllegalArgumentException.class, () -> MessageBuilder.of(TestCtrl.SCHEMA, "getfamily").command(256));
        assertThrows(IllegalArgumentException.class, () -> MessageBuilder.of(TestCtrl.SCHEMA, "getfamily").version(-1));
    }

    // ------------------------------------------------------------------ schema references

    static void dangling(String fragment, Consumer<Schema.Builder> add) {
        Schema.Builder b = Schema.builder("bad", Schema.Protocol.NETLINK_RAW, 0)
                .attributeSet(AttributeSet.builder("ok").attr(1, "kind", AttrType.STRING).build());
        add.accept(b);
        SchemaException e = assertThrows(SchemaException.class, b::build);
        assertTrue(e.getMessage().contains("schema 'bad'"), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' lacks " + fragment);
    }

    @Test
    void schemaBuildRefusesDanglingReferences() {
        dangling("attribute set 's', attribute 'n': nested-attributes 'missing' is not defined",
                b -> b.attributeSet(AttributeSet.builder("s").nest(1, "n", "missing").build()));
        dangling("attribute set 's', attribute 'st': struct 'missing' is not defined",
                b -> b.attributeSet(AttributeSet.builder("s").attr(1, "st", AttrType.BINARY, a -> a.struct("missing")).build()));
        dangling("attribute set 's', attribute 'e': enum 'missing' is not defined",
                b -> b.attributeSet(AttributeSet.builder("s").attr(1, "e", AttrType.U32, a -> a.enumName("missing")).build()));
        dangling("attribute set 's', attribute 'sm': sub-message 'missing' is not defined",
                b -> b.attributeSet(AttributeSet.builder("s").attr(1, "kind", AttrType.STRING)
                        .attr(2, "sm", AttrType.SUB_MESSAGE, a -> a.subMessage("missing", "kind")).build()));
        dangling("sub-message 'fm', format 'f': attribute-set 'missing' is not defined",
                b -> b.subMessage(new SubMessageDef("fm", Map.of("f", new SubMessageDef.Format("missing", null))))
                        .attributeSet(AttributeSet.builder("s").attr(1, "kind", AttrType.STRING)
                                .attr(2, "sm", AttrType.SUB_MESSAGE, a -> a.subMessage("fm", "kind")).build()));
        dangling("attribute set 's', attribute 'ia': indexed-array needs a sub-type",
                b -> b.attributeSet(AttributeSet.builder("s").attr(1, "ia", AttrType.INDEXED_ARRAY).build()));
        dangling("attribute set 's', attribute 'n': type-value is only for nest-type-value",
                b -> b.attributeSet(AttributeSet.builder("s").attr(1, "n", AttrType.U32, a -> a.typeValue("id")).build()));
        dangling("message 'm': attribute-set 'missing' is not defined", b -> b.message(16, "m", null, "missing"));
        dangling("message 'm': fixed-header 'missing' is not defined", b -> b.message(16, "m", "missing", "ok"));
    }

    @Test
    void attributeSetRefusesDuplicates() {
        SchemaException e = assertThrows(SchemaException.class,
                () -> AttributeSet.builder("s").attr(1, "a", AttrType.U8).attr(1, "b", AttrType.U8).build());
        assertTrue(e.getMessage().contains("attribute set 's': number 1"), e.getMessage());
        e = assertThrows(SchemaException.class,
                () -> AttributeSet.builder("s").attr(1, "a", AttrType.U8).attr(2, "a", AttrType.U8).build());
        assertTrue(e.getMessage().contains("attribute name 'a' is used twice"), e.getMessage());
    }

    @Test
    void structMembersNamedByTheirEnum() {
        Schema s = Schema.builder("hdr", Schema.Protocol.NETLINK_RAW, 0)
                .enumDef(new EnumDef("states", false, linked(0L, "down", 1L, "up")))
                .enumDef(new EnumDef("opts", true, linked(1L, "a", 2L, "b")))
                .struct(new StructDef("h", List.of(
                        new StructDef.Member("state", AttrType.U8, 0, false, null, "states"),
                        new StructDef.Member("pad", AttrType.PAD, 3, false, null, null),
                        new StructDef.Member("opts", AttrType.U32, 0, false, null, "opts", true, null),
                        new StructDef.Member("other", AttrType.U8, 0, false, null, "states"))))
                .attributeSet(AttributeSet.builder("none").build())
                .message(THING, "m", "h", "none")
                .build();
        byte[] b = MessageBuilder.of(s, "m").header("state", "up").header("opts", List.of("a", "b"))
                .header("other", 7).build().toByteArray();
        NetlinkMessage m = Marshal.classic(s).parse(b).getFirst();
        assertEquals("up", m.header().get("state"));
        assertEquals(List.of("a", "b"), m.header().get("opts"));
        assertEquals(7L, m.header().get("other"), "a value the enum does not name stays a number");
        assertEquals(1L, m.headerField("state"));
        SchemaException e = assertThrows(SchemaException.class, () -> Schema.builder("x", Schema.Protocol.NETLINK_RAW, 0)
                .struct(new StructDef("h", List.of(new StructDef.Member("st", AttrType.U8, 0, false, null, "missing"))))
                .build());
        assertEquals("schema 'x': struct 'h', member 'st': enum 'missing' is not defined", e.getMessage());
    }
    @Test
    void aStructPrefixDecodesTheMembersThatFit() {
        Schema s = Schema.builder("pre", Schema.Protocol.NETLINK_RAW, 0)
                .struct(new StructDef("info", List.of(StructDef.Member.of("a", AttrType.U8),
                        new StructDef.Member("pad", AttrType.PAD, 3, false, null, null),
                        StructDef.Member.of("b", AttrType.U32), StructDef.Member.of("c", AttrType.U64))))
                .attributeSet(AttributeSet.builder("s").attr(1, "grows", AttrType.BINARY, d -> d.structPrefix("info"))
                        .attr(2, "fixed", AttrType.BINARY, d -> d.struct("info")).build())
                .message(THING, "m", null, "s")
                .build();
        Marshal marshal = Marshal.classic(s);
        // an older kernel's 6 bytes: a whole, b cut short (absent), c absent
        Attributes m = marshal.parse(msg(THING, 0, 0, 0, attr(1, hex("07000000 0900"))))
                .getFirst().attributes();
        assertEquals(linked("a", 7L), m.get("grows"));
        assertEquals(linked("a", 7L, "b", 9L, "c", 0L), marshal.parse(msg(THING, 0, 0, 0,
                attr(1, hex("07000000 09000000 00000000 00000000 ffff")))).getFirst().attributes().get("grows"),
                "a newer kernel's longer struct: the members known, the rest ignored");
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> marshal.parse(msg(THING, 0, 0, 0, attr(2, hex("07000000 0900")))));
        assertTrue(e.getMessage().contains("struct info needs 16 bytes"), e.getMessage());
    }

    @Test
    void aVariantIsChosenByAFixedHeaderField() {
        Schema s = Schema.builder("var", Schema.Protocol.NETLINK_RAW, 0)
                .struct(new StructDef("h", List.of(StructDef.Member.of("family", AttrType.U8),
                        new StructDef.Member("pad", AttrType.PAD, 3, false, null, null))))
                .attributeSet(AttributeSet.builder("plain").attr(1, "spec", AttrType.U32).build())
                .attributeSet(AttributeSet.builder("other").attr(1, "spec", AttrType.STRING).build())
                .message(THING, "m", "h", "plain")
                .variant(THING, "family", 7, "m-seven", "h", "other")
                .build();
        Marshal marshal = Marshal.classic(s);
        byte[] plain = msg(THING, 0, 0, 0, concat(hex("02000000"), attr(1, u32(5))));
        byte[] seven = msg(THING, 0, 0, 0, concat(hex("07000000"), attr(1, cstr("abc"))));
        assertEquals(5L, marshal.parse(plain).getFirst().attributes().get("spec"));
        assertEquals("abc", marshal.parse(seven).getFirst().attributes().get("spec"));
        assertEquals("m-seven", marshal.parse(seven).getFirst().definition().name());
        // the variant encodes too, by its name
        assertArrayEquals(msg(THING, Netlink.NLM_F_REQUEST, 0, 0, concat(hex("07000000"), attr(1, cstr("abc")))),
                MessageBuilder.of(s, "m-seven").header("family", 7).attr("spec", "abc").build().toByteArray());
        // a message too short to hold the field keeps the main definition (and the door check reports it)
        assertThrows(MalformedMessageException.class, () -> marshal.parse(msg(THING, 0, 0, 0, new byte[0])));
        SchemaException e = assertThrows(SchemaException.class, () -> Schema.builder("x", Schema.Protocol.NETLINK_RAW, 0)
                .struct(new StructDef("h", List.of(StructDef.Member.of("family", AttrType.U8))))
                .attributeSet(AttributeSet.builder("plain").build())
                .message(THING, "m", "h", "plain")
                .variant(THING, "nope", 7, "m-seven", "h", "plain")
                .build());
        assertTrue(e.getMessage().contains("no fixed-header field 'nope'"), e.getMessage());
    }

    @Test
    void aStructArrayIsAListOfStructsPackedBackToBack() {
        Schema s = Schema.builder("arr", Schema.Protocol.NETLINK_RAW, 0)
                .struct(new StructDef("grp", List.of(StructDef.Member.of("id", AttrType.U32),
                        StructDef.Member.of("weight", AttrType.U8), StructDef.Member.of("hi", AttrType.U8),
                        StructDef.Member.of("resvd", AttrType.U16))))
                .attributeSet(AttributeSet.builder("a").attr(2, "group", AttrType.BINARY, d -> d.structArray("grp"))
                        .build())
                .message(THING, "m", null, "a")
                .build();
        byte[] b = MessageBuilder.of(s, "m").attr("group", List.of(linked("id", 1, "weight", 0),
                linked("id", 2, "weight", 4, "hi", 1))).build().toByteArray();
        assertArrayEquals(msg(THING, Netlink.NLM_F_REQUEST, 0, 0, attr(2, hex("01000000 00000000 02000000 04010000"))), b);
        NetlinkMessage m = Marshal.classic(s).parse(b).getFirst();
        assertEquals(List.of(linked("id", 1L, "weight", 0L, "hi", 0L, "resvd", 0L),
                linked("id", 2L, "weight", 4L, "hi", 1L, "resvd", 0L)), m.attributes().get("group"));
        byte[] torn = msg(THING, 0, 0, 0, attr(2, hex("01000000 000000")));
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> Marshal.classic(s).parse(torn).getFirst().attributes().get("group"));
        assertTrue(e.getMessage().contains("7 bytes is not a whole number of 8-byte grp"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> MessageBuilder.of(s, "m").attr("group", linked("id", 1)));
        assertTrue(bad.getMessage().contains("list of maps"), bad.getMessage());
    }
    @Test
    void anUnterminatedStringIsSentWithoutItsNulAndReadAsAnyOther() {
        Schema s = Schema.builder("str", Schema.Protocol.NETLINK_RAW, 0)
                .attributeSet(AttributeSet.builder("a").attr(1, "kind", AttrType.STRING, d -> d.unterminated())
                        .attr(2, "name", AttrType.STRING).build())
                .message(THING, "m", null, "a")
                .build();
        byte[] b = MessageBuilder.of(s, "m").attr("kind", "vlan").attr("name", "vlan").build().toByteArray();
        assertArrayEquals(msg(THING, Netlink.NLM_F_REQUEST, 0, 0, concat(attr(1, hex("766c616e")),
                attr(2, hex("766c616e00")))), b);
        NetlinkMessage m = Marshal.classic(s).parse(b).getFirst();
        assertEquals("vlan", m.attributes().get("kind"));
        assertEquals("vlan", m.attributes().get("name"));
    }
}
