package io.jnetlink.route;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A qdisc, class or filter kind with its options, as requests take them: the TCA_KIND and the TCA_OPTIONS value
 * by {@link Tc}'s definitions' names. {@link #of} takes any kind's options as a map; the builders here compute
 * what tc computes for the common kinds (htb's rate tables and burst in scheduler ticks, netem's percentages,
 * u32's selector keys, flower's keys), attribute by attribute in tc's order, so a request is the bytes tc sends.
 * Rates are in bytes per second, sizes in bytes, times in microseconds.
 */
public interface TcOptions {
    /**
     * The kind, sent as TCA_KIND: the qdisc, class or filter type (htb, fq_codel, u32, ...).
     *
     * @return the kind (TCA_KIND)
     */
    String kind();

    /**
     * The options, sent as TCA_OPTIONS.
     *
     * @return the options: a map by the definitions' names, a byte[] sent as it is, or null to send none
     */
    Object value();

    /**
     * Any kind with options by the definitions' names (see {@link Tc}: e.g. fq_codel's "limit", "target").
     *
     * @param kind    the kind
     * @param options the options; their names and values are checked when the request is built
     * @return the options
     */
    static TcOptions of(String kind, Map<String, ?> options) {
        Map<String, Object> copy = new LinkedHashMap<>(options);
        return simple(kind, copy);
    }

    /**
     * A kind with its options as bytes, sent as they are (a kind without a definition here, say).
     *
     * @param kind    the kind
     * @param options TCA_OPTIONS' payload
     * @return the options
     */
    static TcOptions raw(String kind, byte[] options) {
        return simple(kind, options.clone());
    }

    /**
     * A kind without TCA_OPTIONS (ingress, clsact, noqueue, mq, ...).
     *
     * @param kind the kind
     * @return the options
     */
    static TcOptions none(String kind) {
        return simple(kind, null);
    }

    private static TcOptions simple(String kind, Object value) {
        if (kind == null || kind.isEmpty() || kind.length() > 15) {
            throw new IllegalArgumentException("'" + kind + "' is not a kind");
        }
        return new TcOptions() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public Object value() {
                return value;
            }
        };
    }

    /**
     * htb's qdisc options, to set further with the builder's methods.
     *
     * @return htb's qdisc options (r2q 10, no default class)
     */
    static Htb htb() {
        return new Htb();
    }

    /**
     * htb's class options.
     *
     * @param rate guaranteed rate, bytes per second
     * @param ceil the most it may borrow up to, bytes per second (at least {@code rate})
     * @return the options
     */
    static HtbClass htbClass(long rate, long ceil) {
        return new HtbClass(rate, ceil);
    }

    /**
     * fq_codel's options, to set further with the builder's methods.
     *
     * @return fq_codel's options (the kernel's defaults until set)
     */
    static FqCodel fqCodel() {
        return new FqCodel();
    }

    /**
     * netem's options, to set further with the builder's methods.
     *
     * @return netem's options (limit 1000 packets, no impairment until set)
     */
    static Netem netem() {
        return new Netem();
    }

    /**
     * tbf's options.
     *
     * @param rate    the rate, bytes per second
     * @param burst   the bucket size, bytes
     * @param latency the longest a packet may wait, microseconds (the queue limit follows from it)
     * @return the options
     */
    static Tbf tbf(long rate, int burst, long latency) {
        return new Tbf(rate, burst, latency);
    }

    /**
     * A u32 classifier, to add keys, a flowid and actions to.
     *
     * @return a u32 classifier with no keys yet
     */
    static U32 u32() {
        return new U32();
    }

    /**
     * A flower classifier, to add keys, a classid and actions to.
     *
     * @return a flower classifier with no keys yet
     */
    static Flower flower() {
        return new Flower();
    }

    /**
     * A matchall classifier: every packet matches; add a classid or actions.
     *
     * @return a matchall classifier
     */
    static Matchall matchall() {
        return new Matchall();
    }

    /**
     * The generic action (gact) with a control verdict.
     *
     * @param control drop (shot), pass (ok), pipe, reclassify, continue, stolen, trap
     * @return the action
     */
    static Action gact(String control) {
        Map<String, Object> parms = new LinkedHashMap<>();
        parms.put("index", 0);
        parms.put("capab", 0);
        parms.put("action", TcWords.control(control));
        parms.put("refcnt", 0);
        parms.put("bindcnt", 0);
        return new Action("gact", Map.of("parms", parms));
    }

    /**
     * The mirred action: redirect or mirror packets to a device.
     *
     * @param ingress true to deliver as received by the device, false to send out of it (egress)
     * @param mirror  true to copy (the packet goes on, control pipe), false to redirect (stolen)
     * @param ifindex the device's ifindex ({@link TrafficControl#index})
     * @return the action
     */
    static Action mirred(boolean ingress, boolean mirror, int ifindex) {
        Map<String, Object> parms = new LinkedHashMap<>();
        parms.put("index", 0);
        parms.put("capab", 0);
        parms.put("action", mirror ? 3 : 4);
        parms.put("refcnt", 0);
        parms.put("bindcnt", 0);
        parms.put("eaction", ingress ? (mirror ? 4 : 3) : (mirror ? 2 : 1));
        parms.put("ifindex", ifindex);
        return new Action("mirred", Map.of("parms", parms));
    }

    /**
     * An action of a filter: its kind (TCA_ACT_KIND) and options (TCA_ACT_OPTIONS) by the definitions' names.
     *
     * @param kind    gact, mirred, ...
     * @param options the action's options
     */
    record Action(String kind, Map<String, Object> options) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", kind);
            m.put("options", options);
            return m;
        }
    }

    // ------------------------------------------------------------------ the scheduler clock, as tc reads it

    /** /proc/net/psched: microseconds to scheduler ticks, as tc's tc_core_init computes them. */
    final class Psched {
        /** Scheduler ticks per microsecond (15.625 on Linux since 2.6.23). */
        public static final double TICK_IN_USEC = read();

        private Psched() {
        }

        private static double read() {
            try {
                String[] f = Files.readString(Path.of("/proc/net/psched")).trim().split("\\s+");
                long t2us = Long.parseLong(f[0], 16);
                long us2t = Long.parseLong(f[1], 16);
                long clockRes = Long.parseLong(f[2], 16);
                if (clockRes == 1_000_000_000L) {
                    t2us = us2t;
                }
                return (double) t2us / us2t * ((double) clockRes / 1_000_000);
            } catch (IOException | RuntimeException e) {
                return 15.625; // Linux since 2.6.23: 64 ns ticks
            }
        }

        /**
         * tc_core_time2tick.
         *
         * @param usec microseconds
         * @return scheduler ticks
         */
        public static long ticks(long usec) {
            return (long) ((double) (usec & 0xffffffffL) * TICK_IN_USEC) & 0xffffffffL;
        }

        /**
         * tc_calc_xmittime.
         *
         * @param rate bytes per second
         * @param size bytes
         * @return the ticks to send {@code size} bytes at {@code rate}
         */
        public static long xmittime(long rate, long size) {
            return ticks((long) (1_000_000.0 * ((double) size / (double) rate)));
        }

        /**
         * tc_calc_xmitsize.
         *
         * @param rate  bytes per second
         * @param ticks scheduler ticks
         * @return the bytes sent in {@code ticks} at {@code rate}
         */
        public static long xmitsize(long rate, long ticks) {
            long usec = (long) ((double) ticks / TICK_IN_USEC) & 0xffffffffL;
            return (long) ((double) rate * usec / 1_000_000) & 0xffffffffL;
        }

        /** tc_calc_rtable: a ratespec's table of 256 transmit times; returns the cell log used. */
        static int rtable(Map<String, Object> parms, String prefix, long rate, int mtu, byte[] table) {
            if (mtu == 0) {
                mtu = 2047;
            }
            int cellLog = 0;
            while ((mtu >> cellLog) > 255) {
                cellLog++;
            }
            for (int i = 0; i < 256; i++) {
                long t = xmittime(rate, (long) (i + 1) << cellLog);
                table[i * 4] = (byte) t;
                table[i * 4 + 1] = (byte) (t >> 8);
                table[i * 4 + 2] = (byte) (t >> 16);
                table[i * 4 + 3] = (byte) (t >> 24);
            }
            parms.put(prefix + "cell-log", cellLog);
            parms.put(prefix + "linklayer", 1);
            parms.put(prefix + "overhead", 0);
            parms.put(prefix + "cell-align", -1);
            parms.put(prefix + "mpu", 0);
            parms.put(prefix + "rate", Math.min(rate, 0xffffffffL));
            return cellLog;
        }

        /** A percentage as the kernel's u32 fraction (tc's set_percent: rint(pct / 100 * UINT32_MAX)). */
        static long percent(double pct, String what) {
            if (!(pct >= 0 && pct <= 100)) {
                throw new IllegalArgumentException(what + " " + pct + "% is outside 0..100");
            }
            return (long) Math.rint(pct / 100 * 0xffffffffL);
        }
    }

    // ------------------------------------------------------------------ qdiscs and classes

    /** htb's qdisc options (TCA_HTB_INIT, TCA_HTB_DIRECT_QLEN). */
    final class Htb implements TcOptions {
        private int r2q = 10;
        private int defcls;
        private Long directQlen;

        private Htb() {
        }

        /**
         * The class unclassified traffic goes to (its minor: 0x10 for 1:10); 0, the default, sends it directly.
         *
         * @param minor the class's minor number
         * @return this
         */
        public Htb defaultClass(int minor) {
            if (minor < 0 || minor > 0xffff) {
                throw new IllegalArgumentException("default class " + minor + " is outside 0..0xffff");
            }
            this.defcls = minor;
            return this;
        }

        /**
         * The rate-to-quantum divisor (default 10).
         *
         * @param r the divisor
         * @return this
         */
        public Htb r2q(int r) {
            if (r < 1) {
                throw new IllegalArgumentException("r2q " + r + " must be positive");
            }
            this.r2q = r;
            return this;
        }

        /**
         * The length of the queue of directly sent packets.
         *
         * @param n packets
         * @return this
         */
        public Htb directQlen(long n) {
            if (n < 0 || n > 0xffffffffL) {
                throw new IllegalArgumentException("direct_qlen " + n + " is out of range");
            }
            this.directQlen = n;
            return this;
        }

        @Override
        public String kind() {
            return "htb";
        }

        @Override
        public Object value() {
            Map<String, Object> init = new LinkedHashMap<>();
            init.put("version", 3);
            init.put("rate2quantum", r2q);
            init.put("defcls", defcls);
            init.put("debug", 0);
            init.put("direct-pkts", 0);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("init", init);
            if (directQlen != null) {
                m.put("direct-qlen", directQlen);
            }
            return m;
        }
    }

    /** htb's class options (TCA_HTB_PARMS with the rate tables). */
    final class HtbClass implements TcOptions {
        private final long rate;
        private final long ceil;
        private long burst = -1;
        private long cburst = -1;
        private int prio;
        private long quantum;
        private int mtu = 1600;

        private HtbClass(long rate, long ceil) {
            if (rate <= 0) {
                throw new IllegalArgumentException("rate " + rate + " must be positive");
            }
            if (ceil < rate) {
                throw new IllegalArgumentException("ceil " + ceil + " is below rate " + rate);
            }
            this.rate = rate;
            this.ceil = ceil;
        }

        /**
         * The bytes that may be sent at full speed at once at the rate (default rate/HZ + mtu).
         *
         * @param bytes the burst
         * @return this
         */
        public HtbClass burst(long bytes) {
            this.burst = size(bytes, "burst");
            return this;
        }

        /**
         * The burst at the ceil rate.
         *
         * @param bytes the burst
         * @return this
         */
        public HtbClass cburst(long bytes) {
            this.cburst = size(bytes, "cburst");
            return this;
        }

        /**
         * The priority (0 highest, 7 lowest).
         *
         * @param p the priority
         * @return this
         */
        public HtbClass prio(int p) {
            if (p < 0 || p > 7) {
                throw new IllegalArgumentException("prio " + p + " is outside 0..7");
            }
            this.prio = p;
            return this;
        }

        /**
         * The bytes served per round (default rate / r2q).
         *
         * @param q the quantum
         * @return this
         */
        public HtbClass quantum(long q) {
            this.quantum = size(q, "quantum");
            return this;
        }

        /**
         * The largest packet for the rate tables (default 1600).
         *
         * @param m the mtu
         * @return this
         */
        public HtbClass mtu(int m) {
            this.mtu = (int) size(m, "mtu");
            return this;
        }

        private static long size(long v, String what) {
            if (v < 0 || v > 0xffffffffL) {
                throw new IllegalArgumentException(what + " " + v + " is out of range");
            }
            return v;
        }

        @Override
        public String kind() {
            return "htb";
        }

        @Override
        public Object value() {
            long b = burst >= 0 ? burst : rate / 1_000_000_000L + mtu;
            long cb = cburst >= 0 ? cburst : ceil / 1_000_000_000L + mtu;
            Map<String, Object> parms = new LinkedHashMap<>();
            byte[] rtab = new byte[1024];
            byte[] ctab = new byte[1024];
            Psched.rtable(parms, "rate-", rate, mtu, rtab);
            Psched.rtable(parms, "ceil-", ceil, mtu, ctab);
            parms.put("buffer", Psched.xmittime(rate, b));
            parms.put("cbuffer", Psched.xmittime(ceil, cb));
            parms.put("quantum", quantum);
            parms.put("level", 0);
            parms.put("prio", prio);
            Map<String, Object> m = new LinkedHashMap<>();
            if (rate >= 1L << 32) {
                m.put("rate64", rate);
            }
            if (ceil >= 1L << 32) {
                m.put("ceil64", ceil);
            }
            m.put("parms", parms);
            m.put("rtab", rtab);
            m.put("ctab", ctab);
            return m;
        }
    }

    /** tbf's options. */
    final class Tbf implements TcOptions {
        private final long rate;
        private final int burst;
        private final long latency;

        private Tbf(long rate, int burst, long latency) {
            if (rate <= 0 || burst <= 0 || latency < 0) {
                throw new IllegalArgumentException("tbf: rate and burst must be positive, latency not negative");
            }
            this.rate = rate;
            this.burst = burst;
            this.latency = latency;
        }

        @Override
        public String kind() {
            return "tbf";
        }

        @Override
        public Object value() {
            Map<String, Object> parms = new LinkedHashMap<>();
            byte[] rtab = new byte[1024];
            Psched.rtable(parms, "rate-", rate, 0, rtab);
            for (String f : new String[] {"cell-log", "linklayer", "overhead", "cell-align", "mpu", "rate"}) {
                parms.put("peakrate-" + f, 0);
            }
            parms.put("limit", (long) ((double) rate * latency / 1_000_000 + burst));
            parms.put("buffer", Psched.xmittime(rate, burst));
            parms.put("mtu", 0);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("parms", parms);
            if (rate >= 1L << 32) {
                m.put("rate64", rate);
            }
            m.put("burst", burst);
            m.put("rtab", rtab);
            return m;
        }
    }

    /** fq_codel's options; each is sent only when set, in tc's order. */
    final class FqCodel implements TcOptions {
        private final Map<String, Long> set = new LinkedHashMap<>();

        private FqCodel() {
        }

        private FqCodel put(String name, long v) {
            if (v < 0 || v > 0xffffffffL) {
                throw new IllegalArgumentException("fq_codel " + name + " " + v + " is out of range");
            }
            set.put(name, v);
            return this;
        }

        /**
         * The queue limit (TCA_FQ_CODEL_LIMIT), in packets.
         *
         * @param packets the queue limit
         * @return this
         * @throws IllegalArgumentException when {@code packets} is outside 0..4294967295
         */
        public FqCodel limit(long packets) {
            return put("limit", packets);
        }

        /**
         * The number of flow queues packets are hashed into (TCA_FQ_CODEL_FLOWS).
         *
         * @param n the number of flows
         * @return this
         * @throws IllegalArgumentException when {@code n} is outside 0..4294967295
         */
        public FqCodel flows(long n) {
            return put("flows", n);
        }

        /**
         * The deficit round-robin quantum (TCA_FQ_CODEL_QUANTUM), in bytes.
         *
         * @param bytes the bytes dequeued per round
         * @return this
         * @throws IllegalArgumentException when {@code bytes} is outside 0..4294967295
         */
        public FqCodel quantum(long bytes) {
            return put("quantum", bytes);
        }

        /**
         * CoDel's interval (TCA_FQ_CODEL_INTERVAL), in microseconds.
         *
         * @param usec the interval
         * @return this
         * @throws IllegalArgumentException when {@code usec} is outside 0..4294967295
         */
        public FqCodel interval(long usec) {
            return put("interval", usec);
        }

        /**
         * CoDel's target queue delay (TCA_FQ_CODEL_TARGET), in microseconds.
         *
         * @param usec the target delay
         * @return this
         * @throws IllegalArgumentException when {@code usec} is outside 0..4294967295
         */
        public FqCodel target(long usec) {
            return put("target", usec);
        }

        /**
         * Whether ECN-capable packets are marked instead of dropped (TCA_FQ_CODEL_ECN).
         *
         * @param on mark with ECN instead of dropping
         * @return this
         */
        public FqCodel ecn(boolean on) {
            return put("ecn", on ? 1 : 0);
        }

        /**
         * The CE threshold (TCA_FQ_CODEL_CE_THRESHOLD), in microseconds.
         *
         * @param usec the delay above which packets are CE-marked
         * @return this
         * @throws IllegalArgumentException when {@code usec} is outside 0..4294967295
         */
        public FqCodel ceThreshold(long usec) {
            return put("ce-threshold", usec);
        }

        /**
         * The most memory the queues may hold (TCA_FQ_CODEL_MEMORY_LIMIT), in bytes.
         *
         * @param bytes the memory limit
         * @return this
         * @throws IllegalArgumentException when {@code bytes} is outside 0..4294967295
         */
        public FqCodel memoryLimit(long bytes) {
            return put("memory-limit", bytes);
        }

        /**
         * The most packets dropped at once when the limit is hit (TCA_FQ_CODEL_DROP_BATCH_SIZE).
         *
         * @param packets the most packets dropped at once
         * @return this
         * @throws IllegalArgumentException when {@code packets} is outside 0..4294967295
         */
        public FqCodel dropBatch(long packets) {
            return put("drop-batch-size", packets);
        }

        @Override
        public String kind() {
            return "fq_codel";
        }

        @Override
        public Object value() {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String n : new String[] {"limit", "flows", "quantum", "interval", "target", "ecn", "ce-threshold",
                "memory-limit", "drop-batch-size"}) {
                if (set.containsKey(n)) {
                    m.put(n, set.get(n));
                }
            }
            return m;
        }
    }

    /** netem's options: struct tc_netem_qopt and the TCA_NETEM_* it needs. */
    final class Netem implements TcOptions {
        private long limit = 1000;
        private long latency;
        private long jitter;
        private long loss;
        private long duplicate;
        private long gap;
        private long delayCorr;
        private long lossCorr;
        private long dupCorr;
        private boolean corr;
        private long reorder = -1;
        private long reorderCorr;
        private long corrupt = -1;
        private long corruptCorr;
        private long rate = -1;

        private Netem() {
        }

        /**
         * A fixed delay, with jitter and the jitter's correlation.
         *
         * @param usec        the delay
         * @param jitterUsec  the jitter (0 for none)
         * @param correlation percent (0 for none)
         * @return this
         */
        public Netem delay(long usec, long jitterUsec, double correlation) {
            if (usec < 0 || jitterUsec < 0) {
                throw new IllegalArgumentException("netem delay and jitter must not be negative");
            }
            this.latency = usec;
            this.jitter = jitterUsec;
            if (correlation != 0) {
                this.delayCorr = Psched.percent(correlation, "delay correlation");
                corr = true;
            }
            return this;
        }

        /**
         * Random loss.
         *
         * @param percent the chance of a loss
         * @return this
         */
        public Netem loss(double percent) {
            this.loss = Psched.percent(percent, "loss");
            return this;
        }

        /**
         * Duplication.
         *
         * @param percent the chance of a duplicate
         * @return this
         */
        public Netem duplicate(double percent) {
            this.duplicate = Psched.percent(percent, "duplicate");
            return this;
        }

        /**
         * Reordering (needs a delay).
         *
         * @param percent     the chance a packet is sent at once
         * @param correlation percent
         * @return this
         */
        public Netem reorder(double percent, double correlation) {
            this.reorder = Psched.percent(percent, "reorder");
            this.reorderCorr = Psched.percent(correlation, "reorder correlation");
            return this;
        }

        /**
         * Corruption.
         *
         * @param percent the chance of a flipped bit
         * @return this
         */
        public Netem corrupt(double percent) {
            this.corrupt = Psched.percent(percent, "corrupt");
            return this;
        }

        /**
         * A rate limit.
         *
         * @param bytesPerSecond the rate
         * @return this
         */
        public Netem rate(long bytesPerSecond) {
            if (bytesPerSecond <= 0) {
                throw new IllegalArgumentException("netem rate " + bytesPerSecond + " must be positive");
            }
            this.rate = bytesPerSecond;
            return this;
        }

        /**
         * The queue limit.
         *
         * @param packets the limit
         * @return this
         */
        public Netem limit(long packets) {
            if (packets < 0 || packets > 0xffffffffL) {
                throw new IllegalArgumentException("netem limit " + packets + " is out of range");
            }
            this.limit = packets;
            return this;
        }

        @Override
        public String kind() {
            return "netem";
        }

        @Override
        public Object value() {
            if (reorder > 0 && latency == 0) {
                throw new IllegalArgumentException("netem: reordering needs a delay");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("latency", Math.min(Psched.ticks(latency), 0xffffffffL));
            m.put("limit", limit);
            m.put("loss", loss);
            m.put("gap", reorder > 0 && gap == 0 ? 1 : gap);
            m.put("duplicate", duplicate);
            m.put("jitter", Math.min(Psched.ticks(jitter), 0xffffffffL));
            if (corr) {
                m.put("corr", Map.of("delay-corr", delayCorr, "loss-corr", lossCorr, "dup-corr", dupCorr));
            }
            if (reorder >= 0) {
                m.put("reorder", Map.of("probability", reorder, "correlation", reorderCorr));
            }
            if (corrupt >= 0) {
                m.put("corrupt", Map.of("probability", corrupt, "correlation", corruptCorr));
            }
            if (rate > 0) {
                if (rate >= 1L << 32) {
                    m.put("rate64", rate);
                }
                m.put("rate", Map.of("rate", Math.min(rate, 0xffffffffL), "packet-overhead", 0, "cell-size", 0,
                        "cell-overhead", 0));
            }
            return m;
        }
    }

    // ------------------------------------------------------------------ filters

    /**
     * What the classifier builders share: a target class and actions, kept in the order they were given.
     *
     * @param <T> the concrete builder, returned by the shared setters for chaining
     */
    abstract class Classifier<T extends Classifier<T>> implements TcOptions {
        final Map<String, Object> attrs = new LinkedHashMap<>();
        final List<Object> actions = new ArrayList<>();

        Classifier() {
        }

        @SuppressWarnings("unchecked")
        private T self() {
            return (T) this;
        }

        /**
         * The class matching packets go to (tc's classid / flowid).
         *
         * @param classid "1:10"
         * @return this
         */
        public T classid(String classid) {
            attrs.put("classid", Integer.toUnsignedLong(Tc.parseHandle(classid, "classid")));
            return self();
        }

        /**
         * Adds an action, run in order on matching packets.
         *
         * @param a the action ({@link TcOptions#gact}, {@link TcOptions#mirred})
         * @return this
         */
        public T action(Action a) {
            actions.add(a.toMap());
            attrs.put("act", actions);
            return self();
        }
    }

    /** The u32 classifier: 32-bit keys at offsets of the packet (tc's "match ip dst 10.0.0.1/32" ...). */
    final class U32 extends Classifier<U32> {
        private final List<long[]> keys = new ArrayList<>(); // mask, val, off, offmask (network-order words)

        private U32() {
        }

        /**
         * Matches an IPv4 address field.
         *
         * @param field  "src" or "dst"
         * @param prefix an address or address/length
         * @return this
         */
        public U32 matchIp(String field, String prefix) {
            int off = switch (field) {
                case "src" -> 12;
                case "dst" -> 16;
                default -> throw new IllegalArgumentException("u32 match ip '" + field + "' is not src or dst");
            };
            Inet.Prefix p = Inet.prefix(prefix, "u32 match ip " + field, Rtnl.AF_INET);
            if (p.family() != Rtnl.AF_INET) {
                throw new IllegalArgumentException("u32 match ip " + field + " '" + prefix + "' is not IPv4");
            }
            long mask = p.length() == 0 ? 0 : (0xffffffffL << (32 - p.length())) & 0xffffffffL;
            long addr = u32be(p.address().getAddress());
            return key(addr, mask, off);
        }

        /**
         * Matches an IPv4 transport port (tc's "match ip sport|dport PORT MASK").
         *
         * @param field "sport" or "dport"
         * @param port  the port
         * @param mask  the mask (0xffff for the whole port)
         * @return this
         */
        public U32 matchPort(String field, int port, int mask) {
            int off = switch (field) {
                case "sport" -> 20;
                case "dport" -> 22;
                default -> throw new IllegalArgumentException("u32 match ip '" + field + "' is not sport or dport");
            };
            if (port < 0 || port > 0xffff || mask < 0 || mask > 0xffff) {
                throw new IllegalArgumentException("u32 match ip " + field + ": port and mask are 16-bit");
            }
            return key16(port, mask, off);
        }

        /**
         * Matches the IPv4 protocol byte ("match ip protocol 6 0xff").
         *
         * @param protocol the protocol number
         * @param mask     its mask
         * @return this
         */
        public U32 matchProtocol(int protocol, int mask) {
            if (protocol < 0 || protocol > 0xff || mask < 0 || mask > 0xff) {
                throw new IllegalArgumentException("u32 match ip protocol: protocol and mask are 8-bit");
            }
            return key((long) (protocol & mask) << 16, (long) mask << 16, 8);
        }

        /**
         * Matches 32 bits at a byte offset ("match u32 VALUE MASK at OFFSET").
         *
         * @param value  the value
         * @param mask   the mask
         * @param offset a multiple of 4
         * @return this
         */
        public U32 matchU32(long value, long mask, int offset) {
            if (offset % 4 != 0) {
                throw new IllegalArgumentException("u32 match u32: offset " + offset + " is not a multiple of 4");
            }
            return key(value & 0xffffffffL, mask & 0xffffffffL, offset);
        }

        /**
         * The class matching packets go to, as tc's {@code flowid} (the same as {@link #classid}).
         *
         * @param classid the class matching packets go to ("1:10"; tc's flowid)
         * @return this
         * @throws IllegalArgumentException when {@code classid} is not a handle
         */
        public U32 flowid(String classid) {
            return classid(classid);
        }

        private U32 key16(int v, int mask, int off) {
            long k = v & 0xffffL;
            long m = mask & 0xffffL;
            if ((off & 3) == 0) {
                k <<= 16;
                m <<= 16;
            }
            return key(k, m, off & ~3);
        }

        /** pack_key: merges into a key at the same offset, as tc does; values and masks in host order. */
        private U32 key(long val, long mask, int off) {
            val &= mask;
            for (long[] k : keys) {
                if (k[2] == off && k[3] == 0) {
                    if (((val ^ k[1]) & mask & k[0]) != 0) {
                        throw new IllegalArgumentException("u32: conflicting keys at offset " + off);
                    }
                    k[1] |= val;
                    k[0] |= mask;
                    return this;
                }
            }
            if (keys.size() >= 128) {
                throw new IllegalArgumentException("u32: more than 128 keys");
            }
            keys.add(new long[] {mask, val, off, 0});
            return this;
        }

        private static long u32be(byte[] b) {
            return (b[0] & 0xffL) << 24 | (b[1] & 0xffL) << 16 | (b[2] & 0xffL) << 8 | (b[3] & 0xffL);
        }

        @Override
        public String kind() {
            return "u32";
        }

        @Override
        public Object value() {
            Map<String, Object> m = new LinkedHashMap<>(attrs);
            boolean terminal = attrs.containsKey("classid") || attrs.containsKey("act");
            m.put("sel", TcWords.u32Selector(terminal ? 1 : 0, keys));
            return m;
        }
    }

    /**
     * A u32 selector's fields and keys (TCA_U32_SEL: struct tc_u32_sel then nkeys struct tc_u32_key).
     *
     * @param sel the attribute's bytes
     * @return flags, offshift, nkeys, offmask, off, offoff, hoff, hmask, and keys (each mask, val in network order
     *         as unsigned numbers, off, offmask)
     * @throws io.jnetlink.message.MalformedMessageException when shorter than its keys
     */
    static Map<String, Object> u32Selector(byte[] sel) {
        if (sel.length < 16) {
            throw new io.jnetlink.message.MalformedMessageException("u32 selector of " + sel.length + " bytes", 0);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        int nkeys = sel[2] & 0xff;
        if (sel.length < 16 + 16 * nkeys) {
            throw new io.jnetlink.message.MalformedMessageException("u32 selector of " + sel.length
                    + " bytes is short of its " + nkeys + " keys", 0);
        }
        m.put("flags", sel[0] & 0xff);
        m.put("offshift", sel[1] & 0xff);
        m.put("nkeys", nkeys);
        m.put("offmask", (sel[4] & 0xff) << 8 | (sel[5] & 0xff));
        m.put("off", (sel[6] & 0xff) | (sel[7] & 0xff) << 8);
        m.put("offoff", (short) ((sel[8] & 0xff) | (sel[9] & 0xff) << 8));
        m.put("hoff", (short) ((sel[10] & 0xff) | (sel[11] & 0xff) << 8));
        m.put("hmask", TcWords.getBe(sel, 12));
        List<Map<String, Object>> keys = new ArrayList<>();
        for (int i = 0; i < nkeys; i++) {
            int p = 16 + 16 * i;
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("mask", TcWords.getBe(sel, p));
            k.put("val", TcWords.getBe(sel, p + 4));
            k.put("off", (int) Decode.u32(sel, p + 8));
            k.put("offmask", (int) Decode.u32(sel, p + 12));
            keys.add(k);
        }
        m.put("keys", keys);
        return m;
    }

    /** The flower classifier: keys by field (tc's "dst_ip 10.0.0.1 ip_proto tcp dst_port 80"). */
    final class Flower extends Classifier<Flower> {
        private int ipProto = -1;
        private long flags;

        private Flower() {
        }

        /**
         * Matches the destination address (TCA_FLOWER_KEY_IPV4_DST or _IPV6_DST, with its mask).
         *
         * @param prefix the IPv4 or IPv6 destination address or prefix
         * @return this
         * @throws IllegalArgumentException when {@code prefix} is not an address or prefix
         */
        public Flower dstIp(String prefix) {
            return ip("dst", prefix);
        }

        /**
         * Matches the source address (TCA_FLOWER_KEY_IPV4_SRC or _IPV6_SRC, with its mask).
         *
         * @param prefix the IPv4 or IPv6 source address or prefix
         * @return this
         * @throws IllegalArgumentException when {@code prefix} is not an address or prefix
         */
        public Flower srcIp(String prefix) {
            return ip("src", prefix);
        }

        private Flower ip(String which, String prefix) {
            Inet.Prefix p = Inet.prefix(prefix, "flower " + which + "_ip", Rtnl.AF_INET);
            boolean v4 = p.family() == Rtnl.AF_INET;
            int bits = v4 ? 32 : 128;
            byte[] mask = new byte[bits / 8];
            for (int i = 0; i < p.length(); i++) {
                mask[i / 8] |= (byte) (0x80 >> (i % 8));
            }
            String key = "key-" + (v4 ? "ipv4-" : "ipv6-") + which;
            attrs.put(key, p.address());
            try {
                attrs.put(key + "-mask", InetAddress.getByAddress(mask));
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        /**
         * Matches the IP protocol (TCA_FLOWER_KEY_IP_PROTO); needed before a port match.
         *
         * @param proto tcp, udp, sctp, icmp, icmpv6, or a number 0 to 255
         * @return this
         * @throws IllegalArgumentException when {@code proto} is none of those
         */
        public Flower ipProto(String proto) {
            ipProto = switch (proto) {
                case "tcp" -> 6;
                case "udp" -> 17;
                case "sctp" -> 132;
                case "icmp" -> 1;
                case "icmpv6" -> 58;
                default -> {
                    try {
                        int v = Integer.decode(proto);
                        if (v < 0 || v > 255) {
                            throw new NumberFormatException();
                        }
                        yield v;
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("flower ip_proto '" + proto + "' is not tcp, udp, sctp, "
                                + "icmp, icmpv6 or a number");
                    }
                }
            };
            attrs.put("key-ip-proto", ipProto);
            return this;
        }

        /**
         * Matches the destination port (TCA_FLOWER_KEY_TCP_DST, _UDP_DST or _SCTP_DST, by the protocol).
         *
         * @param port the destination port, 0 to 65535 (needs ip_proto tcp, udp or sctp first)
         * @return this
         * @throws IllegalArgumentException when no such protocol was set before or {@code port} is out of range
         */
        public Flower dstPort(int port) {
            return port("dst", port);
        }

        /**
         * Matches the source port (TCA_FLOWER_KEY_TCP_SRC, _UDP_SRC or _SCTP_SRC, by the protocol).
         *
         * @param port the source port, 0 to 65535 (needs ip_proto tcp, udp or sctp first)
         * @return this
         * @throws IllegalArgumentException when no such protocol was set before or {@code port} is out of range
         */
        public Flower srcPort(int port) {
            return port("src", port);
        }

        private Flower port(String which, int port) {
            String l4 = switch (ipProto) {
                case 6 -> "tcp";
                case 17 -> "udp";
                case 132 -> "sctp";
                default -> throw new IllegalArgumentException("flower " + which + "_port needs ip_proto tcp, udp or "
                        + "sctp first");
            };
            if (port < 0 || port > 0xffff) {
                throw new IllegalArgumentException("flower " + which + "_port " + port + " is outside 0..65535");
            }
            attrs.put("key-" + l4 + "-" + which, port);
            return this;
        }

        /**
         * Do not offload to hardware (skip_hw).
         *
         * @return this
         */
        public Flower skipHw() {
            flags |= 1;
            return this;
        }

        /**
         * Match in hardware only (skip_sw).
         *
         * @return this
         */
        public Flower skipSw() {
            flags |= 2;
            return this;
        }

        @Override
        public String kind() {
            return "flower";
        }

        @Override
        public Object value() {
            Map<String, Object> m = new LinkedHashMap<>(attrs);
            m.put("flags", flags);
            return m;
        }
    }

    /** The matchall classifier: every packet. */
    final class Matchall extends Classifier<Matchall> {
        private Matchall() {
        }

        @Override
        public String kind() {
            return "matchall";
        }

        @Override
        public Object value() {
            return new LinkedHashMap<>(attrs);
        }
    }

}
