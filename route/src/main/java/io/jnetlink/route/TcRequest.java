package io.jnetlink.route;

import io.jnetlink.message.MessageBuilder;
import io.jnetlink.schema.RawAttribute;

import java.util.LinkedHashMap;
import java.util.Map;

/** What qdisc, class and filter requests share: the device, the kind and its options. */
abstract class TcRequest {
    final String dev;
    String kind;
    Object options; // Map by the definitions' names, byte[] (raw), or null for none
    Long chain;

    TcRequest(String dev, TcOptions opts) {
        if (!Names.validDevice(dev)) {
            throw new IllegalArgumentException("'" + dev + "' is not a valid device name");
        }
        this.dev = dev;
        if (opts != null) {
            this.kind = opts.kind();
            this.options = opts.value();
        }
    }

    /** The kind and options as attributes; {@code withOptions} false for a deletion (kind only). */
    void attrs(MessageBuilder m, String op, boolean withOptions) {
        Map<String, Object> a = new LinkedHashMap<>();
        if (chain != null) {
            a.put("chain", chain);
        }
        if (kind != null) {
            a.put("kind", kind);
        }
        if (withOptions && options != null) {
            a.put("options", options instanceof byte[] raw ? new RawAttribute(2, 0, raw) : options);
        }
        try {
            m.attrs(a);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + e.getMessage(), e);
        }
    }
}
