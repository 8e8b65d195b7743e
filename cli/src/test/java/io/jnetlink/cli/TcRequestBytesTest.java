package io.jnetlink.cli;

import io.jnetlink.KernelNamespace;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.route.Tc;
import io.jnetlink.route.TrafficControl;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Every change jnl makes is the request tc sends for the same words, byte for byte (sequence number, port and the
 * NLA_F_NESTED bit aside, which tc leaves off most nests and jnetlink always sets): qdiscs htb, fq_codel, netem,
 * tbf, pfifo, bfifo, ingress, clsact; htb classes; u32, flower and matchall filters with gact and mirred actions;
 * deletions. tc's requests are caught by the stand-in ({@link TcFake}), so the kinds this kernel lacks are covered;
 * jnl's go to the kernel (which may refuse them) and are recorded on the way.
 */
class TcRequestBytesTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    @BeforeAll
    static void links() {
        NS.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        NS.ip("link", "add", "ifb0", "type", "ifb");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "qdisc add dev v0 root handle 1: htb default 10 r2q 5 direct_qlen 100",
        "qdisc change dev v0 root handle 1: htb r2q 7",
        "qdisc replace dev v0 root fq_codel limit 1000 flows 512 quantum 300 interval 50ms target 5ms ecn "
            + "ce_threshold 1ms memory_limit 4Mb drop_batch 32",
        "qdisc add dev v0 parent 1:10 fq_codel noecn",
        "qdisc add dev v0 root netem delay 100ms 10ms 25% loss 1% duplicate 2% reorder 5% 50% corrupt 0.1% "
            + "rate 1mbit limit 500",
        "qdisc add dev v0 parent 1:10 handle 10: netem delay 20ms",
        "qdisc add dev v0 root netem loss random 0.5%",
        "qdisc add dev v1 root tbf rate 1mbit burst 32kbit latency 400ms",
        "qdisc add dev v1 root tbf rate 10gbit burst 1mb latency 10ms",
        "qdisc add dev v0 ingress",
        "qdisc add dev v0 clsact",
        "qdisc add dev v0 root pfifo limit 10",
        "qdisc add dev v0 root bfifo limit 10000",
        "qdisc del dev v0 root",
        "qdisc del dev v0 ingress",
        "class add dev v0 parent 1: classid 1:10 htb rate 10mbit ceil 20mbit burst 15k prio 2",
        "class change dev v0 parent 1: classid 1:10 htb rate 5mbit",
        "class replace dev v0 parent 1:10 classid 1:11 htb rate 1500kbit ceil 3mbit cburst 3200 quantum 1500 mtu 9000",
        "class add dev v0 parent 1: classid 1:20 htb rate 40gbit",
        "class del dev v0 classid 1:10",
        "filter add dev v0 parent 1: protocol ip prio 1 u32 match ip dst 10.0.0.1/32 match ip dport 80 0xffff "
            + "flowid 1:10",
        "filter add dev v0 parent 1: protocol ip prio 4 u32 match ip protocol 6 0xff match ip src 192.168.0.0/24 "
            + "match ip sport 22 0xffff classid 1:10",
        "filter add dev v0 parent ffff: protocol all prio 2 u32 match u32 0 0 at 0 action mirred egress redirect "
            + "dev ifb0",
        "filter add dev v0 egress u32 match u32 0 0 at 0 action mirred ingress mirror dev ifb0 action pass",
        "filter add dev v0 ingress protocol ip prio 3 flower dst_ip 10.0.0.1 ip_proto tcp dst_port 80 action drop",
        "filter add dev v0 ingress protocol ip flower src_ip 10.1.0.0/16 skip_hw classid 1:1",
        "filter add dev v0 ingress protocol ipv6 flower dst_ip 2001:db8::1 ip_proto udp src_port 53 action pass",
        "filter add dev v0 parent 1: matchall action drop",
        "filter add dev v0 parent 1: protocol ip prio 9 chain 3 matchall classid 1:10",
        "filter replace dev v0 parent 1: protocol ip prio 5 handle 800::801 u32 match ip dst 10.9.0.0/16 flowid 1:10",
        "filter change dev v0 parent 1: protocol ip prio 5 handle 800::801 u32 match ip dst 10.8.0.0/16 flowid 1:11",
        "filter add dev v0 parent 1: protocol arp prio 6 u32 match u32 0x00010000 0xffff0000 at 4 classid 1:10",
        "filter del dev v0 parent 1: prio 1",
        "filter del dev v0 parent 1:",
    })
    void sameBytesAsTc(String line) throws NetlinkException {
        String[] words = line.split(" ");
        byte[] expected = TcFake.tc(NS, null, words).sent();
        assertNotNull(expected, line);
        TcFake.Recording rec = new TcFake.Recording();
        try (TrafficControl tc = new TrafficControl(NS.spec(Netlink.NETLINK_ROUTE).libc(rec).build())) {
            TcCommand.execute(tc, new Main.Globals(NS.name(), false, 0, 0, false, false, false), words[0],
                    Arrays.asList(words).subList(1, words.length), new PrintStream(new ByteArrayOutputStream()));
        } catch (NetlinkException e) {
            // the kernel may lack the kind or refuse the change; the request was recorded before
        }
        byte[] actual = rec.lastTc();
        assertNotNull(actual, line + ": nothing sent");
        assertEquals(show(expected), show(actual), line);
        assertEquals(expected.length, actual.length, line);
        for (int i = 0; i < expected.length; i++) {
            boolean seqOrPort = i >= 8 && i < 16;
            int diff = (expected[i] ^ actual[i]) & 0xff;
            if (!seqOrPort && diff != 0 && diff != 0x80) {
                throw new AssertionError(line + ": byte " + i + " is " + (actual[i] & 0xff) + ", tc sends "
                        + (expected[i] & 0xff));
            }
        }
    }

    /** A message decoded through the definitions, byte arrays as hex: a readable first comparison. */
    private static String show(byte[] msg) {
        List<NetlinkMessage> ms = Marshal.classic(Tc.SCHEMA).parse(msg);
        NetlinkMessage m = ms.getFirst();
        return m.type() + " flags " + m.flags() + " " + deep(m.toMap());
    }

    private static String deep(Object v) {
        return switch (v) {
            case byte[] b -> b.length > 64 ? b.length + " bytes, hash " + Arrays.hashCode(b)
                    : java.util.HexFormat.of().formatHex(b);
            case Map<?, ?> m -> {
                StringBuilder sb = new StringBuilder("{");
                m.forEach((k, x) -> sb.append(k).append('=').append(deep(x)).append(", "));
                yield sb.append('}').toString();
            }
            case List<?> l -> l.stream().map(TcRequestBytesTest::deep).toList().toString();
            default -> String.valueOf(v);
        };
    }
}
