package io.jnetlink.schema;

/** How a binary or integer value is shown and decoded: the YNL {@code display-hint}. */
public enum Display {
    /** No hint. */
    NONE("none"),
    /** Hexadecimal. */
    HEX("hex"),
    /** A link-layer address, {@code aa:bb:cc:dd:ee:ff}. */
    MAC("mac"),
    /** An IPv4 address. */
    IPV4("ipv4"),
    /** An IPv6 address. */
    IPV6("ipv6"),
    /** An IPv4 or IPv6 address, by length. */
    IPV4_OR_V6("ipv4-or-v6"),
    /** A 16-byte UUID. */
    UUID("uuid");

    private final String ynlName;

    Display(String ynlName) {
        this.ynlName = ynlName;
    }

    /**
     * The spec's spelling of this hint.
     *
     * @return the YNL name, such as {@code "mac"} or {@code "ipv4-or-v6"}
     */
    public String ynlName() {
        return ynlName;
    }

    /**
     * The hint named {@code name} in a spec, or null when there is none.
     *
     * @param name the YNL spelling, such as {@code "hex"}
     * @return the hint, or null when no hint is spelled so
     */
    public static Display fromYnl(String name) {
        for (Display d : values()) {
            if (d.ynlName.equals(name)) {
                return d;
            }
        }
        return null;
    }
}
