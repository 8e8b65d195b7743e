package io.jnetlink.route;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed rtnetlink events from an {@link IPRoute} bound to the groups of the watched {@link Kind}s, with the async
 * reader thread draining the kernel socket. {@link #next(Duration)} returns, in stream order, a {@link Change} per
 * notification (new or deleted link, address, route, neighbour, rule) and an {@link Overrun} where broadcasts were
 * lost.
 *
 * <p><b>Resync.</b> With resync on, the monitor keeps a cache: an initial dump of the watched kinds, updated by
 * every event. After an overrun it re-dumps them (at most once per {@link #RESYNC_INTERVAL}) and emits the
 * difference as changes flagged {@code resync}: objects that appeared or changed, and objects that went. A cache
 * a caller keeps from the events therefore stays true across overruns; {@link #snapshot()} is the monitor's own.
 * Each repair is emitted once: a notification received before a dump ended (the initial one or a re-dump) may
 * describe what the dump already showed, so it is skipped when it would not change the cache (an object the
 * cache holds as notified, or the deletion of one it does not hold). Such a notification that does change the
 * cache is emitted, as notified: the dump did not see it.
 * Bridge port notifications (ifinfomsg family AF_BRIDGE) are not links of their own and are skipped.
 *
 * <p>Not thread-safe: one thread at a time calls {@link #next} and {@link #snapshot}; requests on the same
 * {@link IPRoute} may go on meanwhile.
 */
public final class RouteMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(RouteMonitor.class);

    /** The shortest time between two re-dumps. */
    public static final Duration RESYNC_INTERVAL = Duration.ofSeconds(1);

    /** What can be watched. */
    public enum Kind {
        /** Links (RTNLGRP_LINK). */
        LINK,
        /** IPv4 and IPv6 addresses. */
        ADDRESS,
        /** IPv4 and IPv6 routes. */
        ROUTE,
        /** Neighbour entries. */
        NEIGHBOUR,
        /** IPv4 and IPv6 rules. */
        RULE
    }

    /** What {@link #next} hands out. */
    public sealed interface Event permits Change, Overrun {
    }

    /**
     * An object appeared or changed ({@code deleted} false), or went ({@code deleted} true).
     *
     * @param deleted true for RTM_DEL*, or for an object a resync found gone
     * @param object  the link, address, route, neighbour or rule
     * @param resync  true when found by a re-dump after an overrun rather than notified
     */
    public record Change(boolean deleted, RtnlObject object, boolean resync) implements Event {
    }

    /**
     * Broadcasts were lost here (see {@link NetlinkEvent.Overrun}); with resync on, the changes that repair the
     * picture follow (at once, or once the rate limit allows).
     *
     * @param overrun the socket's loss counters
     */
    public record Overrun(NetlinkEvent.Overrun overrun) implements Event {
    }

    private final IPRoute ip;
    private final Set<Kind> kinds;
    private final boolean resync;
    private final Map<Object, RtnlObject> cache = new LinkedHashMap<>();
    private final MessageFeed feed;
    private boolean resyncPending;
    private long lastResyncNanos;
    /** When the last dump ended: notifications received before may repeat what it showed. */
    private long dumpedNanos = Long.MIN_VALUE;

    RouteMonitor(IPRoute ip, Set<Kind> kinds, boolean resync) throws NetlinkException {
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("monitor: nothing to watch");
        }
        this.ip = ip;
        this.kinds = EnumSet.copyOf(kinds);
        this.resync = resync;
        this.feed = new MessageFeed(ip.socket());
        long groups = 0;
        for (Kind k : kinds) {
            groups |= switch (k) {
                case LINK -> bit(Rtnl.GROUP_LINK);
                case ADDRESS -> bit(Rtnl.GROUP_IPV4_IFADDR) | bit(Rtnl.GROUP_IPV6_IFADDR);
                case ROUTE -> bit(Rtnl.GROUP_IPV4_ROUTE) | bit(Rtnl.GROUP_IPV6_ROUTE);
                case NEIGHBOUR -> bit(Rtnl.GROUP_NEIGH);
                case RULE -> bit(Rtnl.GROUP_IPV4_RULE) | bit(Rtnl.GROUP_IPV6_RULE);
            };
        }
        ip.socket().bind(groups, null, true);
        if (resync) {
            for (RtnlObject o : dumpAll()) {
                cache.put(key(o), o);
            }
            lastResyncNanos = System.nanoTime();
            dumpedNanos = lastResyncNanos;
        }
    }

    private static long bit(int group) {
        return 1L << (group - 1);
    }

    /**
     * The kinds watched, as given to {@link IPRoute#monitor}.
     *
     * @return a copy of the set of kinds watched (changing it changes nothing here)
     */
    public Set<Kind> kinds() {
        return EnumSet.copyOf(kinds);
    }

    /**
     * The next events in stream order, waiting up to {@code timeout} for the first; empty when none came. With
     * resync on and a re-dump pending, the wait is cut short to the moment the rate limit allows the re-dump, whose
     * changes are then appended.
     *
     * @param timeout the longest to wait for the first event ({@code Duration.ZERO}: only what is already there;
     *                null: no limit)
     * @return the events received, in order: {@link Change}s and at most one {@link Overrun}; empty when none came
     * @throws NetlinkException when the socket fails (EBADF once closed) or a re-dump is refused
     * @throws MalformedMessageException when a notification cannot be decoded: the events before it were returned
     *         by the previous call, and those after it come with the next one
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
                Change c = decode(m);
                if (c == null) {
                    return false;
                }
                if (resync) {
                    if (m.receivedNanos() <= dumpedNanos && cached(c)) {
                        return false; // the last dump showed it, and a resync change (or the snapshot) has it
                    }
                    apply(c);
                }
                return out.add(c);
            });
            if (!whole) {
                return out; // a fault follows with the next call
            }
        } catch (OverrunException e) {
            out.add(new Overrun(e.overrun()));
            if (resync) {
                resyncPending = true;
                LOG.debug("monitor: broadcasts lost ({}); a re-dump follows", e.overrun());
            }
        }
        if (resyncPending && System.nanoTime() - lastResyncNanos >= RESYNC_INTERVAL.toNanos()) {
            out.addAll(resyncNow());
        }
        return out;
    }

    /**
     * The monitor's cache (resync on): every watched object as last dumped or notified.
     *
     * @return an immutable copy of the cache, in the order the objects first came
     * @throws IllegalStateException when the monitor was made without resync (it keeps no cache)
     */
    public List<RtnlObject> snapshot() {
        if (!resync) {
            throw new IllegalStateException("the monitor keeps no cache without resync");
        }
        return List.copyOf(cache.values());
    }

    /** Re-dumps the watched kinds and returns the difference to the cache, which it then replaces. */
    private List<Event> resyncNow() throws NetlinkException {
        resyncPending = false;
        lastResyncNanos = System.nanoTime();
        Map<Object, RtnlObject> fresh = new LinkedHashMap<>();
        for (RtnlObject o : dumpAll()) {
            fresh.put(key(o), o);
        }
        List<Event> out = new ArrayList<>();
        for (Map.Entry<Object, RtnlObject> e : fresh.entrySet()) {
            RtnlObject old = cache.get(e.getKey());
            if (old == null || !stable(old).equals(stable(e.getValue()))) {
                out.add(new Change(false, e.getValue(), true));
            }
        }
        for (Map.Entry<Object, RtnlObject> e : cache.entrySet()) {
            if (!fresh.containsKey(e.getKey())) {
                out.add(new Change(true, e.getValue(), true));
            }
        }
        cache.clear();
        cache.putAll(fresh);
        dumpedNanos = System.nanoTime();
        LOG.debug("monitor: re-dump after overrun: {} objects, {} changes", fresh.size(), out.size());
        return out;
    }

    private List<RtnlObject> dumpAll() throws NetlinkException {
        List<RtnlObject> all = new ArrayList<>();
        if (kinds.contains(Kind.LINK)) {
            all.addAll(ip.links());
        }
        if (kinds.contains(Kind.ADDRESS)) {
            all.addAll(ip.addresses());
        }
        if (kinds.contains(Kind.ROUTE)) {
            ip.routes(RouteQuery.table(0), r -> {
                if (r.family() == Rtnl.AF_INET || r.family() == Rtnl.AF_INET6) {
                    all.add(r);
                }
            });
        }
        if (kinds.contains(Kind.NEIGHBOUR)) {
            all.addAll(ip.neighbours(Rtnl.AF_UNSPEC, null));
        }
        if (kinds.contains(Kind.RULE)) {
            all.addAll(ip.rules(Rtnl.AF_UNSPEC));
        }
        return all;
    }

    /** True when the cache already says what {@code c} says: it would not change it. */
    private boolean cached(Change c) {
        RtnlObject old = cache.get(key(c.object()));
        return c.deleted() ? old == null : old != null && stable(old).equals(stable(c.object()));
    }

    private void apply(Change c) {
        if (c.deleted()) {
            cache.remove(key(c.object()));
        } else {
            cache.put(key(c.object()), c.object());
        }
    }

    /** The notification as a change, or null for messages the monitor does not watch. */
    private Change decode(NetlinkMessage m) {
        int t = m.type();
        boolean deleted = t == Rtnl.RTM_DELLINK || t == Rtnl.RTM_DELADDR || t == Rtnl.RTM_DELROUTE
                || t == Rtnl.RTM_DELNEIGH || t == Rtnl.RTM_DELRULE;
        RtnlObject o = switch (t) {
            case Rtnl.RTM_NEWLINK, Rtnl.RTM_DELLINK ->
                    kinds.contains(Kind.LINK) && m.headerField("ifi-family") != Rtnl.AF_BRIDGE ? Link.from(m) : null;
            case Rtnl.RTM_NEWADDR, Rtnl.RTM_DELADDR -> kinds.contains(Kind.ADDRESS) ? Address.from(m) : null;
            case Rtnl.RTM_NEWROUTE, Rtnl.RTM_DELROUTE -> kinds.contains(Kind.ROUTE) ? Route.from(m) : null;
            case Rtnl.RTM_NEWNEIGH, Rtnl.RTM_DELNEIGH -> kinds.contains(Kind.NEIGHBOUR) ? Neighbour.from(m) : null;
            case Rtnl.RTM_NEWRULE, Rtnl.RTM_DELRULE -> kinds.contains(Kind.RULE) ? Rule.from(m) : null;
            default -> null;
        };
        return o == null ? null : new Change(deleted, o, false);
    }

    /** The identity of an object: what the kernel tells objects of its kind apart by. */
    static Object key(RtnlObject o) {
        return switch (o) {
            case Link l -> List.of("link", l.index());
            case Address a -> List.of("addr", a.family(), a.index(), a.local(), a.prefixlen(),
                    String.valueOf(a.peer()));
            case Route r -> List.of("route", r.family(), r.table(), r.dstText(), r.tos(), String.valueOf(r.priority()),
                    String.valueOf(r.src()), r.srcLen());
            case Neighbour n -> List.of("neigh", n.family(), n.index(), String.valueOf(n.dst()),
                    n.dst() == null ? String.valueOf(n.lladdr()) : "");
            case Rule r -> r;
        };
    }

    /**
     * The object without what changes by itself (counters, timers, lifetimes; a link's kind data, which holds a
     * bridge's timers), for comparing two dumps.
     */
    static RtnlObject stable(RtnlObject o) {
        return switch (o) {
            case Link l -> new Link(l.index(), l.name(), l.type(), l.flags(), l.mtu(), l.qdisc(), l.operstate(),
                    l.address(), l.broadcast(), l.master(), l.link(), l.linkNetnsid(), l.txqlen(), l.group(), l.kind(),
                    Map.of(), l.slaveKind(), l.altNames(), null, l.linkmode());
            case Address a -> new Address(a.family(), a.index(), a.prefixlen(), a.flags(), a.scope(), a.local(),
                    a.peer(), a.broadcast(), a.label(), 0, 0);
            case Route r -> new Route(r.family(), r.dstLen(), r.srcLen(), r.tos(), r.table(), r.protocol(), r.scope(),
                    r.type(), r.flags(), r.dst(), r.src(), r.gateway(), r.oif(), r.iif(), r.priority(), r.prefsrc(),
                    r.metrics(), r.multipath(), r.mark(), r.pref(), null, r.encapType(), r.nhId());
            case Neighbour n -> new Neighbour(n.family(), n.index(), n.state(), n.flags(), n.type(), n.dst(),
                    n.lladdr(), null);
            case Rule r -> r;
        };
    }
}
