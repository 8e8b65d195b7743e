package io.jnetlink;

import java.io.IOException;

/**
 * A failed netlink operation: the kernel's refusal (an error in NLMSG_ERROR, or carried by NLMSG_DONE), or a failed
 * system call on the socket. It carries the operation, the errno number and name and, for a kernel refusal, what
 * the kernel's extended acknowledgement said: its message, the offset into the request and the attribute found
 * there (as a dotted path such as {@code linkinfo.data.mtu}), and a missing attribute's type. The library's own
 * explanation ("socket closed", "no reply within 30s") is {@link #detail()}, never an ext-ack field.
 */
public class NetlinkException extends IOException {
    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /** The operation that failed, as {@link #op()} returns it. */
    private final String op;
    /** The positive errno number. */
    private final int errno;
    /** The library's explanation, or null. */
    private final String detail;
    /** The kernel's extended-ack message (NLMSGERR_ATTR_MSG), or null. */
    private final String extAckMessage;
    /** The extended-ack byte offset into the request (NLMSGERR_ATTR_OFFS), or -1. */
    private final int extAckOffset;
    /** The request attribute at {@code extAckOffset} as a dotted path, or null. */
    private final String attributePath;
    /** The type of an attribute the kernel reported missing (NLMSGERR_ATTR_MISS_TYPE), or -1. */
    private final int missingType;
    /** The refused request's sequence number, or 0. */
    private final int seq;

    /**
     * A failure of {@code op} with {@code errno}, explained by the library's {@code detail} (may be null).
     *
     * @param op     what was being done ("bind", "route add 10.0.0.0/8", ...)
     * @param errno  the positive errno number
     * @param detail the library's explanation, or null
     */
    public NetlinkException(String op, int errno, String detail) {
        this(op, errno, detail, null, -1, null, -1, 0);
    }

    private NetlinkException(String op, int errno, String detail, String extAckMessage, int extAckOffset,
                             String attributePath, int missingType, int seq) {
        super(format(op, errno, detail, extAckMessage, extAckOffset, attributePath, missingType));
        this.op = op;
        this.errno = errno;
        this.detail = detail;
        this.extAckMessage = extAckMessage;
        this.extAckOffset = extAckOffset;
        this.attributePath = attributePath;
        this.missingType = missingType;
        this.seq = seq;
    }

    /**
     * The kernel's refusal of a request.
     *
     * @param op            what was being done
     * @param errno         the positive errno number the kernel returned
     * @param extAckMessage the kernel's extended-ack message, or null
     * @param extAckOffset  the extended-ack byte offset into the request, or -1
     * @param attributePath the request attribute at that offset as a dotted path, or null
     * @param missingType   the type of an attribute the kernel reported missing, or -1
     * @param seq           the request's sequence number
     * @return the exception
     */
    public static NetlinkException kernel(String op, int errno, String extAckMessage, int extAckOffset,
                                          String attributePath, int missingType, int seq) {
        return new NetlinkException(op, errno, null, extAckMessage, extAckOffset, attributePath, missingType, seq);
    }

    private static String format(String op, int errno, String detail, String msg, int offset, String path, int missing) {
        StringBuilder sb = new StringBuilder();
        sb.append(op).append(": ").append(Errno.name(errno)).append(" (").append(Errno.describe(errno)).append(')');
        if (msg != null && !msg.isEmpty()) {
            sb.append(": ").append(msg);
        }
        if (detail != null && !detail.isEmpty()) {
            sb.append(": ").append(detail);
        }
        if (path != null) {
            sb.append(" [attribute ").append(path).append(" at offset ").append(offset).append(']');
        } else if (offset >= 0) {
            sb.append(" [offset ").append(offset).append(']');
        }
        if (missing >= 0) {
            sb.append(" [missing attribute type ").append(missing).append(']');
        }
        return sb.toString();
    }

    /**
     * The same error (errno, detail and every extended-ack field) under another operation name, for a provider that
     * names what it was doing ("route add 10.0.0.0/24") rather than the message it sent.
     *
     * @param newOp the operation's new name
     * @return the renamed exception
     */
    public NetlinkException withOp(String newOp) {
        return new NetlinkException(newOp, errno, detail, extAckMessage, extAckOffset, attributePath, missingType, seq);
    }

    /**
     * The operation that failed ("request getfamily", "bind", "recvmsg", ...).
     *
     * @return the operation that failed ("request getfamily", "bind", "recvmsg", ...)
     */
    public String op() {
        return op;
    }

    /**
     * The positive errno number.
     *
     * @return the positive errno number
     */
    public int errno() {
        return errno;
    }

    /**
     * The symbolic errno name, such as "EEXIST".
     *
     * @return the symbolic errno name, such as "EEXIST"
     */
    public String errnoName() {
        return Errno.name(errno);
    }

    /**
     * The library's explanation of a failure it detected or a system call's context, or null.
     *
     * @return the library's explanation of a failure it detected or a system call's context, or null
     */
    public String detail() {
        return detail;
    }

    /**
     * The kernel's extended-ack message, or null (never the library's own text).
     *
     * @return the kernel's extended-ack message, or null (never the library's own text)
     */
    public String extAckMessage() {
        return extAckMessage;
    }

    /**
     * The extended-ack byte offset into the request, or -1.
     *
     * @return the extended-ack byte offset into the request, or -1
     */
    public int extAckOffset() {
        return extAckOffset;
    }

    /**
     * The request attribute at the extended-ack offset as a dotted path, or null.
     *
     * @return the request attribute at the extended-ack offset as a dotted path, or null
     */
    public String attributePath() {
        return attributePath;
    }

    /**
     * The type number of an attribute the kernel reported missing, or -1.
     *
     * @return the type number of an attribute the kernel reported missing, or -1
     */
    public int missingAttributeType() {
        return missingType;
    }

    /**
     * The sequence number of the refused request, or 0.
     *
     * @return the sequence number of the refused request, or 0
     */
    public int seq() {
        return seq;
    }
}
