package io.jnetlink.socket;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Broadcast datagrams kept raw in native memory until a consumer takes them: a ring of {@link #CHUNK}-byte chunks
 * that grows one chunk at a time, up to a bound, and gives chunks back as they empty. Adding a datagram copies its
 * bytes behind a 16-byte record header (length, nsid, receive time) and allocates nothing, so a storm that a
 * stalled consumer leaves unread costs no heap and lengthens no garbage collection. Taking copies the oldest records
 * into one {@code byte[]} (the consumer's, which its message views then share).
 *
 * <p>A record never spans two chunks: when the tail chunk has no room for the next one, the rest of the chunk is
 * skipped (marked with a length of -1 when there is room for it) and the record starts the next chunk. Not
 * thread-safe: guarded by the socket's lock.
 */
final class DatagramRing {
    /** Bytes per chunk. */
    static final int CHUNK = 1 << 20;
    /** Record header: int length, int nsid, long receive time. */
    static final int HEADER = 16;
    /** The largest datagram kept here; a larger one (rare: broadcasts are small) is kept on the heap instead. */
    static final int MAX_DATAGRAM = CHUNK / 4;

    private final IntFunction<ByteBuffer> allocator;
    private final int maxChunks;
    /** Chunks holding records, oldest first; the last one is written to. */
    private final ArrayDeque<ByteBuffer> used = new ArrayDeque<>();
    /** Emptied chunks kept for reuse; once the ring is empty, at most one stays. */
    private final ArrayDeque<ByteBuffer> spare = new ArrayDeque<>();
    private int readPos;
    private int writePos;
    private int records;
    private long bytes;

    /**
     * @param maxBytes  the most native memory held, rounded down to whole chunks (at least two)
     * @param allocator native memory of the given size, in native byte order
     */
    DatagramRing(long maxBytes, IntFunction<ByteBuffer> allocator) {
        this.allocator = allocator;
        this.maxChunks = (int) Math.max(2, Math.min(Integer.MAX_VALUE, maxBytes / CHUNK));
    }

    private static int recordSize(int len) {
        return (HEADER + len + 7) & ~7;
    }

    /**
     * Appends {@code src[off, off + len)} as a record.
     *
     * @return false when there is no room (the bound is reached, or native memory could not be had): the datagram
     *         is not kept
     */
    boolean add(ByteBuffer src, int off, int len, int nsid, long receivedNanos) {
        int need = recordSize(len);
        ByteBuffer tail = used.peekLast();
        if (tail == null || writePos + need > CHUNK) {
            ByteBuffer next = chunk();
            if (next == null) {
                return false;
            }
            if (tail != null && writePos + 4 <= CHUNK) {
                tail.putInt(writePos, -1);
            }
            if (tail == null) {
                readPos = 0; // the first chunk
            }
            used.add(next);
            tail = next;
            writePos = 0;
        }
        tail.putInt(writePos, len);
        tail.putInt(writePos + 4, nsid);
        tail.putLong(writePos + 8, receivedNanos);
        tail.put(writePos + HEADER, src, off, len);
        writePos += need;
        records++;
        bytes += len;
        return true;
    }

    /** A chunk for the tail: a spare one, else a new one while the bound allows; null when none. */
    private ByteBuffer chunk() {
        ByteBuffer c = spare.poll();
        if (c != null) {
            return c;
        }
        if (used.size() >= maxChunks) {
            return null;
        }
        try {
            return allocator.apply(CHUNK);
        } catch (OutOfMemoryError e) {
            return null;
        }
    }

    /** Moves the read position past a chunk's end to the next chunk's first record. */
    private ByteBuffer head() {
        ByteBuffer h = used.peekFirst();
        while (h != null && h != used.peekLast()
                && (readPos + HEADER > CHUNK || h.getInt(readPos) < 0)) {
            spare.add(used.pollFirst());
            h = used.peekFirst();
            readPos = 0;
        }
        return h;
    }

    /** Records held. */
    int records() {
        return records;
    }

    /** Datagram bytes held (without the record headers). */
    long bytes() {
        return bytes;
    }

    /** Native memory held, in bytes: chunks in use and spare. */
    long capacity() {
        return (long) (used.size() + spare.size()) * CHUNK;
    }

    /** Receive time of the oldest record; only when {@link #records()} is positive. */
    long oldestNanos() {
        return head().getLong(readPos + 8);
    }

    /** Length of the oldest record; only when {@link #records()} is positive. */
    int oldestLength() {
        return head().getInt(readPos);
    }

    /**
     * Takes the oldest records, at most {@code max} of them while their bytes stay within {@code budget}: copies
     * them into one new array and adds a chunk per record (a datagram each) to {@code out}.
     *
     * @return the bytes taken
     */
    int take(int max, int budget, List<RequestTracker.Chunk> out) {
        if (records == 0 || max <= 0 || oldestLength() > budget) {
            return 0;
        }
        // how much: walk the headers first, so that the array has the size of what is taken
        head();
        Iterator<ByteBuffer> it = used.iterator();
        ByteBuffer c = it.next();
        int pos = readPos;
        int n = 0;
        long total = 0;
        while (n < max && n < records) {
            while (pos + HEADER > CHUNK || c.getInt(pos) < 0) {
                c = it.next();
                pos = 0;
            }
            int len = c.getInt(pos);
            if (total + len > budget) {
                break;
            }
            total += len;
            n++;
            pos += recordSize(len);
        }
        byte[] data = new byte[(int) total];
        int at = 0;
        for (int i = 0; i < n; i++) {
            ByteBuffer h = head();
            int len = h.getInt(readPos);
            h.get(readPos + HEADER, data, at, len);
            out.add(new RequestTracker.Chunk(data, at, at + len, h.getInt(readPos + 4), h.getLong(readPos + 8), false));
            at += len;
            readPos += recordSize(len);
        }
        records -= n;
        bytes -= total;
        if (records == 0) {
            // writing starts again at the start of one chunk; one spare chunk is kept for the next growth
            while (used.size() > 1) {
                spare.add(used.pollFirst());
            }
            while (spare.size() > 1) {
                spare.poll();
            }
            readPos = 0;
            writePos = 0;
        }
        return (int) total;
    }

    /** Drops every record and the memory (the socket closed). */
    void clear() {
        used.clear();
        spare.clear();
        readPos = 0;
        writePos = 0;
        records = 0;
        bytes = 0;
    }
}
