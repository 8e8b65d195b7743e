package io.jnetlink.netfilter;

import io.jnetlink.KernelNamespace;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ConntrackMonitor against the real kernel: the events of changes made by conntrack-tools and by jnetlink arrive in
 * order, typed; a forced overrun is reported in stream order and repaired by a re-dump.
 */
class ConntrackMonitorKernelTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    private static Conntrack open(int asyncQsize) throws NetlinkException {
        return new Conntrack(NS.spec(Netlink.NETLINK_NETFILTER).asyncQsize(asyncQsize).build());
    }

    /** A socket with a tiny kernel queue (8 KiB, doubled by the kernel) and a user-space buffer of 16 datagrams. */
    private static Conntrack tiny() throws NetlinkException {
        return new Conntrack(NS.spec(Netlink.NETLINK_NETFILTER).rcvbuf(8192).asyncQsize(16).build());
    }

    record Expect(String what, ConntrackMonitor.Type type, Predicate<ConntrackEntry> match) {
    }

    @Test
    void eventsOfAScriptedSequenceArriveInOrder() throws Exception {
        ConntrackTool.run(NS, "-F");
        try (Conntrack ct = open(262144); Conntrack other = open(262144)) {
            ConntrackMonitor mon = ct.monitor(EnumSet.allOf(ConntrackMonitor.Type.class), false);
            String[] a = {"-p", "tcp", "-s", "10.5.0.1", "-d", "10.5.0.2", "--sport", "7", "--dport", "8"};
            ConntrackTool.ok(NS, concat(concat(new String[] {"-I"}, a), new String[] {"--state", "SYN_SENT", "-t", "100"}));
            ConntrackTool.ok(NS, concat(new String[] {"-U", "-m", "3"}, a));
            ConntrackTuple b = ConntrackTuple.udp("2001:db8::5", 53, "2001:db8::6", 5353);
            other.create(ConntrackRequest.of(b).timeout(60).mark(4));
            ConntrackTool.ok(NS, concat(new String[] {"-D"}, a));
            other.delete(b, 0);

            Predicate<ConntrackEntry> isA = e -> e.original().equals(ConntrackTuple.tcp("10.5.0.1", 7, "10.5.0.2", 8));
            Predicate<ConntrackEntry> isB = e -> e.original().equals(b);
            List<Expect> script = List.of(
                    new Expect("new A", ConntrackMonitor.Type.NEW, e -> isA.test(e) && "SYN_SENT".equals(e.stateName())),
                    new Expect("mark A", ConntrackMonitor.Type.UPDATE, e -> isA.test(e) && e.mark() == 3),
                    new Expect("new B", ConntrackMonitor.Type.NEW, e -> isB.test(e) && e.mark() == 4),
                    new Expect("destroy A", ConntrackMonitor.Type.DESTROY, isA),
                    new Expect("destroy B", ConntrackMonitor.Type.DESTROY, isB));
            List<ConntrackMonitor.Change> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (seen.size() < script.size() && System.nanoTime() < deadline) {
                for (ConntrackMonitor.Event e : mon.next(Duration.ofMillis(300))) {
                    if (e instanceof ConntrackMonitor.Change c) {
                        seen.add(c);
                    } else {
                        throw new AssertionError("no overrun expected here: " + e);
                    }
                }
            }
            assertEquals(script.size(), seen.size(), seen::toString);
            for (int i = 0; i < script.size(); i++) {
                Expect x = script.get(i);
                ConntrackMonitor.Change c = seen.get(i);
                assertEquals(x.type(), c.type(), x.what() + ": " + c);
                assertTrue(x.match().test(c.entry()), x.what() + ": " + c);
                assertFalse(c.resync());
                assertNotEquals(0, c.origin(), "made by a request: " + c);
            }
            assertEquals(other.socket().port(), seen.get(2).origin(), "B was made through the other socket");
            assertTrue(seen.get(0).entry().timeout() <= 100);
            assertEquals(null, seen.get(1).entry().use(), "an event carries no use count");
        }
    }

    private static String[] concat(String[] x, String[] y) {
        String[] out = java.util.Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
    }

    @Test
    void aForcedOverrunIsReportedAndRepairedByAResync() throws Exception {
        ConntrackTool.run(NS, "-F");
        // every entry reports its destruction, also those made before anyone listened
        NS.exec("sysctl", "-q", "-w", "net.netfilter.nf_conntrack_events=1");
        try (Conntrack maker = open(262144)) {
            for (int i = 0; i < 50; i++) {
                maker.create(ConntrackRequest.of(ConntrackTuple.tcp("10.6.0.1", 1000 + i, "10.6.0.2", 80)).timeout(600)
                        .state("ESTABLISHED"));
            }
            // tiny buffers and a consumer that does not read while 400 events come
            try (Conntrack ct = tiny()) {
                ConntrackMonitor mon = ct.monitor(EnumSet.allOf(ConntrackMonitor.Type.class), true);
                Map<ConntrackMonitor.Key, ConntrackEntry> cache = new HashMap<>();
                mon.snapshot().forEach(e -> cache.put(ConntrackMonitor.Key.of(e), e));
                assertEquals(50, cache.size());

                for (int i = 0; i < 400; i++) {
                    maker.create(ConntrackRequest.of(ConntrackTuple.udp("10.7." + (i / 250) + "." + (i % 250), 5000,
                            "10.7.255.1", 53)).timeout(600));
                }
                for (int i = 0; i < 20; i++) {
                    maker.delete(ConntrackTuple.tcp("10.6.0.1", 1000 + i, "10.6.0.2", 80), 0);
                }
                ConntrackTool.ok(NS, "-U", "-p", "tcp", "-s", "10.6.0.1", "-d", "10.6.0.2", "--sport", "1049",
                        "--dport", "80", "-m", "77");

                int overruns = 0;
                int resynced = 0;
                long quietSince = System.nanoTime();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < deadline) {
                    List<ConntrackMonitor.Event> events = mon.next(Duration.ofMillis(300));
                    for (ConntrackMonitor.Event e : events) {
                        switch (e) {
                            case ConntrackMonitor.Overrun o -> {
                                overruns++;
                                assertTrue(o.overrun().queueDrops() > 0 || o.overrun().kernelDrops() > 0, o.toString());
                            }
                            case ConntrackMonitor.Change c -> {
                                if (c.resync()) {
                                    resynced++;
                                    assertTrue(overruns > 0, "a resync change comes after the overrun: " + c);
                                }
                                ConntrackMonitor.Key k = ConntrackMonitor.Key.of(c.entry());
                                switch (c.type()) {
                                    case NEW -> cache.put(k, c.entry());
                                    case UPDATE -> cache.merge(k, c.entry(), ConntrackEntry::updatedBy);
                                    case DESTROY -> cache.remove(k);
                                }
                            }
                        }
                    }
                    if (!events.isEmpty()) {
                        quietSince = System.nanoTime();
                    } else if (overruns > 0 && resynced > 0
                            && System.nanoTime() - quietSince > Duration.ofSeconds(2).toNanos()) {
                        break;
                    }
                }
                assertTrue(overruns > 0, "400 events must overrun the tiny buffers");
                assertTrue(resynced > 0, "a re-dump follows the overrun");

                Map<ConntrackMonitor.Key, ConntrackEntry> truth = new HashMap<>();
                ct.entries(ConntrackQuery.all(), e -> truth.put(ConntrackMonitor.Key.of(e), e));
                assertEquals(50 - 20 + 400, truth.size());
                assertEquals(truth.keySet(), cache.keySet());
                for (Map.Entry<ConntrackMonitor.Key, ConntrackEntry> e : truth.entrySet()) {
                    assertFalse(ConntrackMonitor.changed(cache.get(e.getKey()), e.getValue()),
                            () -> "cached " + cache.get(e.getKey()) + " vs " + e.getValue());
                }
                assertEquals(77L, cache.get(ConntrackMonitor.Key.of(ct.get(ConntrackTuple.tcp("10.6.0.1", 1049,
                        "10.6.0.2", 80)))).mark());
                assertEquals(truth.keySet(), new HashMap<>(toMap(mon.snapshot())).keySet());
            }
        } finally {
            NS.exec("sysctl", "-q", "-w", "net.netfilter.nf_conntrack_events=2");
        }
    }

    private static Map<ConntrackMonitor.Key, ConntrackEntry> toMap(List<ConntrackEntry> l) {
        Map<ConntrackMonitor.Key, ConntrackEntry> m = new HashMap<>();
        l.forEach(e -> m.put(ConntrackMonitor.Key.of(e), e));
        return m;
    }

    @Test
    void aMonitorNeedsATypeAndACacheNeedsResync() throws Exception {
        try (Conntrack ct = open(262144)) {
            assertThrows(IllegalArgumentException.class, () -> ct.monitor(EnumSet.noneOf(ConntrackMonitor.Type.class),
                    false));
            ConntrackMonitor mon = ct.monitor(EnumSet.of(ConntrackMonitor.Type.DESTROY), false);
            assertEquals(EnumSet.of(ConntrackMonitor.Type.DESTROY), mon.types());
            assertThrows(IllegalStateException.class, mon::snapshot);
            ct.close();
            assertThrows(NetlinkException.class, () -> mon.next(Duration.ofMillis(10)));
        }
    }
}
