package io.jnetlink.netfilter;

import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.MessageBuilder;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.route.Rtnl;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Request bytes against what conntrack-tools 1.4.7 sends (captured with strace), the decoder on the encoder's output,
 * and every single-byte corruption of a full entry: decoded, or refused with MalformedMessageException only.
 */
class CtnetlinkBytesTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Marshal MARSHAL = Marshal.classic(Ctnetlink.SCHEMA);

    /** The message's bytes after struct nlmsghdr. */
    private static String payload(MessageBuilder m) {
        byte[] b = m.build().toByteArray();
        return HEX.formatHex(Arrays.copyOfRange(b, 16, b.length));
    }

    @Test
    void getSendsTheTupleConntrackSends() {
        // conntrack -G -p tcp -s 10.0.0.1 -d 10.0.0.2 --sport 1000 --dport 80: nfgenmsg, then CTA_TUPLE_ORIG
        // (conntrack adds a CTA_PROTOINFO with TCP flags after it, which a get ignores)
        String conntrack = "02000000" + "34000180" + "14000180" + "080001000a000001" + "080002000a000002"
                + "1c000280" + "0500010006000000" + "0600020003e80000" + "0600030000500000";
        assertEquals(conntrack, payload(Conntrack.getMessage(ConntrackTuple.tcp("10.0.0.1", 1000, "10.0.0.2", 80), 0)));
        byte[] b = Conntrack.getMessage(ConntrackTuple.tcp("10.0.0.1", 1000, "10.0.0.2", 80), 0).build().toByteArray();
        assertEquals(Ctnetlink.MSG_GET, (b[4] & 0xff) | (b[5] & 0xff) << 8);
    }

    @Test
    void createSendsWhatConntrackInsertSends() {
        // conntrack -I -p udp -s 2001:db8::1 -d 2001:db8::2 --sport 53 --dport 5353 -t 30 -m 7 --zone 3
        // (conntrack 1.4.7 leaves one byte of the reply's proto-num padding uninitialised; zero here)
        String v6a = "20010db8000000000000000000000001";
        String v6b = "20010db8000000000000000000000002";
        String conntrack = "0a000000"
                + "4c000180" + "2c000180" + "14000300" + v6a + "14000400" + v6b
                + "1c000280" + "0500010011000000" + "0600020000350000" + "06000300" + "14e90000"
                + "4c000280" + "2c000180" + "14000300" + v6b + "14000400" + v6a
                + "1c000280" + "0500010011000000" + "0600020014e90000" + "0600030000350000"
                + "08000700" + "0000001e" + "08000800" + "00000007" + "06001200" + "00030000";
        ConntrackRequest r = ConntrackRequest.of(ConntrackTuple.udp("2001:db8::1", 53, "2001:db8::2", 5353)).timeout(30)
                .mark(7).zone(3);
        byte[] b = Conntrack.createMessage(r).build().toByteArray();
        assertEquals(conntrack, HEX.formatHex(Arrays.copyOfRange(b, 16, b.length)));
        assertEquals(0x0601, (b[6] & 0xff) | (b[7] & 0xff) << 8, "NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL");
    }

    @Test
    void filterFlagsAreInHostOrderAndEverythingElseBigEndian() {
        ConntrackQuery q = ConntrackQuery.all().protocol(ConntrackTuple.TCP).dstPort(80).src("10.0.0.1").mark(5, 0xff)
                .status(Ctnetlink.IPS_ASSURED);
        String p = payload(Conntrack.dumpMessage(q, Rtnl.AF_INET));
        assertEquals("02000000"
                + "08000800" + "00000005" + "08001500" + "000000ff"               // mark, mark-mask
                + "08000300" + "00000004" + "08001a00" + "00000004"               // status, status-mask
                + "24000180" + "0c000180" + "080001000a000001"                    // tuple-orig: src
                + "14000280" + "0500010006000000" + "0600030000500000"            // proto 6, dport 80
                + "0c001980" + "08000100" + "29000000",                           // filter: orig-flags 0x29 (host order)
                p);
        // IPv6 addresses are left to user space (the kernel inverts them): only the protocol goes to CTA_FILTER
        String v6 = payload(Conntrack.dumpMessage(ConntrackQuery.all().protocol(ConntrackTuple.UDP)
                .src("2001:db8::1"), Rtnl.AF_INET6));
        assertEquals("0a000000" + "10000180" + "0c000280" + "0500010011000000" + "0c001980" + "08000100" + "08000000",
                v6);
    }

    /** A full entry as the kernel sends one in a dump, with every attribute the record reads. */
    private static byte[] fullEntry() {
        ConntrackTuple o = ConntrackTuple.tcp("10.0.0.1", 1000, "10.0.0.2", 80);
        MessageBuilder m = MessageBuilder.of(Ctnetlink.SCHEMA, "ct-new").header("nfgen-family", Rtnl.AF_INET)
                .attr("tuple-orig", o.toAttrs()).attr("tuple-reply", o.inverse().withZone(4).toAttrs())
                .attr("zone", 7).attr("status", 0xe).attr("mark", 5).attr("id", 0xdeadbeefL).attr("use", 1)
                .attr("timeout", 299)
                .attr("protoinfo", Map.of("protoinfo-tcp", Map.of("tcp-state", 3, "tcp-wscale-original", 7,
                        "tcp-flags-original", new byte[] {10, 10})))
                .attr("counters-orig", Map.of("packets", 3, "bytes", 180))
                .attr("counters-reply", Map.of("packets", 2, "bytes", 120))
                .attr("help", Map.of("help-name", "ftp"))
                .attr("secctx", Map.of("secctx-name", "system_u:object_r:unlabeled_t:s0"))
                .attr("timestamp", Map.of("start", 1_700_000_000_000_000_000L))
                .attr("labels", new byte[] {1, 0, 0, 0, 0, 0, 0, 0, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0});
        return m.build().toByteArray();
    }

    @Test
    void decodesWhatTheEncoderWrote() {
        List<NetlinkMessage> ms = MARSHAL.parse(fullEntry());
        ConntrackEntry e = ConntrackEntry.from(ms.get(0));
        assertEquals(Rtnl.AF_INET, e.family());
        assertEquals(ConntrackTuple.tcp("10.0.0.1", 1000, "10.0.0.2", 80), e.original());
        assertEquals(ConntrackTuple.tcp("10.0.0.2", 80, "10.0.0.1", 1000).withZone(4), e.reply());
        assertEquals(7, e.zone());
        assertEquals(List.of("SEEN_REPLY", "ASSURED", "CONFIRMED"), e.statusNames());
        assertEquals(5L, e.mark());
        assertEquals(0xdeadbeefL, e.id());
        assertEquals(299L, e.timeout());
        assertEquals("ESTABLISHED", e.stateName());
        assertEquals(new ConntrackEntry.Counters(3, 180), e.originalCounters());
        assertEquals(new ConntrackEntry.Counters(2, 120), e.replyCounters());
        assertEquals("ftp", e.helper());
        assertEquals("system_u:object_r:unlabeled_t:s0", e.secctx());
        assertEquals(1_700_000_000_000_000_000L, e.start());
        assertEquals(List.of(0, 71), e.labels());
        assertEquals("ipv4", e.familyName());
        assertEquals("tcp", e.protocolName());
    }

    @Test
    void malformedEntriesRaiseMalformedMessageExceptionOnly() {
        byte[] good = fullEntry();
        int checked = 0;
        for (int pos = 0; pos < good.length; pos++) {
            for (int v : new int[] {0x00, 0x01, 0x03, 0x05, 0x7f, 0x80, 0xff}) {
                byte[] b = good.clone();
                b[pos] = (byte) v;
                try {
                    for (NetlinkMessage m : MARSHAL.parse(b)) {
                        if (m.type() == Ctnetlink.MSG_NEW) {
                            ConntrackEntry e = ConntrackEntry.from(m);
                            e.stateName();
                            e.statusNames();
                            e.original().toString();
                        }
                    }
                } catch (MalformedMessageException expected) {
                    checked++;
                } catch (RuntimeException other) {
                    throw new AssertionError("byte " + pos + " = 0x" + Integer.toHexString(v) + ": " + other, other);
                }
            }
        }
        assertEquals(true, checked > 100, "corruptions found malformed: " + checked);
    }

    @Test
    void namedFaults() {
        // an entry without its reply tuple
        byte[] noReply = MessageBuilder.of(Ctnetlink.SCHEMA, "ct-new").header("nfgen-family", 2)
                .attr("tuple-orig", ConntrackTuple.udp("10.0.0.1", 1, "10.0.0.2", 2).toAttrs()).build().toByteArray();
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> ConntrackEntry.from(MARSHAL.parse(noReply).get(0)));
        assertEquals(true, e.getMessage().contains("CTA_TUPLE_REPLY"), e.getMessage());
        // a tuple without a protocol number
        byte[] noProto = MessageBuilder.of(Ctnetlink.SCHEMA, "ct-new").header("nfgen-family", 2)
                .attr("tuple-orig", Map.of("tuple-ip", Map.of("ip-v4-src", "10.0.0.1")))
                .attr("tuple-reply", Map.of("tuple-ip", Map.of("ip-v4-src", "10.0.0.1"))).build().toByteArray();
        e = assertThrows(MalformedMessageException.class, () -> ConntrackEntry.from(MARSHAL.parse(noProto).get(0)));
        assertEquals(true, e.getMessage().contains("protocol"), e.getMessage());
        // an IPv4 address of 3 bytes
        byte[] shortIp = MessageBuilder.of(Ctnetlink.SCHEMA, "ct-new").header("nfgen-family", 2)
                .attr("tuple-orig", Map.of("tuple-ip", Map.of("ip-v4-src", new byte[] {10, 0, 0}),
                        "tuple-proto", Map.of("proto-num", 17)))
                .build().toByteArray();
        e = assertThrows(MalformedMessageException.class, () -> ConntrackEntry.from(MARSHAL.parse(shortIp).get(0)));
        assertEquals(true, e.getMessage().contains("ip-v4-src"), e.getMessage());
    }
}
