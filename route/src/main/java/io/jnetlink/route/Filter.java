package io.jnetlink.route;

import io.jnetlink.message.NetlinkMessage;

import java.util.Map;

/**
 * A classifier (filter) as rtnetlink reports it (RTM_NEWTFILTER): tcmsg and the TCA_* attributes. A filter
 * with a kind and priority but no handle is the head of a priority's filters (tc prints it without options).
 *
 * @param ifindex    the device's ifindex
 * @param handle     the filter's handle (u32's "800::800", flower's 1, ...), 0 for the head of a priority
 * @param parent     the qdisc or class it is attached to
 * @param protocol   the ETH_P_* protocol it matches (ETH_P_ALL 3, ETH_P_IP 0x800, ...), host order
 * @param priority   its priority ("pref")
 * @param kind       u32, flower, matchall, basic, bpf, ...
 * @param chain      TCA_CHAIN, or null
 * @param options    TCA_OPTIONS by the definitions' names (u32's "sel" stays bytes: {@link TcOptions#u32Selector});
 *                   null when absent or when the kind has no definition
 * @param rawOptions TCA_OPTIONS' bytes for a kind without a definition, else null
 * @param stats      statistics, or null
 */
public record Filter(int ifindex, int handle, int parent, int protocol, int priority, String kind, Long chain,
                     Map<String, Object> options, byte[] rawOptions, TcStats stats) implements TcObject {

    /** Copies the options (unmodifiable) and the raw bytes. */
    public Filter {
        options = options == null ? null
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        rawOptions = rawOptions == null ? null : rawOptions.clone();
    }

    /** @return a copy of the options' bytes for a kind without a definition, else null */
    @Override
    public byte[] rawOptions() {
        return rawOptions == null ? null : rawOptions.clone();
    }

    static Filter from(NetlinkMessage m) {
        TcParts p = new TcParts(m);
        int proto = p.info & 0xffff;
        proto = ((proto & 0xff) << 8) | (proto >> 8); // tcm_info's low 16 bits: the protocol in network order
        return new Filter(p.ifindex, p.handle, p.parent, proto, p.info >>> 16, p.kind, p.chain, p.options,
                p.rawOptions, p.stats);
    }
}
