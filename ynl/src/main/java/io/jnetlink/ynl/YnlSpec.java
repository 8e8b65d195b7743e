package io.jnetlink.ynl;

import io.jnetlink.Netlink;

import io.jnetlink.schema.AttrDef;
import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.Display;
import io.jnetlink.schema.EnumDef;
import io.jnetlink.schema.Schema;
import io.jnetlink.schema.SchemaException;
import io.jnetlink.schema.StructDef;
import io.jnetlink.schema.SubMessageDef;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * A kernel YNL spec (Documentation/netlink/specs/*.yaml) loaded into the core's definitions: a {@link Schema}
 * with its attribute sets, structs, enums and flags, sub-messages and messages, plus what the schema does not
 * keep (operations with their do/dump attribute lists, notifications, multicast groups).
 *
 * <p>All four protocol levels load: {@code genetlink}, {@code genetlink-c}, {@code genetlink-legacy} and
 * {@code netlink-raw}; both operation id models ({@code unified}, {@code directional}). Keys this loader does
 * not know are ignored, so newer specs load. A malformed spec is a {@link SchemaException} whose message starts
 * with the file and the key ({@code "x.yaml: attribute-sets[a].attributes[b]: unknown type 'u33'"}).
 * Immutable.
 */
public final class YnlSpec {
    private static final Set<String> GENL_LEVELS = Set.of("genetlink", "genetlink-c", "genetlink-legacy");

    /**
     * One operation of the family.
     *
     * @param name         the operation's name ({@code getlink}, {@code dev-get}, ...)
     * @param requestValue the nlmsg_type / genl command of its requests, or null (a notification)
     * @param replyValue   the value of its replies and notifications, or null when it has none
     * @param attributeSet the attribute set of its messages, or null
     * @param fixedHeader  the fixed header (struct) of its messages, or null
     * @param doMode       its {@code do}, or null
     * @param dumpMode     its {@code dump}, or null
     * @param notifies     for a notification: the operation whose reply it repeats; else null
     * @param event        for an event: its attributes; else null
     * @param mcgrp        the multicast group its notifications go to, or null
     */
    public record Op(String name, Integer requestValue, Integer replyValue, String attributeSet, String fixedHeader,
                     Mode doMode, Mode dumpMode, String notifies, List<String> event, String mcgrp) {
    }

    /**
     * A {@code do} or {@code dump} of an operation.
     *
     * @param request the attributes (and fixed-header fields) its request may carry
     * @param reply   the attributes its reply carries
     */
    public record Mode(List<String> request, List<String> reply) {
    }

    private final String source;
    private final String name;
    private final String doc;
    private final Schema schema;
    private final Map<String, Op> ops;
    private final Map<String, Integer> groups;

    private YnlSpec(String source, String name, String doc, Schema schema, Map<String, Op> ops, Map<String, Integer> groups) {
        this.source = source;
        this.name = name;
        this.doc = doc;
        this.schema = schema;
        this.ops = Collections.unmodifiableMap(ops);
        this.groups = Collections.unmodifiableMap(groups);
    }

    /**
     * Loads the spec in {@code file}: YAML, or gzip-compressed YAML (by its content, whatever its name).
     *
     * @param file the spec file (.yaml or .yaml.gz)
     * @return the spec
     * @throws IOException     when the file cannot be read
     * @throws SchemaException when the spec is malformed; the message names the file and the key
     */
    public static YnlSpec load(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        if (b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(b))) {
                b = in.readAllBytes();
            }
        }
        return parse(new String(b, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses a spec from YAML text; {@code source} names it in error messages.
     *
     * @param yaml the spec's YAML text
     * @param source what the text is, for error messages (a file name)
     * @return the spec
     * @throws SchemaException when the spec is malformed
     */
    public static YnlSpec parse(String yaml, String source) {
        Object root;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(source).setSchema(new CoreSchema())
                    .setMaxAliasesForCollections(10_000).setCodePointLimit(YamlLimits.MAX_CODE_POINTS).build();
            YamlLimits.check(yaml, source, settings);
            root = new Load(settings).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new SchemaException(source + ": not valid YAML: " + e.getMessage().replace('\n', ' ').trim(), e);
        }
        return new Loader(source).load(root);
    }

    /**
     * Where the spec was read from.
     *
     * @return where the spec was read from
     */
    public String source() {
        return source;
    }

    /**
     * The family's name as the spec declares it ({@code rt-link}, {@code netdev}, ...).
     *
     * @return the family's name as the spec declares it ({@code rt-link}, {@code netdev}, ...)
     */
    public String name() {
        return name;
    }

    /**
     * The spec's {@code doc}, or "".
     *
     * @return the spec's {@code doc}, or ""
     */
    public String doc() {
        return doc;
    }

    /**
     * The definitions, for the core's codec.
     *
     * @return the definitions, for the core's codec
     */
    public Schema schema() {
        return schema;
    }

    /**
     * True for generic netlink (the family id is resolved by name), false for classic netlink.
     *
     * @return true for generic netlink (the family id is resolved by name), false for classic netlink
     */
    public boolean isGeneric() {
        return schema.protocol() == Schema.Protocol.GENETLINK;
    }

    /**
     * Every operation by name, in the spec's order.
     *
     * @return every operation by name, in the spec's order
     */
    public Map<String, Op> operations() {
        return ops;
    }

    /**
     * The operation named {@code op}, or null.
     *
     * @param op the operation, by the name of its request in the definitions
     * @return the operation named {@code op}, or null
     */
    public Op operation(String op) {
        return ops.get(op);
    }

    /**
     * Multicast groups by name, in the spec's order: the group number for classic netlink; null for generic
     * netlink, whose group ids the kernel assigns (resolved at run time).
     *
     * @return multicast groups by name, in the spec's order
     */
    public Map<String, Integer> mcastGroups() {
        return groups;
    }

    @Override
    public String toString() {
        return "YnlSpec[" + name + ", " + source + ", " + ops.size() + " operations]";
    }

    // ------------------------------------------------------------------ the loader

    /** One pass over the YAML tree; every error names the file and the key. */
    private static final class Loader {
        private final String source;
        private final Map<String, Long> consts = new HashMap<>();
        private final Map<String, Map<String, Object>> rawStructs = new LinkedHashMap<>();
        private final Map<String, EnumDef> enums = new LinkedHashMap<>();
        private final Map<String, StructDef> structs = new LinkedHashMap<>();
        private final Map<String, Map<String, Object>> rawSets = new LinkedHashMap<>();
        private final Map<String, AttributeSet> sets = new LinkedHashMap<>();
        private final Set<String> resolving = new HashSet<>();
        private final Map<String, Op> ops = new LinkedHashMap<>();

        Loader(String source) {
            this.source = source;
        }

        SchemaException fail(String key, String what) {
            return new SchemaException(source + ": " + key + ": " + what);
        }

        YnlSpec load(Object root) {
            Map<String, Object> top = map(root, "(top level)");
            String name = string(top, "name", "(top level)", true);
            String protocol = string(top, "protocol", "(top level)", false);
            protocol = protocol == null ? "genetlink" : protocol;
            Schema.Protocol proto;
            int nlFamily;
            if (GENL_LEVELS.contains(protocol)) {
                proto = Schema.Protocol.GENETLINK;
                nlFamily = Netlink.NETLINK_GENERIC;
            } else if (protocol.equals("netlink-raw")) {
                proto = Schema.Protocol.NETLINK_RAW;
                Object pn = top.get("protonum");
                if (pn == null) {
                    throw fail("protonum", "netlink-raw needs the netlink protocol number");
                }
                nlFamily = integer(pn, "protonum", 0, 31);
            } else {
                throw fail("protocol", "unknown protocol '" + protocol + "' (expected genetlink, genetlink-c, "
                        + "genetlink-legacy or netlink-raw)");
            }
            Schema.Builder b = Schema.builder(name, proto, nlFamily);
            definitions(list(top.get("definitions"), "definitions"));
            for (String s : rawStructs.keySet()) {
                struct(s, "definitions");
            }
            structs.values().forEach(b::struct);
            for (Object o : list(top.get("attribute-sets"), "attribute-sets")) {
                Map<String, Object> m = map(o, "attribute-sets");
                String n = string(m, "name", "attribute-sets", true);
                if (rawSets.put(n, m) != null) {
                    throw fail("attribute-sets[" + n + "]", "defined twice");
                }
            }
            for (String s : rawSets.keySet()) {
                attributeSet(s, "attribute-sets");
            }
            for (Object o : list(top.get("sub-messages"), "sub-messages")) {
                b.subMessage(subMessage(map(o, "sub-messages")));
            }
            Map<String, Integer> groups = new LinkedHashMap<>();
            Object mg = top.get("mcast-groups");
            if (mg != null) {
                for (Object o : list(map(mg, "mcast-groups").get("list"), "mcast-groups.list")) {
                    Map<String, Object> g = map(o, "mcast-groups.list");
                    String gn = string(g, "name", "mcast-groups.list", true);
                    Integer v = g.get("value") == null ? null : integer(g.get("value"), "mcast-groups.list[" + gn + "].value", 0, Integer.MAX_VALUE);
                    groups.put(gn, v);
                    if (v != null) {
                        b.mcastGroup(gn, v);
                    }
                }
            }
            sets.values().forEach(b::attributeSet);
            Object opsNode = top.get("operations");
            if (opsNode != null) {
                operations(map(opsNode, "operations"), b, proto);
            }
            enums.values().forEach(b::enumDef); // after the sets: enum-as-flags may have added twins
            Schema schema;
            try {
                schema = b.build();
            } catch (SchemaException e) {
                throw new SchemaException(source + ": " + e.getMessage(), e);
            }
            String doc = top.get("doc") == null ? "" : String.valueOf(top.get("doc")).trim();
            return new YnlSpec(source, name, doc, schema, ops, groups);
        }

        // ---------------------------------------------------------------- definitions

        void definitions(List<Object> defs) {
            for (Object o : defs) {
                Map<String, Object> d = map(o, "definitions");
                String n = string(d, "name", "definitions", true);
                String key = "definitions[" + n + "]";
                String type = string(d, "type", key, true);
                switch (type) {
                    case "const" -> {
                        if (d.get("value") instanceof Number v) { // text consts (group names) are for C code
                            consts.put(n, v.longValue());
                        }
                    }
                    case "enum", "flags" -> {
                        boolean flags = type.equals("flags");
                        long v = d.get("value-start") == null ? 0 : number(d.get("value-start"), key + ".value-start");
                        Map<Long, String> entries = new LinkedHashMap<>();
                        for (Object e : list(d.get("entries"), key + ".entries")) {
                            String en;
                            if (e instanceof Map<?, ?> em) {
                                en = string(map(em, key + ".entries"), "name", key + ".entries", true);
                                if (em.get("value") != null) {
                                    v = number(em.get("value"), key + ".entries[" + en + "].value");
                                }
                            } else if (e instanceof String || e instanceof Number) {
                                en = String.valueOf(e);
                            } else {
                                throw fail(key + ".entries", "an entry is a name or a map with a name");
                            }
                            if (flags && (v < 0 || v > 63)) {
                                throw fail(key + ".entries[" + en + "]", "bit " + v + " is outside 0..63");
                            }
                            entries.put(flags ? 1L << v : v, en);
                            v++;
                        }
                        put(enums, n, new EnumDef(n, flags, entries), key);
                    }
                    case "struct" -> {
                        if (rawStructs.put(n, d) != null) {
                            throw fail(key, "defined twice");
                        }
                    }
                    default -> throw fail(key + ".type", "unknown definition type '" + type
                            + "' (expected const, enum, flags or struct)");
                }
            }
        }

        <T> void put(Map<String, T> m, String n, T v, String key) {
            if (m.put(n, v) != null) {
                throw fail(key, "defined twice");
            }
        }

        /** The struct named {@code n}, built on first use (a member may embed another struct). */
        StructDef struct(String n, String key) {
            StructDef done = structs.get(n);
            if (done != null) {
                return done;
            }
            Map<String, Object> d = rawStructs.get(n);
            if (d == null) {
                throw fail(key, "struct '" + n + "' is not defined");
            }
            String at = "definitions[" + n + "]";
            if (!resolving.add("struct " + n)) {
                throw fail(at, "struct '" + n + "' contains itself");
            }
            List<StructDef.Member> members = new ArrayList<>();
            for (Object o : list(d.get("members"), at + ".members")) {
                Map<String, Object> m = map(o, at + ".members");
                String mn = string(m, "name", at + ".members", true);
                String mk = at + ".members[" + mn + "]";
                String ts = string(m, "type", mk, true);
                AttrType t = AttrType.fromYnl(ts);
                int len = 0;
                if (t == null) {
                    throw fail(mk + ".type", "unknown type '" + ts + "'");
                }
                if (m.get("struct") != null) {
                    len = struct(String.valueOf(m.get("struct")), mk + ".struct").size();
                    t = AttrType.BINARY;
                } else if (t == AttrType.BINARY || t == AttrType.PAD || t == AttrType.STRING) {
                    if (m.get("len") == null) {
                        throw fail(mk, ts + " member needs a len");
                    }
                    long l = length(m.get("len"), mk + ".len");
                    if (l < 0 || l > 0xffff) {
                        throw fail(mk + ".len", l + " is outside 0..65535");
                    }
                    len = (int) l;
                    t = t == AttrType.STRING ? AttrType.BINARY : t; // fixed char arrays: bytes
                } else if (!(t.isInteger() && t.size() > 0)) {
                    throw fail(mk + ".type", "type '" + ts + "' cannot be a struct member");
                }
                String en = enumRef(m, mk);
                members.add(new StructDef.Member(mn, t, len, bigEndian(m), display(m), en,
                        bool(m.get("enum-as-flags")), null));
            }
            resolving.remove("struct " + n);
            StructDef s = new StructDef(n, members);
            structs.put(n, s);
            return s;
        }

        /** A struct member length: a number, a const, or "CONST +/- N". */
        long length(Object v, String key) {
            if (v instanceof Number) {
                return number(v, key);
            }
            String s = String.valueOf(v).trim();
            String[] parts = s.split("\\s+[+-]\\s+");
            long base = consts.containsKey(parts[0]) ? consts.get(parts[0]) : -1;
            if (base < 0) {
                throw fail(key, "'" + s + "' is neither a number nor a const of the spec");
            }
            if (parts.length == 2) {
                long n = number(parts[1], key);
                return s.contains("+") ? base + n : base - n;
            }
            return base;
        }

        // ---------------------------------------------------------------- attribute sets

        /** The set named {@code n}, built on first use (a subset needs its main set first). */
        AttributeSet attributeSet(String n, String key) {
            AttributeSet done = sets.get(n);
            if (done != null) {
                return done;
            }
            Map<String, Object> s = rawSets.get(n);
            if (s == null) {
                throw fail(key, "attribute set '" + n + "' is not defined");
            }
            String at = "attribute-sets[" + n + "]";
            if (!resolving.add("set " + n)) {
                throw fail(at + ".subset-of", "attribute set '" + n + "' is a subset of itself");
            }
            String subsetOf = string(s, "subset-of", at, false);
            Map<String, Map<String, Object>> parentAttrs = new HashMap<>();
            Map<String, Integer> parentIds = new HashMap<>();
            if (subsetOf != null) {
                AttributeSet parent = attributeSet(subsetOf, at + ".subset-of");
                for (Object o : list(rawSets.get(subsetOf).get("attributes"), "attribute-sets[" + subsetOf + "].attributes")) {
                    Map<String, Object> a = map(o, "attribute-sets[" + subsetOf + "].attributes");
                    parentAttrs.put(String.valueOf(a.get("name")), a);
                }
                for (AttrDef d : parent.attributes()) {
                    parentIds.put(d.name(), d.id());
                }
            }
            AttributeSet.Builder b = AttributeSet.builder(n);
            Set<String> listed = new HashSet<>();
            int next = 1;
            for (Object o : list(s.get("attributes"), at + ".attributes")) {
                Map<String, Object> a = map(o, at + ".attributes");
                String an = string(a, "name", at + ".attributes", true);
                String ak = at + ".attributes[" + an + "]";
                int id;
                if (subsetOf != null) {
                    if (!listed.add(an)) {
                        continue; // a subset naming an attribute twice (devlink 6.12) means it once
                    }
                    Map<String, Object> pa = parentAttrs.get(an);
                    if (pa == null) {
                        throw fail(ak, "attribute set '" + subsetOf + "' has no attribute '" + an + "'");
                    }
                    Map<String, Object> merged = new LinkedHashMap<>(pa);
                    merged.putAll(a);
                    a = merged;
                    id = parentIds.get(an);
                } else {
                    id = a.get("value") == null ? next : integer(a.get("value"), ak + ".value", 0, 0x3fff);
                    next = id + 1;
                }
                if (id < 0 || id > 0x3fff) {
                    throw fail(ak + ".value", id + " is outside 0..16383");
                }
                b.add(attribute(a, id, an, ak));
            }
            resolving.remove("set " + n);
            AttributeSet built;
            try {
                built = b.build();
            } catch (SchemaException e) {
                throw fail(at, e.getMessage());
            }
            sets.put(n, built);
            return built;
        }

        AttrDef attribute(Map<String, Object> a, int id, String an, String ak) {
            String ts = string(a, "type", ak, true);
            AttrType t = AttrType.fromYnl(ts);
            if (t == null) {
                throw fail(ak + ".type", "unknown type '" + ts + "'");
            }
            AttrDef.Builder d;
            try {
                d = AttrDef.builder(id, an, t);
            } catch (SchemaException e) {
                throw fail(ak, e.getMessage());
            }
            if (bigEndian(a)) {
                d.bigEndian();
            }
            d.display(display(a));
            if (bool(a.get("multi-attr"))) {
                d.multiAttr();
            }
            if (a.get("sub-type") != null) {
                String st = String.valueOf(a.get("sub-type"));
                AttrType sub = AttrType.fromYnl(st);
                if (sub == null) {
                    throw fail(ak + ".sub-type", "unknown type '" + st + "'");
                }
                d.subType(sub);
            }
            String nested = string(a, "nested-attributes", ak, false);
            if (nested != null) {
                if (!rawSets.containsKey(nested)) { // nests may be recursive: the schema links them by name
                    throw fail(ak + ".nested-attributes", "attribute set '" + nested + "' is not defined");
                }
                d.nested(nested);
            } else if (t == AttrType.NEST || t == AttrType.NEST_TYPE_VALUE
                    || t == AttrType.INDEXED_ARRAY && a.get("sub-type") != null && "nest".equals(a.get("sub-type"))) {
                throw fail(ak, ts + " needs nested-attributes");
            }
            if (a.get("struct") != null) {
                d.struct(struct(String.valueOf(a.get("struct")), ak + ".struct").name());
            }
            String en = enumRef(a, ak);
            if (en != null) {
                EnumDef e = enums.get(en);
                if (bool(a.get("enum-as-flags")) && !e.flags()) {
                    en = asFlags(e);
                }
                d.enumName(en);
                if (bool(a.get("enum-as-flags"))) {
                    d.enumAsFlags();
                }
            }
            if (t == AttrType.SUB_MESSAGE) {
                String sm = string(a, "sub-message", ak, true);
                String sel = string(a, "selector", ak, true);
                d.subMessage(sm, sel);
            }
            if (a.get("type-value") != null && t == AttrType.NEST_TYPE_VALUE) {
                List<Object> levels = list(a.get("type-value"), ak + ".type-value");
                d.typeValue(levels.stream().map(String::valueOf).toArray(String[]::new));
            }
            return d.build();
        }

        /** An enum used as flags whose entries are bit numbers: the same names on bit values (1 << n). */
        String asFlags(EnumDef e) {
            String n = e.name() + " (as flags)";
            if (!enums.containsKey(n)) {
                Map<Long, String> m = new LinkedHashMap<>();
                e.entries().forEach((v, name) -> {
                    if (v >= 0 && v < 64) {
                        m.put(1L << v, name);
                    }
                });
                enums.put(n, new EnumDef(n, true, m));
            }
            return n;
        }

        String enumRef(Map<String, Object> m, String key) {
            String en = string(m, "enum", key, false);
            if (en != null && !enums.containsKey(en)) {
                throw fail(key + ".enum", "enum '" + en + "' is not defined");
            }
            return en;
        }

        // ---------------------------------------------------------------- sub-messages

        SubMessageDef subMessage(Map<String, Object> m) {
            String n = string(m, "name", "sub-messages", true);
            String at = "sub-messages[" + n + "]";
            Map<String, SubMessageDef.Format> formats = new LinkedHashMap<>();
            for (Object o : list(m.get("formats"), at + ".formats")) {
                Map<String, Object> f = map(o, at + ".formats");
                Object v = f.get("value");
                if (v == null) {
                    throw fail(at + ".formats", "a format needs a value");
                }
                String fk = at + ".formats[" + v + "]";
                String set = string(f, "attribute-set", fk, false);
                String hdr = string(f, "fixed-header", fk, false);
                if (set != null && !rawSets.containsKey(set)) {
                    throw fail(fk + ".attribute-set", "attribute set '" + set + "' is not defined");
                }
                if (hdr != null) {
                    struct(hdr, fk + ".fixed-header");
                }
                formats.put(String.valueOf(v), new SubMessageDef.Format(set, hdr));
            }
            return new SubMessageDef(n, formats);
        }

        // ---------------------------------------------------------------- operations

        void operations(Map<String, Object> m, Schema.Builder b, Schema.Protocol proto) {
            String model = string(m, "enum-model", "operations", false);
            model = model == null ? "unified" : model;
            if (!model.equals("unified") && !model.equals("directional")) {
                throw fail("operations.enum-model", "unknown model '" + model + "' (expected unified or directional)");
            }
            String commonHeader = string(m, "fixed-header", "operations", false);
            if (commonHeader != null) {
                struct(commonHeader, "operations.fixed-header");
            }
            List<Map<String, Object>> list = new ArrayList<>();
            Map<String, Map<String, Object>> byName = new HashMap<>();
            for (Object o : list(m.get("list"), "operations.list")) {
                Map<String, Object> op = map(o, "operations.list");
                String n = string(op, "name", "operations.list", true);
                list.add(op);
                if (byName.put(n, op) != null) {
                    throw fail("operations.list[" + n + "]", "defined twice");
                }
            }
            int req = 1;
            int rsp = 1;
            List<Op> decodeOnlyLater = new ArrayList<>();
            for (Map<String, Object> op : list) {
                String n = String.valueOf(op.get("name"));
                String at = "operations.list[" + n + "]";
                Map<String, Object> shape = op;
                String notify = string(op, "notify", at, false);
                if (notify != null) {
                    shape = byName.get(notify);
                    if (shape == null) {
                        throw fail(at + ".notify", "operation '" + notify + "' is not defined");
                    }
                }
                String set = string(shape, "attribute-set", at, false);
                if (set != null) {
                    attributeSet(set, at + ".attribute-set");
                }
                String hdr = string(shape, "fixed-header", at, false);
                hdr = hdr == null ? commonHeader : hdr;
                if (hdr != null) {
                    struct(hdr, at + ".fixed-header");
                }
                Mode doMode = mode(op.get("do"), at + ".do");
                Mode dumpMode = mode(op.get("dump"), at + ".dump");
                List<String> event = null;
                if (op.get("event") != null) {
                    event = names(map(op.get("event"), at + ".event").get("attributes"), at + ".event.attributes");
                }
                boolean ntf = notify != null || event != null;
                Integer reqValue;
                Integer rspValue;
                if (model.equals("unified")) {
                    if (op.get("value") != null) {
                        req = integer(op.get("value"), at + ".value", 0, 0xffff);
                    }
                    reqValue = ntf ? null : req;
                    rspValue = req;
                    req++;
                } else if (ntf) {
                    if (op.get("value") != null) {
                        rsp = integer(op.get("value"), at + ".value", 0, 0xffff);
                    }
                    reqValue = null;
                    rspValue = rsp++;
                } else if (op.get("do") != null || op.get("dump") != null) {
                    Map<String, Object> mm = map(op.get("do") != null ? op.get("do") : op.get("dump"), at);
                    Object rq = mm.get("request") instanceof Map<?, ?> r ? r.get("value") : null;
                    Object rp = mm.get("reply") instanceof Map<?, ?> r ? r.get("value") : null;
                    if (rq != null) {
                        req = integer(rq, at + ".request.value", 0, 0xffff);
                    }
                    if (rp != null) {
                        rsp = integer(rp, at + ".reply.value", 0, 0xffff);
                    }
                    reqValue = req++;
                    if (mm.get("reply") != null) {
                        rspValue = rsp++;
                    } else {
                        rspValue = null;
                    }
                } else {
                    throw fail(at, "a directional operation needs do, dump, notify or event");
                }
                Op def = new Op(n, reqValue, rspValue, set, hdr, doMode, dumpMode, notify, event,
                        string(op, "mcgrp", at, false));
                ops.put(n, def);
                if (model.equals("unified") && !ntf) {
                    b.message(reqValue, n, hdr, set);
                } else {
                    if (reqValue != null) {
                        b.request(reqValue, n, hdr, set);
                    }
                    if (rspValue != null) {
                        b.message(rspValue, n, hdr, set);
                    }
                }
                if (proto == Schema.Protocol.NETLINK_RAW && reqValue != null && rspValue == null) {
                    decodeOnlyLater.add(def);
                }
            }
            // classic netlink notifies with the request's type (RTM_DELLINK, RTM_DELADDR...): decode those too
            Set<Integer> decoded = new HashSet<>();
            for (Op o : ops.values()) {
                if (o.replyValue() != null) {
                    decoded.add(o.replyValue());
                }
            }
            for (Op o : decodeOnlyLater) {
                if (decoded.add(o.requestValue())) {
                    b.message(o.requestValue(), o.name(), o.fixedHeader(), o.attributeSet());
                }
            }
        }

        Mode mode(Object node, String key) {
            if (node == null) {
                return null;
            }
            Map<String, Object> m = map(node, key);
            List<String> rq = List.of();
            List<String> rp = List.of();
            if (m.get("request") != null) {
                rq = names(map(m.get("request"), key + ".request").get("attributes"), key + ".request.attributes");
            }
            if (m.get("reply") != null) {
                rp = names(map(m.get("reply"), key + ".reply").get("attributes"), key + ".reply.attributes");
            }
            return new Mode(rq, rp);
        }

        List<String> names(Object node, String key) {
            List<String> out = new ArrayList<>();
            for (Object o : list(node, key)) {
                out.add(String.valueOf(o));
            }
            return List.copyOf(out);
        }

        // ---------------------------------------------------------------- YAML access

        @SuppressWarnings("unchecked")
        Map<String, Object> map(Object o, String key) {
            if (!(o instanceof Map<?, ?>)) {
                throw fail(key, "expected a map, found " + kind(o));
            }
            return (Map<String, Object>) o;
        }

        @SuppressWarnings("unchecked")
        List<Object> list(Object o, String key) {
            if (o == null) {
                return List.of();
            }
            if (!(o instanceof List<?>)) {
                throw fail(key, "expected a list, found " + kind(o));
            }
            return (List<Object>) o;
        }

        String string(Map<String, Object> m, String k, String key, boolean required) {
            Object v = m.get(k);
            if (v == null) {
                if (required) {
                    throw fail(key, "'" + k + "' is missing");
                }
                return null;
            }
            if (v instanceof Map<?, ?> || v instanceof List<?>) {
                throw fail(key + "." + k, "expected text, found " + kind(v));
            }
            return String.valueOf(v);
        }

        /** A whole number that fits a long (YAML's integers, or their text in decimal or 0x hex). */
        long number(Object v, String key) {
            if (v instanceof Integer || v instanceof Long) {
                return ((Number) v).longValue();
            }
            if (v instanceof java.math.BigInteger b && b.bitLength() < 64) {
                return b.longValue();
            }
            if (v instanceof String s) {
                try {
                    return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s.trim());
                } catch (NumberFormatException e) {
                    // fall through
                }
            }
            String shown = v == null ? "nothing" : v instanceof Map<?, ?> || v instanceof List<?> ? kind(v)
                    : "'" + v + "'";
            throw fail(key, "expected a whole number, found " + shown);
        }

        /** {@link #number} within {@code min..max}: a value the wire cannot carry is refused, never wrapped. */
        int integer(Object v, String key, long min, long max) {
            long n = number(v, key);
            if (n < min || n > max) {
                throw fail(key, n + " is outside " + min + ".." + max);
            }
            return (int) n;
        }

        static boolean bool(Object v) {
            return Boolean.TRUE.equals(v) || "true".equals(v);
        }

        static boolean bigEndian(Map<String, Object> m) {
            return "big-endian".equals(m.get("byte-order"));
        }

        static Display display(Map<String, Object> m) {
            Object h = m.get("display-hint");
            Display d = h == null ? null : Display.fromYnl(String.valueOf(h));
            return d == null ? Display.NONE : d; // a hint this loader does not know only changes how a value shows
        }

        static String kind(Object o) {
            return switch (o) {
                case null -> "nothing";
                case Map<?, ?> m -> "a map";
                case List<?> l -> "a list";
                default -> "'" + o + "'";
            };
        }
    }
}
