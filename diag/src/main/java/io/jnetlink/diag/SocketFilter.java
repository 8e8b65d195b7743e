package io.jnetlink.diag;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/**
 * A condition on a socket's addresses and ports that the kernel evaluates while dumping (INET_DIAG_REQ_BYTECODE):
 * {@code ss}'s filter expressions for ports and addresses, compiled to the same bytecode {@code ss} sends.
 *
 * {@snippet :
 * SocketFilter f = SocketFilter.parse("sport = :80 or dst 10.0.0.0/8");
 * SocketFilter g = SocketFilter.sport(80).or(SocketFilter.dst("10.0.0.0/8"));   // the same
 * byte[] program = f.bytecode();
 * }
 *
 * <p>The kernel's program is a list of {@code struct inet_diag_bc_op {u8 code; u8 yes; u16 no}}; an op whose test
 * holds moves {@code yes} bytes on, else {@code no} bytes; the socket is kept when the run ends exactly at the end
 * of the program, dropped when it jumps past it. An address test is followed by {@code struct inet_diag_hostcond
 * {u8 family; u8 prefix_len; s32 port; be32 addr[]}} (port -1: any; family AF_UNSPEC: any address); a port
 * comparison by one op whose {@code no} holds the port.
 */
public sealed interface SocketFilter {
    /**
     * The socket's source (local) or destination (remote) address is in a prefix and/or its port is {@code port}
     * (INET_DIAG_BC_S_COND, INET_DIAG_BC_D_COND).
     *
     * @param source    true for the local end ({@code src}, {@code sport}), false for the peer
     * @param address   the prefix's address, or null for any address of any family
     * @param prefixLen the prefix length (0 with a null address)
     * @param port      the port, or -1 for any
     */
    record Host(boolean source, InetAddress address, int prefixLen, int port) implements SocketFilter {
        /** Checks the values. */
        public Host {
            int max = address == null ? 0 : address instanceof Inet4Address ? 32 : 128;
            if (prefixLen < 0 || prefixLen > max) {
                throw new IllegalArgumentException("prefix length " + prefixLen + " is outside 0.." + max);
            }
            if (port < -1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is outside 0..65535");
            }
            if (address == null && port == -1) {
                throw new IllegalArgumentException("an address condition needs an address or a port");
            }
        }
    }

    /**
     * The local or remote port is at least or at most {@code port} (INET_DIAG_BC_S_GE, _S_LE, _D_GE, _D_LE).
     *
     * @param source  true for the local port ({@code sport}), false for the peer's
     * @param atLeast true for {@code >=}, false for {@code <=}
     * @param port    the port
     */
    record PortRange(boolean source, boolean atLeast, int port) implements SocketFilter {
        /** Checks the port. */
        public PortRange {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is outside 0..65535");
            }
        }
    }

    /**
     * Both hold.
     *
     * @param left  the first condition
     * @param right the second
     */
    record And(SocketFilter left, SocketFilter right) implements SocketFilter {
    }

    /**
     * Either holds.
     *
     * @param left  the first condition
     * @param right the second
     */
    record Or(SocketFilter left, SocketFilter right) implements SocketFilter {
    }

    /**
     * The condition does not hold.
     *
     * @param operand the condition
     */
    record Not(SocketFilter operand) implements SocketFilter {
    }

    /**
     * The local port is {@code port} ({@code sport = :PORT}).
     *
     * @param port a port, 0 to 65535
     * @return the condition
     * @throws IllegalArgumentException when the port is outside 0..65535
     */
    static SocketFilter sport(int port) {
        return new Host(true, null, 0, port);
    }

    /**
     * The peer's port is {@code port} ({@code dport = :PORT}).
     *
     * @param port a port, 0 to 65535
     * @return the condition
     * @throws IllegalArgumentException when the port is outside 0..65535
     */
    static SocketFilter dport(int port) {
        return new Host(false, null, 0, port);
    }

    /**
     * The local end matches a host condition ({@code src HOSTCOND}).
     *
     * @param hostcond {@code ADDR[/LEN][:PORT]}, {@code [IPV6][/LEN][:PORT]}, {@code :PORT} or {@code *:PORT}
     * @return the condition
     * @throws IllegalArgumentException when the text is not such a condition
     */
    static SocketFilter src(String hostcond) {
        return FilterParser.hostcond(true, hostcond);
    }

    /**
     * The peer's end matches a host condition ({@code dst HOSTCOND}).
     *
     * @param hostcond as for {@link #src(String)}
     * @return the condition
     * @throws IllegalArgumentException when the text is not such a condition
     */
    static SocketFilter dst(String hostcond) {
        return FilterParser.hostcond(false, hostcond);
    }

    /**
     * This condition and {@code other} both hold.
     *
     * @param other another condition
     * @return an {@link And} of the two
     */
    default SocketFilter and(SocketFilter other) {
        return new And(this, other);
    }

    /**
     * This condition or {@code other} holds.
     *
     * @param other another condition
     * @return an {@link Or} of the two
     */
    default SocketFilter or(SocketFilter other) {
        return new Or(this, other);
    }

    /**
     * This condition does not hold.
     *
     * @return a {@link Not} of this condition
     */
    default SocketFilter negate() {
        return new Not(this);
    }

    /**
     * The kernel program for this condition, laid out as {@code ss} lays it out (iproute2's
     * {@code ssfilter_bytecompile}).
     *
     * @return the INET_DIAG_REQ_BYTECODE payload
     * @throws IllegalArgumentException when the program is longer than the 65,535 bytes a jump can span
     */
    default byte[] bytecode() {
        byte[] b = Bytecode.compile(this);
        if (b.length > 0xffff - 8) {
            throw new IllegalArgumentException("filter compiles to " + b.length + " bytes, more than a jump can span");
        }
        return b;
    }

    /**
     * Reads an {@code ss} filter expression: {@code sport}, {@code dport} with {@code = == eq != ne >= ge <= le > gt
     * < lt} and {@code :PORT}; {@code src}, {@code dst} with an optional {@code = == eq != ne} and a host condition
     * ({@link #src(String)}); joined by {@code and && &} (or nothing), {@code or || |}, {@code not !} and
     * parentheses, {@code and} binding tighter than {@code or}. Ports are numbers (no service names).
     *
     * @param expression the expression
     * @return the condition
     * @throws IllegalArgumentException naming the word that is not understood
     */
    static SocketFilter parse(String expression) {
        return parse(List.of(expression));
    }

    /**
     * As {@link #parse(String)}, for an expression split into words (a command line's arguments).
     *
     * @param words the expression's words
     * @return the condition
     * @throws IllegalArgumentException naming the word that is not understood
     */
    static SocketFilter parse(List<String> words) {
        return new FilterParser(words).parseAll();
    }
}
