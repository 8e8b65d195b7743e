package io.jnetlink.socket;

import io.jnetlink.Errno;
import io.jnetlink.sys.Libc;

import org.slf4j.Logger;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The reader thread's burst control. A burst starts when the kernel queue holds more than the reader takes
 * in one batch (a full recvmmsg batch), when the user-space buffer holds {@link #QSIZE_THRESHOLD} messages,
 * or when its oldest message has waited {@link #DELAY_THRESHOLD_NANOS}; it ends when the kernel queue and
 * the buffer are both drained. During a burst the reader's OS thread runs at nice {@link #BURST_NICE}
 * (setpriority on its thread id; without CAP_SYS_NICE the call is refused, logged once at DEBUG, and the
 * burst is handled at normal priority), consumers yield after each batch, and at most once a second the
 * counters are logged: at DEBUG, at WARNING once the oldest buffered message is more than a second old.
 * One line says when the burst is over. Each burst is also a {@link JfrEvents.Burst} for JDK Flight Recorder,
 * with a {@link JfrEvents.Backlog} sample at its start, at each report and at its end. Used only by the reader
 * thread.
 */
final class BurstControl {
    static final String BURST_MESSAGE =
            "Packet burst: the reader thread priority is increased, beware of delays on netlink calls";
    static final int QSIZE_THRESHOLD = 1024;
    static final long DELAY_THRESHOLD_NANOS = 100_000_000L;
    static final long WARN_DELAY_NANOS = 1_000_000_000L;
    static final long LOG_INTERVAL_NANOS = 1_000_000_000L;
    static final int BURST_NICE = -10;

    private final Logger log;
    private final Libc libc;
    private final int tid;
    private final LongSupplier port;
    private volatile boolean active;
    private boolean warned;
    private boolean raised;
    private boolean raisedOnce;
    private boolean refused;
    private long delta;
    private long lastLog;
    private boolean saturated;
    /** The running burst's event (JFR, or null), its datagrams and peaks. */
    private Object event;
    private long burstDatagrams;
    private long peakBacklog;
    private long peakDelay;

    /**
     * @param log  where the burst lines go
     * @param libc for setpriority
     * @param tid  the reader's thread id
     * @param port the socket's port id, for the JFR events
     */
    BurstControl(Logger log, Libc libc, int tid, LongSupplier port) {
        this.log = log;
        this.libc = libc;
        this.tid = tid;
        this.port = port;
    }

    /** True during a burst (read by consumers to yield). */
    boolean active() {
        return active;
    }

    /**
     * Counts a batch the reader buffered.
     *
     * @param messages messages in it
     * @param full     true when the batch was full: more datagrams were waiting in the kernel queue
     */
    void received(int messages, boolean full) {
        delta += messages;
        burstDatagrams += messages;
        saturated = full;
    }

    /**
     * Re-evaluates after a batch or a quiet poll.
     *
     * @param now         System.nanoTime()
     * @param backlog     the buffer (lock held)
     * @param kernelDrops the socket's kernel drop counter as last read
     */
    void tick(long now, Backlog backlog, long kernelDrops) {
        int qsize = backlog.chunks();
        long delay = qsize > 0 ? Math.max(0, now - backlog.oldestNanos(now)) : 0;
        if (!active) {
            if (saturated || qsize >= QSIZE_THRESHOLD || qsize > 0 && delay >= DELAY_THRESHOLD_NANOS) {
                active = true;
                raise();
                burstDatagrams = delta;
                peakBacklog = qsize;
                peakDelay = delay;
                event = JfrEvents.burstBegin();
                report(now, qsize, delay, backlog, kernelDrops);
            } else if (now - lastLog >= LOG_INTERVAL_NANOS) {
                delta = 0;
                lastLog = now;
            }
            return;
        }
        peakBacklog = Math.max(peakBacklog, qsize);
        peakDelay = Math.max(peakDelay, delay);
        if (qsize == 0 && !saturated) {
            active = false;
            restore();
            String over = "Packet burst is over: the reader thread priority is back to normal; Counters: delta={} qsize=0 delay=0.000";
            if (warned) {
                log.info(over, delta);
            } else {
                log.debug(over, delta);
            }
            sample(backlog, 0, kernelDrops);
            JfrEvents.burstEnd(event, port.getAsLong(), burstDatagrams, peakBacklog, peakDelay, raisedOnce);
            event = null;
            raisedOnce = false;
            warned = false;
            delta = 0;
            lastLog = now;
            return;
        }
        if (now - lastLog >= LOG_INTERVAL_NANOS) {
            report(now, qsize, delay, backlog, kernelDrops);
        }
    }

    private void report(long now, int qsize, long delayNanos, Backlog backlog, long kernelDrops) {
        String delay = String.format(Locale.ROOT, "%.3f", delayNanos / 1e9);
        String msg = BURST_MESSAGE + "; Counters: delta={} qsize={} delay={}";
        if (delayNanos > WARN_DELAY_NANOS) {
            warned = true;
            log.warn(msg, delta, qsize, delay);
        } else {
            log.debug(msg, delta, qsize, delay);
        }
        sample(backlog, delayNanos, kernelDrops);
        delta = 0;
        lastLog = now;
    }

    /** A JFR sample of the buffer. */
    private void sample(Backlog backlog, long delayNanos, long kernelDrops) {
        JfrEvents.backlog(port.getAsLong(), backlog.chunks(), backlog.bytes(), backlog.capacity(), delayNanos,
                kernelDrops, backlog.dropped());
    }

    private void raise() {
        if (refused || tid <= 0) {
            return;
        }
        int r = libc.setpriority(tid, BURST_NICE);
        if (r < 0) {
            refused = true;
            log.debug("cannot raise the reader thread's priority ({}): it needs CAP_SYS_NICE; bursts are handled at normal priority",
                    Errno.name(-r));
        } else {
            raised = true;
            raisedOnce = true;
        }
    }

    private void restore() {
        if (raised) {
            libc.setpriority(tid, 0);
            raised = false;
        }
    }
}
