package io.jnetlink.cli;

import io.jnetlink.NetlinkException;
import io.jnetlink.route.IPRoute;
import io.jnetlink.route.LinkRequest;
import io.jnetlink.route.RouteRequest;
import io.jnetlink.socket.NetlinkSocketSpec;
import io.jnetlink.sys.NetNS;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * The training run of {@code ./jnl}'s start-up cache (JDK 25's AOT cache, {@code -XX:AOTCacheOutput}): runs the
 * read-only commands people type most, in the caller's network namespace, with their output thrown away, so that
 * the classes they load and the methods they run are in the cache. Not a command: the launcher runs it once after
 * each build.
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
            List.of("genl", "list"));

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

    /** The route dump, as root, in a namespace made for it and removed after; without root, nothing. */
    private static void bigDump(PrintStream none) {
        String ns = "jnl-training-" + ProcessHandle.current().pid();
        try {
            try (IPRoute ip = new IPRoute(NetlinkSocketSpec.builder().netns(ns).build())) {
                ip.setLink(LinkRequest.named("lo").up());
                for (int i = 0; i < ROUTES; i++) {
                    String dst = "10." + (i >> 16) + "." + (i >> 8 & 255) + "." + (i & 255) + "/32";
                    ip.addRoute(RouteRequest.to(dst).dev("lo"));
                }
            }
            for (int i = 0; i < DUMPS; i++) {
                Main.run(new String[] {"-n", ns, "-j", "route", "show"}, none, none);
            }
        } catch (NetlinkException | RuntimeException e) {
            // not root (EPERM), or the kernel refused a route: the cache is still made, from what ran before; a
            // training run that failed would leave jnl without a cache until the next build
        } finally {
            try {
                if (NetNS.exists(ns)) {
                    NetNS.remove(ns);
                }
            } catch (NetlinkException e) {
                System.err.println("jnl training: cannot remove network namespace " + ns + ": " + e.getMessage());
            }
        }
    }
}
