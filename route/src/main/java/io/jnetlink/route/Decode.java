package io.jnetlink.route;

import io.jnetlink.message.Attribute;
import io.jnetlink.message.MalformedMessageException;

import java.net.InetAddress;

/** Small readers shared by the object decoders. */
final class Decode {
    private Decode() {
    }

    /** An address attribute (4 or 16 bytes) as an InetAddress; other lengths are malformed. */
    static InetAddress ip(Attribute a) {
        if (a.value() instanceof InetAddress ia) {
            return ia;
        }
        throw new MalformedMessageException("attribute " + a.name() + ": " + a.length()
                + " bytes is not an IPv4 or IPv6 address", a.offset());
    }

    /** A hardware address attribute as colon-separated hex (its definition's mac display). */
    static String mac(Attribute a) {
        return (String) a.value();
    }

    /** The little-endian u32 at byte {@code off} of a payload. */
    static long u32(byte[] b, int off) {
        return (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16 | (b[off + 3] & 0xffL) << 24;
    }

    /** The i-th little-endian u64 of a payload, or 0 past its end. */
    static long u64(byte[] b, int i) {
        int o = i * 8;
        if (o + 8 > b.length) {
            return 0;
        }
        long v = 0;
        for (int k = 7; k >= 0; k--) {
            v = v << 8 | (b[o + k] & 0xffL);
        }
        return v;
    }
}
