package io.jnetlink;

import io.jnetlink.message.Attribute;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Hand-built netlink bytes for tests: little-endian (host order on the machines these tests run on)
 * integers, nlmsghdr, genlmsghdr, nlattr with 4-byte padding, and NLMSG_ERROR / NLMSG_DONE replies.
 */
public final class Wire {
    public static final int NLMSG_ERROR = Netlink.NLMSG_ERROR;
    public static final int NLMSG_DONE = Netlink.NLMSG_DONE;

    private Wire() {
    }

    /** A little-endian byte builder. */
    public static final class Buf {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Buf u8(int v) {
            out.write(v);
            return this;
        }

        public Buf u16(int v) {
            return u8(v).u8(v >>> 8);
        }

        public Buf u32(int v) {
            return u16(v).u16(v >>> 16);
        }

        public Buf u64(long v) {
            return u32((int) v).u32((int) (v >>> 32));
        }

        public Buf be16(int v) {
            return u8(v >>> 8).u8(v);
        }

        public Buf be32(int v) {
            return be16(v >>> 16).be16(v);
        }

        public Buf bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        public Buf zeros(int n) {
            return bytes(new byte[n]);
        }

        /** Zero bytes up to the next multiple of 4. */
        public Buf pad() {
            return zeros(align4(size()) - size());
        }

        public int size() {
            return out.size();
        }

        public byte[] build() {
            return out.toByteArray();
        }
    }

    public static Buf buf() {
        return new Buf();
    }

    public static int align4(int n) {
        return (n + 3) & ~3;
    }

    public static byte[] u16(int v) {
        return buf().u16(v).build();
    }

    public static byte[] u32(int v) {
        return buf().u32(v).build();
    }

    public static byte[] u64(long v) {
        return buf().u64(v).build();
    }

    /** A string with its NUL terminator. */
    public static byte[] cstr(String s) {
        return buf().bytes(s.getBytes(StandardCharsets.UTF_8)).u8(0).build();
    }

    public static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    public static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    public static byte[] concat(byte[]... parts) {
        Buf b = buf();
        for (byte[] p : parts) {
            b.bytes(p);
        }
        return b.build();
    }

    /** One attribute: nla_len = 4 + payload, then zero padding to 4 bytes. */
    public static byte[] attr(int type, byte[] payload) {
        return buf().u16(4 + payload.length).u16(type).bytes(payload).pad().build();
    }

    /** A nest with NLA_F_NESTED set around already-encoded attributes. */
    public static byte[] nest(int type, byte[]... children) {
        return attr(type | Attribute.F_NESTED, concat(children));
    }

    /** A genlmsghdr (cmd, version, reserved). */
    public static byte[] genl(int cmd, int version) {
        return buf().u8(cmd).u8(version).u16(0).build();
    }

    /** An nlmsghdr with nlmsg_len = 16 + payload, the payload, then padding to 4. */
    public static byte[] msg(int type, int flags, int seq, int port, byte[] payload) {
        return buf().u32(16 + payload.length).u16(type).u16(flags).u32(seq).u32(port).bytes(payload).pad().build();
    }

    /** An nlmsghdr claiming {@code len} bytes, followed by exactly {@code payload} (no padding). */
    public static byte[] msgWithLength(int len, int type, int flags, int seq, int port, byte[] payload) {
        return buf().u32(len).u16(type).u16(flags).u32(seq).u32(port).bytes(payload).build();
    }

    /** A generic netlink message. */
    public static byte[] genlMsg(int familyId, int flags, int seq, int port, int cmd, byte[]... attrs) {
        return msg(familyId, flags, seq, port, concat(genl(cmd, 1), concat(attrs)));
    }

    /** An nlctrl newfamily message describing family {@code name} with id {@code id}. */
    public static byte[] newFamily(int flags, int seq, int port, String name, int id) {
        return genlMsg(Netlink.GENL_ID_CTRL, flags, seq, port, TestCtrl.CMD_NEWFAMILY,
                attr(1, u16(id)), attr(2, cstr(name)), attr(3, u32(2)));
    }

    /**
     * An NLMSG_ERROR: error code, the quoted request (whole or, when capped, its 16-byte header), then
     * ext-ack TLVs.
     */
    public static byte[] error(int flags, int seq, int port, int error, byte[] quoted, byte[]... tlvs) {
        return msg(NLMSG_ERROR, flags, seq, port, concat(u32(error), quoted, concat(tlvs)));
    }

    /** A success ACK as the kernel sends it: 36 bytes, NLM_F_CAPPED, the request's header quoted. */
    public static byte[] ack(int seq, int port, byte[] request) {
        return error(Netlink.NLM_F_CAPPED, seq, port, 0, Arrays.copyOf(request, 16));
    }

    /** An NLMSG_DONE carrying {@code error} (0 for a clean end) and optional TLVs. */
    public static byte[] done(int flags, int seq, int port, int error, byte[]... tlvs) {
        return msg(NLMSG_DONE, flags, seq, port, concat(u32(error), concat(tlvs)));
    }

    /** Unsigned 16-bit little-endian at {@code off}. */
    public static int u16At(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    /** 32-bit little-endian at {@code off}. */
    public static int u32At(byte[] b, int off) {
        return u16At(b, off) | u16At(b, off + 2) << 16;
    }

    /** nlmsg_seq of the message at {@code off}. */
    public static int seqOf(byte[] b, int off) {
        return u32At(b, off + 8);
    }

    /** nlmsg_pid of the message at {@code off}. */
    public static int portOf(byte[] b, int off) {
        return u32At(b, off + 12);
    }

    /** nlmsg_flags of the message at {@code off}. */
    public static int flagsOf(byte[] b, int off) {
        return u16At(b, off + 6);
    }
}
