package io.jnetlink.cli;

import io.jnetlink.Errno;
import io.jnetlink.NetlinkException;
import io.jnetlink.route.IPRoute;
import io.jnetlink.route.LinkRequest;
import io.jnetlink.route.RouteRequest;
import io.jnetlink.socket.NetlinkSocketSpec;
import io.jnetlink.sys.Libc;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * The training run of {@code ./jnl}'s start-up cache (JDK 25's AOT cache, {@code -XX:AOTCacheOutput}): runs the
 * read-only commands people type most, in the caller's network namespace, with their output thrown away, so that
 * the classes they load and the methods they run are in the cache. Then, when it may (as root), it fills a network
 * namespace of its own (unnamed, gone with the process) with {@value #ROUTES} routes and dumps them as JSON
 * {@value #DUMPS} times: with the profiles these dumps leave in the cache, a later dump's decoding methods are
 * compiled sooner (a 262,144-route {@code jnl -j route show} is 10-30 ms faster). Not a command: the launcher runs it
 * once after each build.
 */
final class Training {
    private Training() {
    }

    private static final List<List<String>> COMMANDS = List.of(
            List.of("link", "show"), List.of("-j", "link", "show"), List.of("-br", "link"), List.of("-s", "link"),
            List.of("-d", "link", "show", "lo"), List.of("addr", "show"), List.of("-j", "addr"),
            List.of("-br", "addr"), List.of("route", "show"), List.of("-j", "route", "show", "table", "all"),
            List.of("-6", "route"), List.of("neigh"), List.of("-j", "neigh"), List.of("rule"), List.of("-j", "rule"),
            List.of("netns", "list"), List.of("help"), List.of("route", "help"), List.of("link", "frobnicate"),
            List.of("genl", "list"), List.of("qdisc", "show"), List.of("-j", "ss", "-a"), List.of("ss", "-t", "-a"),
            List.of("ynl", "--family", "netdev", "--dump", "dev-get"));

    /**
     * Runs the training commands.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        for (List<String> c : COMMANDS) {
            Main.run(c.toArray(String[]::new), none, none);
        }
        bigDump(none);
    }

    /** Routes in the training's namespace, and how many times they are dumped (~2 s in all, once per build). */
    private static final int ROUTES = 16384;
    private static final int DUMPS = 8;
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_CLOEXEC = 02000000;

    /**
     * The route dump, as root, in a network namespace of its own with no name: held by a file descriptor, so that
     * nothing is made under /run/netns and the namespace goes with this process however it ends. Without root,
     * nothing.
     */
    private static void bigDump(PrintStream none) {
        Libc libc = Libc.system();
        int fd = unnamedNamespace(libc);
        if (fd < 0) {
            return; // not root (EPERM): the cache holds the commands above only
        }
        String ns = "/proc/self/fd/" + fd;
        try (IPRoute ip = new IPRoute(NetlinkSocketSpec.builder().netns(ns).flags(0).build())) {
            ip.setLink(LinkRequest.named("lo").up());
            for (int i = 0; i < ROUTES; i++) {
                String dst = "10." + (i >> 16) + "." + (i >> 8 & 255) + "." + (i & 255) + "/32";
                ip.addRoute(RouteRequest.to(dst).dev("lo"));
            }
            for (int i = 0; i < DUMPS; i++) {
                Main.run(new String[] {"-n", ns, "-j", "route", "show"}, none, none);
            }
        } catch (NetlinkException | RuntimeException e) {
            // the kernel refused a route, say: the cache is still made, from what ran before; a training run that
            // failed would leave jnl without a cache until the next build
        } finally {
            libc.close(fd);
        }
    }

    /** A new network namespace, unshared on a thread that then ends: an open descriptor of it, or -errno. */
    private static int unnamedNamespace(Libc libc) {
        int[] fd = {-1};
        Thread t = Thread.ofPlatform().start(() -> {
            int r = libc.unshare(CLONE_NEWNET);
            fd[0] = r < 0 ? r : libc.open("/proc/thread-self/ns/net", O_CLOEXEC /* O_RDONLY */, 0);
        });
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -Errno.EINTR;
        }
        return fd[0];
    }
}
