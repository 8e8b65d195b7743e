package io.jnetlink.cli;

import io.jnetlink.schema.RawAttribute;

import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A small JSON writer for the values jnetlink decodes (maps, lists, numbers, text, bytes as hex, addresses), writing
 * UTF-8 straight into a growing byte array: a dump of a quarter million routes passes here millions of times, in a
 * JVM that only compiles with C1 ({@code ./jnl}'s start-up settings), so no String or StringBuilder is made on the
 * way to the output.
 */
final class Json {
    private byte[] buf;
    private int len;

    /** An empty writer whose buffer starts at {@code capacity} bytes and grows as needed. */
    Json(int capacity) {
        buf = new byte[capacity];
    }

    /** {@code value} as compact JSON. */
    static String write(Object value) {
        Json j = new Json(256);
        j.value(value);
        return j.toString();
    }

    /** What has been written, as text. */
    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    /** How many bytes are written. */
    int length() {
        return len;
    }

    /** Forgets what was written after the first {@code length} bytes. */
    void truncate(int length) {
        if (length < 0 || length > len) {
            throw new IllegalArgumentException("length " + length + " is outside 0.." + len);
        }
        len = length;
    }

    /** Writes the bytes out and empties the writer. */
    void drainTo(OutputStream out) {
        try {
            out.write(buf, 0, len);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        len = 0;
    }

    private void room(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    /** Writes {@code b[off, off + n)}, which is JSON (or part of it) already. */
    Json bytes(byte[] b, int off, int n) {
        room(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    /** A copy of the bytes written from offset {@code from} up to {@code to}. */
    byte[] copy(int from, int to) {
        return Arrays.copyOfRange(buf, from, to);
    }

    /** Writes {@code "key":} for an object's next key, after a comma unless nothing came since {@code start}. */
    Json key(int start, String key) {
        if (len > start) {
            raw(',');
        }
        return string(key).raw(':');
    }

    /** Writes one ASCII character (punctuation). */
    Json raw(char c) {
        room(1);
        buf[len++] = (byte) c;
        return this;
    }

    /**
     * Writes {@code v} as compact JSON. An instanceof chain rather than a pattern switch: in a C1-only JVM the chain
     * is several times cheaper than the switch's bootstrap.
     */
    Json value(Object v) {
        if (v instanceof String s) {
            string(s);
        } else if (v instanceof Map<?, ?> m) {
            raw('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    raw(',');
                }
                first = false;
                string(String.valueOf(e.getKey()));
                raw(':');
                value(e.getValue());
            }
            raw('}');
        } else if (v instanceof List<?> l) {
            raw('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    raw(',');
                }
                value(l.get(i));
            }
            raw(']');
        } else if (v instanceof Integer n) {
            number(n);
        } else if (v instanceof Long n) {
            number(n);
        } else if (v == null) {
            ascii("null");
        } else if (v instanceof Boolean b) {
            ascii(b ? "true" : "false");
        } else if (v instanceof Number n) {
            ascii(n.toString());
        } else if (v instanceof byte[] b) {
            string(HexFormat.of().formatHex(b));
        } else if (v instanceof RawAttribute r) {
            string(HexFormat.of().formatHex(r.value()));
        } else if (v instanceof Inet4Address a) {
            raw('"').ipv4(a.getAddress(), 0).raw('"');
        } else if (v instanceof InetAddress a) {
            string(a.getHostAddress());
        } else {
            string(v.toString());
        }
        return this;
    }

    /** Writes a decimal number. */
    Json number(long n) {
        if (n < 0 || n > Integer.MAX_VALUE) {
            return ascii(Long.toString(n));
        }
        int v = (int) n; // int arithmetic: C1 calls the runtime for every long division
        int digits = 1;
        for (int q = 10; digits < 10 && q <= v; q *= 10) {
            digits++;
        }
        room(digits);
        byte[] out = buf;
        int p = len;
        for (int i = p + digits - 1; i >= p; i--) {
            out[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len = p + digits;
        return this;
    }

    /** Writes the IPv4 address {@code b[off, off + 4)} in dotted decimal (no quotes). */
    Json ipv4(byte[] b, int off) {
        room(15);
        byte[] out = buf;
        int p = len;
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                out[p++] = '.';
            }
            int v = b[off + i] & 0xff;
            if (v >= 100) {
                out[p++] = (byte) ('0' + v / 100);
                v %= 100;
                out[p++] = (byte) ('0' + v / 10);
            } else if (v >= 10) {
                out[p++] = (byte) ('0' + v / 10);
            }
            out[p++] = (byte) ('0' + v % 10);
        }
        len = p;
        return this;
    }

    /** Writes text known to need no escaping and to be ASCII (numbers, literals). */
    Json ascii(String s) {
        int n = s.length();
        room(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
        return this;
    }

    /** Writes {@code s} as a JSON string, escaped, in UTF-8. */
    Json string(String s) {
        int n = s.length();
        room(6 * n + 2); // the most a char takes: 6 bytes as an escape, 3 in UTF-8 (a surrogate pair: 4 for 2)
        byte[] out = buf; // locals, not fields, in the loop: C1 keeps them in registers
        int p = len;
        out[p++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                out[p++] = (byte) c;
            } else {
                len = p;
                i = special(s, i);
                out = buf;
                p = len;
            }
        }
        out[p++] = '"';
        len = p;
        return this;
    }

    /** Writes the character at {@code s[i]} that is escaped or not ASCII; returns the index of its last char. */
    private int special(String s, int i) {
        char c = s.charAt(i);
        switch (c) {
            case '"' -> ascii("\\\"");
            case '\\' -> ascii("\\\\");
            case '\n' -> ascii("\\n");
            case '\r' -> ascii("\\r");
            case '\t' -> ascii("\\t");
            default -> {
                if (c < 0x20) {
                    ascii(String.format("\\u%04x", (int) c));
                } else {
                    int cp = s.codePointAt(i);
                    byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                    bytes(b, 0, b.length);
                    return i + Character.charCount(cp) - 1;
                }
            }
        }
        return i;
    }
}
