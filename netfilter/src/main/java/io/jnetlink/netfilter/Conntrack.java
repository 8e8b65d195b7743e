package io.jnetlink.netfilter;

import io.jnetlink.Errno;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.MessageBuilder;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.route.Rtnl;
import io.jnetlink.socket.NetlinkSocket;
import io.jnetlink.socket.NetlinkSocketSpec;
import io.jnetlink.socket.Replies;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The conntrack provider, {@code conntrack}(8) in Java: dumps (filtered in the kernel), gets, creates, deletes and
 * flushes connection tracking entries over ctnetlink and watches their events, with typed, immutable
 * {@link ConntrackEntry} records. It holds one {@link NetlinkSocket} (family NETLINK_NETFILTER; {@link #socket()} for
 * its options) and works in the spec's network namespace.
 *
 * <pre>{@code
 * try (Conntrack ct = new Conntrack(NetlinkSocketSpec.builder().netns("blue").build())) {
 *     ct.create(ConntrackRequest.of(ConntrackTuple.tcp("10.0.0.1", 40000, "10.0.0.2", 80)).timeout(300)
 *             .state("ESTABLISHED"));
 *     for (ConntrackEntry e : ct.entries(ConntrackQuery.all().protocol(ConntrackTuple.TCP).dstPort(80))) { ... }
 *     ct.entries(ConntrackQuery.all(), e -> { ... });           // streamed: a table of any size
 *     ConntrackEntry one = ct.get(ConntrackTuple.tcp("10.0.0.1", 40000, "10.0.0.2", 80));
 *     ct.delete(one);
 * }
 * }</pre>
 *
 * <p>Errors: a refusal is a {@link NetlinkException} named after the operation ("conntrack create tcp src=10.0.0.1
 * dst=10.0.0.2 sport=40000 dport=80: EEXIST (File exists)"); an entry that does not exist is ENOENT "no such
 * entry"; malformed arguments are {@link IllegalArgumentException}s naming the argument, thrown before anything is
 * sent. Safe for concurrent use.
 */
public final class Conntrack implements AutoCloseable {
    private final NetlinkSocket sock;

    /**
     * A ctnetlink socket in the caller's network namespace, with the default socket options.
     *
     * @throws NetlinkException when the socket cannot be opened
     */
    public Conntrack() throws NetlinkException {
        this(NetlinkSocketSpec.builder().build());
    }

    /**
     * A ctnetlink socket with the options of {@code spec} (namespace, buffers, timeout, ...); its family is ignored.
     *
     * @param spec the socket options
     * @throws NetlinkException when the socket cannot be opened (a namespace that does not exist, for instance)
     */
    public Conntrack(NetlinkSocketSpec spec) throws NetlinkException {
        sock = new NetlinkSocket(spec.toBuilder().family(Netlink.NETLINK_NETFILTER).build(),
                Marshal.classic(Ctnetlink.SCHEMA));
    }

    /**
     * The netlink socket the requests go through, for its options, {@code bind}, or {@code get()} for raw events.
     *
     * @return the socket (owned by this object: closed by {@link #close()})
     */
    public NetlinkSocket socket() {
        return sock;
    }

    /** Closes the socket (see {@link NetlinkSocket#close()}). */
    @Override
    public void close() {
        sock.close();
    }

    private static MessageBuilder msg(String name, int family) {
        return MessageBuilder.of(Ctnetlink.SCHEMA, name).header("nfgen-family", family);
    }

    /** Sends a request that is not a dump and returns the replies, refusals named after {@code op}. */
    private List<NetlinkMessage> call(String op, MessageBuilder m) throws NetlinkException {
        try (Replies r = sock.request(m.build())) {
            return r.list();
        } catch (NetlinkException e) {
            throw e.errno() == Errno.ENOENT ? new NetlinkException(op, Errno.ENOENT, "no such entry") : e.withOp(op);
        }
    }

    // ------------------------------------------------------------------ reading

    /**
     * Every entry of the table, of every family (as {@code conntrack -L}).
     *
     * @return the entries, in the kernel's order
     * @throws NetlinkException when the kernel refuses the dump (EPERM without CAP_NET_ADMIN)
     */
    public List<ConntrackEntry> entries() throws NetlinkException {
        return entries(ConntrackQuery.all());
    }

    /**
     * The entries {@code q} selects, filtered in the kernel as {@link #entries(ConntrackQuery, Consumer)} says.
     *
     * @param q the selection
     * @return the entries, in the kernel's order (IPv4 before IPv6 when the query has tuple fields and no family)
     * @throws NetlinkException when the kernel refuses the dump
     * @throws IllegalArgumentException when the query's addresses and family disagree, or it asks ports of a
     *                                  protocol without them (nothing is sent)
     */
    public List<ConntrackEntry> entries(ConntrackQuery q) throws NetlinkException {
        List<ConntrackEntry> out = new ArrayList<>();
        entries(q, out::add);
        return out;
    }

    /**
     * Streams the entries {@code q} selects to {@code sink} as datagrams arrive, so a table of any size never sits in
     * memory at once. The kernel filters by family, mark, zone and status, and by the tuple fields through
     * CTA_FILTER (IPv6 addresses excepted: they are compared in user space); a tuple filter without a family dumps
     * IPv4, then IPv6.
     *
     * @param q    the selection
     * @param sink receives each entry, on the calling thread
     * @throws NetlinkException when the kernel refuses the dump
     * @throws IllegalArgumentException when the query's addresses and family disagree, or it asks ports of a
     *                                  protocol without them (nothing is sent)
     */
    public void entries(ConntrackQuery q, Consumer<? super ConntrackEntry> sink) throws NetlinkException {
        int family = q.resolvedFamily();
        if (q.hasTupleFilter() && family == Rtnl.AF_UNSPEC) {
            entries(Rtnl.AF_INET, q, sink);
            entries(Rtnl.AF_INET6, q, sink);
        } else {
            entries(family, q, sink);
        }
    }

    /**
     * One dump of {@code family}. IPv6 addresses are compared in user space: the 6.18 kernel's CTA_FILTER selects the
     * IPv6 entries whose address differs from the one asked for (ctnetlink_filter_match_tuple negates ipv6_addr_cmp).
     */
    private void entries(int family, ConntrackQuery q, Consumer<? super ConntrackEntry> sink) throws NetlinkException {
        dump(dumpMessage(q, family), family == Rtnl.AF_INET6 && q.hasAddressFilter() ? e -> {
            if (q.test(e)) {
                sink.accept(e);
            }
        } : sink);
    }

    private void dump(MessageBuilder m, Consumer<? super ConntrackEntry> sink) throws NetlinkException {
        try (Replies r = sock.stream(m.build())) {
            for (NetlinkMessage x = r.next(); x != null; x = r.next()) {
                if (x.type() == Ctnetlink.MSG_NEW) {
                    sink.accept(ConntrackEntry.from(x));
                }
            }
        } catch (NetlinkException e) {
            throw e.withOp("conntrack list");
        }
    }

    /** The IPCTNL_MSG_CT_GET dump request of {@code family} for {@code q}. */
    static MessageBuilder dumpMessage(ConntrackQuery q, int family) {
        return filtered(msg("ct-get", family), q, family).dump();
    }

    /** Adds the query's selection to a dump or flush request of {@code family}. */
    private static MessageBuilder filtered(MessageBuilder m, ConntrackQuery q, int family) {
        if (q.mark != null) {
            m.attr("mark", q.mark).attr("mark-mask", q.markMask);
        }
        if (q.zone != null) {
            m.attr("zone", q.zone);
        }
        if (q.status != null) {
            m.attr("status", q.status).attr("status-mask", q.statusMask);
        }
        if (!q.hasTupleFilter()) {
            return m;
        }
        int origFlags = 0;
        Map<String, Object> ip = new LinkedHashMap<>();
        Map<String, Object> proto = new LinkedHashMap<>();
        String v = "ip-v4-";
        boolean addresses = family == Rtnl.AF_INET;     // IPv6 addresses: compared in user space (see entries)
        if (q.src != null && addresses) {
            origFlags |= Ctnetlink.FILTER_IP_SRC;
            ip.put(v + "src", q.src);
        }
        if (q.dst != null && addresses) {
            origFlags |= Ctnetlink.FILTER_IP_DST;
            ip.put(v + "dst", q.dst);
        }
        if (q.protocol != null) {
            origFlags |= Ctnetlink.FILTER_PROTO_NUM;
            proto.put("proto-num", q.protocol);
        }
        if (q.srcPort != null) {
            origFlags |= Ctnetlink.FILTER_PROTO_SRC_PORT;
            proto.put("proto-src-port", q.srcPort);
        }
        if (q.dstPort != null) {
            origFlags |= Ctnetlink.FILTER_PROTO_DST_PORT;
            proto.put("proto-dst-port", q.dstPort);
        }
        int replyFlags = 0;
        Map<String, Object> rip = new LinkedHashMap<>();
        if (q.replySrc != null && addresses) {
            replyFlags |= Ctnetlink.FILTER_IP_SRC;
            rip.put(v + "src", q.replySrc);
        }
        if (q.replyDst != null && addresses) {
            replyFlags |= Ctnetlink.FILTER_IP_DST;
            rip.put(v + "dst", q.replyDst);
        }
        if (origFlags != 0) {
            Map<String, Object> t = new LinkedHashMap<>();
            if (!ip.isEmpty()) {
                t.put("tuple-ip", ip);
            }
            if (!proto.isEmpty()) {
                t.put("tuple-proto", proto);
            }
            m.attr("tuple-orig", t);
        }
        if (replyFlags != 0) {
            m.attr("tuple-reply", Map.of("tuple-ip", rip));
        }
        if (origFlags == 0 && replyFlags == 0) {
            return m;
        }
        Map<String, Object> filter = new LinkedHashMap<>();
        if (origFlags != 0) {
            filter.put("orig-flags", origFlags);
        }
        if (replyFlags != 0) {
            filter.put("reply-flags", replyFlags);
        }
        return m.attr("filter", filter);
    }

    /**
     * The entry whose original tuple is {@code original} in the default zone (as {@code conntrack -G}).
     *
     * @param original the entry's original tuple (addresses, protocol and its keys)
     * @return the entry
     * @throws NetlinkException ENOENT ("no such entry") when there is none, or another refusal
     * @throws IllegalArgumentException when the tuple is null or not a complete key
     */
    public ConntrackEntry get(ConntrackTuple original) throws NetlinkException {
        return get(original, 0);
    }

    /**
     * The entry whose original tuple is {@code original} in zone {@code zone}.
     *
     * @param original the entry's original tuple (addresses, protocol and its keys)
     * @param zone     the zone (CTA_ZONE), 0 to 65535; 0 is the default zone
     * @return the entry
     * @throws NetlinkException ENOENT ("no such entry") when there is none, or another refusal
     * @throws IllegalArgumentException when the tuple is null or not a complete key, or the zone is out of range
     */
    public ConntrackEntry get(ConntrackTuple original, int zone) throws NetlinkException {
        MessageBuilder m = getMessage(original, zone);
        for (NetlinkMessage x : call("conntrack get " + original, m)) {
            if (x.type() == Ctnetlink.MSG_NEW) {
                return ConntrackEntry.from(x);
            }
        }
        throw new NetlinkException("conntrack get " + original, Errno.ENOENT, "the kernel sent no entry");
    }

    /** The IPCTNL_MSG_CT_GET request for one entry. */
    static MessageBuilder getMessage(ConntrackTuple original, int zone) {
        return key(msg("ct-get", 0), original, zone, "get");
    }

    /** Sets the family, the original tuple and the zone of a get or delete; checks them first. */
    private static MessageBuilder key(MessageBuilder m, ConntrackTuple original, int zone, String op) {
        if (original == null) {
            throw new IllegalArgumentException("conntrack " + op + ": a tuple is needed");
        }
        original.check("conntrack " + op + " " + original);
        if (zone < 0 || zone > 65535) {
            throw new IllegalArgumentException("conntrack " + op + ": zone " + zone + " is outside 0..65535");
        }
        m.header("nfgen-family", original.family()).attr("tuple-orig", original.toAttrs());
        if (zone != 0) {
            m.attr("zone", zone);
        }
        return m;
    }

    /**
     * The number of entries in the table (all families), as {@code conntrack -C} counts them
     * (IPCTNL_MSG_CT_GET_STATS, CTA_STATS_GLOBAL_ENTRIES).
     *
     * @return the entry count, 0 when the kernel left it out
     * @throws NetlinkException when the kernel refuses the request, or ENODATA when it sends no statistics
     */
    public long count() throws NetlinkException {
        for (NetlinkMessage x : call("conntrack count", msg("ct-get-stats", Rtnl.AF_UNSPEC))) {
            if (x.type() == Ctnetlink.MSG_GET_STATS) {
                return entries(x);
            }
        }
        throw new NetlinkException("conntrack count", Errno.ENODATA, "the kernel sent no statistics");
    }

    /** The entry count of an IPCTNL_MSG_CT_GET_STATS reply (CTA_STATS_GLOBAL_ENTRIES), 0 when absent. */
    static long entries(NetlinkMessage stats) {
        return stats.attributes().getLong("entries", 0);
    }

    // ------------------------------------------------------------------ changes

    /**
     * Creates the entry {@code req} describes (as {@code conntrack -I}). EEXIST when an entry with its original (or
     * reply) tuple exists; EINVAL for a combination the kernel refuses.
     *
     * @param req the entry to create
     * @throws NetlinkException EEXIST, EINVAL or another refusal, named after the original tuple
     * @throws IllegalArgumentException for a missing timeout, a malformed tuple, a state of another protocol
     */
    public void create(ConntrackRequest req) throws NetlinkException {
        MessageBuilder m = createMessage(req);
        try (Replies r = sock.request(m.build())) {
            r.list();
        } catch (NetlinkException e) {
            throw e.withOp("conntrack create " + req.original);
        }
    }

    /** The IPCTNL_MSG_CT_NEW request {@code conntrack -I} sends for {@code req}, attribute for attribute. */
    static MessageBuilder createMessage(ConntrackRequest req) {
        req.check();
        ConntrackTuple o = req.original;
        MessageBuilder m = msg("ct-new", o.family()).flags(Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL)
                .attr("tuple-orig", o.toAttrs()).attr("tuple-reply", req.resolvedReply().toAttrs())
                .attr("timeout", req.timeout);
        if (req.status != null) {
            // the kernel confirms the entry before applying the status, and refuses a status that unconfirms it (EBUSY)
            m.attr("status", req.status | Ctnetlink.IPS_CONFIRMED);
        }
        if (req.state != null) {
            m.attr("protoinfo", Map.of("protoinfo-tcp", Map.of("tcp-state", req.state)));
        }
        if (req.mark != null) {
            m.attr("mark", req.mark);
        }
        if (req.zone != null) {
            m.attr("zone", req.zone);
        }
        return m;
    }

    /**
     * Deletes the entry whose original tuple is {@code original} in zone {@code zone} (as {@code conntrack -D}).
     *
     * @param original the entry's original tuple (addresses, protocol and its keys)
     * @param zone     the zone (CTA_ZONE), 0 to 65535; 0 is the default zone
     * @throws NetlinkException ENOENT ("no such entry") when there is none, or another refusal
     * @throws IllegalArgumentException when the tuple is null or not a complete key, or the zone is out of range
     */
    public void delete(ConntrackTuple original, int zone) throws NetlinkException {
        call("conntrack delete " + original, key(msg("ct-delete", 0), original, zone, "delete"));
    }

    /**
     * Deletes {@code e} (as a dump or event reported it): the entry with its original tuple and zone, and its id, so
     * that a newer entry with the same tuple is left alone.
     *
     * @param e an entry from a dump, a get or an event
     * @throws NetlinkException ENOENT ("no such entry") when it is gone, or another refusal
     * @throws IllegalArgumentException when the entry's original tuple is not a complete key
     */
    public void delete(ConntrackEntry e) throws NetlinkException {
        ConntrackTuple o = e.original();
        call("conntrack delete " + o, key(msg("ct-delete", 0), o, e.zone(), "delete").attr("id", e.id()));
    }

    /**
     * Deletes every entry of every family (as {@code conntrack -F}).
     *
     * @throws NetlinkException when the kernel refuses the flush
     */
    public void flush() throws NetlinkException {
        flush(ConntrackQuery.all());
    }

    /**
     * Deletes every entry {@code q} selects, in one request the kernel applies to the whole table (family, mark,
     * zone, status and tuple fields as in {@link #entries(ConntrackQuery, Consumer)}); IPv6 addresses excepted, which
     * the kernel gets wrong: those entries are dumped, matched in user space and deleted one by one.
     *
     * @param q the selection
     * @throws NetlinkException when the kernel refuses the flush, a dump, or a deletion (one that is gone already
     *                          is skipped)
     * @throws IllegalArgumentException when the query's addresses and family disagree, or it asks ports of a
     *                                  protocol without them (nothing is sent)
     */
    public void flush(ConntrackQuery q) throws NetlinkException {
        int family = q.resolvedFamily();
        if (q.hasTupleFilter() && family == Rtnl.AF_UNSPEC) {
            flushOne(Rtnl.AF_INET, q);
            flushOne(Rtnl.AF_INET6, q);
        } else {
            flushOne(family, q);
        }
    }

    private void flushOne(int family, ConntrackQuery q) throws NetlinkException {
        String op = q.isAll() ? "conntrack flush" : "conntrack flush " + q;
        if (family == Rtnl.AF_INET6 && q.hasAddressFilter()) {
            // the kernel's IPv6 address filter is inverted (see entries): delete what a user-space match selects
            List<ConntrackEntry> doomed = new ArrayList<>();
            entries(family, q, doomed::add);
            for (ConntrackEntry e : doomed) {
                try {
                    delete(e);
                } catch (NetlinkException x) {
                    if (x.errno() != Errno.ENOENT) {
                        throw x.withOp(op);
                    }
                }
            }
            return;
        }
        // version 1: the kernel honours nfgen_family (version 0 flushes every family, for old user space)
        MessageBuilder m = filtered(msg("ct-delete", family).header("version", family == Rtnl.AF_UNSPEC ? 0 : 1),
                q, family);
        try (Replies r = sock.request(m.build())) {
            r.list();
        } catch (NetlinkException e) {
            throw e.withOp(op);
        }
    }

    // ------------------------------------------------------------------ events

    /**
     * Starts watching the events of {@code types}: joins their multicast groups with the reader thread and returns the
     * monitor that hands out typed events. With {@code resync}, the monitor keeps a cache from an initial dump and the
     * events, and after an overrun re-dumps (at most once per second) and emits the difference. Call once per socket.
     *
     * @param types  the event types to watch: at least one
     * @param resync true to keep a cache and repair it after overruns (an initial dump is made here)
     * @return the monitor
     * @throws NetlinkException when the bind or the initial dump is refused
     * @throws IllegalArgumentException when {@code types} is empty
     */
    public ConntrackMonitor monitor(Set<ConntrackMonitor.Type> types, boolean resync) throws NetlinkException {
        return new ConntrackMonitor(this, types, resync);
    }
}
