package io.jnetlink.route;

import java.util.Map;

/**
 * One traffic-control object as rtnetlink reports it: a {@link Qdisc}, a {@link TcClass} or a {@link Filter}. Each
 * has the tcmsg's device, handle and parent, its kind (TCA_KIND), its options decoded through {@link Tc}'s
 * definitions for that kind, and its statistics.
 */
public sealed interface TcObject permits Qdisc, TcClass, Filter {
    /** @return the device's ifindex */
    int ifindex();

    /** @return the handle (tcm_handle; {@link Tc#formatHandle} prints it as tc does) */
    int handle();

    /** @return the parent (tcm_parent; {@link Tc#TC_H_ROOT} for a root qdisc) */
    int parent();

    /** @return the kind (htb, fq_codel, u32, ...) */
    String kind();

    /**
     * @return the options (TCA_OPTIONS) by the definitions' names, empty for a kind whose options have no content
     *         (ingress, clsact); null when the kernel sent none or when the kind has no definition (then
     *         {@link #rawOptions()} holds them)
     */
    Map<String, Object> options();

    /** @return the options' bytes when the kind has no definition here, else null (they re-encode byte for byte) */
    byte[] rawOptions();

    /** @return the statistics (TCA_STATS2, or the old TCA_STATS), or null when none were sent */
    TcStats stats();
}
