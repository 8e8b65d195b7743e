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

    /** The exception for {@code overrun}, explained by {@code detail}. */
    public OverrunException(NetlinkEvent.Overrun overrun, String detail) {
        super("get", Errno.ENOBUFS, detail + " (episode " + overrun.episodes() + ", kernel drops "
                + overrun.kernelDrops() + ", user-space drops " + overrun.queueDrops() + ")");
        this.overrun = overrun;
    }

    /** The counters of the loss. */
    public NetlinkEvent.Overrun overrun() {
        return overrun;
    }
}
