package io.jnetlink;

/**
 * Netlink constants from the kernel's uapi headers (linux/netlink.h, linux/socket.h, asm-generic/socket.h):
 * protocol families, message types and flags, socket options.
 *
 * <pre>
 *  0               4       6       8               12              16
 * +---------------+-------+-------+---------------+---------------+------------------+
 * | nlmsg_len     | type  | flags | nlmsg_seq     | nlmsg_pid     | payload ...      |
 * +---------------+-------+-------+---------------+---------------+------------------+
 * </pre>
 */
public final class Netlink {
    private Netlink() {
    }

    /** Size of struct nlmsghdr. */
    public static final int NLMSG_HDRLEN = 16;
    /** Size of struct genlmsghdr. */
    public static final int GENL_HDRLEN = 4;

    /** Routing and device hooks (rtnetlink). */
    public static final int NETLINK_ROUTE = 0;
    /** Socket monitoring. */
    public static final int NETLINK_SOCK_DIAG = 4;
    /** Auditing. */
    public static final int NETLINK_AUDIT = 9;
    /** Netfilter. */
    public static final int NETLINK_NETFILTER = 12;
    /** Generic netlink: the default family. */
    public static final int NETLINK_GENERIC = 16;

    /** No-op message. */
    public static final int NLMSG_NOOP = 1;
    /** Error or acknowledgement. */
    public static final int NLMSG_ERROR = 2;
    /** End of a multipart message. */
    public static final int NLMSG_DONE = 3;
    /** Data lost. */
    public static final int NLMSG_OVERRUN = 4;
    /** First type free for families. */
    public static final int NLMSG_MIN_TYPE = 0x10;
    /** The generic netlink controller (nlctrl) family id. */
    public static final int GENL_ID_CTRL = 0x10;

    /** A request. */
    public static final int NLM_F_REQUEST = 0x01;
    /** Part of a multipart message, terminated by NLMSG_DONE. */
    public static final int NLM_F_MULTI = 0x02;
    /** Reply with an acknowledgement. */
    public static final int NLM_F_ACK = 0x04;
    /** Echo this request. */
    public static final int NLM_F_ECHO = 0x08;
    /** The dump was inconsistent because the data changed during it. */
    public static final int NLM_F_DUMP_INTR = 0x10;
    /** The dump was filtered as requested. */
    public static final int NLM_F_DUMP_FILTERED = 0x20;
    /** GET: return the whole table. */
    public static final int NLM_F_ROOT = 0x100;
    /** GET: return all matching entries. */
    public static final int NLM_F_MATCH = 0x200;
    /** GET: atomic snapshot. */
    public static final int NLM_F_ATOMIC = 0x400;
    /** GET: a dump. */
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    /** NEW: replace an existing object. */
    public static final int NLM_F_REPLACE = 0x100;
    /** NEW: do not touch an existing object. */
    public static final int NLM_F_EXCL = 0x200;
    /** NEW: create if it does not exist. */
    public static final int NLM_F_CREATE = 0x400;
    /** NEW: add to the end of the list. */
    public static final int NLM_F_APPEND = 0x800;
    /** ACK: the request was not quoted in full. */
    public static final int NLM_F_CAPPED = 0x100;
    /** ACK: extended-ack TLVs follow. */
    public static final int NLM_F_ACK_TLVS = 0x200;

    /** Socket option level of netlink options. */
    public static final int SOL_NETLINK = 270;
    /** Socket option level of generic socket options. */
    public static final int SOL_SOCKET = 1;
    /** Send buffer size. */
    public static final int SO_SNDBUF = 7;
    /** Receive buffer size, capped by net.core.rmem_max. */
    public static final int SO_RCVBUF = 8;
    /** Send buffer size ignoring wmem_max (CAP_NET_ADMIN). */
    public static final int SO_SNDBUFFORCE = 32;
    /** Receive buffer size ignoring rmem_max (CAP_NET_ADMIN). */
    public static final int SO_RCVBUFFORCE = 33;
    /** The socket's protocol. */
    public static final int SO_PROTOCOL = 38;
    /** The socket's domain. */
    public static final int SO_DOMAIN = 39;

    /** Join a multicast group by number. */
    public static final int NETLINK_ADD_MEMBERSHIP = 1;
    /** Leave a multicast group by number. */
    public static final int NETLINK_DROP_MEMBERSHIP = 2;
    /** Receive the destination group as a control message. */
    public static final int NETLINK_PKTINFO = 3;
    /** Report broadcast delivery failures to the sender. */
    public static final int NETLINK_BROADCAST_ERROR = 4;
    /** Do not report ENOBUFS (the loss still happens). */
    public static final int NETLINK_NO_ENOBUFS = 5;
    /** Receive messages of every peered namespace, tagged with their nsid. */
    public static final int NETLINK_LISTEN_ALL_NSID = 8;
    /** List joined groups. */
    public static final int NETLINK_LIST_MEMBERSHIPS = 9;
    /** Do not quote the request in acknowledgements. */
    public static final int NETLINK_CAP_ACK = 10;
    /** Extended acknowledgements: error messages and offsets. */
    public static final int NETLINK_EXT_ACK = 11;
    /** Strict checking of requests (kernel-side dump filters). */
    public static final int NETLINK_GET_STRICT_CHK = 12;

    /** Extended ack: error message string. */
    public static final int NLMSGERR_ATTR_MSG = 1;
    /** Extended ack: offset of the faulty attribute in the request. */
    public static final int NLMSGERR_ATTR_OFFS = 2;
    /** Extended ack: cookie. */
    public static final int NLMSGERR_ATTR_COOKIE = 3;
    /** Extended ack: policy of the faulty attribute. */
    public static final int NLMSGERR_ATTR_POLICY = 4;
    /** Extended ack: type of a missing attribute. */
    public static final int NLMSGERR_ATTR_MISS_TYPE = 5;
    /** Extended ack: offset of the nest missing an attribute. */
    public static final int NLMSGERR_ATTR_MISS_NEST = 6;
}
