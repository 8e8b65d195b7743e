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
     * Datagrams were lost here: the kernel dropped broadcasts because the socket's receive queue was full (reported
     * by ENOBUFS, or found by a rise of the socket's drop counter when NETLINK_NO_ENOBUFS hides the error), or the
     * user-space buffer was full (asyncQsize datagrams or asyncBytes bytes unread) and dropped the newest. A cache
     * kept from events must re-synchronise.
     *
     * <p>The counts are those since the previous overrun, so the overruns of a socket add up to everything it lost:
     * {@code kernelDrops} is the rise of the kernel's per-socket drop counter (SO_MEMINFO's SK_MEMINFO_DROPS, the
     * Drops column of /proc/net/netlink), which counts every datagram the kernel dropped for the socket, and
     * {@code queueDrops} what the buffer dropped. Both count datagrams; a notification (rtnetlink, generic netlink,
     * netfilter) is one message per datagram. The kernel counts unicast datagrams it could not queue too (an ACK
     * to a request, on a socket whose queue was full).
     *
     * @param episodes    overruns reported on this socket so far, this one included
     * @param kernelDrops datagrams the kernel dropped since the previous overrun (0 when it reported ENOBUFS without
     *                    counting a drop)
     * @param queueDrops  datagrams the user-space buffer dropped since the previous overrun
     */
    record Overrun(long episodes, long kernelDrops, long queueDrops) implements NetlinkEvent {
        /**
         * The datagrams lost at this place of the stream, whoever dropped them.
         *
         * @return the datagrams lost since the previous overrun: {@code kernelDrops + queueDrops}
         */
        public long lost() {
            return kernelDrops + queueDrops;
        }
    }
}
