package io.jnetlink.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * tc's two outputs made in one pass, as iproute2's print_* functions make them: every call adds a JSON member
 * (to the open object or array) and/or a piece of text. JSON objects keep their members in order and may repeat a
 * key (tc prints u32's "match" once per key).
 */
final class TcPrinter {
    /** A JSON object: members in order, keys may repeat. */
    static final class Obj {
        final List<Map.Entry<String, Object>> members = new ArrayList<>();
    }

    private final StringBuilder text = new StringBuilder();
    private final Deque<Object> open = new ArrayDeque<>(); // Obj or List<Object>
    private final Obj root = new Obj();

    TcPrinter() {
        open.push(root);
    }

    @SuppressWarnings("unchecked")
    private void member(String key, Object v) {
        Object top = open.peek();
        if (top instanceof Obj o) {
            o.members.add(new java.util.AbstractMap.SimpleImmutableEntry<>(key, v));
        } else {
            ((List<Object>) top).add(v);
        }
    }

    /** A value in both outputs: {@code key} in JSON, {@code fragment} (already formatted) in text. */
    TcPrinter any(String key, Object json, String fragment) {
        member(key, json);
        text.append(fragment);
        return this;
    }

    /** A JSON member only. */
    TcPrinter json(String key, Object json) {
        member(key, json);
        return this;
    }

    /** Text only. */
    TcPrinter text(String fragment) {
        text.append(fragment);
        return this;
    }

    /** Opens an object (under {@code key} in an object; null in an array). */
    TcPrinter object(String key) {
        Obj o = new Obj();
        member(key, o);
        open.push(o);
        return this;
    }

    /** Opens an array under {@code key}. */
    TcPrinter array(String key) {
        List<Object> l = new ArrayList<>();
        member(key, l);
        open.push(l);
        return this;
    }

    /** Closes the innermost object or array. */
    TcPrinter close() {
        open.pop();
        return this;
    }

    /** The text printed. */
    String text() {
        return text.toString();
    }

    /** The JSON value of the root object. */
    Obj json() {
        return root;
    }

    /** Compact JSON, as tc prints it. */
    static String write(Object v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v) {
        switch (v) {
            case Obj o -> {
                sb.append('{');
                for (int i = 0; i < o.members.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    sb.append(Json.write(o.members.get(i).getKey())).append(':');
                    write(sb, o.members.get(i).getValue());
                }
                sb.append('}');
            }
            case List<?> l -> {
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    write(sb, l.get(i));
                }
                sb.append(']');
            }
            case null -> sb.append("null");
            case Double d -> sb.append(g(d, 6));
            default -> sb.append(Json.write(v));
        }
    }

    // ------------------------------------------------------------------ tc's units

    /** tc's sprint_rate: bytes per second as bits, in 1000s ("10Mbit", "1500Kbit"). */
    static String rate(long bytesPerSec) {
        String[] units = {"", "K", "M", "G", "T"};
        long r = bytesPerSec << 3;
        int i = 0;
        for (; i < units.length - 1; i++) {
            if (Long.compareUnsigned(r, 1000) < 0) {
                break;
            }
            if (r % 1000 != 0 && r < 1000 * 1000) {
                break;
            }
            r /= 1000;
        }
        return Long.toUnsignedString(r) + units[i] + "bit";
    }

    /** tc's sprint_size: bytes as "15Kb", "4Mb" or "1600b". */
    static String size(long sz) {
        double t = sz;
        if (sz >= 1024 * 1024 && Math.abs(1024 * 1024 * Math.rint(t / (1024 * 1024)) - sz) < 1024) {
            return g(Math.rint(t / (1024 * 1024)), 6) + "Mb";
        }
        if (sz >= 1024 && Math.abs(1024 * Math.rint(t / 1024) - sz) < 16) {
            return g(Math.rint(t / 1024), 6) + "Kb";
        }
        return sz + "b";
    }

    /** tc's sprint_time: microseconds as "400ms", "1.5s", "50us" (3 significant digits). */
    static String time(long usec) {
        if (usec >= 1_000_000) {
            return g(usec / 1e6, 3) + "s";
        }
        if (usec >= 1000) {
            return g(usec / 1e3, 3) + "ms";
        }
        return usec + "us";
    }

    /** tc's sprint_time64: nanoseconds as "10s", "40ms", "10us" or "500ns" (3 significant digits). */
    static String time64(long ns) {
        if (ns >= 1_000_000_000L) {
            return g(ns / 1e9, 3) + "s";
        }
        if (ns >= 1_000_000L) {
            return g(ns / 1e6, 3) + "ms";
        }
        if (ns >= 1000) {
            return g(ns / 1e3, 3) + "us";
        }
        return ns + "ns";
    }

    /** C's %.{precision}g. */
    static String g(double v, int precision) {
        if (v == 0) {
            return "0";
        }
        BigDecimal b = new BigDecimal(v).round(new MathContext(precision));
        int exp = b.precision() - b.scale() - 1;
        if (exp < -4 || exp >= precision) {
            BigDecimal mant = b.movePointLeft(exp).stripTrailingZeros();
            return mant.toPlainString() + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "")
                    + Math.abs(exp);
        }
        return b.stripTrailingZeros().toPlainString();
    }
}
