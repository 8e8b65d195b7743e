package io.jnetlink.schema;

import java.util.List;

/**
 * One attribute of an {@link AttributeSet}: its number, name, value type and what its value refers to
 * (nested set, struct, enum, sub-message). References are by name and are linked when the {@link Schema}
 * is built. Immutable once the schema is built.
 */
public final class AttrDef {
    private final String name;
    private final int id;
    private final AttrType type;
    private final boolean bigEndian;
    private final Display display;
    private final boolean multiAttr;
    private final AttrType subType;
    private final String nestedName;
    private final String structName;
    private final String enumName;
    private final boolean enumAsFlags;
    private final String subMessageName;
    private final String selector;
    private final List<String> typeValue;
    private final boolean records;
    private final boolean structArray;
    private final boolean unterminated;
    private final boolean structPrefix;

    AttributeSet nested;
    StructDef struct;
    EnumDef enumDef;
    SubMessageDef subMessage;
    java.util.Map<String, MessageDef> formats = java.util.Map.of();

    private AttrDef(Builder b) {
        this.name = b.name;
        this.id = b.id;
        this.type = b.type;
        this.bigEndian = b.bigEndian;
        this.display = b.display;
        this.multiAttr = b.multiAttr;
        this.subType = b.subType;
        this.nestedName = b.nestedName;
        this.structName = b.structName;
        this.enumName = b.enumName;
        this.enumAsFlags = b.enumAsFlags;
        this.subMessageName = b.subMessageName;
        this.selector = b.selector;
        this.typeValue = b.typeValue;
        this.records = b.records;
        this.structArray = b.structArray;
        this.unterminated = b.unterminated;
        this.structPrefix = b.structPrefix;
    }

    /**
     * The attribute's name.
     *
     * @return the attribute's name
     */
    public String name() {
        return name;
    }

    /**
     * The attribute's type number (nla_type).
     *
     * @return the attribute's type number (nla_type)
     */
    public int id() {
        return id;
    }

    /**
     * The value type.
     *
     * @return the value type
     */
    public AttrType type() {
        return type;
    }

    /**
     * True when the integer is in network byte order.
     *
     * @return true when the integer is in network byte order
     */
    public boolean bigEndian() {
        return bigEndian;
    }

    /**
     * The display hint.
     *
     * @return the display hint, {@link Display#NONE} when there is none
     */
    public Display display() {
        return display;
    }

    /**
     * True when the attribute may repeat; its value is then a list.
     *
     * @return true when the attribute may repeat; its value is then a list
     */
    public boolean multiAttr() {
        return multiAttr;
    }

    /**
     * Element type of an indexed array or of a binary array, or null.
     *
     * @return element type of an indexed array or of a binary array, or null
     */
    public AttrType subType() {
        return subType;
    }

    /**
     * The nested attribute set (for nest, indexed-array of nest, nest-type-value), or null.
     *
     * @return the nested attribute set (for nest, indexed-array of nest, nest-type-value), or null
     */
    public AttributeSet nested() {
        return nested;
    }

    /**
     * The struct of the value, or null: laid over a binary value; for a nest, the fixed header before its attributes;
     * for {@link #records() records}, each record's header.
     *
     * @return the linked struct, or null when the attribute has none
     */
    public StructDef struct() {
        return struct;
    }

    /**
     * True for a binary value that is a sequence of records (a jnetlink extension; YNL calls such values binary),
     * each record the {@link #struct()} whose first member is the record's length in bytes, then attributes of the
     * {@link #nested()} set, padded to 4 bytes: RTA_MULTIPATH's {@code rtnexthop}s.
     *
     * @return true for a sequence of records
     */
    public boolean records() {
        return records;
    }

    /**
     * True for a binary value that is an array of the {@link #struct()}, packed with no padding between them
     * (a jnetlink extension; YNL calls such values binary): NHA_GROUP's {@code nexthop_grp}s. The value is a list
     * of maps.
     *
     * @return true for a packed array of the struct
     */
    public boolean structArray() {
        return structArray;
    }

    /**
     * True for a string sent without its terminating NUL (a jnetlink extension: iproute2 sends IFLA_INFO_KIND so,
     * and the kernel reads either). Decoding is the same: a string ends at its first NUL or at the payload's end.
     *
     * @return true when the string is encoded without its NUL
     */
    public boolean unterminated() {
        return unterminated;
    }

    /**
     * True for a binary {@link #struct()} value that may be a prefix of the struct (a jnetlink extension): the
     * kernel copies min(its size, the struct's size), so an older kernel sends a shorter tcp_info. Only the members
     * that fit whole are decoded; the others are absent.
     *
     * @return true when a shorter prefix of the struct is accepted
     */
    public boolean structPrefix() {
        return structPrefix;
    }

    /**
     * The size of the fixed header before a nest's attributes (0 for a plain nest).
     *
     * @return the size of the fixed header before a nest's attributes (0 for a plain nest)
     */
    public int nestHeaderSize() {
        return type == AttrType.NEST && struct != null ? struct.size() : 0;
    }

    /**
     * The enum or flags naming an integer value, or null.
     *
     * @return the enum or flags naming an integer value, or null
     */
    public EnumDef enumDef() {
        return enumDef;
    }

    /**
     * True when an enum definition's values are used as bit flags.
     *
     * @return true when an enum definition's values are used as bit flags
     */
    public boolean enumAsFlags() {
        return enumAsFlags || enumDef != null && enumDef.flags();
    }

    /**
     * The sub-message formats of a sub-message attribute, or null.
     *
     * @return the sub-message formats of a sub-message attribute, or null
     */
    public SubMessageDef subMessage() {
        return subMessage;
    }

    /**
     * The sub-message format for a selector value (fixed header and/or attribute set), or null.
     *
     * @param selectorValue the selector attribute's value, such as {@code "vxlan"} for IFLA_INFO_KIND
     * @return the format for that value (its {@code value} is 0), or null when the sub-message has none for it
     */
    public MessageDef format(String selectorValue) {
        return formats.get(selectorValue);
    }

    /**
     * The name of the sibling attribute whose value selects the sub-message format, or null.
     *
     * @return the name of the sibling attribute whose value selects the sub-message format, or null
     */
    public String selector() {
        return selector;
    }

    /**
     * The names of the key levels of a nest-type-value (YNL {@code type-value}, e.g. {@code [policy-id, attr-id]}):
     * one level per name, the innermost holding the nested set. Empty for the default of one unnamed level.
     *
     * @return the level names, outermost first; empty for one unnamed level
     */
    public List<String> typeValue() {
        return typeValue;
    }

    /**
     * How many levels of type-keyed nests a nest-type-value has (at least 1).
     *
     * @return how many levels of type-keyed nests a nest-type-value has (at least 1)
     */
    public int typeValueLevels() {
        return Math.max(1, typeValue.size());
    }

    String nestedName() {
        return nestedName;
    }

    String structName() {
        return structName;
    }

    String enumName() {
        return enumName;
    }

    String subMessageName() {
        return subMessageName;
    }

    @Override
    public String toString() {
        return name + "(" + id + ", " + type.ynlName() + ")";
    }

    /**
     * Starts an attribute definition.
     *
     * @param id   the attribute type number (nla_type), 0 to 16383
     * @param name the attribute's name, not empty
     * @param type the value type
     * @return a builder of the definition
     * @throws SchemaException when the name is empty, the type null or the number outside 0..16383
     */
    public static Builder builder(int id, String name, AttrType type) {
        return new Builder(id, name, type);
    }

    /** Builds an {@link AttrDef}; not thread-safe. */
    public static final class Builder {
        private final String name;
        private final int id;
        private final AttrType type;
        private boolean bigEndian;
        private Display display = Display.NONE;
        private boolean multiAttr;
        private AttrType subType;
        private String nestedName;
        private String structName;
        private String enumName;
        private boolean enumAsFlags;
        private String subMessageName;
        private String selector;
        private List<String> typeValue = List.of();
        private boolean records;
        private boolean structArray;
        private boolean unterminated;
        private boolean structPrefix;

        private Builder(int id, String name, AttrType type) {
            if (name == null || name.isEmpty()) {
                throw new SchemaException("attribute " + id + " has no name");
            }
            if (type == null) {
                throw new SchemaException("attribute '" + name + "' has no type");
            }
            if (id < 0 || id > 0x3fff) {
                throw new SchemaException("attribute '" + name + "': number " + id + " is outside 0..16383");
            }
            this.id = id;
            this.name = name;
            this.type = type;
        }

        /**
         * Network byte order for an integer.
         *
         * @return this builder
         */
        public Builder bigEndian() {
            this.bigEndian = true;
            return this;
        }

        /**
         * Sets the display hint.
         *
         * @param d the hint, or null for {@link Display#NONE}
         * @return this builder
         */
        public Builder display(Display d) {
            this.display = d == null ? Display.NONE : d;
            return this;
        }

        /**
         * The attribute may repeat.
         *
         * @return this builder
         */
        public Builder multiAttr() {
            this.multiAttr = true;
            return this;
        }

        /**
         * The element type of an indexed array or binary array.
         *
         * @param t the element type
         * @return this builder
         */
        public Builder subType(AttrType t) {
            this.subType = t;
            return this;
        }

        /**
         * The nested attribute set, by name.
         *
         * @param setName the name of an attribute set of the same schema
         * @return this builder
         */
        public Builder nested(String setName) {
            this.nestedName = setName;
            return this;
        }

        /**
         * The struct laid over a binary value, or the fixed header before a nest's attributes, by name.
         *
         * @param n the name of a struct of the same schema
         * @return this builder
         */
        public Builder struct(String n) {
            this.structName = n;
            return this;
        }

        /**
         * The enum naming the value, by name.
         *
         * @param n the name of an enum or flags definition of the same schema
         * @return this builder
         */
        public Builder enumName(String n) {
            this.enumName = n;
            return this;
        }

        /**
         * Treat the enum's values as bit flags.
         *
         * @return this builder
         */
        public Builder enumAsFlags() {
            this.enumAsFlags = true;
            return this;
        }

        /**
         * A sub-message: its formats by name, and the sibling attribute that selects one.
         *
         * @param subMessage   the name of a sub-message definition of the same schema
         * @param selectorAttr the name of the sibling attribute whose value selects the format (e.g. "kind")
         * @return this builder
         */
        public Builder subMessage(String subMessage, String selectorAttr) {
            this.subMessageName = subMessage;
            this.selector = selectorAttr;
            return this;
        }

        /**
         * For a nest-type-value: the names of its key levels, outermost first (YNL {@code type-value}); two names
         * mean a nest keyed by type whose values are again nests keyed by type, holding the nested set.
         *
         * @param levels the level names, outermost first
         * @return this builder
         */
        public Builder typeValue(String... levels) {
            this.typeValue = List.of(levels);
            return this;
        }

        /**
         * A binary value made of records: each is the struct {@code header} (its first member holds the record's
         * length) followed by attributes of {@code setName} (see {@link AttrDef#records()}).
         *
         * @param header  the name of each record's struct, which must start with an integer length
         * @param setName the name of the attribute set after each record's header
         * @return this builder
         */
        public Builder records(String header, String setName) {
            this.records = true;
            this.structName = header;
            this.nestedName = setName;
            return this;
        }

        /**
         * A binary value that is an array of struct {@code n}, packed (see {@link AttrDef#structArray()}).
         *
         * @param n the name of the element struct
         * @return this builder
         */
        public Builder structArray(String n) {
            this.structArray = true;
            this.structName = n;
            return this;
        }

        /**
         * A string encoded without its terminating NUL (see {@link AttrDef#unterminated()}).
         *
         * @return this builder
         */
        public Builder unterminated() {
            this.unterminated = true;
            return this;
        }

        /**
         * A binary value of struct {@code n} that may arrive shorter (see {@link AttrDef#structPrefix()}).
         *
         * @param n the name of the struct
         * @return this builder
         */
        public Builder structPrefix(String n) {
            this.structPrefix = true;
            this.structName = n;
            return this;
        }

        /**
         * The definition, with its references still unlinked (they are linked when the schema is built).
         *
         * @return the definition
         */
        public AttrDef build() {
            return new AttrDef(this);
        }
    }
}
