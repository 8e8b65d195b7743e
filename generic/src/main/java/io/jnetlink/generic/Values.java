package io.jnetlink.generic;

import io.jnetlink.message.MalformedMessageException;

import java.util.List;
import java.util.Map;

/**
 * Reads decoded attribute values (maps, lists, numbers) whose shape the kernel decides: a value of the wrong shape
 * (absent where needed, repeated, bytes of an odd length) is a {@link MalformedMessageException} at {@code offset},
 * the attribute that held it.
 */
final class Values {
    private Values() {
    }

    /** {@code v} as a number; absent or of another shape: malformed. */
    static Number number(Object v, String what, int offset) {
        if (v instanceof Number n) {
            return n;
        }
        throw new MalformedMessageException(what + (v == null ? " is missing" : " is not one number ("
                + shape(v) + ")"), offset);
    }

    /** {@code v} as a number, or null when absent; of another shape: malformed. */
    static Number numberOrNull(Object v, String what, int offset) {
        return v == null ? null : number(v, what, offset);
    }

    /** {@code v} as a string, or null when absent; of another shape: malformed. */
    static String stringOrNull(Object v, String what, int offset) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new MalformedMessageException(what + " is not one string (" + shape(v) + ")", offset);
    }

    /** {@code v} as a map of names to values (a nest or struct); of another shape: malformed. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object v, String what, int offset) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new MalformedMessageException(what + " is not one nest (" + shape(v) + ")", offset);
    }

    /** {@code v} as a list (an array), or an empty list when absent; of another shape: malformed. */
    static List<?> list(Object v, String what, int offset) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l;
        }
        throw new MalformedMessageException(what + " is not an array (" + shape(v) + ")", offset);
    }

    private static String shape(Object v) {
        return v == null ? "absent" : v instanceof List<?> ? "repeated or a list" : v instanceof byte[] b
                ? b.length + " bytes" : v.getClass().getSimpleName();
    }
}
