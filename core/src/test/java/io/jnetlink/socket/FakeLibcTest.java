package io.jnetlink.socket;

import io.jnetlink.Errno;
import io.jnetlink.FakeLibc;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.Wire;
import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.NetlinkMessage;

import io.jnetlink.TestCtrl;

import io.jnetlink.FakeLibc.Sent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static io.jnetlink.FakeLibc.PORT;
import static io.jnetlink.Netlink.NLM_F_DUMP_INTR;
import static io.jnetlink.Netlink.NLM_F_MULTI;
import static io.jnetlink.Wire.concat;
import static io.jnetlink.Wire.newFamily;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NetlinkSocket's receive loop, routing, faults and shutdown, driven through a scripted {@link FakeLibc}. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class FakeLibcTest {
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

    // ------------------------------------------------------------------ replies built from the request sent

    /** The getfamily reply: one newfamily then the ACK. */
    static Function<Sent, byte[]> familyReply(String name, int id) {
        return s -> concat(newFamily(0, s.seq(), PORT, name, id), Wire.ack(s.seq(), PORT, s.bytes()));
    }

    /** Part of a dump: one newfamily per name, NLM_F_MULTI plus {@code flags}. */
    static Function<Sent, byte[]> dumpPart(int flags, String... names) {
        return s -> {
            byte[] out = new byte[0];
            for (String n : names) {
                out = concat(out, newFamily(NLM_F_MULTI | flags, s.seq(), PORT, n, 0x20 + n.length()));
            }
            return out;
        };
    }

    static Function<Sent, byte[]> done(int flags) {
        return s -> Wire.done(NLM_F_MULTI | flags, s.seq(), PORT, 0);
    }

    static Function<Sent, byte[]> then(Function<Sent, byte[]> a, Function<Sent, byte[]> b) {
        return s -> concat(a.apply(s), b.apply(s));
    }

    /** A broadcast: seq 0, port 0. */
    static byte[] event(String name) {
        return newFamily(0, 0, 0, name, 0x40);
    }

    static List<String> names(List<NetlinkMessage> msgs) {
        return msgs.stream().map(m -> TestCtrl.parse(m).name()).toList();
    }

    // ------------------------------------------------------------------ tests

    @Test
    void setupAppliesTheSpecOptionsAndRequestsCarryPortAndSeq() throws Exception {
        NetlinkSocket s = socket();
        assertTrue(fake.sockopts.contains(List.of(Netlink.SOL_SOCKET, Netlink.SO_SNDBUF, 1 << 20)));
        assertTrue(fake.sockopts.contains(List.of(Netlink.SOL_SOCKET, Netlink.SO_RCVBUF, 1 << 20)));
        assertTrue(fake.sockopts.contains(List.of(Netlink.SOL_NETLINK, Netlink.NETLINK_EXT_ACK, 1)));
        assertFalse(fake.sockopts.stream().anyMatch(o -> o.get(1) == Netlink.NETLINK_GET_STRICT_CHK));
        fake.reply(familyReply("fam", 0x21));
        TestCtrl.Family f = TestCtrl.resolve(s, "fam");
        assertEquals("fam", f.name());
        assertEquals(0x21, f.id());
        assertEquals(PORT, s.port());
        Sent req = fake.lastSent();
        assertEquals(PORT, req.port());
        assertTrue(req.seq() != 0);
        assertEquals(Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, req.flags());
    }

    @Test
    void eintrAndEagainAreRetriedTransparently() throws Exception {
        NetlinkSocket s = socket();
        fake.pollError(Errno.EINTR).recvError(Errno.EINTR).recvError(Errno.EAGAIN).pollError(Errno.EINTR)
                .reply(familyReply("fam", 0x21));
        List<NetlinkMessage> replies = s.request(TestCtrl.getFamily("fam")).list();
        assertEquals(List.of("fam"), names(replies));
        assertTrue(fake.scriptEmpty(), "every step was consumed");
        assertTrue(fake.polls.get() >= 2, "both poll errors were retried: " + fake.polls.get());
        assertEquals(1, fake.sent.size(), "sent once");
    }

    @Test
    void enobufsSurfacesOnceFromGetAndReadingContinues() throws Exception {
        NetlinkSocket s = socket();
        // the kernel reports ENOBUFS before the datagrams queued ahead of the loss ("b"): the loss lies after them,
        // where the queue was read empty, and it carries how much the drop counter rose
        fake.broadcast(event("a")).overflow(3).broadcast(event("b"));
        assertEquals(List.of("a"), names(s.get()));
        assertEquals(List.of("b"), names(s.get()));
        OverrunException e = assertThrows(OverrunException.class, s::get);
        assertEquals(Errno.ENOBUFS, e.errno());
        assertEquals("ENOBUFS", e.errnoName());
        assertEquals(new NetlinkEvent.Overrun(1, 3, 0), e.overrun());
        assertTrue(e.getMessage().contains("3 datagrams lost: 3 dropped by the kernel"), e.getMessage());
        fake.broadcast(event("c"));
        assertEquals(List.of("c"), names(s.get()));
        assertEquals(List.of(), s.get(Duration.ofMillis(50)));
        assertEquals(1, s.kernelOverruns());
    }

    @Test
    void aMessageFeedPutsAHandlersFaultBetweenTheMessagesAroundIt() throws Exception {
        NetlinkSocket s = socket();
        for (String n : List.of("a", "skipped", "b", "c", "d")) {
            fake.broadcast(event(n));
        }
        MessageFeed feed = new MessageFeed(s);
        List<String> seen = new ArrayList<>();
        for (int calls = 0; seen.size() < 4 && calls < 20; calls++) {
            try {
                feed.next(Duration.ofMillis(100), m -> {
                    String name = TestCtrl.parse(m).name();
                    if (name.equals("b")) {
                        throw new MalformedMessageException("b cannot be decoded", 0);
                    }
                    return !name.equals("skipped") && seen.add(name);
                });
            } catch (MalformedMessageException e) {
                seen.add("fault");
            }
        }
        assertEquals(List.of("a", "fault", "c", "d"), seen, "the fault in its place; nothing lost around it");
    }

    @Test
    void eachOverrunCarriesTheDropsSinceThePreviousOneAndTheyAddUp() throws Exception {
        NetlinkSocket s = socket(NetlinkSocketSpec.builder().asyncQsize(1));
        // the kernel drops 5; broadcasts come two to a batch (Receiver.LEADER_BATCH) and the buffer (1 datagram)
        // drops the second of each; later the kernel drops 7 more
        fake.broadcast(event("a")).overflow(5);
        for (String n : List.of("b", "c", "d", "e")) {
            fake.broadcast(event(n));
        }
        fake.broadcast(event("f")).overflow(7).broadcast(event("g"));
        long lost = 0;
        List<String> got = new ArrayList<>();
        List<NetlinkEvent.Overrun> overruns = new ArrayList<>();
        while (true) {
            try {
                List<NetlinkMessage> b = s.get(Duration.ofMillis(100));
                if (b.isEmpty()) {
                    break;
                }
                got.addAll(names(b));
            } catch (OverrunException e) {
                overruns.add(e.overrun());
                lost += e.overrun().lost();
            }
        }
        assertEquals(List.of("a", "b", "d", "f", "g"), got);
        assertEquals(List.of(new NetlinkEvent.Overrun(1, 0, 1), new NetlinkEvent.Overrun(2, 0, 1),
                new NetlinkEvent.Overrun(3, 5, 0), new NetlinkEvent.Overrun(4, 7, 0)), overruns,
                "each in its place, with what it lost");
        assertEquals(5 + 2 + 7, lost, "the overruns add up to the kernel's drops and the buffer's");
        assertEquals(12, fake.drops.get());
        assertEquals(2, s.kernelOverruns());
        assertEquals(2, s.backlogDropped());
    }

    @Test
    void enobufsWhileARequestWaitsReachesGetNotTheRequest() throws Exception {
        NetlinkSocket s = socket();
        fake.datagram(event("a")).recvError(Errno.ENOBUFS).reply(familyReply("fam", 0x21));
        assertEquals(List.of("fam"), names(s.request(TestCtrl.getFamily("fam")).list()));
        assertEquals(List.of("a"), names(s.get()));
        assertEquals(Errno.ENOBUFS, assertThrows(NetlinkException.class, s::get).errno());
        assertEquals(List.of(), s.get(Duration.ofMillis(50)));
    }

    /** 700 newfamily messages of 52 bytes: 36,400 bytes, more than the 32 KiB receive buffer. */
    static Function<Sent, byte[]> oversizedDump() {
        return s -> {
            Wire.Buf b = Wire.buf();
            for (int i = 0; i < 700; i++) {
                b.bytes(newFamily(NLM_F_MULTI, s.seq(), PORT, String.format("family%03d", i), 0x100 + i));
            }
            return b.build();
        };
    }

    @ParameterizedTest(name = "MSG_TRUNC flag: {0}")
    @ValueSource(booleans = {true, false})
    void truncatedDumpDatagramIsMalformedAndTheSocketKeepsWorking(boolean flagged) throws Exception {
        NetlinkSocket s = socket();
        assertEquals(52, newFamily(0, 0, 0, "family000", 0).length);
        fake.truncated(oversizedDump(), flagged);
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> s.request(TestCtrl.dumpFamilies()));
        assertTrue(e.getMessage().contains("truncated to the 32768-byte receive buffer"), e.getMessage());
        assertEquals(630, e.messagesBefore().size(), "complete messages before the cut");
        assertEquals(630 * 52, e.offset(), "at the first incomplete message");
        assertEquals("family629", TestCtrl.parse(e.messagesBefore().getLast()).name());

        fake.reply(familyReply("next", 0x21));
        assertEquals(List.of("next"), names(s.request(TestCtrl.getFamily("next")).list()));
    }

    @ParameterizedTest(name = "MSG_TRUNC flag: {0}")
    @ValueSource(booleans = {true, false})
    void truncatedSingleReplyReachesItsRequest(boolean flagged) throws Exception {
        NetlinkSocket s = socket(NetlinkSocketSpec.builder().timeout(Duration.ofSeconds(3)));
        // one 40,016-byte reply (an attribute of 40,000 bytes): only its first 32 KiB fit the buffer
        fake.truncated(sent -> Wire.genlMsg(Netlink.GENL_ID_CTRL, 0, sent.seq(), PORT, TestCtrl.CMD_NEWFAMILY,
                Wire.attr(99, new byte[39996])), flagged);
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> s.request(TestCtrl.getFamily("big")));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertEquals(List.of(), e.messagesBefore());
        assertEquals(0, e.offset(), "at the incomplete reply");
        assertEquals(List.of(), s.get(Duration.ofMillis(50)), "the fault is the request's, not get()'s");

        fake.reply(familyReply("next", 0x21));
        assertEquals(List.of("next"), names(s.request(TestCtrl.getFamily("next")).list()));
    }

    @Test
    void datagramsFromOtherPortsAreDroppedAndCounted() throws Exception {
        NetlinkSocket s = socket();
        fake.fromPort(999, familyReply("spoofed", 0x66)).reply(familyReply("fam", 0x21));
        assertEquals(List.of("fam"), names(s.request(TestCtrl.getFamily("fam")).list()));
        assertEquals(1, s.foreignDatagramsDropped());
        assertEquals(List.of(), s.get(Duration.ofMillis(50)));
    }

    @Test
    void repliesWithAForeignSeqOrPortGoToGet() throws Exception {
        NetlinkSocket s = socket();
        fake.reply(r -> concat(newFamily(0, r.seq() + 100, PORT, "other-seq", 0x30), newFamily(0, r.seq(), 999, "other-port", 0x31)))
                .reply(familyReply("fam", 0x21));
        assertEquals(List.of("fam"), names(s.request(TestCtrl.getFamily("fam")).list()));
        List<NetlinkMessage> got = s.get();
        assertEquals(List.of("other-seq", "other-port"), names(got));
        assertEquals(fake.lastSent().seq() + 100, got.getFirst().seq());
    }

    @Test
    void requestTimesOutWithEtimedout() throws Exception {
        NetlinkSocket s = socket(NetlinkSocketSpec.builder().timeout(Duration.ofMillis(200)));
        long t0 = System.nanoTime();
        NetlinkException e = assertThrows(NetlinkException.class, () -> s.request(TestCtrl.getFamily("slow")));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(Errno.ETIMEDOUT, e.errno());
        assertEquals("ETIMEDOUT", e.errnoName());
        assertTrue(ms >= 190 && ms < 5000, "took " + ms + " ms");

        // the late reply to the abandoned request is discarded; the next request works
        int lateSeq = fake.lastSent().seq();
        fake.reply(r -> concat(newFamily(0, lateSeq, PORT, "late", 0x22), Wire.ack(lateSeq, PORT, r.bytes())))
                .reply(familyReply("fam", 0x21));
        assertEquals(List.of("fam"), names(s.request(TestCtrl.getFamily("fam")).list()));
        assertEquals(List.of(), s.get(Duration.ofMillis(50)));
    }

    @Test
    void multipartDumpInTwoDatagramsEndsWithDone() throws Exception {
        NetlinkSocket s = socket();
        fake.reply(dumpPart(0, "a", "b")).reply(then(dumpPart(0, "c"), done(0)));
        Replies r = s.request(TestCtrl.dumpFamilies());
        assertEquals(List.of("a", "b", "c"), names(r.list()));
        assertTrue(r.isDone());
        assertFalse(r.dumpInterrupted());
        assertEquals(Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP, fake.lastSent().flags(), "no ACK flag on a dump");
    }

    @Test
    void dumpInterruptedIsReported() throws Exception {
        NetlinkSocket s = socket();
        fake.reply(dumpPart(NLM_F_DUMP_INTR, "a")).reply(done(NLM_F_DUMP_INTR));
        Replies r = s.request(TestCtrl.dumpFamilies());
        assertEquals(List.of("a"), names(r.list()));
        assertTrue(r.dumpInterrupted());
    }

    @Test
    void requestConsistentGivesUpWithEintr() throws Exception {
        NetlinkSocket s = socket();
        for (int i = 0; i < 3; i++) {
            fake.reply(then(dumpPart(NLM_F_DUMP_INTR, "a"), done(NLM_F_DUMP_INTR)));
        }
        NetlinkException e = assertThrows(NetlinkException.class, () -> s.requestConsistent(TestCtrl.dumpFamilies(), 3));
        assertEquals(Errno.EINTR, e.errno());
        assertEquals(3, fake.sent.size());
        assertTrue(fake.scriptEmpty());
    }

    @Test
    void requestConsistentRetriesUntilClean() throws Exception {
        NetlinkSocket s = socket();
        fake.reply(then(dumpPart(NLM_F_DUMP_INTR, "stale"), done(NLM_F_DUMP_INTR)))
                .reply(then(dumpPart(0, "a", "b"), done(0)));
        assertEquals(List.of("a", "b"), names(s.requestConsistent(TestCtrl.dumpFamilies(), 3)));
        assertEquals(2, fake.sent.size());
        assertTrue(fake.sent.get(1).seq() != fake.sent.get(0).seq());
        assertThrows(IllegalArgumentException.class, () -> s.requestConsistent(TestCtrl.dumpFamilies(), 0));
    }

    @Test
    void kernelErrorReachesTheRequestWithItsExtAck() throws Exception {
        NetlinkSocket s = socket();
        fake.reply(r -> Wire.error(Netlink.NLM_F_ACK_TLVS, r.seq(), PORT, -Errno.ENOENT, r.bytes(),
                Wire.attr(Netlink.NLMSGERR_ATTR_MSG, Wire.cstr("Unknown family"))));
        NetlinkException e = assertThrows(NetlinkException.class, () -> s.request(TestCtrl.getFamily("nope")));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("Unknown family", e.extAckMessage());
        assertEquals(fake.lastSent().seq(), e.seq());
        assertEquals("request getfamily", e.op());
    }

    @Test
    void closeWakesAThreadBlockedInGet() throws Exception {
        NetlinkSocket s = socket();
        CompletableFuture<Object> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return s.get();
            } catch (NetlinkException e) {
                return e;
            }
        });
        assertTrue(fake.idle.await(5, TimeUnit.SECONDS), "get() reached poll");
        assertFalse(blocked.isDone());
        s.close();
        NetlinkException e = assertInstanceOf(NetlinkException.class, blocked.get(5, TimeUnit.SECONDS));
        assertEquals(Errno.EBADF, e.errno());
        assertEquals(0, fake.woken.getCount(), "close() wrote the wake eventfd");

        s.close();
        assertEquals(List.of(FakeLibc.SOCK_FD, FakeLibc.WAKE_FD), fake.closed, "each descriptor closed once");
        assertTrue(s.isClosed());
        assertEquals(-1, s.fileno());
        assertEquals(Errno.EBADF, assertThrows(NetlinkException.class, s::get).errno());
        assertEquals(Errno.EBADF, assertThrows(NetlinkException.class, () -> s.request(TestCtrl.getFamily("x"))).errno());
    }

    @Test
    void closeWakesAThreadBlockedInARequest() throws Exception {
        NetlinkSocket s = socket();
        CompletableFuture<Object> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return s.request(TestCtrl.getFamily("x"));
            } catch (NetlinkException e) {
                return e;
            }
        });
        assertTrue(fake.idle.await(5, TimeUnit.SECONDS));
        s.close();
        assertEquals(Errno.EBADF, assertInstanceOf(NetlinkException.class, blocked.get(5, TimeUnit.SECONDS)).errno());
    }

    @Test
    void broadcastsPilingUpDuringARequestAreBoundedToo() throws Exception {
        NetlinkSocket s = socket(NetlinkSocketSpec.builder().asyncQsize(3));
        for (int i = 1; i <= 5; i++) {
            fake.datagram(event(Integer.toString(i)));
        }
        fake.reply(familyReply("fam", 0x21));
        assertEquals(List.of("fam"), names(s.request(TestCtrl.getFamily("fam")).list()));
        assertEquals(List.of("1", "2", "3"), names(s.get()));
        OverrunException e = assertThrows(OverrunException.class, s::get);
        assertEquals(Errno.ENOBUFS, e.errno());
        assertTrue(e.getMessage().contains("2 datagrams lost: 2 dropped by the user-space buffer (it held asyncQsize=3"),
                e.getMessage());
        assertEquals(new NetlinkEvent.Overrun(1, 0, 2), e.overrun());
        assertEquals(2, s.backlogDropped());
        assertEquals(0, s.kernelOverruns());
        assertEquals(List.of(), s.get(Duration.ofMillis(50)));

        fake.datagram(event("6"));
        assertEquals(List.of("6"), names(s.get()), "reading continues after the overrun");
    }

    @Test
    void getWithTimeoutReturnsEmptyWhenNothingCame() throws Exception {
        NetlinkSocket s = socket();
        long t0 = System.nanoTime();
        assertEquals(List.of(), s.get(Duration.ofMillis(100)));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) >= 90);
        assertNull(fake.misuse);
    }
}
