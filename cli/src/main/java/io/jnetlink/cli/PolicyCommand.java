package io.jnetlink.cli;

import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.generic.GenericNetlink;

import io.jnetlink.generic.FamilyPolicy;
import io.jnetlink.schema.MessageDef;
import io.jnetlink.schema.Schema;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** {@code jnl genl policy FAMILY [OP]}: what a family's operations accept, from the kernel's policy dump. */
final class PolicyCommand {
    private PolicyCommand() {
    }

    static int run(Main.Globals g, List<String> args, PrintStream out) throws NetlinkException {
        if (args.isEmpty() || args.size() > 2) {
            throw new Main.UsageException("genl policy takes a family name and optionally an operation");
        }
        String family = args.get(0);
        try (GenericNetlink s = new GenericNetlink(g.spec(Netlink.NETLINK_GENERIC))) {
            Integer op = args.size() == 2 ? op(s.schema(family), family, args.get(1)) : null;
            FamilyPolicy p = s.policy(family, op);
            if (g.json()) {
                out.println(Json.write(toMap(p)));
            } else {
                printText(p, out);
            }
        }
        return 0;
    }

    /** An operation given by number or by its request's name in the family's definitions. */
    private static Integer op(Schema schema, String family, String arg) {
        try {
            return Integer.decode(arg);
        } catch (NumberFormatException e) {
            MessageDef m = schema == null ? null : schema.message(arg);
            if (m == null || schema.request(m.value()) != m) {
                throw new Main.UsageException("'" + arg + "' is not an operation number"
                        + (schema == null ? "" : " nor a request of " + family));
            }
            return m.value();
        }
    }

    static Map<String, Object> toMap(FamilyPolicy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", p.family());
        m.put("id", p.familyId());
        List<Object> ops = new ArrayList<>();
        for (FamilyPolicy.OpPolicy op : p.ops()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("op", op.op());
            o.put("name", op.name());
            o.put("do", op.doPolicy());
            o.put("dump", op.dumpPolicy());
            ops.add(o);
        }
        m.put("ops", ops);
        Map<String, Object> policies = new LinkedHashMap<>();
        p.policies().forEach((idx, attrs) -> {
            List<Object> l = new ArrayList<>();
            for (FamilyPolicy.AttrPolicy a : attrs.values()) {
                Map<String, Object> am = new LinkedHashMap<>();
                am.put("attr", a.attr());
                am.put("name", a.name());
                am.put("type", a.type());
                put(am, "min", a.min());
                put(am, "max", a.max());
                put(am, "min_length", a.minLength());
                put(am, "max_length", a.maxLength());
                put(am, "policy", a.nestedPolicy());
                put(am, "max_type", a.nestedMaxType());
                put(am, "bitfield32_mask", a.bitfield32Mask());
                put(am, "mask", a.mask());
                l.add(am);
            }
            policies.put(Integer.toString(idx), l);
        });
        m.put("policies", policies);
        return m;
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static void printText(FamilyPolicy p, PrintStream out) {
        out.printf("family %s, id 0x%x%n", p.family(), p.familyId());
        if (p.ops().isEmpty()) {
            out.println("  no operation has a policy");
        }
        for (FamilyPolicy.OpPolicy op : p.ops()) {
            String label = "op " + op.op() + (op.name() != null ? " " + op.name() : "");
            if (Objects.equals(op.doPolicy(), op.dumpPolicy())) {
                out.println(label + " (do and dump):");
                attrs(p, op.doPolicy(), "    ", new HashSet<>(), out);
            } else {
                if (op.doPolicy() != null) {
                    out.println(label + " (do):");
                    attrs(p, op.doPolicy(), "    ", new HashSet<>(), out);
                }
                if (op.dumpPolicy() != null) {
                    out.println(label + " (dump):");
                    attrs(p, op.dumpPolicy(), "    ", new HashSet<>(), out);
                }
            }
        }
    }

    private static void attrs(FamilyPolicy p, int idx, String indent, Set<Integer> open, PrintStream out) {
        Map<Integer, FamilyPolicy.AttrPolicy> attrs = p.policy(idx);
        if (attrs.isEmpty()) {
            out.println(indent + "(no attributes)");
            return;
        }
        open.add(idx);
        for (FamilyPolicy.AttrPolicy a : attrs.values()) {
            out.println(indent + (a.name() != null ? a.name() + " (" + a.attr() + ")" : "attribute " + a.attr()) + ": "
                    + a.describe());
            Integer nested = a.nestedPolicy();
            if (nested != null && !open.contains(nested)) {
                attrs(p, nested, indent + "    ", open, out);
            }
        }
        open.remove(idx);
    }
}
