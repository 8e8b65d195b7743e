package io.jnetlink.route;

/**
 * An address to add to or delete from a device ({@link IPRoute#addAddress}, {@link IPRoute#deleteAddress}):
 * {@code AddressRequest.of("v0", "10.0.0.1/24").broadcast("+")}. A mutable builder, used once.
 */
public final class AddressRequest {
    final String dev;
    final Inet.Prefix prefix;
    String broadcast;
    String label;
    Integer scope;
    Inet.Prefix peer;

    private AddressRequest(String dev, Inet.Prefix prefix) {
        this.dev = dev;
        this.prefix = prefix;
    }

    /** {@code cidr} ("10.0.0.1/24", "2001:db8::1/64"; a bare address is a host prefix) on device {@code dev}. */
    public static AddressRequest of(String dev, String cidr) {
        return new AddressRequest(dev, Inet.prefix(cidr, "address", Rtnl.AF_INET));
    }

    /** The IPv4 broadcast address, or "+" for the prefix's highest address. */
    public AddressRequest broadcast(String b) {
        if (!b.equals("+") && !b.equals("-")) {
            Inet.address(b, "broadcast");
        }
        this.broadcast = b;
        return this;
    }

    /** The IPv4 label (the device name, optionally followed by ":" and more). */
    public AddressRequest label(String l) {
        this.label = l;
        return this;
    }

    /** The scope: global, site, link, host or a number. */
    public AddressRequest scope(String s) {
        this.scope = Names.parseScope(s);
        return this;
    }

    /** The peer of a point-to-point address ({@code ip addr add A peer P}). */
    public AddressRequest peer(String p) {
        this.peer = Inet.prefix(p, "peer", prefix.family());
        return this;
    }
}
