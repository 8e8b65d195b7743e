/**
 * jnetlink ynl: any netlink family described by a kernel YNL spec, loaded at run time into the core's
 * definitions ({@link io.jnetlink.ynl.YnlSpec}), found along a search path ({@link io.jnetlink.ynl.SpecPath}) and
 * used through {@link io.jnetlink.ynl.YnlFamily} (do, dump, subscribe). YAML is read here only.
 */
module io.jnetlink.ynl {
    requires transitive io.jnetlink.core;
    requires transitive io.jnetlink.generic;
    requires org.snakeyaml.engine.v2;

    exports io.jnetlink.ynl;
}
