/** The {@code jnl} command line: netlink state as {@code ip} and {@code genl} show it. */
module io.jnetlink.cli {
    requires io.jnetlink.core;
    requires io.jnetlink.generic;
    requires io.jnetlink.ynl;
    requires io.jnetlink.route;
    requires io.jnetlink.diag;
    requires io.jnetlink.netfilter;
    requires org.slf4j;
}
