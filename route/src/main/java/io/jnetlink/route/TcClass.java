package io.jnetlink.route;

import io.jnetlink.message.NetlinkMessage;

import java.util.Map;

/**
 * A traffic class as rtnetlink reports it (RTM_NEWTCLASS): tcmsg and the TCA_* attributes.
 *
 * @param ifindex    the device's ifindex
 * @param handle     its class id (e.g. 0x10010 for "1:10")
 * @param parent     its parent class or qdisc ({@link Tc#TC_H_ROOT} for a class at the top)
 * @param leaf       the handle of the qdisc attached to it (tcm_info), 0 for none
 * @param kind       the kind of its qdisc (htb, ...)
 * @param options    TCA_OPTIONS by the definitions' names; null when absent or the kind has no definition
 * @param rawOptions TCA_OPTIONS' bytes for a kind without a definition, else null
 * @param stats      statistics, or null
 * @param xstats     the kind's own statistics (htb: lends, borrows, giants, tokens, ctokens), or null
 */
public record TcClass(int ifindex, int handle, int parent, int leaf, String kind, Map<String, Object> options,
                      byte[] rawOptions, TcStats stats, Object xstats) implements TcObject {

    /** Copies the options (unmodifiable) and the raw bytes. */
    public TcClass {
        options = options == null ? null
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        rawOptions = rawOptions == null ? null : rawOptions.clone();
    }

    /** @return a copy of the options' bytes for a kind without a definition, else null */
    @Override
    public byte[] rawOptions() {
        return rawOptions == null ? null : rawOptions.clone();
    }

    static TcClass from(NetlinkMessage m) {
        TcParts p = new TcParts(m);
        return new TcClass(p.ifindex, p.handle, p.parent, p.info, p.kind, p.options, p.rawOptions, p.stats,
                p.xstats);
    }
}
