package io.jnetlink.netfilter;

import io.jnetlink.message.Attribute;
import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.route.Rtnl;

import java.util.ArrayList;
import java.util.List;

/**
 * A connection tracking entry as ctnetlink reports it (IPCTNL_MSG_CT_NEW in dumps, gets and events; DELETE in
 * DESTROY events): struct nfgenmsg and the CTA_* attributes. Values the kernel did not send are null: events carry
 * only part of an entry (no use count; the mark only when set or changed; counters and timestamps only in DESTROY
 * events; protoinfo only when it changed).
 *
 * @param family           AF_INET or AF_INET6 (nfgen_family)
 * @param original         the original direction (CTA_TUPLE_ORIG)
 * @param reply            the reply direction (CTA_TUPLE_REPLY)
 * @param status           IPS_* bits ({@link #statusNames()}; CTA_STATUS)
 * @param timeout          seconds left (CTA_TIMEOUT), or null (offloaded entries, some events)
 * @param mark             the connection mark (CTA_MARK), or null when not sent
 * @param zone             the zone (CTA_ZONE) when it applies to both directions; 0 for the default zone
 * @param id               the kernel's id of the entry (CTA_ID)
 * @param use              the reference count (CTA_USE), or null when not sent
 * @param state            the protocol's state (TCP, SCTP or DCCP; {@link #stateName()}), or null
 * @param originalCounters packets and bytes of the original direction (with {@code nf_conntrack_acct}), or null
 * @param replyCounters    packets and bytes of the reply direction, or null
 * @param helper           the name of the helper attached (CTA_HELP), or null
 * @param labels           the numbers of the connection labels set (CTA_LABELS), or null when none were sent
 * @param secctx           the security context (CTA_SECCTX), or null
 * @param start            when the entry was made, ns since the epoch (with {@code nf_conntrack_timestamp}), or null
 * @param stop             when it was destroyed, ns since the epoch (DESTROY events), or null
 */
public record ConntrackEntry(int family, ConntrackTuple original, ConntrackTuple reply, long status, Long timeout,
                             Long mark, int zone, long id, Long use, Integer state, Counters originalCounters,
                             Counters replyCounters, String helper, List<Integer> labels, String secctx, Long start,
                             Long stop) {

    /**
     * Traffic of one direction (CTA_COUNTERS_ORIG, CTA_COUNTERS_REPLY).
     *
     * @param packets packets seen
     * @param bytes   bytes seen
     */
    public record Counters(long packets, long bytes) {
    }

    /** Copies the labels. */
    public ConntrackEntry {
        labels = labels == null ? null : List.copyOf(labels);
    }

    /**
     * The entry's layer-4 protocol.
     *
     * @return the original tuple's protocol number (6 tcp, 17 udp, ...)
     */
    public int protocol() {
        return original.protocol();
    }

    /**
     * The entry's layer-4 protocol as conntrack names it.
     *
     * @return tcp, udp, icmp, ...; "unknown" for a protocol conntrack has no name for
     */
    public String protocolName() {
        return original.protocolName();
    }

    /**
     * The entry's family as conntrack names it.
     *
     * @return ipv4, ipv6, or "unknown"
     */
    public String familyName() {
        return family == Rtnl.AF_INET ? "ipv4" : family == Rtnl.AF_INET6 ? "ipv6" : "unknown";
    }

    /**
     * Whether a status bit is set.
     *
     * @param ips an IPS_* value of {@link Ctnetlink} (with several bits: any of them)
     * @return true when {@code status & ips} is not 0
     */
    public boolean has(long ips) {
        return (status & ips) != 0;
    }

    /**
     * The status bits set, by the kernel's names.
     *
     * @return SEEN_REPLY, ASSURED, CONFIRMED, ... lowest bit first; a bit with no name as "BIT" and its number
     */
    public List<String> statusNames() {
        return statusNames(status);
    }

    /** The status bits of {@code status}, by the kernel's names; unknown bits as their numbers ("BIT20"). */
    static List<String> statusNames(long status) {
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < 32; bit++) {
            if ((status & (1L << bit)) != 0) {
                out.add(bit < Ctnetlink.STATUS_NAMES.size() ? Ctnetlink.STATUS_NAMES.get(bit) : "BIT" + bit);
            }
        }
        return out;
    }

    /**
     * The protocol state as conntrack prints it.
     *
     * @return ESTABLISHED, SYN_SENT, TIME_WAIT, ... (SCTP and DCCP states by their names; NONE for a number without
     *         one), or null when the entry has no state
     */
    public String stateName() {
        if (state == null) {
            return null;
        }
        List<String> names = switch (protocol()) {
            case ConntrackTuple.SCTP -> Ctnetlink.SCTP_STATES;
            case ConntrackTuple.DCCP -> Ctnetlink.DCCP_STATES;
            default -> Ctnetlink.TCP_STATES;
        };
        return state >= 0 && state < names.size() ? names.get(state) : names.get(0);
    }

    /**
     * This entry updated by an event about it: every value the event carries replaces this entry's, the others are
     * kept (an UPDATE event sends only part of an entry).
     */
    ConntrackEntry updatedBy(ConntrackEntry e) {
        return new ConntrackEntry(e.family, e.original, e.reply, e.status, pick(e.timeout, timeout), pick(e.mark, mark),
                e.zone, e.id, pick(e.use, use), pick(e.state, state), pick(e.originalCounters, originalCounters),
                pick(e.replyCounters, replyCounters), pick(e.helper, helper), pick(e.labels, labels),
                pick(e.secctx, secctx), pick(e.start, start), pick(e.stop, stop));
    }

    private static <T> T pick(T fresh, T old) {
        return fresh != null ? fresh : old;
    }

    /**
     * Decodes an entry message in one pass over its attributes.
     *
     * @throws MalformedMessageException when an attribute is malformed or a tuple is missing
     */
    static ConntrackEntry from(NetlinkMessage m) {
        int family = (int) m.headerField("nfgen-family");
        ConntrackTuple orig = null;
        ConntrackTuple reply = null;
        long status = 0;
        Long timeout = null;
        Long mark = null;
        int zone = 0;
        long id = 0;
        Long use = null;
        Integer state = null;
        Counters co = null;
        Counters cr = null;
        String helper = null;
        List<Integer> labels = null;
        String secctx = null;
        Long start = null;
        Long stop = null;
        for (Attribute a : m.attributes()) {
            switch (a.type()) {
                case 1 -> orig = ConntrackTuple.from(a);
                case 2 -> reply = ConntrackTuple.from(a);
                case 3 -> status = a.asLong();
                case 4 -> state = protoState(a);
                case 5 -> helper = nestedString(a);
                case 7 -> timeout = a.asLong();
                case 8 -> mark = a.asLong();
                case 9 -> co = counters(a);
                case 10 -> cr = counters(a);
                case 11 -> use = a.asLong();
                case 12 -> id = a.asLong();
                case 18 -> zone = (int) a.asLong();
                case 19 -> secctx = nestedString(a);
                case 20 -> {
                    for (Attribute t : a.asNested()) {
                        switch (t.type()) {
                            case 1 -> start = t.asLong();
                            case 2 -> stop = t.asLong();
                            default -> {
                            }
                        }
                    }
                }
                case 22 -> labels = labels(a.bytes());
                default -> {
                }
            }
        }
        if (orig == null || reply == null) {
            throw new MalformedMessageException("conntrack entry without " + (orig == null ? "CTA_TUPLE_ORIG"
                    : "CTA_TUPLE_REPLY"), 0);
        }
        return new ConntrackEntry(family, orig, reply, status, timeout, mark, zone, id, use, state, co, cr, helper,
                labels, secctx, start, stop);
    }

    /** The state in CTA_PROTOINFO's protocol nest (TCP, DCCP or SCTP: attribute 1 of each), or null. */
    private static Integer protoState(Attribute protoinfo) {
        for (Attribute p : protoinfo.asNested()) {
            for (Attribute s : p.asNested()) {
                if (s.type() == 1) {
                    return (int) s.asLong();
                }
            }
        }
        return null;
    }

    /** The string of attribute 1 of a nest (CTA_HELP_NAME, CTA_SECCTX_NAME), or null. */
    private static String nestedString(Attribute nest) {
        for (Attribute a : nest.asNested()) {
            if (a.type() == 1) {
                return a.asString();
            }
        }
        return null;
    }

    private static Counters counters(Attribute nest) {
        long packets = 0;
        long bytes = 0;
        for (Attribute a : nest.asNested()) {
            switch (a.type()) {
                case 1, 3 -> packets = a.asLong();
                case 2, 4 -> bytes = a.asLong();
                default -> {
                }
            }
        }
        return new Counters(packets, bytes);
    }

    /** The bit numbers set in a label bitmask (the kernel's unsigned longs, little-endian). */
    private static List<Integer> labels(byte[] b) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < b.length * 8; i++) {
            if ((b[i >> 3] & (1 << (i & 7))) != 0) {
                out.add(i);
            }
        }
        return out;
    }
}
