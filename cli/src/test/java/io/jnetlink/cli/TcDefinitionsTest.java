package io.jnetlink.cli;

import io.jnetlink.route.Tc;
import io.jnetlink.schema.AttrDef;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.Schema;
import io.jnetlink.schema.StructDef;
import io.jnetlink.ynl.SpecPath;
import io.jnetlink.ynl.YnlSpec;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The hand-written traffic-control definitions ({@link Tc}) against the kernel's YNL spec tc.yaml they were
 * transcribed from, loaded at test time through the ynl module: every attribute set with the same numbers, names
 * and types, every sub-message format, and every struct with the same members, except the corrections
 * {@link Tc} documents (checked against the uapi headers).
 */
class TcDefinitionsTest {
    /** Structs whose layout differs from the spec on purpose (see Tc's Javadoc), or that the spec lacks. */
    static final Set<String> CORRECTED = Set.of("tc-ratespec", "tc-htb-opt", "tc-tbf-qopt", "tc-police", "tc-stats",
            "gnet-stats-basic", "tc-u32-sel", "tc-u32-pcnt", "tc-pedit-sel", "tc-sfq-qopt-v1", "tc-mirred",
            "tc-htb-xstats");

    @Test
    void attributeSetsMatchTheSpec() throws Exception {
        Schema spec = SpecPath.standard().load("tc").schema();
        Schema mine = Tc.SCHEMA;
        assertEquals(70, spec.attributeSets().size(), "the 6.12 spec's attribute sets");
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, AttributeSet> e : spec.attributeSets().entrySet()) {
            AttributeSet ours = mine.attributeSet(e.getKey());
            if (ours == null) {
                differences.add("no set " + e.getKey());
                continue;
            }
            for (AttrDef d : e.getValue().attributes()) {
                AttrDef o = ours.byId(d.id());
                if (o == null || !o.name().equals(d.name())) {
                    differences.add(e.getKey() + "." + d.id() + ": " + d.name() + " vs " + o);
                } else if (o.type() != d.type() && !retyped(e.getKey(), d, o)) {
                    differences.add(e.getKey() + "." + d.name() + ": " + d.type() + " vs " + o.type());
                }
            }
            assertEquals(e.getValue().attributes().size(), ours.attributes().size(), e.getKey());
        }
        assertEquals(List.of(), differences);
    }

    /** Where a type differs on purpose: IPv4 keys are addresses, and u32's stats app is bytes. */
    private static boolean retyped(String set, AttrDef spec, AttrDef ours) {
        return spec.name().contains("ipv4") && ours.type() == io.jnetlink.schema.AttrType.BINARY
                || set.equals("tca-stats-attrs") && spec.name().equals("app");
    }

    @Test
    void structsMatchTheSpecButForTheCorrections() throws Exception {
        YnlSpec y = SpecPath.standard().load("tc");
        Schema spec = y.schema();
        for (Map.Entry<String, StructDef> e : spec.structs().entrySet()) {
            StructDef ours = Tc.SCHEMA.struct(e.getKey());
            assertNotNull(ours, e.getKey());
            if (!CORRECTED.contains(e.getKey())) {
                assertEquals(e.getValue().size(), ours.size(), e.getKey());
                assertEquals(e.getValue().members().stream().map(StructDef.Member::name).toList(),
                        ours.members().stream().map(StructDef.Member::name).toList(), e.getKey());
            }
        }
        // the corrections, at the uapi headers' sizes
        assertEquals(12, Tc.SCHEMA.struct("tc-ratespec").size());
        assertEquals(44, Tc.SCHEMA.struct("tc-htb-opt").size());
        assertEquals(36, Tc.SCHEMA.struct("tc-tbf-qopt").size());
        assertEquals(16, Tc.SCHEMA.struct("tc-u32-sel").size());
        assertEquals(40, Tc.SCHEMA.struct("tc-stats").size());
        assertEquals(16, Tc.SCHEMA.struct("gnet-stats-basic").size());
        assertEquals(56, Tc.SCHEMA.struct("tc-police").size());
        assertEquals(24, Tc.SCHEMA.struct("tc-pedit-sel").size());
    }
}
