package io.jnetlink.socket;

import io.jnetlink.KernelNamespace;
import io.jnetlink.NetlinkException;
import io.jnetlink.TestRoute;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.MessageBuilder;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.message.OutgoingMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many threads on one socket against the real kernel: 16 platform and 16 virtual threads, each a bounded number of
 * requests, one in five a dump (the kernel runs one dump per socket at a time: the socket must let them take turns),
 * the others single-link gets that interleave with the running dump. Every reply must reach its own request: a get
 * must see the link it asked for, a dump every address and nothing else, and nobody may fail.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConcurrencyKernelTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    private static final int THREADS_EACH = 16;
    private static final int REQUESTS_PER_THREAD = 400;
    private static final int ADDRESSES = 17;
    /** ifindex to name of the links a get may ask for. */
    private static final Map<Integer, String> LINKS = new java.util.LinkedHashMap<>();

    @BeforeAll
    static void fill() {
        NS.ip("link", "set", "lo", "up");
        for (int i = 1; i < ADDRESSES; i++) {
            NS.ip("addr", "add", "10.9." + i + ".1/24", "dev", "lo");
        }
        for (int i = 0; i < 4; i++) {
            NS.ip("link", "add", "cb" + i, "type", "bridge");
        }
        for (String line : NS.ip("-o", "link", "show").split("\n")) {
            String[] f = line.split(":\\s+");
            LINKS.put(Integer.parseInt(f[0].trim()), f[1].split("@")[0].trim());
        }
    }

    private static OutgoingMessage getLink(int index) {
        return MessageBuilder.of(TestRoute.SCHEMA, "getlink").header("index", index).build();
    }

    private static final OutgoingMessage DUMP_V4_ADDRESSES = MessageBuilder.of(TestRoute.SCHEMA, "getaddr")
            .header("family", 2).dump().build();

    /** What went wrong, one line each. */
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

    private void work(NetlinkSocket s, int thread, CountDownLatch start) {
        Integer[] indexes = LINKS.keySet().toArray(new Integer[0]);
        try {
            start.await();
            for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
                if ((i + thread) % 5 == 0) {
                    List<NetlinkMessage> addrs = s.request(DUMP_V4_ADDRESSES).list();
                    long mine = addrs.stream().filter(m -> m.type() == TestRoute.RTM_NEWADDR).count();
                    if (addrs.size() != ADDRESSES || mine != ADDRESSES) {
                        problems.add("dump of " + addrs.size() + " messages (" + mine + " addresses), expected " + ADDRESSES);
                    }
                } else {
                    int want = indexes[(thread + i) % indexes.length];
                    List<NetlinkMessage> r = s.request(getLink(want)).list();
                    long got = r.size() == 1 ? r.getFirst().headerField("index") : -1;
                    if (got != want) {
                        problems.add("get of link " + want + " answered with " + r.size() + " messages, index " + got);
                    }
                }
            }
        } catch (NetlinkException | RuntimeException e) {
            problems.add(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @ParameterizedTest(name = "reader thread: {0}")
    @ValueSource(booleans = {false, true})
    void platformAndVirtualThreadsShareOneSocket(boolean reader) throws Exception {
        try (NetlinkSocket s = new NetlinkSocket(NS.spec(0).build(), Marshal.classic(TestRoute.SCHEMA))) {
            if (reader) {
                s.bind(0, null, true);
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            try (ExecutorService platform = Executors.newFixedThreadPool(THREADS_EACH);
                 ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < THREADS_EACH; t++) {
                    int id = t;
                    done.add(platform.submit(() -> work(s, id, start)));
                    done.add(virtual.submit(() -> work(s, THREADS_EACH + id, start)));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get(100, TimeUnit.SECONDS);
                }
            }
            assertEquals(List.of(), List.copyOf(problems).subList(0, Math.min(10, problems.size())),
                    problems.size() + " of " + 2 * THREADS_EACH * REQUESTS_PER_THREAD + " requests went wrong");
            assertEquals(0, s.pendingRequests(), "no request state outlives its request");
            assertEquals(0, s.lateReplies());
            assertEquals(List.of(), s.get(java.time.Duration.ofMillis(20)), "no reply leaked to get()");
            assertEquals(reader, s.hasReader());
        }
    }

    @Test
    void twoDumpsStartedTogetherBothComplete() throws Exception {
        try (AsyncNetlinkSocket a = new AsyncNetlinkSocket(NS.spec(0).build(), Marshal.classic(TestRoute.SCHEMA))) {
            List<java.util.concurrent.CompletableFuture<List<NetlinkMessage>>> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                all.add(a.request(DUMP_V4_ADDRESSES));
            }
            for (var f : all) {
                assertEquals(ADDRESSES, f.get(30, TimeUnit.SECONDS).size());
            }
        }
    }

    @Test
    void aHundredAndFiftyVirtualThreadsDumpAtOnce() throws Exception {
        AtomicInteger ok = new AtomicInteger();
        try (NetlinkSocket s = new NetlinkSocket(NS.spec(0).build(), Marshal.classic(TestRoute.SCHEMA));
             ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                done.add(virtual.submit(() -> {
                    try {
                        if (s.request(DUMP_V4_ADDRESSES).list().size() == ADDRESSES) {
                            ok.incrementAndGet();
                        }
                    } catch (NetlinkException e) {
                        problems.add(e.toString());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertEquals(List.of(), List.copyOf(problems));
            assertEquals(150, ok.get());
            assertEquals(0, s.pendingRequests());
        }
        assertTrue(problems.isEmpty());
    }
}
