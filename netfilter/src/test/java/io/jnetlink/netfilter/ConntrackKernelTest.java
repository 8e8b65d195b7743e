package io.jnetlink.netfilter;

import io.jnetlink.Errno;
import io.jnetlink.KernelNamespace;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.route.Rtnl;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conntrack against the real kernel and conntrack-tools in a namespace: every operation's result compared with what
 * {@code conntrack} shows, entry by entry and field by field.
 */
class ConntrackKernelTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    /** The entries every test starts from, made by conntrack -I (no traffic). */
    static final List<List<String>> TABLE = List.of(
            List.of("-p", "tcp", "-s", "10.0.0.1", "-d", "10.0.0.2", "--sport", "1000", "--dport", "80",
                    "--state", "ESTABLISHED", "-u", "SEEN_REPLY,ASSURED", "-t", "300", "-m", "5"),
            List.of("-p", "tcp", "-s", "10.0.0.1", "-d", "10.0.0.3", "--sport", "1001", "--dport", "443",
                    "--state", "SYN_SENT", "-t", "200", "-m", "6"),
            List.of("-p", "udp", "-s", "10.0.0.4", "-d", "10.0.0.2", "--sport", "53", "--dport", "5353",
                    "-t", "250", "-m", "261"),
            List.of("-p", "icmp", "-s", "10.0.0.1", "-d", "10.0.0.9", "--icmp-type", "8", "--icmp-code", "0",
                    "--icmp-id", "77", "-t", "240"),
            List.of("-p", "tcp", "-s", "2001:db8::1", "-d", "2001:db8::2", "--sport", "1", "--dport", "2",
                    "--state", "TIME_WAIT", "-t", "220", "--zone", "7"),
            List.of("-p", "udp", "-s", "2001:db8::3", "-d", "2001:db8::2", "--sport", "5000", "--dport", "5353",
                    "-t", "230"),
            List.of("-p", "icmpv6", "-s", "2001:db8::1", "-d", "2001:db8::9", "--icmpv6-type", "128",
                    "--icmpv6-code", "0", "--icmpv6-id", "9", "-t", "210"),
            List.of("-p", "tcp", "-s", "10.0.0.1", "-d", "10.0.0.2", "--sport", "1000", "--dport", "80",
                    "--state", "CLOSE", "-t", "290", "--zone", "7"));

    @BeforeEach
    void fill() {
        ConntrackTool.run(NS, "-F");
        for (List<String> e : TABLE) {
            List<String> args = new java.util.ArrayList<>(List.of("-I"));
            args.addAll(e);
            ConntrackTool.ok(NS, args.toArray(String[]::new));
        }
    }

    private static Conntrack open() throws NetlinkException {
        return new Conntrack(NS.spec(Netlink.NETLINK_NETFILTER).build());
    }

    private static Map<String, Map<String, String>> mine(List<ConntrackEntry> entries) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (ConntrackEntry e : entries) {
            out.put(Long.toString(e.id()), ConntrackTool.fields(e));
        }
        return out;
    }

    private static Map<String, Map<String, String>> stable(Map<String, Map<String, String>> m) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, ConntrackTool.stable(v)));
        return out;
    }

    @Test
    void everyEntryFieldByFieldAsConntrackListsIt() throws Exception {
        try (Conntrack ct = open()) {
            List<ConntrackEntry> entries = ct.entries();
            Map<String, Map<String, String>> oracle = ConntrackTool.list(NS);
            assertEquals(TABLE.size(), oracle.size(), oracle.toString());
            assertEquals(stable(oracle), stable(mine(entries)));
            for (ConntrackEntry e : entries) {
                long theirs = Long.parseLong(oracle.get(Long.toString(e.id())).get("timeout"));
                assertTrue(Math.abs(theirs - e.timeout()) <= 3, e + " timeout " + e.timeout() + " vs " + theirs);
                assertTrue(e.has(Ctnetlink.IPS_CONFIRMED), e.toString());
                assertTrue(e.use() != null && e.use() >= 1, e.toString());
            }
            ConntrackEntry v6 = entries.stream().filter(e -> e.family() == Rtnl.AF_INET6
                    && e.protocol() == ConntrackTuple.TCP).findFirst().orElseThrow();
            assertEquals(7, v6.zone());
            assertEquals("TIME_WAIT", v6.stateName());
            assertEquals(ConntrackTuple.tcp("2001:db8::1", 1, "2001:db8::2", 2), v6.original());
            assertEquals(ConntrackTuple.tcp("2001:db8::2", 2, "2001:db8::1", 1), v6.reply());
            ConntrackEntry ping = entries.stream().filter(e -> e.protocol() == ConntrackTuple.ICMP).findFirst()
                    .orElseThrow();
            assertEquals(ConntrackTuple.icmp("10.0.0.1", "10.0.0.9", 8, 0, 77), ping.original());
            assertEquals(ConntrackTuple.icmp("10.0.0.9", "10.0.0.1", 0, 0, 77), ping.reply());
            assertEquals(ping.original().inverse(), ping.reply());
        }
    }

    @Test
    void kernelFiltersSelectWhatConntrackSelects() throws Exception {
        record Case(ConntrackQuery query, String... options) {
        }
        List<Case> cases = List.of(
                new Case(ConntrackQuery.all().family(Rtnl.AF_INET6), "-f", "ipv6"),
                new Case(ConntrackQuery.all().family(Rtnl.AF_INET), "-f", "ipv4"),
                new Case(ConntrackQuery.all().protocol(ConntrackTuple.TCP), "-p", "tcp"),
                new Case(ConntrackQuery.all().protocol(ConntrackTuple.UDP).dstPort(5353), "-p", "udp", "--dport", "5353"),
                new Case(ConntrackQuery.all().protocol(ConntrackTuple.TCP).srcPort(1000), "-p", "tcp", "--sport", "1000"),
                new Case(ConntrackQuery.all().src("10.0.0.1"), "-s", "10.0.0.1"),
                new Case(ConntrackQuery.all().dst("10.0.0.2"), "-d", "10.0.0.2"),
                new Case(ConntrackQuery.all().src("2001:db8::1"), "-s", "2001:db8::1"),
                new Case(ConntrackQuery.all().dst("2001:db8::2").protocol(ConntrackTuple.UDP), "-d", "2001:db8::2",
                        "-p", "udp"),
                new Case(ConntrackQuery.all().replySrc("10.0.0.2"), "-r", "10.0.0.2"),
                new Case(ConntrackQuery.all().replyDst("2001:db8::1"), "-q", "2001:db8::1"),
                new Case(ConntrackQuery.all().mark(5), "-m", "5"),
                new Case(ConntrackQuery.all().mark(5, 0xff), "-m", "5/0xff"),
                new Case(ConntrackQuery.all().zone(7), "--zone", "7"),
                new Case(ConntrackQuery.all().status(Ctnetlink.IPS_ASSURED), "-u", "ASSURED"),
                new Case(ConntrackQuery.all().family(Rtnl.AF_INET).protocol(ConntrackTuple.ICMP), "-f", "ipv4",
                        "-p", "icmp"),
                new Case(ConntrackQuery.all().protocol(ConntrackTuple.ICMPV6), "-p", "icmpv6"));
        try (Conntrack ct = open()) {
            List<ConntrackEntry> all = ct.entries();
            for (Case c : cases) {
                Set<String> theirs = ConntrackTool.list(NS, c.options()).keySet();
                Set<String> kernel = ids(ct.entries(c.query()));
                Set<String> user = ids(all.stream().filter(c.query()::test).toList());
                assertEquals(theirs, kernel, c.query() + " in the kernel, against conntrack -L "
                        + String.join(" ", c.options()));
                assertEquals(theirs, user, c.query() + " in user space (test)");
                assertFalse(theirs.isEmpty(), c.query() + " selects something");
                assertTrue(theirs.size() < all.size(), c.query() + " leaves something out");
            }
        }
    }

    private static Set<String> ids(List<ConntrackEntry> l) {
        return l.stream().map(e -> Long.toString(e.id())).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void getFindsTheEntryConntrackGets() throws Exception {
        try (Conntrack ct = open()) {
            ConntrackEntry e = ct.get(ConntrackTuple.tcp("10.0.0.1", 1000, "10.0.0.2", 80));
            Map<String, String> theirs = ConntrackTool.parse(ConntrackTool.ok(NS, "-G", "-p", "tcp", "-s", "10.0.0.1",
                    "-d", "10.0.0.2", "--sport", "1000", "--dport", "80", "-o", "extended,id").strip());
            assertEquals(ConntrackTool.stable(theirs), ConntrackTool.stable(ConntrackTool.fields(e)));
            assertEquals(5L, e.mark());
            assertEquals(0, e.zone());

            ConntrackEntry z = ct.get(ConntrackTuple.tcp("10.0.0.1", 1000, "10.0.0.2", 80), 7);
            assertEquals(7, z.zone());
            assertEquals("CLOSE", z.stateName());
            assertTrue(e.id() != z.id());

            ConntrackEntry ping6 = ct.get(ConntrackTuple.icmp("2001:db8::1", "2001:db8::9", 128, 0, 9));
            assertEquals(ConntrackTuple.ICMPV6, ping6.protocol());
            assertEquals(129, ping6.reply().icmpType());
        }
    }

    @Test
    void createMakesWhatConntrackThenShows() throws Exception {
        try (Conntrack ct = open()) {
            ConntrackTuple t = ConntrackTuple.tcp("10.1.0.1", 40000, "10.1.0.2", 22);
            ct.create(ConntrackRequest.of(t).timeout(120).state("ESTABLISHED").status("SEEN_REPLY,ASSURED").mark(9)
                    .zone(3));
            ct.create(ConntrackRequest.of(ConntrackTuple.udp("2001:db8::7", 123, "2001:db8::8", 123)).timeout(60));
            ct.create(ConntrackRequest.of(ConntrackTuple.icmp("10.1.0.1", "10.1.0.3", 13, 0, 5)).timeout(30));
            ct.create(ConntrackRequest.of(ConntrackTuple.tcp("10.1.0.5", 1, "10.1.0.6", 2))
                    .reply(ConntrackTuple.tcp("192.0.2.6", 2, "10.1.0.5", 1)).timeout(100).state("SYN_SENT"));

            Map<String, Map<String, String>> oracle = ConntrackTool.list(NS);
            assertEquals(TABLE.size() + 4, oracle.size());
            assertEquals(stable(oracle), stable(mine(ct.entries())));
            Map<String, Map<String, String>> zone3 = ConntrackTool.list(NS, "--zone", "3");
            assertEquals(1, zone3.size());
            Map<String, String> made = zone3.values().iterator().next();
            assertEquals("40000", made.get("orig.sport"));
            assertEquals("ESTABLISHED", made.get("state"));
            assertEquals("9", made.get("mark"));
            assertEquals("3", made.get("zone"));
            assertEquals("yes", made.get("assured"));
            assertTrue(Long.parseLong(made.get("timeout")) <= 120);
            Map<String, String> nat = ConntrackTool.parse(ConntrackTool.ok(NS, "-G", "-p", "tcp", "-s", "10.1.0.5",
                    "-d", "10.1.0.6", "--sport", "1", "--dport", "2", "-o", "extended").strip());
            assertEquals("192.0.2.6", nat.get("reply.src"));
        }
    }

    @Test
    void deleteRemovesOneEntryAndFlushWhatTheQuerySelects() throws Exception {
        try (Conntrack ct = open()) {
            ConntrackTuple t = ConntrackTuple.tcp("10.0.0.1", 1000, "10.0.0.2", 80);
            ConntrackEntry zoned = ct.get(t, 7);
            ct.delete(t, 0);
            assertEquals(1, ConntrackTool.run(NS, "-G", "-p", "tcp", "-s", "10.0.0.1", "-d", "10.0.0.2", "--sport",
                    "1000", "--dport", "80").status());
            assertEquals(zoned.id(), ct.get(t, 7).id(), "the zone 7 entry stays");
            ct.delete(zoned);
            assertEquals(TABLE.size() - 2, ConntrackTool.list(NS).size());

            // delete(entry) names the entry by id too: another id with the same tuple is not it
            ConntrackEntry udp = ct.get(ConntrackTuple.udp("10.0.0.4", 53, "10.0.0.2", 5353));
            ConntrackEntry other = new ConntrackEntry(udp.family(), udp.original(), udp.reply(), udp.status(),
                    udp.timeout(), udp.mark(), udp.zone(), udp.id() ^ 1, udp.use(), udp.state(), null, null, null, null,
                    null, null, null);
            NetlinkException stale = assertThrows(NetlinkException.class, () -> ct.delete(other));
            assertEquals(Errno.ENOENT, stale.errno());
            assertEquals(udp.id(), ct.get(udp.original()).id());
            ct.delete(udp);
            assertTrue(ct.entries(ConntrackQuery.all().protocol(ConntrackTuple.UDP).srcPort(53)).isEmpty());

            ct.flush(ConntrackQuery.all().mark(6));
            assertTrue(ConntrackTool.list(NS, "-m", "6").isEmpty());
            ct.flush(ConntrackQuery.all().family(Rtnl.AF_INET6));
            assertTrue(ConntrackTool.list(NS, "-f", "ipv6").isEmpty());
            assertFalse(ConntrackTool.list(NS, "-f", "ipv4").isEmpty());
            assertEquals(Long.parseLong(ConntrackTool.ok(NS, "-C").strip()), ct.count());
            ct.flush(ConntrackQuery.all().protocol(ConntrackTuple.ICMP));
            assertTrue(ConntrackTool.list(NS, "-p", "icmp").isEmpty());
            ct.flush();
            assertEquals(0, ct.count());
            assertEquals("0", ConntrackTool.ok(NS, "-C").strip());
        }
    }

    @Test
    void countIsConntrackCount() throws Exception {
        try (Conntrack ct = open()) {
            assertEquals(TABLE.size(), ct.count());
            assertEquals(Long.parseLong(ConntrackTool.ok(NS, "-C").strip()), ct.count());
        }
    }

    @Test
    void kernelRefusalsAreNamedAfterTheOperation() throws Exception {
        try (Conntrack ct = open()) {
            ConntrackTuple t = ConntrackTuple.tcp("10.0.0.1", 1000, "10.0.0.2", 80);
            NetlinkException dup = assertThrows(NetlinkException.class,
                    () -> ct.create(ConntrackRequest.of(t).timeout(10)));
            assertEquals(Errno.EEXIST, dup.errno());
            assertEquals("conntrack create tcp src=10.0.0.1 dst=10.0.0.2 sport=1000 dport=80: EEXIST (File exists)",
                    dup.getMessage());

            ConntrackTuple missing = ConntrackTuple.udp("10.9.9.9", 1, "10.9.9.8", 2);
            NetlinkException get = assertThrows(NetlinkException.class, () -> ct.get(missing));
            assertEquals("conntrack get udp src=10.9.9.9 dst=10.9.9.8 sport=1 dport=2: ENOENT (No such file or "
                    + "directory): no such entry", get.getMessage());
            NetlinkException del = assertThrows(NetlinkException.class, () -> ct.delete(missing, 0));
            assertEquals(Errno.ENOENT, del.errno());
            assertTrue(del.getMessage().startsWith("conntrack delete udp src=10.9.9.9"), del.getMessage());

            // the reply tuple of another entry: the kernel finds the clash
            NetlinkException clash = assertThrows(NetlinkException.class, () -> ct.create(
                    ConntrackRequest.of(ConntrackTuple.tcp("10.0.0.7", 7, "10.0.0.8", 8)).reply(t.inverse())
                            .timeout(10)));
            assertEquals(Errno.EEXIST, clash.errno());
            assertTrue(clash.getMessage().startsWith("conntrack create tcp src=10.0.0.7"), clash.getMessage());
            assertEquals(TABLE.size(), ct.count());
        }
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsSent() throws Exception {
        try (Conntrack ct = open()) {
            Map<String, Map<String, String>> before = stable(ConntrackTool.list(NS));
            ConntrackTuple t = ConntrackTuple.tcp("10.2.0.1", 1, "10.2.0.2", 2);
            List<Executable> bad = List.of(
                    () -> ct.create(ConntrackRequest.of(t)),                                 // no timeout
                    () -> ct.create(ConntrackRequest.of(t).timeout(5)
                            .reply(ConntrackTuple.udp("10.2.0.2", 2, "10.2.0.1", 1))),       // reply of another protocol
                    () -> ct.create(ConntrackRequest.of(ConntrackTuple.udp("10.2.0.1", 1, "10.2.0.2", 2)).timeout(5)
                            .state("ESTABLISHED")),                                          // a TCP state on UDP
                    () -> ct.create(ConntrackRequest.of(new ConntrackTuple(t.src(), t.dst(), ConntrackTuple.TCP,
                            null, 2, null, null, null)).timeout(5)),                         // a port missing
                    () -> ct.create(ConntrackRequest.of(new ConntrackTuple(t.src(),
                            java.net.InetAddress.ofLiteral("2001:db8::1"), 6, 1, 2, null, null, null)).timeout(5)),
                    () -> ct.get(new ConntrackTuple(t.src(), t.dst(), ConntrackTuple.TCP, 1, 70000, null, null, null)),
                    () -> ct.get(t, 70000),
                    () -> ct.delete(new ConntrackTuple(t.src(), t.dst(), ConntrackTuple.ICMP, null, null, 3, 0, 1), 0),
                    () -> ct.entries(ConntrackQuery.all().dstPort(80)),                      // a port without tcp/udp
                    () -> ct.entries(ConntrackQuery.all().family(Rtnl.AF_INET6).src("10.0.0.1")),
                    () -> ct.flush(ConntrackQuery.all().protocol(ConntrackTuple.ICMP).srcPort(1)),
                    () -> ConntrackTuple.tcp("10.0.0.1", 1, "nohost", 2),
                    () -> ConntrackTuple.icmp("10.0.0.1", "10.0.0.2", 3, 1, 1),             // not tracked by itself
                    () -> ConntrackQuery.all().mark(0x100, 0xff),
                    () -> ConntrackQuery.all().status(0, 0),
                    () -> ConntrackRequest.of(t).state("ESTABLISHED_NOT"),
                    () -> ConntrackRequest.of(t).status("ASSURED,WHAT"),
                    () -> ConntrackTuple.parseProtocol("tcpx"),
                    () -> ct.monitor(Set.of(), false));
            for (Executable x : bad) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, x);
                assertFalse(e.getMessage() == null || e.getMessage().isBlank());
            }
            assertEquals(before, stable(ConntrackTool.list(NS)));
        }
    }
}
