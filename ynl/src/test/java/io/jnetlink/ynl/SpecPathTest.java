package io.jnetlink.ynl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The search path: order, both spellings, gzip, the environment variable. */
class SpecPathTest {
    @TempDir
    Path tmp;

    static void gz(Path p, String text) throws IOException {
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p))) {
            o.write(text.getBytes());
        }
    }

    @Test
    void findsEitherSpellingPlainOrGzipFirstDirectoryWins() throws IOException {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(a.resolve("rt-link.yaml"), YnlSpecTest.GOOD.replace("name: t", "name: rt-link"));
        gz(b.resolve("rt_link.yaml.gz"), YnlSpecTest.GOOD.replace("name: t", "name: rt-link"));
        gz(b.resolve("netdev.yaml.gz"), YnlSpecTest.GOOD.replace("name: t", "name: netdev"));
        SpecPath p = new SpecPath(List.of(a, b));
        assertEquals(Optional.of(a.resolve("rt-link.yaml")), p.find("rt_link"));
        assertEquals(Optional.of(a.resolve("rt-link.yaml")), p.find("rt-link"));
        assertEquals(Optional.of(b.resolve("netdev.yaml.gz")), p.find("netdev"));
        assertEquals("netdev", p.load("netdev").name(), "gzip'd specs load");
        assertEquals(List.of("netdev", "rt-link"), List.copyOf(p.families().keySet()), "the hidden rt_link is not listed");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.load("nosuch"));
        assertTrue(e.getMessage().startsWith("no YNL spec for family 'nosuch'"), e.getMessage());
    }

    @Test
    void environmentFirstThenSystemDirectoriesNewestDocFirst() throws IOException {
        Path root = tmp.resolve("root");
        for (String d : List.of("usr/share/ynl/specs", "usr/share/doc/linux-doc-6.9/Documentation/netlink/specs",
                "usr/share/doc/linux-doc-6.12/Documentation/netlink/specs", "usr/src/linux-6.18/Documentation/netlink/specs")) {
            Files.createDirectories(root.resolve(d));
        }
        SpecPath p = SpecPath.standard("/x:/y", root);
        assertEquals(List.of(Path.of("/x"), Path.of("/y"), root.resolve("usr/share/ynl/specs"),
                root.resolve("usr/share/doc/linux-doc-6.12/Documentation/netlink/specs"),
                root.resolve("usr/share/doc/linux-doc-6.9/Documentation/netlink/specs"),
                root.resolve("usr/src/linux-6.18/Documentation/netlink/specs")), p.directories());
    }
}
