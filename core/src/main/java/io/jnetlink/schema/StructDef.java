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

    /** The struct's size in bytes. */
    public int size() {
        int s = 0;
        for (Member m : members) {
            s += m.size();
        }
        return s;
    }

    /** The member named {@code n}, or null. */
    public Member member(String n) {
        for (Member m : members) {
            if (m.name().equals(n)) {
                return m;
            }
        }
        return null;
    }

    /** The byte offset of the member named {@code n} within the struct, or -1. */
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

        /** Validates the member. */
        public Member {
            if (type == null || !(type.isInteger() && type.size() > 0 || type == AttrType.BINARY || type == AttrType.PAD)) {
                throw new SchemaException("struct member '" + name + "': type " + type + " cannot be a struct member");
            }
            if ((type == AttrType.BINARY || type == AttrType.PAD) && len < 0) {
                throw new SchemaException("struct member '" + name + "': " + type.ynlName() + " needs a length");
            }
            display = display == null ? Display.NONE : display;
        }

        /** A member whose integer value may be named by the enum {@code enumName} (linked when the schema is built). */
        public Member(String name, AttrType type, int len, boolean bigEndian, Display display, String enumName) {
            this(name, type, len, bigEndian, display, enumName, false, null);
        }

        /** This member with its enum linked. */
        Member linked(EnumDef e) {
            return new Member(name, type, len, bigEndian, display, enumName, enumAsFlags, e);
        }

        /** An integer member in host byte order. */
        public static Member of(String name, AttrType type) {
            return new Member(name, type, 0, false, Display.NONE, null);
        }

        /** The member's size in bytes. */
        public int size() {
            return type.isInteger() ? type.size() : len;
        }
    }
}
