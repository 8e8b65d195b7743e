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

    /** An empty rule ("from all"). */
    public static RuleRequest create() {
        return new RuleRequest();
    }

    /** Matches the source prefix. */
    public RuleRequest from(String cidr) {
        this.src = Inet.prefix(cidr, "from", family == null ? Rtnl.AF_INET : family);
        return this;
    }

    /** Matches the destination prefix. */
    public RuleRequest to(String cidr) {
        this.dst = Inet.prefix(cidr, "to", family == null ? Rtnl.AF_INET : family);
        return this;
    }

    /** Looks up table {@code t} (1 to 4294967295). */
    public RuleRequest table(long t) {
        if (t < 1 || t > 0xffffffffL) {
            throw new IllegalArgumentException("table " + t + " is outside 1..4294967295");
        }
        this.table = t;
        return this;
    }

    /** Looks up the table by name (main, local, default) or number. */
    public RuleRequest table(String t) {
        return table(Names.parseTable(t));
    }

    /** The rule's preference (priority). */
    public RuleRequest priority(long p) {
        if (p < 0 || p > 0xffffffffL) {
            throw new IllegalArgumentException("priority " + p + " is outside 0..4294967295");
        }
        this.priority = p;
        return this;
    }

    /** Matches the input device. */
    public RuleRequest iif(String dev) {
        this.iif = dev;
        return this;
    }

    /** Matches the output device. */
    public RuleRequest oif(String dev) {
        this.oif = dev;
        return this;
    }

    /** Matches the firewall mark (and mask, or null). */
    public RuleRequest fwmark(long mark, Long mask) {
        this.fwmark = mark;
        this.fwmask = mask;
        return this;
    }

    /** Matches the TOS. */
    public RuleRequest tos(int t) {
        this.tos = t;
        return this;
    }

    /** Inverts the match ({@code ip rule add not ...}). */
    public RuleRequest not() {
        this.invert = true;
        return this;
    }

    /** The action instead of a lookup: blackhole, unreachable, prohibit, nop. */
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

    /** The family, AF_INET or AF_INET6 (default: the prefixes', else IPv4). */
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
