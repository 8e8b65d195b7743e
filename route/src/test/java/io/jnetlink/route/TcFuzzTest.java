package io.jnetlink.route;

import io.jnetlink.Fuzz;
import io.jnetlink.message.Attribute;
import io.jnetlink.message.Attributes;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.schema.AttrDef;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.MessageDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A short coverage-guided fuzzing run of the traffic-control decoders in the test suite (longer: bench/run-fuzz.sh). */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TcFuzzTest {
    /** Seeded also with each captured kind's options, xstats and actions as TcFuzzer's second way reads them. */
    @Test
    void theDecodersRaiseOnlyMalformedMessageException() throws Exception {
        Path options = Files.createTempDirectory("jnl-tc-options");
        try {
            int i = 0;
            for (byte[] s : options()) {
                Files.write(options.resolve("options-" + i++), s);
            }
            Fuzz.run(TcFuzzer.class, Fuzz.seconds(20), List.of(options));
        } finally {
            try (Stream<Path> s = Files.walk(options)) {
                s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            }
        }
    }

    /** The seeds are what bench/capture-seeds.sh captured: qdiscs, classes and filters of every kind made there. */
    @Test
    void theSeedsHoldEveryKindMade() throws Exception {
        Set<String> kinds = new TreeSet<>();
        boolean action = false;
        boolean xstats = false;
        boolean traffic = false;
        for (NetlinkMessage m : messages()) {
            TcObject o = TrafficControl.decode(m);
            kinds.add(o.getClass().getSimpleName() + " " + o.kind());
            Map<String, Object> opts = o.options();
            action |= opts != null && opts.get("act") instanceof List<?> l && !l.isEmpty();
            xstats |= o instanceof TcClass c && c.xstats() instanceof Map<?, ?>;
            traffic |= o.stats() != null && o.stats().packets() > 0;
        }
        assertTrue(kinds.containsAll(List.of("Qdisc htb", "Qdisc pfifo", "Qdisc bfifo", "Qdisc tbf", "Qdisc ingress",
                "Qdisc clsact", "Qdisc pfifo_head_drop", "TcClass htb", "Filter u32")), kinds.toString());
        assertTrue(action, "a filter with an action");
        assertTrue(xstats, "a class with its xstats");
        assertTrue(traffic, "statistics of traffic");
        assertTrue(options().size() > 20);
    }

    /** The new qdiscs, classes and filters of the captured seeds. */
    private static List<NetlinkMessage> messages() throws Exception {
        List<NetlinkMessage> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(TcFuzzTest.class.getResource("/fuzz/TcFuzzer").toURI()))) {
            for (Path p : s.sorted().toList()) {
                for (NetlinkMessage m : TcDecodeTest.MARSHAL.parse(Files.readAllBytes(p))) {
                    if (m.type() == Tc.RTM_NEWQDISC || m.type() == Tc.RTM_NEWTCLASS || m.type() == Tc.RTM_NEWTFILTER) {
                        out.add(m);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The captured options, xstats and actions of each kind, each behind the selector that makes TcFuzzer read it
     * as that kind's (distinct inputs only).
     */
    private static List<byte[]> options() throws Exception {
        Set<String> seen = new TreeSet<>();
        List<byte[]> out = new ArrayList<>();
        for (NetlinkMessage m : messages()) {
            String kind = null;
            byte[] opts = null;
            for (Attribute a : m.attributes()) {
                switch (a.type()) {
                    case 1 -> kind = a.asString();
                    case 2 -> opts = a.bytes();
                    case 4 -> add(out, seen, TcFuzzer.selector(m.type(), kind), a.bytes());
                    default -> {
                    }
                }
            }
            add(out, seen, TcFuzzer.selector(m.type(), kind), opts);
            MessageDef format = kind == null ? null : Tc.SCHEMA.attributeSet("tc-attrs").byName("options").format(kind);
            AttributeSet set = format == null ? null : format.attributes();
            AttrDef act = set == null ? null : set.byName("act");
            if (opts == null || act == null) {
                continue;
            }
            for (Attribute o : Attributes.of(opts, 0, opts.length, set)) {
                if (o.type() != act.id()) {
                    continue;
                }
                for (Attribute entry : Attributes.of(o.bytes(), 0, o.length(), null)) {
                    String actKind = null;
                    for (Attribute x : Attributes.of(entry.bytes(), 0, entry.length(), null)) {
                        switch (x.type()) {
                            case 1 -> actKind = x.asString();
                            case 2, 4 -> add(out, seen, TcFuzzer.actionSelector(actKind), x.bytes());
                            default -> {
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void add(List<byte[]> out, Set<String> seen, int selector, byte[] payload) {
        if (selector < 0 || payload == null) {
            return;
        }
        byte[] in = new byte[1 + payload.length];
        in[0] = (byte) selector;
        System.arraycopy(payload, 0, in, 1, payload.length);
        if (seen.add(HexFormat.of().formatHex(in))) {
            out.add(in);
        }
    }
}
