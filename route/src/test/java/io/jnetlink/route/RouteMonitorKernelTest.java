package io.jnetlink.route;

import io.jnetlink.KernelNamespace;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jnetlink.sys.Libc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RouteMonitor against the real kernel: events of a scripted sequence in order; resync repairing a cache. */
class RouteMonitorKernelTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    record Expect(String what, boolean deleted, Predicate<RtnlObject> match) {
    }

    @Test
    void receivesTheEventsOfAScriptedSequenceInOrder() throws Exception {
        try (IPRoute ip = new IPRoute(NS.spec(Netlink.NETLINK_ROUTE).build())) {
            RouteMonitor mon = ip.monitor(EnumSet.allOf(RouteMonitor.Kind.class), false);
            NS.ip("link", "add", "m0", "type", "veth", "peer", "name", "m1");
            NS.ip("link", "set", "m0", "up");
            NS.ip("addr", "add", "10.3.0.1/24", "dev", "m0");
            NS.ip("route", "add", "10.33.0.0/16", "via", "10.3.0.2", "table", "33");
            NS.ip("neigh", "add", "10.3.0.9", "lladdr", "02:00:00:00:00:09", "dev", "m0");
            NS.ip("rule", "add", "from", "10.3.0.0/24", "table", "33", "priority", "333");
            NS.ip("rule", "del", "priority", "333");
            NS.ip("neigh", "del", "10.3.0.9", "dev", "m0");
            NS.ip("route", "del", "10.33.0.0/16", "table", "33");
            NS.ip("addr", "del", "10.3.0.1/24", "dev", "m0");
            NS.ip("link", "del", "m0");

            List<Expect> script = List.of(
                    new Expect("link m0 new", false, o -> o instanceof Link l && l.name().equals("m0")),
                    new Expect("link m0 up", false, o -> o instanceof Link l && l.name().equals("m0") && l.isUp()),
                    new Expect("addr 10.3.0.1", false, o -> o instanceof Address a && Inet.format(a.local()).equals("10.3.0.1")),
                    new Expect("route 10.33/16", false, o -> o instanceof Route r && r.dstText().equals("10.33.0.0/16")
                            && r.table() == 33),
                    new Expect("neigh 10.3.0.9", false, o -> o instanceof Neighbour n && n.dst() != null
                            && Inet.format(n.dst()).equals("10.3.0.9")),
                    new Expect("rule 333", false, o -> o instanceof Rule r && r.priority() == 333),
                    new Expect("rule 333 gone", true, o -> o instanceof Rule r && r.priority() == 333),
                    new Expect("neigh gone", true, o -> o instanceof Neighbour n && n.dst() != null
                            && Inet.format(n.dst()).equals("10.3.0.9")),
                    new Expect("route gone", true, o -> o instanceof Route r && r.dstText().equals("10.33.0.0/16")),
                    new Expect("addr gone", true, o -> o instanceof Address a && Inet.format(a.local()).equals("10.3.0.1")),
                    new Expect("link m0 gone", true, o -> o instanceof Link l && l.name().equals("m0")));

            List<String> seen = new ArrayList<>();
            int next = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (next < script.size() && System.nanoTime() < deadline) {
                for (RouteMonitor.Event e : mon.next(Duration.ofMillis(500))) {
                    if (e instanceof RouteMonitor.Change c) {
                        seen.add((c.deleted() ? "del " : "new ") + c.object());
                        if (next < script.size() && script.get(next).deleted() == c.deleted()
                                && script.get(next).match().test(c.object())) {
                            next++;
                        }
                    } else {
                        throw new AssertionError("no overrun expected here: " + e);
                    }
                }
            }
            String stuck = next < script.size() ? script.get(next).what() : "";
            assertEquals(script.size(), next, () -> "stopped before '" + stuck + "'; events:\n" + String.join("\n", seen));
        }
    }

    @Test
    void resyncRepairsACacheAfterAForcedOverrun() throws Exception {
        NS.ip("link", "add", "r0", "type", "veth", "peer", "name", "r1");
        NS.ip("link", "set", "r0", "up");
        NS.ip("route", "add", "10.40.0.0/16", "dev", "r0");
        NS.ip("route", "add", "10.41.0.0/16", "dev", "r0");
        // a user-space buffer of 16 datagrams: a burst of 400 route changes overruns it
        try (IPRoute ip = new IPRoute(NS.spec(Netlink.NETLINK_ROUTE).asyncQsize(16).build())) {
            RouteMonitor mon = ip.monitor(EnumSet.of(RouteMonitor.Kind.ROUTE), true);
            Map<Object, RtnlObject> cache = new HashMap<>();
            for (RtnlObject o : mon.snapshot()) {
                cache.put(RouteMonitor.key(o), o);
            }
            assertTrue(cache.values().stream().anyMatch(o -> o instanceof Route r && r.dstText().equals("10.40.0.0/16")));

            Path batch = Files.createTempFile("routes", ".batch");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 400; i++) {
                sb.append("route add 10.50.").append(i / 250).append('.').append(i % 250).append("/32 dev r0\n");
            }
            sb.append("route del 10.40.0.0/16\n");
            Files.writeString(batch, sb);
            NS.ip("-batch", batch.toString());
            Files.delete(batch);

            int overruns = 0;
            int resynced = 0;
            long lost = 0;
            Map<Object, Integer> reported = new HashMap<>();
            long quietSince = System.nanoTime();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                List<RouteMonitor.Event> events = mon.next(Duration.ofMillis(300));
                for (RouteMonitor.Event e : events) {
                    switch (e) {
                        case RouteMonitor.Overrun o -> {
                            overruns++;
                            lost += o.overrun().lost();
                        }
                        case RouteMonitor.Change c -> {
                            if (c.resync()) {
                                resynced++;
                            }
                            reported.merge((c.deleted() ? "del " : "new ") + RouteMonitor.key(c.object()), 1, Integer::sum);
                            if (c.deleted()) {
                                cache.remove(RouteMonitor.key(c.object()));
                            } else {
                                cache.put(RouteMonitor.key(c.object()), c.object());
                            }
                        }
                    }
                }
                if (!events.isEmpty()) {
                    quietSince = System.nanoTime();
                } else if (overruns > 0 && resynced > 0 && System.nanoTime() - quietSince > Duration.ofSeconds(2).toNanos()) {
                    break;
                }
            }
            assertTrue(overruns > 0, "the burst must overrun a 16-datagram buffer");
            assertTrue(resynced > 0, "a re-dump follows the overrun");
            Map<Object, Integer> twice = new HashMap<>(reported);
            twice.values().removeIf(n -> n == 1);
            assertEquals(Map.of(), twice, "each change is reported once, notified or repaired");
            assertEquals(401, reported.keySet().stream().filter(k -> k.toString().startsWith("new ")
                    && k.toString().contains("10.50.") || k.toString().startsWith("del ")
                    && k.toString().contains("10.40.0.0/16")).count(), "the 400 routes added and the one deleted");
            assertTrue(lost > 0, "the overruns say how much was lost");

            Map<Object, RtnlObject> truth = new HashMap<>();
            for (Route r : ip.routes(RouteQuery.table(0))) {
                if (r.family() == Rtnl.AF_INET || r.family() == Rtnl.AF_INET6) {
                    truth.put(RouteMonitor.key(r), RouteMonitor.stable(r));
                }
            }
            Map<Object, RtnlObject> mine = new HashMap<>();
            cache.forEach((k, v) -> mine.put(k, RouteMonitor.stable(v)));
            assertEquals(truth.keySet(), mine.keySet());
            assertEquals(truth, mine);
            assertTrue(truth.keySet().stream().noneMatch(k -> k.toString().contains("10.40.0.0/16")));
            assertEquals(400 + 1, truth.keySet().stream().filter(k -> k.toString().contains("10.50.")
                    || k.toString().contains("10.41.0.0/16")).count());
        }
    }

    /** The real Libc, except that the first recvmmsg (when the first events have come) sleeps 20 ms first. */
    private static Libc stallingOnce() {
        Libc real = Libc.system();
        AtomicInteger calls = new AtomicInteger();
        return (Libc) Proxy.newProxyInstance(Libc.class.getClassLoader(), new Class<?>[]{Libc.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("recvmmsg") && calls.incrementAndGet() == 1) {
                        Thread.sleep(20);
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aResyncReportsEachRepairOnceAndNoNotificationTwice() throws Exception {
        NS.ip("link", "set", "lo", "up");
        // a kernel queue of about 40 events and a reader that stalls 20 ms at the storm's start: the kernel drops
        // part of the storm, and what follows the loss waits in the reader's buffer while the monitor re-dumps
        try (IPRoute ip = new IPRoute(NS.spec(Netlink.NETLINK_ROUTE).rcvbuf(16 << 10).libc(stallingOnce()).build())) {
            RouteMonitor mon = ip.monitor(EnumSet.of(RouteMonitor.Kind.ROUTE), true);
            Thread.sleep(RouteMonitor.RESYNC_INTERVAL.toMillis() + 100); // the first re-dump may run at once
            Path batch = Files.createTempFile("routes", ".batch");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 20_000; i++) {
                sb.append("route add 10.60.").append(i / 250).append('.').append(i % 250).append("/32 dev lo table 60\n");
            }
            Files.writeString(batch, sb);
            NS.ip("-batch", batch.toString());
            Files.delete(batch);

            Map<String, Integer> reported = new HashMap<>();
            int overruns = 0;
            long lost = 0;
            int notified = 0;
            boolean resynced = false;
            long quietSince = System.nanoTime();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                List<RouteMonitor.Event> events = mon.next(Duration.ofMillis(300));
                for (RouteMonitor.Event e : events) {
                    switch (e) {
                        case RouteMonitor.Overrun o -> {
                            overruns++;
                            lost += o.overrun().lost();
                        }
                        case RouteMonitor.Change c -> {
                            resynced |= c.resync();
                            if (c.object() instanceof Route r && r.table() == 60) {
                                notified += c.resync() ? 0 : 1;
                                reported.merge((c.deleted() ? "del " : "new ") + r.dstText(), 1, Integer::sum);
                            }
                        }
                    }
                }
                if (!events.isEmpty()) {
                    quietSince = System.nanoTime();
                } else if (resynced && System.nanoTime() - quietSince > Duration.ofSeconds(2).toNanos()) {
                    break;
                }
            }
            assertTrue(overruns > 0 && resynced, "the kernel dropped part of the storm and a re-dump followed");
            assertTrue(20_000 - lost > notified, "of the " + (20_000 - lost) + " notifications received (20,000 less the "
                    + lost + " lost), " + notified + " were reported: the others came before the re-dump ended and "
                    + "it had reported them");
            Map<String, Integer> twice = new HashMap<>(reported);
            twice.values().removeIf(n -> n == 1);
            assertEquals(Map.of(), twice, "each route is reported once, notified or repaired");
            assertEquals(20_000, reported.size(), "every route of the storm, and nothing else");
        }
    }

    @Test
    void aMonitorNeedsSomethingToWatchAndACacheNeedsResync() throws Exception {
        try (IPRoute ip = new IPRoute(NS.spec(Netlink.NETLINK_ROUTE).build())) {
            assertThrows(IllegalArgumentException.class, () -> ip.monitor(EnumSet.noneOf(RouteMonitor.Kind.class), false));
            RouteMonitor mon = ip.monitor(EnumSet.of(RouteMonitor.Kind.LINK), false);
            assertThrows(IllegalStateException.class, mon::snapshot);
            ip.close();
            assertThrows(NetlinkException.class, () -> mon.next(Duration.ofMillis(10)));
        }
    }
}
