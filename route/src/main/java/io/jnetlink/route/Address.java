package io.jnetlink.route;

import io.jnetlink.message.AttrCursor;
import io.jnetlink.message.HeaderField;
import io.jnetlink.message.MessageCursor;
import io.jnetlink.message.NetlinkMessage;

import java.net.InetAddress;
import java.util.List;

/**
 * An interface address as rtnetlink reports it (RTM_NEWADDR): ifaddrmsg and the IFA_* attributes.
 *
 * @param family            AF_INET or AF_INET6
 * @param index             ifindex of the device
 * @param prefixlen         prefix length
 * @param flags             IFA_F_* flags (IFA_FLAGS when sent, else the header's 8 bits; {@link #flagNames()})
 * @param scope             RT_SCOPE_* ({@link #scopeName()})
 * @param local             the address itself (IFA_LOCAL, or IFA_ADDRESS when the kernel sends no IFA_LOCAL)
 * @param peer              IFA_ADDRESS when it differs from IFA_LOCAL (the peer of a point-to-point link), or null
 * @param broadcast         IFA_BROADCAST, or null
 * @param label             IFA_LABEL (IPv4), or null
 * @param validLifetime     seconds, 4294967295 for forever
 * @param preferredLifetime seconds, 4294967295 for forever
 */
public record Address(int family, int index, int prefixlen, int flags, int scope, InetAddress local,
                      InetAddress peer, InetAddress broadcast, String label, long validLifetime,
                      long preferredLifetime) implements RtnlObject {

    private static final String[] FLAGS = {"secondary", "nodad", "optimistic", "dadfailed", "homeaddress",
        "deprecated", "tentative", "permanent", "managetempaddr", "noprefixroute", "mcautojoin", "stable-privacy"};

    /**
     * The family as {@code ip} names it.
     *
     * @return "inet" or "inet6" (the number for another family)
     */
    public String familyName() {
        return Names.family(family);
    }

    /**
     * The scope as {@code ip} prints it (global, link, host, ...).
     *
     * @return the name of {@link #scope()}, or the number when it has none
     */
    public String scopeName() {
        return Names.scope(scope);
    }

    /**
     * The IFA_F_* flags as {@code ip -j} names them (secondary, tentative, permanent, ...).
     *
     * @return the names of the set flags, in bit order; empty when none is set
     */
    public List<String> flagNames() {
        return Names.bits(FLAGS, flags & 0xffffffffL);
    }

    /**
     * The address with its prefix length, as {@code ip} prints it.
     *
     * @return {@code local/prefixlen}, e.g. "10.0.0.1/24" or "2001:db8::1/64"
     */
    public String cidr() {
        return Inet.format(local) + "/" + prefixlen;
    }

    static Address from(NetlinkMessage m) {
        return from(Rtnl.cursor(m));
    }

    private static final HeaderField H_IFA_FAMILY = Rtnl.headerField("ifaddrmsg", "ifa-family");
    private static final HeaderField H_IFA_PREFIXLEN = Rtnl.headerField("ifaddrmsg", "ifa-prefixlen");
    private static final HeaderField H_IFA_FLAGS = Rtnl.headerField("ifaddrmsg", "ifa-flags");
    private static final HeaderField H_IFA_SCOPE = Rtnl.headerField("ifaddrmsg", "ifa-scope");
    private static final HeaderField H_IFA_INDEX = Rtnl.headerField("ifaddrmsg", "ifa-index");

    static Address from(MessageCursor m) {
        int family = (int) m.header(H_IFA_FAMILY);
        int prefixlen = (int) m.header(H_IFA_PREFIXLEN);
        int flags = (int) m.header(H_IFA_FLAGS);
        int scope = (int) m.header(H_IFA_SCOPE);
        int index = (int) m.header(H_IFA_INDEX);
        InetAddress local = null;
        InetAddress address = null;
        InetAddress broadcast = null;
        String label = null;
        long valid = 0xffffffffL;
        long preferred = 0xffffffffL;
        AttrCursor a = m.attributes();
        while (a.next()) {
            switch (a.type()) {
                case 1 -> address = a.address();
                case 2 -> local = a.address();
                case 3 -> label = a.string();
                case 4 -> broadcast = a.address();
                case 6 -> { // struct ifa_cacheinfo: preferred, valid, ...
                    preferred = a.u32At(0);
                    valid = a.u32At(4);
                }
                case 8 -> flags = (int) a.asLong();
                default -> {
                }
            }
        }
        InetAddress peer = local != null && address != null && !address.equals(local) ? address : null;
        return new Address(family, index, prefixlen, flags, scope, local != null ? local : address, peer, broadcast,
                label, valid, preferred);
    }
}
