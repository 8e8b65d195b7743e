package io.jnetlink.generic;

import io.jnetlink.Errno;
import io.jnetlink.KernelNamespace;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.socket.NetlinkSocketSpec;
import io.jnetlink.socket.Replies;

import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Families, groups, definitions and policies against the real kernel, in a namespace made for this class. */
class GenericNetlinkKernelTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    /** A family as {@code genl ctrl list} prints it. */
    record GenlFamily(int id, int version, Map<String, Integer> groups) {
    }

    static Map<String, GenlFamily> genl;

    @BeforeAll
    static void listWithGenl() {
        genl = parseGenl(NS.exec("genl", "ctrl", "list"));
        assertTrue(genl.containsKey("nlctrl") && genl.containsKey("ethtool"), "genl lists nlctrl and ethtool: " + genl);
    }

    /** Reads "Name: X", "ID: 0x.. Version: 0x..", and "#n: ID-0x.. name: G" lines. */
    static Map<String, GenlFamily> parseGenl(String out) {
        Map<String, GenlFamily> m = new LinkedHashMap<>();
        Pattern name = Pattern.compile("^Name: (\\S+)");
        Pattern id = Pattern.compile("ID: 0x([0-9a-f]+)\\s+Version: 0x([0-9a-f]+)");
        Pattern group = Pattern.compile("#\\d+:\\s+ID-0x([0-9a-f]+)\\s+name: (\\S+)");
        String current = null;
        int fid = -1;
        int version = -1;
        Map<String, Integer> groups = new LinkedHashMap<>();
        for (String line : (out + "\nName: end").split("\n")) {
            Matcher n = name.matcher(line.trim());
            if (n.find()) {
                if (current != null) {
                    m.put(current, new GenlFamily(fid, version, groups));
                }
                current = n.group(1);
                groups = new LinkedHashMap<>();
                continue;
            }
            Matcher i = id.matcher(line);
            if (i.find()) {
                fid = Integer.parseInt(i.group(1), 16);
                version = Integer.parseInt(i.group(2), 16);
            }
            Matcher g = group.matcher(line);
            if (g.find()) {
                groups.put(g.group(2), Integer.parseInt(g.group(1), 16));
            }
        }
        return m;
    }

    static GenericNetlink sock() throws NetlinkException {
        return new GenericNetlink(NS.spec(Netlink.NETLINK_GENERIC).build());
    }

    @Test
    void familiesResolveToTheIdsVersionsAndGroupsGenlShows() throws Exception {
        try (GenericNetlink s = sock()) {
            for (Map.Entry<String, GenlFamily> e : genl.entrySet()) {
                Nlctrl.Family f = s.family(e.getKey());
                assertEquals(e.getValue().id(), f.id(), e.getKey());
                assertEquals(e.getValue().version(), f.version(), e.getKey());
                assertEquals(e.getValue().groups(), f.groups(), e.getKey());
            }
            Set<String> listed = new TreeSet<>();
            s.families().forEach(f -> listed.add(f.name()));
            assertEquals(new TreeSet<>(genl.keySet()), listed);
        }
    }

    @Test
    void aFamilyIsAskedForOncePerSocket() throws Exception {
        try (GenericNetlink s = sock()) {
            Nlctrl.Family first = s.family("ethtool");
            assertSame(first, s.family("ethtool"), "the second lookup comes from the cache");
            s.forget("ethtool");
            Nlctrl.Family again = s.family("ethtool");
            assertNotSame(first, again, "forget() makes the next lookup ask the kernel");
            assertEquals(first, again);
        }
    }

    @Test
    void unknownFamilyIsENOENTNamingIt() throws Exception {
        try (GenericNetlink s = sock()) {
            NetlinkException e = assertThrows(NetlinkException.class, () -> s.family("no-such-family"));
            assertEquals(Errno.ENOENT, e.errno());
            assertEquals("generic netlink family 'no-such-family' is not present", e.detail());
            e = assertThrows(NetlinkException.class, () -> s.family("a-name-longer-than-fifteen-bytes"));
            assertEquals(Errno.ENOENT, e.errno(), "the kernel's EINVAL for an over-long name becomes not present");
            assertTrue(e.getMessage().contains("at most 15 bytes"), e.getMessage());
            e = assertThrows(NetlinkException.class, () -> s.message("no-such-family", "get"));
            assertEquals(Errno.ENOENT, e.errno());
            e = assertThrows(NetlinkException.class, () -> s.joinGroup("no-such-family", "events"));
            assertEquals("generic netlink family 'no-such-family' is not present", e.detail());
        }
    }

    @Test
    void groupsResolveByNameAndJoin() throws Exception {
        try (GenericNetlink s = sock()) {
            int monitor = s.joinGroup(EthtoolFamily.NAME, EthtoolFamily.MONITOR_GROUP);
            assertEquals(genl.get("ethtool").groups().get("monitor"), monitor);
            assertTrue(memberOf(s, monitor), "NETLINK_LIST_MEMBERSHIPS has the group");
            s.leaveGroup(EthtoolFamily.NAME, EthtoolFamily.MONITOR_GROUP);
            assertFalse(memberOf(s, monitor));
            assertEquals(genl.get("nlctrl").groups().get("notify"), s.groupId("nlctrl", "notify"));
        }
    }

    private static boolean memberOf(GenericNetlink s, int group) throws NetlinkException {
        byte[] words = s.socket().getsockopt(Netlink.SOL_NETLINK, Netlink.NETLINK_LIST_MEMBERSHIPS, 64);
        int byteIndex = (group - 1) / 8;
        return byteIndex < words.length && (words[byteIndex] >> ((group - 1) % 8) & 1) != 0;
    }

    @Test
    void unknownGroupIsENOENTListingTheFamilysGroups() throws Exception {
        try (GenericNetlink s = sock()) {
            NetlinkException e = assertThrows(NetlinkException.class, () -> s.joinGroup("ethtool", "no-such-group"));
            assertEquals(Errno.ENOENT, e.errno());
            assertEquals("generic netlink family 'ethtool' has no multicast group 'no-such-group' (it has [monitor])",
                    e.detail());
            e = assertThrows(NetlinkException.class, () -> s.groupId("TASKSTATS", "events"));
            assertEquals("generic netlink family 'TASKSTATS' has no multicast group 'events' (it has [])", e.detail());
        }
    }

    /** netdev's dev-get (linux/netdev.h), enough to read device indexes. */
    static final Schema NETDEV = Schema.builder("netdev", Schema.Protocol.GENETLINK, Netlink.NETLINK_GENERIC)
            .attributeSet(AttributeSet.builder("dev")
                    .attr(1, "ifindex", AttrType.U32)
                    .attr(3, "xdp-features", AttrType.U64)
                    .build())
            .message(1, "dev-get", null, "dev")
            .build();

    @Test
    void definedFamiliesDecodeByFamilyAndCommand() throws Exception {
        NS.ip("link", "add", "nd0", "type", "veth", "peer", "name", "nd1");
        try (GenericNetlink s = sock()) {
            IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> s.message("netdev", "dev-get"));
            assertTrue(none.getMessage().contains("no definitions for generic netlink family 'netdev'"), none.getMessage());
            s.family("netdev");
            s.define(NETDEV);                          // after resolution: registered at once
            assertSame(NETDEV, s.schema("netdev"));
            List<Long> indexes = new ArrayList<>();
            try (Replies r = s.dump("netdev", "dev-get", Map.of())) {
                for (NetlinkMessage m : r) {
                    assertEquals("dev-get", m.name(), "decoded through the definitions registered under netdev's id");
                    indexes.add(m.attributes().getLong("ifindex", -1));
                }
            }
            List<Long> ip = new ArrayList<>();
            for (String line : NS.ip("-o", "link", "show").split("\n")) {
                ip.add(Long.parseLong(line.substring(0, line.indexOf(':'))));
            }
            assertEquals(new TreeSet<>(ip), new TreeSet<>(indexes), "netdev lists the namespace's devices");
            Schema classic = Schema.builder("raw", Schema.Protocol.NETLINK_RAW, 0).build();
            assertThrows(IllegalArgumentException.class, () -> s.define(classic));
        }
    }

    @Test
    void onlyGenericNetlinkSpecs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GenericNetlink(NetlinkSocketSpec.builder().family(Netlink.NETLINK_ROUTE).build()));
        assertTrue(e.getMessage().contains("needs family 16"), e.getMessage());
    }

    @Test
    void nlctrlPolicyShowsGetfamilyAndTheDumpOnlyGetpolicy() throws Exception {
        try (GenericNetlink s = sock()) {
            FamilyPolicy p = s.policy("nlctrl");
            assertEquals(Netlink.GENL_ID_CTRL, p.familyId());
            FamilyPolicy.OpPolicy getfamily = p.op(Nlctrl.CMD_GETFAMILY);
            assertEquals("getfamily", getfamily.name());
            Map<Integer, FamilyPolicy.AttrPolicy> attrs = p.policy(getfamily.doPolicy());
            FamilyPolicy.AttrPolicy id = attrs.get(1);
            assertEquals("family-id", id.name());
            assertEquals("u16", id.type());
            assertEquals(0L, id.min());
            assertEquals(65535L, id.max());
            FamilyPolicy.AttrPolicy name = attrs.get(2);
            assertEquals("family-name", name.name());
            assertEquals("nul-string", name.type());
            assertEquals(15L, name.maxLength(), "GENL_NAMSIZ - 1");
            FamilyPolicy.OpPolicy getpolicy = p.op(Nlctrl.CMD_GETPOLICY);
            assertNotNull(getpolicy, "the kernel keys this dump-only op 0; it is found by its place");
            assertEquals("getpolicy", getpolicy.name());
            assertEquals(null, getpolicy.doPolicy());
            assertEquals("op", p.policy(getpolicy.dumpPolicy()).get(10).name());
        }
    }

    @Test
    void ethtoolPolicyNamesTheHeaderNestAndOneOperationCanBeAsked() throws Exception {
        try (GenericNetlink s = sock()) {
            FamilyPolicy p = s.policy(EthtoolFamily.NAME, 2);
            assertEquals(1, p.ops().size());
            FamilyPolicy.OpPolicy linkinfo = p.ops().getFirst();
            assertEquals("linkinfo-get", linkinfo.name());
            FamilyPolicy.AttrPolicy header = p.policy(linkinfo.doPolicy()).get(1);
            assertEquals("header", header.name());
            assertEquals("nested", header.type());
            Map<Integer, FamilyPolicy.AttrPolicy> h = p.policy(header.nestedPolicy());
            assertEquals("dev-index", h.get(1).name());
            assertEquals("dev-name", h.get(2).name());
            assertEquals("flags", h.get(3).name());
            assertNotNull(h.get(3).mask(), "the header flags are a masked u32");
            FamilyPolicy all = s.policy(TaskstatsFamily.NAME);
            Map<Integer, FamilyPolicy.AttrPolicy> get = all.policy(all.op(TaskstatsFamily.CMD_GET).doPolicy());
            assertEquals("pid", get.get(1).name());
            assertEquals("register-cpumask", get.get(3).name());
        }
    }

    @Test
    void policyRefusalsNameWhatIsMissing() throws Exception {
        try (GenericNetlink s = sock()) {
            NetlinkException e = assertThrows(NetlinkException.class, () -> s.policy(EthtoolFamily.NAME, 999));
            assertEquals(Errno.ENOENT, e.errno());
            assertEquals("generic netlink family 'ethtool' has no operation 999", e.detail());
            e = assertThrows(NetlinkException.class, () -> s.policy("no-such-family"));
            assertEquals("generic netlink family 'no-such-family' is not present", e.detail());
        }
    }
}
