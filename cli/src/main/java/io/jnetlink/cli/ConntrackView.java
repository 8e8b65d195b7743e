package io.jnetlink.cli;

import io.jnetlink.netfilter.Ctnetlink;
import io.jnetlink.netfilter.ConntrackEntry;
import io.jnetlink.netfilter.ConntrackMonitor;
import io.jnetlink.netfilter.ConntrackTuple;
import io.jnetlink.route.Inet;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Conntrack entries as {@code conntrack} (conntrack-tools 1.4.7, libnetfilter_conntrack's default output) prints
 * them, and as JSON objects of the record's fields ({@code conntrack} has no JSON output).
 */
final class ConntrackView {
    private ConntrackView() {
    }

    /**
     * The entry's line: {@code [ipv4     2 ]tcp      6 299 ESTABLISHED src=.. dst=.. sport=.. dport=.. [UNREPLIED]
     * src=.. ... [ASSURED] mark=5 zone=7 use=1[ id=..]}; what the kernel did not send is left out.
     *
     * @param extended with the layer-3 protocol first ({@code -o extended})
     * @param id       with the entry's id last ({@code -o id})
     */
    static String line(ConntrackEntry e, boolean extended, boolean id) {
        StringBuilder sb = new StringBuilder(200);
        if (extended) {
            sb.append(String.format(Locale.ROOT, "%-8s %d ", e.familyName(), e.family()));
        }
        sb.append(String.format(Locale.ROOT, "%-8s %d ", e.protocolName(), e.protocol()));
        if (e.timeout() != null) {
            sb.append(e.timeout()).append(' ');
        }
        if (e.stateName() != null) {
            sb.append(e.stateName()).append(' ');
        }
        tuple(sb, e.original(), "orig", e.originalCounters());
        if (!e.has(Ctnetlink.IPS_SEEN_REPLY)) {
            sb.append("[UNREPLIED] ");
        }
        tuple(sb, e.reply(), "reply", e.replyCounters());
        if (e.has(Ctnetlink.IPS_HW_OFFLOAD)) {
            sb.append("[HW_OFFLOAD] ");
        } else if (e.has(Ctnetlink.IPS_OFFLOAD)) {
            sb.append("[OFFLOAD] ");
        } else if (e.has(Ctnetlink.IPS_ASSURED)) {
            sb.append("[ASSURED] ");
        }
        if (e.mark() != null) {
            sb.append("mark=").append(e.mark()).append(' ');
        }
        if (e.secctx() != null) {
            sb.append("secctx=").append(e.secctx()).append(' ');
        }
        if (e.zone() != 0) {
            sb.append("zone=").append(e.zone()).append(' ');
        }
        if (e.start() != null) {
            long stop = e.stop() != null ? e.stop() / 1_000_000_000L : System.currentTimeMillis() / 1000;
            sb.append("delta-time=").append(stop - e.start() / 1_000_000_000L).append(' ');
        }
        if (e.helper() != null) {
            sb.append("helper=").append(e.helper()).append(' ');
        }
        if (e.use() != null) {
            sb.append("use=").append(e.use()).append(' ');
        }
        if (id) {
            sb.append("id=").append(e.id()).append(' ');
        }
        return sb.toString().stripTrailing();
    }

    private static void tuple(StringBuilder sb, ConntrackTuple t, String dir, ConntrackEntry.Counters c) {
        if (t.src() != null && t.dst() != null) {   // conntrack prints no addresses for a family it does not know
            sb.append("src=").append(Inet.format(t.src())).append(" dst=").append(Inet.format(t.dst())).append(' ');
        }
        if (t.srcPort() != null) {
            sb.append("sport=").append(t.srcPort()).append(" dport=").append(t.dstPort()).append(' ');
        } else if (t.icmpType() != null) {
            sb.append("type=").append(t.icmpType()).append(" code=").append(t.icmpCode()).append(" id=")
                    .append(t.icmpId()).append(' ');
        }
        if (t.zone() != null) {
            sb.append("zone-").append(dir).append('=').append(t.zone()).append(' ');
        }
        if (c != null) {
            sb.append("packets=").append(c.packets()).append(" bytes=").append(c.bytes()).append(' ');
        }
    }

    /** An event's line as {@code conntrack -E} prints it: "    [NEW] ", " [UPDATE] ", "[DESTROY] ", then the entry. */
    static String event(ConntrackMonitor.Change c, boolean extended, boolean id) {
        String type = "[" + c.type().name() + "]";
        String line = " ".repeat(Math.max(0, 9 - type.length())) + type + " " + line(c.entry(), extended, id);
        return c.origin() != 0 ? line + " [USERSPACE] portid=" + c.origin() : line;
    }

    /** The entry as a JSON object: the record's fields, those the kernel sent. */
    static Map<String, Object> json(ConntrackEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", e.familyName());
        m.put("protocol", e.protocolName());
        m.put("protonum", e.protocol());
        put(m, "timeout", e.timeout());
        put(m, "state", e.stateName());
        m.put("original", tuple(e.original(), e.originalCounters()));
        m.put("reply", tuple(e.reply(), e.replyCounters()));
        m.put("status", e.statusNames());
        put(m, "mark", e.mark());
        if (e.zone() != 0) {
            m.put("zone", e.zone());
        }
        put(m, "use", e.use());
        m.put("id", e.id());
        put(m, "helper", e.helper());
        put(m, "labels", e.labels());
        put(m, "secctx", e.secctx());
        put(m, "start", e.start());
        put(m, "stop", e.stop());
        return m;
    }

    private static Map<String, Object> tuple(ConntrackTuple t, ConntrackEntry.Counters c) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "src", t.src() == null ? null : Inet.format(t.src()));
        put(m, "dst", t.dst() == null ? null : Inet.format(t.dst()));
        put(m, "sport", t.srcPort());
        put(m, "dport", t.dstPort());
        put(m, "type", t.icmpType());
        put(m, "code", t.icmpCode());
        put(m, "id", t.icmpId());
        put(m, "zone", t.zone());
        if (c != null) {
            m.put("packets", c.packets());
            m.put("bytes", c.bytes());
        }
        return m;
    }

    /** An event as a JSON object: "event" (new, update, destroy), then the entry, and "origin" when a request made it. */
    static Map<String, Object> eventJson(ConntrackMonitor.Change c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", c.type().name().toLowerCase(Locale.ROOT));
        m.putAll(json(c.entry()));
        if (c.origin() != 0) {
            m.put("origin", c.origin());
        }
        return m;
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
