package io.jnetlink.message;

import java.util.List;

/**
 * Bytes that are not valid netlink: a truncated header, a length below the minimum or past its container,
 * an attribute too short for its type, nesting deeper than the data. The message names what was wrong and
 * at which byte offset of the datagram. Unchecked, because attribute views decode lazily and may find the
 * fault long after the datagram was received.
 *
 * <p>When a datagram's framing is broken, the messages before the fault are kept in
 * {@link #messagesBefore()}; the socket stays usable for the next datagram.
 */
public final class MalformedMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What was wrong, without the offset. */
    private final String what;
    /** The fault's byte offset within the datagram. */
    private final int offset;
    private final transient List<NetlinkMessage> before;

    /**
     * A fault described by {@code what}, found at byte {@code offset}.
     *
     * @param what   what was wrong (e.g. "attribute length 2 below 4")
     * @param offset the fault's byte offset within the datagram
     */
    public MalformedMessageException(String what, int offset) {
        this(what, offset, List.of());
    }

    /**
     * A framing fault at {@code offset}, with the well-formed messages that preceded it.
     *
     * @param what   what was wrong (e.g. "attribute length 2 below 4")
     * @param offset the fault's byte offset within the datagram
     * @param before the messages of the same datagram before the fault (copied)
     */
    public MalformedMessageException(String what, int offset, List<NetlinkMessage> before) {
        super("malformed netlink data at byte " + offset + ": " + what);
        this.what = what;
        this.offset = offset;
        this.before = List.copyOf(before);
    }

    /**
     * The same fault with the well-formed messages that preceded it, for a caller that collected them.
     *
     * @param messages the messages before the fault
     * @return the exception
     */
    public MalformedMessageException withMessagesBefore(List<NetlinkMessage> messages) {
        MalformedMessageException e = new MalformedMessageException(what, offset, messages);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /**
     * Byte offset of the fault within the datagram.
     *
     * @return byte offset of the fault within the datagram
     */
    public int offset() {
        return offset;
    }

    /**
     * The well-formed messages of the same datagram that came before the fault.
     *
     * @return those messages, in datagram order; empty when none were collected (or after deserialization)
     */
    public List<NetlinkMessage> messagesBefore() {
        return before;
    }
}
