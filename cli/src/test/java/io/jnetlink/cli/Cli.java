package io.jnetlink.cli;

import io.jnetlink.KernelNamespace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs {@code jnl} in-process for the tests, and compares its JSON with {@code ip -j}'s. */
final class Cli {
    private Cli() {
    }

    static final ObjectMapper JSON = new ObjectMapper();

    /** What a run printed and returned. */
    record Result(int status, String out, String err) {
        /** A kernel refusal: status 1 and exactly one line, "jnl: " and {@code message}. */
        void refused(String message) {
            assertEquals(1, status, err);
            assertEquals("", out);
            assertEquals("jnl: " + message + "\n", err);
        }

        /** A usage error: status 2 and one line, the reason and a hint to the help ("(try \"jnl link help\")"). */
        void usage(String reason) {
            assertEquals(2, status, err);
            assertEquals("", out);
            assertTrue(err.startsWith("jnl: " + reason + " (try \"jnl "), err);
            assertTrue(err.endsWith(" help\")\n"), err);
            assertEquals(1, err.lines().count(), err);
        }

        /** A bad argument: status 2 and exactly one line. */
        void bad(String message) {
            assertEquals(2, status, err);
            assertEquals("", out);
            assertEquals("jnl: " + message + "\n", err);
        }
    }

    static Result jnl(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Result ok(String... args) {
        Result r = jnl(args);
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        return r;
    }

    /** {@code ip -n NS -j args...}, parsed. */
    static JsonNode ip(KernelNamespace ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("-j"));
        cmd.addAll(List.of(args));
        return parse(ns.ip(cmd.toArray(String[]::new)));
    }

    /** {@code jnl -n NS -j args...}, parsed. */
    static JsonNode jnlJson(KernelNamespace ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("-n", ns.name(), "-j"));
        cmd.addAll(List.of(args));
        return parse(ok(cmd.toArray(String[]::new)).out());
    }

    /**
     * Asserts that {@code jnl -j args} prints what {@code ip -j args} prints: the same objects in the same order,
     * each with the same keys and values. Returns ip's output.
     */
    static JsonNode sameAsIp(KernelNamespace ns, String... args) {
        JsonNode expected = ip(ns, args);
        JsonNode actual = jnlJson(ns, args);
        assertEquals(expected.size(), actual.size(), () -> String.join(" ", args) + "\nip:  " + expected
                + "\njnl: " + actual);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), String.join(" ", args) + ", object " + i);
        }
        return expected;
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text.isBlank() ? "[]" : text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
