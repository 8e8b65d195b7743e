package io.jnetlink.cli;

import io.jnetlink.KernelNamespace;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import static io.jnetlink.cli.Cli.jnl;
import static io.jnetlink.cli.Cli.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jnl ynl}: do, dump, subscribe and the listings against the kernel in a namespace; its errors and exit status. */
class YnlCommandTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    @TempDir
    static Path tmp;

    @BeforeAll
    static void links() {
        NS.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        NS.ip("link", "set", "v0", "up");
    }

    @Test
    void dumpIsAJsonArrayWithTheSpecsNames() {
        String out = ok("-n", NS.name(), "ynl", "--family", "rt_link", "--dump", "getlink").out();
        assertTrue(out.startsWith("[\n{\"ifi-family\":0,"), out);
        assertTrue(out.endsWith("\n]\n"), out);
        assertTrue(out.contains("\"ifname\":\"v0\""), out);
        assertTrue(out.contains("\"ifi-flags\":[\"up\",\"broadcast\""), "flag sets as lists: " + out);
        assertTrue(out.matches("(?s).*\"address\":\"[0-9a-f]{2}(:[0-9a-f]{2}){5}\".*"), "mac display hint: " + out);
        assertTrue(out.matches("(?s).*\"6[6-9]\":\"[0-9a-f]*\".*"), "attributes newer than the 6.12 spec as hex under their number: " + out);
    }

    @Test
    void doWithJsonRequest() {
        String out = ok("-n", NS.name(), "ynl", "--family", "ethtool", "--do", "linkinfo-get",
                "--json", "{\"header\": {\"dev-name\": \"v0\"}}").out();
        assertTrue(out.startsWith("{\"header\":{\"dev-index\":"), out);
        assertTrue(out.contains("\"dev-name\":\"v0\"},\"port\":0"), out);
        assertEquals(1, out.lines().count());
    }

    @Test
    void subscribePrintsOneObjectPerLine() throws Exception {
        CompletableFuture<Cli.Result> r = CompletableFuture.supplyAsync(() -> jnl("-n", NS.name(),
                "ynl", "--family", "rt_link", "--subscribe", "rtnlgrp-link", "--duration", "4"));
        Thread.sleep(1500); // let it join the group before the change; the check below does not depend on time
        NS.ip("link", "set", "v0", "mtu", "1300");
        Cli.Result res = r.get();
        assertEquals(0, res.status(), res.err());
        assertTrue(res.out().lines().anyMatch(l -> l.startsWith("{\"name\":\"getlink\",\"msg\":{")
                && l.contains("\"ifname\":\"v0\"") && l.contains("\"mtu\":1300")), res.out());
    }

    @Test
    void listings() {
        String fams = ok("ynl", "--list-families").out();
        assertTrue(fams.lines().anyMatch(l -> l.startsWith("rt_link\t") && l.endsWith("rt_link.yaml.gz")), fams);
        String ops = ok("ynl", "--family", "rt-link", "--list-ops").out();
        assertTrue(ops.contains("getlink: do, dump\n"), ops);
        assertTrue(ops.contains("newlink: do\n"), ops);
        String attrs = ok("ynl", "--family", "rt_route", "--list-attrs", "getroute").out();
        assertTrue(attrs.startsWith("getroute: attribute set route-attrs, fixed header rtmsg\n"), attrs);
        assertTrue(attrs.contains("  dump request:\n    rtm-family                   u8 (fixed header)\n"), attrs);
        assertTrue(attrs.contains("    rta-metrics                  nest rta-metrics\n"), attrs);
    }

    @Test
    void errors() throws IOException {
        jnl("-n", NS.name(), "ynl", "--family", "ethtool", "--do", "linkinfo-get", "--json", "{\"header\": {\"dev-name\": \"nope0\"}}")
                .refused("request linkinfo-get: ENODEV (No such device): no device matches name [attribute header.dev-name at offset 24]");
        Cli.Result r = jnl("ynl", "--family", "rt_link", "--do", "getlnk");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("jnl: family 'rt-link' has no operation 'getlnk' (it has [newlink,"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        r = jnl("ynl", "--family", "rt_link", "--dump", "getlink", "--json", "{\"ifi-family\": ");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("jnl: not valid JSON: "), r.err());
        r = jnl("ynl", "--family", "no_such_family", "--list-ops");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("jnl: no YNL spec for family 'no_such_family'"), r.err());
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\nattribute-sets:\n  - name: a\n    attributes:\n      - { name: x, type: u33 }\n");
        r = jnl("ynl", "--spec", bad.toString(), "--list-ops");
        assertEquals(2, r.status());
        assertEquals("jnl: " + bad + ": attribute-sets[a].attributes[x].type: unknown type 'u33'\n", r.err());
        jnl("ynl", "--family", "rt_link").usage("ynl needs one of --do, --dump, --subscribe, --list-ops, --list-attrs, --list-families");
        jnl("ynl", "--dump", "getlink").usage("ynl needs exactly one of --family NAME and --spec FILE");
        jnl("ynl", "--family", "rt_link", "--dump", "getlink", "--do", "getlink").usage("ynl takes one action; --dump and --do were given");
    }
}
