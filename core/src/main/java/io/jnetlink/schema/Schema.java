package io.jnetlink.schema;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * All definitions of one netlink family, linked: enums and flags, structs, attribute sets, sub-messages,
 * messages and multicast groups. This is the model a kernel YNL spec maps onto; the hand-written families
 * (nlctrl, rtnetlink, ...) are schemas written in Java. {@link Builder#build()} resolves every reference
 * by name and refuses a schema with a dangling one, naming the definition and key. Immutable once built.
 */
public final class Schema {

    /** How messages of the family are framed after the netlink header. */
    public enum Protocol {
        /** Classic netlink: the fixed header follows nlmsghdr; the message type selects the message. */
        NETLINK_RAW,
        /** Generic netlink: genlmsghdr (cmd, version) follows nlmsghdr; the command selects the message. */
        GENETLINK
    }

    private final String name;
    private final Protocol protocol;
    private final int netlinkFamily;
    private final Map<String, EnumDef> enums;
    private final Map<String, StructDef> structs;
    private final Map<String, AttributeSet> sets;
    private final Map<String, SubMessageDef> subMessages;
    private final Map<Integer, MessageDef> messagesByValue;
    private final Map<String, MessageDef> messagesByName;
    private final Map<Integer, MessageDef> requestsByValue;
    private final Map<String, Integer> mcastGroups;
    private final Map<Integer, Variants> variants;

    /**
     * The definitions a message type has besides its own, chosen by the value of one fixed-header field.
     *
     * @param field  the fixed-header member that chooses
     * @param byValue its value to the definition
     */
    public record Variants(String field, Map<Long, MessageDef> byValue) {
    }

    private Schema(Builder b) {
        this.name = b.name;
        this.protocol = b.protocol;
        this.netlinkFamily = b.netlinkFamily;
        this.enums = Collections.unmodifiableMap(new LinkedHashMap<>(b.enums));
        this.structs = Collections.unmodifiableMap(linkStructs(b.structs, enums, name));
        this.sets = Collections.unmodifiableMap(new LinkedHashMap<>(b.sets));
        this.subMessages = Collections.unmodifiableMap(new LinkedHashMap<>(b.subMessages));
        this.mcastGroups = Collections.unmodifiableMap(new LinkedHashMap<>(b.mcastGroups));
        for (AttributeSet set : sets.values()) {
            for (AttrDef a : set.attributes()) {
                link(set, a);
            }
        }
        Map<Integer, MessageDef> byValue = new HashMap<>();
        Map<String, MessageDef> byName = new LinkedHashMap<>();
        Map<Integer, MessageDef> requests = new HashMap<>();
        for (Builder.Msg m : b.messages) {
            String where = "message '" + m.name() + "'";
            MessageDef def = new MessageDef(m.name(), m.value(),
                    m.header() == null ? null : struct(m.header(), where + ": fixed-header"),
                    m.set() == null ? null : set(m.set(), where + ": attribute-set"));
            if (m.decode()) {
                byValue.putIfAbsent(m.value(), def);
            } else {
                requests.putIfAbsent(m.value(), def);
            }
            byName.putIfAbsent(m.name(), def);
        }
        byValue.forEach(requests::putIfAbsent);
        Map<Integer, Variants> vs = new HashMap<>();
        for (Builder.Variant v : b.variants) {
            String where = "message '" + v.name() + "'";
            MessageDef main = byValue.get(v.value());
            if (main == null || main.fixedHeader() == null || main.fixedHeader().member(v.field()) == null) {
                throw new SchemaException(fail(where + ": variant of message " + v.value()
                        + ", which has no fixed-header field '" + v.field() + "'"));
            }
            MessageDef def = new MessageDef(v.name(), v.value(), struct(v.header(), where + ": fixed-header"),
                    set(v.set(), where + ": attribute-set"));
            Variants existing = vs.get(v.value());
            if (existing != null && !existing.field().equals(v.field())) {
                throw new SchemaException(fail(where + ": the variants of one message are chosen by one field"));
            }
            Map<Long, MessageDef> m = existing == null ? new HashMap<>() : new HashMap<>(existing.byValue());
            m.put(v.fieldValue(), def);
            vs.put(v.value(), new Variants(v.field(), Collections.unmodifiableMap(m)));
            byName.putIfAbsent(v.name(), def);
        }
        this.variants = Collections.unmodifiableMap(vs);
        this.messagesByValue = Collections.unmodifiableMap(byValue);
        this.messagesByName = Collections.unmodifiableMap(byName);
        this.requestsByValue = Collections.unmodifiableMap(requests);
    }

    /** The structs with each member's enum linked; an enum that is not defined throws. */
    private static Map<String, StructDef> linkStructs(Map<String, StructDef> in, Map<String, EnumDef> enums, String schema) {
        Map<String, StructDef> out = new LinkedHashMap<>();
        for (StructDef s : in.values()) {
            java.util.List<StructDef.Member> members = new java.util.ArrayList<>();
            for (StructDef.Member m : s.members()) {
                if (m.enumName() != null) {
                    EnumDef e = enums.get(m.enumName());
                    if (e == null) {
                        throw new SchemaException("schema '" + schema + "': struct '" + s.name() + "', member '"
                                + m.name() + "': enum '" + m.enumName() + "' is not defined");
                    }
                    m = m.linked(e);
                }
                members.add(m);
            }
            out.put(s.name(), new StructDef(s.name(), members));
        }
        return out;
    }

    private void link(AttributeSet set, AttrDef a) {
        String where = "attribute set '" + set.name() + "', attribute '" + a.name() + "'";
        if (!a.typeValue().isEmpty() && a.type() != AttrType.NEST_TYPE_VALUE) {
            throw new SchemaException(fail(where + ": type-value is only for nest-type-value"));
        }
        switch (a.type()) {
            case NEST, NEST_TYPE_VALUE -> a.nested = set(a.nestedName(), where + ": nested-attributes");
            case INDEXED_ARRAY -> {
                if (a.subType() == null) {
                    throw new SchemaException(fail(where + ": indexed-array needs a sub-type"));
                }
                if (a.subType() == AttrType.NEST) {
                    a.nested = set(a.nestedName(), where + ": nested-attributes");
                }
            }
            case SUB_MESSAGE -> {
                if (a.subMessageName() == null || a.selector() == null) {
                    throw new SchemaException(fail(where + ": sub-message needs sub-message and selector"));
                }
                SubMessageDef sm = subMessages.get(a.subMessageName());
                if (sm == null) {
                    throw new SchemaException(fail(where + ": sub-message '" + a.subMessageName() + "' is not defined"));
                }
                Map<String, MessageDef> formats = new LinkedHashMap<>();
                for (Map.Entry<String, SubMessageDef.Format> e : sm.formats().entrySet()) {
                    SubMessageDef.Format f = e.getValue();
                    String fw = "sub-message '" + sm.name() + "', format '" + e.getKey() + "'";
                    formats.put(e.getKey(), new MessageDef(e.getKey(), 0,
                            f.fixedHeaderName() == null ? null : struct(f.fixedHeaderName(), fw + ": fixed-header"),
                            f.attributeSetName() == null ? null : set(f.attributeSetName(), fw + ": attribute-set")));
                }
                a.subMessage = sm;
                a.formats = Collections.unmodifiableMap(formats);
            }
            case BINARY -> {
                if (a.records()) {
                    a.nested = set(a.nestedName(), where + ": records' attributes");
                }
            }
            default -> {
            }
        }
        if (a.structName() != null) {
            a.struct = struct(a.structName(), where + ": struct");
            if (a.records() && (a.struct.members().isEmpty() || !a.struct.members().getFirst().type().isInteger())) {
                throw new SchemaException(fail(where + ": a record's struct must start with its length"));
            }
        }
        if (a.enumName() != null) {
            EnumDef e = enums.get(a.enumName());
            if (e == null) {
                throw new SchemaException(fail(where + ": enum '" + a.enumName() + "' is not defined"));
            }
            a.enumDef = e;
        }
    }

    private String fail(String what) {
        return "schema '" + name + "': " + what;
    }

    private AttributeSet set(String n, String where) {
        AttributeSet s = n == null ? null : sets.get(n);
        if (s == null) {
            throw new SchemaException(fail(where + " '" + n + "' is not defined"));
        }
        return s;
    }

    private StructDef struct(String n, String where) {
        StructDef s = n == null ? null : structs.get(n);
        if (s == null) {
            throw new SchemaException(fail(where + " '" + n + "' is not defined"));
        }
        return s;
    }

    /**
     * The family's name.
     *
     * @return the family's name (e.g. "rtnetlink", "nlctrl", "ethtool")
     */
    public String name() {
        return name;
    }

    /**
     * Classic or generic netlink framing.
     *
     * @return how the family's messages are framed
     */
    public Protocol protocol() {
        return protocol;
    }

    /**
     * The netlink protocol number the family is reached through (0 for rtnetlink, 16 for generic).
     *
     * @return the netlink protocol number, as passed to {@code socket(2)}
     */
    public int netlinkFamily() {
        return netlinkFamily;
    }

    /**
     * The attribute set named {@code n}, or null.
     *
     * @param n an attribute set's name
     * @return the set, or null when the schema has none of that name
     */
    public AttributeSet attributeSet(String n) {
        return sets.get(n);
    }

    /**
     * Every attribute set by name.
     *
     * @return every attribute set by name, in declaration order (unmodifiable)
     */
    public Map<String, AttributeSet> attributeSets() {
        return sets;
    }

    /**
     * The struct named {@code n}, or null.
     *
     * @param n a struct's name
     * @return the struct with its members' enums linked, or null when the schema has none of that name
     */
    public StructDef struct(String n) {
        return structs.get(n);
    }

    /**
     * Every struct by name.
     *
     * @return every struct by name, in declaration order (unmodifiable)
     */
    public Map<String, StructDef> structs() {
        return structs;
    }

    /**
     * The enum or flags named {@code n}, or null.
     *
     * @param n an enum or flags definition's name
     * @return the definition, or null when the schema has none of that name
     */
    public EnumDef enumDef(String n) {
        return enums.get(n);
    }

    /**
     * Every enum by name.
     *
     * @return every enum and flags definition by name, in declaration order (unmodifiable)
     */
    public Map<String, EnumDef> enums() {
        return enums;
    }

    /**
     * The message decoded for {@code value} (nlmsg_type, or genl command), or null when unknown.
     *
     * @param value the nlmsg_type (classic netlink) or genl command
     * @return the message declared with {@link Builder#message} for that value (the first, when several are), or null
     */
    public MessageDef message(int value) {
        return messagesByValue.get(value);
    }

    /**
     * The message a request with {@code value} (nlmsg_type, or genl command: a generic netlink operation) is
     * encoded from: one declared with {@link Builder#request}, else the one decoded for that value; or null.
     *
     * @param value the nlmsg_type (classic netlink) or genl command
     * @return the message to encode the request from, or null when the schema declares none for that value
     */
    public MessageDef request(int value) {
        return requestsByValue.get(value);
    }

    /**
     * The variants of message {@code value}: definitions chosen by a fixed-header field (rtnetlink's AF_BRIDGE view
     * of a link), or null when it has none.
     *
     * @param value the nlmsg_type (classic netlink) or genl command
     * @return the variants, or null when the message has none
     */
    public Variants variants(int value) {
        return variants.get(value);
    }

    /**
     * The message named {@code n}, or null.
     *
     * @param n a message's name (e.g. "newlink")
     * @return the message, request or variant of that name (the first declared), or null
     */
    public MessageDef message(String n) {
        return messagesByName.get(n);
    }

    /**
     * Every message by name.
     *
     * @return every message, request and variant by name (unmodifiable)
     */
    public Map<String, MessageDef> messages() {
        return messagesByName;
    }

    /**
     * Multicast groups by name: the group number for classic netlink, or as declared.
     *
     * @return the group numbers by group name, in declaration order (unmodifiable)
     */
    public Map<String, Integer> mcastGroups() {
        return mcastGroups;
    }

    @Override
    public String toString() {
        return "Schema[" + name + ", " + protocol + ", " + sets.size() + " attribute sets, " + messagesByName.size() + " messages]";
    }

    /**
     * Starts a schema.
     *
     * @param name          the family's name (for generic netlink, the name the kernel resolves)
     * @param protocol      how the family's messages are framed
     * @param netlinkFamily the netlink protocol number ({@link io.jnetlink.Netlink#NETLINK_ROUTE},
     *                      {@link io.jnetlink.Netlink#NETLINK_GENERIC}, ...)
     * @return an empty builder
     */
    public static Builder builder(String name, Protocol protocol, int netlinkFamily) {
        return new Builder(name, protocol, netlinkFamily);
    }

    /** Builds a {@link Schema}; not thread-safe. */
    public static final class Builder {
        private record Msg(int value, String name, String header, String set, boolean decode) {
        }

        private record Variant(int value, String field, long fieldValue, String name, String header, String set) {
        }

        private final String name;
        private final Protocol protocol;
        private final int netlinkFamily;
        private final Map<String, EnumDef> enums = new LinkedHashMap<>();
        private final Map<String, StructDef> structs = new LinkedHashMap<>();
        private final Map<String, AttributeSet> sets = new LinkedHashMap<>();
        private final Map<String, SubMessageDef> subMessages = new LinkedHashMap<>();
        private final java.util.List<Msg> messages = new java.util.ArrayList<>();
        private final java.util.List<Variant> variants = new java.util.ArrayList<>();
        private final Map<String, Integer> mcastGroups = new LinkedHashMap<>();

        private Builder(String name, Protocol protocol, int netlinkFamily) {
            this.name = name;
            this.protocol = protocol;
            this.netlinkFamily = netlinkFamily;
        }

        private static <T> void put(Map<String, T> map, String key, T value, String kind, String schema) {
            if (map.putIfAbsent(key, value) != null) {
                throw new SchemaException("schema '" + schema + "': " + kind + " '" + key + "' is defined twice");
            }
        }

        /**
         * Adds an enum or flags definition.
         *
         * @param e the definition, referred to by its name
         * @return this builder
         * @throws SchemaException when a definition of that name was already added
         */
        public Builder enumDef(EnumDef e) {
            put(enums, e.name(), e, "definition", name);
            return this;
        }

        /**
         * Adds a struct.
         *
         * @param s the struct, referred to by its name
         * @return this builder
         * @throws SchemaException when a struct of that name was already added
         */
        public Builder struct(StructDef s) {
            put(structs, s.name(), s, "struct", name);
            return this;
        }

        /**
         * Adds an attribute set.
         *
         * @param s the set, referred to by its name
         * @return this builder
         * @throws SchemaException when a set of that name was already added
         */
        public Builder attributeSet(AttributeSet s) {
            put(sets, s.name(), s, "attribute set", name);
            return this;
        }

        /**
         * Adds sub-message formats.
         *
         * @param s the formats, referred to by their name
         * @return this builder
         * @throws SchemaException when a sub-message of that name was already added
         */
        public Builder subMessage(SubMessageDef s) {
            put(subMessages, s.name(), s, "sub-message", name);
            return this;
        }

        /**
         * Adds a message, used to decode messages with {@code value} and to encode by {@code msgName}.
         *
         * @param value        the nlmsg_type (classic netlink) or genl command
         * @param msgName      the message's name (e.g. "newlink")
         * @param fixedHeader  the name of the struct after nlmsghdr (and genlmsghdr), or null for none
         * @param attributeSet the name of the payload's attribute set, or null for none
         * @return this builder
         */
        public Builder message(int value, String msgName, String fixedHeader, String attributeSet) {
            messages.add(new Msg(value, msgName, fixedHeader, attributeSet, true));
            return this;
        }

        /**
         * Adds a message used only for encoding requests (YNL's directional model: a request id).
         *
         * @param value        the nlmsg_type (classic netlink) or genl command
         * @param msgName      the message's name (e.g. "newlink")
         * @param fixedHeader  the name of the struct after nlmsghdr (and genlmsghdr), or null for none
         * @param attributeSet the name of the payload's attribute set, or null for none
         * @return this builder
         */
        public Builder request(int value, String msgName, String fixedHeader, String attributeSet) {
            messages.add(new Msg(value, msgName, fixedHeader, attributeSet, false));
            return this;
        }

        /**
         * Adds a variant of message {@code value}: decoded (and encoded by {@code msgName}) with its own fixed header
         * and attribute set when its fixed-header field {@code field} equals {@code fieldValue}. A jnetlink extension
         * (YNL chooses by message type, and by command for generic netlink): rtnetlink's RTM_NEWLINK with
         * ifi_family AF_BRIDGE carries bridge attributes in IFLA_AF_SPEC instead of per-family nests.
         *
         * @param value        the nlmsg_type (classic netlink) or genl command
         * @param field        the name of the member of the message's fixed header that chooses (e.g. "ifi-family")
         * @param fieldValue   the member's value that chooses this variant
         * @param msgName      the variant's name
         * @param fixedHeader  the name of the variant's fixed header struct
         * @param attributeSet the name of the variant's attribute set
         * @return this builder
         */
        public Builder variant(int value, String field, long fieldValue, String msgName, String fixedHeader,
                               String attributeSet) {
            variants.add(new Variant(value, field, fieldValue, msgName, fixedHeader, attributeSet));
            return this;
        }

        /**
         * Adds a multicast group.
         *
         * @param group the group's name
         * @param id    the group number (for classic netlink, the number passed to NETLINK_ADD_MEMBERSHIP)
         * @return this builder
         */
        public Builder mcastGroup(String group, int id) {
            mcastGroups.put(group, id);
            return this;
        }

        /**
         * Links every reference and returns the schema; a dangling reference throws {@link SchemaException}.
         *
         * @return the linked schema
         * @throws SchemaException naming the definition and key, when a reference is dangling or a definition does not
         *                         fit its type
         */
        public Schema build() {
            return new Schema(this);
        }
    }
}
