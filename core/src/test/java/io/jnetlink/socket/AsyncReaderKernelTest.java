package io.jnetlink.socket;

import io.jnetlink.CapturingLogs;
import io.jnetlink.Errno;
import io.jnetlink.KernelNamespace;
import io.jnetlink.NetlinkException;
import io.jnetlink.TestRoute;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.MessageBuilder;
import io.jnetlink.message.NetlinkMessage;

import io.jnetlink.TestCtrl;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reader thread, burst control, overrun signal and its counts, JFR events, AsyncNetlinkSocket and poller
 * against the real kernel. The 10 000-cycle leak check runs last: the kernel and JVM are busy freeing sockets and
 * threads for a while after it. The stalled storm runs with the default spec, so with the queue a socket that joins
 * groups gets (64 MiB: about 80,000 route events, more than the storm); the other storms that must lose nothing
 * use an 8 MiB queue (rcvbuf 4 MiB, within rmem_max), five times too small to hold their storm without the reader.
 * Every storm is bounded: the writer's wait and every read have a timeout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AsyncReaderKernelTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    /** RTNLGRP_IPV4_ROUTE (7) in the bind mask. */
    static final long ROUTE_GROUP = 1L << 6;
    /** RTNLGRP_LINK (1) in the bind mask. */
    static final long LINK_GROUP = 1L;
    private static final AtomicInteger BLOCK = new AtomicInteger();

    /** Kernel queue for the storm tests: rcvbuf 4 MiB, which the kernel doubles. */
    static final int STORM_RCVBUF = 4 << 20;

    private NetlinkSocket route(NetlinkSocketSpec.Builder b) throws NetlinkException {
        return new NetlinkSocket(b.build(), Marshal.classic(TestRoute.SCHEMA));
    }

    /** A running `ip -batch` writer: its routes go to {@code table}; {@code done} ends with ip. */
    record Storm(int table, CompletableFuture<Void> done) {
        void get(long timeout, TimeUnit unit) throws Exception {
            done.get(timeout, unit);
        }
    }

    /** Starts `ip -batch` adding {@code n} fresh /32 routes in their own table. */
    private static Storm storm(int n) throws IOException {
        NS.ip("link", "set", "lo", "up");
        int block = BLOCK.incrementAndGet();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("route add 10.").append(block).append('.').append(i / 250).append('.').append(i % 250)
                    .append("/32 dev lo table ").append(100 + block).append('\n');
        }
        Path f = Files.createTempFile("jnl-storm", ".batch");
        Files.writeString(f, b);
        return new Storm(100 + block, CompletableFuture.runAsync(() -> {
            try {
                NS.ip("-batch", f.toString());
            } finally {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // temp file
                }
            }
        }));
    }

    /** RTM_NEWROUTE messages of {@code table} in a batch. */
    private static int countNewRoutes(List<NetlinkMessage> batch, int table) {
        int n = 0;
        for (NetlinkMessage m : batch) {
            if (m.type() == TestRoute.RTM_NEWROUTE && m.attributes().getLong("table", -1) == table) {
                n++;
            }
        }
        return n;
    }

    /** Reads until {@code want} RTM_NEWROUTE of the storm arrived or nothing came for 10 s; an overrun fails. */
    private static int drain(NetlinkSocket s, Storm storm, int want) throws NetlinkException {
        int got = 0;
        while (got < want) {
            List<NetlinkMessage> batch = s.get(Duration.ofSeconds(10));
            if (batch.isEmpty()) {
                break;
            }
            got += countNewRoutes(batch, storm.table());
        }
        return got;
    }

    @Test
    void stormWithAStalledConsumerLosesNothingAndLogsTheBurst() throws Exception {
        CapturingLogs.clear();
        int n = 50_000;
        try (NetlinkSocket s = route(NS.spec(0))) {
            s.bind(ROUTE_GROUP, null, true);
            assertTrue(s.hasReader());
            Storm writer = storm(n);
            Thread.sleep(2000); // the consumer stalls; the reader keeps draining the kernel socket
            assertEquals(n, drain(s, writer, n), "every event of the storm");
            writer.get(60, TimeUnit.SECONDS);
            assertEquals(0, s.kernelOverruns());
            assertEquals(0, s.backlogDropped());
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < end && burstLines(Level.DEBUG, "Packet burst is over").isEmpty()
                    && burstLines(Level.INFO, "Packet burst is over").isEmpty()) {
                Thread.sleep(50);
            }
        }
        assertFalse(burstLines(Level.DEBUG, BurstControl.BURST_MESSAGE).isEmpty(), "burst reported at DEBUG");
        List<CapturingLogs.Event> warn = burstLines(Level.WARN, BurstControl.BURST_MESSAGE);
        assertFalse(warn.isEmpty(), "WARNING once the oldest buffered message waited more than 1 s");
        assertTrue(warn.get(0).message().matches(".*Counters: delta=\\d+ qsize=\\d+ delay=\\d+\\.\\d{3}"), warn.get(0).message());
        assertFalse(burstLines(Level.INFO, "Packet burst is over").isEmpty(), "one line when the storm is over (INFO after a warning)");
    }

    private static List<CapturingLogs.Event> burstLines(Level level, String prefix) {
        return CapturingLogs.events().stream()
                .filter(e -> e.level() == level && e.message().startsWith(prefix)).toList();
    }

    @Test
    void overrunReachesTheSubscriberInOrderAndTheStreamGoesOn() throws Exception {
        BlockingQueue<NetlinkEvent> events = new LinkedBlockingQueue<>();
        NS.ip("link", "set", "lo", "up"); // before the bind: its local routes are no events of the storm
        // a kernel queue that holds the whole storm (~830 B per event): this test is about the user-space bound
        try (AsyncNetlinkSocket a = new AsyncNetlinkSocket(NS.spec(0).asyncQsize(50).rcvbuf(4 << 20).build(),
                Marshal.classic(TestRoute.SCHEMA))) {
            a.bind(ROUTE_GROUP, null).get(10, TimeUnit.SECONDS);
            storm(2000).get(60, TimeUnit.SECONDS); // nobody reads yet: the 50-message buffer overflows
            a.subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(NetlinkEvent item) {
                    events.add(item);
                }

                @Override
                public void onError(Throwable throwable) {
                }

                @Override
                public void onComplete() {
                }
            });
            List<NetlinkEvent> first = new ArrayList<>();
            for (int i = 0; i < 51; i++) {
                NetlinkEvent e = events.poll(10, TimeUnit.SECONDS);
                assertNotNull(e, "event " + i);
                first.add(e);
            }
            for (int i = 0; i < 50; i++) {
                assertInstanceOf(NetlinkEvent.Received.class, first.get(i));
            }
            NetlinkEvent.Overrun o = assertInstanceOf(NetlinkEvent.Overrun.class, first.get(50));
            assertEquals(1, o.episodes());
            assertEquals(1950, o.queueDrops(), "2000 events, 50 kept");
            NS.ip("route", "add", "192.0.2.0/24", "dev", "lo");
            NetlinkEvent after = events.poll(10, TimeUnit.SECONDS);
            NetlinkEvent.Received r = assertInstanceOf(NetlinkEvent.Received.class, after, "the stream goes on");
            assertEquals(TestRoute.RTM_NEWROUTE, r.message().type());
        }
    }

    /** What a consumer read until nothing came for 2 s: messages, those of the storm's table, and the losses. */
    record Tally(int received, int ofTable, long kernel, long queue, List<NetlinkEvent.Overrun> overruns) {
        long lost() {
            return kernel + queue;
        }
    }

    private static Tally tally(NetlinkSocket s, int table) throws NetlinkException {
        int received = 0;
        int ofTable = 0;
        long kernel = 0;
        long queue = 0;
        List<NetlinkEvent.Overrun> overruns = new ArrayList<>();
        while (true) {
            try {
                List<NetlinkMessage> b = s.get(Duration.ofSeconds(2));
                if (b.isEmpty()) {
                    break;
                }
                received += b.size();
                ofTable += countNewRoutes(b, table);
            } catch (OverrunException e) {
                NetlinkEvent.Overrun o = e.overrun();
                assertEquals(overruns.size() + 1, o.episodes());
                assertEquals(Errno.ENOBUFS, e.errno());
                overruns.add(o);
                kernel += o.kernelDrops();
                queue += o.queueDrops();
            }
        }
        return new Tally(received, ofTable, kernel, queue, overruns);
    }

    /**
     * The real Libc, except that the first recvmmsg (when the first events have come) sleeps 300 ms first: the
     * reader stalls once, as it would in a long pause of the JVM or the scheduler.
     */
    /**
     * The system's calls, but the first recvmmsg sleeps 300 ms; {@code empty} counts the receives and polls that
     * found the kernel queue empty (EAGAIN, a poll timed out), so a test can wait until the reader has drained it.
     */
    private static io.jnetlink.sys.Libc stallingOnce(AtomicInteger empty) {
        io.jnetlink.sys.Libc real = io.jnetlink.sys.Libc.system();
        AtomicInteger calls = new AtomicInteger();
        return (io.jnetlink.sys.Libc) java.lang.reflect.Proxy.newProxyInstance(io.jnetlink.sys.Libc.class.getClassLoader(),
                new Class<?>[]{io.jnetlink.sys.Libc.class}, (proxy, m, args) -> {
                    boolean recv = m.getName().equals("recvmmsg");
                    if (recv && calls.incrementAndGet() == 1) {
                        Thread.sleep(300);
                    }
                    try {
                        Object r = m.invoke(real, args);
                        if ((recv || m.getName().equals("poll")) && (int) r == (recv ? -io.jnetlink.Errno.EAGAIN : 0)) {
                            empty.incrementAndGet();
                        }
                        return r;
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aForcedLossIsCountedExactly() throws Exception {
        NS.ip("link", "set", "lo", "up"); // before the bind: its local routes are no events of the storm
        int n = 20_000;
        // a kernel queue of about 40 events and a reader that stalls 300 ms at the storm's start: the kernel drops;
        // then the reader finds those 40 and more for a buffer of 5 datagrams that nobody reads: it drops too
        AtomicInteger empty = new AtomicInteger();
        try (NetlinkSocket s = route(NS.spec(0).rcvbuf(16 << 10).asyncQsize(5).libc(stallingOnce(empty)));
             jdk.jfr.Recording rec = new jdk.jfr.Recording()) {
            rec.enable("io.jnetlink.Burst");
            rec.enable("io.jnetlink.Backlog");
            rec.enable("io.jnetlink.Overrun");
            rec.start();
            s.bind(ROUTE_GROUP, null, true);
            Storm storm = storm(n);
            storm.get(60, TimeUnit.SECONDS);
            // nobody reads until the reader has found the kernel queue empty after the storm (else a consumer
            // started early could empty the buffer under the burst and its peak would depend on the machine's load)
            int before = empty.get();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (empty.get() == before && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Tally t = tally(s, storm.table());
            rec.stop();
            assertTrue(t.kernel() > 0 && t.queue() > 0, "both lost: " + t);
            assertEquals(t.received(), t.ofTable(), "nothing but the storm's routes");
            assertEquals(n, t.received() + t.lost(), "received + reported lost = the storm: " + t);
            assertEquals(s.kernelDrops(), t.kernel(), "the overruns add up to the socket's drop counter");
            assertEquals(s.backlogDropped(), t.queue());

            Path f = Files.createTempFile("jnl-storm", ".jfr");
            try {
                rec.dump(f);
                List<jdk.jfr.consumer.RecordedEvent> events = jdk.jfr.consumer.RecordingFile.readAllEvents(f);
                long overrunEvents = events.stream().filter(e -> e.getEventType().getName().equals("io.jnetlink.Overrun"))
                        .count();
                long lostInEvents = events.stream().filter(e -> e.getEventType().getName().equals("io.jnetlink.Overrun"))
                        .mapToLong(e -> e.getLong("kernelDrops") + e.getLong("queueDrops")).sum();
                assertEquals(t.overruns().size(), overrunEvents, "one JFR event per overrun");
                assertEquals(t.lost(), lostInEvents);
                assertTrue(events.stream().anyMatch(e -> e.getEventType().getName().equals("io.jnetlink.Burst")
                        && e.getLong("datagrams") > 0 && e.getDuration().toNanos() > 0
                        && e.getLong("peakBacklog") == 5), () -> "a burst with its duration, its buffer full: " + events);
                assertTrue(events.stream().filter(e -> e.getEventType().getName().equals("io.jnetlink.Backlog")).count() >= 2,
                        () -> "backlog samples at the burst's start and end: " + events);
            } finally {
                Files.deleteIfExists(f);
            }
        }
    }

    @Test
    void kernelDropsAreCountedExactlyEvenWithNoEnobufs() throws Exception {
        NS.ip("link", "set", "lo", "up");
        try (NetlinkSocket s = route(NS.spec(0).rcvbuf(1))) {
            s.setOption(NetlinkSocket.Option.NO_ENOBUFS, true);
            s.bind(ROUTE_GROUP, null, true);
            int n = 20_000;
            Storm storm = storm(n);
            storm.get(60, TimeUnit.SECONDS);
            Tally t = tally(s, storm.table());
            long drops = s.kernelDrops();
            assertTrue(drops > 0, "a two-event queue against 20,000 events");
            assertFalse(t.overruns().isEmpty(), "the loss is reported although NETLINK_NO_ENOBUFS hides ENOBUFS");
            assertEquals(drops, t.kernel(), "the overruns add up to the drop counter");
            assertEquals(n, t.received() + t.lost(), "received + reported lost = the storm: " + t);
        }
    }

    @Test
    void requestsDuringAStormGetTheirRepliesAndNoBroadcastIsLost() throws Exception {
        int n = 20_000;
        try (NetlinkSocket s = route(NS.spec(0).rcvbuf(STORM_RCVBUF))) {
            s.bind(ROUTE_GROUP, null, true);
            Storm writer = storm(n);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<java.util.concurrent.Future<Integer>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                fs.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 50; i++) {
                        List<NetlinkMessage> r = s.request(MessageBuilder.of(TestRoute.SCHEMA, "getlink").header("index", 1).build()).list();
                        assertEquals("lo", r.get(0).attributes().getString("ifname"));
                        ok++;
                    }
                    return ok;
                }));
            }
            for (var f : fs) {
                assertEquals(50, f.get(60, TimeUnit.SECONDS));
            }
            pool.shutdown();
            writer.get(60, TimeUnit.SECONDS);
            assertEquals(n, drain(s, writer, n), "broadcasts are not mistaken for replies, nor lost");
        }
    }

    private static List<Thread> readers() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("jnetlink-reader")).toList();
    }

    @Test
    void closeDuringAStormStopsTheReader() throws Exception {
        NetlinkSocket s = route(NS.spec(0));
        s.bind(ROUTE_GROUP, null, true);
        Storm writer = storm(20_000);
        Thread.sleep(300);
        CompletableFuture<Throwable> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                while (true) {
                    s.get();
                }
            } catch (Throwable t) {
                return t;
            }
        });
        s.close();
        assertFalse(s.hasReader(), "the reader has stopped when close() returns");
        Throwable t = blocked.get(5, TimeUnit.SECONDS);
        assertTrue(t instanceof NetlinkException ne && ne.errno() == Errno.EBADF, String.valueOf(t));
        writer.get(60, TimeUnit.SECONDS);
        assertTrue(readers().stream().noneMatch(Thread::isAlive), "no reader thread left");
    }

    private static long openFds() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void tenThousandOpenBindCloseCyclesLeakNothing() throws Exception {
        // warm up once so lazily opened JVM descriptors are not counted as leaks
        try (NetlinkSocket s = route(NS.spec(0))) {
            s.bind(LINK_GROUP, null, true);
        }
        long fds = openFds();
        int threads = Thread.activeCount();
        for (int i = 0; i < 10_000; i++) {
            NetlinkSocket s = route(NS.spec(0));
            s.bind(LINK_GROUP, null, true);
            s.close();
        }
        assertEquals(fds, openFds(), "descriptors");
        assertTrue(readers().isEmpty(), "reader threads");
        assertTrue(Thread.activeCount() <= threads + 2, "threads: " + Thread.activeCount() + " vs " + threads);
    }

    @Test
    void worksFromVirtualThreads() throws Exception {
        try (AsyncNetlinkSocket a = new AsyncNetlinkSocket(NS.spec(16).build(), TestCtrl.marshal());
             ExecutorService vts = Executors.newVirtualThreadPerTaskExecutor()) {
            a.setupSocket().get(10, TimeUnit.SECONDS);
            List<java.util.concurrent.Future<String>> fs = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                String want = i % 2 == 0 ? "nlctrl" : "ethtool";
                fs.add(vts.submit(() -> {
                    List<NetlinkMessage> r = a.request(TestCtrl.getFamily(want)).get(30, TimeUnit.SECONDS);
                    String got = TestCtrl.parse(r.get(0)).name();
                    assertEquals(want, got);
                    return TestCtrl.resolve(a.socket(), want).name();
                }));
            }
            for (int i = 0; i < fs.size(); i++) {
                assertEquals(i % 2 == 0 ? "nlctrl" : "ethtool", fs.get(i).get(60, TimeUnit.SECONDS));
            }
            assertTrue(a.socket().hasReader());
        }
    }

    @Test
    void asyncRequestErrorsAndStreamingDump() throws Exception {
        try (AsyncNetlinkSocket a = new AsyncNetlinkSocket(NS.spec(16).build(), TestCtrl.marshal())) {
            Throwable t = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> a.request(TestCtrl.getFamily("no-such-family")).get(10, TimeUnit.SECONDS)).getCause();
            assertEquals("ENOENT", assertInstanceOf(NetlinkException.class, t).errnoName());
            BlockingQueue<Object> got = new LinkedBlockingQueue<>();
            a.stream(TestCtrl.dumpFamilies()).subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(NetlinkMessage item) {
                    got.add(TestCtrl.parse(item).name());
                }

                @Override
                public void onError(Throwable e) {
                    got.add(e);
                }

                @Override
                public void onComplete() {
                    got.add(Boolean.TRUE);
                }
            });
            List<Object> all = new ArrayList<>();
            Object o;
            while ((o = got.poll(10, TimeUnit.SECONDS)) != null && o != Boolean.TRUE) {
                all.add(o);
            }
            assertEquals(Boolean.TRUE, o, "the stream completes");
            assertTrue(all.contains("nlctrl") && all.contains("ethtool"), all.toString());
        }
        AsyncNetlinkSocket closed = new AsyncNetlinkSocket(NS.spec(16).build(), TestCtrl.marshal());
        closed.close();
        Throwable t = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> closed.request(TestCtrl.getFamily("nlctrl")).get(10, TimeUnit.SECONDS)).getCause();
        assertEquals("EBADF", assertInstanceOf(NetlinkException.class, t).errnoName());
    }

    @Test
    void pollerWaitsOnSeveralSockets() throws Exception {
        List<NetlinkSocket> socks = new ArrayList<>();
        try (NetlinkPoller poller = new NetlinkPoller()) {
            for (int i = 0; i < 3; i++) {
                NetlinkSocket s = route(NS.spec(0));
                socks.add(s);
                s.bind(LINK_GROUP, null);
                s.setBlocking(false);
                poller.register(s);
            }
            assertTrue(poller.poll(Duration.ofMillis(100)).isEmpty(), "nothing ready before a change");
            NS.ip("link", "add", "pl0", "type", "veth", "peer", "name", "pl1");
            List<NetlinkSocket> ready = new ArrayList<>();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (ready.size() < 3 && System.nanoTime() < end) {
                for (NetlinkPoller.Ready r : poller.poll(Duration.ofSeconds(1))) {
                    assertTrue(r.readable());
                    NetlinkSocket s = (NetlinkSocket) r.attachment();
                    assertEquals(s.fileno(), r.fd());
                    List<NetlinkMessage> batch = s.get();
                    if (batch.stream().anyMatch(m -> m.type() == TestRoute.RTM_NEWLINK) && !ready.contains(s)) {
                        ready.add(s);
                    }
                }
            }
            assertEquals(3, ready.size(), "every socket became ready and had the RTM_NEWLINK");
            poller.unregister(socks.get(0).fileno());
        } finally {
            for (NetlinkSocket s : socks) {
                s.close();
            }
            NS.ip("link", "del", "pl0");
        }
    }
}
