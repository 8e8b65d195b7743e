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

    /** The neighbour {@code address} on device {@code dev}. */
    public static NeighbourRequest of(String dev, String address) {
        return new NeighbourRequest(dev, Inet.address(address, "neighbour"));
    }

    /** Its link-layer address, colon-separated hex. */
    public NeighbourRequest lladdr(String mac) {
        this.lladdr = mac;
        return this;
    }

    /** Its state: permanent, noarp, reachable, stale, none, ... */
    public NeighbourRequest state(String s) {
        this.state = Names.parseNudState(s);
        return this;
    }
}
