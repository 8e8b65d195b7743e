package io.jnetlink.bench;

import io.jnetlink.NetlinkException;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.message.OutgoingMessage;
import io.jnetlink.socket.NetlinkSocket;
import io.jnetlink.socket.NetlinkSocketSpec;
import io.jnetlink.socket.Replies;
import io.jnetlink.sys.Libc;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The raw dump path of jnetlink core, measured: an IPv4 route dump (RTM_GETROUTE, NLM_F_DUMP) in a
 * network namespace, received through {@link NetlinkSocket#stream} and read in place through a cursor
 * ({@link Replies#read}: every datagram checked at the door, every message's header read, {@code length()},
 * {@code type()}, {@code flags()}, {@code seq()}; {@code --mode views} reads the same through one
 * {@link NetlinkMessage} view per message, {@link Replies#next()}).
 * No attribute is decoded: this is the path every higher layer pays for, and the C program
 * {@code bench/c/rtdump.c} does the same work with a bare recvmsg loop, so the ratio between the two
 * is what jnetlink adds.
 *
 * <p>A benchmark, not a test: it asserts no time. {@code bench/run-rawdump.sh} fills a fresh namespace
 * with 262,144 routes and runs this class and the C loop side by side. By hand:
 * {@snippet lang=shell :
 * java --enable-native-access=ALL-UNNAMED -cp 'bench/target/*:bench/target/lib/*' \
 *      io.jnetlink.bench.RawDumpBench --netns NAME --runs 10 --warmup 3
 * }
 *
 * <p>Output (the same line shapes as rtdump, which the run script parses): one
 * {@code run <i> <warm|measured> time_ms=... cpu_ms=... datagrams=... messages=... checksum=...} line
 * per dump, then {@code summary runs=... best_ms=... median_ms=... ...} with memory figures.
 * {@code time_ms} is wall time from send to the end of the dump, {@code cpu_ms} the reading thread's
 * CPU time over the same span. {@code messages} counts data messages (NLMSG_DONE is not handed out by
 * {@link Replies}); {@code checksum} is the sum of nlmsg_len + nlmsg_type + nlmsg_flags over them,
 * comparable with rtdump's.
 *
 * <p>Two more modes take the result apart. {@code --mode replay}: the first dump's datagrams are
 * captured and every later dump is served from memory by a stand-in {@link Libc} (poll says ready,
 * recvmsg copies the next datagram, sequence number and port patched in before the clock starts), so
 * the same jnetlink code runs without the kernel: what jnetlink itself costs per dump.
 * {@code --mode bare}: rtdump's loop written in Java on the same socket's descriptor (blocking recvmsg
 * into one 32 KiB native segment through {@link Libc#system()}, headers read in place, no copy and no
 * objects): what the JVM and FFM cost before jnetlink does anything.
 */
public final class RawDumpBench {
    private static final int RTM_GETROUTE = 26;
    private static final int NLM_F_REQUEST_DUMP = 0x301;
    private static final int AF_INET = 2;
    private static final int NETLINK_ROUTE = 0;

    private RawDumpBench() {
    }

    /** What one dump saw. */
    private record Run(long nanos, long cpuNanos, long datagrams, long messages, long checksum, long allocated) {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --netns NAME} (required: an existing namespace under /run/netns or a path),
     *             {@code --runs N} (measured dumps, default 10), {@code --warmup N} (dumps run first and
     *             not counted, default 3), {@code --mode stream|replay|bare} (default stream; see the
     *             class comment)
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
                        if (!List.of("stream", "views", "replay", "bare").contains(mode)) {
                            throw new IllegalArgumentException("--mode must be stream, views, replay or bare, got '"
                                    + mode + "'");
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
            System.err.println("RawDumpBench: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        try {
            run(netns, runs, warmup, mode);
        } catch (NetlinkException e) {
            System.err.println("RawDumpBench: " + e.getMessage());
            System.exit(1);
        }
    }

    private static String usage() {
        return "usage: RawDumpBench --netns NAME [--runs N (10)] [--warmup N (3)] [--mode stream|views|replay|bare]";
    }

    /** nlmsghdr (16 bytes) + rtmsg (12 bytes, rtm_family AF_INET), NLM_F_REQUEST | NLM_F_DUMP. */
    static OutgoingMessage request() {
        ByteBuffer b = ByteBuffer.allocate(28).order(ByteOrder.nativeOrder());
        b.putInt(28).putShort((short) RTM_GETROUTE).putShort((short) NLM_F_REQUEST_DUMP).putInt(0).putInt(0);
        b.put((byte) AF_INET);
        return OutgoingMessage.ofBytes(b.array());
    }

    private static void run(String netns, int runs, int warmup, String mode) throws NetlinkException {
        boolean replay = mode.equals("replay");
        boolean bare = mode.equals("bare");
        boolean views = mode.equals("views");
        BenchLibc libc = new BenchLibc(Libc.system());
        NetlinkSocketSpec spec = NetlinkSocketSpec.builder()
                .family(NETLINK_ROUTE)
                .netns(netns)
                .flags(0) // never create the namespace: it must be the one the routes were added to
                .libc(libc)
                .build();
        OutgoingMessage req = request();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
        long[] times = new long[runs];
        long[] cpu = new long[runs];
        Run last = null;
        long gcCount0 = 0;
        long gcMillis0 = 0;
        long allocated = 0;
        try (NetlinkSocket sock = new NetlinkSocket(spec)) {
            BareLoop loop = null;
            if (bare) {
                sock.bind();
                loop = new BareLoop(sock.fileno());
            }
            if (replay) {
                libc.capture = new ArrayList<>();
                Run r = dump(sock, req, libc, threads, false);
                System.out.printf(Locale.ROOT, "capture datagrams=%d messages=%d checksum=%d%n",
                        r.datagrams, r.messages, r.checksum);
            }
            for (int i = 0; i < warmup + runs; i++) {
                if (replay) {
                    libc.prepareReplay((int) sock.port());
                }
                boolean measured = i >= warmup;
                if (i == warmup) {
                    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
                    gcCount0 = gcs.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
                    gcMillis0 = gcs.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
                }
                Run r = bare ? loop.dump(i + 1, threads) : dump(sock, req, libc, threads, views);
                System.out.printf(Locale.ROOT, "run %d %s time_ms=%.3f cpu_ms=%.3f datagrams=%d messages=%d checksum=%d"
                                + " alloc_kb=%d%n", measured ? i - warmup + 1 : i + 1, measured ? "measured" : "warm",
                        r.nanos / 1e6, r.cpuNanos / 1e6, r.datagrams, r.messages, r.checksum, r.allocated / 1024);
                if (measured) {
                    times[i - warmup] = r.nanos;
                    cpu[i - warmup] = r.cpuNanos;
                    allocated += r.allocated;
                }
                last = r;
            }
        }
        long gcCount = gcs.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum() - gcCount0;
        long gcMillis = gcs.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum() - gcMillis0;
        long heapPeak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        Runtime rt = Runtime.getRuntime();
        Arrays.sort(times);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "summary runs=%d best_ms=%.3f median_ms=%.3f best_cpu_ms=%.3f median_cpu_ms=%.3f"
                        + " datagrams=%d messages=%d checksum=%d max_rss_kb=%d alloc_per_run_kb=%d heap_peak_kb=%d"
                        + " heap_committed_kb=%d gc_count=%d gc_ms=%d%n",
                runs, times[0] / 1e6, BenchSupport.median(times) / 1e6, cpu[0] / 1e6, BenchSupport.median(cpu) / 1e6,
                last.datagrams, last.messages, last.checksum,
                BenchSupport.procStatusKb("VmHWM"), allocated / runs / 1024, heapPeak / 1024, rt.totalMemory() / 1024,
                gcCount, gcMillis);
    }

    /** Counts what a dump's reader saw; the cursor path's visitor updates it in place. */
    private static final class Tally {
        long messages;
        long checksum;
        int seq;

        void add(int seqOf, int length, int type, int flags) {
            if (messages++ == 0) {
                seq = seqOf;
            } else if (seqOf != seq) {
                throw new IllegalStateException("reply with seq " + seqOf + " in the dump of seq " + seq);
            }
            checksum += length + type + flags;
        }
    }

    /** One dump: send, then read every reply as it arrives, reading each header (in place, or through views). */
    private static Run dump(NetlinkSocket sock, OutgoingMessage req, BenchLibc libc,
                            com.sun.management.ThreadMXBean threads, boolean views) throws NetlinkException {
        long alloc0 = threads.getCurrentThreadAllocatedBytes();
        long datagrams0 = libc.datagrams;
        Tally t = new Tally();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        try (Replies replies = sock.stream(req)) {
            if (views) {
                NetlinkMessage m;
                while ((m = replies.next()) != null) {
                    t.add(m.seq(), m.length(), m.type(), m.flags());
                }
            } else {
                replies.read(m -> t.add(m.seq(), m.length(), m.type(), m.flags()));
            }
        }
        long messages = t.messages;
        long checksum = t.checksum;
        long t1 = System.nanoTime();
        long c1 = threads.getCurrentThreadCpuTime();
        return new Run(t1 - t0, c1 - c0, libc.datagrams - datagrams0, messages, checksum,
                threads.getCurrentThreadAllocatedBytes() - alloc0);
    }

    /**
     * rtdump's loop in Java: a request written into native memory, then blocking recvmsg into one
     * 32 KiB native segment, every header read in place; nothing is copied or allocated per datagram.
     */
    private static final class BareLoop {
        private static final int NLMSG_NOOP = 1;
        private static final int NLMSG_ERROR = 2;
        private static final int NLMSG_DONE = 3;
        private final Libc libc = Libc.system();
        private final int fd;
        /** Direct buffers: the system's Libc hands them to the kernel in place, as a C program would. */
        private final ByteBuffer req = ByteBuffer.allocateDirect(28).order(ByteOrder.nativeOrder());
        private final ByteBuffer buf = ByteBuffer.allocateDirect(32768).order(ByteOrder.nativeOrder());
        private final Libc.RecvInfo info = new Libc.RecvInfo();

        BareLoop(int fd) {
            this.fd = fd;
        }

        Run dump(int seq, com.sun.management.ThreadMXBean threads) {
            long alloc0 = threads.getCurrentThreadAllocatedBytes();
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < 28; i++) {
                req.put(i, (byte) 0);
            }
            req.putInt(0, 28);
            req.putShort(4, (short) RTM_GETROUTE);
            req.putShort(6, (short) NLM_F_REQUEST_DUMP);
            req.putInt(8, seq);
            req.put(16, (byte) AF_INET);
            long sent = libc.sendto(fd, req, 0, 28, 0);
            if (sent != 28) {
                throw new IllegalStateException("sendto returned " + sent);
            }
            long datagrams = 0;
            long messages = 0;
            long checksum = 0;
            while (true) {
                long n = libc.recvmsg(fd, buf, 0, buf.capacity(), 0, info);
                if (n == -4) { // EINTR
                    continue;
                }
                if (n < 0 || n > buf.capacity()) {
                    throw new IllegalStateException("recvmsg returned " + n);
                }
                datagrams++;
                int p = 0;
                while (p + 16 <= n) {
                    int len = buf.getInt(p);
                    int type = buf.getShort(p + 4) & 0xffff;
                    int flags = buf.getShort(p + 6) & 0xffff;
                    if (len < 16 || p + len > n || buf.getInt(p + 8) != seq) {
                        throw new IllegalStateException("bad message at byte " + p + " of a " + n + "-byte datagram");
                    }
                    if (type == NLMSG_DONE || type == NLMSG_ERROR) {
                        int err = len >= 20 ? buf.getInt(p + 16) : 0;
                        if (type == NLMSG_ERROR || err < 0) {
                            throw new IllegalStateException("the kernel answered errno " + -err);
                        }
                        long t1 = System.nanoTime();
                        return new Run(t1 - t0, threads.getCurrentThreadCpuTime() - c0, datagrams, messages, checksum,
                                threads.getCurrentThreadAllocatedBytes() - alloc0);
                    }
                    if (type != NLMSG_NOOP) {
                        messages++;
                        checksum += len + type + flags;
                    }
                    p += (len + 3) & ~3;
                }
            }
        }
    }

    /**
     * The system's {@link Libc}, counting the datagrams recvmsg returns; with a capture list it also
     * keeps a copy of each, and once {@link #prepareReplay} ran it serves poll, sendto and recvmsg from
     * the captured datagrams instead of the kernel. Everything else is passed through. Used by one
     * thread at a time (the one running the dumps).
     */
    private static final class BenchLibc extends ForwardingLibc {
        private static final short POLLIN = 1;
        long datagrams;
        List<byte[]> capture;
        private byte[][] script;
        private int next;
        private int lastSeq;
        private int expectSeq;

        BenchLibc(Libc delegate) {
            super(delegate);
        }

        /**
         * Makes the next dump a replay: the captured datagrams with the sequence number the socket will
         * use next (one more than the last request's) and {@code port} written into every message.
         */
        void prepareReplay(int port) {
            expectSeq = lastSeq + 1;
            if (script == null) {
                script = capture.toArray(new byte[0][]);
                capture = null;
            }
            for (byte[] d : script) {
                ByteBuffer s = ByteBuffer.wrap(d).order(ByteOrder.nativeOrder());
                for (int p = 0; p + 16 <= d.length; p += (s.getInt(p) + 3) & ~3) {
                    s.putInt(p + 8, expectSeq);
                    s.putInt(p + 12, port);
                }
            }
            next = 0;
        }

        @Override
        public int recvmmsg(int fd, ByteBuffer buffer, int slotSize, int flags, long[] lengths, RecvInfo[] infos) {
            if (script != null) { // replay: one captured datagram per call
                long r = recvmsg(fd, buffer, 0, slotSize, flags & ~MSG_WAITFORONE, infos[0]);
                if (r < 0) {
                    return (int) r;
                }
                lengths[0] = r;
                return 1;
            }
            int n = d.recvmmsg(fd, buffer, slotSize, flags, lengths, infos);
            for (int i = 0; i < n; i++) {
                datagrams++;
                if (capture != null) {
                    byte[] copy = new byte[(int) Math.min(lengths[i], slotSize)];
                    buffer.get(i * slotSize, copy, 0, copy.length);
                    capture.add(copy);
                }
            }
            return n;
        }

        @Override
        public long recvmsg(int fd, ByteBuffer buffer, int offset, int length, int flags, RecvInfo info) {
            if (script != null) {
                if (next == script.length) {
                    return -11; // EAGAIN: the replayed dump is over
                }
                byte[] s = script[next++];
                buffer.put(offset, s, 0, s.length);
                info.reset();
                datagrams++;
                return s.length;
            }
            long n = d.recvmsg(fd, buffer, offset, length, flags, info);
            if (n >= 0) {
                datagrams++;
                if (capture != null) {
                    byte[] copy = new byte[(int) Math.min(n, length)];
                    buffer.get(offset, copy, 0, copy.length);
                    capture.add(copy);
                }
            }
            return n;
        }

        @Override
        public int poll(int[] fds, short[] events, short[] revents, int timeoutMillis) {
            if (script != null) {
                Arrays.fill(revents, (short) 0);
                revents[0] = POLLIN;
                return 1;
            }
            return d.poll(fds, events, revents, timeoutMillis);
        }

        @Override
        public long sendto(int fd, ByteBuffer buffer, int offset, int length, int flags) {
            lastSeq = buffer.duplicate().order(ByteOrder.nativeOrder()).getInt(offset + 8);
            if (script != null) {
                if (lastSeq != expectSeq) {
                    throw new IllegalStateException("replay prepared for seq " + expectSeq + ", request has " + lastSeq);
                }
                return length;
            }
            return d.sendto(fd, buffer, offset, length, flags);
        }

    }
}
