package io.jnetlink.sys;

import jnetlinkprobe.NativeAccessProbe;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JVM that denies native access ({@code --illegal-native-access=deny}) without enabling it for jnetlink: the first
 * use fails with an {@link IllegalStateException} naming the flag to add, for the class path (ALL-UNNAMED) and for
 * the module path (io.jnetlink.core), in a JVM of its own.
 */
class NativeAccessDeniedTest {

    private static String java(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static final String CP = System.getProperty("java.class.path");

    @Test
    void onTheClassPathTheMessageNamesAllUnnamed() throws Exception {
        String out = java(List.of("--illegal-native-access=deny", "-cp", CP, NativeAccessProbe.class.getName()));
        String expected = "java.lang.IllegalStateException: jnetlink makes its system calls through java.lang.foreign, "
                + "and this JVM denies it native access: start the JVM with --enable-native-access=ALL-UNNAMED";
        assertEquals(expected + "\n" + expected + "\n", out);
    }

    @Test
    void onTheModulePathTheMessageNamesTheCoreModule() throws Exception {
        // the core's classes (target/classes or its jar) and SLF4J as modules; the probe stays on the class path
        List<String> entries = Stream.of(CP.split(File.pathSeparator)).toList();
        String core = entries.stream().filter(e -> e.endsWith("core" + File.separator + "target" + File.separator
                + "classes")).findFirst().orElseThrow(() -> new AssertionError("no core classes in " + CP));
        String slf4j = entries.stream().filter(e -> e.contains("slf4j-api")).findFirst().orElseThrow();
        String rest = entries.stream().filter(e -> !e.equals(core) && !e.equals(slf4j))
                .collect(Collectors.joining(File.pathSeparator));
        String out = java(List.of("--illegal-native-access=deny", "--module-path", core + File.pathSeparator + slf4j,
                "--add-modules", "io.jnetlink.core", "-cp", rest, NativeAccessProbe.class.getName()));
        assertTrue(out.contains("start the JVM with --enable-native-access=io.jnetlink.core\n"), out);
        assertTrue(out.startsWith("java.lang.IllegalStateException: "), out);
    }

    @Test
    void withTheFlagItWorks() throws Exception {
        String out = java(List.of("--illegal-native-access=deny", "--enable-native-access=ALL-UNNAMED", "-cp", CP,
                NativeAccessProbe.class.getName()));
        assertEquals("no error\nno error\n", out);
    }
}
