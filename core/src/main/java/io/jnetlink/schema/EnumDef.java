package io.jnetlink.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named values of an integer (YNL {@code enum}) or named bits of a mask (YNL {@code flags}). For flags the
 * map's keys are the bit values (1, 2, 4, ...), not bit numbers.
 *
 * @param name    the definition's name
 * @param flags   true when the values are bits of a mask
 * @param entries value to name, in declaration order
 */
public record EnumDef(String name, boolean flags, Map<Long, String> entries) {

    /** Copies {@code entries}, keeping their order. */
    public EnumDef {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /**
     * An enum whose names take the values {@code start}, {@code start + 1}, ... in order.
     *
     * @param name  the definition's name
     * @param start the value of the first name
     * @param names the names, in value order
     * @return the enum definition (not flags)
     */
    public static EnumDef values(String name, long start, String... names) {
        Map<Long, String> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(start + i, names[i]);
        }
        return new EnumDef(name, false, m);
    }

    /**
     * Flags whose names take the bits 1, 2, 4, ... in order.
     *
     * @param name  the definition's name
     * @param names the names of bit 0, bit 1, ... in order
     * @return the flags definition
     */
    public static EnumDef flags(String name, String... names) {
        Map<Long, String> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(1L << i, names[i]);
        }
        return new EnumDef(name, true, m);
    }

    /**
     * The name of {@code value}, or null when the definition has none.
     *
     * @param value a value, or for flags a single bit (a mask of several bits has no name)
     * @return its name, or null
     */
    public String nameOf(long value) {
        return entries.get(value);
    }

    /**
     * The value named {@code n}, or null.
     *
     * @param n a name of this definition
     * @return its value (for flags, the bit value), or null when no entry has that name
     */
    public Long valueOf(String n) {
        for (Map.Entry<Long, String> e : entries.entrySet()) {
            if (e.getValue().equals(n)) {
                return e.getKey();
            }
        }
        return null;
    }
}
