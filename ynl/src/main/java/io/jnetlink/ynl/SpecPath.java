package io.jnetlink.ynl;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where kernel YNL specs are looked for, in order: the directories of {@code JNETLINK_YNL_PATH} (separated by
 * ':'), {@code /usr/share/ynl/specs} (the kernel's {@code make -C tools/net/ynl install}),
 * {@code /usr/share/doc/linux-doc-*}{@code /Documentation/netlink/specs} (Debian's linux-doc packages, gzip'd;
 * newest version first) and unpacked kernel source trees {@code /usr/src/linux*}{@code /Documentation/netlink/specs}.
 * A family is found under either spelling ({@code rt_link}, {@code rt-link}) as {@code .yaml} or {@code .yaml.gz};
 * the first directory that has it wins. Specs are never bundled with jnetlink.
 */
public final class SpecPath {
    /** The environment variable whose directories are searched first. */
    public static final String ENV = "JNETLINK_YNL_PATH";

    private final List<Path> dirs;

    /**
     * A search path of exactly {@code dirs}, in order.
     *
     * @param dirs the directories, searched in this order
     */
    public SpecPath(List<Path> dirs) {
        this.dirs = List.copyOf(dirs);
    }

    /**
     * The default search path, with the directories of {@code JNETLINK_YNL_PATH} first.
     *
     * @return the default search path, with the directories of {@code JNETLINK_YNL_PATH} first
     */
    public static SpecPath standard() {
        return standard(System.getenv(ENV), Path.of("/"));
    }

    /** The default search path for the value of {@code JNETLINK_YNL_PATH} (may be null), under {@code root}. */
    static SpecPath standard(String env, Path root) {
        List<Path> dirs = new ArrayList<>();
        if (env != null) {
            for (String d : env.split(File.pathSeparator)) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        dirs.add(root.resolve("usr/share/ynl/specs"));
        dirs.addAll(versioned(root.resolve("usr/share/doc"), "linux-doc-"));
        dirs.addAll(versioned(root.resolve("usr/src"), "linux"));
        return new SpecPath(dirs);
    }

    /** {@code parent/PREFIX*}{@code /Documentation/netlink/specs} that exist, newest version first. */
    private static List<Path> versioned(Path parent, String prefix) {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .sorted(Comparator.comparing((Path p) -> versionKey(p.getFileName().toString())).reversed())
                    .map(p -> p.resolve("Documentation/netlink/specs"))
                    .filter(Files::isDirectory)
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A sort key that orders "linux-doc-6.9" before "linux-doc-6.12". */
    private static String versionKey(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)")) {
            sb.append(part.chars().allMatch(Character::isDigit) ? String.format("%08d", Long.parseLong(part)) : part);
        }
        return sb.toString();
    }

    /**
     * The directories searched, in order.
     *
     * @return the directories searched, in order
     */
    public List<Path> directories() {
        return dirs;
    }

    /**
     * The spec file of {@code family} (either spelling, plain or gzip'd), or empty.
     *
     * @param family the family's name, as the kernel knows it (e.g. "ethtool")
     * @return the spec file of {@code family} (either spelling, plain or gzip'd), or empty
     */
    public Optional<Path> find(String family) {
        String dash = family.replace('_', '-');
        String under = family.replace('-', '_');
        for (Path d : dirs) {
            for (String n : new String[] {family, dash, under}) {
                for (String ext : new String[] {".yaml", ".yaml.gz"}) {
                    Path p = d.resolve(n + ext);
                    if (Files.isRegularFile(p)) {
                        return Optional.of(p);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Every family found, by the name its file gives it, with the file that {@link #find} would pick (an earlier
     * directory hides the same family further down the path, whatever its spelling); sorted by name.
     *
     * @return every family found, by name, with the file {@link #find} would pick
     */
    public Map<String, Path> families() {
        Map<String, String> seen = new LinkedHashMap<>();
        Map<String, Path> out = new java.util.TreeMap<>();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(d)) {
                List<Path> files = new ArrayList<>();
                ds.forEach(files::add);
                files.sort(Comparator.naturalOrder());
                for (Path p : files) {
                    String f = p.getFileName().toString();
                    String n = f.endsWith(".yaml") ? f.substring(0, f.length() - 5)
                            : f.endsWith(".yaml.gz") ? f.substring(0, f.length() - 8) : null;
                    if (n == null || !Files.isRegularFile(p)) {
                        continue;
                    }
                    if (seen.putIfAbsent(n.replace('_', '-'), n) == null) {
                        out.put(n, p);
                    }
                }
            } catch (IOException e) {
                // an unreadable directory has no specs
            }
        }
        return out;
    }

    /**
     * Loads the spec of {@code family}.
     *
     * @param family the family's name, as the kernel knows it (e.g. "ethtool")
     * @return the spec
     * @throws IllegalArgumentException when no directory of the path has it (the message lists the path)
     * @throws IOException              when the file cannot be read
     * @throws io.jnetlink.schema.SchemaException when it is malformed
     */
    public YnlSpec load(String family) throws IOException {
        Path p = find(family).orElseThrow(() -> new IllegalArgumentException("no YNL spec for family '" + family
                + "' (looked for " + family + ".yaml[.gz] in " + dirs + "; set " + ENV + " or use --spec FILE)"));
        return YnlSpec.load(p);
    }

    @Override
    public String toString() {
        return "SpecPath" + dirs;
    }
}
