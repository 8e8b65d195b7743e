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

    /** Appends {@code v} as compact JSON to {@code sb}. */
    static void write(StringBuilder sb, Object v) {
        switch (v) {
            case null -> sb.append("null");
            case Map<?, ?> m -> {
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
            case Boolean b -> sb.append(b);
            case BigInteger bi -> sb.append(bi);
            case Long n -> sb.append(n);
            case Integer n -> sb.append(n);
            case Number n -> sb.append(n);
            case byte[] b -> string(sb, HexFormat.of().formatHex(b));
            case RawAttribute r -> string(sb, HexFormat.of().formatHex(r.value()));
            case InetAddress a -> string(sb, a.getHostAddress());
            default -> string(sb, v.toString());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
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
