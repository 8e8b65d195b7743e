package io.jnetlink.bench;

import io.jnetlink.NetlinkException;
import io.jnetlink.netfilter.Conntrack;
import io.jnetlink.netfilter.ConntrackEntry;
import io.jnetlink.netfilter.ConntrackQuery;
import io.jnetlink.netfilter.ConntrackTuple;
import io.jnetlink.socket.NetlinkSocketSpec;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The conntrack table dump, measured: every entry of a network namespace decoded into {@link ConntrackEntry} records
 * by {@link Conntrack#entries(ConntrackQuery, Consumer)}, every field of every entry read. {@code bench/run-conntrack.sh}
 * compares it with {@code conntrack -L} and pyroute2's {@code Conntrack.dump_entries()} on the same table.
 *
 * <p>Modes: {@code stream} (default) hands each entry to a consumer that reads it and drops it (run it with
 * {@code -Xmx64m}); {@code list} collects the table with {@link Conntrack#entries(ConntrackQuery)} first.
 *
 * <p>A benchmark, not a test: it asserts no time. By hand:
 * {@snippet lang=shell :
 * java -Xmx64m --enable-native-access=ALL-UNNAMED -cp 'bench/target/*:bench/target/lib/*' \
 *      io.jnetlink.bench.ConntrackDumpBench --netns NAME --runs 10 --warmup 5 [--mode stream|list]
 * }
 *
 * <p>Output (RouteDumpBench's line shapes): one line per dump, {@code run <i> <warm|measured> time_ms=... cpu_ms=...
 * messages=<entries> checksum=... touch=... alloc_kb=...}, then a {@code summary} line. {@code checksum} is computed
 * the same way by {@code bench/py/conntrack_pyroute2.py}: the sum over the entries of the original source address as
 * an unsigned 32-bit number (0 for IPv6) + source port + destination port + protocol + mark. {@code touch} folds in
 * every other field so that no read can be optimised away.
 */
public final class ConntrackDumpBench {
    private ConntrackDumpBench() {
    }

    private record Run(long nanos, long cpuNanos, long entries, long checksum, long touch, long allocated) {
    }

    /** Reads every field of each entry it is given and keeps only sums. */
    private static final class Reader implements Consumer<ConntrackEntry> {
        long entries;
        long checksum;
        long touch;

        @Override
        public void accept(ConntrackEntry e) {
            entries++;
            ConntrackTuple o = e.original();
            checksum += ipv4(o.src()) + nz(o.srcPort()) + nz(o.dstPort()) + o.protocol() + (e.mark() == null ? 0
                    : e.mark());
            long t = e.family() + e.status() + e.zone() + e.id() + tuple(o) + tuple(e.reply());
            t += e.timeout() == null ? 0 : e.timeout();
            t += e.use() == null ? 0 : e.use();
            t += e.state() == null ? 0 : e.state();
            t += e.originalCounters() == null ? 0 : e.originalCounters().bytes();
            t += e.replyCounters() == null ? 0 : e.replyCounters().bytes();
            t += e.helper() == null ? 0 : e.helper().length();
            t += e.labels() == null ? 0 : e.labels().size();
            t += e.start() == null ? 0 : e.start();
            touch = touch * 31 + t;
        }

        private static long tuple(ConntrackTuple t) {
            return java.util.Objects.hashCode(t.dst()) + 7L * java.util.Objects.hashCode(t.src()) + nz(t.icmpType()) + nz(t.icmpCode()) + nz(t.icmpId())
                    + nz(t.zone());
        }

        private static long nz(Integer v) {
            return v == null ? 0 : v;
        }

        private static long ipv4(InetAddress a) {
            if (a == null) {
                return 0;
            }
            byte[] b = a.getAddress();
            return b.length != 4 ? 0 : (b[0] & 0xffL) << 24 | (b[1] & 0xffL) << 16 | (b[2] & 0xffL) << 8 | (b[3] & 0xffL);
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
            System.err.println("ConntrackDumpBench: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        try {
            run(netns, runs, warmup, mode.equals("list"));
        } catch (NetlinkException e) {
            System.err.println("ConntrackDumpBench: " + e.getMessage());
            System.exit(1);
        }
    }

    private static String usage() {
        return "usage: ConntrackDumpBench --netns NAME [--runs N (10)] [--warmup N (3)] [--mode stream|list]";
    }

    private static void run(String netns, int runs, int warmup, boolean list) throws NetlinkException {
        // flags(0): never create the namespace, it must be the one the entries were made in
        NetlinkSocketSpec spec = NetlinkSocketSpec.builder().netns(netns).flags(0).build();
        long[] times = new long[runs];
        long[] cpu = new long[runs];
        Run last = null;
        long gcCount0 = 0;
        long gcMillis0 = 0;
        long allocated = 0;
        try (Conntrack ct = new Conntrack(spec)) {
            for (int i = 0; i < warmup + runs; i++) {
                boolean measured = i >= warmup;
                if (i == warmup) {
                    System.gc();
                    BenchSupport.resetHeapPeak();
                    gcCount0 = BenchSupport.gcCount();
                    gcMillis0 = BenchSupport.gcMillis();
                }
                Run r = dump(ct, list);
                System.out.printf(Locale.ROOT, "run %d %s time_ms=%.3f cpu_ms=%.3f messages=%d checksum=%d touch=%d"
                                + " alloc_kb=%d%n", measured ? i - warmup + 1 : i + 1, measured ? "measured" : "warm",
                        r.nanos / 1e6, r.cpuNanos / 1e6, r.entries, r.checksum, r.touch, r.allocated / 1024);
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
                last.entries, last.checksum, BenchSupport.procStatusKb("VmHWM"), allocated / runs / 1024,
                BenchSupport.heapPeak() / 1024, Runtime.getRuntime().maxMemory() / 1024, gcCount, gcMillis);
    }

    private static Run dump(Conntrack ct, boolean list) throws NetlinkException {
        Reader reader = new Reader();
        long alloc0 = BenchSupport.THREADS.getCurrentThreadAllocatedBytes();
        long c0 = BenchSupport.THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        if (list) {
            ct.entries(ConntrackQuery.all()).forEach(reader);
        } else {
            ct.entries(ConntrackQuery.all(), reader);
        }
        long t1 = System.nanoTime();
        long c1 = BenchSupport.THREADS.getCurrentThreadCpuTime();
        return new Run(t1 - t0, c1 - c0, reader.entries, reader.checksum, reader.touch,
                BenchSupport.THREADS.getCurrentThreadAllocatedBytes() - alloc0);
    }
}
