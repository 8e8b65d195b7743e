package io.jnetlink.bench;

import io.jnetlink.Netlink;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.MessageBuilder;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.socket.NetlinkSocket;
import io.jnetlink.socket.NetlinkSocketSpec;
import io.jnetlink.socket.Replies;

import io.jnetlink.ynl.YnlFamily;
import io.jnetlink.ynl.YnlSpec;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A full IPv4 route dump decoded to maps, per message: {@code --mode spec} through the kernel's rt_route YNL spec
 * ({@link YnlFamily}), {@code --mode hand} through a hand-written rtmsg definition ({@link StormRoute}, the same
 * codec; the route module's definitions are not in this tree). Run inside the namespace holding the routes.
 * Prints one line per dump and a summary with the peak heap (streaming: the dump is never held whole).
 *
 * <p>Usage: {@code YnlDumpBench --mode spec|hand --spec FILE [--runs N] [--warmup N]}
 */
public final class YnlDumpBench {
    private YnlDumpBench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = "spec";
        String specFile = null;
        int runs = 5;
        int warmup = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mode" -> mode = args[++i];
                case "--spec" -> specFile = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        NetlinkSocketSpec base = NetlinkSocketSpec.builder().family(Netlink.NETLINK_ROUTE).rcvsize(128 * 1024).build();
        YnlFamily spec = mode.equals("spec") ? YnlFamily.open(YnlSpec.load(Path.of(specFile)), base) : null;
        NetlinkSocket hand = mode.equals("hand") ? new NetlinkSocket(base, Marshal.classic(StormRoute.SCHEMA)) : null;
        long peak = 0;
        for (int r = 0; r < warmup + runs; r++) {
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long t0 = System.nanoTime();
            long[] count = {0, 0};
            if (spec != null) {
                try (Stream<Map<String, Object>> s = spec.dump("getroute", Map.of("rtm-family", 2))) {
                    s.forEach(m -> {
                        count[0]++;
                        count[1] += m.size();
                    });
                }
            } else {
                try (Replies rep = hand.stream(MessageBuilder.of(StormRoute.SCHEMA, "getroute").dump()
                        .header("family", 2).build())) {
                    for (NetlinkMessage m : rep) {
                        Map<String, Object> v = m.toMap();
                        count[0]++;
                        count[1] += v.size();
                    }
                }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long p = heap.stream().mapToLong(x -> x.getPeakUsage().getUsed()).sum();
            if (r >= warmup) {
                peak = Math.max(peak, p);
            }
            System.out.printf("run %d %s time_ms=%d messages=%d values=%d heap_peak_mb=%d%n", r,
                    r < warmup ? "warmup" : "measured", ms, count[0], count[1], p >> 20);
        }
        System.out.printf("summary mode=%s heap_peak_mb=%d max_heap_mb=%d%n", mode, peak >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        if (spec != null) {
            spec.close();
        }
        if (hand != null) {
            hand.close();
        }
    }
}
