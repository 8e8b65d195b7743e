package io.jnetlink.bench;

import io.jnetlink.sys.Libc;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * A {@link Libc} that passes every call on and records when the reader thread received: the start and end
 * of each {@code recvmmsg}/{@code recvmsg} call and what it returned, and each {@code setpriority}. It
 * answers "was the reader late, and by how much": {@link #print} lists the first calls and every gap of
 * more than a few milliseconds between two receive calls. For {@code StormBench --trace} and
 * {@code --sticky-nice}; diagnostic only.
 */
final class TracingLibc extends ForwardingLibc {
    private static final int MAX = 1 << 20;
    private final long[] start = new long[MAX];
    private final long[] end = new long[MAX];
    private final int[] result = new int[MAX];
    private final char[] kind = new char[MAX];
    private volatile int n;
    private volatile long origin;
    private final boolean stickyNice;
    private boolean raised;

    /**
     * @param delegate   the real calls
     * @param stickyNice when true, a {@code setpriority(tid, 0)} after a raise is not passed on: the reader
     *                   keeps the burst priority once it had it (a what-if for burst control's hysteresis)
     */
    TracingLibc(Libc delegate, boolean stickyNice) {
        super(delegate);
        this.stickyNice = stickyNice;
    }

    /** Times are printed relative to this moment (System.nanoTime). */
    void origin(long nanos) {
        origin = nanos;
    }

    private void record(char k, long t0, long r) {
        int i = n;
        if (i < MAX) {
            kind[i] = k;
            start[i] = t0;
            end[i] = System.nanoTime();
            result[i] = (int) r;
            n = i + 1;
        }
    }

    /**
     * Prints the first {@code first} calls and every gap longer than {@code gapMillis} between the end of a
     * receive call and the start of the next one, with what was received around it.
     */
    void print(PrintStream out, int first, double gapMillis) {
        int count = n;
        out.printf(Locale.ROOT, "trace: %d calls recorded (r = recvmmsg, m = recvmsg, p = setpriority; a nice of 100+n"
                + " was asked for and not passed on)%n", count);
        for (int i = 0; i < Math.min(first, count); i++) {
            out.printf(Locale.ROOT, "trace %5d %c at %9.3f ms, %7.3f ms in the call, returned %d%n", i, kind[i],
                    (start[i] - origin) / 1e6, (end[i] - start[i]) / 1e6, result[i]);
        }
        long received = 0;
        int prev = -1;
        for (int i = 0; i < count; i++) {
            if (kind[i] == 'p') {
                out.printf(Locale.ROOT, "trace setpriority at %.3f ms returned %d%n", (start[i] - origin) / 1e6, result[i]);
                continue;
            }
            if (prev >= 0 && (start[i] - end[prev]) / 1e6 > gapMillis) {
                out.printf(Locale.ROOT, "trace gap of %.3f ms before call %d at %.3f ms (after %d datagrams); it returned %d%n",
                        (start[i] - end[prev]) / 1e6, i, (start[i] - origin) / 1e6, received, result[i]);
            }
            if (result[i] > 0) {
                received += kind[i] == 'r' ? result[i] : 1;
            }
            prev = i;
        }
    }

    @Override
    public int recvmmsg(int fd, ByteBuffer buffer, int slotSize, int flags, long[] lengths, RecvInfo[] infos) {
        long t0 = System.nanoTime();
        int r = d.recvmmsg(fd, buffer, slotSize, flags, lengths, infos);
        record('r', t0, r);
        return r;
    }

    @Override
    public long recvmsg(int fd, ByteBuffer buffer, int offset, int length, int flags, RecvInfo info) {
        long t0 = System.nanoTime();
        long r = d.recvmsg(fd, buffer, offset, length, flags, info);
        record('m', t0, r);
        return r;
    }

    @Override
    public int setpriority(int tid, int nice) {
        long t0 = System.nanoTime();
        if (stickyNice && raised && nice >= 0) {
            record('p', t0, 100 + nice); // not passed on: printed as 100 + the nice asked for
            return 0;
        }
        int r = d.setpriority(tid, nice);
        raised |= nice < 0 && r == 0;
        record('p', t0, nice);
        return r;
    }

}
