package io.jnetlink.socket;

import java.util.ArrayDeque;
import java.util.List;

/**
 * What {@code get()} reads, in arrival order: received datagrams (or runs of messages) that no request claimed,
 * kept raw and split by the consumer; the places where messages were lost; and faults that belong to no request.
 * Bounded: at most {@code bound} chunks are held; beyond that the newest are dropped and counted, and the loss is
 * marked at its place in the stream. Guarded by the socket's lock.
 */
final class Backlog {
    /** One entry. */
    sealed interface Entry permits Received, Lost, Failed {
    }

    /**
     * Messages nobody claimed.
     *
     * @param chunk the bytes and where they came from
     */
    record Received(RequestTracker.Chunk chunk) implements Entry {
    }

    /**
     * Messages were lost here.
     *
     * @param kernel      the kernel dropped them (its receive queue was full), else this buffer did
     * @param kernelDrops the socket's drop counter when the loss was seen
     * @param count       datagrams this buffer dropped in this run (0 for a kernel loss)
     */
    record Lost(boolean kernel, long kernelDrops, long count) implements Entry {
    }

    /**
     * A fault that belongs to no request: a malformed unclaimed datagram, or a receive error.
     *
     * @param fault its delivery
     */
    record Failed(RequestTracker.Fault fault) implements Entry {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final int bound;
    private int chunks;
    private long dropped;
    private long kernelLosses;

    Backlog(int bound) {
        this.bound = bound;
    }

    /** Appends what a receive left unclaimed; returns false when some of it was dropped (the bound was reached). */
    boolean addAll(List<RequestTracker.Delivery> unclaimed, long kernelDrops) {
        boolean all = true;
        for (RequestTracker.Delivery d : unclaimed) {
            if (d instanceof RequestTracker.Fault f) {
                entries.add(new Failed(f));
            } else {
                all &= add((RequestTracker.Chunk) d, kernelDrops);
            }
        }
        return all;
    }

    /** Appends one chunk, or counts it dropped when {@code bound} chunks are held. */
    boolean add(RequestTracker.Chunk c, long kernelDrops) {
        if (chunks >= bound) {
            dropped++;
            if (entries.peekLast() instanceof Lost l && !l.kernel()) {
                entries.pollLast();
                entries.add(new Lost(false, l.kernelDrops(), l.count() + 1));
            } else {
                entries.add(new Lost(false, kernelDrops, 1));
            }
            return false;
        }
        entries.add(new Received(c));
        chunks++;
        return true;
    }

    /** Marks a kernel loss (ENOBUFS, or a rise of the socket's drop counter) at this point of the stream. */
    void kernelLoss(long kernelDrops) {
        kernelLosses++;
        entries.add(new Lost(true, kernelDrops, 0));
    }

    /** Appends a fault that belongs to no request. */
    void failure(RequestTracker.Fault f) {
        entries.add(new Failed(f));
    }

    /** The first entry, or null. */
    Entry peek() {
        return entries.peek();
    }

    /** Removes the first entry. */
    Entry poll() {
        Entry e = entries.poll();
        if (e instanceof Received) {
            chunks--;
        }
        return e;
    }

    /** Puts {@code e} back at the head (what a consumer took but could not hand out). */
    void pushBack(Entry e) {
        entries.addFirst(e);
        if (e instanceof Received) {
            chunks++;
        }
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Chunks held. */
    int chunks() {
        return chunks;
    }

    /** Receive time of the oldest chunk held, or {@code now} when there is none. */
    long oldestNanos(long now) {
        for (Entry e : entries) {
            if (e instanceof Received r) {
                return r.chunk().receivedNanos();
            }
        }
        return now;
    }

    /** Datagrams dropped because {@code bound} were held. */
    long dropped() {
        return dropped;
    }

    /** Kernel loss episodes marked. */
    long kernelLosses() {
        return kernelLosses;
    }

    /** Drops everything (the socket closed). */
    void clear() {
        entries.clear();
        chunks = 0;
    }
}
