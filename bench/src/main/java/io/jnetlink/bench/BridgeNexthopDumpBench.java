package io.jnetlink.bench;

import io.jnetlink.NetlinkException;
import io.jnetlink.socket.NetlinkSocketSpec;

import io.jnetlink.route.FdbEntry;
import io.jnetlink.route.IPRoute;
import io.jnetlink.route.Nexthop;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Dumps of nexthop objects ({@link IPRoute#nexthops()}) or of the bridge forwarding database
 * ({@link IPRoute#fdb()}), every field of every object read, measured. Run side by side with {@code ip -j nexthop
 * show}, {@code bridge -j fdb show} and pyroute2 by {@code bench/run-nexthop-fdb.sh}; by hand:
 * {@snippet lang=shell :
 * java --enable-native-access=ALL-UNNAMED -cp 'bench/target/*:bench/target/lib/*' \
 *      io.jnetlink.bench.BridgeNexthopDumpBench --netns NAME --what fdb --runs 10 --warmup 5
 * }
 *
 * <p>A benchmark, not a test: it asserts no time. Output (the run scripts' line shapes): one line per dump,
 * {@code run <i> <warm|measured> time_ms=... cpu_ms=... messages=... touch=...}, then {@code summary runs=...
 * best_ms=... median_ms=... best_cpu_ms=... median_cpu_ms=... messages=... max_rss_kb=...}.
 */
public final class BridgeNexthopDumpBench {
    private BridgeNexthopDumpBench() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --netns NAME} (required), {@code --what nexthop|fdb} (required), {@code --runs N} (10),
     *             {@code --warmup N} (5)
     */
    public static void main(String[] args) {
        String netns = null;
        String what = null;
        int runs = 10;
        int warmup = 5;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--netns" -> netns = BenchSupport.value(args, ++i, "--netns");
                    case "--what" -> what = BenchSupport.value(args, ++i, "--what");
                    case "--runs" -> runs = BenchSupport.count(BenchSupport.value(args, ++i, "--runs"), "--runs", 1, 10_000);
                    case "--warmup" -> warmup = BenchSupport.count(BenchSupport.value(args, ++i, "--warmup"), "--warmup", 0, 10_000);
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            if (netns == null || !("nexthop".equals(what) || "fdb".equals(what))) {
                throw new IllegalArgumentException("--netns NAME and --what nexthop|fdb are required");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("BridgeNexthopDumpBench: " + e.getMessage());
            System.err.println("usage: BridgeNexthopDumpBench --netns NAME --what nexthop|fdb [--runs N (10)] [--warmup N (5)]");
            System.exit(2);
            return;
        }
        try {
            run(netns, what.equals("fdb"), runs, warmup);
        } catch (NetlinkException e) {
            System.err.println("BridgeNexthopDumpBench: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(String netns, boolean fdb, int runs, int warmup) throws NetlinkException {
        NetlinkSocketSpec spec = NetlinkSocketSpec.builder().netns(netns).flags(0).build();
        long[] times = new long[runs];
        long[] cpu = new long[runs];
        int messages = 0;
        try (IPRoute ip = new IPRoute(spec)) {
            for (int i = 0; i < warmup + runs; i++) {
                long touch = 0;
                long c0 = BenchSupport.THREADS.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                if (fdb) {
                    List<FdbEntry> all = ip.fdb();
                    for (FdbEntry e : all) {
                        touch += read(e);
                    }
                    messages = all.size();
                } else {
                    List<Nexthop> all = ip.nexthops();
                    for (Nexthop n : all) {
                        touch += read(n);
                    }
                    messages = all.size();
                }
                long t1 = System.nanoTime();
                long c1 = BenchSupport.THREADS.getCurrentThreadCpuTime();
                boolean measured = i >= warmup;
                System.out.printf(Locale.ROOT, "run %d %s time_ms=%.3f cpu_ms=%.3f messages=%d touch=%d%n",
                        measured ? i - warmup + 1 : i + 1, measured ? "measured" : "warm", (t1 - t0) / 1e6,
                        (c1 - c0) / 1e6, messages, touch);
                if (measured) {
                    times[i - warmup] = t1 - t0;
                    cpu[i - warmup] = c1 - c0;
                }
            }
        }
        Arrays.sort(times);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "summary runs=%d best_ms=%.3f median_ms=%.3f best_cpu_ms=%.3f median_cpu_ms=%.3f"
                        + " messages=%d max_rss_kb=%d%n", runs, times[0] / 1e6, BenchSupport.median(times) / 1e6,
                cpu[0] / 1e6, BenchSupport.median(cpu) / 1e6, messages, BenchSupport.procStatusKb("VmHWM"));
    }

    private static long read(FdbEntry e) {
        long t = e.index() + e.state() + e.flags() + e.master() + e.vlan() + e.via() + e.mac().length();
        t += (e.dst() == null ? 0 : 1) + (e.port() == null ? 0 : e.port()) + (e.vni() == null ? 0 : e.vni())
                + (e.srcVni() == null ? 0 : e.srcVni()) + (e.nhId() == null ? 0 : e.nhId());
        return t;
    }

    private static long read(Nexthop n) {
        long t = n.id() + n.family() + n.scope() + n.protocol() + n.flags() + n.oif() + n.groupType() + n.encapType();
        t += (n.gateway() == null ? 0 : 1) + (n.blackhole() ? 1 : 0) + (n.fdb() ? 1 : 0) + n.group().size();
        return t + (n.resilient() == null ? 0 : n.resilient().buckets());
    }
}
