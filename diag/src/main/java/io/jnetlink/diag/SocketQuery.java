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

    /** @return every TCP socket of both families, in every state, without tcp_info */
    public static SocketQuery tcp() {
        return new SocketQuery(Diag.IPPROTO_TCP, 0, SocketState.ALL, null, false);
    }

    /** @return every UDP socket of both families, in every state */
    public static SocketQuery udp() {
        return new SocketQuery(Diag.IPPROTO_UDP, 0, SocketState.ALL, null, false);
    }

    /**
     * @param af AF_INET, AF_INET6, or 0 for both
     * @return this query for one family
     */
    public SocketQuery family(int af) {
        return new SocketQuery(protocol, af, states, filter, tcpInfo);
    }

    /**
     * @param mask a mask of {@link SocketState#bit()}s
     * @return this query for the sockets in those states
     */
    public SocketQuery states(int mask) {
        return new SocketQuery(protocol, family, mask, filter, tcpInfo);
    }

    /**
     * @param s one or more states
     * @return this query for the sockets in those states
     */
    public SocketQuery states(SocketState... s) {
        int mask = 0;
        for (SocketState x : s) {
            mask |= x.bit();
        }
        return states(mask);
    }

    /**
     * @param f a condition on addresses and ports, or null for none
     * @return this query with the condition
     */
    public SocketQuery filter(SocketFilter f) {
        return new SocketQuery(protocol, family, states, f, tcpInfo);
    }

    /** @return this query asking for each TCP socket's {@code tcp_info} and congestion control */
    public SocketQuery withTcpInfo() {
        return new SocketQuery(protocol, family, states, filter, true);
    }
}
