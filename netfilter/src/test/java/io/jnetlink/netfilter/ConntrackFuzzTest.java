package io.jnetlink.netfilter;

import io.jnetlink.Fuzz;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.NetlinkMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A short coverage-guided fuzzing run of the conntrack decoders in the test suite (longer: bench/run-fuzz.sh). */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ConntrackFuzzTest {
    @Test
    void theDecodersRaiseOnlyMalformedMessageException() throws Exception {
        Fuzz.run(ConntrackFuzzer.class, Fuzz.seconds(20));
    }

    /** The seeds are what bench/capture-seeds.sh captured: dumps, the count, and events of every type. */
    @Test
    void theSeedsHoldDumpsAndEveryEvent() throws Exception {
        Marshal marshal = Marshal.classic(Ctnetlink.SCHEMA);
        Set<ConntrackMonitor.Type> events = EnumSet.noneOf(ConntrackMonitor.Type.class);
        Set<String> protocols = new TreeSet<>();
        boolean counters = false;
        boolean count = false;
        try (Stream<Path> s = Files.list(Path.of(getClass().getResource("/fuzz/ConntrackFuzzer").toURI()))) {
            for (Path p : s.toList()) {
                for (NetlinkMessage m : marshal.parse(Files.readAllBytes(p))) {
                    count |= m.type() == Ctnetlink.MSG_GET_STATS;
                    ConntrackMonitor.Change c = ConntrackMonitor.decode(m, EnumSet.allOf(ConntrackMonitor.Type.class));
                    if (c != null) {
                        events.add(c.type());
                        protocols.add(c.entry().protocolName());
                        counters |= c.entry().originalCounters() != null && c.entry().start() != null;
                    }
                }
            }
        }
        assertEquals(EnumSet.allOf(ConntrackMonitor.Type.class), events);
        assertTrue(protocols.containsAll(List.of("tcp", "udp", "icmp", "icmpv6", "sctp", "gre")), protocols.toString());
        assertTrue(counters, "an entry with counters and a timestamp");
        assertTrue(count, "the count's reply");
    }
}
