package io.jnetlink.socket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket layer's logger, made on its first use: finding and configuring the SLF4J provider takes about 10 ms,
 * which a short-lived program that never logs (a {@code jnl} command) should not pay.
 */
final class Log {
    private Log() {
    }

    /** The logger of NetlinkSocket, which its receiver shares. */
    static final Logger NETLINK = LoggerFactory.getLogger(NetlinkSocket.class);
}
