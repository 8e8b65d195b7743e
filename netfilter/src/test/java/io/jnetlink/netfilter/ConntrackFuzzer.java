package io.jnetlink.netfilter;

import io.jnetlink.message.MalformedMessageException;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.NetlinkMessage;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fuzz target of connection tracking: any bytes, read as a datagram under the ctnetlink definitions, and every
 * message decoded as {@link Conntrack} and {@link ConntrackMonitor} decode it: an entry of a dump or get
 * ({@link ConntrackEntry#from}, its tuples through {@link ConntrackTuple#from}), an event as the monitor's change,
 * merged into a cache as the monitor's resync does, and the table's count; with what the records derive (names,
 * the inverse tuple, conntrack's text). Only {@link MalformedMessageException} may come out.
 */
public final class ConntrackFuzzer {
    private static final Marshal MARSHAL = Marshal.classic(Ctnetlink.SCHEMA);
    /** A query of every field, as the user-space match of IPv6 addresses applies it. */
    private static final ConntrackQuery QUERY = ConntrackQuery.all().family(10).protocol(6).src("2001:db8::1")
            .dst("2001:db8::2").srcPort(1).dstPort(2).replySrc("2001:db8::2").replyDst("2001:db8::1").mark(1, 3)
            .zone(1).status(2, 6);

    private ConntrackFuzzer() {
    }

    /**
     * One input.
     *
     * @param data the bytes of a datagram
     */
    public static void fuzzerTestOneInput(byte[] data) {
        List<NetlinkMessage> msgs;
        try {
            msgs = MARSHAL.parse(data);
        } catch (MalformedMessageException e) {
            msgs = e.messagesBefore();
        }
        Map<ConntrackMonitor.Key, ConntrackEntry> cache = new HashMap<>();
        for (NetlinkMessage m : msgs) {
            try {
                decode(m, cache);
            } catch (MalformedMessageException e) {
                // the documented outcome
            }
        }
    }

    private static void decode(NetlinkMessage m, Map<ConntrackMonitor.Key, ConntrackEntry> cache) {
        if (m.type() == Ctnetlink.MSG_GET_STATS) {
            Conntrack.entries(m);
            return;
        }
        if (m.type() == Ctnetlink.MSG_NEW) {
            use(ConntrackEntry.from(m));
        }
        ConntrackMonitor.Change c = ConntrackMonitor.decode(m, EnumSet.allOf(ConntrackMonitor.Type.class));
        if (c == null) {
            return;
        }
        ConntrackEntry e = c.entry();
        use(e);
        ConntrackMonitor.Key k = ConntrackMonitor.Key.of(e);
        ConntrackEntry old = cache.get(k);
        if (old != null) {
            ConntrackMonitor.changed(old, e);
            use(old.updatedBy(e));
        }
        switch (c.type()) {
            case NEW -> cache.put(k, e);
            case UPDATE -> cache.merge(k, e, ConntrackEntry::updatedBy);
            case DESTROY -> cache.remove(k);
        }
    }

    /** What a caller reads off an entry. */
    private static void use(ConntrackEntry e) {
        e.protocolName();
        e.familyName();
        e.statusNames();
        e.stateName();
        e.original().toString();
        e.reply().toString();
        e.original().inverse();
        e.original().family();
        e.toString();
        QUERY.test(e);
    }
}
