package io.jnetlink.route;

import io.jnetlink.message.AttrCursor;
import io.jnetlink.message.HeaderField;
import io.jnetlink.message.MessageCursor;
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

    /**
     * The table as {@code ip} names it (main, local, default, or the number).
     *
     * @return the table's name, or its number as text
     */
    public String tableName() {
        return Names.table(table);
    }

    static Rule from(NetlinkMessage m) {
        return from(Rtnl.cursor(m));
    }

    private static final HeaderField H_FAMILY = Rtnl.headerField("fib-rule-hdr", "family");
    private static final HeaderField H_DST_LEN = Rtnl.headerField("fib-rule-hdr", "dst-len");
    private static final HeaderField H_SRC_LEN = Rtnl.headerField("fib-rule-hdr", "src-len");
    private static final HeaderField H_TOS = Rtnl.headerField("fib-rule-hdr", "tos");
    private static final HeaderField H_TABLE = Rtnl.headerField("fib-rule-hdr", "table");
    private static final HeaderField H_ACTION = Rtnl.headerField("fib-rule-hdr", "action");
    private static final HeaderField H_FLAGS = Rtnl.headerField("fib-rule-hdr", "flags");

    static Rule from(MessageCursor m) {
        int family = (int) m.header(H_FAMILY);
        int dstLen = (int) m.header(H_DST_LEN);
        int srcLen = (int) m.header(H_SRC_LEN);
        int tos = (int) m.header(H_TOS);
        long table = m.header(H_TABLE);
        int action = (int) m.header(H_ACTION);
        int flags = (int) m.header(H_FLAGS);
        long priority = 0;
        InetAddress src = null;
        InetAddress dst = null;
        String iif = null;
        String oif = null;
        Long fwmark = null;
        Long fwmask = null;
        int protocol = 0;
        AttrCursor a = m.attributes();
        while (a.next()) {
            switch (a.type()) {
                case 1 -> dst = a.address();
                case 2 -> src = a.address();
                case 3 -> iif = a.string();
                case 6 -> priority = a.asLong();
                case 10 -> fwmark = a.asLong();
                case 15 -> table = a.asLong();
                case 16 -> fwmask = a.asLong();
                case 17 -> oif = a.string();
                case 21 -> protocol = (int) a.asLong();
                default -> {
                }
            }
        }
        return new Rule(family, priority, src, srcLen, dst, dstLen, tos, table, action, flags, iif, oif, fwmark, fwmask,
                protocol);
    }
}
