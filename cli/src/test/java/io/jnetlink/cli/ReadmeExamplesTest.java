package io.jnetlink.cli;

import io.jnetlink.KernelNamespace;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code ```java} block of README.md, compiled with javax.tools against the jnetlink jars and run, so that no
 * example can rot. A block of statements becomes the body of a {@code main} (with the imports of every jnetlink
 * package and the usual java.util ones) and runs in a JVM of its own inside a network namespace of its own (the
 * README's namespace "blue" is that one); a module declaration is compiled against the modules on the module path.
 */
class ReadmeExamplesTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    private static final Path README = Path.of("..", "README.md");
    private static final String CP = System.getProperty("java.class.path");
    private static final String IMPORTS = Stream.of("io.jnetlink", "io.jnetlink.sys", "io.jnetlink.schema",
            "io.jnetlink.message", "io.jnetlink.socket", "io.jnetlink.route", "io.jnetlink.generic", "io.jnetlink.ynl",
            "io.jnetlink.diag", "io.jnetlink.netfilter",
            "java.util", "java.util.concurrent", "java.util.stream", "java.time", "java.nio.file")
            .map(p -> "import " + p + ".*;").collect(Collectors.joining("\n"));

    /** The README's java blocks, in order. */
    static List<String> blocks() throws IOException {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^```java\\n(.*?)^```$", Pattern.DOTALL).matcher(Files.readString(README));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @TestFactory
    List<DynamicTest> everyJavaExampleCompilesAndRuns() throws IOException {
        List<String> blocks = blocks();
        assertTrue(blocks.size() >= 7, "README.md has its examples: " + blocks.size());
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            String block = blocks.get(i);
            String first = block.lines().findFirst().orElse("");
            String name = "README example " + (i + 1) + ": " + first.strip();
            int n = i + 1;
            tests.add(DynamicTest.dynamicTest(name, () -> {
                if (block.startsWith("module ")) {
                    compileModule(block);
                } else {
                    compileAndRun(n, block);
                }
            }));
        }
        return tests;
    }

    private static void compileAndRun(int n, String block) throws Exception {
        String ns = NS.another("readme" + n);
        String cls = "ReadmeExample" + n;
        String source = IMPORTS + "\n\npublic class " + cls + " {\n    public static void main(String[] args) throws Exception {\n"
                + block.replace("\"blue\"", "\"" + ns + "\"") + "\n    }\n}\n";
        Path dir = Files.createTempDirectory("readme");
        try {
            Files.writeString(dir.resolve(cls + ".java"), source);
            compile(List.of("--release", "25", "-proc:none", "-Xlint:none", "-cp", CP, "-d", dir.toString()),
                    List.of(dir.resolve(cls + ".java")), source);
            List<String> cmd = List.of("ip", "netns", "exec", ns,
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", dir + File.pathSeparator + CP, cls);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "example " + n + " ends");
            assertEquals(0, p.exitValue(), "example " + n + " runs:\n" + out + "\n" + source);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** A module declaration, compiled against the jnetlink modules (and their own dependencies) as modules. */
    private static void compileModule(String block) throws Exception {
        String modulePath = Stream.of(CP.split(File.pathSeparator))
                .filter(e -> e.matches(".*jnetlink-(core|route|generic|ynl)-[^/]*\\.jar") && !e.endsWith("-tests.jar")
                        || e.matches(".*/(core|route|generic|ynl)/target/classes") || e.contains("slf4j-api")
                        || e.contains("snakeyaml-engine"))
                .collect(Collectors.joining(File.pathSeparator));
        Path dir = Files.createTempDirectory("readme-module");
        try {
            Files.writeString(dir.resolve("module-info.java"), block);
            compile(List.of("--release", "25", "-proc:none", "--module-path", modulePath, "-d", dir.toString()),
                    List.of(dir.resolve("module-info.java")), block);
            assertTrue(Files.exists(dir.resolve("module-info.class")));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void compile(List<String> options, List<Path> files, String source) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files))
                    .call();
            assertTrue(ok, () -> diagnostics.getDiagnostics().stream().map(Object::toString)
                    .collect(Collectors.joining("\n")) + "\n" + source);
        }
    }
}
