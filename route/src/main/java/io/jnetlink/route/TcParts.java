package io.jnetlink.route;

import io.jnetlink.message.Attribute;
import io.jnetlink.message.NetlinkMessage;

import java.util.Map;

/** The parts every tc message has (tcmsg, TCA_KIND, TCA_OPTIONS, statistics), read in one pass. */
final class TcParts {
    final int ifindex;
    final int handle;
    final int parent;
    final int info;
    String kind;
    Map<String, Object> options;
    byte[] rawOptions;
    TcStats stats;
    Object xstats;
    Long chain;
    boolean hwOffload;
    Long ingressBlock;
    Long egressBlock;

    @SuppressWarnings("unchecked")
    TcParts(NetlinkMessage m) {
        ifindex = (int) m.headerField("ifindex");
        handle = (int) m.headerField("handle");
        parent = (int) m.headerField("parent");
        info = (int) m.headerField("info");
        Attribute opts = null;
        Attribute xs = null;
        TcStats old = null;
        for (Attribute a : m.attributes()) {
            switch (a.type()) {
                case 1 -> kind = a.asString();
                case 2 -> opts = a;
                case 3 -> old = TcStats.fromStats(a);
                case 4 -> xs = a;
                case 7 -> stats = TcStats.fromStats2(a);
                case 11 -> chain = a.asLong();
                case 12 -> hwOffload = a.asLong() != 0;
                case 13 -> ingressBlock = a.asLong();
                case 14 -> egressBlock = a.asLong();
                default -> {
                }
            }
        }
        if (stats == null) {
            stats = old;
        }
        if (opts != null) {
            Object v = opts.value();
            if (v instanceof Map<?, ?> map) {
                options = (Map<String, Object>) map;
            } else {
                rawOptions = (byte[]) v;
            }
        }
        if (xs != null) {
            xstats = xs.value();
        }
    }
}
