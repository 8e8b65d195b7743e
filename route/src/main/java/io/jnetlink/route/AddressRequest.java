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

    /**
     * {@code cidr} ("10.0.0.1/24", "2001:db8::1/64"; a bare address is a host prefix) on device {@code dev}.
     *
     * @param dev  the device name (checked when the request is sent: ENODEV when it does not exist)
     * @param cidr an IPv4 or IPv6 literal, optionally with "/" and a prefix length (0-32 or 0-128)
     * @return a new request for that address
     * @throws IllegalArgumentException when {@code cidr} is null, not an address literal, or has a bad prefix length
     */
    public static AddressRequest of(String dev, String cidr) {
        return new AddressRequest(dev, Inet.prefix(cidr, "address", Rtnl.AF_INET));
    }

    /**
     * The IPv4 broadcast address (IFA_BROADCAST), or "+" for the prefix's highest address; "-" sends none. Ignored for
     * an IPv6 address.
     *
     * @param b an IPv4 literal, "+" or "-"
     * @return this request
     * @throws IllegalArgumentException when {@code b} is none of "+", "-" and an address literal
     */
    public AddressRequest broadcast(String b) {
        if (!b.equals("+") && !b.equals("-")) {
            Inet.address(b, "broadcast");
        }
        this.broadcast = b;
        return this;
    }

    /**
     * The IPv4 label (IFA_LABEL): by convention the device name, optionally followed by ":" and more ("v0:1").
     *
     * @param l the label, at most 15 characters
     * @return this request
     */
    public AddressRequest label(String l) {
        this.label = l;
        return this;
    }

    /**
     * The scope (ifa_scope): global, site, link, host or a number. Without it the scope is host for a loopback
     * address and global otherwise.
     *
     * @param s global (or universe), site, link, host, nowhere, or a number 0-255
     * @return this request
     * @throws IllegalArgumentException when {@code s} is none of those
     */
    public AddressRequest scope(String s) {
        this.scope = Names.parseScope(s);
        return this;
    }

    /**
     * The peer of a point-to-point address ({@code ip addr add A peer P}), sent as IFA_ADDRESS; its prefix length, if
     * any, is not sent.
     *
     * @param p the peer's address literal, optionally with a prefix length
     * @return this request
     * @throws IllegalArgumentException when {@code p} is not an address literal, has a bad prefix length or is not of
     *                                  the address's family
     */
    public AddressRequest peer(String p) {
        Inet.Prefix pp = Inet.prefix(p, "peer", prefix.family());
        if (pp.family() != prefix.family()) {
            throw new IllegalArgumentException("peer: '" + p + "' is not of the address's family");
        }
        this.peer = pp;
        return this;
    }
}
