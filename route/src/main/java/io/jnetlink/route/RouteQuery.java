package io.jnetlink.route;

/**
 * Which routes a dump returns, filtered in the kernel ({@code ip route show table T dev D}, {@code -4}/{@code -6}).
 *
 * @param family AF_INET, AF_INET6, or AF_UNSPEC for every family
 * @param table  a table id, or 0 for every table ({@code table all})
 * @param dev    the output device, or null for any
 */
public record RouteQuery(int family, long table, String dev) {

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException when {@code family} is not AF_UNSPEC, AF_INET or AF_INET6, or {@code table} is
     *                                  outside 0..4294967295
     */
    public RouteQuery {
        if (family != Rtnl.AF_UNSPEC && family != Rtnl.AF_INET && family != Rtnl.AF_INET6) {
            throw new IllegalArgumentException("family must be AF_UNSPEC, AF_INET or AF_INET6, got " + family);
        }
        if (table < 0 || table > 0xffffffffL) {
            throw new IllegalArgumentException("table " + table + " is outside 0..4294967295");
        }
    }

    /**
     * Every route of table {@code t} (0: every table), every family, any device.
     *
     * @param t the table id (254 main, 255 local, ...), 0 for every table; at most 4294967295
     * @return a new query
     * @throws IllegalArgumentException when {@code t} is outside 0..4294967295
     */
    public static RouteQuery table(long t) {
        return new RouteQuery(Rtnl.AF_UNSPEC, t, null);
    }

    /**
     * This query for one family.
     *
     * @param af {@link Rtnl#AF_INET}, {@link Rtnl#AF_INET6}, or {@link Rtnl#AF_UNSPEC} for every family
     * @return a copy of this query with {@code family} set
     * @throws IllegalArgumentException when {@code af} is none of those
     */
    public RouteQuery family(int af) {
        return new RouteQuery(af, table, dev);
    }

    /**
     * This query for one output device (RTA_OIF).
     *
     * @param d the device name, or null for any
     * @return a copy of this query with {@code dev} set
     */
    public RouteQuery dev(String d) {
        return new RouteQuery(family, table, d);
    }
}
