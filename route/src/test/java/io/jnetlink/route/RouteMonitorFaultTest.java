package io.jnetlink.route;

import io.jnetlink.FakeLibc;
import io.jnetlink.Wire;
import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.socket.NetlinkSocketSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A notification that cannot be decoded costs the monitor nothing else: the events around it all arrive. */
class RouteMonitorFaultTest {

    /** An RTM_NEWROUTE for 10.0.0.{@code last}/32 in main, with a gateway of {@code gatewayBytes} bytes. */
    private static byte[] route(int last, int gatewayBytes) {
        byte[] rtmsg = Wire.buf().u8(2).u8(32).u8(0).u8(0).u8(254).u8(3).u8(0).u8(1).u32(0).build();
        return Wire.msg(Rtnl.RTM_NEWROUTE, 0, 0, 0, Wire.concat(rtmsg,
                Wire.attr(15, Wire.u32(254)),
                Wire.attr(1, new byte[]{10, 0, 0, (byte) last}),
                Wire.attr(5, new byte[gatewayBytes])));
    }

    @Test
    void theEventsAfterAnUndecodableOneComeAfterItsFault() throws Exception {
        FakeLibc fake = new FakeLibc();
        fake.broadcast(route(1, 4)).broadcast(route(2, 3)).broadcast(route(3, 4));
        try (IPRoute ip = new IPRoute(NetlinkSocketSpec.builder().libc(fake).build())) {
            RouteMonitor m = ip.monitor(Set.of(RouteMonitor.Kind.ROUTE), false);
            List<String> got = new ArrayList<>();
            int faults = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (got.size() < 2 && System.nanoTime() < deadline) {
                try {
                    for (RouteMonitor.Event e : m.next(Duration.ofMillis(100))) {
                        got.add(((Route) ((RouteMonitor.Change) e).object()).dstText());
                    }
                } catch (MalformedMessageException e) {
                    faults++;
                    assertEquals(List.of("10.0.0.1"), got, "the fault comes after the event before it");
                    assertTrue(e.getMessage().contains("gateway"), e.getMessage());
                }
            }
            assertEquals(List.of("10.0.0.1", "10.0.0.3"), got);
            assertEquals(1, faults);
        }
    }
}
