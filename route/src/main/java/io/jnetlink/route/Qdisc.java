package io.jnetlink.route;

import io.jnetlink.message.NetlinkMessage;

import java.util.Map;

/**
 * A queueing discipline as rtnetlink reports it (RTM_NEWQDISC): tcmsg and the TCA_* attributes.
 *
 * @param ifindex    the device's ifindex
 * @param handle     its handle (e.g. 0x10000 for "1:")
 * @param parent     its parent: {@link Tc#TC_H_ROOT}, {@link Tc#TC_H_INGRESS}, or a class
 * @param refcnt     the kernel's reference count (tcm_info)
 * @param kind       TCA_KIND (htb, fq_codel, netem, ingress, ...)
 * @param options    TCA_OPTIONS by the definitions' names; null when absent or when the kind has no definition
 * @param rawOptions TCA_OPTIONS' bytes for a kind without a definition, else null
 * @param stats      statistics, or null
 * @param xstats     the kind's own statistics (TCA_XSTATS) by the definitions' names (a map), as bytes for a
 *                   kind without a definition, or null
 * @param hwOffload  TCA_HW_OFFLOAD: the qdisc is offloaded to hardware
 * @param ingressBlock the shared filter block of the ingress side (TCA_INGRESS_BLOCK), or null
 * @param egressBlock  the shared filter block of the egress side (TCA_EGRESS_BLOCK), or null
 */
public record Qdisc(int ifindex, int handle, int parent, int refcnt, String kind, Map<String, Object> options,
                    byte[] rawOptions, TcStats stats, Object xstats, boolean hwOffload, Long ingressBlock,
                    Long egressBlock) implements TcObject {

    /**
     * Whether this is the device's root (egress) qdisc.
     *
     * @return true when this is a root qdisc (parent TC_H_ROOT)
     */
    public boolean isRoot() {
        return parent == Tc.TC_H_ROOT;
    }

    /** Copies the options (unmodifiable) and the raw bytes. */
    public Qdisc {
        options = options == null ? null
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        rawOptions = rawOptions == null ? null : rawOptions.clone();
    }

    /** @return a copy of the options' bytes for a kind without a definition, else null */
    @Override
    public byte[] rawOptions() {
        return rawOptions == null ? null : rawOptions.clone();
    }

    static Qdisc from(NetlinkMessage m) {
        TcParts p = new TcParts(m);
        return new Qdisc(p.ifindex, p.handle, p.parent, p.info, p.kind, p.options, p.rawOptions, p.stats, p.xstats,
                p.hwOffload, p.ingressBlock, p.egressBlock);
    }
}
