/**
 * jnetlink rtnetlink: the definitions of links, addresses, routes, neighbours and rules
 * ({@link io.jnetlink.route.Rtnl}), and {@link io.jnetlink.route.IPRoute}, the provider that reads, changes and
 * watches them with typed, immutable objects.
 */
module io.jnetlink.route {
    requires transitive io.jnetlink.core;
    requires org.slf4j;

    exports io.jnetlink.route;
}
