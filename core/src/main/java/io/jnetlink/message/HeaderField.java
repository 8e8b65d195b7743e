package io.jnetlink.message;

import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.StructDef;

/**
 * One integer member of a fixed header, found by name once: a decoder that reads the same fields of many messages
 * keeps these in constants and reads each with {@link MessageCursor#header(HeaderField)}, a read at a known offset
 * ({@link MessageCursor#header(String)} finds the member by name on every call).
 * {@snippet :
 * static final HeaderField TABLE = HeaderField.of(Rtnl.SCHEMA.struct("rtmsg"), "rtm-table");
 * long table = cursor.header(TABLE);
 * }
 */
public final class HeaderField {
    final StructDef struct;
    final String name;
    final int offset;
    final int size;
    final AttrType type;
    final boolean signed;
    final boolean bigEndian;

    private HeaderField(StructDef struct, String name, int offset, int size, AttrType type, boolean bigEndian) {
        this.struct = struct;
        this.name = name;
        this.offset = offset;
        this.size = size;
        this.type = type;
        this.signed = type.isSigned();
        this.bigEndian = bigEndian;
    }

    /**
     * The integer member {@code member} of {@code struct}.
     *
     * @param struct a fixed header's definition (from the schema the messages are decoded with)
     * @param member the member's name, such as {@code "rtm-table"}
     * @return the field
     * @throws IllegalArgumentException when {@code struct} is null or has no integer member of that name
     */
    public static HeaderField of(StructDef struct, String member) {
        if (struct == null) {
            throw new IllegalArgumentException("no struct to find header field '" + member + "' in");
        }
        HeaderLayout l = HeaderLayout.of(struct);
        int i = l.index(member);
        int size = i < 0 ? 0 : l.sizes[i];
        if (i < 0 || !l.members[i].type().isInteger() || size != 1 && size != 2 && size != 4 && size != 8) {
            throw new IllegalArgumentException("struct " + struct.name() + " has no integer member '" + member
                    + "' of 1, 2, 4 or 8 bytes");
        }
        return new HeaderField(struct, member, l.offsets[i], l.sizes[i], l.members[i].type(), l.members[i].bigEndian());
    }

    @Override
    public String toString() {
        return struct.name() + "." + name;
    }
}
