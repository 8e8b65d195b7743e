package io.jnetlink.cli;

import io.jnetlink.KernelNamespace;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static io.jnetlink.cli.Cli.jnl;
import static io.jnetlink.cli.Cli.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jnl ss} against {@code ss -n} in a namespace holding real sockets: the same lines, word by word. */
class SsCommandTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    private static final String SCRIPT = String.join("\n",
            "import socket, sys",
            "ls = socket.socket(); ls.bind(('127.0.0.1', 7070)); ls.listen(8)",
            "l6 = socket.socket(socket.AF_INET6); l6.bind(('::', 7071)); l6.listen(8)",
            "keep = []",
            "for p in (7070, 7070, 7071):",
            "    c = socket.create_connection(('127.0.0.1' if p == 7070 else '::1', p)); c.sendall(b'x' * 50)",
            "    a, _ = (ls if p == 7070 else l6).accept(); keep += [c, a]",
            "u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('127.0.0.1', 7072))",
            "x = socket.socket(socket.AF_UNIX); x.bind('\\0jnl-ss-cli'); x.listen(2)",
            "p, q = socket.socketpair()",
            "print('ready', flush=True)",
            "sys.stdin.read()");

    private static Process held;

    @BeforeAll
    static void open() throws Exception {
        NS.ip("link", "set", "lo", "up");
        held = new ProcessBuilder("ip", "netns", "exec", NS.name(), "python3", "-c", SCRIPT)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(held.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertEquals("ready", line);
    }

    @AfterAll
    static void close() throws Exception {
        if (held != null) {
            held.getOutputStream().close();
            if (!held.waitFor(10, TimeUnit.SECONDS)) {
                held.destroyForcibly();
            }
        }
    }

    /**
     * Each line's words; tcp_info lines without what moves on its own (times since, rates, bbr's model); the
     * header's words only (ss glues "Port" and "Process" when its columns are tight).
     */
    private static Set<String> words(String text) {
        Set<String> out = new TreeSet<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("State") || line.startsWith("Netid")) {
                out.add("header");
                continue;
            }
            List<String> w = new ArrayList<>();
            for (String t : line.trim().split("\\s+")) {
                if (t.isEmpty() || t.startsWith("last") || t.startsWith("bbr:") || t.startsWith("cgroup:")
                        || t.startsWith("rtt:") || t.startsWith("minrtt:") || t.endsWith("bps")
                        || t.equals("send") || t.equals("pacing_rate") || t.equals("delivery_rate")) {
                    continue;
                }
                w.add(t);
            }
            if (!w.isEmpty()) {
                out.add(String.join(" ", w));
            }
        }
        return out;
    }

    private static String ss(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ss"));
        cmd.addAll(List.of(args));
        return NS.exec(cmd.toArray(String[]::new));
    }

    private static String mine(String... args) {
        List<String> cmd = new ArrayList<>(List.of("-n", NS.name(), "ss"));
        cmd.addAll(List.of(args));
        return ok(cmd.toArray(String[]::new)).out();
    }

    @Test
    void linesAreSsLines() {
        for (String[] args : List.of(new String[] {"-tan"}, new String[] {"-uan"}, new String[] {"-xa"},
                new String[] {"-tuln"}, new String[] {"-ta", "state", "established"}, new String[] {"-tn6"},
                new String[] {"-tan", "sport = :7070 or dport = :7070"}, new String[] {"-tane"},
                new String[] {"-tin", "dst", "127.0.0.1"}, new String[] {})) {
            assertEquals(words(ss(args)), words(mine(args)), String.join(" ", args));
        }
    }

    @Test
    void jsonHoldsTheRecords() throws Exception {
        JsonNode a = Cli.JSON.readTree(mine("-tl", "-j"));
        assertEquals(2, a.size());
        for (JsonNode s : a) {
            assertEquals(10, s.get("state").asInt());
            assertEquals(6, s.get("protocol").asInt());
            assertTrue(s.has("localAddress") && s.has("localPort") && s.has("inode") && s.has("cookie"), s.toString());
        }
        JsonNode i = Cli.JSON.readTree(ok("-j", "-n", NS.name(), "ss", "-ti", "state", "established").out());
        assertEquals(ss("-Htn", "state", "established").lines().count(), i.size());
        assertTrue(i.size() >= 4, i.toString());
        assertTrue(i.get(0).get("tcpInfo").get("sndCwnd").asInt() > 0, i.toString());
    }

    @Test
    void killClosesWhatTheFilterSelects() {
        String killed = mine("-tK", "dport = :7071");
        assertEquals(2, killed.lines().count(), killed);             // the header and the one client
        assertTrue(killed.contains(":7071"), killed);
        assertEquals("", ss("-Htn", "dport", "=", ":7071"));
        assertEquals("", ss("-Htn", "sport", "=", ":7071"), "the accepted side was reset");
    }

    @Test
    void badInputIsAUsageError() {
        jnl("-n", NS.name(), "ss", "-p").bad("ss: -p (processes) is not supported: it needs a scan of every "
                + "/proc/PID/fd; -e shows each socket's inode");
        jnl("-n", NS.name(), "ss", "-t", "sport", "=", ":http").bad("filter: port ':http' is not a number of 0..65535");
        jnl("-n", NS.name(), "ss", "-t", "state", "sleeping").bad("state 'sleeping' is not a socket state "
                + "(established, syn-sent, syn-recv, fin-wait-1, fin-wait-2, time-wait, closed, close-wait, last-ack, "
                + "listening, closing, or all, connected, synchronized, bucket, big)");
        jnl("-n", NS.name(), "ss", "-xK").bad("ss: -K closes TCP and UDP sockets only; the kernel cannot close UNIX "
                + "sockets");
        jnl("-n", NS.name(), "ss", "-Z").usage("ss: unknown option -Z");
    }
}
