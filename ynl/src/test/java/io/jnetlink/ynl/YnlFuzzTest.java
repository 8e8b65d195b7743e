package io.jnetlink.ynl;

import io.jnetlink.Fuzz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Short coverage-guided fuzzing runs of the YNL loader, seeded with the kernel's installed specs (copied to a
 * temporary directory, never into the repository) and the test specs, and of values decoded through the specs
 * (longer runs: bench/run-fuzz.sh).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class YnlFuzzTest {
    @Test
    void theLoaderRaisesOnlySchemaException() throws Exception {
        Map<String, Path> specs = SpecPath.standard().families();
        assertFalse(specs.isEmpty(), "the kernel's YNL specs are installed (linux-doc-6.12)");
        Path dir = Files.createTempDirectory("ynl-seeds");
        try {
            for (Map.Entry<String, Path> e : specs.entrySet()) {
                try (InputStream in = open(e.getValue())) {
                    Files.write(dir.resolve(e.getKey()), in.readAllBytes());
                }
            }
            Fuzz.run(YnlSpecFuzzer.class, Fuzz.seconds(20), List.of(dir));
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void valuesThroughTheSpecsRaiseOnlyMalformedMessageException() throws Exception {
        Fuzz.run(YnlValuesFuzzer.class, Fuzz.seconds(20));
    }

    private static InputStream open(Path p) throws IOException {
        InputStream in = Files.newInputStream(p);
        return p.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
    }
}
