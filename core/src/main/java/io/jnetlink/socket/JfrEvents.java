package io.jnetlink.socket;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/**
 * The socket layer's JDK Flight Recorder events, so that broadcast storms show in the tools the JVM already has
 * ({@code jcmd PID JFR.start}, JDK Mission Control, {@code jfr print --events 'io.jnetlink.*'}). None is made per
 * datagram: a burst makes one {@link Burst} and a {@link Backlog} sample when it starts, once a second while it
 * lasts and when it ends; each overrun the consumer reaches makes one {@link Overrun}. All are enabled by JFR's
 * default settings, at no cost when no recording runs.
 *
 * <p>The core module reads {@code jdk.jfr} only when it is there ({@code requires static}): on the class path it
 * always is; an application on the module path has it when it can record at all (its own {@code requires jdk.jfr},
 * {@code --add-modules jdk.jfr}, or {@code -XX:StartFlightRecording}, which adds it). Without it these methods do
 * nothing, and {@code jnl} starts without resolving it. The event classes are touched only through them.
 */
final class JfrEvents {
    /** True when jdk.jfr is there to record with. */
    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.jfr").isPresent()
            || !JfrEvents.class.getModule().isNamed();

    private JfrEvents() {
    }

    /** Starts a burst's event: a token for {@link #burstEnd}, or null. */
    static Object burstBegin() {
        if (!AVAILABLE) {
            return null;
        }
        Burst e = new Burst();
        e.begin();
        return e;
    }

    /** Ends and commits the burst event {@code token} (from {@link #burstBegin}). */
    static void burstEnd(Object token, long port, long datagrams, long peakBacklog, long peakDelay, boolean raised) {
        if (token instanceof Burst e && e.shouldCommit()) {
            e.port = port;
            e.datagrams = datagrams;
            e.peakBacklog = peakBacklog;
            e.peakDelay = peakDelay;
            e.priorityRaised = raised;
            e.commit();
        }
    }

    /** Commits a sample of the buffer. */
    static void backlog(long port, long datagrams, long bytes, long capacity, long delay, long kernelDrops,
                        long queueDrops) {
        if (!AVAILABLE) {
            return;
        }
        Backlog e = new Backlog();
        if (e.shouldCommit()) {
            e.port = port;
            e.datagrams = datagrams;
            e.bytes = bytes;
            e.capacity = capacity;
            e.delay = delay;
            e.kernelDrops = kernelDrops;
            e.queueDrops = queueDrops;
            e.commit();
        }
    }

    /** Commits an overrun the consumer reached. */
    static void overrun(long port, long episode, long kernelDrops, long queueDrops) {
        if (!AVAILABLE) {
            return;
        }
        Overrun e = new Overrun();
        if (e.shouldCommit()) {
            e.port = port;
            e.episode = episode;
            e.kernelDrops = kernelDrops;
            e.queueDrops = queueDrops;
            e.commit();
        }
    }

    /** A burst of the reader thread: from its start to its end. */
    @Name("io.jnetlink.Burst")
    @Label("Netlink Burst")
    @Category({"jnetlink", "Socket"})
    @Description("The reader thread could not keep the kernel queue and its buffer empty: from the burst's start to its end")
    static final class Burst extends Event {
        @Label("Port")
        @Description("The socket's netlink port id")
        long port;

        @Label("Datagrams")
        @Description("Datagrams received during the burst")
        long datagrams;

        @Label("Peak Backlog")
        @Description("Most datagrams buffered for the consumer at once")
        long peakBacklog;

        @Label("Peak Delay")
        @Description("The longest a buffered datagram waited for the consumer")
        @Timespan(Timespan.NANOSECONDS)
        long peakDelay;

        @Label("Priority Raised")
        @Description("The reader thread ran at nice -10 (it needs CAP_SYS_NICE)")
        boolean priorityRaised;
    }

    /** A sample of the buffer between the reader thread and the consumer. */
    @Name("io.jnetlink.Backlog")
    @Label("Netlink Backlog")
    @Category({"jnetlink", "Socket"})
    @Description("The datagrams the reader thread holds for the consumer: at a burst's start, once a second during it, at its end")
    static final class Backlog extends Event {
        @Label("Port")
        @Description("The socket's netlink port id")
        long port;

        @Label("Datagrams")
        @Description("Datagrams buffered")
        long datagrams;

        @Label("Bytes")
        @Description("Their bytes")
        @DataAmount
        long bytes;

        @Label("Native Memory")
        @Description("Native memory the buffer holds")
        @DataAmount
        long capacity;

        @Label("Delay")
        @Description("How long the oldest buffered datagram has waited")
        @Timespan(Timespan.NANOSECONDS)
        long delay;

        @Label("Kernel Drops")
        @Description("The socket's kernel drop counter (SO_MEMINFO, the Drops column of /proc/net/netlink)")
        long kernelDrops;

        @Label("Buffer Drops")
        @Description("Datagrams the buffer dropped so far because it was full")
        long queueDrops;
    }

    /** An overrun, when the consumer reaches it: the same counts as {@link NetlinkEvent.Overrun}. */
    @Name("io.jnetlink.Overrun")
    @Label("Netlink Overrun")
    @Category({"jnetlink", "Socket"})
    @Description("Datagrams were lost; committed when the consumer reaches the loss in the stream")
    static final class Overrun extends Event {
        @Label("Port")
        @Description("The socket's netlink port id")
        long port;

        @Label("Episode")
        @Description("Overruns reported on this socket so far, this one included")
        long episode;

        @Label("Kernel Drops")
        @Description("Datagrams the kernel dropped since the previous overrun")
        long kernelDrops;

        @Label("Buffer Drops")
        @Description("Datagrams the buffer dropped since the previous overrun")
        long queueDrops;
    }
}
