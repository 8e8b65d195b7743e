package io.jnetlink.route;

/**
 * Which nexthop objects a dump returns, filtered in the kernel, as {@code ip nexthop show [dev D] [master M]
 * [groups] [fdb]}.
 *
 * @param dev        only nexthops whose output device is this one, or null for any
 * @param master     only nexthops whose device is enslaved to this one (a VRF, a bridge), or null for any
 * @param groupsOnly only groups
 * @param fdbOnly    only nexthops (and groups) for the bridge FDB
 */
public record NexthopQuery(String dev, String master, boolean groupsOnly, boolean fdbOnly) {

    /**
     * Every nexthop object: no filter.
     *
     * @return a query that filters nothing
     */
    public static NexthopQuery all() {
        return new NexthopQuery(null, null, false, false);
    }

    /**
     * This query for one output device (NHA_OIF).
     *
     * @param d the device name, or null for any
     * @return a copy of this query with {@code dev} set
     */
    public NexthopQuery dev(String d) {
        return new NexthopQuery(d, master, groupsOnly, fdbOnly);
    }

    /**
     * This query for the nexthops of devices enslaved to {@code m} (NHA_MASTER).
     *
     * @param m the master device name (a VRF, a bridge), or null for any
     * @return a copy of this query with {@code master} set
     */
    public NexthopQuery master(String m) {
        return new NexthopQuery(dev, m, groupsOnly, fdbOnly);
    }

    /**
     * This query for groups only (NHA_GROUPS).
     *
     * @return a copy of this query with {@code groupsOnly} set
     */
    public NexthopQuery groups() {
        return new NexthopQuery(dev, master, true, fdbOnly);
    }

    /**
     * This query for fdb nexthops only (NHA_FDB).
     *
     * @return a copy of this query with {@code fdbOnly} set
     */
    public NexthopQuery fdb() {
        return new NexthopQuery(dev, master, groupsOnly, true);
    }

    /**
     * Whether the query filters nothing.
     *
     * @return true when no device, master, groups-only or fdb-only filter is set
     */
    public boolean isAll() {
        return dev == null && master == null && !groupsOnly && !fdbOnly;
    }
}
