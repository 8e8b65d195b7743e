package io.jnetlink.diag;

import io.jnetlink.message.Attribute;
import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.NetlinkMessage;

import java.nio.charset.StandardCharsets;

/**
 * A UNIX socket as unix_diag reports it: {@code struct unix_diag_msg} and the UNIX_DIAG_* attributes.
 *
 * @param type     SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET ({@link #netid()})
 * @param state    the state number: ESTABLISHED, SYN_SENT, CLOSE or LISTEN ({@link #socketState()})
 * @param inode    the socket's inode number
 * @param cookie   the socket's cookie
 * @param path     the bound name: a file path, an abstract name as {@code ss} shows it ({@code @} for the leading
 *                 NUL), or null when unbound
 * @param vfsInode the inode of the bound file (UNIX_DIAG_VFS), or null
 * @param vfsDev   the device of the bound file, or null
 * @param peer     the peer's inode, 0 when there is none
 * @param recvQ    Recv-Q: bytes (stream) or datagrams queued; for a listener the connections waiting for accept
 * @param sendQ    Send-Q: bytes queued to send; for a listener the backlog
 * @param uid      the owner's uid (UNIX_DIAG_UID), or null
 * @param shutdown the shutdown bits (1 receive, 2 send), or null
 */
public record UnixSocket(int type, int state, long inode, long cookie, String path, Long vfsInode, Long vfsDev,
                         long peer, long recvQ, long sendQ, Long uid, Integer shutdown) {

    /**
     * The socket's state as an enum constant.
     *
     * @return {@link #state()} as a {@link SocketState}, {@link SocketState#UNKNOWN} for a number outside 0..11
     */
    public SocketState socketState() {
        return SocketState.of(state);
    }

    /**
     * The socket's type as {@code ss}'s Netid column names it.
     *
     * @return u_str (SOCK_STREAM), u_seq (SOCK_SEQPACKET), or u_dgr for any other type
     */
    public String netid() {
        return switch (type) {
            case Diag.SOCK_STREAM -> "u_str";
            case Diag.SOCK_SEQPACKET -> "u_seq";
            default -> "u_dgr";
        };
    }

    /**
     * Decodes a reply of a unix_diag dump.
     *
     * @param m an SOCK_DIAG_BY_FAMILY message decoded through {@link Diag#UNIX}
     * @return the socket
     * @throws MalformedMessageException when the message is shorter than its header or an attribute is malformed
     */
    static UnixSocket from(NetlinkMessage m) {
        String path = null;
        Long vfsInode = null;
        Long vfsDev = null;
        long peer = 0;
        long rq = 0;
        long wq = 0;
        Long uid = null;
        Integer shutdown = null;
        for (Attribute a : m.attributes()) {
            switch (a.type()) {
                case 0 -> path = name(a.bytes());
                case 1 -> {
                    byte[] b = fixed(a, 8);
                    vfsInode = Diag.le(b, 0, 4);
                    vfsDev = Diag.le(b, 4, 4);
                }
                case 2 -> peer = a.asLong();
                case 4 -> {
                    byte[] b = fixed(a, 8);
                    rq = Diag.le(b, 0, 4);
                    wq = Diag.le(b, 4, 4);
                }
                case 6 -> shutdown = (int) a.asLong();
                case 7 -> uid = a.asLong();
                default -> {
                }
            }
        }
        return new UnixSocket((int) m.headerField("type"), (int) m.headerField("state"), m.headerField("ino"),
                m.headerField("cookie"), path, vfsInode, vfsDev, peer, rq, wq, uid, shutdown);
    }

    private static byte[] fixed(Attribute a, int len) {
        if (a.length() < len) {
            throw new MalformedMessageException("attribute " + a.name() + " of " + a.length() + " bytes is shorter than "
                    + len, a.offset());
        }
        return a.bytes();
    }

    /** sun_path as {@code ss} prints it: a path without its NUL, an abstract name with '@' for the leading NUL. */
    private static String name(byte[] b) {
        if (b.length > 0 && b[0] == 0) {
            return "@" + new String(b, 1, b.length - 1, StandardCharsets.UTF_8);
        }
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
