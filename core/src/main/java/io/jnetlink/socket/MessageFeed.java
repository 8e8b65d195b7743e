package io.jnetlink.socket;

import io.jnetlink.NetlinkException;
import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.NetlinkMessage;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands a monitor the messages {@link NetlinkSocket#get(Duration)} returns, one at a time, so that a message the
 * monitor cannot decode costs nothing else: the messages handled before it make the caller's result, the
 * {@link MalformedMessageException} comes with the next call, and the messages after it are handled by the call after
 * that. The socket does the same for faults in a datagram's framing; this carries it to the values a monitor decodes.
 * Not thread-safe: one consumer thread, like the monitors that use it.
 */
public final class MessageFeed {
    /** What a monitor does with one message. */
    @FunctionalInterface
    public interface Handler {
        /**
         * Handles one message.
         *
         * @param m the message
         * @return true when it gave the caller something (an event), false when it was skipped
         * @throws MalformedMessageException when the message cannot be decoded
         */
        boolean handle(NetlinkMessage m);
    }

    private final NetlinkSocket sock;
    /** Messages received after one that could not be handled, handed out after its fault. */
    private final ArrayDeque<NetlinkMessage> held = new ArrayDeque<>();
    /** A fault thrown by the next call, after what was handled before it was returned. */
    private MalformedMessageException heldFault;

    /**
     * A feed of {@code sock}'s unclaimed messages.
     *
     * @param sock the socket whose {@link NetlinkSocket#get(Duration)} is read
     */
    public MessageFeed(NetlinkSocket sock) {
        this.sock = sock;
    }

    /**
     * Handles the next batch: the messages held back after a fault, else what {@code get(wait)} returns.
     *
     * @param wait    how long {@code get} waits for the first message (null: no limit)
     * @param handler what is done with each message, in order
     * @return true when the batch was handled to its end; false when it stopped at a message that could not be
     *         handled (after others that gave something), whose fault the next call throws
     * @throws MalformedMessageException the fault held back by the previous call, or one met before any handled
     *                                   message gave something
     * @throws OverrunException          where messages were lost (from {@code get})
     * @throws NetlinkException          when the socket fails (EBADF once closed)
     */
    public boolean next(Duration wait, Handler handler) throws NetlinkException {
        if (heldFault != null) {
            MalformedMessageException f = heldFault;
            heldFault = null;
            throw f;
        }
        List<NetlinkMessage> batch;
        if (held.isEmpty()) {
            batch = sock.get(wait);
        } else {
            batch = new ArrayList<>(held);
            held.clear();
        }
        boolean gave = false;
        for (int i = 0; i < batch.size(); i++) {
            try {
                gave |= handler.handle(batch.get(i));
            } catch (MalformedMessageException e) {
                held.addAll(batch.subList(i + 1, batch.size())); // not lost: they follow the fault
                if (!gave) {
                    throw e;
                }
                heldFault = e;
                return false;
            }
        }
        return true;
    }
}
