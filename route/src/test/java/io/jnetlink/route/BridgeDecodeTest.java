package io.jnetlink.route;

import io.jnetlink.KernelNamespace;
import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.MessageBuilder;
import io.jnetlink.message.NetlinkMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decoding what this kernel cannot send (it is built without bridge VLAN filtering): VLAN database messages are
 * made here through the definitions and read both by jnetlink and by {@code bridge monitor file}, which prints any
 * RTM_NEWVLAN it is given as {@code bridge -d vlan show} does; they must agree. Malformed bytes raise
 * {@link MalformedMessageException} only.
 */
class BridgeDecodeTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    static final Marshal MARSHAL = Marshal.classic(Rtnl.SCHEMA);

    static Map<String, Object> entry(int flags, int vid, Integer range, int state) {
        Map<String, Object> e = new java.util.LinkedHashMap<>();
        e.put("info", Map.of("flags", flags, "vid", vid));
        if (range != null) {
            e.put("range", range);
        }
        e.put("state", state);
        return e;
    }

    @Test
    void vlanDatabaseEntriesReadAsBridgeReadsThem() throws Exception {
        NS.ip("link", "add", "w0", "type", "veth", "peer", "name", "w1");
        int w0 = Integer.parseInt(NS.ip("-o", "link", "show", "w0").split(":")[0]);
        byte[] msg = MessageBuilder.of(Rtnl.SCHEMA, "newvlan").header("family", Rtnl.AF_BRIDGE).header("ifindex", w0)
                .attr("entry", List.of(entry(BridgeVlan.PVID | BridgeVlan.UNTAGGED, 10, null, 3),
                        entry(0, 20, 22, 4), entry(BridgeVlan.UNTAGGED, 30, null, 2)))
                .build().toByteArray();
        List<BridgeVlan> mine = BridgeVlan.fromVlanDb(MARSHAL.parse(msg).getFirst());
        assertEquals(List.of(new BridgeVlan(w0, 10, 10, 6, 3, null), new BridgeVlan(w0, 20, 22, 0, 4, null),
                new BridgeVlan(w0, 30, 30, 4, 2, null)), mine);

        Path f = Files.createTempFile("jnl-vlan", ".nl");
        try {
            Files.write(f, msg);
            String text = NS.exec("bridge", "monitor", "file", f.toString());
            // "w0                10 PVID Egress Untagged" / "   state forwarding", a range as "20-22"
            Pattern vlan = Pattern.compile("^(\\S+)?\\s+(\\d+)(?:-(\\d+))?( PVID)?( Egress Untagged)?\\s*$");
            Pattern state = Pattern.compile("^\\s+state (\\S+)\\s*$");
            List<String> theirs = new ArrayList<>();
            String current = null;
            for (String line : text.split("\n")) {
                Matcher v = vlan.matcher(line);
                Matcher s = state.matcher(line);
                if (s.matches()) {
                    theirs.add(current + " " + s.group(1));
                } else if (v.matches()) {
                    if (v.group(1) != null) {
                        assertEquals("w0", v.group(1), text);
                    }
                    current = v.group(2) + "-" + (v.group(3) != null ? v.group(3) : v.group(2))
                            + (v.group(4) != null ? " pvid" : "") + (v.group(5) != null ? " untagged" : "");
                }
            }
            List<String> ours = mine.stream().map(b -> b.vid() + "-" + b.vidEnd() + (b.isPvid() ? " pvid" : "")
                    + (b.isUntagged() ? " untagged" : "") + " " + b.stateName()).toList();
            assertEquals(theirs, ours, text);
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @Test
    void linkVlanInfoJoinsRanges() {
        byte[] msg = MessageBuilder.of(Rtnl.SCHEMA, "setlink-bridge").header("ifi-family", Rtnl.AF_BRIDGE)
                .header("ifi-index", 6)
                .nest("af-spec", w -> w.attr("vlan-info", Map.of("flags", 6, "vid", 1))
                        .attr("vlan-info", Map.of("flags", BridgeVlan.RANGE_BEGIN | 4, "vid", 20))
                        .attr("vlan-info", Map.of("flags", BridgeVlan.RANGE_END | 4, "vid", 22))
                        .attr("vlan-info", Map.of("flags", 0, "vid", 30)))
                .build().toByteArray();
        msg[4] = (byte) Rtnl.RTM_NEWLINK; // as the kernel answers a dump
        List<BridgeVlan> v = BridgeVlan.fromLink(MARSHAL.parse(msg).getFirst());
        assertEquals(List.of(new BridgeVlan(6, 1, 1, 6, null, null), new BridgeVlan(6, 20, 22, 4, null, null),
                new BridgeVlan(6, 30, 30, 0, null, null)), v);
        assertEquals(List.of("pvid", "untagged"), v.getFirst().flagNames());
    }

    @Test
    void malformedBytesRaiseMalformedMessageExceptionOnly() {
        // a VLAN info of 2 bytes inside IFLA_AF_SPEC
        byte[] shortInfo = MessageBuilder.of(Rtnl.SCHEMA, "setlink-bridge").header("ifi-family", Rtnl.AF_BRIDGE)
                .nest("af-spec", w -> w.raw(2, new byte[] {6, 0})).build().toByteArray();
        shortInfo[4] = (byte) Rtnl.RTM_NEWLINK;
        // the door check knows the AF_BRIDGE variant of RTM_NEWLINK: the message is refused before anyone decodes it
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> MARSHAL.parse(shortInfo));
        assertTrue(e.getMessage().contains("bridge-vlan-info"), e.getMessage());
        // a VLAN database entry without its info
        byte[] noInfo = MessageBuilder.of(Rtnl.SCHEMA, "newvlan").header("family", Rtnl.AF_BRIDGE)
                .attr("entry", List.of(Map.of("state", 3))).build().toByteArray();
        NetlinkMessage n = MARSHAL.parse(noInfo).getFirst();
        assertThrows(MalformedMessageException.class, () -> BridgeVlan.fromVlanDb(n));
        // a nexthop group of 7 bytes, and a gateway of 3
        byte[] group = MessageBuilder.of(Rtnl.SCHEMA, "newnexthop").attr("id", 9).raw(2, new byte[7])
                .build().toByteArray();
        MalformedMessageException g = assertThrows(MalformedMessageException.class,
                () -> Nexthop.from(MARSHAL.parse(group).getFirst()));
        assertTrue(g.getMessage().contains("7 bytes is not a whole number of 8-byte nexthop-grp"), g.getMessage());
        byte[] gw = MessageBuilder.of(Rtnl.SCHEMA, "newnexthop").attr("id", 9).raw(6, new byte[3])
                .build().toByteArray();
        assertThrows(MalformedMessageException.class, () -> Nexthop.from(MARSHAL.parse(gw).getFirst()));
        // an fdb entry whose destination is 5 bytes
        byte[] dst = MessageBuilder.of(Rtnl.SCHEMA, "newneigh").header("ndm-family", Rtnl.AF_BRIDGE)
                .raw(1, new byte[5]).build().toByteArray();
        assertThrows(MalformedMessageException.class, () -> FdbEntry.from(MARSHAL.parse(dst).getFirst()));
        // a truncated u32 (NHA_OIF of 2 bytes)
        byte[] oif = MessageBuilder.of(Rtnl.SCHEMA, "newnexthop").attr("id", 9).raw(5, new byte[2])
                .build().toByteArray();
        assertThrows(MalformedMessageException.class, () -> Nexthop.from(MARSHAL.parse(oif).getFirst()));
    }

    @Test
    void nexthopGroupWeightsUseTheHighByte() {
        ByteArrayOutputStream grp = new ByteArrayOutputStream();
        grp.writeBytes(new byte[] {1, 0, 0, 0, 0, 0, 0, 0});          // id 1, weight 1
        grp.writeBytes(new byte[] {2, 0, 0, 0, (byte) 0xe7, 3, 0, 0}); // id 2, weight 0x3e7 + 1 = 1000
        byte[] m = MessageBuilder.of(Rtnl.SCHEMA, "newnexthop").header("nh-family", 0).attr("id", 7)
                .raw(2, grp.toByteArray()).attr("group-type", "resilient")
                .attr("res-group", Map.of("buckets", 16, "idle-timer", 150L, "unbalanced-timer", 0L,
                        "unbalanced-time", 7L))
                .build().toByteArray();
        Nexthop n = Nexthop.from(MARSHAL.parse(m).getFirst());
        assertEquals(List.of(new Nexthop.Member(1, 1), new Nexthop.Member(2, 1000)), n.group());
        assertEquals(Nexthop.GROUP_RESILIENT, n.groupType());
        assertEquals(new Nexthop.Resilient(16, 150, 0, 7), n.resilient());
        // the codec reads the same array through the definitions
        assertEquals(List.of(Map.of("id", 1L, "weight", 0L, "weight-high", 0L, "resvd2", 0L),
                Map.of("id", 2L, "weight", 0xe7L, "weight-high", 3L, "resvd2", 0L)),
                MARSHAL.parse(m).getFirst().attributes().get("group"));
    }
}
