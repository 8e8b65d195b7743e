package io.jnetlink.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON writer's bytes, and the printer that writes show commands' objects, on one thread or two. */
class JsonTest {

    @Test
    void numbersAtTheirLimits() {
        List<Object> numbers = List.of(0, -1, 7L, 10, 99L, 100, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE,
                Long.MIN_VALUE, 1_000_000_000_000_000_000L);
        assertEquals("[0,-1,7,10,99,100,2147483647,-2147483648,9223372036854775807,-9223372036854775808,"
                + "1000000000000000000]", Json.write(numbers));
    }

    @Test
    void stringsAreEscapedAndUtf8() {
        String s = "a\"b\\c\nd\re\tf\u0001g é € \uD83D\uDE00 \uD800";
        // a lone surrogate becomes '?', as String.getBytes(UTF_8) makes it
        String expected = "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g é € \uD83D\uDE00 ?\"";
        Json j = new Json(1);
        j.string(s);
        assertEquals(expected, j.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        j.drainTo(out);
        assertEquals(0, j.length());
        assertEquals(expected, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void valuesOfEveryKind() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v4", InetAddress.getByName("10.0.255.1"));
        m.put("bytes", new byte[] {1, (byte) 0xab});
        m.put("yes", true);
        m.put("none", null);
        m.put("real", 1.5);
        m.put("nested", List.of(Map.of("k", "v"), List.of()));
        assertEquals("{\"v4\":\"10.0.255.1\",\"bytes\":\"01ab\",\"yes\":true,\"none\":null,\"real\":1.5,"
                + "\"nested\":[{\"k\":\"v\"},[]]}", Json.write(m));
    }

    private static String printed(boolean json, boolean background, int n) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8);
        Main.Printer p = new Main.Printer(out, json, false, m -> "n " + m.get("n"));
        if (background) {
            p.background(4);
        }
        BiConsumer<Integer, IpView.Sink> fields = (i, keys) -> {
            keys.put("n", i);
            keys.put("name", "x" + i);
        };
        for (int i = 0; i < n; i++) {
            p.print(i, fields);
        }
        p.end();
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theSecondThreadPrintsWhatOneThreadPrints() {
        for (int n : new int[] {0, 1, 255, 256, 257, 100_000}) {
            assertEquals(printed(true, false, n), printed(true, true, n), n + " objects as JSON");
            assertEquals(printed(false, false, n), printed(false, true, n), n + " objects as text");
        }
        assertEquals("[]\n", printed(true, true, 0));
        assertEquals("[{\"n\":0,\"name\":\"x0\"},{\"n\":1,\"name\":\"x1\"}]\n", printed(true, true, 2));
    }

    @Test
    void aFailureWhileFormattingComesBackAfterWhatWasPrintedBeforeIt() {
        for (Throwable boom : new Throwable[] {new IllegalStateException("boom"), new AssertionError("boom")}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8);
            Main.Printer p = new Main.Printer(out, true, false, m -> "").background(4);
            BiConsumer<Integer, IpView.Sink> fields = (i, keys) -> {
                keys.put("n", i);
                if (i == 1000) {
                    sneaky(boom); // after a key: the half-written object must not be left in the output
                }
            };
            for (int i = 0; i < 5000; i++) { // far more than the queue holds: the receiving side must never block
                p.print(i, fields);
            }
            assertSame(boom, assertThrows(Throwable.class, p::flush));
            out.flush();
            String s = bytes.toString(StandardCharsets.UTF_8);
            // the objects before the failing one are all there, in order, and nothing after it
            assertEquals(1000, s.split("\\{").length - 1, boom.toString());
            assertTrue(s.endsWith(",{\"n\":999}"), boom.toString());
        }
    }

    private static void sneaky(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        throw (RuntimeException) t;
    }
}
