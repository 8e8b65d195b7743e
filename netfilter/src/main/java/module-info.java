/**
 * jnetlink netfilter: the ctnetlink definitions ({@link io.jnetlink.netfilter.Ctnetlink}) and
 * {@link io.jnetlink.netfilter.Conntrack}, the provider that dumps, gets, creates, deletes and flushes connection
 * tracking entries and watches their events, with typed, immutable records.
 */
module io.jnetlink.netfilter {
    requires transitive io.jnetlink.core;
    requires io.jnetlink.route;
    requires org.slf4j;

    exports io.jnetlink.netfilter;
}
