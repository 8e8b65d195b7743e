package io.jnetlink.schema;

import java.util.List;

/**
 * A fixed-layout C struct: a message's fixed header (ifinfomsg, rtmsg, ...) or a binary attribute's
 * layout (YNL {@code definitions} of type {@code struct}). Members follow each other with no implicit
 * padding; padding is an explicit {@link AttrType#PAD} member, as in the specs.
 *
 * @param name    the struct's name
 * @param members its members in order
 */
public record StructDef(String name, List<Member> members) {

    /** Copies the member list. */
    public StructDef {
        members = List.copyOf(members);
    }

    /**
     * The struct's size in bytes.
     *
     * @return the sum of the members' sizes, in bytes
     */
    public int size() {
        int s = 0;
        for (Member m : members) {
            s += m.size();
        }
        return s;
    }

    /**
     * The member named {@code n}, or null.
     *
     * @param n a member name
     * @return the first member of that name, or null when there is none
     */
    public Member member(String n) {
        for (Member m : members) {
            if (m.name().equals(n)) {
                return m;
            }
        }
        return null;
    }

    /**
     * The byte offset of the member named {@code n} within the struct, or -1.
     *
     * @param n a member name
     * @return the member's offset from the struct's start in bytes, or -1 when there is no such member
     */
    public int offsetOf(String n) {
        int off = 0;
        for (Member m : members) {
            if (m.name().equals(n)) {
                return off;
            }
            off += m.size();
        }
        return -1;
    }

    /**
     * One struct member.
     *
     * @param name      member name
     * @param type      an integer type, {@link AttrType#BINARY} or {@link AttrType#PAD}
     * @param len       byte length for binary and pad members; ignored for integers
     * @param bigEndian true for network byte order
     * @param display   display hint
     * @param enumName    name of an {@link EnumDef} in the schema, or null
     * @param enumAsFlags true when the enum's values are bits of a mask
     * @param enumDef     the enum named {@code enumName}, linked by {@link Schema.Builder#build()}; null before
     */
    public record Member(String name, AttrType type, int len, boolean bigEndian, Display display, String enumName,
                         boolean enumAsFlags, EnumDef enumDef) {

        /**
         * Validates the member; a null display becomes {@link Display#NONE}.
         *
         * @throws SchemaException when the type cannot be a struct member (only fixed-size integers, binary and
         *                         pad can), or a binary or pad member has a negative length
         */
        public Member {
            if (type == null || !(type.isInteger() && type.size() > 0 || type == AttrType.BINARY || type == AttrType.PAD)) {
                throw new SchemaException("struct member '" + name + "': type " + type + " cannot be a struct member");
            }
            if ((type == AttrType.BINARY || type == AttrType.PAD) && len < 0) {
                throw new SchemaException("struct member '" + name + "': " + type.ynlName() + " needs a length");
            }
            display = display == null ? Display.NONE : display;
        }

        /**
         * A member whose integer value may be named by the enum {@code enumName} (linked when the schema is built).
         *
         * @param name      member name
         * @param type      an integer type, {@link AttrType#BINARY} or {@link AttrType#PAD}
         * @param len       byte length for binary and pad members; ignored for integers
         * @param bigEndian true for network byte order
         * @param display   display hint, or null for none
         * @param enumName  name of an {@link EnumDef} in the schema, or null
         * @throws SchemaException when the type cannot be a struct member, or a binary or pad member has a negative
         *                         length
         */
        public Member(String name, AttrType type, int len, boolean bigEndian, Display display, String enumName) {
            this(name, type, len, bigEndian, display, enumName, false, null);
        }

        /** This member with its enum linked. */
        Member linked(EnumDef e) {
            return new Member(name, type, len, bigEndian, display, enumName, enumAsFlags, e);
        }

        /**
         * An integer member in host byte order.
         *
         * @param name member name
         * @param type a fixed-size integer type
         * @return the member, with no display hint and no enum
         * @throws SchemaException when {@code type} is not a fixed-size integer, binary or pad type
         */
        public static Member of(String name, AttrType type) {
            return new Member(name, type, 0, false, Display.NONE, null);
        }

        /**
         * The member's size in bytes.
         *
         * @return the integer type's size, or {@code len} for binary and pad members
         */
        public int size() {
            return type.isInteger() ? type.size() : len;
        }
    }
}
