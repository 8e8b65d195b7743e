package io.jnetlink.diag;

import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.NetlinkMessage;

import java.util.List;

/**
 * The fuzz target of the socket diagnostics: any bytes, read as a datagram under the inet_diag definitions and again
 * under the unix_diag ones (the replies of both share SOCK_DIAG_BY_FAMILY), and every reply decoded as
 * {@link SockDiag} decodes it: an {@link InetSocket} of a TCP dump (with its {@link TcpInfo}) and of a UDP dump, a
 * {@link UnixSocket}, with what their accessors derive. Only {@link MalformedMessageException} may come out.
 */
public final class DiagFuzzer {
    private static final Marshal INET = Marshal.classic(Diag.INET);
    private static final Marshal UNIX = Marshal.classic(Diag.UNIX);

    private DiagFuzzer() {
    }

    /**
     * One input.
     *
     * @param data the bytes of a datagram
     */
    public static void fuzzerTestOneInput(byte[] data) {
        for (NetlinkMessage m : parse(INET, data)) {
            if (m.type() == Diag.SOCK_DIAG_BY_FAMILY) {
                inet(m, Diag.IPPROTO_TCP);
                inet(m, Diag.IPPROTO_UDP);
            }
        }
        for (NetlinkMessage m : parse(UNIX, data)) {
            if (m.type() == Diag.SOCK_DIAG_BY_FAMILY) {
                try {
                    UnixSocket u = UnixSocket.from(m);
                    u.socketState();
                    u.netid();
                    u.toString();
                } catch (MalformedMessageException e) {
                    // the documented outcome
                }
            }
        }
    }

    private static List<NetlinkMessage> parse(Marshal marshal, byte[] data) {
        try {
            return marshal.parse(data);
        } catch (MalformedMessageException e) {
            return e.messagesBefore();
        }
    }

    private static void inet(NetlinkMessage m, int protocol) {
        try {
            InetSocket s = InetSocket.from(m, protocol);
            s.socketState();
            s.netid();
            s.toString();
            if (s.tcpInfo() != null) {
                s.tcpInfo().sendBps();
                s.tcpInfo().hasWscale();
            }
        } catch (MalformedMessageException e) {
            // the documented outcome
        }
    }
}
