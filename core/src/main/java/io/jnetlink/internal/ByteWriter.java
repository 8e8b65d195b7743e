package io.jnetlink.internal;

import java.util.Arrays;

/** A growable byte array with host-order and network-order integer writes and 4-byte alignment. */
public final class ByteWriter {
    private byte[] b;
    private int pos;

    /** A writer with {@code capacity} bytes to start with. */
    public ByteWriter(int capacity) {
        b = new byte[Math.max(16, capacity)];
    }

    private void ensure(int n) {
        if (pos + n > b.length) {
            b = Arrays.copyOf(b, Math.max(b.length * 2, pos + n));
        }
    }

    /** Bytes written so far. */
    public int position() {
        return pos;
    }

    /** Reserves {@code n} zero bytes and returns their offset. */
    public int reserve(int n) {
        ensure(n);
        int at = pos;
        Arrays.fill(b, pos, pos + n, (byte) 0);
        pos += n;
        return at;
    }

    /** Writes one byte. */
    public void u8(int v) {
        ensure(1);
        b[pos++] = (byte) v;
    }

    /** Writes 16 bits, host or network order. */
    public void u16(int v, boolean bigEndian) {
        ensure(2);
        if (bigEndian) {
            Bytes.put16be(b, pos, v);
        } else {
            Bytes.put16(b, pos, v);
        }
        pos += 2;
    }

    /** Writes 32 bits, host or network order. */
    public void u32(int v, boolean bigEndian) {
        ensure(4);
        if (bigEndian) {
            Bytes.put32be(b, pos, v);
        } else {
            Bytes.put32(b, pos, v);
        }
        pos += 4;
    }

    /** Writes 64 bits, host or network order. */
    public void u64(long v, boolean bigEndian) {
        ensure(8);
        if (bigEndian) {
            Bytes.put64be(b, pos, v);
        } else {
            Bytes.put64(b, pos, v);
        }
        pos += 8;
    }

    /** Writes bytes. */
    public void bytes(byte[] v, int off, int len) {
        ensure(len);
        System.arraycopy(v, off, b, pos, len);
        pos += len;
    }

    /** Pads with zeros to a multiple of 4. */
    public void align() {
        int pad = Bytes.align4(pos) - pos;
        if (pad > 0) {
            reserve(pad);
        }
    }

    /** Overwrites 16 bits at {@code at}, host order. */
    public void patch16(int at, int v) {
        Bytes.put16(b, at, v);
    }

    /** Overwrites 32 bits at {@code at}, host order. */
    public void patch32(int at, int v) {
        Bytes.put32(b, at, v);
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(b, pos);
    }
}
