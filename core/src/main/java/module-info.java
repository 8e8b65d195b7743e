/**
 * jnetlink core: netlink sockets, the marshal and the declarative definitions, on java.lang.foreign.
 */
module io.jnetlink.core {
    requires org.slf4j;

    exports io.jnetlink;
    exports io.jnetlink.schema;
}
