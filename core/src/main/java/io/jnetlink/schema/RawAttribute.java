package io.jnetlink.schema;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An attribute the definitions do not name, kept as it came so that it re-encodes byte for byte.
 *
 * @param type  the attribute type number, without the NLA_F_NESTED / NLA_F_NET_BYTEORDER flags
 * @param flags those two flag bits as received
 * @param value the payload
 */
public record RawAttribute(int type, int flags, byte[] value) {

    @Override
    public boolean equals(Object o) {
        return o instanceof RawAttribute r && r.type == type && r.flags == flags && Arrays.equals(r.value, value);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "RawAttribute[type=" + type + ", value=" + HexFormat.of().formatHex(value) + "]";
    }
}
