package io.jnetlink.diag;

import java.util.Locale;

/**
 * A socket's state as sock_diag reports it: the kernel's TCP_* numbers, which UDP (ESTABLISHED, CLOSE) and UNIX
 * sockets (ESTABLISHED, SYN_SENT, CLOSE, LISTEN) use too. Each has {@code ss}'s short name ({@link #ssName()}) and
 * the name {@code ss}'s {@code state} filter takes ({@link #filterName()}); {@link #mask(String)} reads a filter word.
 */
public enum SocketState {
    /** 0: not a TCP state. */
    UNKNOWN("UNKNOWN", "unknown"),
    /** 1: TCP_ESTABLISHED (also a connected UDP or UNIX socket). */
    ESTABLISHED("ESTAB", "established"),
    /** 2: TCP_SYN_SENT. */
    SYN_SENT("SYN-SENT", "syn-sent"),
    /** 3: TCP_SYN_RECV (the kernel reports request sockets with it). */
    SYN_RECV("SYN-RECV", "syn-recv"),
    /** 4: TCP_FIN_WAIT1. */
    FIN_WAIT1("FIN-WAIT-1", "fin-wait-1"),
    /** 5: TCP_FIN_WAIT2. */
    FIN_WAIT2("FIN-WAIT-2", "fin-wait-2"),
    /** 6: TCP_TIME_WAIT. */
    TIME_WAIT("TIME-WAIT", "time-wait"),
    /** 7: TCP_CLOSE: a closed TCP socket, an unconnected UDP or UNIX socket ({@code ss}: UNCONN). */
    CLOSE("UNCONN", "unconnected"),
    /** 8: TCP_CLOSE_WAIT. */
    CLOSE_WAIT("CLOSE-WAIT", "close-wait"),
    /** 9: TCP_LAST_ACK. */
    LAST_ACK("LAST-ACK", "last-ack"),
    /** 10: TCP_LISTEN. */
    LISTEN("LISTEN", "listening"),
    /** 11: TCP_CLOSING. */
    CLOSING("CLOSING", "closing");

    /** Every state: {@code ss}'s SS_ALL. */
    public static final int ALL = (1 << 12) - 1;
    /** {@code ss}'s default for TCP: every state but LISTEN, CLOSE, TIME_WAIT and SYN_RECV (SS_CONN). */
    public static final int CONNECTED = ALL & ~(LISTEN.bit() | CLOSE.bit() | TIME_WAIT.bit() | SYN_RECV.bit());

    private final String ssName;
    private final String filterName;

    SocketState(String ssName, String filterName) {
        this.ssName = ssName;
        this.filterName = filterName;
    }

    /**
     * The state's number in the kernel's TCP_* enum.
     *
     * @return 0 to 11 (TCP_ESTABLISHED is 1, ...)
     */
    public int number() {
        return ordinal();
    }

    /**
     * The state's bit in a state mask such as {@link SocketQuery#states()}.
     *
     * @return {@code 1 << number()}
     */
    public int bit() {
        return 1 << ordinal();
    }

    /**
     * The text of {@code ss}'s State column.
     *
     * @return ESTAB, LISTEN, UNCONN, TIME-WAIT, ...
     */
    public String ssName() {
        return ssName;
    }

    /**
     * The name {@code ss state NAME} takes for this state.
     *
     * @return established, listening, unconnected, ...
     */
    public String filterName() {
        return filterName;
    }

    /**
     * The state with kernel number {@code n}.
     *
     * @param n a state number as the kernel sends it
     * @return the state, or {@link #UNKNOWN} for a number outside 0..11
     */
    public static SocketState of(int n) {
        SocketState[] v = values();
        return n >= 0 && n < v.length ? v[n] : UNKNOWN;
    }

    /**
     * The state mask a word of {@code ss}'s state filter stands for (case-insensitive): a state's
     * {@link #filterName()} (also {@code closed}, {@code close}, {@code syn-rcv}), or a group: {@code all},
     * {@code connected} (all but closed and listening), {@code synchronized} (connected but syn-sent),
     * {@code bucket} (syn-recv, time-wait), {@code big} (all but syn-recv and time-wait).
     *
     * @param word the word
     * @return the mask of state bits
     * @throws IllegalArgumentException when the word names no state or group
     */
    public static int mask(String word) {
        String w = word == null ? "" : word.toLowerCase(Locale.ROOT);
        switch (w) {
            case "close", "closed" -> {
                return CLOSE.bit();
            }
            case "syn-rcv" -> {
                return SYN_RECV.bit();
            }
            case "all" -> {
                return ALL;
            }
            case "connected" -> {
                return ALL & ~(CLOSE.bit() | LISTEN.bit());
            }
            case "synchronized" -> {
                return ALL & ~(CLOSE.bit() | LISTEN.bit() | SYN_SENT.bit());
            }
            case "bucket" -> {
                return SYN_RECV.bit() | TIME_WAIT.bit();
            }
            case "big" -> {
                return ALL & ~(SYN_RECV.bit() | TIME_WAIT.bit());
            }
            default -> {
                for (SocketState s : values()) {
                    if (s.filterName.equals(w)) {
                        return s.bit();
                    }
                }
                throw new IllegalArgumentException("state '" + word + "' is not a socket state (established, syn-sent,"
                        + " syn-recv, fin-wait-1, fin-wait-2, time-wait, closed, close-wait, last-ack, listening,"
                        + " closing, or all, connected, synchronized, bucket, big)");
            }
        }
    }
}
