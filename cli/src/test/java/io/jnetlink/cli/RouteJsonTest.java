package io.jnetlink.cli;

import io.jnetlink.message.MalformedMessageException;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        return route(family, dst, dstLen, 254);
    }

    private static MessageBuilder route(int family, String dst, int dstLen, int table) {
        MessageBuilder b = MessageBuilder.of(Rtnl.SCHEMA, "newroute").header("rtm-family", family)
                .header("rtm-dst-len", dstLen).header("rtm-table", table).header("rtm-protocol", 3)
                .header("rtm-scope", 253).header("rtm-type", 1).attr("table", (long) table);
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
        b.add(route(AF_INET6, null, 128).raw(1, mapped("10.1.2.3")));
        b.add(route(AF_INET6, "10.1.2.4", 128)); // 4 bytes in an IPv6 route: shown as IPv4, as decoded
        b.add(route(AF_INET6, "10.1.2.5", 128));
        b.add(route(AF_INET, "10.0.6.1", 32).header("rtm-type", 6));
        b.add(route(AF_INET, "10.0.6.2", 32).header("rtm-type", 6));
        b.add(route(AF_INET6, null, 128).raw(1, mapped("10.1.2.6")));
        b.add(route(AF_INET6, null, 128).raw(1, mapped("10.1.2.7")));
        b.add(route(AF_INET, "10.0.8.1", 32));
        b.add(route(AF_INET, "10.0.8.2", 32).header("rtm-protocol", 4)); // a header byte before the destination
        b.add(route(AF_INET, "10.0.9.1", 32));
        b.add(route(AF_INET, "10.0.9.2", 32, 100)); // an attribute's value before the destination
        b.add(route(AF_INET, "10.0.10.0", 24));
        b.add(route(AF_INET, "10.0.10.0", 25)); // the same address, another length
        List<byte[]> out = new ArrayList<>();
        b.forEach(m -> out.add(message(m)));
        return out;
    }

    /** ::ffff:{@code v4} as 16 bytes, which IpView shows as IPv4, as InetAddress reads it. */
    private static byte[] mapped(String v4) {
        byte[] a = new byte[16];
        a[10] = (byte) 0xff;
        a[11] = (byte) 0xff;
        System.arraycopy(address(v4).getAddress(), 0, a, 12, 4);
        return a;
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
        for (int k = 0; k < 8; k++) {
            IpView.RouteKeys shown = new IpView.RouteKeys((k & 1) != 0, true, (k & 2) != 0, (k & 4) != 0);
            RouteJson reference = new RouteJson(new IpView(List.of()), shown);
            String expected = printed(routes, (m, keys) -> reference.accept(m, keys), false);
            RouteJson fields = new RouteJson(new IpView(List.of()), shown);
            assertEquals(expected, printed(routes, fields, false), shown.toString());
            // reused: the 5 after 10.0.0.1, 10.0.4.5, 10.0.4.10, the 2 after 2001:db8::/64, 10.1.2.5, 10.0.6.2,
            // 10.1.2.7 and 10.0.10.0/25 (a mapped address comes after the device, so it starts no run with
            // 10.1.2.4; a header byte or an attribute's value before the destination ends a run)
            assertEquals(13, fields.reused(), shown.toString());
            assertEquals(expected, printed(routes, new RouteJson(new IpView(List.of()), shown), true));
        }
    }

    @Test
    void aMalformedRouteInARunEndsThePrintingAfterTheRoutesBeforeIt() {
        List<byte[]> routes = new ArrayList<>();
        routes.add(message(route(AF_INET, "10.0.0.1", 32)));
        routes.add(message(route(AF_INET, "10.0.0.2", 32)));
        routes.add(message(route(AF_INET, null, 32).raw(1, new byte[5]))); // a destination of 5 bytes
        routes.add(message(route(AF_INET, "10.0.0.3", 32)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8);
        Main.Printer p = new Main.Printer(out, true, false, IpView::routeText).background(4);
        RouteJson fields = new RouteJson(new IpView(List.of()), new IpView.RouteKeys(false, true, true, false));
        routes.forEach(r -> p.print(r, fields));
        assertThrows(MalformedMessageException.class, p::flush);
        out.flush();
        assertEquals("[{\"dst\":\"10.0.0.1\",\"dev\":\"if2\",\"scope\":\"link\",\"flags\":[]},"
                + "{\"dst\":\"10.0.0.2\",\"dev\":\"if2\",\"scope\":\"link\",\"flags\":[]}",
                bytes.toString(StandardCharsets.UTF_8));
        assertEquals(1, fields.reused());
    }

    @Test
    void theDestinationIsWrittenAsIpWritesIt() {
        String json = printed(table(), new RouteJson(new IpView(List.of()),
                new IpView.RouteKeys(false, true, true, false)), false);
        for (String dst : new String[] {"10.0.0.4", "10.0.1.0/24", "10.0.2.0/23", "2001:db8:1::/64",
            "2001:db8::1:0:0:1", "10.1.2.3", "10.1.2.5", "10.1.2.7", "10.0.10.0/25", "default"}) {
            assertTrue(json.contains("\"dst\":\"" + dst + "\""), dst + " in " + json);
        }
    }
}
