package io.jnetlink.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The formats a sub-message attribute can take, keyed by the selector attribute's value (YNL
 * {@code sub-messages}; e.g. IFLA_INFO_DATA formatted by IFLA_INFO_KIND "veth", "vxlan", ...).
 *
 * @param name    the definition's name
 * @param formats selector value to format
 */
public record SubMessageDef(String name, Map<String, Format> formats) {

    /** Copies the formats. */
    public SubMessageDef {
        formats = Collections.unmodifiableMap(new LinkedHashMap<>(formats));
    }

    /**
     * One format: an attribute set, a fixed header, or both, named by the schema.
     *
     * @param attributeSetName the attribute set's name, or null
     * @param fixedHeaderName  the struct's name, or null
     */
    public record Format(String attributeSetName, String fixedHeaderName) {
    }
}
