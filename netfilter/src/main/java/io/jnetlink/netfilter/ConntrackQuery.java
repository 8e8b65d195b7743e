package io.jnetlink.netfilter;

import io.jnetlink.route.Inet;
import io.jnetlink.route.Rtnl;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * Which entries a dump or a flush selects, as {@code conntrack -L} options select them: family ({@code -f}),
 * protocol ({@code -p}), original source and destination address and port ({@code -s -d --sport --dport}), reply
 * addresses ({@code -r -q}), mark under a mask ({@code -m MARK/MASK}), zone ({@code --zone}) and status bits
 * ({@code -u}). Immutable; each method returns a narrower copy.
 *
 * <pre>{@code
 * ConntrackQuery q = ConntrackQuery.all().protocol(ConntrackTuple.TCP).dstPort(80).mark(5, 0xff);
 * }</pre>
 *
 * <p>{@link Conntrack} hands it to the kernel: family, mark, zone and status as the dump's filters, the tuple fields
 * through CTA_FILTER (which needs a family: without one, IPv4 and IPv6 are dumped one after the other), except IPv6
 * addresses, which the 6.18 kernel matches inverted and which are compared in user space.
 * {@link #test} applies the same selection to an entry in user space (to events, for instance).
 */
public final class ConntrackQuery {
    final int family;
    final Integer protocol;
    final InetAddress src;
    final InetAddress dst;
    final Integer srcPort;
    final Integer dstPort;
    final InetAddress replySrc;
    final InetAddress replyDst;
    final Long mark;
    final long markMask;
    final Integer zone;
    final Long status;
    final long statusMask;

    private ConntrackQuery(int family, Integer protocol, InetAddress src, InetAddress dst, Integer srcPort,
                           Integer dstPort, InetAddress replySrc, InetAddress replyDst, Long mark, long markMask,
                           Integer zone, Long status, long statusMask) {
        this.family = family;
        this.protocol = protocol;
        this.src = src;
        this.dst = dst;
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        this.replySrc = replySrc;
        this.replyDst = replyDst;
        this.mark = mark;
        this.markMask = markMask;
        this.zone = zone;
        this.status = status;
        this.statusMask = statusMask;
    }

    /**
     * The query that selects every entry of every family, to narrow with the other methods.
     *
     * @return the query
     */
    public static ConntrackQuery all() {
        return new ConntrackQuery(Rtnl.AF_UNSPEC, null, null, null, null, null, null, null, null, 0, null, null, 0);
    }

    /**
     * This query for the entries of one family ({@code conntrack -f}), or both.
     *
     * @param af AF_INET, AF_INET6, or AF_UNSPEC for both
     * @return the narrower query
     * @throws IllegalArgumentException for another family
     */
    public ConntrackQuery family(int af) {
        if (af != Rtnl.AF_UNSPEC && af != Rtnl.AF_INET && af != Rtnl.AF_INET6) {
            throw new IllegalArgumentException("family must be AF_UNSPEC, AF_INET or AF_INET6, got " + af);
        }
        return new ConntrackQuery(af, protocol, src, dst, srcPort, dstPort, replySrc, replyDst, mark, markMask, zone,
                status, statusMask);
    }

    /**
     * This query for the entries of one layer-4 protocol ({@code conntrack -p}).
     *
     * @param p the protocol number, 0 to 255 ({@link ConntrackTuple#parseProtocol} reads names)
     * @return the narrower query
     * @throws IllegalArgumentException when {@code p} is outside 0..255
     */
    public ConntrackQuery protocol(int p) {
        if (p < 0 || p > 255) {
            throw new IllegalArgumentException("protocol " + p + " is outside 0..255");
        }
        return new ConntrackQuery(family, p, src, dst, srcPort, dstPort, replySrc, replyDst, mark, markMask, zone,
                status, statusMask);
    }

    /**
     * This query for the entries whose original source address is {@code address} ({@code conntrack -s}).
     *
     * @param address an IPv4 or IPv6 literal (no name lookup)
     * @return the narrower query
     * @throws IllegalArgumentException when the text is empty, null or not an address literal
     */
    public ConntrackQuery src(String address) {
        return new ConntrackQuery(family, protocol, Inet.address(address, "source"), dst, srcPort, dstPort,
                replySrc, replyDst, mark, markMask, zone, status, statusMask);
    }

    /**
     * This query for the entries whose original destination address is {@code address} ({@code conntrack -d}).
     *
     * @param address an IPv4 or IPv6 literal (no name lookup)
     * @return the narrower query
     * @throws IllegalArgumentException when the text is empty, null or not an address literal
     */
    public ConntrackQuery dst(String address) {
        return new ConntrackQuery(family, protocol, src, Inet.address(address, "destination"), srcPort,
                dstPort, replySrc, replyDst, mark, markMask, zone, status, statusMask);
    }

    /**
     * This query for the entries whose original source port is {@code port} ({@code conntrack --sport}); a dump or a
     * flush of the query needs {@link #protocol} tcp or udp too (else it throws IllegalArgumentException).
     *
     * @param port the port, 0 to 65535
     * @return the narrower query
     * @throws IllegalArgumentException when the port is outside 0..65535
     */
    public ConntrackQuery srcPort(int port) {
        return new ConntrackQuery(family, protocol, src, dst, port(port, "source port"), dstPort, replySrc, replyDst,
                mark, markMask, zone, status, statusMask);
    }

    /**
     * This query for the entries whose original destination port is {@code port} ({@code conntrack --dport}); a dump
     * or a flush of the query needs {@link #protocol} tcp or udp too (else it throws IllegalArgumentException).
     *
     * @param port the port, 0 to 65535
     * @return the narrower query
     * @throws IllegalArgumentException when the port is outside 0..65535
     */
    public ConntrackQuery dstPort(int port) {
        return new ConntrackQuery(family, protocol, src, dst, srcPort, port(port, "destination port"), replySrc,
                replyDst, mark, markMask, zone, status, statusMask);
    }

    /**
     * This query for the entries whose reply source address is {@code address} ({@code conntrack -r}).
     *
     * @param address an IPv4 or IPv6 literal (no name lookup)
     * @return the narrower query
     * @throws IllegalArgumentException when the text is empty, null or not an address literal
     */
    public ConntrackQuery replySrc(String address) {
        return new ConntrackQuery(family, protocol, src, dst, srcPort, dstPort,
                Inet.address(address, "reply source"), replyDst, mark, markMask, zone, status, statusMask);
    }

    /**
     * This query for the entries whose reply destination address is {@code address} ({@code conntrack -q}).
     *
     * @param address an IPv4 or IPv6 literal (no name lookup)
     * @return the narrower query
     * @throws IllegalArgumentException when the text is empty, null or not an address literal
     */
    public ConntrackQuery replyDst(String address) {
        return new ConntrackQuery(family, protocol, src, dst, srcPort, dstPort, replySrc,
                Inet.address(address, "reply destination"), mark, markMask, zone, status, statusMask);
    }

    /**
     * This query for the entries whose connection mark (CTA_MARK) is {@code value}; an entry without a mark has 0.
     *
     * @param value the mark, 0 to 4294967295
     * @return the narrower query
     * @throws IllegalArgumentException when the value is outside 32 bits
     */
    public ConntrackQuery mark(long value) {
        return mark(value, 0xffffffffL);
    }

    /**
     * This query for the entries whose connection mark, masked with {@code mask}, is {@code value}
     * ({@code conntrack -m VALUE/MASK}; CTA_MARK and CTA_MARK_MASK).
     *
     * @param value the mark, 0 to 4294967295, with no bit outside {@code mask}
     * @param mask  the bits compared, 0 to 4294967295
     * @return the narrower query
     * @throws IllegalArgumentException when either is outside 32 bits, or {@code value} has bits outside the mask
     */
    public ConntrackQuery mark(long value, long mask) {
        u32(value, "mark");
        u32(mask, "mark mask");
        if ((value & ~mask) != 0) {
            throw new IllegalArgumentException("mark 0x" + Long.toHexString(value) + " has bits outside its mask 0x"
                    + Long.toHexString(mask) + ": nothing would match");
        }
        return new ConntrackQuery(family, protocol, src, dst, srcPort, dstPort, replySrc, replyDst, value, mask, zone,
                status, statusMask);
    }

    /**
     * This query for the entries of zone {@code z} ({@code conntrack --zone}), whether the zone applies to both
     * directions or to one.
     *
     * @param z the zone, 0 to 65535
     * @return the narrower query
     * @throws IllegalArgumentException when {@code z} is outside 0..65535
     */
    public ConntrackQuery zone(int z) {
        if (z < 0 || z > 65535) {
            throw new IllegalArgumentException("zone " + z + " is outside 0..65535");
        }
        return new ConntrackQuery(family, protocol, src, dst, srcPort, dstPort, replySrc, replyDst, mark, markMask, z,
                status, statusMask);
    }

    /**
     * This query for the entries with every status bit of {@code bits} set.
     *
     * @param bits IPS_* bits (as {@link Ctnetlink#IPS_ASSURED}), not 0, within 32 bits
     * @return the narrower query
     * @throws IllegalArgumentException when {@code bits} is 0 or outside 32 bits
     */
    public ConntrackQuery status(long bits) {
        return status(bits, bits);
    }

    /**
     * This query for the entries with every status bit named set ({@code conntrack -u}).
     *
     * @param names the kernel's names of the bits, comma-separated, case-insensitive ("SEEN_REPLY,ASSURED")
     * @return the narrower query
     * @throws IllegalArgumentException naming a word that is not a status bit
     */
    public ConntrackQuery status(String names) {
        return status(ConntrackRequest.parseStatus(names));
    }

    /**
     * This query for the entries whose status, masked with {@code mask}, is {@code bits} (CTA_STATUS and
     * CTA_STATUS_MASK).
     *
     * @param bits IPS_* bits that must be set, with no bit outside {@code mask}
     * @param mask the bits compared: not 0, within 32 bits
     * @return the narrower query
     * @throws IllegalArgumentException when either is outside 32 bits, the mask is 0, or {@code bits} has bits
     *                                  outside it
     */
    public ConntrackQuery status(long bits, long mask) {
        u32(bits, "status");
        u32(mask, "status mask");
        if (mask == 0) {
            throw new IllegalArgumentException("status mask 0 selects nothing to compare");
        }
        if ((bits & ~mask) != 0) {
            throw new IllegalArgumentException("status has bits outside its mask: nothing would match");
        }
        return new ConntrackQuery(family, protocol, src, dst, srcPort, dstPort, replySrc, replyDst, mark, markMask,
                zone, bits, mask);
    }

    private static Integer port(int p, String what) {
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException(what + " " + p + " is outside 0..65535");
        }
        return p;
    }

    private static void u32(long v, String what) {
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException(what + " " + v + " is outside 0..4294967295");
        }
    }

    /** True when the query selects by tuple fields (CTA_FILTER). */
    boolean hasTupleFilter() {
        return protocol != null || src != null || dst != null || replySrc != null || replyDst != null;
    }

    /** True when the query selects by an address. */
    boolean hasAddressFilter() {
        return src != null || dst != null || replySrc != null || replyDst != null;
    }

    /** True when nothing is selected: every entry. */
    boolean isAll() {
        return family == Rtnl.AF_UNSPEC && !hasTupleFilter() && mark == null && zone == null && status == null;
    }

    /**
     * The family the addresses and {@link #family} agree on (AF_UNSPEC when neither says).
     *
     * @throws IllegalArgumentException when they disagree, or ports are asked of a protocol without them
     */
    int resolvedFamily() {
        int f = family;
        for (InetAddress a : new InetAddress[] {src, dst, replySrc, replyDst}) {
            if (a == null) {
                continue;
            }
            int af = a instanceof Inet4Address ? Rtnl.AF_INET : Rtnl.AF_INET6;
            if (f != Rtnl.AF_UNSPEC && f != af) {
                throw new IllegalArgumentException("address " + a.getHostAddress() + " is not of the query's family ("
                        + (f == Rtnl.AF_INET ? "IPv4" : "IPv6") + ")");
            }
            f = af;
        }
        if ((srcPort != null || dstPort != null) && (protocol == null || protocol != ConntrackTuple.TCP
                && protocol != ConntrackTuple.UDP)) {
            throw new IllegalArgumentException("a port filter needs protocol tcp or udp (the kernel compares ports of "
                    + "those only)");
        }
        return f;
    }

    /**
     * Whether {@code e} is one of the entries this query selects, tested in user space as the kernel tests it (for
     * events, which the kernel does not filter).
     *
     * @param e an entry
     * @return true when every condition of the query holds for it
     */
    public boolean test(ConntrackEntry e) {
        if (family != Rtnl.AF_UNSPEC && e.family() != family) {
            return false;
        }
        ConntrackTuple o = e.original();
        if (protocol != null && o.protocol() != protocol
                || src != null && !src.equals(o.src()) || dst != null && !dst.equals(o.dst())
                || srcPort != null && !srcPort.equals(o.srcPort()) || dstPort != null && !dstPort.equals(o.dstPort())
                || replySrc != null && !replySrc.equals(e.reply().src())
                || replyDst != null && !replyDst.equals(e.reply().dst())) {
            return false;
        }
        if (mark != null && ((e.mark() == null ? 0 : e.mark()) & markMask) != mark) {
            return false;
        }
        if (zone != null && !zone.equals(zoneOf(e))) {
            return false;
        }
        return status == null || (e.status() & statusMask) == status;
    }

    /** The entry's zone id, whichever direction it applies to. */
    private static int zoneOf(ConntrackEntry e) {
        if (e.zone() != 0) {
            return e.zone();
        }
        Integer z = e.original().zone() != null ? e.original().zone() : e.reply().zone();
        return z == null ? 0 : z;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConntrackQuery q && family == q.family && Objects.equals(protocol, q.protocol)
                && Objects.equals(src, q.src) && Objects.equals(dst, q.dst) && Objects.equals(srcPort, q.srcPort)
                && Objects.equals(dstPort, q.dstPort) && Objects.equals(replySrc, q.replySrc)
                && Objects.equals(replyDst, q.replyDst) && Objects.equals(mark, q.mark) && markMask == q.markMask
                && Objects.equals(zone, q.zone) && Objects.equals(status, q.status) && statusMask == q.statusMask;
    }

    @Override
    public int hashCode() {
        return Objects.hash(family, protocol, src, dst, srcPort, dstPort, replySrc, replyDst, mark, zone, status);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ConntrackQuery[");
        if (family != Rtnl.AF_UNSPEC) {
            sb.append("family=").append(family == Rtnl.AF_INET ? "ipv4" : "ipv6").append(' ');
        }
        if (protocol != null) {
            sb.append("proto=").append(ConntrackTuple.protocolName(protocol)).append(' ');
        }
        append(sb, "src", src);
        append(sb, "dst", dst);
        append(sb, "sport", srcPort);
        append(sb, "dport", dstPort);
        append(sb, "reply-src", replySrc);
        append(sb, "reply-dst", replyDst);
        if (mark != null) {
            sb.append("mark=").append(mark).append("/0x").append(Long.toHexString(markMask)).append(' ');
        }
        append(sb, "zone", zone);
        if (status != null) {
            sb.append("status=").append(ConntrackEntry.statusNames(status)).append(' ');
        }
        return sb.toString().stripTrailing() + "]";
    }

    private static void append(StringBuilder sb, String k, Object v) {
        if (v != null) {
            sb.append(k).append('=').append(v instanceof InetAddress a ? a.getHostAddress() : v).append(' ');
        }
    }
}
