package io.jnetlink.generic;

import io.jnetlink.Errno;
import io.jnetlink.NetlinkException;
import io.jnetlink.message.Attribute;
import io.jnetlink.message.NetlinkMessage;

import io.jnetlink.schema.AttrDef;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.MessageDef;
import io.jnetlink.schema.Schema;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a generic netlink family's operations accept, as the kernel's policy dump (CTRL_CMD_GETPOLICY)
 * tells: each operation's do and dump policy, and each policy's attributes with their type and limits.
 * Attributes and operations are named where the family's definitions are known; otherwise only numbered.
 *
 * @param family   the family's name
 * @param familyId its id
 * @param ops      the operations that have a policy, by number
 * @param policies policy index to attribute number to its policy
 */
public record FamilyPolicy(String family, int familyId, List<OpPolicy> ops,
                           Map<Integer, Map<Integer, AttrPolicy>> policies) {

    /** Copies the lists and maps. */
    public FamilyPolicy {
        ops = List.copyOf(ops);
        Map<Integer, Map<Integer, AttrPolicy>> copy = new TreeMap<>();
        policies.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
        policies = Collections.unmodifiableMap(copy);
    }

    /**
     * One operation's policies.
     *
     * @param op         the operation (command) number
     * @param name       its request's name in the family's definitions, or null
     * @param doPolicy   the policy index for a do request, or null when the operation has no do policy
     * @param dumpPolicy the policy index for a dump request, or null
     */
    public record OpPolicy(int op, String name, Integer doPolicy, Integer dumpPolicy) {
    }

    /**
     * One attribute's policy (NL_POLICY_TYPE_ATTR_*). Absent limits are null.
     *
     * @param attr           the attribute number
     * @param name           its name in the family's definitions, or null
     * @param type           the kernel's attribute type: u8..u64, s8..s64, uint, sint, flag, string,
     *                       nul-string, binary, nested, nested-array, bitfield32 (or the number of a newer type)
     * @param min            smallest value of an integer (Long, or BigInteger above 2^63-1)
     * @param max            largest value of an integer
     * @param minLength      shortest length in bytes of a string or binary
     * @param maxLength      longest length in bytes of a string or binary
     * @param nestedPolicy   the policy index of a nest's (or nested array element's) attributes
     * @param nestedMaxType  the highest attribute number of that policy
     * @param bitfield32Mask the valid bits of a bitfield32
     * @param mask           the valid bits of an unsigned integer
     */
    public record AttrPolicy(int attr, String name, String type, Number min, Number max, Long minLength,
                             Long maxLength, Integer nestedPolicy, Integer nestedMaxType, Long bitfield32Mask,
                             Number mask) {

        /**
         * The type and limits as one line of text: "u16, 0..65535", "nul-string, length ..15", ...
         *
         * @return the type and limits as one line of text
         */
        public String describe() {
            StringBuilder sb = new StringBuilder(type);
            if (min != null || max != null) {
                sb.append(", ").append(min == null ? "" : min).append("..").append(max == null ? "" : max);
            }
            if (minLength != null || maxLength != null) {
                sb.append(", length ").append(minLength == null ? "" : minLength).append("..")
                        .append(maxLength == null ? "" : maxLength);
            }
            if (mask != null) {
                sb.append(", mask 0x").append(new BigInteger(mask.toString()).toString(16));
            }
            if (bitfield32Mask != null) {
                sb.append(", mask 0x").append(Long.toHexString(bitfield32Mask));
            }
            if (nestedPolicy != null) {
                sb.append(", policy ").append(nestedPolicy);
                if (nestedMaxType != null) {
                    sb.append(" (attributes up to ").append(nestedMaxType).append(')');
                }
            }
            return sb.toString();
        }
    }

    /**
     * The attributes of policy {@code index}, or an empty map.
     *
     * @param index the device's ifindex
     * @return the attributes of policy {@code index}, or an empty map
     */
    public Map<Integer, AttrPolicy> policy(int index) {
        return policies.getOrDefault(index, Map.of());
    }

    /**
     * The policies of operation {@code op}, or null when it has none.
     *
     * @param op the operation, by the name of its request in the definitions
     * @return the policies of operation {@code op}, or null when it has none
     */
    public OpPolicy op(int op) {
        for (OpPolicy p : ops) {
            if (p.op() == op) {
                return p;
            }
        }
        return null;
    }

    /** Turns the kernel's refusal of a policy dump into a message naming the family (and operation). */
    static NetlinkException explain(NetlinkException e, String family, Integer op) {
        String what = switch (e.errno()) {
            case Errno.ENOENT -> op != null ? "generic netlink family '" + family + "' has no operation " + op
                    : "generic netlink family '" + family + "' is not present";
            case 61 /* ENODATA */ -> "generic netlink family '" + family + "' has no attribute policy"
                    + (op != null ? " for operation " + op : "");
            default -> null;
        };
        return what == null ? e : new NetlinkException("policy " + family, e.errno(), what);
    }

    /**
     * Reads the replies of a policy dump.
     *
     * <p>The kernel (up to 6.18 at least) keys the op-policy entry of an operation that has only a dump handler
     * with 0 instead of the operation's number. Entries come in the order of the family's operations that have
     * a policy (the "cmd-cap-haspol" flag of the family's description), so such an entry is given the number
     * of the operation at its place in that order ({@code op} when the dump was for one operation); when the
     * counts disagree it keeps 0.
     *
     * @param family  the family they describe
     * @param schema  its definitions (to name operations and attributes), or null
     * @param replies the dump's messages
     * @param op      the operation the dump was restricted to, or null
     * @return the family's operations and their attribute policies
     * @throws io.jnetlink.message.MalformedMessageException when a value has another shape than nlctrl's
     */
    public static FamilyPolicy parse(Nlctrl.Family family, Schema schema, List<NetlinkMessage> replies, Integer op) {
        List<Integer[]> entries = new ArrayList<>();            // {op, do, dump} in arrival order
        Map<Integer, Map<Integer, Map<String, Object>>> raw = new TreeMap<>();
        for (NetlinkMessage m : replies) {
            if (m.definition() == null || m.genlCommand() != Nlctrl.CMD_GETPOLICY) {
                continue;
            }
            Attribute opPolicy = m.attributes().attribute("op-policy");
            if (opPolicy != null) {
                int at = opPolicy.offset();
                Values.map(opPolicy.value(), "nlctrl op-policy", at).forEach((k, v) -> {
                    Map<String, Object> p = Values.map(v, "an nlctrl op-policy entry", at);
                    entries.add(new Integer[]{Integer.parseInt(k), integer(p.get("do"), "do", at),
                            integer(p.get("dump"), "dump", at)});
                });
            }
            Attribute pol = m.attributes().attribute("policy");
            if (pol != null) {
                int at = pol.offset();
                Values.map(pol.value(), "nlctrl policy", at).forEach((idx, attrs) ->
                        Values.map(attrs, "an nlctrl policy", at).forEach((attr, limits) ->
                                raw.computeIfAbsent(Integer.parseInt(idx), x -> new TreeMap<>())
                                        .put(Integer.parseInt(attr), limits(limits, at))));
            }
        }
        List<Integer> withPolicy = new ArrayList<>();
        family.ops().forEach((id, flags) -> {
            if (flags.contains("cmd-cap-haspol")) {
                withPolicy.add(id);
            }
        });
        Map<Integer, Integer[]> ops = new TreeMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Integer[] e = entries.get(i);
            int id = e[0];
            if (id == 0 && op != null) {
                id = op;
            } else if (id == 0 && withPolicy.size() == entries.size()) {
                id = withPolicy.get(i);
            }
            ops.put(id, new Integer[]{e[1], e[2]});
        }
        Map<Integer, AttributeSet> sets = new HashMap<>();
        Deque<Integer> todo = new ArrayDeque<>();
        List<OpPolicy> opList = new ArrayList<>();
        for (Map.Entry<Integer, Integer[]> e : ops.entrySet()) {
            MessageDef req = schema == null ? null : schema.request(e.getKey());
            Integer[] p = e.getValue();
            opList.add(new OpPolicy(e.getKey(), req == null ? null : req.name(), p[0], p[1]));
            for (Integer idx : p) {
                if (idx != null && req != null && req.attributes() != null && sets.putIfAbsent(idx, req.attributes()) == null) {
                    todo.add(idx);
                }
            }
        }
        while (!todo.isEmpty()) {                       // name nested policies through the nests' definitions
            int idx = todo.poll();
            AttributeSet set = sets.get(idx);
            raw.getOrDefault(idx, Map.of()).forEach((attr, limits) -> {
                Integer nested = (Integer) limits.get("policy-idx");
                AttrDef d = set.byId(attr);
                if (nested != null && d != null && d.nested() != null && sets.putIfAbsent(nested, d.nested()) == null) {
                    todo.add(nested);
                }
            });
        }
        Map<Integer, Map<Integer, AttrPolicy>> policies = new LinkedHashMap<>();
        raw.forEach((idx, attrs) -> {
            AttributeSet set = sets.get(idx);
            Map<Integer, AttrPolicy> out = new TreeMap<>();
            attrs.forEach((attr, l) -> {
                AttrDef d = set == null ? null : set.byId(attr);
                Number min = l.containsKey("min-value-s") ? (Number) l.get("min-value-s") : (Number) l.get("min-value-u");
                Number max = l.containsKey("max-value-s") ? (Number) l.get("max-value-s") : (Number) l.get("max-value-u");
                out.put(attr, new AttrPolicy(attr, d == null ? null : d.name(), String.valueOf(l.get("type")), min, max,
                        (Long) l.get("min-length"), (Long) l.get("max-length"), (Integer) l.get("policy-idx"),
                        (Integer) l.get("policy-maxtype"), (Long) l.get("bitfield32-mask"), (Number) l.get("mask")));
            });
            policies.put(idx, out);
        });
        return new FamilyPolicy(family.name(), family.id(), opList, policies);
    }

    private static Integer integer(Object v, String what, int at) {
        Number n = Values.numberOrNull(v, "an nlctrl policy's " + what, at);
        return n == null ? null : n.intValue();
    }

    /** One attribute's limits, each checked for its shape: numbers as Integer, Long or as sent (min, max, mask). */
    private static Map<String, Object> limits(Object v, int at) {
        Map<String, Object> l = Values.map(v, "an nlctrl attribute policy", at);
        Map<String, Object> out = new HashMap<>();
        for (Map.Entry<String, Object> e : l.entrySet()) {
            String k = e.getKey();
            Object x = e.getValue();
            switch (k) {
                case "type" -> out.put(k, x instanceof String ? x : Values.number(x, "an nlctrl policy's type", at));
                case "policy-idx", "policy-maxtype" -> out.put(k, integer(x, k, at));
                case "min-length", "max-length", "bitfield32-mask" -> out.put(k,
                        Values.number(x, "an nlctrl policy's " + k, at).longValue());
                case "min-value-s", "max-value-s", "min-value-u", "max-value-u", "mask" -> out.put(k,
                        Values.number(x, "an nlctrl policy's " + k, at));
                default -> out.put(k, x);
            }
        }
        return out;
    }
}
