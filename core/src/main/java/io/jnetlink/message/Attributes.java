package io.jnetlink.message;

import io.jnetlink.internal.Bytes;
import io.jnetlink.schema.AttrDef;
import io.jnetlink.schema.AttributeSet;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A lazy view of a sequence of attributes (a message payload or a nest), read through an
 * {@link AttributeSet}. Nothing is decoded until asked for: {@link #get(String)} walks the headers and
 * decodes only the attribute found. Views share the received bytes and are safe to read from any thread.
 * Faults in the data raise {@link MalformedMessageException} naming the offset.
 */
public final class Attributes implements Iterable<Attribute> {
    /** Deepest nesting decoded before the data is declared malformed. */
    public static final int MAX_DEPTH = 32;

    final byte[] buf;
    final int start;
    final int end;
    final AttributeSet set;
    final int depth;

    Attributes(byte[] buf, int start, int end, AttributeSet set, int depth) {
        if (depth > MAX_DEPTH) {
            throw new MalformedMessageException("nesting deeper than " + MAX_DEPTH + " levels", start);
        }
        this.buf = buf;
        this.start = start;
        this.end = end;
        this.set = set;
        this.depth = depth;
    }

    /**
     * A view of {@code len} bytes of attributes at {@code off} in {@code buf}, read through {@code set}.
     *
     * @param buf the bytes, shared by the view and not copied
     * @param off the offset of the first attribute header
     * @param len the number of bytes of attributes
     * @param set the set naming the attributes, or null to read them by number
     * @return the view
     * @throws IllegalArgumentException when the range lies outside {@code buf}
     */
    public static Attributes of(byte[] buf, int off, int len, AttributeSet set) {
        if (off < 0 || len < 0 || off + len > buf.length) {
            throw new IllegalArgumentException("range " + off + "+" + len + " outside " + buf.length + " bytes");
        }
        return new Attributes(buf, off, off + len, set, 0);
    }

    /**
     * The set naming these attributes, or null.
     *
     * @return the set naming these attributes, or null
     */
    public AttributeSet set() {
        return set;
    }

    /** Length of the attribute at {@code p}, checked against the remaining bytes. */
    int checkedLength(int p) {
        int left = end - p;
        if (left < 4) {
            throw new MalformedMessageException("attribute header truncated: " + left + " bytes left", p);
        }
        int len = Bytes.u16(buf, p);
        if (len < 4) {
            throw new MalformedMessageException("attribute length " + len + " below 4", p);
        }
        if (len > left) {
            throw new MalformedMessageException("attribute length " + len + " past its parent (" + left + " bytes left)", p);
        }
        return len;
    }

    int next(int p, int len) {
        return Math.min(end, p + Bytes.align4(len));
    }

    private AttrDef def(int type) {
        return set == null ? null : set.byId(type);
    }

    /**
     * The first attribute with number {@code type}, or null.
     *
     * @param type the attribute type number, without flags
     * @return the first attribute with that number, or null
     * @throws MalformedMessageException when an attribute header before it is malformed
     */
    public Attribute attribute(int type) {
        for (int p = start; p < end; ) {
            int len = checkedLength(p);
            int t = Bytes.u16(buf, p + 2) & 0x3fff;
            if (t == type) {
                return new Attribute(this, p, len, def(t));
            }
            p = next(p, len);
        }
        return null;
    }

    /**
     * The first attribute named {@code name}, or null when absent or not in the set. A name the set does not know
     * that is a number in decimal ("3") finds the attribute of that number.
     *
     * @param name an attribute name in the set, or a decimal attribute number
     * @return the first such attribute, or null
     * @throws MalformedMessageException when an attribute header before it is malformed
     */
    public Attribute attribute(String name) {
        AttrDef d = set == null ? null : set.byName(name);
        if (d == null) {
            return numeric(name) >= 0 ? attribute(numeric(name)) : null;
        }
        return attribute(d.id());
    }

    private static int numeric(String name) {
        if (name.isEmpty() || name.length() > 5) {
            return -1;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return -1;
            }
        }
        return Integer.parseInt(name);
    }

    /**
     * True when an attribute named {@code name} is present.
     *
     * @param name an attribute name in the set, or a decimal attribute number
     * @return true when such an attribute is present
     * @throws MalformedMessageException when an attribute header before it is malformed
     */
    public boolean has(String name) {
        return attribute(name) != null;
    }

    /**
     * Every attribute named {@code name} (for multi-attr).
     *
     * @param name an attribute name in the set, or a decimal attribute number
     * @return every such attribute in wire order; empty when there is none
     * @throws MalformedMessageException when an attribute header is malformed
     */
    public List<Attribute> all(String name) {
        List<Attribute> out = new ArrayList<>();
        AttrDef d = set == null ? null : set.byName(name);
        int want = d != null ? d.id() : numeric(name);
        for (int p = start; p < end; ) {
            int len = checkedLength(p);
            int t = Bytes.u16(buf, p + 2) & 0x3fff;
            if (t == want) {
                out.add(new Attribute(this, p, len, def(t)));
            }
            p = next(p, len);
        }
        return out;
    }

    /**
     * The decoded value of the attribute named {@code name} (see {@link Attribute#value()}); a List of
     * values for a multi-attr; null when absent.
     *
     * @param name an attribute name in the set, or a decimal attribute number
     * @return the decoded value, a List for a multi-attr, or null when absent
     * @throws MalformedMessageException when a header or the value is malformed
     */
    public Object get(String name) {
        AttrDef d = set == null ? null : set.byName(name);
        if (d != null && d.multiAttr()) {
            List<Object> vals = new ArrayList<>();
            for (Attribute a : all(name)) {
                vals.add(a.value());
            }
            return vals.isEmpty() ? null : vals;
        }
        Attribute a = attribute(name);
        return a == null ? null : a.value();
    }

    /**
     * The attribute as an integer (see {@link Attribute#asLong()}), or {@code dflt} when absent.
     *
     * @param name an attribute name in the set, or a decimal attribute number
     * @param dflt what to return when the attribute is absent
     * @return the value, or {@code dflt}
     * @throws MalformedMessageException when a header is malformed or the payload is no integer
     */
    public long getLong(String name, long dflt) {
        Attribute a = attribute(name);
        return a == null ? dflt : a.asLong();
    }

    /**
     * The attribute as a string, or null when absent.
     *
     * @param name an attribute name in the set, or a decimal attribute number
     * @return the string (see {@link Attribute#asString()}), or null when absent
     * @throws MalformedMessageException when an attribute header is malformed
     */
    public String getString(String name) {
        Attribute a = attribute(name);
        return a == null ? null : a.asString();
    }

    /**
     * The nested attributes of {@code name}, or null when absent.
     *
     * @param name an attribute name in the set, or a decimal attribute number
     * @return a view of the nested attributes (see {@link Attribute#asNested()}), or null when absent
     * @throws MalformedMessageException when an attribute header is malformed or the nesting too deep
     */
    public Attributes nested(String name) {
        Attribute a = attribute(name);
        return a == null ? null : a.asNested();
    }

    /**
     * Every attribute decoded into a map in wire order: names to values, attributes the set does not
     * name under their number as a {@link io.jnetlink.schema.RawAttribute}. A repeated attribute
     * becomes a list.
     *
     * @return the attributes by name, in wire order
     * @throws MalformedMessageException when a header or a value is malformed
     */
    public Map<String, Object> toMap() {
        return Codec.attrs(this);
    }

    @Override
    public Iterator<Attribute> iterator() {
        return new Iterator<>() {
            int p = start;

            @Override
            public boolean hasNext() {
                return p < end;
            }

            @Override
            public Attribute next() {
                if (p >= end) {
                    throw new NoSuchElementException();
                }
                int len = checkedLength(p);
                Attribute a = new Attribute(Attributes.this, p, len, def(Bytes.u16(buf, p + 2) & 0x3fff));
                p = Attributes.this.next(p, len);
                return a;
            }
        };
    }

    @Override
    public String toString() {
        return "Attributes[" + (set == null ? "?" : set.name()) + ", " + (end - start) + " bytes]";
    }
}
