package io.jnetlink.diag;

/**
 * Which TCP or UDP sockets a dump returns, filtered in the kernel: protocol, address family, state mask and a
 * {@link SocketFilter} on addresses and ports; and whether each TCP socket comes with its {@code tcp_info} and
 * congestion control ({@code ss -i}).
 *
 * @param protocol IPPROTO_TCP or IPPROTO_UDP
 * @param family   AF_INET, AF_INET6, or 0 for both (two dumps, IPv4 first, as {@code ss} does)
 * @param states   a mask of {@link SocketState#bit()}s (1 to {@link SocketState#ALL})
 * @param filter   the condition on addresses and ports, or null for none
 * @param tcpInfo  ask for INET_DIAG_INFO and INET_DIAG_CONG
 */
public record SocketQuery(int protocol, int family, int states, SocketFilter filter, boolean tcpInfo) {

    /** Checks the values. */
    public SocketQuery {
        if (protocol != Diag.IPPROTO_TCP && protocol != Diag.IPPROTO_UDP) {
            throw new IllegalArgumentException("protocol must be IPPROTO_TCP (6) or IPPROTO_UDP (17), got " + protocol);
        }
        if (family != 0 && family != Diag.AF_INET && family != Diag.AF_INET6) {
            throw new IllegalArgumentException("family must be AF_INET, AF_INET6 or 0 for both, got " + family);
        }
        if (states <= 0 || (states & ~SocketState.ALL) != 0) {
            throw new IllegalArgumentException("states 0x" + Integer.toHexString(states)
                    + " is not a non-empty mask of socket states (0x1..0xfff)");
        }
    }

    /**
     * Every TCP socket of both families, in every state, without tcp_info.
     *
     * @return the query
     */
    public static SocketQuery tcp() {
        return new SocketQuery(Diag.IPPROTO_TCP, 0, SocketState.ALL, null, false);
    }

    /**
     * Every UDP socket of both families, in every state.
     *
     * @return the query
     */
    public static SocketQuery udp() {
        return new SocketQuery(Diag.IPPROTO_UDP, 0, SocketState.ALL, null, false);
    }

    /**
     * This query for one address family, or both.
     *
     * @param af AF_INET, AF_INET6, or 0 for both
     * @return the new query
     * @throws IllegalArgumentException when {@code af} is another number
     */
    public SocketQuery family(int af) {
        return new SocketQuery(protocol, af, states, filter, tcpInfo);
    }

    /**
     * This query for the sockets in the states of a mask.
     *
     * @param mask a mask of {@link SocketState#bit()}s (1 to {@link SocketState#ALL})
     * @return the new query
     * @throws IllegalArgumentException when the mask is empty or has bits outside {@link SocketState#ALL}
     */
    public SocketQuery states(int mask) {
        return new SocketQuery(protocol, family, mask, filter, tcpInfo);
    }

    /**
     * This query for the sockets in the given states.
     *
     * @param s one or more states
     * @return the new query
     * @throws IllegalArgumentException when no state is given
     */
    public SocketQuery states(SocketState... s) {
        int mask = 0;
        for (SocketState x : s) {
            mask |= x.bit();
        }
        return states(mask);
    }

    /**
     * This query with a condition on addresses and ports, replacing any it had.
     *
     * @param f the condition, or null for none
     * @return the new query
     */
    public SocketQuery filter(SocketFilter f) {
        return new SocketQuery(protocol, family, states, f, tcpInfo);
    }

    /**
     * This query asking for each TCP socket's {@code tcp_info} and congestion control ({@code ss -i}).
     *
     * @return the new query
     */
    public SocketQuery withTcpInfo() {
        return new SocketQuery(protocol, family, states, filter, true);
    }
}
