package io.jnetlink.diag;

import io.jnetlink.message.Attribute;

/**
 * {@code struct tcp_info} of a TCP socket (attribute INET_DIAG_INFO), read at the offsets of its definition
 * ({@code Diag.INET.struct("tcp-info")}). A kernel that sends a shorter struct leaves the members past its
 * {@link #length()} at 0.
 *
 * @param state TCP state (TCP_*, as {@link SocketState})
 * @param caState congestion-avoidance state (TCP_CA_*)
 * @param retransmits retransmissions of the current segment by the timer
 * @param probes unanswered zero-window or keepalive probes
 * @param backoff exponential backoff of the retransmission timer
 * @param options TCPI_OPT_* bits: 1 timestamps, 2 sack, 4 wscale, 8 ecn, 16 ecn seen, 32 syn data
 * @param sndWscale send window scale (valid with TCPI_OPT_WSCALE)
 * @param rcvWscale receive window scale
 * @param appLimited the delivery rate was limited by the application
 * @param rto retransmission timeout, microseconds
 * @param ato delayed-ack timeout, microseconds
 * @param sndMss send MSS, bytes
 * @param rcvMss receive MSS estimate, bytes
 * @param unacked segments sent and not acknowledged
 * @param sacked segments selectively acknowledged (for a listener: its backlog limit)
 * @param lost segments thought lost
 * @param retrans segments being retransmitted
 * @param lastDataSent milliseconds since data was last sent
 * @param lastDataRecv milliseconds since data was last received
 * @param lastAckRecv milliseconds since an ACK was last received
 * @param pmtu path MTU
 * @param rcvSsthresh receive slow-start threshold, bytes
 * @param rtt smoothed round-trip time, microseconds
 * @param rttvar round-trip time variance, microseconds
 * @param sndSsthresh send slow-start threshold, segments (0x7fffffff: infinite)
 * @param sndCwnd congestion window, segments
 * @param advmss advertised MSS, bytes
 * @param reordering reordering metric, segments
 * @param rcvRtt receiver's round-trip time estimate, microseconds
 * @param rcvSpace receive buffer space for autotuning, bytes
 * @param totalRetrans segments retransmitted over the connection's life
 * @param pacingRate pacing rate, bytes per second (-1: unlimited)
 * @param maxPacingRate maximum pacing rate (SO_MAX_PACING_RATE), bytes per second (-1: none)
 * @param bytesAcked bytes acknowledged by the peer
 * @param bytesReceived bytes received
 * @param segsOut segments sent
 * @param segsIn segments received
 * @param notsentBytes bytes queued and not yet sent
 * @param minRtt minimum round-trip time seen, microseconds
 * @param dataSegsIn segments received with data
 * @param dataSegsOut segments sent with data
 * @param deliveryRate latest delivery rate, bytes per second
 * @param busyTime microseconds busy sending
 * @param rwndLimited microseconds limited by the receive window
 * @param sndbufLimited microseconds limited by the send buffer
 * @param delivered segments delivered
 * @param deliveredCe segments delivered with a CE mark
 * @param bytesSent bytes sent, retransmissions included
 * @param bytesRetrans bytes retransmitted
 * @param dsackDups duplicate segments reported by DSACK
 * @param reordSeen reordering events seen
 * @param rcvOoopack out-of-order packets received
 * @param sndWnd the peer's receive window after scaling, bytes
 * @param rcvWnd the local receive window after scaling, bytes (kernel 6.2+)
 * @param length the number of bytes the kernel sent
 */
public record TcpInfo(int state, int caState, int retransmits, int probes, int backoff, int options, int sndWscale,
                      int rcvWscale, boolean appLimited, long rto, long ato, long sndMss, long rcvMss, long unacked,
                      long sacked, long lost, long retrans, long lastDataSent, long lastDataRecv, long lastAckRecv,
                      long pmtu, long rcvSsthresh, long rtt, long rttvar, long sndSsthresh, long sndCwnd,
                      long advmss, long reordering, long rcvRtt, long rcvSpace, long totalRetrans, long pacingRate,
                      long maxPacingRate, long bytesAcked, long bytesReceived, long segsOut, long segsIn,
                      long notsentBytes, long minRtt, long dataSegsIn, long dataSegsOut, long deliveryRate,
                      long busyTime, long rwndLimited, long sndbufLimited, long delivered, long deliveredCe,
                      long bytesSent, long bytesRetrans, long dsackDups, long reordSeen, long rcvOoopack,
                      long sndWnd, long rcvWnd, int length) {

    private static final String S = "tcp-info";
    private static final int STATE = Diag.offset(Diag.INET, S, "state");
    private static final int CA_STATE = Diag.offset(Diag.INET, S, "ca-state");
    private static final int RETRANSMITS = Diag.offset(Diag.INET, S, "retransmits");
    private static final int PROBES = Diag.offset(Diag.INET, S, "probes");
    private static final int BACKOFF = Diag.offset(Diag.INET, S, "backoff");
    private static final int OPTIONS = Diag.offset(Diag.INET, S, "options");
    private static final int WSCALE = Diag.offset(Diag.INET, S, "wscale");
    private static final int APP_LIMITED = Diag.offset(Diag.INET, S, "app-limited");
    private static final int RTO = Diag.offset(Diag.INET, S, "rto");
    private static final int ATO = Diag.offset(Diag.INET, S, "ato");
    private static final int SND_MSS = Diag.offset(Diag.INET, S, "snd-mss");
    private static final int RCV_MSS = Diag.offset(Diag.INET, S, "rcv-mss");
    private static final int UNACKED = Diag.offset(Diag.INET, S, "unacked");
    private static final int SACKED = Diag.offset(Diag.INET, S, "sacked");
    private static final int LOST = Diag.offset(Diag.INET, S, "lost");
    private static final int RETRANS = Diag.offset(Diag.INET, S, "retrans");
    private static final int LAST_DATA_SENT = Diag.offset(Diag.INET, S, "last-data-sent");
    private static final int LAST_DATA_RECV = Diag.offset(Diag.INET, S, "last-data-recv");
    private static final int LAST_ACK_RECV = Diag.offset(Diag.INET, S, "last-ack-recv");
    private static final int PMTU = Diag.offset(Diag.INET, S, "pmtu");
    private static final int RCV_SSTHRESH = Diag.offset(Diag.INET, S, "rcv-ssthresh");
    private static final int RTT = Diag.offset(Diag.INET, S, "rtt");
    private static final int RTTVAR = Diag.offset(Diag.INET, S, "rttvar");
    private static final int SND_SSTHRESH = Diag.offset(Diag.INET, S, "snd-ssthresh");
    private static final int SND_CWND = Diag.offset(Diag.INET, S, "snd-cwnd");
    private static final int ADVMSS = Diag.offset(Diag.INET, S, "advmss");
    private static final int REORDERING = Diag.offset(Diag.INET, S, "reordering");
    private static final int RCV_RTT = Diag.offset(Diag.INET, S, "rcv-rtt");
    private static final int RCV_SPACE = Diag.offset(Diag.INET, S, "rcv-space");
    private static final int TOTAL_RETRANS = Diag.offset(Diag.INET, S, "total-retrans");
    private static final int PACING_RATE = Diag.offset(Diag.INET, S, "pacing-rate");
    private static final int MAX_PACING_RATE = Diag.offset(Diag.INET, S, "max-pacing-rate");
    private static final int BYTES_ACKED = Diag.offset(Diag.INET, S, "bytes-acked");
    private static final int BYTES_RECEIVED = Diag.offset(Diag.INET, S, "bytes-received");
    private static final int SEGS_OUT = Diag.offset(Diag.INET, S, "segs-out");
    private static final int SEGS_IN = Diag.offset(Diag.INET, S, "segs-in");
    private static final int NOTSENT_BYTES = Diag.offset(Diag.INET, S, "notsent-bytes");
    private static final int MIN_RTT = Diag.offset(Diag.INET, S, "min-rtt");
    private static final int DATA_SEGS_IN = Diag.offset(Diag.INET, S, "data-segs-in");
    private static final int DATA_SEGS_OUT = Diag.offset(Diag.INET, S, "data-segs-out");
    private static final int DELIVERY_RATE = Diag.offset(Diag.INET, S, "delivery-rate");
    private static final int BUSY_TIME = Diag.offset(Diag.INET, S, "busy-time");
    private static final int RWND_LIMITED = Diag.offset(Diag.INET, S, "rwnd-limited");
    private static final int SNDBUF_LIMITED = Diag.offset(Diag.INET, S, "sndbuf-limited");
    private static final int DELIVERED = Diag.offset(Diag.INET, S, "delivered");
    private static final int DELIVERED_CE = Diag.offset(Diag.INET, S, "delivered-ce");
    private static final int BYTES_SENT = Diag.offset(Diag.INET, S, "bytes-sent");
    private static final int BYTES_RETRANS = Diag.offset(Diag.INET, S, "bytes-retrans");
    private static final int DSACK_DUPS = Diag.offset(Diag.INET, S, "dsack-dups");
    private static final int REORD_SEEN = Diag.offset(Diag.INET, S, "reord-seen");
    private static final int RCV_OOOPACK = Diag.offset(Diag.INET, S, "rcv-ooopack");
    private static final int SND_WND = Diag.offset(Diag.INET, S, "snd-wnd");
    private static final int RCV_WND = Diag.offset(Diag.INET, S, "rcv-wnd");

    /**
     * Decodes an INET_DIAG_INFO attribute.
     *
     * @param a the attribute
     * @return its members; those past the attribute's end are 0
     */
    static TcpInfo from(Attribute a) {
        byte[] b = a.bytes();
        int wscale = (int) Diag.le(b, WSCALE, 1);
        return new TcpInfo(
                (int) Diag.le(b, STATE, 1), (int) Diag.le(b, CA_STATE, 1), (int) Diag.le(b, RETRANSMITS, 1),
                (int) Diag.le(b, PROBES, 1), (int) Diag.le(b, BACKOFF, 1), (int) Diag.le(b, OPTIONS, 1),
                wscale & 0xf, wscale >> 4, (Diag.le(b, APP_LIMITED, 1) & 1) != 0, Diag.le(b, RTO, 4),
                Diag.le(b, ATO, 4), Diag.le(b, SND_MSS, 4), Diag.le(b, RCV_MSS, 4), Diag.le(b, UNACKED, 4),
                Diag.le(b, SACKED, 4), Diag.le(b, LOST, 4), Diag.le(b, RETRANS, 4), Diag.le(b, LAST_DATA_SENT, 4),
                Diag.le(b, LAST_DATA_RECV, 4), Diag.le(b, LAST_ACK_RECV, 4), Diag.le(b, PMTU, 4),
                Diag.le(b, RCV_SSTHRESH, 4), Diag.le(b, RTT, 4), Diag.le(b, RTTVAR, 4), Diag.le(b, SND_SSTHRESH, 4),
                Diag.le(b, SND_CWND, 4), Diag.le(b, ADVMSS, 4), Diag.le(b, REORDERING, 4), Diag.le(b, RCV_RTT, 4),
                Diag.le(b, RCV_SPACE, 4), Diag.le(b, TOTAL_RETRANS, 4), Diag.le(b, PACING_RATE, 8),
                Diag.le(b, MAX_PACING_RATE, 8), Diag.le(b, BYTES_ACKED, 8), Diag.le(b, BYTES_RECEIVED, 8),
                Diag.le(b, SEGS_OUT, 4), Diag.le(b, SEGS_IN, 4), Diag.le(b, NOTSENT_BYTES, 4),
                Diag.le(b, MIN_RTT, 4), Diag.le(b, DATA_SEGS_IN, 4), Diag.le(b, DATA_SEGS_OUT, 4),
                Diag.le(b, DELIVERY_RATE, 8), Diag.le(b, BUSY_TIME, 8), Diag.le(b, RWND_LIMITED, 8),
                Diag.le(b, SNDBUF_LIMITED, 8), Diag.le(b, DELIVERED, 4), Diag.le(b, DELIVERED_CE, 4),
                Diag.le(b, BYTES_SENT, 8), Diag.le(b, BYTES_RETRANS, 8), Diag.le(b, DSACK_DUPS, 4),
                Diag.le(b, REORD_SEEN, 4), Diag.le(b, RCV_OOOPACK, 4), Diag.le(b, SND_WND, 4),
                Diag.le(b, RCV_WND, 4), b.length);
    }

    /**
     * Whether window scaling was negotiated (TCPI_OPT_WSCALE in {@link #options()}).
     *
     * @return true when {@link #sndWscale()} and {@link #rcvWscale()} are valid
     */
    public boolean hasWscale() {
        return (options & 4) != 0;
    }

    /**
     * The send rate {@code ss} prints ("send Xbps"): congestion window times MSS over the smoothed RTT.
     *
     * @return bits per second, or 0 when the RTT, MSS or window is 0
     */
    public double sendBps() {
        return rtt > 0 && sndMss > 0 && sndCwnd > 0 ? (double) sndCwnd * sndMss * 8_000_000.0 / rtt : 0;
    }
}
