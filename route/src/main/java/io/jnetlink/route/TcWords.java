package io.jnetlink.route;

import java.util.List;
import java.util.Locale;

/** tc's words and encodings the requests share: control verdicts, protocols, filter handles, u32 selectors. */
final class TcWords {
    private TcWords() {
    }

    /**
     * A control verdict by tc's name.
     *
     * @param name ok/pass, reclassify, drop/shot, pipe, stolen, queued, repeat, redirect, trap, continue
     * @return its TC_ACT_* number
     */
    static int control(String name) {
        return switch (name) {
            case "ok", "pass" -> 0;
            case "reclassify" -> 1;
            case "drop", "shot" -> 2;
            case "pipe" -> 3;
            case "stolen" -> 4;
            case "queued" -> 5;
            case "repeat" -> 6;
            case "redirect" -> 7;
            case "trap" -> 8;
            case "continue" -> -1;
            default -> throw new IllegalArgumentException("action control '" + name + "' is not one of ok, pass, "
                    + "reclassify, drop, shot, pipe, stolen, queued, repeat, redirect, trap, continue");
        };
    }

    /**
     * An ETH_P_* protocol by tc's name or number.
     *
     * @param p all, ip, ipv6, arp, 802.1q, 802.1ad, mpls_uc, mpls_mc, or a number (decimal or 0x hex)
     * @return the protocol, host order
     */
    static int ethProtocol(String p) {
        switch (p.toLowerCase(Locale.ROOT)) {
            case "all":
                return 0x0003;
            case "ip":
                return 0x0800;
            case "ipv6":
                return 0x86dd;
            case "arp":
                return 0x0806;
            case "802.1q", "vlan":
                return 0x8100;
            case "802.1ad":
                return 0x88a8;
            case "mpls_uc":
                return 0x8847;
            case "mpls_mc":
                return 0x8848;
            default:
                break;
        }
        try {
            int v = p.startsWith("0x") ? Integer.parseInt(p.substring(2), 16) : Integer.parseInt(p);
            if (v >= 0 && v <= 0xffff) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("protocol '" + p + "' is not all, ip, ipv6, arp, 802.1q, 802.1ad or a "
                + "number");
    }

    /**
     * An ETH_P_* protocol as tc prints it.
     *
     * @param p the protocol, host order
     * @return all, ip, ipv6, arp, 802.1Q, ..., or the number in hex
     */
    static String ethProtocolName(int p) {
        return switch (p) {
            case 0x0003 -> "all";
            case 0x0800 -> "ip";
            case 0x86dd -> "ipv6";
            case 0x0806 -> "arp";
            case 0x8100 -> "802.1Q";
            case 0x88a8 -> "802.1ad";
            case 0x8847 -> "mpls_uc";
            case 0x8848 -> "mpls_mc";
            default -> String.format("[%04x]", p);
        };
    }

    /**
     * A filter handle in tc's notation: u32's "HTID:HASH:NODE" in hex ("800::800"), others a number.
     *
     * @param kind the filter's kind (or null)
     * @param h    the handle
     * @return the 32-bit handle
     */
    static int filterHandle(String kind, String h) {
        try {
            if ("u32".equals(kind) || h.contains(":")) {
                String[] p = h.split(":", -1);
                if (p.length > 3) {
                    throw new NumberFormatException(h);
                }
                long htid = p[0].isEmpty() ? 0 : Long.parseLong(p[0], 16);
                long hash = p.length > 1 && !p[1].isEmpty() ? Long.parseLong(p[1], 16) : 0;
                long node = p.length > 2 && !p[2].isEmpty() ? Long.parseLong(p[2], 16) : 0;
                if (htid > 0xfff || hash > 0xff || node > 0xfff) {
                    throw new NumberFormatException(h);
                }
                return (int) (htid << 20 | hash << 12 | node);
            }
            long v = Long.decode(h);
            if (v < 0 || v > 0xffffffffL) {
                throw new NumberFormatException(h);
            }
            return (int) v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("handle '" + h + "' is not a filter handle");
        }
    }

    /**
     * The bytes of a u32 selector (struct tc_u32_sel and its keys).
     *
     * @param flags TC_U32_* flags (1 terminal)
     * @param keys  each {mask, val, off, offmask}, values and masks in host order
     * @return the bytes
     */
    static byte[] u32Selector(int flags, List<long[]> keys) {
        byte[] b = new byte[16 + 16 * keys.size()];
        b[0] = (byte) flags;
        b[2] = (byte) keys.size();
        int p = 16;
        for (long[] k : keys) {
            putBe(b, p, k[0]);
            putBe(b, p + 4, k[1]);
            putLe(b, p + 8, k[2]);
            putLe(b, p + 12, k[3]);
            p += 16;
        }
        return b;
    }

    private static void putBe(byte[] b, int p, long v) {
        b[p] = (byte) (v >> 24);
        b[p + 1] = (byte) (v >> 16);
        b[p + 2] = (byte) (v >> 8);
        b[p + 3] = (byte) v;
    }

    private static void putLe(byte[] b, int p, long v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >> 8);
        b[p + 2] = (byte) (v >> 16);
        b[p + 3] = (byte) (v >> 24);
    }

    static long getBe(byte[] b, int p) {
        return (b[p] & 0xffL) << 24 | (b[p + 1] & 0xffL) << 16 | (b[p + 2] & 0xffL) << 8 | (b[p + 3] & 0xffL);
    }
}
