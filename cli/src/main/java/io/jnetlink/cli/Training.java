package io.jnetlink.cli;

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
    }
}
