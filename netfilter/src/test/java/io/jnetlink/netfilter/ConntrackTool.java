package io.jnetlink.netfilter;

import io.jnetlink.KernelNamespace;
import io.jnetlink.route.Inet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The oracle: conntrack-tools' {@code conntrack} run inside a test namespace, and its text lines ({@code -o
 * extended,id}) read into field maps; {@link #fields(ConntrackEntry)} gives a record the same keys, so entries are
 * compared field by field.
 */
final class ConntrackTool {
    private ConntrackTool() {
    }

    /** What one run printed and returned. */
    record Result(int status, String out, String err) {
    }

    /** Runs {@code conntrack args...} in the namespace, whatever its exit status. */
    static Result run(KernelNamespace ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), "conntrack"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).start();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + cmd, e);
        }
    }

    /** Runs {@code conntrack args...}; fails the test unless it exits 0. */
    static String ok(KernelNamespace ns, String... args) {
        Result r = run(ns, args);
        if (r.status() != 0) {
            throw new AssertionError("conntrack " + String.join(" ", args) + " failed (" + r.status() + "): " + r.err());
        }
        return r.out();
    }

    /** {@code conntrack -L -o extended,id opts...}: every entry's fields, keyed by the entry's id. */
    static Map<String, Map<String, String>> list(KernelNamespace ns, String... opts) {
        List<String> args = new ArrayList<>(List.of("-L", "-o", "extended,id"));
        args.addAll(List.of(opts));
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (String line : ok(ns, args.toArray(String[]::new)).lines().toList()) {
            Map<String, String> f = parse(line);
            out.put(f.get("id"), f);
        }
        return out;
    }

    /** One {@code -o extended} line's fields ("family", "proto", "timeout", "state", "orig.src", ..., "mark", "id"). */
    static Map<String, String> parse(String line) {
        String[] t = line.trim().split(" +");
        Map<String, String> f = new TreeMap<>();
        f.put("family", t[0]);
        f.put("proto", t[2]);
        int i = 4;
        if (t[i].matches("\\d+")) {
            f.put("timeout", t[i++]);
        }
        if (!t[i].contains("=") && !t[i].startsWith("[")) {
            f.put("state", t[i++]);
        }
        String dir = null;
        String last = "";
        boolean tuplesDone = false;
        for (; i < t.length; i++) {
            String tok = t[i];
            if (tok.startsWith("[")) {
                f.put(tok.substring(1, tok.length() - 1).toLowerCase(java.util.Locale.ROOT), "yes");
                continue;
            }
            int eq = tok.indexOf('=');
            String k = tok.substring(0, eq);
            String v = tok.substring(eq + 1);
            if (k.equals("src")) {
                dir = dir == null ? "orig" : "reply";
            }
            boolean inTuple = !tuplesDone && switch (k) {
                case "src", "dst", "sport", "dport", "type", "code", "packets", "bytes" -> true;
                case "id" -> last.equals("code");
                default -> false;
            };
            if (k.startsWith("zone-")) {
                f.put(k.substring(5) + ".zone", v);
            } else if (inTuple) {
                f.put(dir + "." + k, v);
            } else {
                tuplesDone = "reply".equals(dir);
                f.put(k, v);
            }
            last = k;
        }
        return f;
    }

    /** The fields conntrack would print for {@code e}, under {@link #parse}'s keys (no timeout, no use). */
    static Map<String, String> fields(ConntrackEntry e) {
        Map<String, String> f = new TreeMap<>();
        f.put("family", e.familyName());
        f.put("proto", e.protocolName());
        if (e.state() != null) {
            f.put("state", e.stateName());
        }
        tuple(f, "orig", e.original(), e.originalCounters());
        tuple(f, "reply", e.reply(), e.replyCounters());
        if (!e.has(Ctnetlink.IPS_SEEN_REPLY)) {
            f.put("unreplied", "yes");
        }
        if (e.has(Ctnetlink.IPS_HW_OFFLOAD)) {
            f.put("hw_offload", "yes");
        } else if (e.has(Ctnetlink.IPS_OFFLOAD)) {
            f.put("offload", "yes");
        } else if (e.has(Ctnetlink.IPS_ASSURED)) {
            f.put("assured", "yes");
        }
        if (e.mark() != null) {
            f.put("mark", Long.toString(e.mark()));
        }
        if (e.zone() != 0) {
            f.put("zone", Integer.toString(e.zone()));
        }
        if (e.helper() != null) {
            f.put("helper", e.helper());
        }
        f.put("id", Long.toString(e.id()));
        return f;
    }

    private static void tuple(Map<String, String> f, String dir, ConntrackTuple t, ConntrackEntry.Counters c) {
        f.put(dir + ".src", Inet.format(t.src()));
        f.put(dir + ".dst", Inet.format(t.dst()));
        if (t.srcPort() != null) {
            f.put(dir + ".sport", t.srcPort().toString());
            f.put(dir + ".dport", t.dstPort().toString());
        }
        if (t.icmpType() != null) {
            f.put(dir + ".type", t.icmpType().toString());
            f.put(dir + ".code", t.icmpCode().toString());
            f.put(dir + ".id", t.icmpId().toString());
        }
        if (t.zone() != null) {
            f.put(dir + ".zone", t.zone().toString());
        }
        if (c != null) {
            f.put(dir + ".packets", Long.toString(c.packets()));
            f.put(dir + ".bytes", Long.toString(c.bytes()));
        }
    }

    /** {@code fields} without what changes between two reads (timeout, use). */
    static Map<String, String> stable(Map<String, String> fields) {
        Map<String, String> m = new LinkedHashMap<>(new TreeMap<>(fields));
        m.remove("timeout");
        m.remove("use");
        return m;
    }
}
