package io.jnetlink.ynl;

import io.jnetlink.message.Marshal;
import io.jnetlink.message.MessageBuilder;
import io.jnetlink.message.NetlinkMessage;

import io.jnetlink.schema.RawAttribute;
import io.jnetlink.schema.Schema;
import io.jnetlink.schema.SchemaException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Loading specs into the core's definitions, without the kernel: the installed specs, a feature spec, malformed ones. */
class YnlSpecTest {

    static String resource(String name) throws IOException {
        try (InputStream in = YnlSpecTest.class.getResourceAsStream("/specs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static YnlSpec features() throws IOException {
        return YnlSpec.parse(resource("features.yaml"), "features.yaml");
    }

    @Test
    void everyInstalledSpecLoads() throws IOException {
        Map<String, Path> found = SpecPath.standard().families();
        for (String needed : List.of("rt_link", "rt_addr", "rt_route", "netdev", "ethtool", "nlctrl")) {
            boolean has = found.keySet().stream().anyMatch(n -> n.replace('-', '_').equals(needed));
            assertTrue(has, "no spec for " + needed + " along " + SpecPath.standard().directories()
                    + ": install them (apt-get install linux-doc-6.12, as .ci/run does)");
        }
        for (Map.Entry<String, Path> e : found.entrySet()) {
            YnlSpec s = YnlSpec.load(e.getValue());
            assertFalse(s.operations().isEmpty(), e.getKey() + " has operations");
            assertEquals(e.getKey().replace('_', '-'), s.name().replace('_', '-'));
        }
    }

    @Test
    void idModelsAndNotifications() throws IOException {
        YnlSpec s = features();
        assertTrue(s.isGeneric());
        assertEquals(16, s.operation("get").requestValue());
        assertEquals(16, s.operation("get").replyValue());
        assertEquals(17, s.operation("small").requestValue());
        assertNull(s.operation("get-ntf").requestValue());
        assertEquals(18, s.operation("get-ntf").replyValue());
        assertEquals("get", s.operation("get-ntf").notifies());
        assertEquals("main", s.operation("get-ntf").attributeSet(), "a notification has the notified op's set");
        assertEquals("get-ntf", s.schema().message(18).name());
        assertEquals(s.operation("get").doMode().request(), s.operation("get").dumpMode().reply(), "an alias is the anchor's list");
        Map<String, Integer> groups = new LinkedHashMap<>();
        groups.put("events", null);
        assertEquals(groups, s.mcastGroups());
        assertEquals(2, s.schema().attributeSet("main-small").byName("color").id(), "subset-of keeps the main set's ids");
        assertEquals("colors", s.schema().attributeSet("main-small").byName("color").enumDef().name());

        YnlSpec rt = YnlSpec.parse(resource("rt-link-tiny.yaml"), "rt-link-tiny.yaml");
        assertEquals(18, rt.operation("getlink").requestValue());
        assertEquals(16, rt.operation("getlink").replyValue());
        assertEquals(18, rt.schema().message("getlink").value(), "requests are encoded with the request type");
        assertEquals("getlink", rt.schema().message(16).name(), "replies decode by the reply type");
    }

    @Test
    void everyFeatureRoundTripsThroughTheCoreCodec() throws IOException {
        Schema s = features().schema();
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("count", 1L << 40);
        in.put("color", "blue");
        in.put("mask", List.of("one", "two"));
        in.put("port", 8080);
        in.put("pair", Map.of("a", "green", "b", 258, "tag", new byte[] {1, 2}));
        in.put("words", List.of(1, 2, 3));
        in.put("items", List.of(Map.of("id", 1, "label", "x")));
        in.put("table", Map.of("7", Map.of("id", 2)));
        in.put("kind", "beta");
        in.put("data", Map.of("level", 3, "speed", 9));
        in.put("tag", List.of(4, 5));
        in.put("addr", "fe80::1");
        in.put("mac", "aa:bb:cc:dd:ee:ff");
        byte[] b = MessageBuilder.of(s, "get").type(0x30).attrs(in).build().toByteArray();
        Marshal m = Marshal.generic();
        m.register(0x30, s);
        NetlinkMessage msg = m.parse(b).getFirst();
        assertEquals("get", msg.name());
        Map<String, Object> out = msg.toMap();
        assertEquals(1L << 40, out.get("count"));
        assertEquals("blue", out.get("color"));
        assertEquals(List.of("one", "two"), out.get("mask"), "enum-as-flags: entries are bit numbers");
        assertEquals(6L, msg.attributes().attribute("mask").asLong());
        assertEquals(8080L, out.get("port"));
        @SuppressWarnings("unchecked")
        Map<String, Object> pair = (Map<String, Object>) out.get("pair");
        assertEquals("green", pair.get("a"), "a struct member named by its enum");
        assertEquals(258L, pair.get("b"));
        assertEquals("0102000000000000", HexFormat.of().formatHex((byte[]) pair.get("tag")), "len from a const");
        assertEquals(List.of(1L, 2L, 3L), out.get("words"));
        assertEquals(List.of(Map.of("id", 1L, "label", "x")), out.get("items"));
        assertEquals(Map.of("7", Map.of("id", 2L)), out.get("table"));
        assertEquals(Map.of("level", 3L, "speed", 9L), out.get("data"), "sub-message with fixed header and attributes");
        assertEquals(List.of(4L, 5L), out.get("tag"));
        assertEquals(InetAddress.ofLiteral("fe80::1"), out.get("addr"));
        assertEquals("aa:bb:cc:dd:ee:ff", out.get("mac"));
        // the port is big-endian on the wire
        byte[] port = msg.attributes().attribute("port").bytes();
        assertEquals("1f90", HexFormat.of().formatHex(port, port.length - 2, port.length));
    }

    @Test
    void unknownValuesAndAttributesAreKept() throws IOException {
        Schema s = features().schema();
        byte[] b = MessageBuilder.of(s, "get").type(0x30).attr("color", 99).attr("mask", 1L << 5)
                .raw(200, new byte[] {7}).build().toByteArray();
        Marshal m = Marshal.generic();
        m.register(0x30, s);
        Map<String, Object> out = m.parse(b).getFirst().toMap();
        assertEquals(99L, out.get("color"));
        assertEquals(List.of(32L), out.get("mask"));
        assertEquals(new RawAttribute(200, 0, new byte[] {7}), out.get("200"));
    }

    @Test
    void jsonRequests() {
        Map<String, Object> m = YnlFamily.parseJson("{\"header\": {\"dev-name\": \"v0\"}, \"n\": 18446744073709551615, \"l\": [1, true]}");
        assertEquals(Map.of("dev-name", "v0"), m.get("header"));
        assertEquals(new BigInteger("18446744073709551615"), m.get("n"));
        assertEquals(List.of(1, true), m.get("l"));
        assertThrows(IllegalArgumentException.class, () -> YnlFamily.parseJson("{\"a\": "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> YnlFamily.parseJson("[1]"));
        assertEquals("the request must be a JSON object, not [1]", e.getMessage());
    }

    static final String GOOD = """
            name: t
            protocol: genetlink
            definitions:
              - { name: e, type: enum, entries: [ a, b ] }
              - { name: s, type: struct, members: [ { name: x, type: u32 } ] }
            attribute-sets:
              - name: main
                attributes:
                  - { name: n, type: nest, nested-attributes: inner }
                  - { name: v, type: u32, enum: e }
                  - { name: k, type: string }
                  - { name: d, type: sub-message, sub-message: sm, selector: k }
              - name: inner
                attributes:
                  - { name: x, type: u8 }
            sub-messages:
              - { name: sm, formats: [ { value: one, attribute-set: inner } ] }
            operations:
              list:
                - { name: get, attribute-set: main, do: { request: { attributes: [ v ] } } }
            """;

    @Test
    void theBaseOfTheMalformedTableLoads() {
        assertEquals("t", YnlSpec.parse(GOOD, "t.yaml").name());
    }

    /** The "billion laughs": nine levels of nine aliases of the level below, about 650 bytes. */
    static String bomb() {
        StringBuilder sb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char p = (char) (c - 1);
            sb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                sb.append(i == 0 ? "" : ",").append('*').append(p);
            }
            sb.append("]\n");
        }
        return sb.toString();
    }

    @Test
    void malformedSpecsAreRefusedNamingFileAndKey() {
        String[][] table = {
                {"name: t\n  bad: [", "t.yaml: not valid YAML"},
                {"- just a list", "t.yaml: (top level): expected a map, found a list"},
                {GOOD.replace("name: t\n", ""), "t.yaml: (top level): 'name' is missing"},
                {GOOD.replace("protocol: genetlink", "protocol: carrier-pigeon"), "t.yaml: protocol: unknown protocol 'carrier-pigeon'"},
                {GOOD.replace("protocol: genetlink", "protocol: netlink-raw"), "t.yaml: protonum: netlink-raw needs the netlink protocol number"},
                {GOOD.replace("nested-attributes: inner", "nested-attributes: nowhere"),
                        "t.yaml: attribute-sets[main].attributes[n].nested-attributes: attribute set 'nowhere' is not defined"},
                {GOOD.replace("type: u8 }", "type: u33 }"), "t.yaml: attribute-sets[inner].attributes[x].type: unknown type 'u33'"},
                {GOOD.replace("{ name: n, type: nest, nested-attributes: inner }", "{ name: n, type: nest }"),
                        "t.yaml: attribute-sets[main].attributes[n]: nest needs nested-attributes"},
                {GOOD.replace("enum: e", "enum: f"), "t.yaml: attribute-sets[main].attributes[v].enum: enum 'f' is not defined"},
                {GOOD.replace("type: enum,", "type: enumeration,"), "t.yaml: definitions[e].type: unknown definition type 'enumeration'"},
                {GOOD.replace("type: u32 } ] }", "type: binary } ] }"), "t.yaml: definitions[s].members[x]: binary member needs a len"},
                {GOOD.replace("sub-message: sm,", "sub-message: smx,"), "t.yaml: schema 't': attribute set 'main', attribute 'd': sub-message 'smx' is not defined"},
                {GOOD.replace(", selector: k", ""), "t.yaml: attribute-sets[main].attributes[d]: 'selector' is missing"},
                {GOOD.replace("attribute-set: inner } ]", "attribute-set: gone } ]"), "t.yaml: sub-messages[sm].formats[one].attribute-set: attribute set 'gone' is not defined"},
                {GOOD.replace("{ name: get, attribute-set: main,", "{ name: get, attribute-set: mian,"),
                        "t.yaml: operations.list[get].attribute-set: attribute set 'mian' is not defined"},
                {GOOD.replace("  list:", "  enum-model: sideways\n  list:"), "t.yaml: operations.enum-model: unknown model 'sideways'"},
                {GOOD.replace("{ name: x, type: u8 }", "{ name: x, type: u8, value: 70000 }"), "t.yaml: attribute-sets[inner].attributes[x].value: 70000 is outside 0..16383"},
                {GOOD.replace("{ name: k, type: string }", "{ name: k, type: string, value: [ 1 ] }"), "t.yaml: attribute-sets[main].attributes[k].value: expected a whole number, found a list"},
                // values a cast would have wrapped (4294967297 was attribute 1), and values that are not whole
                {GOOD.replace("{ name: x, type: u8 }", "{ name: x, type: u8, value: 4294967297 }"), "t.yaml: attribute-sets[inner].attributes[x].value: 4294967297 is outside 0..16383"},
                {GOOD.replace("{ name: x, type: u8 }", "{ name: x, type: u8, value: 99999999999999999999999 }"), "t.yaml: attribute-sets[inner].attributes[x].value: expected a whole number, found '99999999999999999999999'"},
                {GOOD.replace("{ name: x, type: u8 }", "{ name: x, type: u8, value: 1.5 }"), "t.yaml: attribute-sets[inner].attributes[x].value: expected a whole number, found '1.5'"},
                {GOOD.replace("type: u32 } ] }", "type: binary, len: 70000 } ] }"), "t.yaml: definitions[s].members[x].len: 70000 is outside 0..65535"},
                // what would exhaust the loader: an alias bomb, deep nesting, a huge text
                {bomb(), "t.yaml: stands for more than 1000000 nodes once its aliases are expanded"},
                {"x: " + "[".repeat(10_000) + "]".repeat(10_000), "t.yaml: nested deeper than 64 levels"},
                {GOOD.replace("{ name: x, type: u8 }", "&loop { name: x, type: u8, more: [ *loop ] }"),
                        "t.yaml: alias *loop refers to a collection that holds it"},
                {"- " .repeat(10_000) + "x", "t.yaml: nested deeper than 64 levels"},
                {"x: '" + "a".repeat(5 << 20) + "'", "t.yaml: not valid YAML"},
                {GOOD + "    - { name: get, do: {} }\n", "t.yaml: operations.list[get]: defined twice"},
        };
        for (String[] row : table) {
            try {
                YnlSpec.parse(row[0], "t.yaml");
                fail("accepted: " + row[1]);
            } catch (SchemaException e) {
                assertTrue(e.getMessage().startsWith(row[1]), "expected '" + row[1] + "', got: " + e.getMessage());
                assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
            }
        }
    }
}
