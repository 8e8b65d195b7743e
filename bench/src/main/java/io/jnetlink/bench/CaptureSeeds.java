package io.jnetlink.bench;

import io.jnetlink.NetlinkException;
import io.jnetlink.diag.InetSocket;
import io.jnetlink.diag.SockDiag;
import io.jnetlink.diag.SocketFilter;
import io.jnetlink.diag.SocketQuery;
import io.jnetlink.diag.SocketState;
import io.jnetlink.generic.EthtoolFamily;
import io.jnetlink.generic.GenericNetlink;
import io.jnetlink.generic.TaskstatsFamily;
import io.jnetlink.netfilter.Conntrack;
import io.jnetlink.netfilter.ConntrackMonitor;
import io.jnetlink.netfilter.ConntrackQuery;
import io.jnetlink.netfilter.ConntrackRequest;
import io.jnetlink.netfilter.ConntrackTuple;
import io.jnetlink.route.AddressRequest;
import io.jnetlink.route.ClassRequest;
import io.jnetlink.route.FilterRequest;
import io.jnetlink.route.IPRoute;
import io.jnetlink.route.LinkRequest;
import io.jnetlink.route.NeighbourRequest;
import io.jnetlink.route.QdiscRequest;
import io.jnetlink.route.RouteQuery;
import io.jnetlink.route.RouteRequest;
import io.jnetlink.route.RuleRequest;
import io.jnetlink.route.Tc;
import io.jnetlink.route.TcOptions;
import io.jnetlink.route.TrafficControl;
import io.jnetlink.socket.NetlinkSocketSpec;
import io.jnetlink.sys.Libc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Captures real kernel replies as fuzzing seeds: in a namespace (made by {@code bench/capture-seeds.sh}), it sets up
 * links of every kind this kernel has, addresses, routes (tables, multipath, metrics, blackhole), neighbours and
 * rules, dumps and gets them through IPRoute, asks for refusals on purpose (EEXIST, a gateway off-link, a strict
 * dump of a table that does not exist: the error carried by NLMSG_DONE), and reads generic netlink (the family dump,
 * policies, ethtool, taskstats) through a {@link Libc} that keeps every datagram received. Then, each through its
 * own recording libc: socket diagnostics (TCP listeners and connections with tcp_info, UDP, UNIX sockets, held by
 * the diag tests' {@code hold_sockets.py} in the namespace; SOCK_DESTROY), connection tracking (entries made with
 * the API and {@code conntrack -I}, with counters and timestamps on; dumps, gets, the count, and the NEW, UPDATE
 * and DESTROY events) and traffic control (htb qdisc and classes, pfifo, bfifo, tbf with a size table, ingress,
 * clsact, u32 filters with hash tables and mirred actions; dumps and the RTNLGRP_TC notifications). Each datagram
 * becomes one file, named by its content's hash, in {@code OUT/rtnl/}, {@code OUT/genl/}, {@code OUT/diag/},
 * {@code OUT/ct/} or {@code OUT/tc/}.
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
        Recorder diag = new Recorder(Libc.system());
        sockDiag(ns, spec.toBuilder().libc(diag).build());
        Recorder ct = new Recorder(Libc.system());
        conntrack(ns, spec.toBuilder().libc(ct).build());
        Recorder tc = new Recorder(Libc.system());
        trafficControl(ns, spec.toBuilder().libc(tc).build());
        write(out.resolve("rtnl"), rtnl.got);
        write(out.resolve("genl"), genl.got);
        write(out.resolve("diag"), diag.got);
        write(out.resolve("ct"), ct.got);
        write(out.resolve("tc"), tc.got);
        System.out.println("captured " + rtnl.got.size() + " rtnetlink, " + genl.got.size() + " generic netlink, "
                + diag.got.size() + " sock_diag, " + ct.got.size() + " ctnetlink and " + tc.got.size()
                + " traffic-control datagrams into " + out);
    }

    /** TCP, UDP and UNIX sockets dumped every way SockDiag asks, and closed with SOCK_DESTROY. */
    private static void sockDiag(String ns, NetlinkSocketSpec spec) throws Exception {
        Path unixPath = Path.of("/tmp", "jnl-seeds-" + ProcessHandle.current().pid() + ".sock");
        Process held = new ProcessBuilder("ip", "netns", "exec", ns, "python3",
                "diag/src/test/resources/io/jnetlink/diag/hold_sockets.py", unixPath.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (SockDiag d = new SockDiag(spec)) {
            InputStream in = held.getInputStream();
            String ready = new String(in.readNBytes(6), StandardCharsets.UTF_8);
            if (!ready.equals("ready\n")) {
                throw new IllegalStateException("hold_sockets.py did not start (printed '" + ready + "')");
            }
            d.inetSockets(SocketQuery.tcp().withTcpInfo());
            d.inetSockets(SocketQuery.tcp().states(SocketState.LISTEN));
            d.inetSockets(SocketQuery.tcp().family(10).withTcpInfo());
            d.inetSockets(SocketQuery.tcp().filter(SocketFilter.parse("dport = :8080 or sport = :8081")));
            d.inetSockets(SocketQuery.udp());
            d.unixSockets(SocketState.ALL);
            List<InetSocket> closed = d.destroyAll(SocketQuery.tcp().states(SocketState.ESTABLISHED)
                    .filter(SocketFilter.parse("sport = :8090")));
            if (!closed.isEmpty()) {
                refuse(() -> d.destroy(closed.getFirst()));
            }
        } finally {
            held.getOutputStream().close();
            if (!held.waitFor(10, TimeUnit.SECONDS)) {
                held.destroyForcibly();
            }
            Files.deleteIfExists(unixPath);
        }
    }

    /** Entries made, dumped, got, counted, changed and deleted, and the events of each, read by a monitor. */
    private static void conntrack(String ns, NetlinkSocketSpec spec) throws Exception {
        exec(ns, "sysctl", "-qw", "net.netfilter.nf_conntrack_acct=1", "net.netfilter.nf_conntrack_timestamp=1");
        try (Conntrack c = new Conntrack(spec); Conntrack events = new Conntrack(spec)) {
            ConntrackMonitor mon = events.monitor(EnumSet.allOf(ConntrackMonitor.Type.class), false);
            ConntrackTuple web = ConntrackTuple.tcp("10.0.0.1", 40000, "10.0.0.2", 80);
            c.create(ConntrackRequest.of(web).timeout(300).state("ESTABLISHED").status("SEEN_REPLY,ASSURED").mark(5));
            c.create(ConntrackRequest.of(ConntrackTuple.tcp("10.0.0.1", 40001, "10.0.0.3", 443)).timeout(120)
                    .state("SYN_SENT"));
            c.create(ConntrackRequest.of(ConntrackTuple.udp("10.0.0.4", 53, "10.0.0.2", 5353)).timeout(30).mark(261));
            c.create(ConntrackRequest.of(ConntrackTuple.icmp("10.0.0.1", "10.0.0.9", 8, 0, 77)).timeout(30));
            c.create(ConntrackRequest.of(ConntrackTuple.tcp("2001:db8::1", 1, "2001:db8::2", 2)).timeout(220)
                    .state("TIME_WAIT").zone(7));
            c.create(ConntrackRequest.of(ConntrackTuple.icmp("2001:db8::1", "2001:db8::9", 128, 0, 9)).timeout(30));
            // NAT: a reply tuple that is not the inverse
            c.create(ConntrackRequest.of(ConntrackTuple.udp("10.0.0.5", 4000, "10.0.0.6", 53))
                    .reply(ConntrackTuple.udp("10.0.0.7", 53, "10.0.0.1", 4001)).timeout(60).status("SEEN_REPLY"));
            exec(ns, "conntrack", "-I", "-p", "sctp", "-s", "10.0.0.1", "-d", "10.0.0.2", "--sport", "7", "--dport",
                    "9", "--state", "ESTABLISHED", "--orig-vtag", "1", "--reply-vtag", "2", "-t", "100");
            exec(ns, "conntrack", "-I", "-p", "gre", "-s", "10.0.0.1", "-d", "10.0.0.2", "--srckey", "1",
                    "--dstkey", "2", "-t", "100");
            exec(ns, "conntrack", "-I", "-p", "tcp", "-s", "10.0.0.1", "-d", "10.0.0.2", "--sport", "1000",
                    "--dport", "22", "--state", "CLOSE", "-u", "SEEN_REPLY", "-t", "290", "--orig-zone", "3");
            exec(ns, "conntrack", "-U", "-s", "10.0.0.1", "-p", "tcp", "-m", "9");
            exec(ns, "conntrack", "-U", "-s", "10.0.0.1", "-p", "tcp", "-u", "ASSURED");
            c.entries();
            c.entries(ConntrackQuery.all().family(10).src("2001:db8::1"));
            c.entries(ConntrackQuery.all().protocol(6).dstPort(80));
            c.get(web);
            c.count();
            refuse(() -> c.get(ConntrackTuple.tcp("10.9.9.9", 1, "10.9.9.8", 2)));
            refuse(() -> c.create(ConntrackRequest.of(web).timeout(10)));
            c.delete(web, 0);
            c.flush(ConntrackQuery.all().protocol(17));
            c.flush();
            for (int i = 0; i < 5 && !mon.next(Duration.ofMillis(300)).isEmpty(); i++) {
                // drain the events: the reader thread records each datagram
            }
        }
    }

    /**
     * Qdiscs, classes and filters of the kinds this kernel has (htb, pfifo, bfifo, pfifo_head_drop, tbf, ingress,
     * clsact; u32 with hash tables and mirred actions) made through TrafficControl and tc, with traffic through them,
     * dumped and notified.
     */
    private static void trafficControl(String ns, NetlinkSocketSpec spec) throws Exception {
        try (TrafficControl tc = new TrafficControl(spec); TrafficControl mon = new TrafficControl(spec)) {
            mon.socket().bind(1L << (Tc.GROUP_TC - 1), null, true);
            int ifb = tc.index("ifb0");
            tc.addQdisc(QdiscRequest.of("v0", TcOptions.htb().defaultClass(0x10).r2q(5)).handle("1:"));
            tc.addClass(ClassRequest.of("v0", "1:10", TcOptions.htbClass(1_250_000, 2_500_000).burst(15360))
                    .parent("1:"));
            tc.addClass(ClassRequest.of("v0", "1:11", TcOptions.htbClass(625_000, 625_000).prio(2)).parent("1:10"));
            tc.addClass(ClassRequest.of("v0", "1:12", TcOptions.htbClass(125_000, 1_250_000)).parent("1:10"));
            tc.addQdisc(QdiscRequest.of("v0", TcOptions.of("pfifo", Map.of("limit", 50))).parent("1:11")
                    .handle("11:"));
            tc.addQdisc(QdiscRequest.of("v0", TcOptions.of("bfifo", Map.of("limit", 100_000))).parent("1:12")
                    .handle("12:"));
            tc.addFilter(FilterRequest.of("v0", TcOptions.u32().matchIp("dst", "10.0.0.1/32")
                    .matchPort("dport", 80, 0xffff).flowid("1:10")).parent("1:").protocol("ip").priority(1));
            tc.addFilter(FilterRequest.of("v0", TcOptions.u32().matchIp("src", "10.0.0.0/8").matchProtocol(1, 0xff)
                    .action(TcOptions.mirred(false, true, ifb))).parent("1:").protocol("ip").priority(2));
            exec(ns, "tc", "filter", "add", "dev", "v0", "parent", "1:", "prio", "10", "handle", "2:", "protocol",
                    "ip", "u32", "divisor", "256");
            exec(ns, "tc", "filter", "add", "dev", "v0", "parent", "1:", "prio", "10", "protocol", "ip", "u32", "ht",
                    "800::", "match", "ip", "src", "10.0.0.0/8", "hashkey", "mask", "0x000000ff", "at", "12", "link",
                    "2:");
            exec(ns, "tc", "filter", "add", "dev", "v0", "parent", "1:", "prio", "10", "protocol", "ip", "u32", "ht",
                    "2:9:", "match", "ip", "tos", "0x10", "0xff", "classid", "1:11");
            tc.addQdisc(QdiscRequest.ingress("v1"));
            tc.addFilter(FilterRequest.of("v1", TcOptions.u32().matchU32(0, 0, 0)
                    .action(TcOptions.mirred(false, false, ifb))).parent("ffff:").protocol("all").priority(2));
            tc.addQdisc(QdiscRequest.clsact("br0"));
            tc.addFilter(FilterRequest.of("br0", TcOptions.u32().matchIp("src", "192.168.0.0/16")
                    .action(TcOptions.mirred(true, true, ifb))).parent("egress").protocol("ip").priority(5));
            tc.addFilter(FilterRequest.of("br0", TcOptions.u32().matchPort("sport", 53, 0xffff)
                    .action(TcOptions.mirred(false, true, ifb))).parent("ingress").protocol("ip").priority(6));
            tc.addQdisc(QdiscRequest.of("ifb0", TcOptions.tbf(125_000, 4096, 400_000)));
            exec(ns, "tc", "qdisc", "add", "dev", "vx0", "root", "stab", "overhead", "20", "linklayer", "atm", "tbf",
                    "rate", "1mbit", "burst", "10k", "latency", "50ms", "peakrate", "2mbit", "mtu", "1500");
            exec(ns, "tc", "qdisc", "add", "dev", "mv0", "root", "pfifo_head_drop", "limit", "30");
            // traffic through them (to the neighbour with a static address), so that the statistics are not all 0
            exec(ns, "python3", "-c", "import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                    + "for i in range(50): s.sendto(b'x' * (100 + i), ('10.0.0.9', 53 + i % 2 * 27))");
            tc.deviceNames();
            tc.qdiscs();
            tc.classes("v0");
            tc.filters("v0", Tc.parseHandle("1:", "parent"));
            tc.filters("v1", Tc.parseHandle("ffff:", "parent"));
            tc.filters("br0", Tc.parseHandle("ffff:fff2", "parent"));
            tc.filters("br0", Tc.parseHandle("ffff:fff3", "parent"));
            refuse(() -> tc.addQdisc(QdiscRequest.of("v0", TcOptions.htb()).handle("1:")));
            refuse(() -> tc.deleteClass(ClassRequest.at("v0", "1:99")));
            refuse(() -> tc.filters("v0", Tc.parseHandle("7:", "parent")));
            refuse(() -> tc.qdiscs("no-such-dev"));
            tc.deleteFilter(FilterRequest.at("v0").parent("1:").priority(2));
            tc.deleteQdisc(QdiscRequest.at("v0").parent("1:11"));
            tc.deleteQdisc(QdiscRequest.clsact("br0"));
            while (!mon.socket().get(Duration.ofMillis(300)).isEmpty()) {
                // drain the notifications: the reader thread records each datagram
            }
        }
    }

    /** Runs a command in the namespace; a failure is reported and the capture goes on without it. */
    private static void exec(String ns, String... cmd) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        c.addAll(List.of(cmd));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            System.out.println("skipped (exit " + p.exitValue() + "): " + String.join(" ", cmd) + ": " + text.strip());
        }
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
