package io.jnetlink.cli;

import io.jnetlink.KernelNamespace;
import io.jnetlink.sys.Libc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * tc as the oracle for the kinds this kernel lacks: runs tc with {@code src/test/c/tcfake.c} preloaded (built here
 * with gcc), which logs the traffic-control requests tc sends and answers them itself (an ACK, or the dump replies
 * of a file) while link lookups reach the kernel. {@link Recording} records what jnetlink sends.
 */
final class TcFake {
    private static Path lib;

    private TcFake() {
    }

    /** The stand-in, built once per run into target/. */
    static synchronized Path library() {
        if (lib == null) {
            Path out = Path.of("target", "tcfake.so").toAbsolutePath();
            KernelNamespace.run(List.of("gcc", "-shared", "-fPIC", "-O1", "-o", out.toString(),
                    Path.of("src", "test", "c", "tcfake.c").toAbsolutePath().toString(), "-ldl"));
            lib = out;
        }
        return lib;
    }

    /** What one run of tc printed and sent. */
    record Run(String out, byte[] sent) {
    }

    /**
     * Runs {@code tc -n NS args} against the stand-in: its requests are logged and acknowledged, a dump is answered
     * with {@code reply} (raw messages; null for none).
     */
    static Run tc(KernelNamespace ns, byte[] reply, String... args) {
        try {
            Path log = Files.createTempFile("tcfake", ".log");
            Path rep = Files.createTempFile("tcfake", ".reply");
            try {
                Files.write(rep, reply == null ? new byte[0] : reply);
                List<String> cmd = new ArrayList<>(List.of("tc", "-n", ns.name()));
                cmd.addAll(List.of(args));
                ProcessBuilder pb = new ProcessBuilder(cmd);
                pb.environment().put("LD_PRELOAD", library().toString());
                pb.environment().put("TCFAKE_LOG", log.toString());
                pb.environment().put("TCFAKE_REPLY", rep.toString());
                Process p = pb.start();
                byte[] out = p.getInputStream().readAllBytes();
                byte[] err = p.getErrorStream().readAllBytes();
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new AssertionError("tc " + String.join(" ", args) + " failed: " + new String(err));
                }
                return new Run(new String(out), Files.readAllBytes(log));
            } finally {
                Files.deleteIfExists(log);
                Files.deleteIfExists(rep);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The real system calls, with every netlink message sent recorded; with {@link #dumps} set, a traffic-control
     * dump request is answered with those messages (then NLMSG_DONE) instead of reaching the kernel, as the
     * stand-in does for tc.
     */
    static final class Recording implements Libc {
        private final Libc sys = Libc.system();
        final List<byte[]> sent = new CopyOnWriteArrayList<>();
        volatile byte[] dumps;
        private volatile byte[] pending;

        @Override
        public long sendto(int fd, ByteBuffer buffer, int offset, int length, int flags) {
            byte[] b = new byte[length];
            buffer.get(offset, b);
            sent.add(b);
            int type = (b[4] & 0xff) | (b[5] & 0xff) << 8;
            int nlFlags = (b[6] & 0xff) | (b[7] & 0xff) << 8;
            if (dumps != null && (type == 38 || type == 42 || type == 46) && (nlFlags & 0x300) == 0x300) {
                pending = answer(dumps, b, (int) sys.getsockname(fd));
                return length;
            }
            return sys.sendto(fd, buffer, offset, length, flags);
        }

        /** The canned messages with the request's sequence number and our port, NLM_F_MULTI, then DONE. */
        private static byte[] answer(byte[] msgs, byte[] req, int port) {
            byte[] out = java.util.Arrays.copyOf(msgs, msgs.length + 20);
            for (int p = 0; p + 16 <= msgs.length; ) {
                int len = (out[p] & 0xff) | (out[p + 1] & 0xff) << 8 | (out[p + 2] & 0xff) << 16;
                out[p + 6] |= 0x02; // NLM_F_MULTI
                System.arraycopy(req, 8, out, p + 8, 4);
                ByteBuffer.wrap(out, p + 12, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(port);
                p += (len + 3) & ~3;
            }
            ByteBuffer done = ByteBuffer.wrap(out, msgs.length, 20).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            done.putInt(20).putShort((short) 3).putShort((short) 2);
            System.arraycopy(req, 8, out, msgs.length + 8, 4);
            ByteBuffer.wrap(out, msgs.length + 12, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(port);
            return out;
        }

        /** The last traffic-control message sent (types 36 to 46). */
        byte[] lastTc() {
            for (int i = sent.size() - 1; i >= 0; i--) {
                int type = (sent.get(i)[4] & 0xff) | (sent.get(i)[5] & 0xff) << 8;
                if (type >= 36 && type <= 46) {
                    return sent.get(i);
                }
            }
            return null;
        }

        @Override
        public int socket(int domain, int type, int protocol) {
            return sys.socket(domain, type, protocol);
        }

        @Override
        public int bind(int fd, int portId, int groups) {
            return sys.bind(fd, portId, groups);
        }

        @Override
        public long getsockname(int fd) {
            return sys.getsockname(fd);
        }

        @Override
        public int setsockopt(int fd, int level, int option, byte[] value) {
            return sys.setsockopt(fd, level, option, value);
        }

        @Override
        public int getsockopt(int fd, int level, int option, byte[] value) {
            return sys.getsockopt(fd, level, option, value);
        }

        @Override
        public long recvmsg(int fd, ByteBuffer buffer, int offset, int length, int flags, RecvInfo info) {
            byte[] p = pending;
            if (p != null) {
                pending = null;
                info.reset();
                buffer.put(offset, p, 0, Math.min(length, p.length));
                return p.length;
            }
            return sys.recvmsg(fd, buffer, offset, length, flags, info);
        }

        @Override
        public int recvmmsg(int fd, ByteBuffer buffer, int slotSize, int flags, long[] lengths, RecvInfo[] infos) {
            if (pending != null) {
                lengths[0] = recvmsg(fd, buffer, 0, slotSize, flags, infos[0]);
                return 1;
            }
            return sys.recvmmsg(fd, buffer, slotSize, flags, lengths, infos);
        }

        @Override
        public int poll(int[] fds, short[] events, short[] revents, int timeoutMillis) {
            if (pending != null && fds.length > 0) {
                java.util.Arrays.fill(revents, (short) 0);
                revents[0] = POLLIN;
                return 1;
            }
            return sys.poll(fds, events, revents, timeoutMillis);
        }

        @Override
        public int epollCreate() {
            return sys.epollCreate();
        }

        @Override
        public int epollCtl(int epfd, int op, int fd, int events, long data) {
            return sys.epollCtl(epfd, op, fd, events, data);
        }

        @Override
        public int epollWait(int epfd, int[] events, long[] data, int timeoutMillis) {
            return sys.epollWait(epfd, events, data, timeoutMillis);
        }

        @Override
        public int close(int fd) {
            return sys.close(fd);
        }

        @Override
        public int setNonBlocking(int fd, boolean nonBlocking) {
            return sys.setNonBlocking(fd, nonBlocking);
        }

        @Override
        public int eventfd(int initialValue, int flags) {
            return sys.eventfd(initialValue, flags);
        }

        @Override
        public long eventfdWrite(int fd, long value) {
            return sys.eventfdWrite(fd, value);
        }

        @Override
        public int open(String path, int flags, int mode) {
            return sys.open(path, flags, mode);
        }

        @Override
        public int ioctl(int fd, long request, byte[] arg) {
            return sys.ioctl(fd, request, arg);
        }

        @Override
        public int ioctl(int fd, long request, long arg) {
            return sys.ioctl(fd, request, arg);
        }

        @Override
        public int setns(int fd, int nsType) {
            return sys.setns(fd, nsType);
        }

        @Override
        public int unshare(int flags) {
            return sys.unshare(flags);
        }

        @Override
        public int mount(String source, String target, String fsType, long flags) {
            return sys.mount(source, target, fsType, flags);
        }

        @Override
        public int umount2(String target, int flags) {
            return sys.umount2(target, flags);
        }

        @Override
        public int getpid() {
            return sys.getpid();
        }

        @Override
        public int gettid() {
            return sys.gettid();
        }

        @Override
        public int setpriority(int tid, int nice) {
            return sys.setpriority(tid, nice);
        }
    }
}
