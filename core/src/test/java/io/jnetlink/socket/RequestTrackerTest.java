package io.jnetlink.socket;

import io.jnetlink.Errno;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.TestRoute;
import io.jnetlink.Wire;
import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.MessageBuilder;
import io.jnetlink.message.OutgoingMessage;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.jnetlink.Netlink.NLM_F_MULTI;
import static io.jnetlink.Wire.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request tracker on byte fixtures: routing, the one definition of done, dump turns, faults, forgetting. */
class RequestTrackerTest {
    private static final int PORT = 4242;
    private static final long TIMEOUT = 1_000_000_000L;
    private static final OutgoingMessage GET = MessageBuilder.of(TestRoute.SCHEMA, "getlink").attr("ifname", "lo").build();
    private static final OutgoingMessage DUMP = MessageBuilder.of(TestRoute.SCHEMA, "getaddr").dump().build();

    private final RequestTracker t = new RequestTracker();
    private final RequestTracker.Routed out = new RequestTracker.Routed();

    private RequestTracker.Request register(OutgoingMessage m) throws NetlinkException {
        return t.register(m, "op", false, TIMEOUT, 0);
    }

    /** A reply message of {@code r} (a link, 20 bytes of payload). */
    private static byte[] data(RequestTracker.Request r, int flags) {
        return Wire.msg(TestRoute.RTM_NEWLINK, flags, r.seq, PORT, new byte[16]);
    }

    private static byte[] ack(RequestTracker.Request r) {
        return Wire.ack(r.seq, PORT, new byte[16]);
    }

    private static byte[] done(RequestTracker.Request r, int error) {
        return Wire.done(NLM_F_MULTI, r.seq, PORT, error);
    }

    private void route(byte[] datagram) {
        out.clear();
        t.route(datagram, datagram.length, datagram.length, PORT, Integer.MIN_VALUE, 1, out);
    }

    /** The byte ranges delivered to {@code r} so far, as [start, end) pairs. */
    private static List<List<Integer>> chunks(RequestTracker.Request r) {
        return r.inbox.stream().filter(d -> d instanceof RequestTracker.Chunk)
                .map(d -> List.of(((RequestTracker.Chunk) d).start(), ((RequestTracker.Chunk) d).end())).toList();
    }

    private static Exception fault(RequestTracker.Request r) {
        return r.inbox.stream().filter(d -> d instanceof RequestTracker.Fault).map(d -> ((RequestTracker.Fault) d).error())
                .findFirst().orElse(null);
    }

    @Test
    void eachRunOfMessagesReachesTheRequestItAnswers() throws Exception {
        RequestTracker.Request a = register(GET);
        RequestTracker.Request b = register(GET);
        byte[] bReply = concat(data(b, 0), ack(b));
        route(concat(bReply, ack(a)));
        assertEquals(List.of(List.of(0, bReply.length)), chunks(b), "b's reply and its ACK, one chunk");
        assertEquals(List.of(List.of(bReply.length, bReply.length + 36)), chunks(a));
        assertTrue(a.ended() && b.ended(), "done at their ACKs");
        assertEquals(0, t.size(), "forgotten at their terminators");
        assertTrue(out.touched.containsAll(List.of(a, b)));
        assertTrue(out.unclaimed.isEmpty());
    }

    @Test
    void messagesOfAnotherPortOrNoRequestAreUnclaimed() throws Exception {
        RequestTracker.Request a = register(GET);
        byte[] otherPort = Wire.msg(TestRoute.RTM_NEWLINK, 0, a.seq, PORT + 1, new byte[16]);
        byte[] broadcast = Wire.msg(TestRoute.RTM_NEWLINK, 0, 0, 0, new byte[16]);
        byte[] unknownSeq = Wire.msg(TestRoute.RTM_NEWLINK, 0, a.seq + 7, PORT, new byte[16]);
        route(concat(otherPort, broadcast, unknownSeq));
        assertEquals(1, out.unclaimed.size(), "one run of three unclaimed messages");
        assertEquals(List.of(), chunks(a));
        assertFalse(a.ended());
        assertEquals(1, t.size());
    }

    @Test
    void aDumpEndsAtItsDoneAnotherRequestOnlyAtItsAck() throws Exception {
        RequestTracker.Request dump = register(DUMP);
        RequestTracker.Request get = register(GET);
        route(concat(data(dump, NLM_F_MULTI), done(get, 0), data(get, 0)));
        assertFalse(get.ended(), "NLMSG_DONE does not end a request that is not a dump");
        assertFalse(dump.ended());
        route(concat(done(dump, 0), ack(get)));
        assertTrue(dump.ended() && get.ended());
        assertEquals(0, t.size());
    }

    @Test
    void anErrorCarriedByDoneEndsTheDump() throws Exception {
        RequestTracker.Request dump = register(DUMP);
        route(done(dump, -Errno.EINVAL));
        assertTrue(dump.ended());
        assertEquals(1, chunks(dump).size(), "the consumer reads the error from the chunk");
    }

    @Test
    void dumpsTakeTurnsInOrderWhileOtherRequestsGoAtOnce() throws Exception {
        RequestTracker.Request d1 = register(DUMP);
        RequestTracker.Request d2 = register(DUMP);
        RequestTracker.Request d3 = register(DUMP);
        RequestTracker.Request get = register(GET);
        assertTrue(t.maySend(d1));
        assertFalse(t.maySend(d2));
        assertFalse(t.maySend(d3));
        assertTrue(t.maySend(get), "a do-request does not wait for the dump");
        route(concat(data(d1, NLM_F_MULTI), ack(get), done(d1, 0)));
        assertTrue(t.maySend(d2), "the next dump's turn, at the running one's terminator");
        assertTrue(out.touched.contains(d2), "its waiter is woken");
        assertFalse(t.maySend(d3));
        route(done(d2, -Errno.EPERM));
        assertTrue(t.maySend(d3), "an error ends a dump's turn too");
    }

    @Test
    void aFailedSendOrATimeoutPassesTheTurnOn() throws Exception {
        RequestTracker.Request d1 = register(DUMP);
        RequestTracker.Request d2 = register(DUMP);
        RequestTracker.Request d3 = register(DUMP);
        t.sendFailed(d1, out);
        assertTrue(t.maySend(d2));
        t.timedOut(d2, out);
        assertTrue(t.maySend(d3));
        t.timedOut(d3, out);
        assertEquals(0, t.size());
    }

    @Test
    void queuedDumpsAreBounded() throws Exception {
        register(DUMP);
        for (int i = 0; i < RequestTracker.MAX_QUEUED_DUMPS; i++) {
            register(DUMP);
        }
        NetlinkException e = assertThrows(NetlinkException.class, () -> register(DUMP));
        assertEquals(Errno.EBUSY, e.errno());
        assertEquals(RequestTracker.MAX_QUEUED_DUMPS + 1, t.size(), "the refused one is not kept");
        register(GET); // other requests are not limited
    }

    @Test
    void aFramingFaultGoesToTheRequestWhoseMessageItBroke() throws Exception {
        RequestTracker.Request a = register(DUMP);
        byte[] good = data(a, NLM_F_MULTI);
        byte[] bad = Wire.msgWithLength(400, TestRoute.RTM_NEWLINK, NLM_F_MULTI, a.seq, PORT, new byte[8]);
        route(concat(good, bad));
        assertEquals(List.of(List.of(0, good.length)), chunks(a), "the good message first");
        MalformedMessageException e = assertInstanceOf(MalformedMessageException.class, fault(a));
        assertEquals(good.length, e.offset());
        assertTrue(e.getMessage().contains("message length 400 past the datagram (24 bytes left)"), e.getMessage());
        assertEquals(RequestTracker.State.DRAINING, a.state, "failed, still swallowing its replies");
        assertFalse(t.maySend(register(DUMP)), "the kernel is not done with the dump yet");
        a.inbox.clear();
        route(concat(data(a, NLM_F_MULTI), done(a, 0)));
        assertEquals(List.of(), chunks(a), "late replies of a failed request are swallowed");
        assertTrue(a.ended());
    }

    @Test
    void aDatagramCutBelowItsSequenceNumberFailsEveryWaitingRequest() throws Exception {
        RequestTracker.Request a = register(GET);
        RequestTracker.Request b = register(GET);
        byte[] cut = Arrays.copyOf(data(a, 0), 8);
        out.clear();
        t.route(cut, 8, 8, PORT, Integer.MIN_VALUE, 1, out);
        assertInstanceOf(MalformedMessageException.class, fault(a), "any of them may have lost its reply");
        assertInstanceOf(MalformedMessageException.class, fault(b));
        route(concat(ack(a), ack(b)));
        assertEquals(0, t.size(), "forgotten at their ACKs");
        assertEquals(List.of(), chunks(a), "an ACK after the fault cannot complete the request as if nothing was lost");
    }

    @Test
    void aCutDatagramWithNobodyWaitingGoesToGet() {
        route(Arrays.copyOf(Wire.msg(TestRoute.RTM_NEWLINK, 0, 0, 0, new byte[16]), 10));
        assertInstanceOf(RequestTracker.Fault.class, out.unclaimed.getFirst());
    }

    @Test
    void aTruncatedDatagramSaysSoAndReachesTheRequestOfTheCutMessage() throws Exception {
        RequestTracker.Request a = register(DUMP);
        byte[] full = concat(data(a, NLM_F_MULTI), data(a, NLM_F_MULTI), data(a, NLM_F_MULTI));
        out.clear();
        t.route(full, 80, full.length + 1000, PORT, Integer.MIN_VALUE, 1, out);
        assertEquals(List.of(List.of(0, 64)), chunks(a), "the two whole messages (32 bytes each)");
        MalformedMessageException e = assertInstanceOf(MalformedMessageException.class, fault(a));
        assertTrue(e.getMessage().contains("datagram of " + (full.length + 1000) + " bytes truncated to the 80-byte receive buffer"),
                e.getMessage());
        assertEquals(64, e.offset());
    }

    @Test
    void aRemnantOfOneToThreeBytesIsIgnoredNeverAMessage() throws Exception {
        RequestTracker.Request a = register(GET);
        route(concat(ack(a), new byte[3]));
        assertTrue(a.ended());
        assertTrue(out.unclaimed.isEmpty());
    }

    @Test
    void aLengthOfTwoToTheThirtyFirstOrMoreIsPastTheDatagram() throws Exception {
        RequestTracker.Request a = register(GET);
        route(Wire.msgWithLength(0x80000010, TestRoute.RTM_NEWLINK, 0, a.seq, PORT, new byte[4]));
        assertTrue(fault(a).getMessage().contains("message length 2147483664 past the datagram"), fault(a).getMessage());
    }

    @Test
    void aReplyAfterItsRequestTimedOutIsDiscardedNotHandedToGet() throws Exception {
        RequestTracker.Request a = register(GET);
        t.timedOut(a, out);
        assertEquals(0, t.size(), "forgotten at once");
        route(concat(data(a, 0), ack(a)));
        assertTrue(out.unclaimed.isEmpty());
        assertEquals(2, t.lateReplies(), "the reply and its ACK");
    }

    @Test
    void anAbandonedRequestSwallowsItsRepliesUntilItsTerminator() throws Exception {
        RequestTracker.Request a = register(DUMP);
        route(data(a, NLM_F_MULTI));
        t.abandon(a, out);
        assertTrue(a.inbox.isEmpty());
        route(data(a, NLM_F_MULTI));
        assertTrue(a.inbox.isEmpty() && out.unclaimed.isEmpty());
        assertEquals(1, t.size());
        route(done(a, 0));
        assertEquals(0, t.size());
    }

    @Test
    void aSilentDrainingRequestIsForgottenAfterItsTimeout() throws Exception {
        RequestTracker.Request a = register(GET);
        t.abandon(a, out);
        t.expire(TIMEOUT - 1, out);
        assertEquals(1, t.size());
        t.expire(TIMEOUT, out);
        assertEquals(0, t.size());
    }

    @Test
    void failAllEndsEveryRequestQueuedOrNot() throws Exception {
        RequestTracker.Request d1 = register(DUMP);
        RequestTracker.Request d2 = register(DUMP);
        RequestTracker.Request get = register(GET);
        NetlinkException closed = new NetlinkException("request", Errno.EBADF, "socket closed");
        t.failAll(closed, out);
        for (RequestTracker.Request r : List.of(d1, d2, get)) {
            assertTrue(r.ended());
            assertSame(closed, fault(r));
        }
        assertEquals(0, t.size());
        assertTrue(t.maySend(register(DUMP)), "a new dump may go at once");
    }

    @Test
    void aDumpSentByPutHoldsTheTurnButItsRepliesAreUnclaimed() throws Exception {
        RequestTracker.Request put = t.register(DUMP, "put", true, TIMEOUT, 0);
        RequestTracker.Request next = register(DUMP);
        route(data(put, NLM_F_MULTI));
        assertEquals(1, out.unclaimed.size());
        assertFalse(t.maySend(next));
        route(done(put, 0));
        assertTrue(t.maySend(next));
        assertEquals(1, out.unclaimed.size(), "the DONE goes to get() too");
    }

    @Test
    void sequenceNumbersAreNeverZeroNorInUse() throws Exception {
        RequestTracker.Request a = register(GET);
        int put = t.nextSeq();
        assertTrue(a.seq != 0 && put != 0 && put != a.seq);
        assertEquals(Netlink.NLMSG_ERROR, Wire.u16At(ack(a), 4));
    }
}
