package io.jnetlink.socket;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.IntFunction;

/**
 * What {@code get()} reads, in arrival order: received datagrams that no request claimed, kept raw and split by the
 * consumer; the places where messages were lost, with how many; and faults that belong to no request.
 *
 * <p>Broadcast datagrams go into a {@link DatagramRing} (native memory, nothing allocated per datagram); the rest
 * (a run of messages the tracker left unclaimed, an oversized broadcast) is kept as a heap chunk. The order of
 * the two is kept by the entry list: a {@link Run} stands for consecutive ring records and grows in place, so a
 * new entry is made only when the kind of what arrives changes.
 *
 * <p>Bounded: at most {@code maxDatagrams} datagrams, and the ring's native memory. Beyond that the newest are
 * dropped and counted, and the loss is marked at its place in the stream. Adjacent losses make one {@link Lost}
 * entry, which counts the datagrams the kernel and this buffer dropped. Guarded by the socket's lock.
 */
final class Backlog {
    /** One entry. */
    sealed interface Entry permits Run, Received, Lost, Failed {
    }

    /** The next {@code count} records of the ring. */
    static final class Run implements Entry {
        int count;
    }

    /**
     * Messages nobody claimed, on the heap.
     *
     * @param chunk the bytes and where they came from
     */
    record Received(RequestTracker.Chunk chunk) implements Entry {
    }

    /** Datagrams were lost here: {@code kernel} dropped by the kernel, {@code queue} by this buffer. */
    static final class Lost implements Entry {
        long kernel;
        long queue;

        /** @return everything lost here */
        long total() {
            return kernel + queue;
        }
    }

    /**
     * A fault that belongs to no request: a malformed unclaimed datagram, or a receive error.
     *
     * @param fault its delivery
     */
    record Failed(RequestTracker.Fault fault) implements Entry {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final DatagramRing ring;
    private final int maxDatagrams;
    /** Heap chunks held (ring records are counted by the ring). */
    private int heapChunks;
    private long dropped;
    private long kernelLosses;

    /**
     * @param maxDatagrams the most datagrams held
     * @param maxBytes     the most native memory for broadcast datagrams
     * @param allocator    native memory
     */
    Backlog(int maxDatagrams, long maxBytes, IntFunction<ByteBuffer> allocator) {
        this.maxDatagrams = maxDatagrams;
        this.ring = new DatagramRing(maxBytes, allocator);
    }

    /**
     * Appends a broadcast datagram, {@code src[off, off + len)}, copied into the ring (or onto the heap when it is
     * larger than a ring record may be); counts it dropped when the bound is reached.
     */
    void addDatagram(ByteBuffer src, int off, int len, int nsid, long receivedNanos) {
        if (len > DatagramRing.MAX_DATAGRAM) {
            byte[] b = new byte[len];
            src.get(off, b, 0, len);
            add(new RequestTracker.Chunk(b, 0, len, nsid, receivedNanos, true));
            return;
        }
        if (chunks() >= maxDatagrams || !ring.add(src, off, len, nsid, receivedNanos)) {
            drop();
            return;
        }
        if (entries.peekLast() instanceof Run r) {
            r.count++;
        } else {
            Run r = new Run();
            r.count = 1;
            entries.add(r);
        }
    }

    /** Appends what a receive left unclaimed. */
    void addAll(List<RequestTracker.Delivery> unclaimed) {
        for (RequestTracker.Delivery d : unclaimed) {
            if (d instanceof RequestTracker.Fault f) {
                entries.add(new Failed(f));
            } else {
                add((RequestTracker.Chunk) d);
            }
        }
    }

    /** Appends one heap chunk, or counts it dropped when the bound is reached. */
    void add(RequestTracker.Chunk c) {
        if (chunks() >= maxDatagrams) {
            drop();
            return;
        }
        entries.add(new Received(c));
        heapChunks++;
    }

    private void drop() {
        dropped++;
        lostHere().queue++;
    }

    /** The loss entry at the end of the stream: the last entry when it is one, else a new one. */
    private Lost lostHere() {
        if (entries.peekLast() instanceof Lost l) {
            return l;
        }
        Lost l = new Lost();
        entries.add(l);
        return l;
    }

    /**
     * Marks a kernel loss at this point of the stream: {@code drops} datagrams the kernel dropped (the rise of the
     * socket's drop counter; 0 when the kernel reported ENOBUFS but the counter did not rise or cannot be read).
     */
    void kernelLoss(long drops) {
        kernelLosses++;
        lostHere().kernel += drops;
    }

    /** Appends a fault that belongs to no request. */
    void failure(RequestTracker.Fault f) {
        entries.add(new Failed(f));
    }

    /**
     * Takes from the head of the stream: a {@link Lost} or {@link Failed} entry when one is first (removed and
     * returned), else the datagrams up to the next one of those, while their bytes stay within {@code budget}
     * (at least one datagram), added to {@code out} in order; then it returns null.
     */
    Entry take(List<RequestTracker.Chunk> out, int budget) {
        Entry head = entries.peek();
        if (head instanceof Lost || head instanceof Failed) {
            return entries.poll();
        }
        int left = budget;
        boolean first = true;
        while ((head = entries.peek()) instanceof Run || head instanceof Received) {
            if (!first && left <= 0) {
                break;
            }
            if (head instanceof Run r) {
                int before = out.size();
                left -= ring.take(r.count, first ? Math.max(left, ring.oldestLength()) : left, out);
                int n = out.size() - before;
                if (n == 0) {
                    break; // the next record does not fit the budget
                }
                r.count -= n;
                if (r.count == 0) {
                    entries.poll();
                }
            } else {
                RequestTracker.Chunk c = ((Received) entries.poll()).chunk();
                heapChunks--;
                out.add(c);
                left -= c.end() - c.start();
            }
            first = false;
        }
        return null;
    }

    /** Puts heap chunks a consumer took but could not hand out back at the head, in their order. */
    void pushBack(List<RequestTracker.Chunk> chunks) {
        for (int i = chunks.size() - 1; i >= 0; i--) {
            entries.addFirst(new Received(chunks.get(i)));
            heapChunks++;
        }
    }

    /** Puts a fault back at the head. */
    void pushBack(Failed f) {
        entries.addFirst(f);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Datagrams held. */
    int chunks() {
        return ring.records() + heapChunks;
    }

    /** Datagram bytes held in native memory. */
    long bytes() {
        return ring.bytes();
    }

    /** Native memory held by the ring. */
    long capacity() {
        return ring.capacity();
    }

    /** Receive time of the oldest datagram held, or {@code now} when there is none. */
    long oldestNanos(long now) {
        for (Entry e : entries) {
            if (e instanceof Run) {
                return ring.oldestNanos();
            }
            if (e instanceof Received r) {
                return r.chunk().receivedNanos();
            }
        }
        return now;
    }

    /** Datagrams dropped because the bound was reached. */
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
        ring.clear();
        heapChunks = 0;
    }
}
