package io.jnetlink.socket;

import io.jnetlink.Errno;
import io.jnetlink.NetlinkException;

/**
 * Thrown by {@link NetlinkSocket#get()} at the place in the stream where messages were lost (errno ENOBUFS);
 * the next {@code get()} continues with the messages that followed.
 */
public final class OverrunException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    private final transient NetlinkEvent.Overrun overrun;

    /**
     * The exception for {@code overrun}, explained by {@code detail}.
     *
     * @param overrun the loss and its counts
     * @param detail  what was lost, and why
     */
    public OverrunException(NetlinkEvent.Overrun overrun, String detail) {
        super("get", Errno.ENOBUFS, detail + " (overrun " + overrun.episodes() + ")");
        this.overrun = overrun;
    }

    /**
     * The loss this exception reports, as a broadcast stream delivers it.
     *
     * @return the loss and its counts: how many datagrams, dropped by the kernel and by the user-space buffer
     */
    public NetlinkEvent.Overrun overrun() {
        return overrun;
    }
}
