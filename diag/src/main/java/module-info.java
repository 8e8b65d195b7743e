/**
 * jnetlink socket diagnostics (NETLINK_SOCK_DIAG): the inet_diag and unix_diag definitions
 * ({@link io.jnetlink.diag.Diag}) and {@link io.jnetlink.diag.SockDiag}, the provider that lists TCP, UDP and UNIX
 * sockets as typed, immutable records, filtered in the kernel, and closes them (what {@code ss} does).
 */
module io.jnetlink.diag {
    requires transitive io.jnetlink.core;

    exports io.jnetlink.diag;
}
