package io.jnetlink.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Reads and writes of integers in byte arrays, in host order (netlink's) and in network order. */
public final class Bytes {
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.nativeOrder());
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle B16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle B32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle B64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Bytes() {
    }

    /** Unsigned 16-bit, host order. */
    public static int u16(byte[] b, int off) {
        return (short) I16.get(b, off) & 0xffff;
    }

    /** 32-bit, host order. */
    public static int i32(byte[] b, int off) {
        return (int) I32.get(b, off);
    }

    /** 64-bit, host order. */
    public static long i64(byte[] b, int off) {
        return (long) I64.get(b, off);
    }

    /** Unsigned 16-bit, network order. */
    public static int u16be(byte[] b, int off) {
        return (short) B16.get(b, off) & 0xffff;
    }

    /** 32-bit, network order. */
    public static int i32be(byte[] b, int off) {
        return (int) B32.get(b, off);
    }

    /** 64-bit, network order. */
    public static long i64be(byte[] b, int off) {
        return (long) B64.get(b, off);
    }

    /** Writes 16 bits, host order. */
    public static void put16(byte[] b, int off, int v) {
        I16.set(b, off, (short) v);
    }

    /** Writes 32 bits, host order. */
    public static void put32(byte[] b, int off, int v) {
        I32.set(b, off, v);
    }

    /** Writes 64 bits, host order. */
    public static void put64(byte[] b, int off, long v) {
        I64.set(b, off, v);
    }

    /** Writes 16 bits, network order. */
    public static void put16be(byte[] b, int off, int v) {
        B16.set(b, off, (short) v);
    }

    /** Writes 32 bits, network order. */
    public static void put32be(byte[] b, int off, int v) {
        B32.set(b, off, v);
    }

    /** Writes 64 bits, network order. */
    public static void put64be(byte[] b, int off, long v) {
        B64.set(b, off, v);
    }

    /** {@code n} rounded up to a multiple of 4 (NLMSG_ALIGN, NLA_ALIGN). */
    public static int align4(int n) {
        return (n + 3) & ~3;
    }
}
