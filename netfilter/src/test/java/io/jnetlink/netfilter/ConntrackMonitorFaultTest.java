package io.jnetlink.netfilter;

import io.jnetlink.FakeLibc;
import io.jnetlink.Netlink;
import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.MessageBuilder;
import io.jnetlink.route.Rtnl;
import io.jnetlink.socket.NetlinkSocketSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An event that cannot be decoded costs the monitor nothing else: the events around it all arrive. */
class ConntrackMonitorFaultTest {

    /** A NEW event for a TCP connection from port {@code sport}; with {@code badMark}, CTA_MARK holds 3 bytes. */
    private static byte[] event(int sport, boolean badMark) {
        ConntrackTuple t = ConntrackTuple.tcp("10.0.0.1", sport, "10.0.0.2", 80);
        byte[] b = MessageBuilder.of(Ctnetlink.SCHEMA, "ct-new").header("nfgen-family", Rtnl.AF_INET)
                .attr("tuple-orig", t.toAttrs()).attr("tuple-reply", t.inverse().toAttrs())
                .attr("mark", 5).build().toByteArray();
        int flags = Netlink.NLM_F_CREATE;
        b[6] = (byte) flags;
        b[7] = (byte) (flags >> 8);
        if (badMark) {
            b[b.length - 8] = 7; // CTA_MARK is the last attribute: a u32 in 3 bytes, padded
        }
        return b;
    }

    @Test
    void theEventsAfterAnUndecodableOneComeAfterItsFault() throws Exception {
        FakeLibc fake = new FakeLibc();
        fake.broadcast(event(1001, false)).broadcast(event(1002, true)).broadcast(event(1003, false));
        try (Conntrack ct = new Conntrack(NetlinkSocketSpec.builder().libc(fake).build())) {
            ConntrackMonitor m = ct.monitor(Set.of(ConntrackMonitor.Type.NEW), false);
            List<Integer> got = new ArrayList<>();
            int faults = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (got.size() < 2 && System.nanoTime() < deadline) {
                try {
                    for (ConntrackMonitor.Event e : m.next(Duration.ofMillis(100))) {
                        got.add(((ConntrackMonitor.Change) e).entry().original().srcPort());
                    }
                } catch (MalformedMessageException e) {
                    faults++;
                    assertEquals(List.of(1001), got, () -> "the fault comes after the event before it: " + e);
                }
            }
            assertEquals(List.of(1001, 1003), got);
            assertEquals(1, faults);
        }
    }
}
