package io.jnetlink.cli;

import io.jnetlink.schema.RawAttribute;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** A small JSON writer for the values jnetlink decodes (maps, lists, numbers, text, bytes as hex, addresses). */
final class Json {
    private Json() {
    }

    /** {@code value} as compact JSON. */
    static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    /**
     * Appends {@code v} as compact JSON to {@code sb}. An instanceof chain rather than a pattern switch: a dump of a
     * quarter million routes passes here millions of times in a JVM that only compiles with C1 (./jnl's start-up
     * settings), where the chain is several times cheaper than the switch's bootstrap.
     */
    static void write(StringBuilder sb, Object v) {
        if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(sb, l.get(i));
            }
            sb.append(']');
        } else if (v instanceof Integer n) {
            sb.append(n.intValue());
        } else if (v instanceof Long n) {
            sb.append(n.longValue());
        } else if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean b) {
            sb.append(b.booleanValue());
        } else if (v instanceof Number n) {
            sb.append(n);
        } else if (v instanceof byte[] b) {
            string(sb, HexFormat.of().formatHex(b));
        } else if (v instanceof RawAttribute r) {
            string(sb, HexFormat.of().formatHex(r.value()));
        } else if (v instanceof InetAddress a) {
            string(sb, a.getHostAddress());
        } else {
            string(sb, v.toString());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        int n = s.length();
        int plain = 0;
        while (plain < n) {
            char c = s.charAt(plain);
            if (c < 0x20 || c == '"' || c == '\\') {
                break;
            }
            plain++;
        }
        if (plain == n) {
            sb.append(s).append('"');
            return;
        }
        sb.append(s, 0, plain);
        for (int i = plain; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
