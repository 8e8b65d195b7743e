package io.jnetlink.message;

import io.jnetlink.internal.ByteWriter;
import io.jnetlink.internal.Bytes;
import io.jnetlink.schema.AttrDef;
import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.Display;
import io.jnetlink.schema.EnumDef;
import io.jnetlink.schema.MessageDef;
import io.jnetlink.schema.RawAttribute;
import io.jnetlink.schema.StructDef;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The one decoder and the one encoder behind every definition: values by {@link AttrType}. */
final class Codec {
    private Codec() {
    }

    // ------------------------------------------------------------------ decoding

    /** An integer of the given type (or, with no type, of the payload's length 1/2/4/8). */
    static long integer(byte[] b, int off, int n, AttrType t, boolean be, int where) {
        int size;
        if (t == null || t == AttrType.UINT || t == AttrType.SINT) {
            size = n;
            if (size != 1 && size != 2 && size != 4 && size != 8 || t != null && size != 4 && size != 8) {
                throw new MalformedMessageException("integer of " + n + " bytes (expected "
                        + (t == null ? "1, 2, 4 or 8" : "4 or 8") + ")", where);
            }
        } else {
            size = t.size();
            if (n < size) {
                throw new MalformedMessageException("value of " + n + " bytes is too short for " + t.ynlName(), where);
            }
        }
        return read(b, off, size, t != null && t.isSigned(), be);
    }

    /** The integer of {@code size} (1, 2, 4 or 8) bytes at {@code b[off]}; unsigned unless {@code signed}. */
    static long read(byte[] b, int off, int size, boolean signed, boolean be) {
        return switch (size) {
            case 1 -> signed ? b[off] : b[off] & 0xff;
            case 2 -> {
                int v = be ? Bytes.u16be(b, off) : Bytes.u16(b, off);
                yield signed ? (short) v : v;
            }
            case 4 -> {
                int v = be ? Bytes.i32be(b, off) : Bytes.i32(b, off);
                yield signed ? v : Integer.toUnsignedLong(v);
            }
            default -> be ? Bytes.i64be(b, off) : Bytes.i64(b, off);
        };
    }

    private static Object number(long v, AttrType t, int size) {
        if (size == 8 && v < 0 && (t == null || !t.isSigned())) {
            return new BigInteger(Long.toUnsignedString(v));
        }
        return v;
    }

    private static int sizeOf(AttrType t, int n) {
        return t.size() > 0 ? t.size() : n;
    }

    private static Object named(EnumDef e, boolean asFlags, long v) {
        if (e == null) {
            return null;
        }
        if (asFlags) {
            List<Object> out = new ArrayList<>();
            long rest = v;
            for (Map.Entry<Long, String> en : e.entries().entrySet()) {
                long bit = en.getKey();
                if (bit != 0 && (v & bit) == bit) {
                    out.add(en.getValue());
                    rest &= ~bit;
                }
            }
            for (int i = 0; i < 64; i++) {
                if ((rest & (1L << i)) != 0) {
                    out.add(1L << i);
                }
            }
            return out;
        }
        return e.nameOf(v);
    }

    static Object value(AttrDef d, byte[] b, int off, int len, int depth, Attributes parent) {
        AttrType t = d.type();
        switch (t) {
            case FLAG:
                return Boolean.TRUE;
            case U8: case U16: case U32: case U64: case S8: case S16: case S32: case S64: case UINT: case SINT: {
                long v = integer(b, off, len, t, d.bigEndian(), off - 4);
                Object n = named(d.enumDef(), d.enumAsFlags(), v);
                return n != null ? n : number(v, t, sizeOf(t, len));
            }
            case STRING: {
                int e = off;
                while (e < off + len && b[e] != 0) {
                    e++;
                }
                return new String(b, off, e - off, StandardCharsets.UTF_8);
            }
            case BITFIELD32: {
                if (len < 8) {
                    throw new MalformedMessageException("bitfield32 of " + len + " bytes", off - 4);
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("value", Integer.toUnsignedLong(Bytes.i32(b, off)));
                m.put("selector", Integer.toUnsignedLong(Bytes.i32(b, off + 4)));
                return m;
            }
            case NEST: {
                if (d.struct() == null) {
                    return attrs(new Attributes(b, off, off + len, d.nested(), depth + 1));
                }
                int h = d.struct().size();
                if (len < h) {
                    throw new MalformedMessageException("nest '" + d.name() + "' of " + len + " bytes is shorter than its "
                            + h + "-byte " + d.struct().name(), off - 4);
                }
                Map<String, Object> m = struct(d.struct(), b, off, off - 4);
                m.putAll(attrs(new Attributes(b, off + Math.min(len, Bytes.align4(h)), off + len, d.nested(), depth + 1)));
                return m;
            }
            case NEST_TYPE_VALUE:
                return typeValue(d, b, off, off + len, d.typeValueLevels(), depth);
            case INDEXED_ARRAY: {
                List<Object> out = new ArrayList<>();
                Attributes outer = new Attributes(b, off, off + len, null, depth + 1);
                for (Attribute a : outer) {
                    int vo = a.offset() + 4;
                    if (d.subType() == AttrType.NEST) {
                        out.add(attrs(new Attributes(b, vo, vo + a.length(), d.nested(), depth + 2)));
                    } else {
                        out.add(scalar(d.subType(), b, vo, a.length(), d.bigEndian(), d.display()));
                    }
                }
                return out;
            }
            case SUB_MESSAGE: {
                Object sel = parent == null ? null : parent.get(d.selector());
                MessageDef f = sel == null ? null : d.format(String.valueOf(sel));
                if (f == null) {
                    return Arrays.copyOfRange(b, off, off + len);
                }
                Map<String, Object> m = new LinkedHashMap<>();
                int h = f.headerSize();
                if (h > 0) {
                    if (len < h) {
                        throw new MalformedMessageException("sub-message '" + f.name() + "' of " + len
                                + " bytes is shorter than its " + h + "-byte header", off - 4);
                    }
                    m.putAll(struct(f.fixedHeader(), b, off, off - 4));
                }
                if (f.attributes() != null) {
                    // the attributes follow the header padded to 4 bytes (the kernel's NLA_ALIGN(sizeof hdr))
                    int start = off + Math.min(len, Bytes.align4(h));
                    m.putAll(attrs(new Attributes(b, start, off + len, f.attributes(), depth + 1)));
                }
                return m;
            }
            case BINARY: {
                if (d.records()) {
                    return records(d, b, off, len, depth);
                }
                if (d.structArray()) {
                    int sz = d.struct().size();
                    if (len % sz != 0) {
                        throw new MalformedMessageException("attribute " + d.name() + ": " + len + " bytes is not a"
                                + " whole number of " + sz + "-byte " + d.struct().name(), off - 4);
                    }
                    List<Object> out = new ArrayList<>();
                    for (int p = off; p < off + len; p += sz) {
                        out.add(struct(d.struct(), b, p, off - 4));
                    }
                    return out;
                }
                if (d.struct() != null) {
                    if (d.structPrefix()) {
                        return struct(d.struct(), b, off, off + len, off - 4);
                    }
                    if (len < d.struct().size()) {
                        throw new MalformedMessageException("struct " + d.struct().name() + " needs "
                                + d.struct().size() + " bytes, attribute has " + len, off - 4);
                    }
                    return struct(d.struct(), b, off, off - 4);
                }
                if (d.subType() != null && d.subType().isInteger()) {
                    int sz = d.subType().size();
                    List<Object> out = new ArrayList<>();
                    for (int p = off; p + sz <= off + len; p += sz) {
                        out.add(number(integer(b, p, sz, d.subType(), d.bigEndian(), p), d.subType(), sz));
                    }
                    return out;
                }
                return binary(b, off, len, d.display());
            }
            default:
                return Arrays.copyOfRange(b, off, off + len);
        }
    }

    /** A sequence of records: each a struct whose first member is the record's length, then attributes. */
    private static List<Object> records(AttrDef d, byte[] b, int off, int len, int depth) {
        StructDef s = d.struct();
        StructDef.Member first = s.members().getFirst();
        List<Object> out = new ArrayList<>();
        int end = off + len;
        for (int p = off; p < end; ) {
            if (end - p < s.size()) {
                throw new MalformedMessageException(s.name() + " of " + (end - p) + " bytes is shorter than its "
                        + s.size(), p);
            }
            long rlen = integer(b, p, first.size(), first.type(), first.bigEndian(), p);
            if (rlen < s.size() || rlen > end - p) {
                throw new MalformedMessageException(s.name() + " length " + rlen + " outside " + s.size() + ".."
                        + (end - p), p);
            }
            Map<String, Object> m = struct(s, b, p, p);
            m.remove(first.name());
            int a = p + Math.min((int) rlen, Bytes.align4(s.size()));
            m.putAll(attrs(new Attributes(b, a, p + (int) rlen, d.nested(), depth + 1)));
            out.add(m);
            p += Bytes.align4((int) rlen);
        }
        return out;
    }

    /** One level of a nest-type-value: type number (as text) to the next level, or to the nested set's values. */
    private static Map<String, Object> typeValue(AttrDef d, byte[] b, int start, int end, int levels, int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Attribute a : new Attributes(b, start, end, null, depth + 1)) {
            int vs = a.offset() + 4;
            int ve = vs + a.length();
            m.put(Integer.toString(a.type()), levels > 1 ? typeValue(d, b, vs, ve, levels - 1, depth + 1)
                    : attrs(new Attributes(b, vs, ve, d.nested(), depth + 2)));
        }
        return m;
    }

    private static Object scalar(AttrType t, byte[] b, int off, int len, boolean be, Display display) {
        if (t.isInteger()) {
            return number(integer(b, off, len, t, be, off - 4), t, sizeOf(t, len));
        }
        if (t == AttrType.STRING) {
            int e = off;
            while (e < off + len && b[e] != 0) {
                e++;
            }
            return new String(b, off, e - off, StandardCharsets.UTF_8);
        }
        return binary(b, off, len, display);
    }

    static Object binary(byte[] b, int off, int len, Display display) {
        byte[] v = Arrays.copyOfRange(b, off, off + len);
        try {
            return switch (display) {
                case IPV4 -> len == 4 ? InetAddress.getByAddress(v) : v;
                case IPV6 -> len == 16 ? InetAddress.getByAddress(v) : v;
                case IPV4_OR_V6 -> len == 4 || len == 16 ? InetAddress.getByAddress(v) : v;
                case MAC -> mac(v);
                case UUID -> {
                    if (len != 16) {
                        yield v;
                    }
                    ByteBuffer bb = ByteBuffer.wrap(v);
                    yield new UUID(bb.getLong(), bb.getLong());
                }
                default -> v;
            };
        } catch (UnknownHostException e) {
            return v;
        }
    }

    static String mac(byte[] v) {
        StringBuilder sb = new StringBuilder(v.length * 3);
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Character.forDigit((v[i] >> 4) & 0xf, 16)).append(Character.forDigit(v[i] & 0xf, 16));
        }
        return sb.toString();
    }

    static Map<String, Object> struct(StructDef s, byte[] b, int off, int where) {
        if (off + s.size() > b.length) {
            throw new MalformedMessageException("struct " + s.name() + " runs past the data", where);
        }
        return struct(s, b, off, off + s.size(), where);
    }

    /** The members of struct {@code s} at {@code off} that end by {@code end} (all of them, for a whole struct). */
    static Map<String, Object> struct(StructDef s, byte[] b, int off, int end, int where) {
        Map<String, Object> m = new LinkedHashMap<>();
        int p = off;
        for (StructDef.Member mem : s.members()) {
            int sz = mem.size();
            if (p + sz > end) {
                break;
            }
            if (mem.type() == AttrType.PAD) {
                p += sz;
                continue;
            }
            Object v;
            if (mem.type() == AttrType.BINARY) {
                v = binary(b, p, sz, mem.display());
            } else {
                long n = integer(b, p, sz, mem.type(), mem.bigEndian(), where);
                Object named = named(mem.enumDef(), mem.enumAsFlags() || mem.enumDef() != null && mem.enumDef().flags(), n);
                v = named != null ? named : number(n, mem.type(), sz);
            }
            m.put(mem.name(), v);
            p += sz;
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> attrs(Attributes v) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Attribute a : v) {
            AttrDef d = a.definition();
            String key = a.name();
            Object val = a.value();
            if (d != null && d.multiAttr()) {
                ((List<Object>) m.computeIfAbsent(key, k -> new ArrayList<>())).add(val);
            } else if (m.containsKey(key)) {
                Object prev = m.get(key);
                if (prev instanceof Repeated r) {
                    r.add(val);
                } else {
                    Repeated r = new Repeated();
                    r.add(prev);
                    r.add(val);
                    m.put(key, r);
                }
            } else {
                m.put(key, val);
            }
        }
        return m;
    }

    /** A non-multi attribute that the kernel sent more than once: every value, in order. */
    static final class Repeated extends ArrayList<Object> {
        private static final long serialVersionUID = 1L;
    }

    // ------------------------------------------------------------------ encoding

    static IllegalArgumentException bad(AttrDef d, Object v, String why) {
        return new IllegalArgumentException("attribute '" + d.name() + "' (" + d.type().ynlName() + "): cannot encode "
                + (v instanceof byte[] bb ? HexFormat.of().formatHex(bb) : "'" + v + "'") + ": " + why);
    }

    static long toLong(Object v, EnumDef e, boolean asFlags, String what) {
        if (v instanceof Number n) {
            return n instanceof BigInteger bi ? bi.longValue() : n.longValue();
        }
        if (v instanceof Boolean bo) {
            return bo ? 1 : 0;
        }
        if (v instanceof Collection<?> c && asFlags) {
            long r = 0;
            for (Object o : c) {
                r |= toLong(o, e, false, what);
            }
            return r;
        }
        if (v instanceof String s) {
            if (e != null) {
                Long n = e.valueOf(s);
                if (n != null) {
                    return n;
                }
            }
            try {
                return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(what + ": '" + s + "' is not a number"
                        + (e != null ? " nor a name in " + e.name() + " " + e.entries().values() : ""));
            }
        }
        throw new IllegalArgumentException(what + ": " + (v == null ? "null" : v.getClass().getSimpleName()) + " is not a number");
    }

    static void checkRange(long v, AttrType t, String what) {
        boolean ok = switch (t) {
            case U8 -> v >= 0 && v <= 0xff;
            case U16 -> v >= 0 && v <= 0xffff;
            case U32 -> v >= 0 && v <= 0xffffffffL;
            case S8 -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
            case S16 -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
            case S32 -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
            default -> true;
        };
        if (!ok) {
            throw new IllegalArgumentException(what + ": " + v + " is out of range for " + t.ynlName());
        }
    }

    static void writeInteger(ByteWriter w, AttrType t, long v, boolean be) {
        switch (t) {
            case U8, S8 -> w.u8((int) v);
            case U16, S16 -> w.u16((int) v, be);
            case U32, S32 -> w.u32((int) v, be);
            case U64, S64 -> w.u64(v, be);
            case UINT -> {
                if (v >= 0 && v <= 0xffffffffL) {
                    w.u32((int) v, be);
                } else {
                    w.u64(v, be);
                }
            }
            case SINT -> {
                if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                    w.u32((int) v, be);
                } else {
                    w.u64(v, be);
                }
            }
            default -> throw new IllegalArgumentException(t + " is not an integer");
        }
    }

    static byte[] toBinary(Object v, Display display, String what) {
        if (v instanceof byte[] b) {
            return b;
        }
        if (v instanceof InetAddress a) {
            return a.getAddress();
        }
        if (v instanceof UUID u) {
            return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
        }
        if (v instanceof String s) {
            switch (display) {
                case MAC -> {
                    String[] parts = s.split("[:-]", -1);
                    byte[] out = new byte[parts.length];
                    for (int i = 0; i < parts.length; i++) {
                        if (parts[i].isEmpty() || parts[i].length() > 2 || !parts[i].chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                            throw new IllegalArgumentException(what + ": '" + s + "' is not a link-layer address");
                        }
                        out[i] = (byte) Integer.parseInt(parts[i], 16);
                    }
                    return out;
                }
                case IPV4, IPV6, IPV4_OR_V6 -> {
                    try {
                        return InetAddress.ofLiteral(s).getAddress();
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(what + ": '" + s + "' is not an IP address");
                    }
                }
                case UUID -> {
                    return toBinary(UUID.fromString(s), display, what);
                }
                default -> {
                    try {
                        return HexFormat.of().parseHex(s.replace(":", ""));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(what + ": '" + s + "' is not hex bytes");
                    }
                }
            }
        }
        throw new IllegalArgumentException(what + ": " + (v == null ? "null" : v.getClass().getSimpleName()) + " is not binary");
    }

    /**
     * Writes one attribute (header, value, padding); a List value of a multi-attr, or the {@link Repeated}
     * list decoded from an attribute the kernel sent more than once, writes one per element.
     */
    static void encodeAttr(ByteWriter w, AttrDef d, Object v, Map<String, Object> siblings) {
        if (v instanceof RawAttribute r) {
            writeRaw(w, r);
            return;
        }
        if (v instanceof Repeated || d.multiAttr() && v instanceof List<?>) {
            for (Object o : (List<?>) v) {
                encodeOne(w, d, o, siblings);
            }
            return;
        }
        encodeOne(w, d, v, siblings);
    }

    private static void encodeOne(ByteWriter w, AttrDef d, Object v, Map<String, Object> siblings) {
        if (v instanceof RawAttribute r) {
            writeRaw(w, r);
            return;
        }
        if (d.type() == AttrType.FLAG && Boolean.FALSE.equals(v)) {
            return;
        }
        String what = "attribute '" + d.name() + "' (" + d.type().ynlName() + ")";
        int start = w.reserve(4);
        int type = d.id();
        switch (d.type()) {
            case FLAG, UNUSED, PAD -> {
            }
            case U8, U16, U32, U64, S8, S16, S32, S64, UINT, SINT -> {
                long n = toLong(v, d.enumDef(), d.enumAsFlags(), what);
                checkRange(n, d.type(), what);
                writeInteger(w, d.type(), n, d.bigEndian());
            }
            case STRING -> {
                if (!(v instanceof CharSequence) && !(v instanceof Number)) {
                    throw bad(d, v, "not a string");
                }
                byte[] s = v.toString().getBytes(StandardCharsets.UTF_8);
                w.bytes(s, 0, s.length);
                if (!d.unterminated()) {
                    w.u8(0);
                }
            }
            case BINARY -> {
                if (d.records() && v instanceof byte[] raw) {
                    w.bytes(raw, 0, raw.length); // already encoded
                } else if (d.records()) {
                    if (!(v instanceof List<?> l)) {
                        throw bad(d, v, "records are a list of maps (or their bytes)");
                    }
                    for (Object o : l) {
                        if (!(o instanceof Map<?, ?> m)) {
                            throw bad(d, o, "a record is a map of " + d.struct().name() + " fields and attributes");
                        }
                        int at = w.position();
                        encodeStruct(w, d.struct(), m);
                        w.align();
                        encodeAttrs(w, d.nested(), without(m, d.struct()));
                        w.patch16(at, w.position() - at); // the record's first member is its length
                        w.align();
                    }
                } else if (d.structArray()) {
                    if (!(v instanceof List<?> l)) {
                        throw bad(d, v, "an array of " + d.struct().name() + " is a list of maps");
                    }
                    for (Object o : l) {
                        if (!(o instanceof Map<?, ?> m)) {
                            throw bad(d, o, "each element is a map of " + d.struct().name() + " members");
                        }
                        encodeStruct(w, d.struct(), m);
                    }
                } else if (d.struct() != null && v instanceof Map<?, ?> m) {
                    encodeStruct(w, d.struct(), m);
                } else if (d.subType() != null && d.subType().isInteger() && v instanceof List<?> l) {
                    for (Object o : l) {
                        long n = toLong(o, null, false, what);
                        checkRange(n, d.subType(), what);
                        writeInteger(w, d.subType(), n, d.bigEndian());
                    }
                } else {
                    byte[] b = toBinary(v, d.display(), what);
                    w.bytes(b, 0, b.length);
                }
            }
            case BITFIELD32 -> {
                if (!(v instanceof Map<?, ?> m)) {
                    throw bad(d, v, "a bitfield32 is a map {value, selector}");
                }
                w.u32((int) toLong(m.get("value"), d.enumDef(), true, what), false);
                w.u32((int) toLong(m.get("selector"), d.enumDef(), true, what), false);
            }
            case NEST -> {
                type |= Attribute.F_NESTED;
                if (!(v instanceof Map<?, ?> m)) {
                    throw bad(d, v, "a nest is a map of attribute names to values");
                }
                if (d.struct() != null) {
                    encodeStruct(w, d.struct(), m);
                    w.align();
                    encodeAttrs(w, d.nested(), without(m, d.struct()));
                } else {
                    encodeAttrs(w, d.nested(), m);
                }
            }
            case NEST_TYPE_VALUE -> {
                type |= Attribute.F_NESTED;
                if (!(v instanceof Map<?, ?> m)) {
                    throw bad(d, v, "a nest-type-value is a map of type numbers to nests");
                }
                encodeTypeValue(w, d, m, d.typeValueLevels(), what);
            }
            case INDEXED_ARRAY -> {
                type |= Attribute.F_NESTED;
                if (!(v instanceof List<?> l)) {
                    throw bad(d, v, "an indexed-array is a list");
                }
                int idx = 1;
                for (Object o : l) {
                    int inner = w.reserve(4);
                    int itype = idx++;
                    if (d.subType() == AttrType.NEST) {
                        itype |= Attribute.F_NESTED;
                        encodeAttrs(w, d.nested(), (Map<?, ?>) o);
                    } else if (d.subType().isInteger()) {
                        long n = toLong(o, null, false, what);
                        writeInteger(w, d.subType(), n, d.bigEndian());
                    } else if (d.subType() == AttrType.STRING) {
                        byte[] s = o.toString().getBytes(StandardCharsets.UTF_8);
                        w.bytes(s, 0, s.length);
                        w.u8(0);
                    } else {
                        byte[] b = toBinary(o, d.display(), what);
                        w.bytes(b, 0, b.length);
                    }
                    finish(w, inner, itype);
                }
            }
            case SUB_MESSAGE -> {
                type |= Attribute.F_NESTED;
                Object sel = siblings == null ? null : siblings.get(d.selector());
                MessageDef f = sel == null ? null : d.format(String.valueOf(sel));
                if (v instanceof byte[] raw) {
                    w.bytes(raw, 0, raw.length);
                } else if (f == null) {
                    throw bad(d, v, "no format for selector " + d.selector() + "=" + sel);
                } else if (v instanceof Map<?, ?> m) {
                    if (f.fixedHeader() != null) {
                        encodeStruct(w, f.fixedHeader(), m);
                    }
                    if (f.attributes() != null) {
                        w.align();
                        encodeAttrs(w, f.attributes(), f.fixedHeader() == null ? m : without(m, f.fixedHeader()));
                    }
                } else {
                    throw bad(d, v, "a sub-message is a map");
                }
            }
        }
        finish(w, start, type);
    }

    /** {@code m} without the members of {@code s}: the attributes that follow a fixed header. */
    private static Map<Object, Object> without(Map<?, ?> m, StructDef s) {
        Map<Object, Object> rest = new LinkedHashMap<>(m);
        for (StructDef.Member mem : s.members()) {
            rest.remove(mem.name());
        }
        return rest;
    }

    /** Writes one level of a nest-type-value: one nest per entry, typed by its key. */
    private static void encodeTypeValue(ByteWriter w, AttrDef d, Map<?, ?> m, int levels, String what) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> value)) {
                throw bad(d, e.getValue(), "each level of a nest-type-value is a map of type numbers to "
                        + (levels > 1 ? "maps" : "nests"));
            }
            int inner = w.reserve(4);
            if (levels > 1) {
                encodeTypeValue(w, d, value, levels - 1, what);
            } else {
                encodeAttrs(w, d.nested(), value);
            }
            finish(w, inner, (int) toLong(e.getKey(), null, false, what) | Attribute.F_NESTED);
        }
    }

    private static void finish(ByteWriter w, int start, int type) {
        int len = w.position() - start;
        if (len > 0xffff) {
            throw new IllegalArgumentException("attribute of " + len + " bytes exceeds the 65535-byte netlink limit");
        }
        w.patch16(start, len);
        w.patch16(start + 2, type);
        w.align();
    }

    static void writeRaw(ByteWriter w, RawAttribute r) {
        int start = w.reserve(4);
        w.bytes(r.value(), 0, r.value().length);
        finish(w, start, r.type() | r.flags());
    }

    /** Writes attributes from a map of names (or numbers with {@link RawAttribute} values) to values. */
    static void encodeAttrs(ByteWriter w, AttributeSet set, Map<?, ?> values) {
        @SuppressWarnings("unchecked")
        Map<String, Object> siblings = (Map<String, Object>) values;
        for (Map.Entry<?, ?> e : values.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            if (v instanceof RawAttribute r) {
                writeRaw(w, r);
                continue;
            }
            AttrDef d = set == null ? null : set.byName(key);
            if (d == null) {
                throw new IllegalArgumentException("attribute set '" + (set == null ? "?" : set.name())
                        + "' has no attribute '" + key + "'");
            }
            if (v instanceof Repeated rep) {
                for (Object o : rep) {
                    encodeOne(w, d, o, siblings);
                }
            } else {
                encodeAttr(w, d, v, siblings);
            }
        }
    }

    /** Writes a struct from a map of member names to values; absent members are zero. */
    static void encodeStruct(ByteWriter w, StructDef s, Map<?, ?> values) {
        for (StructDef.Member mem : s.members()) {
            String what = "struct " + s.name() + " member '" + mem.name() + "'";
            Object v = values == null ? null : values.get(mem.name());
            if (mem.type() == AttrType.PAD) {
                w.reserve(mem.len());
            } else if (mem.type() == AttrType.BINARY) {
                byte[] b = v == null ? new byte[mem.len()] : toBinary(v, mem.display(), what);
                if (b.length > mem.len()) {
                    throw new IllegalArgumentException(what + ": " + b.length + " bytes exceed its " + mem.len());
                }
                w.bytes(b, 0, b.length);
                w.reserve(mem.len() - b.length);
            } else {
                long n = v == null ? 0 : toLong(v, mem.enumDef(),
                        mem.enumAsFlags() || mem.enumDef() != null && mem.enumDef().flags(), what);
                checkRange(n, mem.type(), what);
                writeInteger(w, mem.type(), n, mem.bigEndian());
            }
        }
    }
}
