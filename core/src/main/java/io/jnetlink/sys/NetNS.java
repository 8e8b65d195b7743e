package io.jnetlink.sys;

import io.jnetlink.Errno;
import io.jnetlink.NetlinkException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/**
 * Named network namespaces as iproute2 keeps them: a bind mount of the namespace on
 * {@code /run/netns/NAME}. {@link #create} does what {@code ip netns add} does, {@link #remove} what
 * {@code ip netns del} does. Needs CAP_SYS_ADMIN. Entering a namespace always happens on a dedicated
 * platform thread that ends afterwards, so no caller thread ever changes namespace.
 */
public final class NetNS {
    /** Where named namespaces live. */
    public static final String RUN_DIR = "/run/netns";

    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY = 0;
    private static final int O_CREAT = 0100;
    private static final int O_EXCL = 0200;
    private static final int O_CLOEXEC = 02000000;
    private static final long MS_BIND = 4096;
    private static final long MS_REC = 16384;
    private static final long MS_SHARED = 1 << 20;
    private static final int MNT_DETACH = 2;

    private NetNS() {
    }

    /**
     * The path of a namespace given by name ({@code /run/netns/NAME}) or by path (anything with a '/').
     *
     * @param nameOrPath a namespace name such as {@code "blue"}, or a path such as {@code /proc/1234/ns/net}
     * @return {@code /run/netns/NAME} for a name, the path itself for a path
     */
    public static Path path(String nameOrPath) {
        return nameOrPath.contains("/") ? Path.of(nameOrPath) : Path.of(RUN_DIR, nameOrPath);
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("'" + name + "' is not a valid namespace name");
        }
    }

    /**
     * The names under /run/netns, sorted.
     *
     * @return the names of the named namespaces, sorted; empty when {@code /run/netns} does not exist
     * @throws IOException when the directory cannot be read
     */
    public static List<String> list() throws IOException {
        Path dir = Path.of(RUN_DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * True when a namespace of that name or path exists.
     *
     * @param nameOrPath a namespace name, or a path (anything with a '/')
     * @return true when the file {@link #path(String)} names exists
     */
    public static boolean exists(String nameOrPath) {
        return Files.exists(path(nameOrPath));
    }

    /**
     * Creates the named namespace, as {@code ip netns add NAME}, through {@link Libc#system()}.
     *
     * @param name the new namespace's name: not empty, no '/', not "." or ".."
     * @throws IllegalArgumentException when the name is not a valid namespace name
     * @throws NetlinkException when it cannot be created: EEXIST when it exists, EPERM without CAP_SYS_ADMIN, ...
     */
    public static void create(String name) throws NetlinkException {
        create(name, Libc.system());
    }

    /**
     * Creates the named namespace through {@code libc}: makes {@code /run/netns} a shared mount, creates
     * {@code /run/netns/NAME}, and bind-mounts a new network namespace on it (unshared on a thread of its own).
     *
     * @param name the new namespace's name: not empty, no '/', not "." or ".."
     * @param libc the system calls to make
     * @throws IllegalArgumentException when the name is not a valid namespace name
     * @throws NetlinkException when it cannot be created: EEXIST when it exists, EPERM without CAP_SYS_ADMIN, ...
     */
    public static void create(String name, Libc libc) throws NetlinkException {
        checkName(name);
        String op = "netns add " + name;
        try {
            Files.createDirectories(Path.of(RUN_DIR));
        } catch (IOException e) {
            throw new NetlinkException(op, Errno.EPERM, "cannot create " + RUN_DIR + ": " + e.getMessage());
        }
        int r = libc.mount("", RUN_DIR, "none", MS_SHARED | MS_REC);
        if (r == -Errno.EINVAL) {
            r = libc.mount(RUN_DIR, RUN_DIR, "none", MS_BIND | MS_REC);
            if (r >= 0) {
                r = libc.mount("", RUN_DIR, "none", MS_SHARED | MS_REC);
            }
        }
        if (r < 0) {
            throw new NetlinkException(op, -r, "cannot make " + RUN_DIR + " a shared mount");
        }
        String target = path(name).toString();
        int fd = libc.open(target, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
        if (fd < 0) {
            throw new NetlinkException(op, -fd, fd == -17 ? "namespace '" + name + "' exists" : "cannot create " + target);
        }
        libc.close(fd);
        int[] result = new int[1];
        String[] step = new String[1];
        try {
            runOnOwnThread(() -> {
                int u = libc.unshare(CLONE_NEWNET);
                if (u < 0) {
                    result[0] = u;
                    step[0] = "unshare(CLONE_NEWNET)";
                    return;
                }
                int m = libc.mount("/proc/thread-self/ns/net", target, "none", MS_BIND);
                if (m < 0) {
                    result[0] = m;
                    step[0] = "bind mount on " + target;
                }
            });
        } catch (RuntimeException | Error e) {
            removeQuietly(target);
            throw e;
        }
        if (result[0] < 0) {
            removeQuietly(target);
            throw new NetlinkException(op, -result[0], step[0] + " failed");
        }
    }

    /** Removes the empty file a failed create left (best effort: the failure being reported is what matters). */
    private static void removeQuietly(String target) {
        try {
            Files.deleteIfExists(Path.of(target));
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    /**
     * Removes the named namespace, as {@code ip netns del NAME}, through {@link Libc#system()}. The namespace
     * itself lives on while a process or socket still uses it.
     *
     * @param name the namespace's name: not empty, no '/', not "." or ".."
     * @throws IllegalArgumentException when the name is not a valid namespace name
     * @throws NetlinkException ENOENT when it does not exist, EPERM when its file cannot be removed
     */
    public static void remove(String name) throws NetlinkException {
        remove(name, Libc.system());
    }

    /**
     * Removes the named namespace through {@code libc}: detaches the bind mount on {@code /run/netns/NAME}
     * ({@code umount2(MNT_DETACH)}, whose failure is ignored) and deletes the file.
     *
     * @param name the namespace's name: not empty, no '/', not "." or ".."
     * @param libc the system calls to make
     * @throws IllegalArgumentException when the name is not a valid namespace name
     * @throws NetlinkException ENOENT when it does not exist, EPERM when its file cannot be removed
     */
    public static void remove(String name, Libc libc) throws NetlinkException {
        checkName(name);
        String target = path(name).toString();
        String op = "netns del " + name;
        if (!Files.exists(Path.of(target))) {
            throw new NetlinkException(op, Errno.ENOENT, "namespace '" + name + "' does not exist");
        }
        libc.umount2(target, MNT_DETACH);
        try {
            Files.delete(Path.of(target));
        } catch (IOException e) {
            throw new NetlinkException(op, Errno.EPERM, "cannot remove " + target + ": " + e.getMessage());
        }
    }

    /**
     * Opens {@code socket(domain, type, protocol)} inside a namespace (by path, or by fd when
     * {@code nsFd} is not null), on a platform thread that enters it only for that call.
     */
    static int socketIn(Libc libc, String nsPath, Integer nsFd, int domain, int type, int protocol) throws NetlinkException {
        int r = callIn(libc, nsPath, nsFd, () -> libc.socket(domain, type, protocol));
        if (r < 0) {
            throw new NetlinkException("socket in namespace", -r, "socket");
        }
        return r;
    }

    /**
     * Runs {@code action} on a fresh platform thread that has entered a network namespace (by name or path, or by
     * {@code nsFd} when not null) and returns its result: for calls whose effect depends on the calling thread's
     * namespace, such as {@code socket(2)} or opening {@code /dev/net/tun}. Java threads never change namespace.
     *
     * @param libc       the system calls to make (to open and enter the namespace)
     * @param nameOrPath the namespace by name or path; ignored when {@code nsFd} is not null
     * @param nsFd       an open namespace descriptor to enter, or null to open {@code nameOrPath}
     * @param action     what to run inside the namespace; a RuntimeException it throws is rethrown to the caller
     * @return what {@code action} returned (a negative value is returned as is)
     * @throws NetlinkException when the namespace cannot be entered (ENOENT "network namespace X does not exist")
     */
    public static int callIn(Libc libc, String nameOrPath, Integer nsFd, IntSupplier action) throws NetlinkException {
        String nsPath = nsFd != null ? null : path(nameOrPath).toString();
        int[] out = new int[1];
        String[] step = new String[1];
        runOnOwnThread(() -> {
            int self = libc.open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC, 0);
            if (self < 0) {
                out[0] = self;
                step[0] = "open /proc/thread-self/ns/net";
                return;
            }
            int target = nsFd != null ? nsFd : libc.open(nsPath, O_RDONLY | O_CLOEXEC, 0);
            try {
                if (target < 0) {
                    out[0] = target;
                    step[0] = "open namespace " + nsPath;
                    return;
                }
                int r = libc.setns(target, CLONE_NEWNET);
                if (r < 0) {
                    out[0] = r;
                    step[0] = "setns into " + (nsFd != null ? "fd " + nsFd : nsPath);
                    return;
                }
                out[0] = action.getAsInt();
                libc.setns(self, CLONE_NEWNET);
            } finally {
                libc.close(self);
                if (nsFd == null && target >= 0) {
                    libc.close(target);
                }
            }
        });
        if (step[0] != null) {
            String what = step[0];
            if (out[0] == -Errno.ENOENT && what.startsWith("open namespace")) {
                what = "network namespace " + nsPath + " does not exist";
            }
            throw new NetlinkException("enter namespace", -out[0], what);
        }
        return out[0];
    }

    private static void runOnOwnThread(Runnable r) {
        Throwable[] failure = new Throwable[1];
        Thread t = Thread.ofPlatform().name("jnetlink-netns").daemon(true).unstarted(() -> {
            try {
                r.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] instanceof RuntimeException re) {
            throw re;
        }
        if (failure[0] instanceof Error e) {
            throw e; // an OutOfMemoryError stays one
        }
        if (failure[0] != null) {
            throw new IllegalStateException(failure[0]);
        }
    }
}
