package io.jnetlink.message;

import io.jnetlink.internal.ByteWriter;
import io.jnetlink.schema.AttrDef;
import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.MessageDef;
import io.jnetlink.schema.RawAttribute;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes attributes of one set (a message payload or a nest) through the definitions: values are encoded
 * by the attribute's type, aligned and padded; nests get their lengths fixed and NLA_F_NESTED set.
 * Bad names and values are refused with {@link IllegalArgumentException} naming the attribute.
 */
public final class AttrWriter {
    private final ByteWriter w;
    private final AttributeSet set;
    private final Map<String, Object> written = new HashMap<>();

    AttrWriter(ByteWriter w, AttributeSet set) {
        this.w = w;
        this.set = set;
    }

    private AttrDef def(String name) {
        AttrDef d = set == null ? null : set.byName(name);
        if (d == null) {
            throw new IllegalArgumentException("attribute set '" + (set == null ? "(none)" : set.name())
                    + "' has no attribute '" + name + "'");
        }
        return d;
    }

    /**
     * Writes attribute {@code name} with {@code value} (see {@link MessageBuilder} for the value forms).
     *
     * @param name  the attribute's name in this writer's set
     * @param value the value, in a form its type accepts
     * @return this writer
     * @throws IllegalArgumentException when the set has no such attribute or the value does not fit its type
     */
    public AttrWriter attr(String name, Object value) {
        AttrDef d = def(name);
        Codec.encodeAttr(w, d, value, written);
        written.put(name, value);
        return this;
    }

    /**
     * Writes every entry of {@code values}, in the map's order: a {@link io.jnetlink.schema.RawAttribute} as it is, a
     * null value not at all.
     *
     * @param values attribute names to values, such as {@link Attributes#toMap()} returns
     * @return this writer
     * @throws IllegalArgumentException when the set has no attribute of a name or a value does not fit its type
     */
    public AttrWriter attrs(Map<String, ?> values) {
        for (Map.Entry<String, ?> e : values.entrySet()) {
            if (e.getValue() instanceof RawAttribute r) {
                raw(r.type() | r.flags(), r.value());
            } else if (e.getValue() != null) {
                attr(e.getKey(), e.getValue());
            }
        }
        return this;
    }

    /**
     * Writes a nest (or a sub-message, formatted by its selector written earlier) filled by {@code body}.
     *
     * @param name the name of a nest or sub-message attribute in this writer's set
     * @param body writes the nest's attributes through the writer it is given (of the nested set)
     * @return this writer
     * @throws IllegalArgumentException when the attribute is not a nest or sub-message, the sub-message's selector
     *                                  was not written or selects no attribute-set format, or the nest exceeds 65535
     *                                  bytes
     */
    public AttrWriter nest(String name, Consumer<AttrWriter> body) {
        AttrDef d = def(name);
        AttributeSet inner;
        if (d.type() == AttrType.NEST) {
            inner = d.nested();
        } else if (d.type() == AttrType.SUB_MESSAGE) {
            Object sel = written.get(d.selector());
            MessageDef f = sel == null ? null : d.format(String.valueOf(sel));
            if (f == null || f.attributes() == null || f.fixedHeader() != null) {
                throw new IllegalArgumentException("attribute '" + name + "': no attribute-set format for "
                        + d.selector() + "=" + sel + " (write the selector first, or pass a map)");
            }
            inner = f.attributes();
        } else {
            throw new IllegalArgumentException("attribute '" + name + "' is a " + d.type().ynlName() + ", not a nest");
        }
        int start = w.reserve(4);
        body.accept(new AttrWriter(w, inner));
        int len = w.position() - start;
        if (len > 0xffff) {
            throw new IllegalArgumentException("nest '" + name + "' of " + len + " bytes exceeds 65535");
        }
        w.patch16(start, len);
        w.patch16(start + 2, d.id() | Attribute.F_NESTED);
        return this;
    }

    /**
     * Writes an attribute by number with a raw payload (type may include the NLA_F_* flags).
     *
     * @param type    the attribute type number, 0 to 16383, with any NLA_F_NESTED / NLA_F_NET_BYTEORDER bits
     * @param payload the payload, written as it is and padded to 4 bytes
     * @return this writer
     */
    public AttrWriter raw(int type, byte[] payload) {
        Codec.writeRaw(w, new RawAttribute(type & 0x3fff, type & 0xc000, payload));
        return this;
    }
}
