package io.jnetlink.route;

import java.net.Inet4Address;
import java.net.InetAddress;

/** Addresses as {@code ip} writes and reads them: literals only, never a name lookup. */
public final class Inet {
    private Inet() {
    }

    /**
     * The address as {@code ip} prints it: dotted IPv4, or IPv6 in the RFC 5952 short form ("2001:db8::1"), without
     * a scope id.
     *
     * @param a an IPv4 or IPv6 address, not null
     * @return its text form, e.g. "10.0.0.1" or "2001:db8::1"
     */
    public static String format(InetAddress a) {
        if (a instanceof Inet4Address) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(w[i]));
        }
        return sb.toString();
    }

    /** An address with a prefix length. */
    record Prefix(InetAddress address, int length) {
        int family() {
            return Inet.family(address);
        }
    }

    static int family(InetAddress a) {
        return a instanceof Inet4Address ? Rtnl.AF_INET : Rtnl.AF_INET6;
    }

    static int maxLen(InetAddress a) {
        return a instanceof Inet4Address ? 32 : 128;
    }

    /**
     * Reads an address as {@code ip} does: an IPv4 (dotted quad) or IPv6 literal, never a name lookup.
     *
     * @param text the literal
     * @param what what the address is, for the error ("source", "gre local")
     * @return the address
     * @throws IllegalArgumentException naming {@code what} when {@code text} is null, empty or not a literal
     */
    public static InetAddress address(String text, String what) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException(what + ": an address is needed");
        }
        try {
            if (text.indexOf(':') < 0 && !text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                throw new IllegalArgumentException();
            }
            return InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not an IPv4 or IPv6 address");
        }
    }

    /**
     * {@code addr/len}, a bare address (a host prefix), or {@code default} ({@code defaultFamily}'s zero prefix;
     * AF_UNSPEC means IPv4).
     */
    static Prefix prefix(String text, String what, int defaultFamily) {
        if (text == null) {
            throw new IllegalArgumentException(what + ": a prefix is needed");
        }
        if (text.equals("default") || text.equals("all") || text.equals("any")) {
            return new Prefix(address(defaultFamily == Rtnl.AF_INET6 ? "::" : "0.0.0.0", what), 0);
        }
        int slash = text.indexOf('/');
        InetAddress a = address(slash < 0 ? text : text.substring(0, slash), what);
        int len = maxLen(a);
        if (slash >= 0) {
            try {
                len = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                len = -1;
            }
            if (len < 0 || len > maxLen(a)) {
                throw new IllegalArgumentException(what + ": '" + text + "' has a bad prefix length (0-"
                        + maxLen(a) + ")");
            }
        }
        return new Prefix(a, len);
    }

    /** The broadcast address of an IPv4 prefix (all host bits set). */
    static InetAddress broadcast(Prefix p) {
        byte[] b = p.address().getAddress();
        for (int bit = p.length(); bit < 32; bit++) {
            b[bit / 8] |= (byte) (0x80 >> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
