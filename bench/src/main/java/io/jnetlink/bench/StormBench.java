package io.jnetlink.bench;

import io.jnetlink.message.Marshal;
import io.jnetlink.message.MessageBuilder;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.message.OutgoingMessage;
import io.jnetlink.route.IPRoute;
import io.jnetlink.route.Route;
import io.jnetlink.route.RouteMonitor;
import io.jnetlink.socket.NetlinkEvent;
import io.jnetlink.socket.NetlinkSocket;
import io.jnetlink.socket.NetlinkSocketSpec;
import io.jnetlink.socket.OverrunException;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One listener of the broadcast storm benchmark: a NETLINK_ROUTE socket in a network namespace, bound to
 * RTNLGRP_IPV4_ROUTE, counting the RTM_NEWROUTE events of one routing table while {@code ip -batch}
 * writers add routes to it. {@code bench/run-storm.sh} starts it, waits for {@code READY}, runs the
 * writers and compares its result line with pyroute2's and {@code ip monitor}'s.
 *
 * <p>The socket is opened with {@link NetlinkSocketSpec} defaults: joining the group raises its kernel queue to
 * {@link NetlinkSocketSpec#MULTICAST_RCVBUF} (64 MiB with CAP_NET_ADMIN); {@code --rcvbuf BYTES} sets SO_RCVBUF
 * instead, and {@code --async-qsize N} bounds the reader's buffer. Modes:
 * <ul>
 * <li>{@code reader-decode}: {@code bind(groups, null, true)} starts jnetlink's reader thread; the consumer
 *     loops on {@link NetlinkSocket#get(Duration)} and decodes every message, header and every attribute,
 *     with {@link NetlinkMessage#toMap()} on a full {@code rtmsg} + {@code RTA_*} schema.</li>
 * <li>{@code reader-stall}: the same, but the consumer sleeps 2 s after {@code READY} before its first
 *     {@code get()}: the reader thread alone keeps the kernel queue from overflowing meanwhile.</li>
 * <li>{@code sync}: a plain bind without the reader; the consumer's {@code get()} receives itself (one
 *     datagram per call) and reads only the table attribute of each message.</li>
 * <li>{@code monitor}: a {@link RouteMonitor} (routes, no resync) on an {@link IPRoute}; the consumer counts its
 *     route changes.</li>
 * </ul>
 * Every {@link OverrunException} (ENOBUFS, or loss in the user-space buffer) is counted, with the datagrams it
 * says were lost, and the loop goes on. The listener exits when it has counted {@code --expect} events, or when nothing arrived for
 * {@code --idle-exit} seconds.
 *
 * <p>Output: {@code READY rcvbuf=<effective SO_RCVBUF>} once bound, then one line
 * {@code result received=... expected=... overruns=... kernel_drops=... queue_drops=... other=... user_s=...
 * sys_s=... cpu_s=... reader_cpu_s=... wall_s=... rss_kb=... rcvbuf=... decoded=... reported_lost=...
 * reported_kernel=... reported_queue=...}: the last three add up the overruns' counts. CPU is the whole
 * process's (every thread: reader, consumer, JIT, GC) from {@code READY} to the end, from /proc/self/stat;
 * {@code wall_s} runs from {@code READY} to the last counted event; {@code rss_kb} is the peak RSS (VmHWM).
 * By hand:
 * {@snippet lang=shell :
 * java --enable-native-access=ALL-UNNAMED -cp 'bench/target/*:bench/target/lib/*' \
 *      io.jnetlink.bench.StormBench --netns NS --mode reader-decode --expect 200000 --table 100 --idle-exit 5
 * }
 * A benchmark, not a test: it asserts nothing.
 */
public final class StormBench {
    /** RTNLGRP_IPV4_ROUTE (7) in the bind mask. */
    static final long RTMGRP_IPV4_ROUTE = 1L << 6;
    private static final int NETLINK_ROUTE = 0;
    /** USER_HZ: the unit of utime and stime in /proc/PID/stat (100 on every Linux ABI jnetlink runs on). */
    private static final double USER_HZ = 100.0;
    private static final long STALL_MILLIS = 2000;
    private static final int RTNLGRP_IPV4_ROUTE = 7;
    private static final int AF_INET = 2;
    /** Route dumps made by {@code --prewarm} before the group is joined. */
    private static final int PREWARM_DUMPS = 500;

    private StormBench() {
    }

    /**
     * Runs one listener.
     *
     * @param args {@code --netns NAME} (required), {@code --mode reader-decode|reader-stall|sync|monitor} (default
     *             reader-decode), {@code --expect N} (default 200000), {@code --table T} (default 100),
     *             {@code --idle-exit SECONDS} (default 5), {@code --rcvbuf BYTES} (default: the spec's),
     *             {@code --async-qsize N} (default: the spec's), {@code --stall SECONDS} (reader-stall: 2),
     *             {@code --prewarm} (bind without groups, make 500 route dumps through the
     *             socket, then join the group: the receive path is warm when the storm starts),
     *             {@code --trace} (diagnostic: print when the socket was read, see {@code TracingLibc}),
     *             {@code --sticky-nice} (what-if: the reader keeps its burst priority once raised)
     */
    public static void main(String[] args) {
        String netns = null;
        String mode = "reader-decode";
        long expect = 200_000;
        long table = 100;
        double idle = 5;
        Integer rcvbuf = null;
        Integer asyncQsize = null;
        double stall = STALL_MILLIS / 1000.0;
        boolean trace = false;
        boolean prewarm = false;
        boolean stickyNice = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--netns" -> netns = BenchSupport.value(args, ++i, "--netns");
                    case "--mode" -> {
                        mode = BenchSupport.value(args, ++i, "--mode");
                        if (!List.of("reader-decode", "reader-stall", "sync", "monitor").contains(mode)) {
                            throw new IllegalArgumentException("--mode must be reader-decode, reader-stall, sync or"
                                    + " monitor, got '" + mode + "'");
                        }
                    }
                    case "--expect" -> expect = number(BenchSupport.value(args, ++i, "--expect"), "--expect", 1, Integer.MAX_VALUE);
                    case "--table" -> table = number(BenchSupport.value(args, ++i, "--table"), "--table", 1, 0xffffffffL);
                    case "--idle-exit" -> idle = number(BenchSupport.value(args, ++i, "--idle-exit"), "--idle-exit", 1, 3600);
                    case "--rcvbuf" -> rcvbuf = (int) number(BenchSupport.value(args, ++i, "--rcvbuf"), "--rcvbuf", 1, 1 << 30);
                    case "--async-qsize" -> asyncQsize = (int) number(BenchSupport.value(args, ++i, "--async-qsize"),
                            "--async-qsize", 1, Integer.MAX_VALUE);
                    case "--stall" -> stall = number(BenchSupport.value(args, ++i, "--stall"), "--stall", 0, 3600);
                    case "--trace" -> trace = true;
                    case "--prewarm" -> prewarm = true;
                    case "--sticky-nice" -> stickyNice = true;
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
            System.err.println("StormBench: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        try {
            run(netns, mode, expect, table, idle, rcvbuf, asyncQsize, (long) (stall * 1000), trace, prewarm, stickyNice);
        } catch (IOException e) {
            System.err.println("StormBench: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            System.err.println("StormBench: interrupted");
            System.exit(1);
        }
    }

    private static String usage() {
        return "usage: StormBench --netns NAME [--mode reader-decode|reader-stall|sync|monitor] [--expect N (200000)]"
                + " [--table T (100)] [--idle-exit SECONDS (5)] [--rcvbuf BYTES (spec default)]"
                + " [--async-qsize N (spec default)] [--stall SECONDS (2)] [--prewarm] [--trace] [--sticky-nice]";
    }

    private static long number(String s, String option, long min, long max) {
        try {
            long v = Long.parseLong(s);
            if (v < min || v > max) {
                throw new IllegalArgumentException(option + " must be " + min + ".." + max + ", got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, got '" + s + "'");
        }
    }

    private static void run(String netns, String mode, long expect, long table, double idleSeconds, Integer rcvbuf,
                            Integer asyncQsize, long stallMillis, boolean trace, boolean prewarm, boolean stickyNice)
            throws IOException, InterruptedException {
        boolean reader = !mode.equals("sync");
        boolean decode = reader;
        NetlinkSocketSpec.Builder b = NetlinkSocketSpec.builder()
                .family(NETLINK_ROUTE)
                .netns(netns)
                .flags(0); // never create the namespace: the writers add their routes to the script's one
        if (rcvbuf != null) {
            b.rcvbuf(rcvbuf);
        }
        if (asyncQsize != null) {
            b.asyncQsize(asyncQsize);
        }
        TracingLibc tracer = trace || stickyNice ? new TracingLibc(io.jnetlink.sys.Libc.system(), stickyNice) : null;
        if (tracer != null) {
            b.libc(tracer);
        }
        long idleNanos = (long) (idleSeconds * 1e9);
        if (mode.equals("monitor")) {
            monitor(b.build(), expect, table, idleNanos);
            return;
        }
        long received = 0;
        long other = 0;
        long overruns = 0;
        long decoded = 0;
        long[] reported = new long[2];
        try (NetlinkSocket sock = new NetlinkSocket(b.build(), Marshal.classic(StormRoute.SCHEMA))) {
            if (prewarm) {
                // the receive path runs (and is compiled) before the first event can arrive: bound without
                // groups, route dumps answered through the same reader, then the group joined
                sock.bind(0, null, reader);
                OutgoingMessage dump = MessageBuilder.of(StormRoute.SCHEMA, "getroute").dump()
                        .header("family", AF_INET).build();
                for (int i = 0; i < PREWARM_DUMPS; i++) {
                    for (NetlinkMessage m : sock.request(dump).list()) {
                        decoded += decode ? m.toMap().size() : m.attributes().getLong("table", -1) > 0 ? 1 : 0;
                    }
                }
                decoded = 0;
                sock.addMembership(RTNLGRP_IPV4_ROUTE);
            } else {
                sock.bind(RTMGRP_IPV4_ROUTE, null, reader);
            }
            int effective = sock.getRcvbuf();
            long[] cpu0 = procCpuTicks();
            long t0 = System.nanoTime();
            if (trace) {
                tracer.origin(t0);
                System.err.printf(Locale.ROOT, "trace origin (READY) at JVM uptime %d ms%n",
                        ManagementFactory.getRuntimeMXBean().getUptime());
            }
            System.out.println("READY rcvbuf=" + effective);
            System.out.flush();
            if (mode.equals("reader-stall")) {
                Thread.sleep(stallMillis);
            }
            long lastData = System.nanoTime();
            long lastEvent = t0;
            Duration wait = Duration.ofMillis(200);
            while (received < expect) {
                List<NetlinkMessage> batch;
                try {
                    batch = sock.get(wait);
                } catch (OverrunException e) {
                    overruns++;
                    reported[0] += e.overrun().kernelDrops();
                    reported[1] += e.overrun().queueDrops();
                    lastData = System.nanoTime();
                    System.err.printf(Locale.ROOT, "overrun %d at %.3f s after READY, %d events counted: %s%n",
                            overruns, (lastData - t0) / 1e9, received, e.getMessage());
                    continue;
                }
                long now = System.nanoTime();
                if (batch.isEmpty()) {
                    if (now - lastData >= idleNanos) {
                        break;
                    }
                    continue;
                }
                lastData = now;
                for (NetlinkMessage m : batch) {
                    if (m.type() != StormRoute.RTM_NEWROUTE) {
                        other++;
                        continue;
                    }
                    long t;
                    if (decode) {
                        Map<String, Object> map = m.toMap();
                        decoded += map.size();
                        t = map.get("table") instanceof Number n ? n.longValue() : -1;
                    } else {
                        t = m.attributes().getLong("table", -1);
                    }
                    if (t == table) {
                        received++;
                        lastEvent = now;
                    } else {
                        other++;
                    }
                }
            }
            long[] cpu1 = procCpuTicks();
            double readerCpu = readerCpuSeconds();
            double user = (cpu1[0] - cpu0[0]) / USER_HZ;
            double sys = (cpu1[1] - cpu0[1]) / USER_HZ;
            System.out.printf(Locale.ROOT, "result received=%d expected=%d overruns=%d kernel_drops=%d queue_drops=%d"
                            + " other=%d user_s=%.2f sys_s=%.2f cpu_s=%.2f reader_cpu_s=%s wall_s=%.3f rss_kb=%d"
                            + " rcvbuf=%d decoded=%d reported_lost=%d reported_kernel=%d reported_queue=%d%n",
                    received, expect, overruns, sock.kernelDrops(), sock.backlogDropped(), other, user, sys,
                    user + sys, reader ? String.format(Locale.ROOT, "%.2f", readerCpu) : "-",
                    (lastEvent - t0) / 1e9, BenchSupport.procStatusKb("VmHWM"), effective, decoded,
                    reported[0] + reported[1], reported[0], reported[1]);
            if (trace) {
                tracer.print(System.err, 40, 5.0);
            }
        }
    }

    /**
     * The {@code monitor} mode: a RouteMonitor (routes, no resync) counting the new routes of {@code table}, with the
     * same result line.
     */
    private static void monitor(NetlinkSocketSpec spec, long expect, long table, long idleNanos)
            throws IOException {
        long received = 0;
        long other = 0;
        long overruns = 0;
        long kernel = 0;
        long queue = 0;
        try (IPRoute ip = new IPRoute(spec)) {
            RouteMonitor mon = ip.monitor(EnumSet.of(RouteMonitor.Kind.ROUTE), false);
            NetlinkSocket sock = ip.socket();
            int effective = sock.getRcvbuf();
            long[] cpu0 = procCpuTicks();
            long t0 = System.nanoTime();
            System.out.println("READY rcvbuf=" + effective);
            System.out.flush();
            long lastData = t0;
            long lastEvent = t0;
            while (received < expect) {
                List<RouteMonitor.Event> events = mon.next(Duration.ofMillis(200));
                long now = System.nanoTime();
                if (events.isEmpty()) {
                    if (now - lastData >= idleNanos) {
                        break;
                    }
                    continue;
                }
                lastData = now;
                for (RouteMonitor.Event e : events) {
                    switch (e) {
                        case RouteMonitor.Change c when !c.deleted() && c.object() instanceof Route r && r.table() == table -> {
                            received++;
                            lastEvent = now;
                        }
                        case RouteMonitor.Change c -> other++;
                        case RouteMonitor.Overrun o -> {
                            NetlinkEvent.Overrun x = o.overrun();
                            overruns++;
                            kernel += x.kernelDrops();
                            queue += x.queueDrops();
                            System.err.printf(Locale.ROOT, "overrun %d at %.3f s after READY, %d events counted: %s%n",
                                    overruns, (now - t0) / 1e9, received, x);
                        }
                    }
                }
            }
            long[] cpu1 = procCpuTicks();
            double user = (cpu1[0] - cpu0[0]) / USER_HZ;
            double sys = (cpu1[1] - cpu0[1]) / USER_HZ;
            System.out.printf(Locale.ROOT, "result received=%d expected=%d overruns=%d kernel_drops=%d queue_drops=%d"
                            + " other=%d user_s=%.2f sys_s=%.2f cpu_s=%.2f reader_cpu_s=%.2f wall_s=%.3f rss_kb=%d"
                            + " rcvbuf=%d decoded=- reported_lost=%d reported_kernel=%d reported_queue=%d%n",
                    received, expect, overruns, sock.kernelDrops(), sock.backlogDropped(), other, user, sys,
                    user + sys, readerCpuSeconds(), (lastEvent - t0) / 1e9, BenchSupport.procStatusKb("VmHWM"),
                    effective, kernel + queue, kernel, queue);
        }
    }

    /** utime and stime of the whole process, in clock ticks (fields 14 and 15 of /proc/self/stat). */
    private static long[] procCpuTicks() throws IOException {
        String s = Files.readString(Path.of("/proc/self/stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        // f[0] is field 3 (state): utime is field 14, stime field 15
        return new long[]{Long.parseLong(f[11]), Long.parseLong(f[12])};
    }

    /** CPU time of the jnetlink reader thread, if one runs. */
    private static double readerCpuSeconds() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("jnetlink-reader"))
                .mapToLong(t -> threads.getThreadCpuTime(t.threadId()))
                .filter(ns -> ns > 0)
                .sum() / 1e9;
    }}
