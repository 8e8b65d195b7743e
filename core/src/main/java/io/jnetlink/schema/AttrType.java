package io.jnetlink.schema;

import java.util.List;

/**
 * The value types of netlink attributes and struct members, named as the kernel's YNL specs name them
 * ({@code u32}, {@code string}, {@code nest}, {@code indexed-array}, ...).
 */
public enum AttrType {
    /** A reserved attribute number (YNL {@code unused}). */
    UNUSED("unused", -1),
    /** Alignment padding (YNL {@code pad}). */
    PAD("pad", -1),
    /** Presence only, no payload. */
    FLAG("flag", 0),
    /** Unsigned 8-bit. */
    U8("u8", 1),
    /** Unsigned 16-bit. */
    U16("u16", 2),
    /** Unsigned 32-bit. */
    U32("u32", 4),
    /** Unsigned 64-bit. */
    U64("u64", 8),
    /** Signed 8-bit. */
    S8("s8", 1),
    /** Signed 16-bit. */
    S16("s16", 2),
    /** Signed 32-bit. */
    S32("s32", 4),
    /** Signed 64-bit. */
    S64("s64", 8),
    /** The kernel's variable-size unsigned integer: 4 or 8 bytes. */
    UINT("uint", -1),
    /** The kernel's variable-size signed integer: 4 or 8 bytes. */
    SINT("sint", -1),
    /** A NUL-terminated string. */
    STRING("string", -1),
    /** Raw bytes; with a display hint an address, with a struct or sub-type a fixed layout or an array. */
    BINARY("binary", -1),
    /** {@code struct nla_bitfield32}: value and selector. */
    BITFIELD32("bitfield32", 8),
    /** A nested attribute set. */
    NEST("nest", -1),
    /** An array whose elements are attributes numbered by index. */
    INDEXED_ARRAY("indexed-array", -1),
    /** A nest whose attribute types are themselves the keys (YNL {@code nest-type-value}). */
    NEST_TYPE_VALUE("nest-type-value", -1),
    /** A nested message whose format another attribute selects (YNL {@code sub-message}). */
    SUB_MESSAGE("sub-message", -1);

    private final String ynlName;
    private final int size;
    // fields, not switches: the decoders ask for every value they read
    private final boolean integer;
    private final boolean signed;

    AttrType(String ynlName, int size) {
        this.ynlName = ynlName;
        this.size = size;
        this.integer = List.of("u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "uint", "sint").contains(ynlName);
        this.signed = integer && ynlName.charAt(0) == 's';
    }

    /**
     * The spec's spelling of this type.
     *
     * @return the YNL name, such as {@code "u32"} or {@code "indexed-array"}
     */
    public String ynlName() {
        return ynlName;
    }

    /**
     * The fixed payload size in bytes, or -1 when the size varies.
     *
     * @return the payload size in bytes (0 for {@link #FLAG}, 8 for {@link #BITFIELD32}), or -1 when it varies
     */
    public int size() {
        return size;
    }

    /**
     * True for the fixed-size and variable-size integers.
     *
     * @return true for {@code u8} to {@code s64}, {@code uint} and {@code sint}
     */
    public boolean isInteger() {
        return integer;
    }

    /**
     * True for the signed integers.
     *
     * @return true for {@code s8}, {@code s16}, {@code s32}, {@code s64} and {@code sint}
     */
    public boolean isSigned() {
        return signed;
    }

    /**
     * The type named {@code name} in a spec, or null when there is none.
     *
     * @param name the YNL spelling, such as {@code "u32"}
     * @return the type, or null when no type is spelled so
     */
    public static AttrType fromYnl(String name) {
        for (AttrType t : values()) {
            if (t.ynlName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
