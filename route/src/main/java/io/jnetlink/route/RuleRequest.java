package io.jnetlink.route;

/**
 * A policy routing rule to add or delete ({@link IPRoute#addRule}, {@link IPRoute#deleteRule}), in
 * {@code ip rule}'s terms: {@code RuleRequest.create().from("10.0.0.0/24").table(100).priority(100)}. Without a
 * type the action is "lookup TABLE". A mutable builder, used once.
 */
public final class RuleRequest {
    Integer family;
    Inet.Prefix src;
    Inet.Prefix dst;
    Long table;
    Long priority;
    String iif;
    String oif;
    Long fwmark;
    Long fwmask;
    int action = 1;
    int tos;
    boolean invert;

    private RuleRequest() {
    }

    /**
     * An empty rule ("from all"): a lookup of main when added without a table.
     *
     * @return a new request
     */
    public static RuleRequest create() {
        return new RuleRequest();
    }

    /**
     * Matches the source prefix (FRA_SRC), as {@code ip rule add from P}.
     *
     * @param cidr a prefix, a bare address, or "all" (of the family set before, else IPv4)
     * @return this request
     * @throws IllegalArgumentException when {@code cidr} is null, not an address literal, or has a bad prefix length
     */
    public RuleRequest from(String cidr) {
        this.src = Inet.prefix(cidr, "from", family == null ? Rtnl.AF_INET : family);
        return this;
    }

    /**
     * Matches the destination prefix (FRA_DST), as {@code ip rule add to P}.
     *
     * @param cidr a prefix, a bare address, or "all" (of the family set before, else IPv4)
     * @return this request
     * @throws IllegalArgumentException when {@code cidr} is null, not an address literal, or has a bad prefix length
     */
    public RuleRequest to(String cidr) {
        this.dst = Inet.prefix(cidr, "to", family == null ? Rtnl.AF_INET : family);
        return this;
    }

    /**
     * Looks up table {@code t} (1 to 4294967295; FRA_TABLE).
     *
     * @param t the table id, 1 to 4294967295
     * @return this request
     * @throws IllegalArgumentException when {@code t} is outside 1..4294967295
     */
    public RuleRequest table(long t) {
        if (t < 1 || t > 0xffffffffL) {
            throw new IllegalArgumentException("table " + t + " is outside 1..4294967295");
        }
        this.table = t;
        return this;
    }

    /**
     * Looks up the table by name (main, local, default) or number.
     *
     * @param t main, local, default, or a number 1 to 4294967295
     * @return this request
     * @throws IllegalArgumentException when {@code t} is neither a table name nor a number in 1..4294967295
     */
    public RuleRequest table(String t) {
        return table(Names.parseTable(t));
    }

    /**
     * The rule's preference (FRA_PRIORITY): lower runs first; a rule added without one gets one from the kernel.
     *
     * @param p the preference, 0 to 4294967295
     * @return this request
     * @throws IllegalArgumentException when {@code p} is outside 0..4294967295
     */
    public RuleRequest priority(long p) {
        if (p < 0 || p > 0xffffffffL) {
            throw new IllegalArgumentException("priority " + p + " is outside 0..4294967295");
        }
        this.priority = p;
        return this;
    }

    /**
     * Matches the input device by name (FRA_IIFNAME; the device need not exist).
     *
     * @param dev the device name
     * @return this request
     */
    public RuleRequest iif(String dev) {
        this.iif = dev;
        return this;
    }

    /**
     * Matches the output device by name (FRA_OIFNAME; the device need not exist).
     *
     * @param dev the device name
     * @return this request
     */
    public RuleRequest oif(String dev) {
        this.oif = dev;
        return this;
    }

    /**
     * Matches the firewall mark (FRA_FWMARK), under a mask (FRA_FWMASK).
     *
     * @param mark the mark, 0 to 4294967295
     * @param mask the mask, or null for none (the kernel then compares every bit)
     * @return this request
     * @throws IllegalArgumentException when the mark or the mask is outside 0..4294967295
     */
    public RuleRequest fwmark(long mark, Long mask) {
        if (mark < 0 || mark > 0xffffffffL) {
            throw new IllegalArgumentException("fwmark " + mark + " is outside 0..4294967295");
        }
        if (mask != null && (mask < 0 || mask > 0xffffffffL)) {
            throw new IllegalArgumentException("fwmark mask " + mask + " is outside 0..4294967295");
        }
        this.fwmark = mark;
        this.fwmask = mask;
        return this;
    }

    /**
     * Matches the TOS byte (fib_rule_hdr tos).
     *
     * @param t the TOS, 0 to 255
     * @return this request
     * @throws IllegalArgumentException when {@code t} is outside 0..255
     */
    public RuleRequest tos(int t) {
        if (t < 0 || t > 255) {
            throw new IllegalArgumentException("tos " + t + " is outside 0..255");
        }
        this.tos = t;
        return this;
    }

    /**
     * Inverts the match (FIB_RULE_INVERT, {@code ip rule add not ...}).
     *
     * @return this request
     */
    public RuleRequest not() {
        this.invert = true;
        return this;
    }

    /**
     * The action instead of a lookup (FR_ACT_*): blackhole, unreachable, prohibit, nop.
     *
     * @param t blackhole, unreachable, prohibit, nop; or lookup (or unicast) for the default
     * @return this request
     * @throws IllegalArgumentException when {@code t} is none of those
     */
    public RuleRequest type(String t) {
        this.action = switch (t) {
            case "blackhole" -> 6;
            case "unreachable" -> 7;
            case "prohibit" -> 8;
            case "nop" -> 3;
            case "lookup", "unicast" -> 1;
            default -> throw new IllegalArgumentException("unknown rule type '" + t
                    + "' (blackhole, unreachable, prohibit, nop)");
        };
        return this;
    }

    /**
     * The family, AF_INET or AF_INET6 (default: the prefixes', else IPv4); set it before {@code from("all")} or
     * {@code to("all")} for IPv6.
     *
     * @param af {@link Rtnl#AF_INET} (2) or {@link Rtnl#AF_INET6} (10)
     * @return this request
     * @throws IllegalArgumentException when {@code af} is neither
     */
    public RuleRequest family(int af) {
        if (af != Rtnl.AF_INET && af != Rtnl.AF_INET6) {
            throw new IllegalArgumentException("family must be AF_INET (2) or AF_INET6 (10), got " + af);
        }
        this.family = af;
        return this;
    }

    int resolvedFamily() {
        if (family != null) {
            return family;
        }
        if (src != null) {
            return src.family();
        }
        return dst != null ? dst.family() : Rtnl.AF_INET;
    }
}
