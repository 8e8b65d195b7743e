package io.jnetlink;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Coverage-guided fuzzing with Jazzer (libFuzzer for the JVM): runs a fuzz target class (one with
 * {@code public static void fuzzerTestOneInput(byte[])}) in a child JVM for a bounded time, seeded from the
 * captured kernel replies in the test resources {@code fuzz/<TargetClass>/}, and fails when the target throws
 * anything but what it lets pass. The child JVM gets this JVM's class path. The tests run each target for a few
 * seconds; {@code bench/run-fuzz.sh} runs them for as long as it is told (FUZZ_SECONDS).
 */
public final class Fuzz {
    private Fuzz() {
    }

    /** Seconds per target: the system property {@code jnetlink.fuzz.seconds}, else {@code dflt}. */
    public static int seconds(int dflt) {
        return Integer.getInteger("jnetlink.fuzz.seconds", dflt);
    }

    /**
     * Fuzzes {@code target} for {@code seconds}.
     *
     * @throws AssertionError with the finding (its stack trace and the input in hex) when the target failed
     */
    public static void run(Class<?> target, int seconds) throws IOException, InterruptedException {
        run(target, seconds, List.of());
    }

    /**
     * Fuzzes {@code target} for {@code seconds}, seeded also from the files of {@code moreSeeds} (read only).
     *
     * @throws AssertionError with the finding (its stack trace and the input in hex) when the target failed
     */
    public static void run(Class<?> target, int seconds, List<Path> moreSeeds) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("jnl-fuzz-" + target.getSimpleName());
        try {
            Path corpus = Files.createDirectories(work.resolve("corpus"));
            List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"),
                    "com.code_intelligence.jazzer.Jazzer",
                    "--target_class=" + target.getName(),
                    "--instrumentation_includes=io.jnetlink.**",
                    "--reproducer_path=" + work,
                    "-max_total_time=" + seconds,
                    "-rss_limit_mb=2048",
                    "-timeout=10",
                    "-artifact_prefix=" + work + "/",
                    corpus.toString()));
            Path seeds = seeds(target);
            if (seeds != null) {
                cmd.add(seeds.toString());
            }
            moreSeeds.forEach(d -> cmd.add(d.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve("log").toFile()).start();
            if (!p.waitFor(seconds + 120L, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the fuzzer of " + target.getSimpleName() + " did not stop");
            }
            String log = Files.readString(work.resolve("log"), StandardCharsets.UTF_8);
            String done = log.lines().filter(l -> l.contains("DONE") || l.startsWith("Done ")).reduce((a, b) -> b)
                    .orElse("(no libFuzzer summary)");
            System.out.println("fuzz " + target.getSimpleName() + " for " + seconds + " s: " + done.trim());
            if (p.exitValue() != 0 || !log.contains("DONE")) {
                StringBuilder found = new StringBuilder();
                try (Stream<Path> s = Files.list(work)) {
                    for (Path f : s.filter(x -> x.getFileName().toString().startsWith("crash-")
                            || x.getFileName().toString().startsWith("timeout-")
                            || x.getFileName().toString().startsWith("oom-")).toList()) {
                        byte[] in = Files.readAllBytes(f);
                        found.append('\n').append(f.getFileName()).append(" (").append(in.length).append(" bytes): ")
                                .append(HexFormat.of().formatHex(in, 0, Math.min(in.length, 512)));
                    }
                }
                String what = log.lines().filter(l -> l.contains("== Java Exception") || l.contains("ERROR: libFuzzer"))
                        .findFirst().orElse("(see the log's tail)");
                throw new AssertionError("fuzzing " + target.getSimpleName() + " found a failure (exit " + p.exitValue()
                        + "): " + what + "\n" + tail(log, 60) + found);
            }
        } finally {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            }
        }
    }

    private static Path seeds(Class<?> target) {
        URL u = target.getResource("/fuzz/" + target.getSimpleName());
        try {
            return u == null || !"file".equals(u.getProtocol()) ? null : Path.of(u.toURI());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String tail(String log, int lines) {
        String[] l = log.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(l, Math.max(0, l.length - lines), l.length));
    }
}
