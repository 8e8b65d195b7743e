package io.jnetlink.socket;

import io.jnetlink.message.NetlinkMessage;

/**
 * What a broadcast stream delivers, in order: a received message, or the explicit signal that data was
 * lost at this point of the stream. A stream never ends because of an overrun; it goes on after it.
 */
public sealed interface NetlinkEvent {

    /**
     * A message no request claimed: a broadcast, or a reply to {@link NetlinkSocket#put}.
     *
     * @param message the message
     */
    record Received(NetlinkMessage message) implements NetlinkEvent {
    }

    /**
     * Messages were lost here: the kernel dropped broadcasts (its receive queue was full: ENOBUFS, or a rise
     * of the socket's drop counter when NETLINK_NO_ENOBUFS hides the error), or the user-space buffer held
     * asyncQsize unread messages and dropped the newest. A cache kept from events must re-synchronise.
     *
     * @param episodes    lost-data episodes on this socket so far, this one included
     * @param kernelDrops the socket's kernel drop counter (the Drops column of /proc/net/netlink)
     * @param queueDrops  messages dropped by the user-space buffer so far
     */
    record Overrun(long episodes, long kernelDrops, long queueDrops) implements NetlinkEvent {
    }
}
