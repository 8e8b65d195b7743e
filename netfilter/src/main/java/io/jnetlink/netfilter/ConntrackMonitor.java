package io.jnetlink.netfilter;

import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.socket.MessageFeed;
import io.jnetlink.socket.NetlinkEvent;
import io.jnetlink.socket.OverrunException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Typed conntrack events from a {@link Conntrack} bound to the NFNLGRP_CONNTRACK_NEW, _UPDATE and _DESTROY groups of
 * the watched {@link Type}s, with the reader thread draining the kernel socket. {@link #next(Duration)} returns, in
 * stream order, a {@link Change} per event and an {@link Overrun} where events were lost.
 *
 * <p><b>Resync.</b> With resync on, the monitor keeps a cache: an initial dump of the table, updated by every event
 * (an UPDATE event carries only part of an entry; the rest is kept). After an overrun it re-dumps the table (at most
 * once per {@link #RESYNC_INTERVAL}) and emits the difference as changes flagged {@code resync}: entries that
 * appeared (NEW), changed (UPDATE: status, mark, protocol state, helper, labels, reply tuple) or went (DESTROY). A
 * cache a caller keeps from the events therefore stays true across overruns; {@link #snapshot()} is the monitor's.
 *
 * <p>The kernel reports the destruction of an entry only when the entry was made while someone listened, unless
 * {@code net.netfilter.nf_conntrack_events} is 1 (the default 2 gives entries made before the first listener no
 * events at all): set it to 1 in the namespace when a cache must see every destruction.
 *
 * <p>Not thread-safe: one thread at a time calls {@link #next} and {@link #snapshot}; requests on the same
 * {@link Conntrack} may go on meanwhile.
 */
public final class ConntrackMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(ConntrackMonitor.class);

    /** The shortest time between two re-dumps. */
    public static final Duration RESYNC_INTERVAL = Duration.ofSeconds(1);

    /** Kinds of events. */
    public enum Type {
        /** A new entry (NFNLGRP_CONNTRACK_NEW). */
        NEW,
        /** An entry changed: status, state, mark, helper, labels (NFNLGRP_CONNTRACK_UPDATE). */
        UPDATE,
        /** An entry was destroyed: expired, deleted, flushed (NFNLGRP_CONNTRACK_DESTROY). */
        DESTROY
    }

    /** What {@link #next} hands out. */
    public sealed interface Event permits Change, Overrun {
    }

    /**
     * An event about one entry.
     *
     * @param type   what happened
     * @param entry  the entry as the event reports it (with resync: as the re-dump found it, or as cached when gone)
     * @param resync true when found by a re-dump after an overrun rather than notified
     * @param origin the netlink port of the request that caused the event ({@code conntrack}'s "[USERSPACE]
     *               portid"), 0 when the kernel did (traffic, expiry) or for a resync
     */
    public record Change(Type type, ConntrackEntry entry, boolean resync, long origin) implements Event {
    }

    /**
     * Events were lost here (see {@link NetlinkEvent.Overrun}); with resync on, the changes that repair the
     * picture follow (at once, or once the rate limit allows).
     *
     * @param overrun the socket's loss counters
     */
    public record Overrun(NetlinkEvent.Overrun overrun) implements Event {
    }

    /** What tells entries apart: the kernel finds an entry by its original tuple (with its zone) and zone. */
    record Key(int family, int zone, ConntrackTuple original) {
        static Key of(ConntrackEntry e) {
            return new Key(e.family(), e.zone(), e.original());
        }
    }

    private final Conntrack ct;
    private final Set<Type> types;
    private final boolean resync;
    private final Map<Key, ConntrackEntry> cache = new HashMap<>();
    private final MessageFeed feed;
    private boolean resyncPending;
    private long lastResyncNanos;

    ConntrackMonitor(Conntrack ct, Set<Type> types, boolean resync) throws NetlinkException {
        if (types.isEmpty()) {
            throw new IllegalArgumentException("conntrack monitor: no event type to watch");
        }
        this.ct = ct;
        this.types = EnumSet.copyOf(types);
        this.resync = resync;
        this.feed = new MessageFeed(ct.socket());
        long groups = 0;
        for (Type t : this.types) {
            groups |= 1L << (switch (t) {
                case NEW -> Ctnetlink.GROUP_NEW;
                case UPDATE -> Ctnetlink.GROUP_UPDATE;
                case DESTROY -> Ctnetlink.GROUP_DESTROY;
            } - 1);
        }
        ct.socket().bind(groups, null, true);
        if (resync) {
            ct.entries(ConntrackQuery.all(), e -> cache.put(Key.of(e), e));
            lastResyncNanos = System.nanoTime();
        }
    }

    /**
     * The event types watched.
     *
     * @return a copy of the set given to {@link Conntrack#monitor}
     */
    public Set<Type> types() {
        return EnumSet.copyOf(types);
    }

    /**
     * The next events in stream order, waiting up to {@code timeout} for the first; empty when none came. With resync
     * on and a re-dump due, the wait is cut short so that the re-dump's changes come once the rate limit allows.
     *
     * @param timeout the longest wait, or null to wait without limit
     * @return the events: changes, an {@link Overrun} where events were lost, then any resync changes
     * @throws NetlinkException when the socket fails (EBADF once closed) or a re-dump is refused
     * @throws MalformedMessageException when an event cannot be decoded: the events before it were returned by the
     *         previous call, and those after it come with the next one
     */
    public List<Event> next(Duration timeout) throws NetlinkException {
        List<Event> out = new ArrayList<>();
        Duration wait = timeout;
        if (resyncPending) {
            Duration left = Duration.ofNanos(lastResyncNanos + RESYNC_INTERVAL.toNanos() - System.nanoTime());
            wait = left.isNegative() ? Duration.ZERO : timeout == null || left.compareTo(timeout) < 0 ? left : timeout;
        }
        try {
            boolean whole = feed.next(wait, m -> {
                Change c = decode(m, types);
                if (c == null) {
                    return false;
                }
                if (resync) {
                    apply(c);
                }
                return out.add(c);
            });
            if (!whole) {
                return out; // a fault follows with the next call
            }
        } catch (OverrunException e) {
            lost(e.overrun(), out);
        }
        if (resyncPending && System.nanoTime() - lastResyncNanos >= RESYNC_INTERVAL.toNanos()) {
            out.addAll(resyncNow());
        }
        return out;
    }

    /** The one place loss is handled: the overrun becomes an event, and with resync a re-dump is due. */
    private void lost(NetlinkEvent.Overrun overrun, List<Event> out) {
        out.add(new Overrun(overrun));
        if (resync) {
            resyncPending = true;
            LOG.debug("conntrack monitor: events lost ({}); a re-dump follows", overrun);
        }
    }

    /**
     * The monitor's cache: every entry as last dumped or notified.
     *
     * @return a copy of the cache, in no order
     * @throws IllegalStateException when resync is off (there is no cache)
     */
    public List<ConntrackEntry> snapshot() {
        if (!resync) {
            throw new IllegalStateException("the monitor keeps no cache without resync");
        }
        return List.copyOf(cache.values());
    }

    /** Re-dumps the table and returns the difference to the cache, which it then replaces. */
    private List<Event> resyncNow() throws NetlinkException {
        resyncPending = false;
        lastResyncNanos = System.nanoTime();
        Map<Key, ConntrackEntry> fresh = new HashMap<>();
        ct.entries(ConntrackQuery.all(), e -> fresh.put(Key.of(e), e));
        List<Event> out = new ArrayList<>();
        for (Map.Entry<Key, ConntrackEntry> e : fresh.entrySet()) {
            ConntrackEntry old = cache.get(e.getKey());
            if (old == null) {
                out.add(new Change(Type.NEW, e.getValue(), true, 0));
            } else if (changed(old, e.getValue())) {
                out.add(new Change(Type.UPDATE, e.getValue(), true, 0));
            }
        }
        for (Map.Entry<Key, ConntrackEntry> e : cache.entrySet()) {
            if (!fresh.containsKey(e.getKey())) {
                out.add(new Change(Type.DESTROY, e.getValue(), true, 0));
            }
        }
        cache.clear();
        cache.putAll(fresh);
        LOG.debug("conntrack monitor: re-dump after overrun: {} entries, {} changes", fresh.size(), out.size());
        return out;
    }

    /**
     * True when {@code fresh} differs from {@code old} in what does not change by itself (timeout, counters and use
     * do): status, reply tuple, and the values the cache knows (mark, state, helper, labels, security context).
     */
    static boolean changed(ConntrackEntry old, ConntrackEntry fresh) {
        return old.status() != fresh.status() || old.id() != fresh.id() || !old.reply().equals(fresh.reply())
                || known(old.mark(), fresh.mark(), 0L) || known(old.state(), fresh.state(), null)
                || known(old.helper(), fresh.helper(), null) || known(old.labels(), fresh.labels(), List.of())
                || known(old.secctx(), fresh.secctx(), null);
    }

    /** True when the cached value is known and differs ({@code absent} is what a missing fresh value means). */
    private static boolean known(Object cached, Object fresh, Object absent) {
        return cached != null && !Objects.equals(cached, fresh == null ? absent : fresh);
    }

    private void apply(Change c) {
        Key k = Key.of(c.entry());
        switch (c.type()) {
            case NEW -> cache.put(k, c.entry());
            case UPDATE -> cache.merge(k, c.entry(), ConntrackEntry::updatedBy);
            case DESTROY -> cache.remove(k);
        }
    }

    /**
     * The event as a change, or null for a message that is not one of the watched events.
     *
     * @throws io.jnetlink.message.MalformedMessageException when the event's entry is malformed
     */
    static Change decode(NetlinkMessage m, Set<Type> types) {
        Type t;
        if (m.type() == Ctnetlink.MSG_DELETE) {
            t = Type.DESTROY;
        } else if (m.type() == Ctnetlink.MSG_NEW) {
            t = (m.flags() & Netlink.NLM_F_CREATE) != 0 ? Type.NEW : Type.UPDATE;
        } else {
            return null;
        }
        return types.contains(t) ? new Change(t, ConntrackEntry.from(m), false, Integer.toUnsignedLong(m.port())) : null;
    }
}
