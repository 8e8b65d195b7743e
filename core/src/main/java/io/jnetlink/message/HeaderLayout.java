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
    private final String[] seen;
    final int[] offsets;
    final int[] sizes;
    final StructDef.Member[] members;

    private HeaderLayout(StructDef def) {
        this.def = def;
        List<StructDef.Member> ms = def.members();
        names = new String[ms.size()];
        seen = new String[ms.size()];
        offsets = new int[ms.size()];
        sizes = new int[ms.size()];
        members = ms.toArray(new StructDef.Member[0]);
        int off = 0;
        for (int i = 0; i < members.length; i++) {
            names[i] = members[i].name();
            seen[i] = names[i];
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
     * The index of the member named {@code name}, or -1. Callers pass the same string constants again and again:
     * the last instance that matched each member is remembered, so a repeated lookup is an identity comparison
     * (a racy cache of immutable references, so any value read is correct).
     */
    int index(String name) {
        String[] s = seen;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == name) {
                return i;
            }
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                s[i] = name;
                return i;
            }
        }
        return -1;
    }
}
