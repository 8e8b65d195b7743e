package io.jnetlink.generic;

import io.jnetlink.message.Attribute;
import io.jnetlink.message.Attributes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * An ethtool bitset (ETHTOOL_A_BITSET_*), from either of the kernel's forms: verbose (each bit a nest with
 * index, name and a value flag) or compact (value and mask as arrays of 32-bit words, names from a string
 * set). With a mask, the bits listed are the mask's (for link modes: the supported ones) and {@link Bit#value()}
 * says whether each is set (advertised); without one ("nomask"), the bits listed are the set ones.
 *
 * @param size   the number of bits the set can have
 * @param masked true when the kernel sent a mask
 * @param bits   the bits listed, in index order
 */
public record Bitset(int size, boolean masked, List<Bit> bits) {

    /** Copies the list. */
    public Bitset {
        bits = List.copyOf(bits);
    }

    /**
     * One listed bit.
     *
     * @param index  its number
     * @param name   its name (from the kernel, or the string set; "bit N" when neither has one)
     * @param value  true when the bit is set
     * @param inMask true when the bit is in the mask (always false without a mask)
     */
    public record Bit(int index, String name, boolean value, boolean inMask) {
    }

    /** An empty set: what an absent bitset attribute means. */
    public static final Bitset EMPTY = new Bitset(0, false, List.of());

    /**
     * The names of the set bits.
     *
     * @return the names of the set bits
     */
    public List<String> values() {
        List<String> out = new ArrayList<>();
        for (Bit b : bits) {
            if (b.value()) {
                out.add(b.name());
            }
        }
        return out;
    }

    /**
     * The names of the bits in the mask (empty without a mask).
     *
     * @return the names of the bits in the mask (empty without a mask)
     */
    public List<String> mask() {
        List<String> out = new ArrayList<>();
        for (Bit b : bits) {
            if (b.inMask()) {
                out.add(b.name());
            }
        }
        return out;
    }

    /**
     * Reads a bitset nest.
     *
     * @param a     the nest's attributes (the "bitset" set of {@link EthtoolFamily#SCHEMA}), or null for none
     * @param names names for the bits of a compact bitset by index (may return null)
     * @return the bitset the nest holds
     */
    public static Bitset parse(Attributes a, IntFunction<String> names) {
        if (a == null) {
            return EMPTY;
        }
        boolean masked = !a.has("nomask");
        int size = (int) a.getLong("size", 0);
        List<Bit> bits = new ArrayList<>();
        Attributes verbose = a.nested("bits");
        if (verbose != null) {
            for (Attribute bit : verbose.all("bit")) {
                Attributes b = bit.asNested();
                int index = (int) b.getLong("index", -1);
                String name = b.getString("name");
                bits.add(new Bit(index, name != null ? name : "bit " + index, !masked || b.has("value"), masked));
            }
            return new Bitset(size, masked, bits);
        }
        Attribute value = a.attribute("value");
        Attribute mask = masked ? a.attribute("mask") : null;
        ByteBuffer v = value == null ? null : ByteBuffer.wrap(value.bytes()).order(ByteOrder.nativeOrder());
        ByteBuffer m = mask == null ? null : ByteBuffer.wrap(mask.bytes()).order(ByteOrder.nativeOrder());
        // bits past the words sent are clear: the walk stops there, whatever size the message claims
        int words = Math.max(v == null ? 0 : v.limit(), m == null ? 0 : m.limit()) / 4;
        int bound = (int) Math.min(Integer.toUnsignedLong(size), 32L * words);
        for (int i = 0; i < bound; i++) {
            boolean inValue = test(v, i);
            boolean inMask = test(m, i);
            if (inValue || inMask) {
                String name = names == null ? null : names.apply(i);
                bits.add(new Bit(i, name != null ? name : "bit " + i, inValue, inMask));
            }
        }
        return new Bitset(size, masked, bits);
    }

    private static boolean test(ByteBuffer words, int bit) {
        int at = (bit / 32) * 4;
        return words != null && at + 4 <= words.limit() && (words.getInt(at) >>> (bit % 32) & 1) != 0;
    }
}
