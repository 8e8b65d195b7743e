package io.jnetlink.route;

import io.jnetlink.message.Attribute;
import io.jnetlink.message.NetlinkMessage;

import java.net.InetAddress;

/**
 * A policy routing rule as rtnetlink reports it (RTM_NEWRULE): fib_rule_hdr and the FRA_* attributes.
 *
 * @param family   AF_INET or AF_INET6
 * @param priority FRA_PRIORITY, the rule's preference (0 when the kernel leaves it out)
 * @param src      source prefix, or null for "all"
 * @param srcLen   source prefix length
 * @param dst      destination prefix, or null
 * @param dstLen   destination prefix length
 * @param tos      TOS selector
 * @param table    table looked up (FRA_TABLE, which holds ids above 255)
 * @param action   FR_ACT_* (1 lookup, 2 goto, 3 nop, 6 blackhole, 7 unreachable, 8 prohibit)
 * @param flags    FIB_RULE_* flags (2 invert)
 * @param iifname  input device, or null
 * @param oifname  output device, or null
 * @param fwmark   firewall mark, or null
 * @param fwmask   firewall mark mask, or null
 * @param protocol who installed it (RTPROT_*)
 */
public record Rule(int family, long priority, InetAddress src, int srcLen, InetAddress dst, int dstLen, int tos,
                   long table, int action, int flags, String iifname, String oifname, Long fwmark, Long fwmask,
                   int protocol) implements RtnlObject {

    /** The table as {@code ip} names it (main, local, default, or the number). */
    public String tableName() {
        return Names.table(table);
    }

    static Rule from(NetlinkMessage m) {
        int family = (int) m.headerField("family");
        int dstLen = (int) m.headerField("dst-len");
        int srcLen = (int) m.headerField("src-len");
        int tos = (int) m.headerField("tos");
        long table = m.headerField("table");
        int action = (int) m.headerField("action");
        int flags = (int) m.headerField("flags");
        long priority = 0;
        InetAddress src = null;
        InetAddress dst = null;
        String iif = null;
        String oif = null;
        Long fwmark = null;
        Long fwmask = null;
        int protocol = 0;
        for (Attribute a : m.attributes()) {
            switch (a.type()) {
                case 1 -> dst = Decode.ip(a);
                case 2 -> src = Decode.ip(a);
                case 3 -> iif = a.asString();
                case 6 -> priority = a.asLong();
                case 10 -> fwmark = a.asLong();
                case 15 -> table = a.asLong();
                case 16 -> fwmask = a.asLong();
                case 17 -> oif = a.asString();
                case 21 -> protocol = (int) a.asLong();
                default -> {
                }
            }
        }
        return new Rule(family, priority, src, srcLen, dst, dstLen, tos, table, action, flags, iif, oif, fwmark, fwmask,
                protocol);
    }
}
