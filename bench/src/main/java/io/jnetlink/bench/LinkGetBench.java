package io.jnetlink.bench;

import io.jnetlink.NetlinkException;
import io.jnetlink.socket.NetlinkSocketSpec;

import io.jnetlink.route.IPRoute;
import io.jnetlink.route.Link;

import java.util.Arrays;
import java.util.Locale;

/**
 * Sequential single-link get requests, measured: {@link IPRoute#link(int)} (RTM_GETLINK by ifindex, the reply
 * decoded into a {@link Link} and every field read) COUNT times one after the other, against the C request loop
 * {@code bench/c/linkget.c}, which sends the same request and reads the reply and the ACK. Run side by side by
 * {@code bench/run-routes.sh}; by hand:
 * {@snippet lang=shell :
 * java --enable-native-access=ALL-UNNAMED -cp 'bench/target/*:bench/target/lib/*' \
 *      io.jnetlink.bench.LinkGetBench --netns NAME --index 1 --count 10000 --runs 10 --warmup 5
 * }
 *
 * <p>A benchmark, not a test: it asserts no time. Output (linkget's line shapes): one line per run of COUNT
 * requests, {@code run <i> <warm|measured> time_ms=... cpu_ms=... per_get_us=... replies=... touch=...}, then
 * {@code summary runs=... best_ms=... median_ms=... ... count=... max_rss_kb=...}.
 */
public final class LinkGetBench {
    private LinkGetBench() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --netns NAME} (required: an existing namespace), {@code --index N} (the ifindex, 1),
     *             {@code --count N} (requests per run, 10000), {@code --runs N} (measured runs, 10),
     *             {@code --warmup N} (runs not counted, 5)
     */
    public static void main(String[] args) {
        String netns = null;
        int index = 1;
        int count = 10_000;
        int runs = 10;
        int warmup = 5;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--netns" -> netns = BenchSupport.value(args, ++i, "--netns");
                    case "--index" -> index = BenchSupport.count(BenchSupport.value(args, ++i, "--index"), "--index", 1, Integer.MAX_VALUE);
                    case "--count" -> count = BenchSupport.count(BenchSupport.value(args, ++i, "--count"), "--count", 1, 10_000_000);
                    case "--runs" -> runs = BenchSupport.count(BenchSupport.value(args, ++i, "--runs"), "--runs", 1, 10_000);
                    case "--warmup" -> warmup = BenchSupport.count(BenchSupport.value(args, ++i, "--warmup"), "--warmup", 0, 10_000);
                    case "-h", "--help" -> {
                        System.out.println(usage());
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            if (netns == null) {
                throw new IllegalArgumentException("--netns NAME is required");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("LinkGetBench: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        try {
            run(netns, index, count, runs, warmup);
        } catch (NetlinkException e) {
            System.err.println("LinkGetBench: " + e.getMessage());
            System.exit(1);
        }
    }

    private static String usage() {
        return "usage: LinkGetBench --netns NAME [--index N (1)] [--count N (10000)] [--runs N (10)] [--warmup N (5)]";
    }

    private static void run(String netns, int index, int count, int runs, int warmup) throws NetlinkException {
        NetlinkSocketSpec spec = NetlinkSocketSpec.builder().netns(netns).flags(0).build();
        long[] times = new long[runs];
        long[] cpu = new long[runs];
        try (IPRoute ip = new IPRoute(spec)) {
            for (int i = 0; i < warmup + runs; i++) {
                long touch = 0;
                long c0 = BenchSupport.THREADS.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                for (int k = 0; k < count; k++) {
                    touch = touch * 31 + read(ip.link(index));
                }
                long t1 = System.nanoTime();
                long c1 = BenchSupport.THREADS.getCurrentThreadCpuTime();
                boolean measured = i >= warmup;
                System.out.printf(Locale.ROOT, "run %d %s time_ms=%.3f cpu_ms=%.3f per_get_us=%.3f replies=%d touch=%d%n",
                        measured ? i - warmup + 1 : i + 1, measured ? "measured" : "warm", (t1 - t0) / 1e6,
                        (c1 - c0) / 1e6, (t1 - t0) / 1e3 / count, count, touch);
                if (measured) {
                    times[i - warmup] = t1 - t0;
                    cpu[i - warmup] = c1 - c0;
                }
            }
        }
        Arrays.sort(times);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "summary runs=%d best_ms=%.3f median_ms=%.3f best_cpu_ms=%.3f median_cpu_ms=%.3f"
                        + " count=%d max_rss_kb=%d%n", runs, times[0] / 1e6, BenchSupport.median(times) / 1e6,
                cpu[0] / 1e6, BenchSupport.median(cpu) / 1e6, count, BenchSupport.procStatusKb("VmHWM"));
    }

    /** Reads every field of the link into one number. */
    private static long read(Link l) {
        long t = l.index() + 31L * l.type() + l.flags() + l.mtu() + l.operstate() + l.master() + l.link()
                + l.txqlen() + l.group() + l.data().size() + l.altNames().size();
        t += hash(l.name()) + hash(l.qdisc()) + hash(l.address()) + hash(l.broadcast()) + hash(l.kind())
                + hash(l.slaveKind());
        t += l.linkNetnsid() == null ? 0 : l.linkNetnsid();
        Link.Stats s = l.stats();
        if (s != null) {
            t += s.rxPackets() + s.txPackets() + s.rxBytes() + s.txBytes() + s.rxErrors() + s.txErrors()
                    + s.rxDropped() + s.txDropped() + s.multicast() + s.collisions();
        }
        return t;
    }

    private static int hash(String s) {
        return s == null ? 0 : s.length();
    }
}
