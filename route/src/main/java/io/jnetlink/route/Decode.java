package io.jnetlink.route;

import io.jnetlink.Attribute;
import io.jnetlink.MalformedMessageException;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Small readers shared by the object decoders. */
final class Decode {
    private Decode() {
    }

    /** An address attribute (4 or 16 bytes) as an InetAddress; other lengths are malformed. */
    static InetAddress ip(Attribute a) {
        byte[] b = a.bytes();
        if (b.length != 4 && b.length != 16) {
            throw new MalformedMessageException("attribute " + a.name() + ": " + b.length
                    + " bytes is not an IPv4 or IPv6 address", a.offset());
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Colon-separated hex of a hardware address attribute. */
    static String mac(Attribute a) {
        byte[] b = a.bytes();
        StringBuilder sb = new StringBuilder(b.length * 3);
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return sb.toString();
    }

    /** The i-th little-endian u32 of a payload. */
    static long u32(byte[] b, int i) {
        int o = i * 4;
        return (b[o] & 0xffL) | (b[o + 1] & 0xffL) << 8 | (b[o + 2] & 0xffL) << 16 | (b[o + 3] & 0xffL) << 24;
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
