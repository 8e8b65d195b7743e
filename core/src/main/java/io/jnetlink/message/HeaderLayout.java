package io.jnetlink.message;

import io.jnetlink.schema.StructDef;

import java.util.List;

/**
 * A fixed header's layout worked out once: its size and each member's offset, size and integer type, so that
 * {@link NetlinkMessage#headerField} costs a name match and a read instead of three walks of the member list.
 * Layouts are kept per {@link StructDef} instance (compared by identity) in a small copy-on-write table; a
 * definition beyond its capacity gets a fresh layout each time, which is correct, only slower.
 */
final class HeaderLayout {
    private static final int CAPACITY = 64;
    private static volatile HeaderLayout[] cache = new HeaderLayout[0];
    private static volatile HeaderLayout last;

    final StructDef def;
    final int size;
    private final String[] names;
    /** Member index by the name's hash, open addressing (-1: empty); a power of two at least twice the members. */
    private final int[] slots;
    final int[] offsets;
    final int[] sizes;
    final StructDef.Member[] members;

    private HeaderLayout(StructDef def) {
        this.def = def;
        List<StructDef.Member> ms = def.members();
        names = new String[ms.size()];
        slots = new int[Integer.highestOneBit(Math.max(1, ms.size()) * 2) * 2];
        java.util.Arrays.fill(slots, -1);
        offsets = new int[ms.size()];
        sizes = new int[ms.size()];
        members = ms.toArray(new StructDef.Member[0]);
        int off = 0;
        for (int i = 0; i < members.length; i++) {
            names[i] = members[i].name();
            int h = names[i].hashCode() & (slots.length - 1);
            while (slots[h] >= 0) {
                h = (h + 1) & (slots.length - 1);
            }
            slots[h] = i;
            offsets[i] = off;
            sizes[i] = members[i].size();
            off += sizes[i];
        }
        size = off;
    }

    /** The layout of {@code s}. */
    static HeaderLayout of(StructDef s) {
        HeaderLayout l = last;
        if (l != null && l.def == s) {
            return l;
        }
        for (HeaderLayout c : cache) {
            if (c.def == s) {
                last = c;
                return c;
            }
        }
        l = new HeaderLayout(s);
        synchronized (HeaderLayout.class) {
            HeaderLayout[] c = cache;
            if (c.length < CAPACITY) {
                HeaderLayout[] n = java.util.Arrays.copyOf(c, c.length + 1);
                n[c.length] = l;
                cache = n;
            }
        }
        last = l;
        return l;
    }

    /**
     * The index of the member named {@code name}, or -1: a probe of a small hash table by the name's hash (a String
     * caches its hash, and callers pass the same constants, so the match is usually an identity comparison).
     */
    int index(String name) {
        int mask = slots.length - 1;
        for (int h = name.hashCode() & mask; ; h = (h + 1) & mask) {
            int i = slots[h];
            if (i < 0) {
                return -1;
            }
            String n = names[i];
            if (n == name || n.equals(name)) {
                return i;
            }
        }
    }
}
