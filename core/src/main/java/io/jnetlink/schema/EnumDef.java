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

    /** The name of {@code value}, or null when the definition has none. */
    public String nameOf(long value) {
        return entries.get(value);
    }

    /** The value named {@code n}, or null. */
    public Long valueOf(String n) {
        for (Map.Entry<Long, String> e : entries.entrySet()) {
            if (e.getValue().equals(n)) {
                return e.getKey();
            }
        }
        return null;
    }
}
