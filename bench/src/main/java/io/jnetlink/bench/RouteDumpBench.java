package io.jnetlink.bench;

import io.jnetlink.NetlinkException;
import io.jnetlink.socket.NetlinkSocketSpec;

import io.jnetlink.route.IPRoute;
import io.jnetlink.route.Route;
import io.jnetlink.route.RouteQuery;
import io.jnetlink.route.Rtnl;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The IPRoute route dump, measured: every IPv4 route of every table ({@code ip -4 route show table all}) of a
 * network namespace, decoded into {@link Route} objects by {@link IPRoute#routes(RouteQuery, Consumer)}, every
 * field of every route read (the rtmsg fields, every address, the metric, metrics, next hops, mark, preference,
 * expiry, encapsulation, nexthop id). It is compared with the C recv loop {@code bench/c/rtdump.c}, {@code ip -j
 * route show} and pyroute2's {@code get_routes} by {@code bench/run-routes.sh}.
 *
 * <p>Modes: {@code stream} (default) hands each route to a consumer that reads it and drops it, so no table is
 * kept in memory (run it with {@code -Xmx64m} to show it fits); {@code list} collects the dump with
 * {@link IPRoute#routes(RouteQuery)} first and then reads the list, as a caller who keeps the table would.
 *
 * <p>A benchmark, not a test: it asserts no time. By hand:
 * {@snippet lang=shell :
 * java -Xmx64m --enable-native-access=ALL-UNNAMED -cp 'bench/target/*:bench/target/lib/*' \
 *      io.jnetlink.bench.RouteDumpBench --netns NAME --runs 10 --warmup 5 [--mode stream|list]
 * }
 *
 * <p>Output (the line shapes of rtdump, which the run script parses): one line per dump,
 * {@code run <i> <warm|measured> time_ms=... cpu_ms=... messages=<routes> checksum=... touch=... alloc_kb=...},
 * then {@code summary runs=... best_ms=... median_ms=... ... max_rss_kb=... heap_peak_kb=... gc_count=...}.
 * {@code time_ms} is wall time from the call to its return, {@code cpu_ms} the thread's CPU time over the same
 * span. {@code checksum} is a content checksum that {@code bench/py/routes_pyroute2.py} computes the same way:
 * the sum over the routes of the destination as an unsigned 32-bit number (0 when absent) + dst_len + table +
 * oif + protocol + scope + type. {@code touch} folds in every other field, so that none of the reads can be
 * optimised away. {@code heap_peak_kb} is the sum of the heap pools' peak use over the measured dumps (the
 * pools' peaks are reset after the warm-up), {@code max_rss_kb} the process's VmHWM.
 */
public final class RouteDumpBench {
    private RouteDumpBench() {
    }

    /** What one dump saw. */
    private record Run(long nanos, long cpuNanos, long routes, long checksum, long touch, long allocated) {
    }

    /** Reads every field of each route it is given and keeps only sums. */
    private static final class Reader implements Consumer<Route> {
        long routes;
        long checksum;
        long touch;

        @Override
        public void accept(Route r) {
            routes++;
            checksum += ipv4(r.dst()) + r.dstLen() + r.table() + r.oif() + r.protocol() + r.scope() + r.type();
            long t = r.family() + 31L * r.srcLen() + 7L * r.tos() + r.flags() + r.iif() + r.encapType();
            t += hash(r.src()) + hash(r.gateway()) + hash(r.prefsrc());
            t += r.priority() == null ? 0 : r.priority();
            t += r.mark() == null ? 0 : r.mark();
            t += r.pref() == null ? 0 : r.pref();
            t += r.expires() == null ? 0 : r.expires();
            t += r.nhId() == null ? 0 : r.nhId();
            t += r.metrics().size();
            for (Route.NextHop h : r.multipath()) {
                t += hash(h.gateway()) + h.oif() + h.weight() + h.flags();
            }
            touch = touch * 31 + t;
        }

        private static long ipv4(InetAddress a) {
            if (a == null) {
                return 0;
            }
            byte[] b = a.getAddress();
            return b.length != 4 ? 0 : (b[0] & 0xffL) << 24 | (b[1] & 0xffL) << 16 | (b[2] & 0xffL) << 8 | (b[3] & 0xffL);
        }

        private static long hash(InetAddress a) {
            return a == null ? 0 : a.hashCode();
        }
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --netns NAME} (required: an existing namespace), {@code --runs N} (measured dumps, 10),
     *             {@code --warmup N} (dumps not counted, 3), {@code --mode stream|list} (stream)
     */
    public static void main(String[] args) {
        String netns = null;
        int runs = 10;
        int warmup = 3;
        String mode = "stream";
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--netns" -> netns = BenchSupport.value(args, ++i, "--netns");
                    case "--runs" -> runs = BenchSupport.count(BenchSupport.value(args, ++i, "--runs"), "--runs", 1, 10_000);
                    case "--warmup" -> warmup = BenchSupport.count(BenchSupport.value(args, ++i, "--warmup"), "--warmup", 0, 10_000);
                    case "--mode" -> {
                        mode = BenchSupport.value(args, ++i, "--mode");
                        if (!List.of("stream", "list").contains(mode)) {
                            throw new IllegalArgumentException("--mode must be stream or list, got '" + mode + "'");
                        }
                    }
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
            System.err.println("RouteDumpBench: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        try {
            run(netns, runs, warmup, mode.equals("list"));
        } catch (NetlinkException e) {
            System.err.println("RouteDumpBench: " + e.getMessage());
            System.exit(1);
        }
    }

    private static String usage() {
        return "usage: RouteDumpBench --netns NAME [--runs N (10)] [--warmup N (3)] [--mode stream|list]";
    }

    private static void run(String netns, int runs, int warmup, boolean list) throws NetlinkException {
        // flags(0): never create the namespace, it must be the one the routes were added to
        NetlinkSocketSpec spec = NetlinkSocketSpec.builder().netns(netns).flags(0).build();
        RouteQuery all = new RouteQuery(Rtnl.AF_INET, 0, null);
        long[] times = new long[runs];
        long[] cpu = new long[runs];
        Run last = null;
        long gcCount0 = 0;
        long gcMillis0 = 0;
        long allocated = 0;
        try (IPRoute ip = new IPRoute(spec)) {
            for (int i = 0; i < warmup + runs; i++) {
                boolean measured = i >= warmup;
                if (i == warmup) {
                    System.gc();
                    BenchSupport.resetHeapPeak();
                    gcCount0 = BenchSupport.gcCount();
                    gcMillis0 = BenchSupport.gcMillis();
                }
                Run r = dump(ip, all, list);
                System.out.printf(Locale.ROOT, "run %d %s time_ms=%.3f cpu_ms=%.3f messages=%d checksum=%d touch=%d"
                                + " alloc_kb=%d%n", measured ? i - warmup + 1 : i + 1, measured ? "measured" : "warm",
                        r.nanos / 1e6, r.cpuNanos / 1e6, r.routes, r.checksum, r.touch, r.allocated / 1024);
                if (measured) {
                    times[i - warmup] = r.nanos;
                    cpu[i - warmup] = r.cpuNanos;
                    allocated += r.allocated;
                }
                last = r;
            }
        }
        long gcCount = BenchSupport.gcCount() - gcCount0;
        long gcMillis = BenchSupport.gcMillis() - gcMillis0;
        Arrays.sort(times);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "summary runs=%d best_ms=%.3f median_ms=%.3f best_cpu_ms=%.3f median_cpu_ms=%.3f"
                        + " messages=%d checksum=%d max_rss_kb=%d alloc_per_run_kb=%d heap_peak_kb=%d heap_max_kb=%d"
                        + " gc_count=%d gc_ms=%d%n",
                runs, times[0] / 1e6, BenchSupport.median(times) / 1e6, cpu[0] / 1e6, BenchSupport.median(cpu) / 1e6,
                last.routes, last.checksum, BenchSupport.procStatusKb("VmHWM"), allocated / runs / 1024,
                BenchSupport.heapPeak() / 1024, Runtime.getRuntime().maxMemory() / 1024, gcCount, gcMillis);
    }

    /** One dump, every route read: streamed to the reader, or collected into a list that is then read. */
    private static Run dump(IPRoute ip, RouteQuery q, boolean list) throws NetlinkException {
        Reader reader = new Reader();
        long alloc0 = BenchSupport.THREADS.getCurrentThreadAllocatedBytes();
        long c0 = BenchSupport.THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        if (list) {
            List<Route> routes = ip.routes(q);
            routes.forEach(reader);
        } else {
            ip.routes(q, reader);
        }
        long t1 = System.nanoTime();
        long c1 = BenchSupport.THREADS.getCurrentThreadCpuTime();
        return new Run(t1 - t0, c1 - c0, reader.routes, reader.checksum, reader.touch,
                BenchSupport.THREADS.getCurrentThreadAllocatedBytes() - alloc0);
    }
}
