package io.jnetlink.bench;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;

/**
 * How long {@code close()} takes on a socket whose reader thread runs (bound with {@code asyncCache}), the reader
 * idle in its wait for data. COUNT sockets are opened, bound, left idle for a few milliseconds and closed one after
 * the other; each close is timed. The socket classes are found by reflection, so the same class measures this tree
 * and an older build put first on the class path ({@code bench/run-requests.sh} does both). A benchmark, not a
 * test: it asserts no time.
 * {@snippet lang=shell :
 * java --enable-native-access=ALL-UNNAMED -cp 'bench/target/*:bench/target/lib/*' \
 *      io.jnetlink.bench.CloseBench --netns NAME --count 200 --warmup 20
 * }
 * Output: {@code close count=.. p50_ms=.. p90_ms=.. p99_ms=.. max_ms=..}.
 */
public final class CloseBench {
    private CloseBench() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --netns NAME} (required), {@code --count N} (closes measured, 200), {@code --warmup N} (20),
     *             {@code --idle-ms N} (how long each socket waits before its close, 5)
     * @throws Exception when the socket classes cannot be used
     */
    public static void main(String[] args) throws Exception {
        String netns = null;
        int count = 200;
        int warmup = 20;
        int idleMs = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--netns" -> netns = BenchSupport.value(args, ++i, "--netns");
                case "--count" -> count = BenchSupport.count(BenchSupport.value(args, ++i, "--count"), "--count", 1, 100_000);
                case "--warmup" -> warmup = BenchSupport.count(BenchSupport.value(args, ++i, "--warmup"), "--warmup", 0, 100_000);
                case "--idle-ms" -> idleMs = BenchSupport.count(BenchSupport.value(args, ++i, "--idle-ms"), "--idle-ms", 0, 10_000);
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        if (netns == null) {
            throw new IllegalArgumentException("--netns NAME is required");
        }
        Class<?> specClass = first("io.jnetlink.socket.NetlinkSocketSpec", "io.jnetlink.NetlinkSocketSpec");
        Class<?> sockClass = first("io.jnetlink.socket.NetlinkSocket", "io.jnetlink.NetlinkSocket");
        Object builder = specClass.getMethod("builder").invoke(null);
        Class<?> bc = builder.getClass();
        bc.getMethod("family", int.class).invoke(builder, 0);
        bc.getMethod("netns", String.class).invoke(builder, netns);
        bc.getMethod("flags", int.class).invoke(builder, 0);
        Object spec = bc.getMethod("build").invoke(builder);
        Method bind = sockClass.getMethod("bind", long.class, Integer.class, boolean.class);
        Method close = sockClass.getMethod("close");
        long[] ns = new long[count];
        for (int i = 0; i < warmup + count; i++) {
            Object s = sockClass.getConstructor(specClass).newInstance(spec);
            bind.invoke(s, 1L << 5, null, true); // RTNLGRP_IPV4_IFADDR, with the reader thread
            Thread.sleep(idleMs);
            long t0 = System.nanoTime();
            close.invoke(s);
            long t1 = System.nanoTime();
            if (i >= warmup) {
                ns[i - warmup] = t1 - t0;
            }
        }
        Arrays.sort(ns);
        System.out.printf(Locale.ROOT, "close count=%d p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f classes=%s%n", count,
                pct(ns, 50) / 1e6, pct(ns, 90) / 1e6, pct(ns, 99) / 1e6, ns[count - 1] / 1e6, sockClass.getName());
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static Class<?> first(String... names) throws ClassNotFoundException {
        for (String n : names) {
            try {
                return Class.forName(n);
            } catch (ClassNotFoundException e) {
                // try the next name: an older layout
            }
        }
        throw new ClassNotFoundException(String.join(" or ", names));
    }
}
