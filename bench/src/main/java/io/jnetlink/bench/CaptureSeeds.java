package io.jnetlink.bench;

import io.jnetlink.NetlinkException;
import io.jnetlink.generic.EthtoolFamily;
import io.jnetlink.generic.GenericNetlink;
import io.jnetlink.generic.TaskstatsFamily;
import io.jnetlink.route.AddressRequest;
import io.jnetlink.route.IPRoute;
import io.jnetlink.route.LinkRequest;
import io.jnetlink.route.NeighbourRequest;
import io.jnetlink.route.RouteQuery;
import io.jnetlink.route.RouteRequest;
import io.jnetlink.route.RuleRequest;
import io.jnetlink.socket.NetlinkSocketSpec;
import io.jnetlink.sys.Libc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Captures real kernel replies as fuzzing seeds: in a namespace (made by {@code bench/capture-seeds.sh}), it sets up
 * links of every kind this kernel has, addresses, routes (tables, multipath, metrics, blackhole), neighbours and
 * rules, dumps and gets them through IPRoute, asks for refusals on purpose (EEXIST, a gateway off-link, a strict
 * dump of a table that does not exist: the error carried by NLMSG_DONE), and reads generic netlink (the family dump,
 * policies, ethtool, taskstats) through a {@link Libc} that keeps every datagram received. Each datagram becomes one
 * file, named by its content's hash, in {@code OUT/rtnl/} or {@code OUT/genl/}.
 * {@snippet lang=shell :
 * sudo bench/capture-seeds.sh     # writes the seeds of the fuzz tests into the modules' test resources
 * }
 */
public final class CaptureSeeds {
    private CaptureSeeds() {
    }

    /** A libc that keeps a copy of every datagram received. */
    private static final class Recorder extends ForwardingLibc {
        final List<byte[]> got = new ArrayList<>();

        Recorder(Libc d) {
            super(d);
        }

        @Override
        public synchronized int recvmmsg(int fd, ByteBuffer buffer, int slotSize, int flags, long[] lengths, RecvInfo[] infos) {
            int n = d.recvmmsg(fd, buffer, slotSize, flags, lengths, infos);
            for (int i = 0; i < n; i++) {
                byte[] copy = new byte[(int) Math.min(lengths[i], slotSize)];
                buffer.get(i * slotSize, copy, 0, copy.length);
                got.add(copy);
            }
            return n;
        }
    }

    /**
     * Runs the capture.
     *
     * @param args {@code NETNS OUT}: an existing, empty namespace, and the directory to write into
     * @throws Exception when the set-up fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: CaptureSeeds NETNS OUT");
            System.exit(2);
        }
        String ns = args[0];
        Path out = Path.of(args[1]);
        Recorder rtnl = new Recorder(Libc.system());
        Recorder genl = new Recorder(Libc.system());
        NetlinkSocketSpec spec = NetlinkSocketSpec.builder().netns(ns).flags(0).libc(rtnl).build();
        try (IPRoute ip = new IPRoute(spec)) {
            ip.setLink(LinkRequest.named("lo").up());
            ip.addLink(LinkRequest.veth("v0", "v1").mtu(1400).up());
            ip.setLink(LinkRequest.named("v1").up());
            ip.addLink(LinkRequest.bridge("br0").up());
            ip.setLink(LinkRequest.named("v1").master("br0"));
            ip.addLink(LinkRequest.macvlan("mv0", "v0", "bridge"));
            ip.addLink(LinkRequest.vxlan("vx0", 42).lower("v0").up());
            ip.addLink(LinkRequest.ifb("ifb0"));
            ip.addLink(LinkRequest.tun("tun0"));
            ip.addAddress(AddressRequest.of("v0", "10.0.0.1/24").broadcast("+"));
            ip.addAddress(AddressRequest.of("v0", "2001:db8::1/64"));
            ip.addAddress(AddressRequest.of("lo", "127.0.0.2/8").label("lo:2"));
            ip.addRoute(RouteRequest.to("10.9.0.0/16").gateway("10.0.0.2").table(100).metric(5).metric("mtu", 1300));
            ip.addRoute(RouteRequest.to("10.8.0.0/16").type("blackhole"));
            ip.addRoute(RouteRequest.to("10.7.0.0/16").nexthop("10.0.0.2", "v0", 1).nexthop("10.0.0.3", "v0", 2));
            ip.addRoute(RouteRequest.to("2001:db8:9::/48").gateway("2001:db8::2").table(100000));
            ip.addNeighbour(NeighbourRequest.of("v0", "10.0.0.9").lladdr("02:00:00:00:00:09"));
            ip.addRule(RuleRequest.create().from("10.0.0.0/24").table(100).priority(100));
            ip.links();
            ip.links(10);
            ip.addresses();
            ip.routes(RouteQuery.table(0));
            ip.neighbours(0, null);
            ip.rules(0);
            ip.getRoute("10.7.1.1");
            ip.link("v0");
            refuse(() -> ip.addAddress(AddressRequest.of("v0", "10.0.0.1/24")));
            refuse(() -> ip.addRoute(RouteRequest.to("10.30.0.0/16").gateway("10.99.0.1")));
            refuse(() -> ip.routes(RouteQuery.table(12345)));
        }
        try (GenericNetlink g = new GenericNetlink(spec.toBuilder().family(16).libc(genl).build())) {
            g.families();
            g.policy("nlctrl");
            g.policy("ethtool");
            EthtoolFamily eth = new EthtoolFamily(g);
            eth.linkInfo("v0");
            eth.linkModes("v0");
            eth.linkState("v0");
            refuse(() -> eth.linkModes("lo"));
            TaskstatsFamily ts = new TaskstatsFamily(g);
            refuse(() -> ts.pid((int) ProcessHandle.current().pid()));
            refuse(() -> g.family("no-such-family"));
        }
        write(out.resolve("rtnl"), rtnl.got);
        write(out.resolve("genl"), genl.got);
        System.out.println("captured " + rtnl.got.size() + " rtnetlink and " + genl.got.size()
                + " generic netlink datagrams into " + out);
    }

    @FunctionalInterface
    private interface Call {
        void run() throws NetlinkException;
    }

    /** A request the kernel refuses (or may refuse): its error reply is a seed too. */
    private static void refuse(Call c) {
        try {
            c.run();
        } catch (NetlinkException e) {
            System.out.println("refused as wanted: " + e.getMessage());
        }
    }

    private static void write(Path dir, List<byte[]> datagrams) throws IOException, NoSuchAlgorithmException {
        Files.createDirectories(dir);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (byte[] d : datagrams) {
            // large dump datagrams make slow seeds: keep the first 8 KiB's whole messages at most
            byte[] seed = d.length <= 8192 ? d : prefix(d, 8192);
            Files.write(dir.resolve(HexFormat.of().formatHex(sha.digest(seed), 0, 8)), seed);
        }
    }

    /** The messages of {@code d} that fit in its first {@code max} bytes. */
    private static byte[] prefix(byte[] d, int max) {
        ByteBuffer b = ByteBuffer.wrap(d).order(java.nio.ByteOrder.nativeOrder());
        int p = 0;
        while (p + 16 <= d.length) {
            int len = b.getInt(p);
            int next = p + ((len + 3) & ~3);
            if (len < 16 || next > max) {
                break;
            }
            p = next;
        }
        return java.util.Arrays.copyOf(d, Math.max(p, 16));
    }
}
