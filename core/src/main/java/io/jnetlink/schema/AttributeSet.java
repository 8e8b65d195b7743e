package io.jnetlink.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A table of attributes: number to {@link AttrDef} and name to {@link AttrDef} (YNL {@code attribute-sets}).
 * Lookups by number are an array index.
 */
public final class AttributeSet {
    private final String name;
    private final List<AttrDef> attrs;
    private final AttrDef[] byId;
    private final Map<String, AttrDef> byName;

    private AttributeSet(String name, List<AttrDef> attrs) {
        this.name = name;
        this.attrs = List.copyOf(attrs);
        int max = -1;
        Map<String, AttrDef> names = new HashMap<>();
        for (AttrDef a : attrs) {
            max = Math.max(max, a.id());
            if (names.put(a.name(), a) != null) {
                throw new SchemaException("attribute set '" + name + "': attribute name '" + a.name() + "' is used twice");
            }
        }
        this.byId = new AttrDef[max + 1];
        for (AttrDef a : attrs) {
            if (byId[a.id()] != null) {
                throw new SchemaException("attribute set '" + name + "': number " + a.id() + " is used by '"
                        + byId[a.id()].name() + "' and '" + a.name() + "'");
            }
            byId[a.id()] = a;
        }
        this.byName = Collections.unmodifiableMap(names);
    }

    /**
     * The set's name.
     *
     * @return the set's name
     */
    public String name() {
        return name;
    }

    /**
     * Every attribute, in declaration order.
     *
     * @return every attribute, in declaration order (unmodifiable)
     */
    public List<AttrDef> attributes() {
        return attrs;
    }

    /**
     * The attribute with number {@code id}, or null when the set does not name it.
     *
     * @param id an attribute type number (nla_type, without flag bits)
     * @return the attribute, or null when the set does not name that number
     */
    public AttrDef byId(int id) {
        return id >= 0 && id < byId.length ? byId[id] : null;
    }

    /**
     * The attribute named {@code n}, or null.
     *
     * @param n an attribute name
     * @return the attribute, or null when the set has no attribute of that name
     */
    public AttrDef byName(String n) {
        return byName.get(n);
    }

    @Override
    public String toString() {
        return "AttributeSet[" + name + ", " + attrs.size() + " attributes]";
    }

    /**
     * Starts a set.
     *
     * @param name the set's name, by which attributes and messages refer to it
     * @return an empty builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds an {@link AttributeSet}; not thread-safe. */
    public static final class Builder {
        private final String name;
        private final List<AttrDef> attrs = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Adds a plain attribute.
         *
         * @param id   the attribute type number, 0 to 16383
         * @param n    the attribute's name
         * @param type the value type
         * @return this builder
         * @throws SchemaException when the name is empty, the type null or the number out of range
         */
        public Builder attr(int id, String n, AttrType type) {
            attrs.add(AttrDef.builder(id, n, type).build());
            return this;
        }

        /**
         * Adds an attribute with more properties, set on its builder by {@code more}.
         *
         * @param id   the attribute type number, 0 to 16383
         * @param n    the attribute's name
         * @param type the value type
         * @param more sets the other properties on the attribute's builder and returns it
         * @return this builder
         * @throws SchemaException when the name is empty, the type null or the number out of range
         */
        public Builder attr(int id, String n, AttrType type, UnaryOperator<AttrDef.Builder> more) {
            attrs.add(more.apply(AttrDef.builder(id, n, type)).build());
            return this;
        }

        /**
         * Adds a nested attribute whose contents are the set {@code setName}.
         *
         * @param id      the attribute type number, 0 to 16383
         * @param n       the attribute's name
         * @param setName the name of the nested attribute set
         * @return this builder
         * @throws SchemaException when the name is empty or the number out of range
         */
        public Builder nest(int id, String n, String setName) {
            attrs.add(AttrDef.builder(id, n, AttrType.NEST).nested(setName).build());
            return this;
        }

        /**
         * Adds a built definition.
         *
         * @param def the definition
         * @return this builder
         */
        public Builder add(AttrDef def) {
            attrs.add(def);
            return this;
        }

        /**
         * The set.
         *
         * @return the set
         * @throws SchemaException when two attributes share a name or a number
         */
        public AttributeSet build() {
            return new AttributeSet(name, attrs);
        }
    }
}
