/**
 * jnetlink generic netlink: {@link io.jnetlink.generic.GenericNetlink} (families and multicast groups by
 * name, attribute policies) and the TASKSTATS and ethtool families with typed results.
 */
module io.jnetlink.generic {
    requires transitive io.jnetlink.core;

    exports io.jnetlink.generic;
}
