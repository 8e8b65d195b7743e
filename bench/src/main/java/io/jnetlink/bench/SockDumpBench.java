package io.jnetlink.bench;

import io.jnetlink.NetlinkException;
import io.jnetlink.diag.InetSocket;
import io.jnetlink.diag.SockDiag;
import io.jnetlink.diag.SocketQuery;
import io.jnetlink.diag.TcpInfo;
import io.jnetlink.socket.NetlinkSocketSpec;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The socket dump, measured: every TCP socket of a network namespace in every state, IPv4 then IPv6 ({@code ss
 * -tan}), decoded into {@link InetSocket} records by {@link SockDiag#inetSockets(SocketQuery, Consumer)}, every
 * field read; with {@code --info} each socket's {@code tcp_info} too ({@code ss -tain}). {@code bench/run-ss.sh}
 * compares it with {@code ss} and pyroute2's {@code DiagSocket} on the same sockets.
 *
 * <p>A benchmark, not a test: it asserts no time. By hand:
 * {@snippet lang=shell :
 * java --enable-native-access=ALL-UNNAMED -cp 'bench/target/*:bench/target/lib/*' \
 *      io.jnetlink.bench.SockDumpBench --netns NAME --runs 20 --warmup 10 [--info]
 * }
 *
 * <p>Output (the line shapes of the other dump benchmarks, which the run scripts parse): one line per dump,
 * {@code run <i> <warm|measured> time_ms=... cpu_ms=... messages=<sockets> checksum=... touch=...}, then
 * {@code summary runs=... best_ms=... median_ms=... best_cpu_ms=... median_cpu_ms=... messages=... checksum=...
 * max_rss_kb=... heap_peak_kb=...}. {@code checksum} is what {@code bench/py/ss_pyroute2.py} computes: the sum
 * over the sockets of local port + remote port + state (+ tcp_info's snd_cwnd with {@code --info});
 * {@code touch} folds in every other field so that no read can be optimised away.
 */
public final class SockDumpBench {
    private SockDumpBench() {
    }

    /** Reads every field of each socket it is given and keeps only sums. */
    private static final class Reader implements Consumer<InetSocket> {
        long sockets;
        long checksum;
        long touch;

        @Override
        public void accept(InetSocket s) {
            sockets++;
            checksum += s.localPort() + s.remotePort() + s.state();
            long t = s.family() + s.protocol() + s.timer() + s.retrans() + s.localAddress().hashCode()
                    + s.remoteAddress().hashCode() + s.ifindex() + s.cookie() + s.expires() + s.recvQ() + s.sendQ()
                    + s.uid() + s.inode();
            t += (s.shutdown() == null ? 0 : s.shutdown()) + (s.mark() == null ? 0 : s.mark())
                    + (s.cgroupId() == null ? 0 : s.cgroupId()) + (s.v6only() == null ? 0 : 1);
            TcpInfo i = s.tcpInfo();
            if (i != null) {
                checksum += i.sndCwnd();
                t += i.rtt() + i.rttvar() + i.rto() + i.sndMss() + i.bytesAcked() + i.bytesReceived() + i.segsOut()
                        + i.segsIn() + i.pacingRate() + i.deliveryRate() + i.minRtt() + i.sndWnd()
                        + (s.congestion() == null ? 0 : s.congestion().length());
            }
            touch = touch * 31 + t;
        }
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --netns NAME} (required: an existing namespace), {@code --runs N} (measured dumps, 20),
     *             {@code --warmup N} (dumps not counted, 10), {@code --info} (ask for tcp_info)
     */
    public static void main(String[] args) {
        String netns = null;
        int runs = 20;
        int warmup = 10;
        boolean info = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--netns" -> netns = BenchSupport.value(args, ++i, "--netns");
                    case "--runs" -> runs = BenchSupport.count(BenchSupport.value(args, ++i, "--runs"), "--runs", 1, 10_000);
                    case "--warmup" -> warmup = BenchSupport.count(BenchSupport.value(args, ++i, "--warmup"), "--warmup", 0, 10_000);
                    case "--info" -> info = true;
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            if (netns == null) {
                throw new IllegalArgumentException("--netns NAME is required");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("SockDumpBench: " + e.getMessage());
            System.err.println("usage: SockDumpBench --netns NAME [--runs N (20)] [--warmup N (10)] [--info]");
            System.exit(2);
            return;
        }
        try {
            run(netns, runs, warmup, info);
        } catch (NetlinkException e) {
            System.err.println("SockDumpBench: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(String netns, int runs, int warmup, boolean info) throws NetlinkException {
        SocketQuery q = info ? SocketQuery.tcp().withTcpInfo() : SocketQuery.tcp();
        long[] times = new long[runs];
        long[] cpu = new long[runs];
        Reader last = null;
        try (SockDiag diag = new SockDiag(NetlinkSocketSpec.builder().netns(netns).flags(0).build())) {
            for (int i = 0; i < warmup + runs; i++) {
                boolean measured = i >= warmup;
                if (i == warmup) {
                    System.gc();
                    BenchSupport.resetHeapPeak();
                }
                Reader r = new Reader();
                long c0 = BenchSupport.THREADS.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                diag.inetSockets(q, r);
                long t = System.nanoTime() - t0;
                long c = BenchSupport.THREADS.getCurrentThreadCpuTime() - c0;
                System.out.printf(Locale.ROOT, "run %d %s time_ms=%.3f cpu_ms=%.3f messages=%d checksum=%d touch=%d%n",
                        measured ? i - warmup + 1 : i + 1, measured ? "measured" : "warm", t / 1e6, c / 1e6, r.sockets,
                        r.checksum, r.touch);
                if (measured) {
                    times[i - warmup] = t;
                    cpu[i - warmup] = c;
                }
                last = r;
            }
        }
        Arrays.sort(times);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "summary runs=%d best_ms=%.3f median_ms=%.3f best_cpu_ms=%.3f median_cpu_ms=%.3f"
                        + " messages=%d checksum=%d max_rss_kb=%d heap_peak_kb=%d%n", runs, times[0] / 1e6,
                BenchSupport.median(times) / 1e6, cpu[0] / 1e6, BenchSupport.median(cpu) / 1e6, last.sockets,
                last.checksum, BenchSupport.procStatusKb("VmHWM"), BenchSupport.heapPeak() / 1024);
    }
}
