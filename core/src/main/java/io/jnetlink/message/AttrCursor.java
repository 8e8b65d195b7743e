package io.jnetlink.message;

import io.jnetlink.internal.Bytes;
import io.jnetlink.schema.AttrDef;
import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.MessageDef;
import io.jnetlink.schema.RawAttribute;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a sequence of attributes in place: {@link #next()} moves to the next TLV, the getters read its payload
 * from the received bytes. No object per attribute; {@link #nested()} reuses one child cursor per level. Valid only
 * while the {@link MessageCursor} that handed it out stays on its message. The bytes were checked at the door
 * (lengths, nests, fixed-size values), so the getters only check what the door cannot know: a value read with the
 * wrong width, or an address of another length, is a {@link MalformedMessageException}. Every method that reads the
 * current attribute throws {@link IllegalStateException} when there is none ({@link #next()} not called yet, or it
 * returned false).
 *
 * {@snippet :
 * AttrCursor a = msg.attributes();
 * while (a.next()) {
 *     switch (a.type()) {
 *         case 3 -> name = a.string();      // IFLA_IFNAME
 *         case 4 -> mtu = (int) a.u32();    // IFLA_MTU
 *         default -> { }
 *     }
 * }
 * }
 */
public final class AttrCursor {
    private final int depth;
    private byte[] b;
    private int start;
    private int end;
    private int next;
    private int at = -1;
    private int len;
    private AttributeSet set;
    private AttrCursor child;

    AttrCursor(int depth) {
        this.depth = depth;
    }

    /** Positions the cursor before the attributes of {@code b[start, end)}, named by {@code set} (may be null). */
    AttrCursor reset(byte[] buf, int start, int stop, AttributeSet names) {
        this.b = buf;
        this.start = start;
        this.next = start;
        this.end = stop;
        this.set = names;
        this.at = -1;
        this.len = 0;
        return this;
    }

    /**
     * Moves to the next attribute.
     *
     * @return true when it moved to the next attribute, false at the end
     * @throws MalformedMessageException when the next attribute's length is below 4 or runs past its parent
     */
    public boolean next() {
        if (end - next < 4) {
            at = -1;
            return false;
        }
        int l = Bytes.u16(b, next);
        if (l < 4 || l > end - next) {
            throw new MalformedMessageException(l < 4 ? "attribute length " + l + " below 4"
                    : "attribute length " + l + " past its parent (" + (end - next) + " bytes left)", next);
        }
        at = next;
        len = l;
        next = Math.min(end, next + Bytes.align4(l));
        return true;
    }

    private int here() {
        if (at < 0) {
            throw new IllegalStateException("no current attribute: call next() first");
        }
        return at;
    }

    /**
     * The current attribute's number (nla_type), without the NLA_F_* flags.
     *
     * @return the attribute's number, without the NLA_F_* flags
     */
    public int type() {
        return Bytes.u16(b, here() + 2) & 0x3fff;
    }

    /**
     * The current attribute's NLA_F_NESTED (0x8000) and NLA_F_NET_BYTEORDER (0x4000) bits as received.
     *
     * @return the NLA_F_NESTED and NLA_F_NET_BYTEORDER bits as received
     */
    public int flags() {
        return Bytes.u16(b, here() + 2) & 0xc000;
    }

    /**
     * The current attribute's payload length in bytes, without its 4-byte header and padding.
     *
     * @return the payload's length in bytes
     */
    public int length() {
        here();
        return len - 4;
    }

    /**
     * The offset of the current attribute's header in the received buffer.
     *
     * @return the offset of the attribute's header in the received buffer
     */
    public int offset() {
        return here();
    }

    /**
     * The current attribute's definition in the set naming these attributes, or null.
     *
     * @return its definition in the set naming these attributes, or null
     */
    public AttrDef definition() {
        return set == null ? null : set.byId(type());
    }

    /**
     * The current attribute's name in its set, or its number as text when the set does not name it.
     *
     * @return its name, or its number as text
     */
    public String name() {
        AttrDef d = definition();
        return d != null ? d.name() : Integer.toString(type());
    }

    private int value(int need, String what) {
        int p = here();
        if (len - 4 < need) {
            throw new MalformedMessageException("attribute " + name() + " of " + (len - 4) + " bytes read as " + what, p);
        }
        return p + 4;
    }

    /**
     * Reads the payload as an unsigned 8-bit value.
     *
     * @return the payload as an unsigned 8-bit value
     * @throws MalformedMessageException when the payload is shorter than the value read
     */
    public int u8() {
        return b[value(1, "u8")] & 0xff;
    }

    /**
     * Reads the payload as an unsigned 16-bit value in host byte order.
     *
     * @return the payload as an unsigned 16-bit value, host order
     * @throws MalformedMessageException when the payload is shorter than the value read
     */
    public int u16() {
        return Bytes.u16(b, value(2, "u16"));
    }

    /**
     * Reads the payload as an unsigned 16-bit value in network byte order.
     *
     * @return the payload as an unsigned 16-bit value, network order
     * @throws MalformedMessageException when the payload is shorter than the value read
     */
    public int u16be() {
        return Bytes.u16be(b, value(2, "u16"));
    }

    /**
     * Reads the payload as an unsigned 32-bit value in host byte order.
     *
     * @return the payload as an unsigned 32-bit value, host order
     * @throws MalformedMessageException when the payload is shorter than the value read
     */
    public long u32() {
        return Integer.toUnsignedLong(Bytes.i32(b, value(4, "u32")));
    }

    /**
     * Reads the payload as a signed 32-bit value in host byte order.
     *
     * @return the payload as a signed 32-bit value, host order
     * @throws MalformedMessageException when the payload is shorter than the value read
     */
    public int s32() {
        return Bytes.i32(b, value(4, "s32"));
    }

    /**
     * Reads the payload as an unsigned 32-bit value in network byte order.
     *
     * @return the payload as an unsigned 32-bit value, network order
     * @throws MalformedMessageException when the payload is shorter than the value read
     */
    public long u32be() {
        return Integer.toUnsignedLong(Bytes.i32be(b, value(4, "u32")));
    }

    /**
     * Reads the payload as a 64-bit value in host byte order (an unsigned one read as a long).
     *
     * @return the payload as a 64-bit value, host order
     * @throws MalformedMessageException when the payload is shorter than the value read
     */
    public long u64() {
        return Bytes.i64(b, value(8, "u64"));
    }

    /**
     * The payload as an unsigned integer by its definition (width, byte order, sign) or, without one, by its length
     * (1, 2, 4 or 8 bytes), as {@link Attribute#asLong()} reads it.
     *
     * @return the value
     * @throws MalformedMessageException when the payload's length does not fit the type
     */
    public long asLong() {
        int p = here();
        AttrDef d = set == null ? null : set.byId(Bytes.u16(b, p + 2) & 0x3fff);
        AttrType t = d == null ? null : d.type();
        return Codec.integer(b, p + 4, len - 4, t != null && t.isInteger() ? t : null, d != null && d.bigEndian(), p);
    }

    /**
     * Reads the payload as a UTF-8 string ending at its first NUL or at the payload's end.
     *
     * @return the payload as a NUL-terminated UTF-8 string
     */
    public String string() {
        int p = here() + 4;
        int e = p;
        int stop = at + len;
        while (e < stop && b[e] != 0) {
            e++;
        }
        return new String(b, p, e - p, StandardCharsets.UTF_8);
    }

    /**
     * Reads an unsigned 32-bit value in host byte order at a byte offset into the payload (a struct member).
     *
     * @param offset a byte offset into the payload
     * @return the unsigned 32-bit value there, host order
     * @throws MalformedMessageException when the payload is shorter than the value read
     */
    public long u32At(int offset) {
        return Integer.toUnsignedLong(Bytes.i32(b, value(offset + 4, "u32 at byte " + offset) + offset));
    }

    /**
     * Reads a 64-bit value in host byte order at a byte offset into the payload (a struct member).
     *
     * @param offset a byte offset into the payload
     * @return the 64-bit value there, host order
     * @throws MalformedMessageException when the payload is shorter than the value read
     */
    public long u64At(int offset) {
        return Bytes.i64(b, value(offset + 8, "u64 at byte " + offset) + offset);
    }

    /**
     * Formats the payload as colon-separated lowercase hex, as {@code ip} prints a MAC address.
     *
     * @return the payload as colon-separated lowercase hex ({@code aa:bb:cc:dd:ee:ff}), as {@code ip} prints a MAC
     */
    public String mac() {
        int p = here() + 4;
        int n = len - 4;
        char[] out = new char[n == 0 ? 0 : n * 3 - 1];
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out[i * 3 - 1] = ':';
            }
            out[i * 3] = Character.forDigit((b[p + i] >> 4) & 0xf, 16);
            out[i * 3 + 1] = Character.forDigit(b[p + i] & 0xf, 16);
        }
        return new String(out);
    }

    /**
     * Copies the payload.
     *
     * @return a copy of the payload
     */
    public byte[] bytes() {
        int p = here() + 4;
        return Arrays.copyOfRange(b, p, at + len);
    }

    /**
     * True when the payload is 4 bytes: an IPv4 address.
     *
     * @return true when the payload is 4 bytes: an IPv4 address
     */
    public boolean isIpv4() {
        here();
        return len == 8;
    }

    /**
     * Reads the payload, 4 bytes, as an IPv4 address in an int (network order, as {@code inet_addr}).
     *
     * @return the payload, 4 bytes, as an IPv4 address in an int (network order, as {@code inet_addr})
     * @throws MalformedMessageException when the payload is not 4 bytes
     */
    public int ipv4() {
        int p = here();
        if (len != 8) {
            throw new MalformedMessageException("attribute " + name() + ": " + (len - 4)
                    + " bytes is not an IPv4 address", p);
        }
        return Bytes.i32be(b, at + 4);
    }

    /**
     * Reads the payload, 4 or 16 bytes, as an IPv4 or IPv6 address.
     *
     * @return the payload, 4 or 16 bytes, as an address
     * @throws MalformedMessageException when the payload is neither 4 nor 16 bytes
     */
    public InetAddress address() {
        int n = length();
        if (n != 4 && n != 16) {
            throw new MalformedMessageException("attribute " + name() + ": " + n
                    + " bytes is not an IPv4 or IPv6 address", at);
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(b, at + 4, at + len));
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // 4 and 16 bytes are always addresses
        }
    }

    /**
     * The attributes nested in this one, named by its definition's nested set (for a sub-message, by the format its
     * selector sibling picks; after a nest's or a format's fixed header): a cursor reused for every nest at this depth.
     *
     * @return the child cursor, before the nest's first attribute
     * @throws MalformedMessageException when the nesting is deeper than {@link Attributes#MAX_DEPTH} levels
     */
    public AttrCursor nested() {
        int p = here();
        if (depth >= Attributes.MAX_DEPTH) {
            throw new MalformedMessageException("nesting deeper than " + Attributes.MAX_DEPTH + " levels", p);
        }
        AttrDef d = definition();
        AttributeSet inner = d == null ? null : d.nested();
        int header = d == null ? 0 : d.nestHeaderSize();
        if (d != null && d.type() == AttrType.SUB_MESSAGE) {
            MessageDef f = set == null ? null : Check.format(b, start, end, set, d); // chosen by its sibling selector
            inner = f == null ? null : f.attributes();
            header = f == null ? 0 : f.headerSize();
        }
        if (child == null) {
            child = new AttrCursor(depth + 1);
        }
        return child.reset(b, p + 4 + Math.min(len - 4, Bytes.align4(header)), p + len, inner);
    }

    /**
     * The value decoded by its definition, as {@link Attribute#value()} gives it (this allocates).
     *
     * @return the value, or a {@link RawAttribute} without a definition
     */
    public Object value() {
        int p = here();
        return new Attribute(new Attributes(b, start, end, set, depth), p, len, definition()).value();
    }
}
