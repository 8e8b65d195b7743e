package io.jnetlink.socket;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backlog and its native ring, on bytes: order, bounds, chunk growth and reuse, loss counts. */
class BacklogTest {
    private final AtomicInteger allocations = new AtomicInteger();

    private Backlog backlog(int maxDatagrams, long maxBytes) {
        return new Backlog(maxDatagrams, maxBytes, n -> {
            allocations.incrementAndGet();
            return ByteBuffer.allocateDirect(n).order(ByteOrder.nativeOrder());
        });
    }

    /** A datagram of {@code len} bytes whose every byte is {@code (byte) id}, at offset 100 of a receive buffer. */
    private static ByteBuffer datagram(int id, int len) {
        ByteBuffer b = ByteBuffer.allocateDirect(100 + len);
        for (int i = 0; i < len; i++) {
            b.put(100 + i, (byte) id);
        }
        return b;
    }

    private static void add(Backlog b, int id, int len) {
        b.addDatagram(datagram(id, len), 100, len, id, 1000L + id);
    }

    /** Takes everything up to the next loss or fault, checking each datagram's bytes; returns their ids. */
    private static List<Integer> take(Backlog b, int budget) {
        List<RequestTracker.Chunk> out = new ArrayList<>();
        assertNull(b.take(out, budget));
        List<Integer> ids = new ArrayList<>();
        for (RequestTracker.Chunk c : out) {
            int id = c.nsid();
            assertEquals(1000L + id, c.receivedNanos());
            for (int i = c.start(); i < c.end(); i++) {
                assertEquals((byte) id, c.buf()[i], "byte " + (i - c.start()) + " of datagram " + id);
            }
            ids.add(id);
        }
        return ids;
    }

    @Test
    void datagramsComeBackInOrderAcrossChunksAndTheChunksAreReused() {
        Backlog b = backlog(1 << 20, 64L << 20);
        // 3,000 datagrams of 1,000 bytes (1,016 with the header): about three chunks
        for (int i = 0; i < 3000; i++) {
            add(b, i % 120, 1000);
        }
        assertEquals(3000, b.chunks());
        assertEquals(3_000_000, b.bytes());
        assertEquals(3, allocations.get(), "1 MiB chunks taken as needed");
        List<Integer> got = new ArrayList<>();
        while (!b.isEmpty()) {
            got.addAll(take(b, 64 * 1024));
        }
        assertEquals(3000, got.size());
        for (int i = 0; i < 3000; i++) {
            assertEquals(i % 120, got.get(i));
        }
        assertEquals(0, b.chunks());
        assertEquals(2L << 20, b.capacity(), "an empty ring keeps one chunk and one spare");
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < 1500; i++) {
                add(b, 7, 1000);
            }
            while (!b.isEmpty()) {
                take(b, 1 << 20);
            }
        }
        assertEquals(3, allocations.get(), "refilling to 1.5 MB ten times reuses the two chunks kept");
    }

    @Test
    void aGetTakesAtMostItsBudgetButAlwaysOneDatagram() {
        Backlog b = backlog(100, 4L << 20);
        add(b, 1, 300);
        add(b, 2, 300);
        add(b, 3, 300);
        assertEquals(List.of(1, 2), take(b, 700));
        assertEquals(List.of(3), take(b, 10), "one datagram larger than the budget is taken alone");
    }

    @Test
    void theBoundInDatagramsDropsTheNewestAndMarksTheLossInItsPlace() {
        Backlog b = backlog(3, 4L << 20);
        for (int i = 1; i <= 5; i++) {
            add(b, i, 50);
        }
        b.kernelLoss(4); // the kernel dropped 4 more right after: the same loss
        add(b, 9, 50);   // still full
        assertEquals(List.of(1, 2, 3), take(b, 1 << 20));
        Backlog.Lost l = assertInstanceOf(Backlog.Lost.class, b.take(new ArrayList<>(), 1 << 20));
        assertEquals(4, l.kernel);
        assertEquals(3, l.queue, "datagrams 4, 5 and 9");
        assertTrue(b.isEmpty());
        assertEquals(3, b.dropped());
        add(b, 10, 50);
        assertEquals(List.of(10), take(b, 1 << 20), "the stream goes on");
    }

    @Test
    void theBoundInNativeMemoryDropsTheNewest() {
        Backlog b = backlog(1 << 20, 2L << 20);
        ByteBuffer d = datagram(1, 1000);
        for (int i = 0; i < 5000; i++) {
            b.addDatagram(d, 100, 1000, 1, 1001);
        }
        int kept = b.chunks();
        assertTrue(kept >= 2000 && kept < 2100, "two 1 MiB chunks hold about 2,060 records of 1,016 bytes: " + kept);
        assertEquals(5000 - kept, b.dropped());
        assertEquals(2, allocations.get());
    }

    @Test
    void heapChunksAndFaultsKeepTheirPlaceBetweenRingRecords() {
        Backlog b = backlog(100, 4L << 20);
        add(b, 1, 40);
        add(b, 2, 40);
        byte[] reply = new byte[40];
        java.util.Arrays.fill(reply, (byte) 3);
        b.add(new RequestTracker.Chunk(reply, 0, 40, 3, 1003, true));
        add(b, 4, 40);
        b.failure(new RequestTracker.Fault(new io.jnetlink.message.MalformedMessageException("bad", 0)));
        add(b, 5, 40);
        assertEquals(List.of(1, 2, 3, 4), take(b, 1 << 20));
        assertInstanceOf(Backlog.Failed.class, b.take(new ArrayList<>(), 1 << 20));
        assertEquals(List.of(5), take(b, 1 << 20));
    }

    @Test
    void theOldestDatagramGivesTheDelay() {
        Backlog b = backlog(100, 4L << 20);
        assertEquals(77, b.oldestNanos(77), "empty: now");
        add(b, 5, 40);
        add(b, 6, 40);
        assertEquals(1005, b.oldestNanos(2000));
        take(b, 40);
        assertEquals(1006, b.oldestNanos(2000));
    }

    @Test
    void aDatagramTooLargeForTheRingIsKeptOnTheHeap() {
        Backlog b = backlog(100, 4L << 20);
        int big = DatagramRing.MAX_DATAGRAM + 8;
        add(b, 1, 40);
        add(b, 2, big);
        add(b, 3, 40);
        assertEquals(List.of(1, 2, 3), take(b, 4 << 20));
    }
}
