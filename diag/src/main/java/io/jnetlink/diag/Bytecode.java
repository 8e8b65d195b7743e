package io.jnetlink.diag;

import io.jnetlink.diag.SocketFilter.And;
import io.jnetlink.diag.SocketFilter.Host;
import io.jnetlink.diag.SocketFilter.Not;
import io.jnetlink.diag.SocketFilter.Or;
import io.jnetlink.diag.SocketFilter.PortRange;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;

/** The bytecode compiler of {@link SocketFilter}: iproute2's ssfilter_bytecompile, case by case. */
final class Bytecode {
    /** INET_DIAG_BC_JMP. */
    static final int BC_JMP = 1;
    /** INET_DIAG_BC_S_GE. */
    static final int BC_S_GE = 2;
    /** INET_DIAG_BC_S_LE. */
    static final int BC_S_LE = 3;
    /** INET_DIAG_BC_D_GE. */
    static final int BC_D_GE = 4;
    /** INET_DIAG_BC_D_LE. */
    static final int BC_D_LE = 5;
    /** INET_DIAG_BC_S_COND. */
    static final int BC_S_COND = 7;
    /** INET_DIAG_BC_D_COND. */
    static final int BC_D_COND = 8;

    private Bytecode() {
    }

    static byte[] compile(SocketFilter f) {
        return switch (f) {
            case Host h -> host(h);
            case PortRange r -> {
                int code = r.source() ? (r.atLeast() ? BC_S_GE : BC_S_LE) : (r.atLeast() ? BC_D_GE : BC_D_LE);
                ByteArrayOutputStream o = new ByteArrayOutputStream();
                op(o, code, 8, 12);
                op(o, 0, 0, r.port());
                yield o.toByteArray();
            }
            case And a -> {
                byte[] l = compile(a.left());
                byte[] r = compile(a.right());
                patch(l, r.length);
                yield concat(l, new byte[0], r);
            }
            case Or x -> {
                byte[] l = compile(x.left());
                byte[] r = compile(x.right());
                ByteArrayOutputStream j = new ByteArrayOutputStream();
                op(j, BC_JMP, 4, r.length + 4);
                yield concat(l, j.toByteArray(), r);
            }
            case Not n -> {
                byte[] l = compile(n.operand());
                ByteArrayOutputStream j = new ByteArrayOutputStream();
                op(j, BC_JMP, 4, 8);
                yield concat(l, j.toByteArray(), new byte[0]);
            }
        };
    }

    private static byte[] host(Host h) {
        int family = h.address() == null ? 0 : h.address() instanceof Inet4Address ? Diag.AF_INET : Diag.AF_INET6;
        byte[] addr = h.address() == null ? new byte[4] : h.address().getAddress();
        int len = 4 + 8 + addr.length;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        op(o, h.source() ? BC_S_COND : BC_D_COND, len, len + 4);
        o.write(family);
        o.write(h.prefixLen());
        o.write(0);
        o.write(0);
        int p = h.port();
        o.write(p);
        o.write(p >> 8);
        o.write(p >> 16);
        o.write(p >> 24);
        o.writeBytes(addr);
        return o.toByteArray();
    }

    private static void op(ByteArrayOutputStream o, int code, int yes, int no) {
        o.write(code);
        o.write(yes);
        o.write(no);
        o.write(no >> 8);
    }

    /** Failing jumps of {@code a} that leave it (to its end + 4) are moved on by {@code reloc} (ssfilter_patch). */
    private static void patch(byte[] a, int reloc) {
        int p = 0;
        int len = a.length;
        while (len > 0) {
            int yes = a[p + 1] & 0xff;
            int no = (a[p + 2] & 0xff) | (a[p + 3] & 0xff) << 8;
            if (no == len + 4) {
                no += reloc;
                a[p + 2] = (byte) no;
                a[p + 3] = (byte) (no >> 8);
            }
            len -= yes;
            p += yes;
        }
    }

    private static byte[] concat(byte[] a, byte[] b, byte[] c) {
        byte[] out = new byte[a.length + b.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        return out;
    }
}

