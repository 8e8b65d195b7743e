package io.jnetlink.ynl;

import io.jnetlink.schema.SchemaException;

import java.nio.charset.StandardCharsets;

/**
 * The fuzz target of the YNL loader: any bytes, read as a spec's YAML text (seeded from the kernel's specs and the
 * test specs). Only {@link SchemaException} may come out: never an Error (deep nesting, an alias bomb) and never
 * another exception.
 */
public final class YnlSpecFuzzer {
    private YnlSpecFuzzer() {
    }

    /**
     * One input.
     *
     * @param data the bytes of a spec
     */
    public static void fuzzerTestOneInput(byte[] data) {
        try {
            YnlSpec.parse(new String(data, StandardCharsets.UTF_8), "fuzz.yaml");
        } catch (SchemaException e) {
            // the documented outcome of a malformed spec
        }
    }
}
