package io.jnetlink.ynl;

import io.jnetlink.schema.SchemaException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The bounds a spec's YAML must keep before it is composed into objects: the composer recurses once per level
 * and the loader walks an alias once per reference, so a deep or an alias-multiplied document (an "alias bomb")
 * would end in StackOverflowError or OutOfMemoryError. The check reads the parser's events (the parser keeps its
 * own stack, it does not recurse) and counts the nodes the document stands for with every alias expanded; a
 * collection holding an alias of itself (a cycle, which no walk ends) is refused. The
 * kernel's specs use at most 8 levels and under 15,000 nodes (tc, the largest).
 */
final class YamlLimits {
    /** The text limit, in code points: the largest kernel spec (tc) is 75 KB. */
    static final int MAX_CODE_POINTS = 4 << 20;
    /** The deepest nesting of sequences and mappings. */
    static final int MAX_DEPTH = 64;
    /** The nodes the document stands for, with aliases expanded. */
    static final long MAX_NODES = 1_000_000;

    private YamlLimits() {
    }

    /**
     * Checks {@code yaml} against the limits.
     *
     * @throws SchemaException naming {@code source} and the limit passed
     * @throws org.snakeyaml.engine.v2.exceptions.YamlEngineException when the text is not YAML
     */
    static void check(String yaml, String source, LoadSettings settings) {
        Deque<long[]> open = new ArrayDeque<>();          // per open collection: nodes inside it so far
        Deque<String> anchors = new ArrayDeque<>();        // its anchor ("" for none), in step with open
        Map<String, Long> sizes = new HashMap<>();         // anchor -> nodes it stands for
        long total = 0;
        for (Event e : new Parse(settings).parseString(yaml)) {
            long add;
            switch (e.getEventId()) {
                case SequenceStart, MappingStart -> {
                    if (open.size() >= MAX_DEPTH) {
                        throw new SchemaException(source + ": nested deeper than " + MAX_DEPTH + " levels");
                    }
                    open.push(new long[] {1});
                    anchors.push(((NodeEvent) e).getAnchor().map(a -> a.getValue()).orElse(""));
                    add = 1;
                }
                case SequenceEnd, MappingEnd -> {
                    long size = open.pop()[0];
                    String anchor = anchors.pop();
                    if (!anchor.isEmpty()) {
                        sizes.put(anchor, size);
                    }
                    if (!open.isEmpty()) {
                        open.peek()[0] += size;
                    }
                    continue;
                }
                case Scalar -> {
                    ((NodeEvent) e).getAnchor().ifPresent(a -> sizes.put(a.getValue(), 1L));
                    add = 1;
                }
                case Alias -> {
                    String name = ((AliasEvent) e).getAlias().getValue();
                    if (anchors.contains(name)) {
                        throw new SchemaException(source + ": alias *" + name + " refers to a collection that holds it");
                    }
                    add = sizes.getOrDefault(name, 1L);
                }
                default -> {
                    continue;
                }
            }
            total += add;
            if (total > MAX_NODES) {
                throw new SchemaException(source + ": stands for more than " + MAX_NODES
                        + " nodes once its aliases are expanded");
            }
            if (!open.isEmpty() && e.getEventId() != Event.ID.SequenceStart && e.getEventId() != Event.ID.MappingStart) {
                open.peek()[0] += add;
            }
        }
    }
}
