package io.jnetlink.cli;

import io.jnetlink.KernelNamespace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jnl monitor} receives the events of a scripted sequence of changes, in order, one line each, and prints
 * nothing else on stdout. It runs in a thread, stopped by interruption.
 */
class MonitorCommandTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    /** A running monitor and what it printed so far. */
    static final class Running implements AutoCloseable {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final AtomicInteger status = new AtomicInteger(-1);
        final Thread thread;

        Running(String... args) {
            List<String> all = new ArrayList<>(List.of("-n", NS.name()));
            all.addAll(List.of(args));
            thread = Thread.ofPlatform().start(() -> status.set(Main.run(all.toArray(String[]::new),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8))));
        }

        List<String> lines() {
            return out.toString(StandardCharsets.UTF_8).lines().toList();
        }

        /** Waits until a printed line contains {@code text}, making the change {@code poke} until then. */
        void await(String text, Runnable poke) throws InterruptedException {
            for (int i = 0; i < 600 && lines().stream().noneMatch(l -> l.contains(text)); i++) {
                poke.run();
                Thread.sleep(50);
            }
            assertTrue(lines().stream().anyMatch(l -> l.contains(text)), "never printed '" + text + "': " + lines());
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join();
        }
    }

    /** The lines after the first containing {@code marker}, those that contain one of {@code wanted}, in order. */
    static List<String> after(List<String> lines, String marker, List<String> wanted) {
        List<String> out = new ArrayList<>();
        boolean seen = false;
        for (String l : lines) {
            if (seen && wanted.stream().anyMatch(l::contains)) {
                out.add(l);
            }
            seen |= l.contains(marker);
        }
        return out;
    }

    @Test
    void scriptedSequenceInOrder() throws Exception {
        NS.ip("link", "add", "m0", "type", "veth", "peer", "name", "m1");
        NS.ip("link", "set", "m0", "up");
        try (Running mon = new Running("monitor", "all")) {
            // the monitor is listening once a change it watches shows up
            mon.await("sync0", () -> {
                NS.ip("link", "add", "sync0", "type", "ifb");
                NS.ip("link", "del", "sync0");
            });
            NS.ip("link", "set", "m0", "mtu", "1400");
            NS.ip("addr", "add", "10.40.0.1/24", "dev", "m0");
            NS.ip("route", "add", "10.41.0.0/16", "via", "10.40.0.2", "table", "100");
            NS.ip("neigh", "add", "10.40.0.9", "lladdr", "02:00:00:00:00:09", "dev", "m0");
            NS.ip("rule", "add", "from", "10.40.0.0/24", "table", "100", "priority", "400");
            NS.ip("rule", "del", "priority", "400");
            NS.ip("route", "del", "10.41.0.0/16", "table", "100");
            NS.ip("addr", "del", "10.40.0.1/24", "dev", "m0");
            NS.ip("link", "del", "m0");
            mon.await("[LINK]Deleted 2: m1", () -> { });
            List<String> wanted = List.of("m0: <", "10.40.0.1/24", "10.41.0.0/16", "10.40.0.9 ", "lookup 100",
                    "m1: <");
            List<String> got = after(mon.lines(), "sync0", wanted);
            List<String> expectedStarts = List.of(
                    "[LINK]3: m0@m1: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 1400",
                    "[ADDR]3: m0    inet 10.40.0.1/24 scope global m0",
                    "[ROUTE]10.41.0.0/16 via 10.40.0.2 dev m0 table 100",
                    "[NEIGH]10.40.0.9 dev m0 lladdr 02:00:00:00:00:09 PERMANENT",
                    "[RULE]400:\tfrom 10.40.0.0/24 lookup 100",
                    "[RULE]Deleted 400:\tfrom 10.40.0.0/24 lookup 100",
                    "[ROUTE]Deleted 10.41.0.0/16 via 10.40.0.2 dev m0 table 100",
                    "[ADDR]Deleted 3: m0    inet 10.40.0.1/24 scope global m0");
            int i = 0;
            for (String line : got) {
                if (i < expectedStarts.size() && line.startsWith(expectedStarts.get(i))) {
                    i++;
                }
            }
            assertEquals(expectedStarts.size(), i, "the events in order; got:\n" + String.join("\n", got));
            assertTrue(got.getLast().contains("Deleted") && got.getLast().contains("m1"), got.getLast());
            for (String l : mon.lines()) {
                assertTrue(l.startsWith("[LINK]") || l.startsWith("[ADDR]") || l.startsWith("[ROUTE]")
                        || l.startsWith("[NEIGH]") || l.startsWith("[RULE]"), "only event lines: " + l);
            }
            assertEquals("", mon.err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void jsonLinesOfOneKind() throws Exception {
        try (Running mon = new Running("-j", "monitor", "link")) {
            mon.await("\"ifname\":\"sync1\"", () -> {
                NS.ip("link", "add", "sync1", "type", "ifb");
                NS.ip("link", "del", "sync1");
            });
            NS.ip("link", "add", "j0", "type", "bridge");
            NS.ip("link", "del", "j0");
            mon.await("\"deleted\":true,\"ifindex\"", () -> { });
            mon.await("\"ifname\":\"j0\"", () -> { });
            List<String> j0 = mon.lines().stream().filter(l -> l.contains("\"ifname\":\"j0\"")).toList();
            assertTrue(j0.getFirst().startsWith("{\"event\":\"link\",\"ifindex\":"), j0.getFirst());
            for (String l : mon.lines()) {
                assertEquals("link", Cli.parse(l).get("event").asText(), l);
            }
        }
        NS.ip("link", "show");
    }

    @Test
    void unknownObject() {
        Cli.jnl("-n", NS.name(), "monitor", "bogus").usage(
                "monitor: unknown object 'bogus' (link, address, route, neighbour, rule, all)");
    }
}
