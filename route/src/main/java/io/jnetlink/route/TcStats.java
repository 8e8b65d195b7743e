package io.jnetlink.route;

import io.jnetlink.message.Attribute;

/**
 * The statistics of a qdisc, class or action (TCA_STATS2: gnet_stats_basic, gnet_stats_queue and the rate
 * estimator; or the old struct tc_stats), with the kind's own statistics (TCA_XSTATS / TCA_STATS_APP) kept apart.
 *
 * @param bytes      bytes sent
 * @param packets    packets sent
 * @param drops      packets dropped
 * @param overlimits times the flow went over its limit
 * @param requeues   packets requeued
 * @param backlog    bytes queued
 * @param qlen       packets queued
 * @param rateBps    estimated rate in bytes per second, or null without an estimator
 * @param ratePps    estimated rate in packets per second, or null without an estimator
 * @param hwBytes    bytes counted by hardware (TCA_STATS_BASIC_HW), or null
 * @param hwPackets  packets counted by hardware, or null
 * @param hasQueue   true when the queue statistics were sent (TCA_STATS_QUEUE)
 */
public record TcStats(long bytes, long packets, long drops, long overlimits, long requeues, long backlog, long qlen,
                      Long rateBps, Long ratePps, Long hwBytes, Long hwPackets, boolean hasQueue) {

    /** TCA_STATS2 (a nest of TCA_STATS_*). */
    static TcStats fromStats2(Attribute nest) {
        long bytes = 0;
        long packets = 0;
        long drops = 0;
        long overlimits = 0;
        long requeues = 0;
        long backlog = 0;
        long qlen = 0;
        Long bps = null;
        Long pps = null;
        Long hwBytes = null;
        Long hwPackets = null;
        boolean queue = false;
        boolean rate64 = false;
        for (Attribute a : nest.asNested()) {
            byte[] b = a.bytes();
            switch (a.type()) {
                case 1 -> { // basic: u64 bytes, u32 packets
                    bytes = u64(b, 0);
                    packets = u32(b, 8);
                }
                case 2 -> { // rate-est: u32 bps, u32 pps
                    if (!rate64) {
                        bps = u32(b, 0);
                        pps = u32(b, 4);
                    }
                }
                case 3 -> { // queue: qlen, backlog, drops, requeues, overlimits
                    queue = true;
                    qlen = u32(b, 0);
                    backlog = u32(b, 4);
                    drops = u32(b, 8);
                    requeues = u32(b, 12);
                    overlimits = u32(b, 16);
                }
                case 5 -> { // rate-est64
                    rate64 = true;
                    bps = u64(b, 0);
                    pps = u64(b, 8);
                }
                case 7 -> {
                    hwBytes = u64(b, 0);
                    hwPackets = u32(b, 8);
                }
                default -> {
                }
            }
        }
        return new TcStats(bytes, packets, drops, overlimits, requeues, backlog, qlen, bps, pps, hwBytes, hwPackets,
                queue);
    }

    /** The old TCA_STATS (struct tc_stats). */
    static TcStats fromStats(Attribute a) {
        byte[] b = a.bytes();
        return new TcStats(u64(b, 0), u32(b, 8), u32(b, 12), u32(b, 16), 0, u32(b, 32), u32(b, 28),
                u32(b, 20), u32(b, 24), null, null, true);
    }

    /** A little-endian u32 at {@code off}, 0 past the end (the kernel may send a shorter, older struct). */
    private static long u32(byte[] b, int off) {
        return off + 4 <= b.length ? Decode.u32(b, off) : 0;
    }

    private static long u64(byte[] b, int off) {
        return off + 8 <= b.length ? Decode.u64(java.util.Arrays.copyOfRange(b, off, off + 8), 0) : 0;
    }
}
