package io.jnetlink.cli;

import io.jnetlink.message.MessageBuilder;
import io.jnetlink.route.Rtnl;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RouteJson against IpView.route: a route whose JSON is reused from the route before it, with its own destination
 * written in, has the bytes IpView.route gives it, and a route that differs in anything else is rendered in full.
 */
class RouteJsonTest {
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    /** An RTM_NEWROUTE as the kernel sends it for a unicast route of table main on device 2. */
    private static MessageBuilder route(int family, String dst, int dstLen) {
        MessageBuilder b = MessageBuilder.of(Rtnl.SCHEMA, "newroute").header("rtm-family", family)
                .header("rtm-dst-len", dstLen).header("rtm-table", 254).header("rtm-protocol", 3)
                .header("rtm-scope", 253).header("rtm-type", 1).attr("table", 254L);
        if (dst != null) {
            b.attr("dst", address(dst));
        }
        return b.attr("oif", 2L);
    }

    private static InetAddress address(String a) {
        try {
            return InetAddress.getByName(a);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] message(MessageBuilder b) {
        return b.build().toByteArray();
    }

    /** Routes in runs: of destinations alone, then with another gateway, metric, family or shape in between. */
    private static List<byte[]> table() {
        List<MessageBuilder> b = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            b.add(route(AF_INET, "10.0.0." + i, 32));
        }
        b.add(route(AF_INET, "10.0.1.0", 24));
        b.add(route(AF_INET, "10.0.2.0", 23));
        b.add(route(AF_INET, "10.0.4.4", 32).attr("gateway", address("10.9.9.9")));
        b.add(route(AF_INET, "10.0.4.5", 32).attr("gateway", address("10.9.9.9")));
        b.add(route(AF_INET, "10.0.4.6", 32).attr("gateway", address("10.9.9.8")));
        b.add(route(AF_INET, "10.0.4.7", 32).attr("priority", 5L));
        b.add(route(AF_INET, "10.0.4.8", 32).attr("priority", 6L));
        b.add(route(AF_INET, "10.0.4.9", 32).header("rtm-scope", 0).header("rtm-protocol", 4));
        b.add(route(AF_INET, "10.0.4.10", 32).header("rtm-scope", 0).header("rtm-protocol", 4));
        b.add(route(AF_INET, null, 0)); // the default route: no destination
        b.add(route(AF_INET, null, 0));
        // two destinations: IpView.route shows the last, as the decoder keeps it
        b.add(route(AF_INET, "10.0.5.1", 32).raw(1, address("10.0.5.2").getAddress()));
        b.add(route(AF_INET, "10.0.5.3", 32).raw(1, address("10.0.5.4").getAddress()));
        b.add(route(AF_INET6, "2001:db8::", 64));
        b.add(route(AF_INET6, "2001:db8:1::", 64));
        b.add(route(AF_INET6, "2001:db8:0:0:1::1", 128));
        byte[] mapped = new byte[16]; // ::ffff:10.1.2.3, which IpView shows as IPv4, as InetAddress reads it
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(address("10.1.2.3").getAddress(), 0, mapped, 12, 4);
        b.add(route(AF_INET6, null, 128).raw(1, mapped));
        b.add(route(AF_INET6, "10.1.2.4", 128)); // 4 bytes in an IPv6 route: shown as IPv4, as decoded
        b.add(route(AF_INET6, "10.1.2.5", 128));
        b.add(route(AF_INET, "10.0.6.1", 32).header("rtm-type", 6));
        b.add(route(AF_INET, "10.0.6.2", 32).header("rtm-type", 6));
        List<byte[]> out = new ArrayList<>();
        b.forEach(m -> out.add(message(m)));
        return out;
    }

    private static String printed(List<byte[]> routes, BiConsumer<byte[], IpView.Sink> fields,
                                  boolean background) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8);
        Main.Printer p = new Main.Printer(out, true, false, IpView::routeText);
        if (background) {
            p.background(4);
        }
        routes.forEach(r -> p.print(r, fields));
        p.end();
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void reusedJsonIsWhatIpViewWrites() {
        List<byte[]> routes = table();
        for (boolean tableShown : new boolean[] {false, true}) {
            for (boolean details : new boolean[] {false, true}) {
                RouteJson reference = new RouteJson(new IpView(List.of()), tableShown, true, details);
                String expected = printed(routes, (m, keys) -> reference.accept(m, keys), false);
                RouteJson fields = new RouteJson(new IpView(List.of()), tableShown, true, details);
                assertEquals(expected, printed(routes, fields, false));
                // reused: the 5 after 10.0.0.1, 10.0.4.5, 10.0.4.10, the 2 after 2001:db8::/64, 10.1.2.5 and
                // 10.0.6.2 (the mapped address comes after the device, so it starts no run with 10.1.2.4)
                assertEquals(11, fields.reused());
                assertEquals(expected, printed(routes, new RouteJson(new IpView(List.of()), tableShown, true,
                        details), true));
            }
        }
    }

    @Test
    void theDestinationIsWrittenAsIpWritesIt() {
        String json = printed(table(), new RouteJson(new IpView(List.of()), false, true, false), false);
        for (String dst : new String[] {"10.0.0.4", "10.0.1.0/24", "10.0.2.0/23", "2001:db8:1::/64",
            "2001:db8::1:0:0:1", "10.1.2.3", "10.1.2.5", "default"}) {
            assertTrue(json.contains("\"dst\":\"" + dst + "\""), dst + " in " + json);
        }
    }
}
