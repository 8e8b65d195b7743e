package io.jnetlink.socket;

import io.jnetlink.Errno;
import io.jnetlink.FakeLibc;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.TestCtrl;
import io.jnetlink.Wire;
import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.NetlinkMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.jnetlink.FakeLibc.PORT;
import static io.jnetlink.Wire.concat;
import static io.jnetlink.Wire.newFamily;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's table of faults, row by row, through the system-call layer ({@link FakeLibc}): what each fault
 * does to the request or the {@code get()} stream, and that the socket goes on afterwards. Rows tested elsewhere
 * name their test.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class FaultTableTest {
    private final FakeLibc fake = new FakeLibc();
    private final List<NetlinkSocket> sockets = new ArrayList<>();

    private NetlinkSocket socket(NetlinkSocketSpec.Builder b) throws NetlinkException {
        NetlinkSocket s = TestCtrl.socket(b.libc(fake).build());
        sockets.add(s);
        return s;
    }

    private NetlinkSocket socket() throws NetlinkException {
        return socket(NetlinkSocketSpec.builder());
    }

    @AfterEach
    void closeSockets() {
        sockets.forEach(NetlinkSocket::close);
        if (fake.misuse != null) {
            throw fake.misuse;
        }
    }

    private static java.util.function.Function<FakeLibc.Sent, byte[]> familyReply(String name) {
        return s -> concat(newFamily(0, s.seq(), PORT, name, 0x21), Wire.ack(s.seq(), PORT, s.bytes()));
    }

    private static List<String> names(List<NetlinkMessage> msgs) {
        return msgs.stream().map(m -> TestCtrl.parse(m).name()).toList();
    }

    /** Row "EINTR from poll, recvmsg or sendto: retried" (poll and recvmsg: FakeLibcTest.eintrAndEagainAreRetriedTransparently). */
    @Test
    void eintrFromSendtoIsRetried() throws Exception {
        NetlinkSocket s = socket();
        fake.sendError(Errno.EINTR).sendError(Errno.EINTR).reply(familyReply("fam"));
        assertEquals(List.of("fam"), names(s.request(TestCtrl.getFamily("fam")).list()));
        assertEquals(1, fake.sent.size(), "sent once, after two interrupted attempts");
    }

    /** Row "EAGAIN: retried": a full send buffer is waited for (poll for POLLOUT), then the send is retried. */
    @Test
    void eagainFromSendtoWaitsForRoomAndRetries() throws Exception {
        NetlinkSocket s = socket();
        fake.sendError(Errno.EAGAIN).reply(familyReply("fam"));
        assertEquals(List.of("fam"), names(s.request(TestCtrl.getFamily("fam")).list()));
        assertEquals(1, fake.writablePolls.get());
        assertEquals(1, fake.sent.size());
    }

    /** Row "EAGAIN: retried (non-blocking get() returns an empty list)". */
    @Test
    void nonBlockingGetReturnsAnEmptyListAtOnce() throws Exception {
        NetlinkSocket s = socket();
        s.setBlocking(false);
        assertEquals(List.of(), s.get());
        fake.datagram(newFamily(0, 0, 0, "event", 0x40));
        assertEquals(List.of("event"), names(s.get()));
    }

    /** A send the kernel refuses for good is the request's error, and the request is forgotten. */
    @Test
    void anotherSendErrorFailsTheRequestAndLeavesNoState() throws Exception {
        NetlinkSocket s = socket();
        fake.sendError(Errno.EPERM);
        NetlinkException e = assertThrows(NetlinkException.class, () -> s.request(TestCtrl.dumpFamilies()));
        assertEquals(Errno.EPERM, e.errno());
        assertEquals("sendto", e.detail());
        assertEquals(null, e.extAckMessage(), "the library's word is not the kernel's ext-ack");
        assertEquals(0, s.pendingRequests());
        fake.reply(s2 -> concat(newFamily(Netlink.NLM_F_MULTI, s2.seq(), PORT, "a", 0x21),
                Wire.done(Netlink.NLM_F_MULTI, s2.seq(), PORT, 0)));
        assertEquals(List.of("a"), names(s.request(TestCtrl.dumpFamilies()).list()), "the next dump gets its turn");
    }

    /** Row "datagram cut below its sequence number": every waiting request fails, none completes on a later ACK. */
    @Test
    void aDatagramCutBelowTwelveBytesFailsTheRequestInsteadOfLosingItsReply() throws Exception {
        NetlinkSocket s = socket(NetlinkSocketSpec.builder().timeout(Duration.ofSeconds(5)));
        fake.reply(r -> Arrays.copyOf(newFamily(0, r.seq(), PORT, "fam", 0x21), 8))
                .reply(r -> Wire.ack(r.seq(), PORT, r.bytes()));
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> s.request(TestCtrl.getFamily("fam")));
        assertTrue(e.getMessage().contains("truncated header: 8 bytes left"), e.getMessage());
        assertEquals(List.of(), s.get(Duration.ofMillis(100)), "neither the fault nor the ACK leaks to get()");
        assertEquals(0, s.pendingRequests(), "forgotten once its ACK came");
    }

    /** An NLMSG_ERROR carrying INT_MIN is a kernel error with that number, not an exception from inside the library. */
    @Test
    void anErrorOfIntMinIsANetlinkException() throws Exception {
        NetlinkSocket s = socket();
        fake.reply(r -> Wire.error(0, r.seq(), PORT, Integer.MIN_VALUE, r.bytes()));
        NetlinkException e = assertThrows(NetlinkException.class, () -> s.request(TestCtrl.getFamily("x")));
        assertEquals("E2147483648", e.errnoName());
        assertEquals("E2147483648", Errno.name(Integer.MIN_VALUE));
        assertEquals("errno 2147483648", Errno.describe(Integer.MIN_VALUE));
    }

    /** Row "no reply within the timeout": ETIMEDOUT, the request forgotten, its late reply discarded. */
    @Test
    void aTimedOutRequestLeavesNoStateAndItsLateReplyIsDiscarded() throws Exception {
        NetlinkSocket s = socket(NetlinkSocketSpec.builder().timeout(Duration.ofMillis(100)));
        for (int i = 0; i < 5; i++) {
            assertEquals(Errno.ETIMEDOUT, assertThrows(NetlinkException.class, () -> s.request(TestCtrl.getFamily("slow"))).errno());
        }
        assertEquals(0, s.pendingRequests());
        int late = fake.lastSent().seq();
        fake.datagram(concat(newFamily(0, late, PORT, "late", 0x22), Wire.ack(late, PORT, new byte[16])));
        assertEquals(List.of(), s.get(Duration.ofMillis(100)));
        assertEquals(2, s.lateReplies(), "the reply and its ACK");
    }

    /** A receive error on the thread receiving for a request ends that request with the error, and nothing stays. */
    @Test
    void aReceiveErrorEndsTheRequestOfTheReceivingThread() throws Exception {
        NetlinkSocket s = socket(NetlinkSocketSpec.builder().timeout(Duration.ofSeconds(2)));
        fake.recvError(Errno.ENOMEM);
        NetlinkException e = assertThrows(NetlinkException.class, () -> s.request(TestCtrl.getFamily("fam")));
        assertEquals(Errno.ENOMEM, e.errno());
        int seq = fake.lastSent().seq();
        fake.datagram(concat(newFamily(0, seq, PORT, "fam", 0x21), Wire.ack(seq, PORT, new byte[16])));
        assertEquals(List.of(), s.get(Duration.ofMillis(100)), "its reply, once it comes, is swallowed");
        assertEquals(0, s.pendingRequests());
    }

    /** The reader thread meets an unexpected errno: get() reports it once, and the reader goes on receiving. */
    @Test
    void theReaderReportsAnUnexpectedErrnoAndGoesOn() throws Exception {
        NetlinkSocket s = socket();
        s.bind(0, null, true);
        fake.recvError(Errno.ENOMEM).datagram(newFamily(0, 0, 0, "after", 0x40));
        NetlinkException e = assertThrows(NetlinkException.class, () -> s.get(Duration.ofSeconds(5)));
        assertEquals(Errno.ENOMEM, e.errno());
        assertEquals(List.of("after"), names(s.get(Duration.ofSeconds(5))));
        assertTrue(s.hasReader());
        fake.reply(familyReply("fam"));
        assertEquals(List.of("fam"), names(s.request(TestCtrl.getFamily("fam")).list()), "requests still work");
    }

    /** close() wakes the reader through the eventfd, joins it and closes each descriptor once. */
    @Test
    void closeStopsTheReaderAndClosesEachDescriptorOnce() throws Exception {
        NetlinkSocket s = socket();
        s.bind(0, null, true);
        assertTrue(fake.idle.await(5, TimeUnit.SECONDS), "the reader is polling");
        s.close();
        assertEquals(0, fake.woken.getCount(), "woken through the eventfd, not a receive timeout");
        assertFalse(s.hasReader());
        assertEquals(List.of(FakeLibc.SOCK_FD, FakeLibc.WAKE_FD), fake.closed);
    }

    /** close() returns while a thread is inside a system call; the descriptor is closed when that thread leaves. */
    @Test
    void theDescriptorIsClosedOnlyOnceNoThreadIsInside() throws Exception {
        NetlinkSocket s = socket();
        s.bind();
        fake.sendGate = new CountDownLatch(1);
        CompletableFuture<Object> inside = CompletableFuture.supplyAsync(() -> {
            try {
                return s.put(TestCtrl.getFamily("x"));
            } catch (NetlinkException e) {
                return e;
            }
        });
        assertTrue(fake.atGate.await(5, TimeUnit.SECONDS));
        s.close();
        assertEquals(List.of(), fake.closed, "a thread is inside sendto: the descriptor stays open");
        fake.sendGate.countDown();
        inside.get(5, TimeUnit.SECONDS);
        assertEquals(List.of(FakeLibc.SOCK_FD, FakeLibc.WAKE_FD), fake.closed, "closed by the last thread out");
        assertEquals(Errno.EBADF, assertThrows(NetlinkException.class, () -> s.put(TestCtrl.getFamily("x"))).errno());
    }

    /** The cursor path: every data message in order, the DONE not handed out, and a fault after the good ones. */
    @Test
    void readHandsEveryReplyToOneCursorAndStopsAtAFault() throws Exception {
        NetlinkSocket s = socket();
        fake.reply(r -> concat(newFamily(Netlink.NLM_F_MULTI, r.seq(), PORT, "a", 0x21),
                        newFamily(Netlink.NLM_F_MULTI, r.seq(), PORT, "b", 0x22)))
                .reply(r -> concat(newFamily(Netlink.NLM_F_MULTI, r.seq(), PORT, "c", 0x23),
                        Wire.done(Netlink.NLM_F_MULTI, r.seq(), PORT, 0)));
        List<String> seen = new ArrayList<>();
        try (Replies r = s.stream(TestCtrl.dumpFamilies())) {
            assertEquals(3, r.read(c -> seen.add(TestCtrl.parse(c.message()).name())));
            assertTrue(r.isDone());
        }
        assertEquals(List.of("a", "b", "c"), seen);

        fake.reply(r -> concat(newFamily(Netlink.NLM_F_MULTI, r.seq(), PORT, "good", 0x21),
                Wire.msgWithLength(500, Netlink.GENL_ID_CTRL, Netlink.NLM_F_MULTI, r.seq(), PORT, new byte[4])));
        seen.clear();
        try (Replies r = s.stream(TestCtrl.dumpFamilies())) {
            assertThrows(MalformedMessageException.class, () -> r.read(c -> seen.add(TestCtrl.parse(c.message()).name())));
        }
        assertEquals(List.of("good"), seen);
    }

    /** A visitor's exception stops the reading; the socket swallows the rest of that dump, the next one works. */
    @Test
    void anExceptionFromTheVisitorStopsReadingAndTheRestIsSwallowed() throws Exception {
        NetlinkSocket s = socket();
        fake.reply(r -> newFamily(Netlink.NLM_F_MULTI, r.seq(), PORT, "a", 0x21));
        try (Replies r = s.stream(TestCtrl.dumpFamilies())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.read(c -> {
                throw new IllegalStateException("the caller's own");
            }));
            assertEquals("the caller's own", e.getMessage());
        }
        int seq = fake.lastSent().seq();
        fake.datagram(concat(newFamily(Netlink.NLM_F_MULTI, seq, PORT, "rest", 0x22), Wire.done(Netlink.NLM_F_MULTI, seq, PORT, 0)));
        fake.reply(r -> concat(newFamily(Netlink.NLM_F_MULTI, r.seq(), PORT, "next", 0x21), Wire.done(Netlink.NLM_F_MULTI, r.seq(), PORT, 0)));
        List<String> seen = new ArrayList<>();
        try (Replies r = s.stream(TestCtrl.dumpFamilies())) {
            r.read(c -> seen.add(TestCtrl.parse(c.message()).name()));
        }
        assertEquals(List.of("next"), seen, "the first dump's rest went nowhere");
        assertEquals(0, s.pendingRequests());
    }

    /** A malformed reply ends its request after the good messages; nothing after the fault is handed out. */
    @Test
    void nothingAtOrAfterAFaultIsHandedOut() throws Exception {
        NetlinkSocket s = socket();
        fake.reply(r -> concat(newFamily(Netlink.NLM_F_MULTI, r.seq(), PORT, "good", 0x21),
                Wire.msgWithLength(500, Netlink.GENL_ID_CTRL, Netlink.NLM_F_MULTI, r.seq(), PORT, new byte[4]),
                newFamily(Netlink.NLM_F_MULTI, r.seq(), PORT, "after", 0x22)));
        Replies r = s.stream(TestCtrl.dumpFamilies());
        assertEquals("good", TestCtrl.parse(r.next()).name());
        assertThrows(MalformedMessageException.class, r::next);
        assertEquals(null, r.next(), "ended");
        int seq = fake.lastSent().seq();
        fake.datagram(concat(newFamily(Netlink.NLM_F_MULTI, seq, PORT, "rest", 0x23), Wire.done(Netlink.NLM_F_MULTI, seq, PORT, 0)));
        assertEquals(List.of(), s.get(Duration.ofMillis(100)), "the rest of the failed dump is swallowed");
        assertEquals(0, s.pendingRequests());
        assertInstanceOf(NetlinkSocket.class, s);
    }
}
