package io.jnetlink.diag;

import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.NetlinkMessage;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests against the bytes ss sends, and decoding of byte fixtures: good, short and malformed replies. */
class DiagDecodeTest {

    /** A little-endian message: nlmsghdr, then the given payload pieces. */
    private static byte[] message(int type, byte[]... parts) {
        int len = 16;
        for (byte[] p : parts) {
            len += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(len).putShort((short) type).putShort((short) 2).putInt(1).putInt(0);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    private static byte[] attr(int type, byte[] payload) {
        int len = 4 + payload.length;
        ByteBuffer b = ByteBuffer.allocate((len + 3) & ~3).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) len).putShort((short) type).put(payload);
        return b.array();
    }

    /** struct inet_diag_msg of a socket 10.0.0.1:80 - 10.0.0.2:40000, or [::1]:80 - [::1]:40000. */
    private static byte[] inetMsg(int family, int state) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(72).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) family).put((byte) state).put((byte) 1).put((byte) 2);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) 80).putShort((short) 40000).order(ByteOrder.LITTLE_ENDIAN);
        byte[] src = InetAddress.getByName(family == Diag.AF_INET ? "10.0.0.1" : "::1").getAddress();
        byte[] dst = InetAddress.getByName(family == Diag.AF_INET ? "10.0.0.2" : "::1").getAddress();
        b.put(java.util.Arrays.copyOf(src, 16)).put(java.util.Arrays.copyOf(dst, 16));
        b.putInt(3).putLong(0x1_0000_002aL);
        b.putInt(200).putInt(5).putInt(7).putInt(1000).putInt(4242);
        return b.array();
    }

    private static NetlinkMessage parse(byte[] m, io.jnetlink.schema.Schema s) {
        List<NetlinkMessage> l = Marshal.classic(s).parse(m);
        assertEquals(1, l.size());
        return l.getFirst();
    }

    @Test
    void dumpRequestIsWhatSsSends() {
        // ss -tn state all sport = :80 (iproute2 6.1): nlmsghdr (seq and port left out), inet_diag_req_v2, bytecode
        String ss = "5c000000140001030000000000000000" + "02060000ff0f0000" + "00".repeat(48)
                + "14000100" + "071014000000000050000000" + "00000000";
        SocketQuery q = SocketQuery.tcp().filter(SocketFilter.parse("sport = :80"));
        assertEquals(ss, HexFormat.of().formatHex(SockDiag.dumpRequest(q, Diag.AF_INET, q.filter().bytecode()).stamped(0, 0, 0)));
        // ss -ti state established: INET_DIAG_INFO and INET_DIAG_CONG asked for (ss adds VEGASINFO too)
        byte[] info = SockDiag.dumpRequest(SocketQuery.tcp().states(SocketState.ESTABLISHED).withTcpInfo(),
                Diag.AF_INET6, null).toByteArray();
        assertEquals(72, info.length);
        assertEquals(Diag.AF_INET6, info[16]);
        assertEquals(1 << 1 | 1 << 3, info[18]);
        assertEquals(2, info[20]);
    }

    @Test
    void inetSocketIsDecodedInOnePass() throws Exception {
        byte[] tcpInfo = new byte[104];
        tcpInfo[0] = 1;
        tcpInfo[5] = 7;                       // options: ts, sack, wscale
        tcpInfo[6] = (byte) 0x97;             // snd_wscale 7, rcv_wscale 9
        tcpInfo[7] = 1;                       // app limited
        ByteBuffer.wrap(tcpInfo).order(ByteOrder.LITTLE_ENDIAN).putInt(68, 1234).putInt(80, 10).putInt(100, 3);
        byte[] m = message(Diag.SOCK_DIAG_BY_FAMILY, inetMsg(Diag.AF_INET, 1), attr(8, new byte[] {2}),
                attr(Diag.INET_DIAG_CONG, "cubic\0".getBytes()), attr(Diag.INET_DIAG_INFO, tcpInfo), attr(99, new byte[4]));
        InetSocket s = InetSocket.from(parse(m, Diag.INET), Diag.IPPROTO_TCP);
        assertEquals(InetAddress.getByName("10.0.0.1"), s.localAddress());
        assertEquals(InetAddress.getByName("10.0.0.2"), s.remoteAddress());
        assertEquals(80, s.localPort());
        assertEquals(40000, s.remotePort());
        assertEquals(SocketState.ESTABLISHED, s.socketState());
        assertEquals(1, s.timer());
        assertEquals(2, s.retrans());
        assertEquals(3, s.ifindex());
        assertEquals(0x1_0000_002aL, s.cookie());
        assertEquals(200, s.expires());
        assertEquals(5, s.recvQ());
        assertEquals(7, s.sendQ());
        assertEquals(1000, s.uid());
        assertEquals(4242, s.inode());
        assertEquals(2, s.shutdown());
        assertEquals("cubic", s.congestion());
        assertEquals("tcp", s.netid());
        TcpInfo t = s.tcpInfo();
        assertEquals(104, t.length());
        assertEquals(7, t.sndWscale());
        assertEquals(9, t.rcvWscale());
        assertTrue(t.appLimited() && t.hasWscale());
        assertEquals(1234, t.rtt());
        assertEquals(10, t.sndCwnd());
        assertEquals(3, t.totalRetrans());
        assertEquals(0, t.bytesAcked(), "past the 104 bytes the kernel sent: 0");
        assertEquals(0, t.sndWnd());
    }

    @Test
    void ipv6SocketAndAbsentAttributes() throws Exception {
        InetSocket s = InetSocket.from(parse(message(Diag.SOCK_DIAG_BY_FAMILY, inetMsg(Diag.AF_INET6, 10),
                attr(11, new byte[] {1})), Diag.INET), Diag.IPPROTO_UDP);
        assertEquals(InetAddress.getByName("::1"), s.localAddress());
        assertEquals(Boolean.TRUE, s.v6only());
        assertNull(s.tcpInfo());
        assertNull(s.congestion());
        assertNull(s.shutdown());
        assertEquals("udp", s.netid());
    }

    @Test
    void unixSocketNamesAndQueues() {
        ByteBuffer h = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        h.put((byte) Diag.AF_UNIX).put((byte) Diag.SOCK_SEQPACKET).put((byte) 10).put((byte) 0).putInt(77).putLong(9);
        byte[] rq = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(1).putInt(128).array();
        byte[] vfs = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(55).putInt(66).array();
        UnixSocket u = UnixSocket.from(parse(message(Diag.SOCK_DIAG_BY_FAMILY, h.array(), attr(0, "/run/x.sock\0".getBytes()),
                attr(1, vfs), attr(2, new byte[] {5, 0, 0, 0}), attr(4, rq), attr(7, new byte[4])), Diag.UNIX));
        assertEquals("/run/x.sock", u.path());
        assertEquals("u_seq", u.netid());
        assertEquals(SocketState.LISTEN, u.socketState());
        assertEquals(77, u.inode());
        assertEquals(9, u.cookie());
        assertEquals(55L, u.vfsInode());
        assertEquals(66L, u.vfsDev());
        assertEquals(5, u.peer());
        assertEquals(1, u.recvQ());
        assertEquals(128, u.sendQ());
        assertEquals(0L, u.uid());
        UnixSocket a = UnixSocket.from(parse(message(Diag.SOCK_DIAG_BY_FAMILY, h.array(), attr(0, "\0abst".getBytes())),
                Diag.UNIX));
        assertEquals("@abst", a.path());
        assertNull(a.uid());
    }

    @Test
    void malformedRepliesRaiseMalformedMessageException() throws Exception {
        byte[] shortHeader = message(Diag.SOCK_DIAG_BY_FAMILY, java.util.Arrays.copyOf(inetMsg(Diag.AF_INET, 1), 40));
        assertThrows(MalformedMessageException.class, () -> InetSocket.from(parse(shortHeader, Diag.INET), 6));
        byte[] badAttr = message(Diag.SOCK_DIAG_BY_FAMILY, inetMsg(Diag.AF_INET, 1), new byte[] {(byte) 200, 0, 2, 0});
        assertThrows(MalformedMessageException.class, () -> InetSocket.from(parse(badAttr, Diag.INET), 6));
        byte[] shortUnixHeader = message(Diag.SOCK_DIAG_BY_FAMILY, new byte[8]);
        assertThrows(MalformedMessageException.class, () -> UnixSocket.from(parse(shortUnixHeader, Diag.UNIX)));
        ByteBuffer h = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).put((byte) 1).put((byte) 1);
        byte[] shortRqlen = message(Diag.SOCK_DIAG_BY_FAMILY, h.array(), attr(4, new byte[4]));
        assertThrows(MalformedMessageException.class, () -> UnixSocket.from(parse(shortRqlen, Diag.UNIX)));
    }

    @Test
    void headerBytesNamesWhatItLacks() throws Exception {
        NetlinkMessage m = parse(message(Diag.SOCK_DIAG_BY_FAMILY, inetMsg(Diag.AF_INET, 1)), Diag.INET);
        assertArrayEquals(java.util.Arrays.copyOf(InetAddress.getByName("10.0.0.2").getAddress(), 16), m.headerBytes("dst"));
        assertThrows(IllegalArgumentException.class, () -> m.headerBytes("sport"));
        assertThrows(IllegalArgumentException.class, () -> m.headerBytes("nope"));
    }

    @Test
    void badQueriesAreRefusedBeforeAnythingIsSent() {
        assertThrows(IllegalArgumentException.class, () -> new SocketQuery(255, 0, SocketState.ALL, null, false));
        assertThrows(IllegalArgumentException.class, () -> SocketQuery.tcp().family(Diag.AF_UNIX));
        assertThrows(IllegalArgumentException.class, () -> SocketQuery.tcp().states(0));
        assertThrows(IllegalArgumentException.class, () -> SocketQuery.udp().states(1 << 12));
        assertThrows(IllegalArgumentException.class, () -> SocketState.mask("sleeping"));
        assertEquals(SocketState.LISTEN.bit(), SocketState.mask("LISTENING"));
        assertEquals(SocketState.CLOSE.bit(), SocketState.mask("closed"));
        assertEquals(SocketState.ALL & ~(SocketState.CLOSE.bit() | SocketState.LISTEN.bit()), SocketState.mask("connected"));
        assertEquals(SocketState.CLOSE, SocketState.of(7));
        assertEquals(SocketState.UNKNOWN, SocketState.of(42));
    }
}
