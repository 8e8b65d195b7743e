package io.jnetlink.route;

import java.util.Map;

/**
 * One traffic-control object as rtnetlink reports it: a {@link Qdisc}, a {@link TcClass} or a {@link Filter}. Each
 * has the tcmsg's device, handle and parent, its kind (TCA_KIND), its options decoded through {@link Tc}'s
 * definitions for that kind, and its statistics.
 */
public sealed interface TcObject permits Qdisc, TcClass, Filter {
    /**
     * The device the object is on (tcm_ifindex).
     *
     * @return the device's ifindex
     */
    int ifindex();

    /**
     * The object's handle (tcm_handle): major:minor in 16 bits each, 0x10000 for "1:".
     *
     * @return the handle (tcm_handle; {@link Tc#formatHandle} prints it as tc does)
     */
    int handle();

    /**
     * The handle of the object's parent (tcm_parent): a class or qdisc, or a pseudo-parent.
     *
     * @return the parent (tcm_parent; {@link Tc#TC_H_ROOT} for a root qdisc)
     */
    int parent();

    /**
     * The object's kind (TCA_KIND).
     *
     * @return the kind (htb, fq_codel, u32, ...)
     */
    String kind();

    /**
     * The object's options (TCA_OPTIONS), decoded by {@link Tc}'s definitions for its kind.
     *
     * @return the options (TCA_OPTIONS) by the definitions' names, empty for a kind whose options have no content
     *         (ingress, clsact); null when the kernel sent none or when the kind has no definition (then
     *         {@link #rawOptions()} holds them)
     */
    Map<String, Object> options();

    /**
     * The options undecoded, for a kind that has no definition here.
     *
     * @return the options' bytes when the kind has no definition here, else null (they re-encode byte for byte)
     */
    byte[] rawOptions();

    /**
     * The object's statistics: bytes, packets, drops, overlimits, queue backlog and length, rates.
     *
     * @return the statistics (TCA_STATS2, or the old TCA_STATS), or null when none were sent
     */
    TcStats stats();
}
