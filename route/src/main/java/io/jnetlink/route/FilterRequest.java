package io.jnetlink.route;

import java.util.Locale;

/**
 * A filter to add, change, replace or delete ({@link TrafficControl#addFilter} ...), in {@code tc filter}'s terms:
 *
 * <pre>{@code
 * FilterRequest.of("v0", TcOptions.u32().matchIp("dst", "10.0.0.1/32").matchPort("dport", 80).flowid("1:10"))
 *         .parent("1:").protocol("ip").priority(1)
 * FilterRequest.of("v0", TcOptions.flower().dstIp("10.0.0.1").ipProto("tcp").dstPort(80)
 *         .action(TcOptions.gact("drop"))).parent("ingress").protocol("ip")
 * FilterRequest.at("v0").parent("1:").priority(1)                  // delete every filter of priority 1
 * }</pre>
 *
 * The protocol is "all" unless given (as tc); the priority is picked by the kernel unless given. A mutable
 * builder, used once.
 */
public final class FilterRequest extends TcRequest {
    int parent;
    int handle;
    int protocol = -1;
    int priority;

    private FilterRequest(String dev, TcOptions opts) {
        super(dev, opts);
    }

    /**
     * A filter of the kind and options {@code opts} on {@code dev}.
     *
     * @param dev  the device
     * @param opts the classifier and its options ({@link TcOptions#u32()}, {@link TcOptions#flower()}, ...)
     * @return the request
     */
    public static FilterRequest of(String dev, TcOptions opts) {
        if (opts == null) {
            throw new IllegalArgumentException("filter: a kind is needed");
        }
        return new FilterRequest(dev, opts);
    }

    /**
     * Filters of {@code dev} without a kind: for a deletion (by parent, priority, protocol, handle).
     *
     * @param dev the device
     * @return the request
     */
    public static FilterRequest at(String dev) {
        return new FilterRequest(dev, null);
    }

    /**
     * The qdisc or class the filter is attached to: "1:", "1:10", "root", "ingress" (ffff:fff2, clsact's or the
     * ingress qdisc's ingress side), "egress" (ffff:fff3).
     *
     * @param p the parent in tc's notation
     * @return this
     */
    public FilterRequest parent(String p) {
        this.parent = switch (p) {
            case "ingress" -> 0xFFFF0000 | Tc.TC_H_MIN_INGRESS;
            case "egress" -> 0xFFFF0000 | Tc.TC_H_MIN_EGRESS;
            default -> Tc.parseHandle(p, "parent");
        };
        return this;
    }

    /**
     * The filter's handle (u32: "800::800"; others a number, hex with 0x).
     *
     * @param h the handle
     * @return this
     */
    public FilterRequest handle(String h) {
        this.handle = TcWords.filterHandle(kind, h);
        return this;
    }

    /**
     * The protocol matched: "all", "ip", "ipv6", "arp", "802.1q", or a number (0x86dd).
     *
     * @param p the protocol
     * @return this
     */
    public FilterRequest protocol(String p) {
        this.protocol = TcWords.ethProtocol(p);
        return this;
    }

    /**
     * The priority ("pref"), 1 to 65535.
     *
     * @param prio the priority
     * @return this
     */
    public FilterRequest priority(int prio) {
        if (prio < 1 || prio > 0xffff) {
            throw new IllegalArgumentException("priority " + prio + " is outside 1..65535");
        }
        this.priority = prio;
        return this;
    }

    /**
     * The chain (TCA_CHAIN).
     *
     * @param c the chain index
     * @return this
     */
    public FilterRequest chain(long c) {
        if (c < 0 || c > 0xffffffffL) {
            throw new IllegalArgumentException("chain " + c + " is outside 0..4294967295");
        }
        this.chain = c;
        return this;
    }

    /** Flower matches the filter's protocol as a key of its own (TCA_FLOWER_KEY_ETH_TYPE, last, as tc sends it). */
    @Override
    void attrs(io.jnetlink.message.MessageBuilder m, String op, boolean withOptions) {
        if ("flower".equals(kind) && withOptions && options instanceof java.util.Map<?, ?> map && protocol >= 0
                && protocol != 0x0003 && !map.containsKey("key-eth-type")) {
            java.util.Map<String, Object> with = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> with.put((String) k, v));
            with.put("key-eth-type", protocol);
            options = with;
        }
        super.attrs(m, op, withOptions);
    }

    /** tcm_info: the priority above, the protocol in network order below (ETH_P_ALL when adding without one). */
    int info() {
        int proto = protocol >= 0 ? protocol : kind != null ? 0x0003 : 0;
        int be = ((proto & 0xff) << 8) | ((proto >> 8) & 0xff);
        return priority << 16 | be;
    }

    String describe() {
        StringBuilder sb = new StringBuilder("dev ").append(dev);
        if (parent != 0) {
            sb.append(" parent ").append(Tc.formatHandle(parent));
        }
        if (protocol >= 0) {
            sb.append(" protocol ").append(TcWords.ethProtocolName(protocol));
        }
        if (priority != 0) {
            sb.append(" pref ").append(priority);
        }
        if (kind != null) {
            sb.append(' ').append(kind.toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }
}
