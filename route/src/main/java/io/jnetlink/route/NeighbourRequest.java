package io.jnetlink.route;

/**
 * A neighbour entry to add or delete ({@link IPRoute#addNeighbour}, {@link IPRoute#deleteNeighbour}):
 * {@code NeighbourRequest.of("v0", "10.0.0.9").lladdr("02:00:00:00:00:09")}. State defaults to permanent.
 * A mutable builder, used once.
 */
public final class NeighbourRequest {
    final String dev;
    final java.net.InetAddress dst;
    String lladdr;
    int state = 0x80;

    private NeighbourRequest(String dev, java.net.InetAddress dst) {
        this.dev = dev;
        this.dst = dst;
    }

    /**
     * The neighbour {@code address} on device {@code dev}.
     *
     * @param dev     the device name (checked when the request is sent: ENODEV when it does not exist)
     * @param address the neighbour's IPv4 or IPv6 literal
     * @return a new request, state permanent
     * @throws IllegalArgumentException when {@code address} is not an IPv4 or IPv6 literal
     */
    public static NeighbourRequest of(String dev, String address) {
        return new NeighbourRequest(dev, Inet.address(address, "neighbour"));
    }

    /**
     * Its link-layer address (NDA_LLADDR), sent by {@link IPRoute#addNeighbour} only.
     *
     * @param mac colon-separated hex ("02:00:00:00:00:09")
     * @return this request
     */
    public NeighbourRequest lladdr(String mac) {
        this.lladdr = mac;
        return this;
    }

    /**
     * Its state (ndm_state): permanent, noarp, reachable, stale, none, ...
     *
     * @param s a NUD_* state name, in any case (incomplete, reachable, stale, delay, probe, failed, noarp, permanent,
     *          none)
     * @return this request
     * @throws IllegalArgumentException when {@code s} is not a state name
     */
    public NeighbourRequest state(String s) {
        this.state = Names.parseNudState(s);
        return this;
    }
}
