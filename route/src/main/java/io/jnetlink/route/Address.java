package io.jnetlink.route;

import io.jnetlink.message.Attribute;
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

    /** "inet" or "inet6". */
    public String familyName() {
        return Names.family(family);
    }

    /** The scope as {@code ip} prints it (global, link, host, ...). */
    public String scopeName() {
        return Names.scope(scope);
    }

    /** The IFA_F_* flags as {@code ip -j} names them (secondary, tentative, permanent, ...). */
    public List<String> flagNames() {
        return Names.bits(FLAGS, flags & 0xffffffffL);
    }

    /** {@code local/prefixlen}. */
    public String cidr() {
        return Inet.format(local) + "/" + prefixlen;
    }

    static Address from(NetlinkMessage m) {
        int family = (int) m.headerField("ifa-family");
        int prefixlen = (int) m.headerField("ifa-prefixlen");
        int flags = (int) m.headerField("ifa-flags");
        int scope = (int) m.headerField("ifa-scope");
        int index = (int) m.headerField("ifa-index");
        InetAddress local = null;
        InetAddress address = null;
        InetAddress broadcast = null;
        String label = null;
        long valid = 0xffffffffL;
        long preferred = 0xffffffffL;
        for (Attribute a : m.attributes()) {
            switch (a.type()) {
                case 1 -> address = Decode.ip(a);
                case 2 -> local = Decode.ip(a);
                case 3 -> label = a.asString();
                case 4 -> broadcast = Decode.ip(a);
                case 6 -> {
                    byte[] b = a.bytes();
                    if (b.length >= 8) {
                        preferred = Decode.u32(b, 0);
                        valid = Decode.u32(b, 4);
                    }
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
