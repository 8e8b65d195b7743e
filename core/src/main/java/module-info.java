/**
 * jnetlink core, in layers (nothing imports from a layer above it):
 * <ul>
 * <li>{@code io.jnetlink}: what every layer speaks: the protocol's numbers ({@link io.jnetlink.Netlink}), errno
 *     names ({@link io.jnetlink.Errno}) and {@link io.jnetlink.NetlinkException};</li>
 * <li>{@code io.jnetlink.sys}: the system calls ({@link io.jnetlink.sys.Libc}, in plain Java types) and network
 *     namespaces; their FFM implementation is in a package this module does not export, the only native code;</li>
 * <li>{@code io.jnetlink.schema}: the definitions, in the kernel's YNL vocabulary;</li>
 * <li>{@code io.jnetlink.message}: bytes to message views and values to bytes (marshal, codec, builder), no sockets;</li>
 * <li>{@code io.jnetlink.socket}: the socket, its requests, its receiver and reader thread, the poller.</li>
 * </ul>
 */
module io.jnetlink.core {
    requires org.slf4j;
    requires static jdk.jfr;

    exports io.jnetlink;
    exports io.jnetlink.sys;
    exports io.jnetlink.schema;
    exports io.jnetlink.message;
    exports io.jnetlink.socket;
}
