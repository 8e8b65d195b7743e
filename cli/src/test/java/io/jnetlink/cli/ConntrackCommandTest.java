package io.jnetlink.cli;

import io.jnetlink.KernelNamespace;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jnl conntrack} against {@code conntrack} (conntrack-tools) on the same namespace: the same lines for every
 * list, get and event (timeouts aside, which tick between the two runs), the same fields in -j's JSON, and changes
 * that conntrack then sees.
 */
class ConntrackCommandTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    static final List<List<String>> TABLE = List.of(
            List.of("-p", "tcp", "-s", "10.0.0.1", "-d", "10.0.0.2", "--sport", "1000", "--dport", "80",
                    "--state", "ESTABLISHED", "-u", "SEEN_REPLY,ASSURED", "-t", "300", "-m", "5"),
            List.of("-p", "udp", "-s", "10.0.0.4", "-d", "10.0.0.2", "--sport", "53", "--dport", "5353",
                    "-t", "250", "-m", "261"),
            List.of("-p", "icmp", "-s", "10.0.0.1", "-d", "10.0.0.9", "--icmp-type", "8", "--icmp-code", "0",
                    "--icmp-id", "77", "-t", "240"),
            List.of("-p", "tcp", "-s", "2001:db8::1", "-d", "2001:db8::2", "--sport", "1", "--dport", "2",
                    "--state", "TIME_WAIT", "-t", "220", "--zone", "7"),
            List.of("-p", "icmpv6", "-s", "2001:db8::1", "-d", "2001:db8::9", "--icmpv6-type", "128",
                    "--icmpv6-code", "0", "--icmpv6-id", "9", "-t", "210"));

    @BeforeEach
    void fill() {
        conntrack("-F");
        for (List<String> e : TABLE) {
            List<String> args = new ArrayList<>(List.of("-I"));
            args.addAll(e);
            conntrack(args.toArray(String[]::new));
        }
    }

    /** {@code conntrack args...} in the namespace; stdout. */
    static String conntrack(String... args) {
        List<String> cmd = new ArrayList<>(List.of("conntrack"));
        cmd.addAll(List.of(args));
        return NS.exec(cmd.toArray(String[]::new));
    }

    static Cli.Result jnl(String... args) {
        List<String> all = new ArrayList<>(List.of("-n", NS.name()));
        all.addAll(List.of(args));
        return Cli.jnl(all.toArray(String[]::new));
    }

    static String ok(String... args) {
        Cli.Result r = jnl(args);
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        return r.out();
    }

    /** The lines, their timeouts masked (they tick between two runs), sorted. */
    static List<String> lines(String out) {
        List<String> l = new ArrayList<>();
        for (String s : out.lines().toList()) {
            l.add(s.replaceFirst("^(ipv[46]\\s+\\d+\\s+)?(\\S+\\s+\\d+\\s+)\\d+ ", "$1$2T "));
        }
        Collections.sort(l);
        return l;
    }

    @Test
    void listGetAndCountPrintConntracksLines() {
        List<List<String>> options = List.of(List.of(), List.of("-o", "extended,id"), List.of("-o", "extended"),
                List.of("-p", "tcp"), List.of("-f", "ipv6"), List.of("-m", "5"), List.of("-m", "5/0xff"),
                List.of("--zone", "7"), List.of("-s", "10.0.0.1"), List.of("-d", "2001:db8::2"),
                List.of("-p", "udp", "--dport", "5353"), List.of("-u", "ASSURED"), List.of("-p", "icmpv6"));
        for (List<String> o : options) {
            List<String> args = new ArrayList<>(List.of("-L"));
            args.addAll(o);
            List<String> theirs = lines(conntrack(args.toArray(String[]::new)));
            List<String> args2 = new ArrayList<>(List.of("conntrack"));
            args2.addAll(args);
            assertEquals(theirs, lines(ok(args2.toArray(String[]::new))), String.join(" ", args));
            assertFalse(theirs.isEmpty(), String.join(" ", args));
        }
        String[] get = {"-G", "-p", "tcp", "-s", "10.0.0.1", "-d", "10.0.0.2", "--sport", "1000", "--dport", "80"};
        List<String> jget = new ArrayList<>(List.of("conntrack"));
        jget.addAll(List.of(get));
        assertEquals(lines(conntrack(get)), lines(ok(jget.toArray(String[]::new))));
        assertEquals(conntrack("-C"), ok("conntrack", "-C"));
        assertEquals("2\n", ok("conntrack", "-C", "-f", "ipv6"));
    }

    /** One {@code -o extended,id} line's fields, keyed as the JSON is. */
    static Map<String, String> parse(String line) {
        String[] t = line.trim().split(" +");
        Map<String, String> f = new TreeMap<>();
        f.put("family", t[0]);
        f.put("protocol", t[2]);
        int i = 5;
        if (!t[i].contains("=") && !t[i].startsWith("[")) {
            f.put("state", t[i++]);
        }
        String dir = null;
        String last = "";
        for (; i < t.length; i++) {
            if (t[i].startsWith("[")) {
                f.put(t[i].toLowerCase(Locale.ROOT), "yes");
                continue;
            }
            String k = t[i].substring(0, t[i].indexOf('='));
            String v = t[i].substring(k.length() + 1);
            if (k.equals("src")) {
                dir = dir == null ? "original" : "reply";
            }
            boolean inTuple = List.of("src", "dst", "sport", "dport", "type", "code").contains(k)
                    || k.equals("id") && last.equals("code");
            f.put(inTuple ? dir + "." + k : k, v);
            last = k;
        }
        f.remove("use");
        return f;
    }

    /** The same fields from one of jnl's JSON objects. */
    static Map<String, String> fields(JsonNode o) {
        Map<String, String> f = new TreeMap<>();
        f.put("family", o.get("family").asText());
        f.put("protocol", o.get("protocol").asText());
        if (o.has("state")) {
            f.put("state", o.get("state").asText());
        }
        for (String dir : List.of("original", "reply")) {
            o.get(dir).fields().forEachRemaining(e -> f.put(dir + "." + e.getKey(), e.getValue().asText()));
        }
        List<String> status = new ArrayList<>();
        o.get("status").forEach(s -> status.add(s.asText()));
        if (!status.contains("SEEN_REPLY")) {
            f.put("[unreplied]", "yes");
        }
        if (status.contains("ASSURED")) {
            f.put("[assured]", "yes");
        }
        f.put("mark", o.get("mark").asText());
        if (o.has("zone")) {
            f.put("zone", o.get("zone").asText());
        }
        f.put("id", o.get("id").asText());
        return f;
    }

    @Test
    void jsonCarriesTheFieldsConntrackShows() {
        Map<String, Map<String, String>> theirs = new TreeMap<>();
        for (String l : conntrack("-L", "-o", "extended,id").lines().toList()) {
            Map<String, String> f = parse(l);
            theirs.put(f.get("id"), f);
        }
        Map<String, Map<String, String>> mine = new TreeMap<>();
        JsonNode all = Cli.parse(ok("-j", "conntrack", "-L"));
        for (JsonNode o : all) {
            Map<String, String> f = fields(o);
            mine.put(f.get("id"), f);
            assertTrue(o.get("timeout").asLong() <= 300);
            assertTrue(o.get("status").toString().contains("CONFIRMED"));
        }
        assertEquals(TABLE.size(), mine.size());
        assertEquals(theirs, mine);
        JsonNode one = Cli.parse(ok("-j", "conntrack", "-G", "-p", "udp", "-s", "10.0.0.4", "-d", "10.0.0.2",
                "--sport", "53", "--dport", "5353"));
        assertEquals(1, one.size());
        assertEquals(261, one.get(0).get("mark").asInt());
    }

    @Test
    void createDeleteAndFlushChangeWhatConntrackSees() {
        ok("conntrack", "-I", "-p", "tcp", "-s", "10.8.0.1", "-d", "10.8.0.2", "--sport", "9", "--dport", "22",
                "-t", "120", "--state", "SYN_RECV", "-m", "3", "--zone", "2");
        ok("conntrack", "-I", "-p", "icmp", "-s", "10.8.0.1", "-d", "10.8.0.3", "--icmp-type", "13", "--icmp-code", "0",
                "--icmp-id", "4", "-t", "60", "-r", "192.0.2.3");
        List<String> theirs = lines(conntrack("-L", "-m", "3"));
        assertEquals(1, theirs.size());
        assertTrue(theirs.get(0).contains("SYN_RECV src=10.8.0.1 dst=10.8.0.2 sport=9 dport=22 [UNREPLIED] "
                + "src=10.8.0.2 dst=10.8.0.1 sport=22 dport=9 mark=3 zone=2 use=1"), theirs.get(0));
        assertTrue(conntrack("-L", "-p", "icmp", "-s", "10.8.0.1").contains("src=192.0.2.3 dst=10.8.0.1 type=14"));

        List<String> udp = lines(conntrack("-L", "-p", "udp"));
        assertEquals(udp, lines(ok("conntrack", "-D", "-p", "udp")), "-D prints what it deleted");
        assertEquals("", conntrack("-L", "-p", "udp"));

        ok("conntrack", "-F", "-f", "ipv6");
        assertEquals("", conntrack("-L", "-f", "ipv6"));
        assertFalse(conntrack("-L", "-f", "ipv4").isEmpty());
        ok("conntrack", "-F");
        assertEquals("0", conntrack("-C").strip());
    }

    @Test
    void eventsAreTheLinesConntrackPrints() throws Exception {
        Process theirs = new ProcessBuilder("ip", "netns", "exec", NS.name(), "conntrack", "-E", "-o", "id")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> theirLines = Collections.synchronizedList(new ArrayList<>());
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(theirs.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    theirLines.add(l.replaceFirst(" progname=\\S+$", ""));
                }
            } catch (IOException e) {
                // the process was stopped
            }
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicInteger status = new AtomicInteger(-1);
        Thread mine = Thread.ofPlatform().start(() -> status.set(Main.run(
                new String[] {"-n", NS.name(), "conntrack", "-E", "-o", "id"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err)));
        try {
            // both listen once both print an event of a change made until then
            String[] sync = {"-p", "udp", "-s", "10.99.0.1", "-d", "10.99.0.2", "--sport", "1", "--dport", "1"};
            for (int i = 0; i < 200 && !(has(theirLines, "10.99.0.1") && has(out, "10.99.0.1")); i++) {
                List<String> a = new ArrayList<>(List.of("-I"));
                a.addAll(List.of(sync));
                a.addAll(List.of("-t", "5"));
                exec(concat("conntrack", a));
                exec(concat("conntrack", concat("-D", List.of(sync))));
                Thread.sleep(50);
            }
            assertTrue(has(theirLines, "10.99.0.1") && has(out, "10.99.0.1"), "both listen");

            String[] t = {"-p", "tcp", "-s", "10.5.0.1", "-d", "10.5.0.2", "--sport", "7", "--dport", "8"};
            exec(concat("conntrack", concat("-I", concat(List.of(t), List.of("--state", "SYN_SENT", "-t", "100")))));
            exec(concat("conntrack", concat("-U", concat(List.of(t), List.of("-m", "3")))));
            ok("conntrack", "-I", "-p", "udp", "-s", "2001:db8::5", "-d", "2001:db8::6", "--sport", "53", "--dport",
                    "5353", "-t", "60");
            exec(concat("conntrack", concat("-D", List.of(t))));
            ok("conntrack", "-D", "-p", "udp", "-s", "2001:db8::5");
            for (int i = 0; i < 200 && !(count(theirLines, "[DESTROY]", "2001:db8::5") == 1
                    && count(out, "[DESTROY]", "2001:db8::5") == 1); i++) {
                Thread.sleep(50);
            }
        } finally {
            mine.interrupt();
            mine.join();
            theirs.destroy();
            reader.join();
        }
        List<String> expected = after(new ArrayList<>(theirLines));
        List<String> actual = after(out.toString(StandardCharsets.UTF_8).lines().toList());
        assertEquals(5, expected.size(), expected::toString);
        assertEquals(expected, actual);
        assertEquals(0, status.get());
    }

    /** The lines after the sync entry's, without it. */
    private static List<String> after(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (!l.contains("10.99.0.")) {
                out.add(l);
            }
        }
        return out;
    }

    private static boolean has(List<String> lines, String text) {
        synchronized (lines) {
            return lines.stream().anyMatch(l -> l.contains(text));
        }
    }

    private static boolean has(ByteArrayOutputStream out, String text) {
        return out.toString(StandardCharsets.UTF_8).contains(text);
    }

    private static long count(List<String> lines, String a, String b) {
        synchronized (lines) {
            return lines.stream().filter(l -> l.contains(a) && l.contains(b)).count();
        }
    }

    private static long count(ByteArrayOutputStream out, String a, String b) {
        return out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(a) && l.contains(b)).count();
    }

    private static void exec(List<String> cmd) {
        NS.exec(cmd.toArray(String[]::new));
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> l = new ArrayList<>(List.of(first));
        l.addAll(rest);
        return l;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    @Test
    void usageErrorsChangeNothingAndRefusalsNameTheOperation() {
        String before = String.join("\n", new TreeSet<>(lines(conntrack("-L"))));
        jnl("conntrack").usage("conntrack: a command is needed (-L, -G, -D, -F, -E, -C, -I)");
        jnl("conntrack", "-L", "-G").usage("conntrack: only one command at a time (-L and -G)");
        jnl("conntrack", "-L", "--bogus", "1").usage("conntrack: unknown option '--bogus'");
        jnl("conntrack", "-L", "-t", "5").usage("conntrack: option -t does not go with -L");
        jnl("conntrack", "-F", "--dport").usage("conntrack: option --dport needs a value");
        jnl("conntrack", "-I", "-p", "tcp", "-s", "10.0.0.1", "-d", "10.0.0.7", "--sport", "1", "--dport", "2")
                .usage("conntrack create: -t (timeout) is needed");
        jnl("conntrack", "-L", "-m", "0x1ffffffff").usage("conntrack: -m '0x1ffffffff' is not a number of 0 to "
                + "4294967295");
        jnl("conntrack", "-L", "-s", "nohost").bad("source: 'nohost' is not an IPv4 or IPv6 address");
        jnl("conntrack", "-L", "--dport", "80").bad("a port filter needs protocol tcp or udp (the kernel compares "
                + "ports of those only)");
        jnl("conntrack", "-I", "-p", "icmp", "-s", "10.0.0.1", "-d", "10.0.0.7", "--icmp-type", "3", "--icmp-code",
                "0", "--icmp-id", "1", "-t", "5").bad("tuple: conntrack does not track icmp type 3 (only 0, 8, 13-18)");
        assertEquals(before, String.join("\n", new TreeSet<>(lines(conntrack("-L")))));

        jnl("conntrack", "-G", "-p", "tcp", "-s", "10.0.0.1", "-d", "10.0.0.2", "--sport", "1000", "--dport", "81")
                .refused("conntrack get tcp src=10.0.0.1 dst=10.0.0.2 sport=1000 dport=81: ENOENT (No such file or "
                        + "directory): no such entry");
        jnl("conntrack", "-I", "-p", "tcp", "-s", "10.0.0.1", "-d", "10.0.0.2", "--sport", "1000", "--dport", "80",
                "-t", "5").refused("conntrack create tcp src=10.0.0.1 dst=10.0.0.2 sport=1000 dport=80: EEXIST (File "
                + "exists)");
        jnl("conntrack", "-D", "-p", "udp", "-s", "10.77.0.1").refused("conntrack delete: ENOENT (No such file or "
                + "directory): no entry matched");
    }
}
