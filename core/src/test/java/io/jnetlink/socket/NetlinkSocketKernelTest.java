package io.jnetlink.socket;

import io.jnetlink.Errno;
import io.jnetlink.KernelNamespace;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.TestRoute;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.MessageBuilder;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.message.OutgoingMessage;
import io.jnetlink.sys.Libc;
import io.jnetlink.sys.NetNS;

import io.jnetlink.TestCtrl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The socket against the real kernel, in a namespace made for this class. */
class NetlinkSocketKernelTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    private NetlinkSocket route(NetlinkSocketSpec.Builder b) throws NetlinkException {
        return new NetlinkSocket(b.build(), Marshal.classic(TestRoute.SCHEMA));
    }

    /** The /proc/net/netlink line of a socket in the test namespace, by port id: {protocol, groups hex}. */
    private String[] procLine(long port) {
        for (String line : NS.exec("cat", "/proc/net/netlink").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 4 && f[2].equals(Long.toString(port))) {
                return new String[]{f[1], f[3]};
            }
        }
        return null;
    }

    /** A number from procfs (Files.readString stops short on procfs, whose files report size 0). */
    private static long procLong(String path) throws java.io.IOException {
        try (java.io.InputStream in = Files.newInputStream(Path.of(path))) {
            return Long.parseLong(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim());
        }
    }

    @Test
    void bufferSizesAreWhatTheKernelReports() throws Exception {
        long rmemMax = procLong("/proc/sys/net/core/rmem_max");
        long wmemMax = procLong("/proc/sys/net/core/wmem_max");
        try (NetlinkSocket s = TestCtrl.socket(NS.spec(16).sndbuf(200_000).rcvbuf(300_000).build())) {
            assertEquals(2 * Math.min(200_000, wmemMax), s.getSndbuf());
            assertEquals(2 * Math.min(300_000, rmemMax), s.getRcvbuf());
            s.setRcvbufForce(16 << 20);
            assertEquals(32 << 20, s.getRcvbuf(), "SO_RCVBUFFORCE ignores rmem_max (root)");
        }
        try (NetlinkSocket s = TestCtrl.socket(NS.spec(16).build())) {
            assertEquals(2 * Math.min(1 << 20, rmemMax), s.getRcvbuf(), "default rcvbuf 1 MiB");
        }
    }

    /** The real Libc, except that SO_RCVBUFFORCE is refused as it is without CAP_NET_ADMIN. */
    private static Libc withoutNetAdmin() {
        Libc real = Libc.system();
        return (Libc) java.lang.reflect.Proxy.newProxyInstance(Libc.class.getClassLoader(), new Class<?>[]{Libc.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("setsockopt") && (int) args[2] == Netlink.SO_RCVBUFFORCE) {
                        return -Errno.EPERM;
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aSocketThatJoinsGroupsGetsAQueueSizedForStormsUnlessTheSpecSetsOne() throws Exception {
        long rmemMax = procLong("/proc/sys/net/core/rmem_max");
        int storm = 2 * NetlinkSocketSpec.MULTICAST_RCVBUF;
        try (NetlinkSocket s = route(NS.spec(0))) {
            assertEquals(2 * Math.min(1 << 20, rmemMax), s.getRcvbuf(), "requests only: the 1 MiB default");
            s.bind(0, null);
            assertEquals(2 * Math.min(1 << 20, rmemMax), s.getRcvbuf(), "a bind without groups keeps it");
            s.bind(1L << 6, null);
            assertEquals(storm, s.getRcvbuf(), "SO_RCVBUFFORCE (the test runs with CAP_NET_ADMIN): 32 MiB, doubled");
        }
        try (NetlinkSocket s = route(NS.spec(0))) {
            s.addMembership(7);
            assertEquals(storm, s.getRcvbuf(), "addMembership too");
        }
        try (NetlinkSocket s = route(NS.spec(0).rcvbuf(300_000))) {
            s.bind(1L << 6, null, true);
            assertEquals(2 * Math.min(300_000, rmemMax), s.getRcvbuf(), "the spec's rcvbuf wins");
        }
        try (NetlinkSocket s = route(NS.spec(0).libc(withoutNetAdmin()))) {
            s.bind(1L << 6, null);
            assertEquals(2 * Math.min(NetlinkSocketSpec.MULTICAST_RCVBUF, rmemMax), s.getRcvbuf(),
                    "without CAP_NET_ADMIN: SO_RCVBUF, up to rmem_max");
        }
    }

    @Test
    void bindWithFixedPidAndGroupsShowsInProcNetNetlink() throws Exception {
        try (NetlinkSocket s = route(NS.spec(0))) {
            s.bind(0x5, 4242);
            assertEquals(4242, s.port());
            String[] line = procLine(4242);
            assertNotNull(line, "socket with port 4242 in /proc/net/netlink");
            assertEquals("0", line[0], "protocol NETLINK_ROUTE");
            assertEquals("00000005", line[1], "groups 1 and 3 in the bind mask");
        }
    }

    @Test
    void bindPidCases() throws Exception {
        int pid = (int) ProcessHandle.current().pid();
        try (NetlinkSocket a = route(NS.spec(0)); NetlinkSocket b = route(NS.spec(0));
             NetlinkSocket c = route(NS.spec(0)); NetlinkSocket d = route(NS.spec(0))) {
            a.bind(0, null);
            b.bind(0, null);
            assertTrue(a.port() != 0 && b.port() != 0);
            assertNotEquals(a.port(), b.port(), "automatic ports are unique");
            assertNotNull(procLine(a.port()));
            if (a.port() != pid && b.port() != pid) {
                c.bind(0, 0);
                assertEquals(pid, c.port(), "pid 0 means the process id");
            } else {
                NetlinkException e = assertThrows(NetlinkException.class, () -> c.bind(0, 0));
                assertEquals("EADDRINUSE", e.errnoName(), "the process id is taken by an automatic bind");
            }
            d.bind(0, 77_777);
            assertEquals(77_777, d.port());
            assertNotNull(procLine(77_777));
        }
    }

    @Test
    void portOptionGivesPyroute2PortIds() throws Exception {
        try (NetlinkSocket s = route(NS.spec(0).pid(1000).port(3))) {
            s.bind(0, null);
            assertEquals(1000 + (3L << 22), s.port());
        }
    }

    @Test
    void groupsAbove32AreJoinedByMembership() throws Exception {
        try (NetlinkSocket s = route(NS.spec(0))) {
            s.bind((1L << 33) | 1L, null);
            byte[] groups = s.getsockopt(Netlink.SOL_NETLINK, Netlink.NETLINK_LIST_MEMBERSHIPS, 16);
            assertTrue(groups.length >= 8, "two words of membership");
            assertEquals(1, groups[0] & 1, "group 1 from the bind mask");
            assertEquals(2, groups[4] & 2, "group 34 through NETLINK_ADD_MEMBERSHIP");
            s.dropMembership(34);
            groups = s.getsockopt(Netlink.SOL_NETLINK, Netlink.NETLINK_LIST_MEMBERSHIPS, 16);
            assertEquals(0, groups.length >= 8 ? groups[4] & 2 : 0);
        }
    }

    /** NETLINK_LIST_MEMBERSHIPS as a mask of groups 1..64. */
    private static long memberships(NetlinkSocket s) throws NetlinkException {
        byte[] g = s.getsockopt(Netlink.SOL_NETLINK, Netlink.NETLINK_LIST_MEMBERSHIPS, 8);
        long mask = 0;
        for (int i = 0; i < g.length; i++) {
            mask |= (g[i] & 0xffL) << (8 * i);
        }
        return mask;
    }

    @Test
    void aBoundSocketRebindsKeepingItsPortAndReplacingItsGroups() throws Exception {
        try (NetlinkSocket s = route(NS.spec(0))) {
            s.request(MessageBuilder.of(TestRoute.SCHEMA, "getlink").dump().build()).list(); // binds automatically
            long port = s.port();
            assertTrue(port > 0);
            s.bind(1, null); // pyroute2: bind after the automatic bind
            assertEquals(port, s.port(), "the port stays");
            assertEquals(1, memberships(s));
            s.bind((1L << 33) | (1L << 5), null);
            assertEquals((1L << 33) | (1L << 5), memberships(s), "the groups replace the earlier ones, 34 included");
            s.addMembership(3);
            assertEquals((1L << 33) | (1L << 5) | (1L << 2), memberships(s), "joining one more on a bound socket");
            s.bind(0, null);
            assertEquals(0, memberships(s), "group 34 left too");
            NetlinkException e = assertThrows(NetlinkException.class, () -> s.bind(0, 77_000));
            assertEquals("EINVAL", e.errnoName(), "the kernel keeps a bound socket's port");
            assertTrue(e.getMessage().contains("bound to port " + port), e.getMessage());
            assertEquals(1, s.request(MessageBuilder.of(TestRoute.SCHEMA, "getlink").header("index", 1).build()).list().size());
        }
    }

    @Test
    void anAsyncSocketRebindsAfterARequest() throws Exception {
        try (AsyncNetlinkSocket a = new AsyncNetlinkSocket(NS.spec(0).build(), Marshal.classic(TestRoute.SCHEMA))) {
            assertFalse(a.request(MessageBuilder.of(TestRoute.SCHEMA, "getlink").dump().build()).get(10, TimeUnit.SECONDS).isEmpty());
            long port = a.socket().port();
            a.bind(1L << 5, null).get(10, TimeUnit.SECONDS);
            assertEquals(port, a.socket().port());
            assertEquals(1L << 5, memberships(a.socket()));
        }
    }

    @Test
    void anAsyncSocketKeepsTheGroupsItsSocketJoined() throws Exception {
        try (AsyncNetlinkSocket a = new AsyncNetlinkSocket(NS.spec(0).build(), Marshal.classic(TestRoute.SCHEMA))) {
            a.socket().bind(1L << 5, null);
            a.socket().addMembership(7);
            assertFalse(a.request(MessageBuilder.of(TestRoute.SCHEMA, "getlink").dump().build()).get(10, TimeUnit.SECONDS).isEmpty());
            assertTrue(a.socket().hasReader());
            assertEquals(1L << 5 | 1L << 6, memberships(a.socket()), "the reader's start left the groups joined");
        }
    }

    @Test
    void anAsyncSocketRefusesSubscribersOnceClosed() throws Exception {
        AsyncNetlinkSocket a = new AsyncNetlinkSocket(NS.spec(0).build(), Marshal.classic(TestRoute.SCHEMA));
        a.close();
        CompletableFuture<Throwable> broadcasts = new CompletableFuture<>();
        a.subscribe(failures(broadcasts));
        CompletableFuture<Throwable> replies = new CompletableFuture<>();
        a.stream(MessageBuilder.of(TestRoute.SCHEMA, "getlink").dump().build()).subscribe(failures(replies));
        for (Throwable t : List.of(broadcasts.get(5, TimeUnit.SECONDS), replies.get(5, TimeUnit.SECONDS))) {
            assertEquals("EBADF", ((NetlinkException) t).errnoName(), t.toString());
        }
    }

    /** A subscriber that completes {@code f} with the error its stream ends with. */
    private static <T> Flow.Subscriber<T> failures(CompletableFuture<Throwable> f) {
        return new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(T item) {
            }

            @Override
            public void onError(Throwable t) {
                f.complete(t);
            }

            @Override
            public void onComplete() {
                f.completeExceptionally(new AssertionError("completed without an error"));
            }
        };
    }

    @Test
    void addMembershipOnAFreshSocketSurvivesTheAutomaticBind() throws Exception {
        try (NetlinkSocket s = route(NS.spec(0))) {
            s.addMembership(6);
            s.request(MessageBuilder.of(TestRoute.SCHEMA, "getlink").header("index", 1).build()).list();
            assertEquals(1L << 5, memberships(s), "the group joined before the first request is still joined");
        }
    }

    @Test
    void optionsReadBack() throws Exception {
        try (NetlinkSocket s = route(NS.spec(0).strictCheck(true))) {
            assertTrue(s.getOption(NetlinkSocket.Option.EXT_ACK), "extAck defaults to on");
            assertTrue(s.getOption(NetlinkSocket.Option.GET_STRICT_CHK));
            s.setOption(NetlinkSocket.Option.CAP_ACK, true);
            assertTrue(s.getOption(NetlinkSocket.Option.CAP_ACK));
            s.setOption(NetlinkSocket.Option.NO_ENOBUFS, true);
            assertTrue(s.getOption(NetlinkSocket.Option.NO_ENOBUFS));
        }
        try (NetlinkSocket s = route(NS.spec(0).extAck(false))) {
            assertFalse(s.getOption(NetlinkSocket.Option.EXT_ACK));
            assertFalse(s.getOption(NetlinkSocket.Option.GET_STRICT_CHK));
        }
    }

    private static OutgoingMessage addrDumpWithPrefix(int prefixlen) {
        return MessageBuilder.of(TestRoute.SCHEMA, "getaddr").dump().header("family", 2).header("prefixlen", prefixlen).build();
    }

    @Test
    void strictCheckRefusalArrivesInDoneAsAnError() throws Exception {
        try (NetlinkSocket strict = route(NS.spec(0).strictCheck(true));
             NetlinkSocket lax = route(NS.spec(0))) {
            NetlinkException e = assertThrows(NetlinkException.class, () -> strict.request(addrDumpWithPrefix(8)));
            assertEquals("EINVAL", e.errnoName());
            assertNotNull(e.extAckMessage(), "the kernel explains the refusal");
            assertTrue(e.extAckMessage().contains("header"), e.extAckMessage());
            assertTrue(lax.request(addrDumpWithPrefix(8)).list().size() >= 0, "without strict checking the dump runs");
        }
    }

    @Test
    void extAckNamesTheNestedAttribute() throws Exception {
        try (NetlinkSocket s = route(NS.spec(0))) {
            OutgoingMessage bad = MessageBuilder.of(TestRoute.SCHEMA, "newlink")
                    .flags(Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL)
                    .attr("ifname", "vx-bad")
                    .nest("linkinfo", li -> li.attr("kind", "vxlan").nest("data", d -> d.attr("id", 1 << 24)))
                    .build();
            NetlinkException e = assertThrows(NetlinkException.class, () -> s.request(bad));
            assertEquals("ERANGE", e.errnoName(), e.getMessage());
            assertEquals("linkinfo.data.id", e.attributePath(), e.getMessage());
            assertTrue(e.extAckOffset() > 0);
            assertTrue(e.getMessage().contains("linkinfo.data.id"), e.getMessage());
        }
    }

    @Test
    void existingObjectGivesEexist() throws Exception {
        NS.ip("link", "add", "dup0", "type", "veth", "peer", "name", "dup1");
        try (NetlinkSocket s = route(NS.spec(0))) {
            OutgoingMessage add = MessageBuilder.of(TestRoute.SCHEMA, "newlink")
                    .flags(Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL)
                    .attr("ifname", "dup0")
                    .nest("linkinfo", li -> li.attr("kind", "bridge"))
                    .build();
            NetlinkException e = assertThrows(NetlinkException.class, () -> s.request(add));
            assertEquals(17, e.errno());
            assertEquals("EEXIST", e.errnoName());
        } finally {
            NS.ip("link", "del", "dup0");
        }
    }

    @Test
    void manyThreadsGetTheirOwnReplies() throws Exception {
        List<String> names = List.of("nlctrl", "ethtool", "netdev", "TASKSTATS", "tcp_metrics", "mptcp_pm");
        try (NetlinkSocket s = TestCtrl.socket(NS.spec(16).build())) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                String want = names.get(t % names.size());
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 150; i++) {
                        TestCtrl.Family f = TestCtrl.resolve(s, want);
                        assertEquals(want, f.name());
                        ok++;
                    }
                    return ok;
                }));
            }
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertEquals(16 * 150, total);
        }
    }

    @Test
    void closeWakesABlockedReceiver() throws Exception {
        NetlinkSocket s = TestCtrl.socket(NS.spec(16).build());
        s.bind();
        CompletableFuture<Throwable> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                s.get();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Thread.sleep(200);
        assertFalse(blocked.isDone(), "get() blocks while nothing arrives");
        long t0 = System.nanoTime();
        s.close();
        Throwable t = blocked.get(5, TimeUnit.SECONDS);
        assertTrue(t instanceof NetlinkException ne && ne.errno() == Errno.EBADF, String.valueOf(t));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3));
        s.close();
        assertEquals(-1, s.fileno());
        assertThrows(NetlinkException.class, () -> s.request(TestCtrl.getFamily("nlctrl")));
    }

    @Test
    void aRequestTheKernelIgnoresTimesOut() throws Exception {
        try (NetlinkSocket s = route(NS.spec(0).timeout(Duration.ofMillis(300)))) {
            // a "dump" of type NLMSG_NOOP: the kernel skips it and, with no NLM_F_ACK, never answers
            OutgoingMessage silent = MessageBuilder.raw(Netlink.NLMSG_NOOP).dump().build();
            NetlinkException e = assertThrows(NetlinkException.class, () -> s.request(silent));
            assertEquals("ETIMEDOUT", e.errnoName());
            assertEquals(1, s.request(MessageBuilder.of(TestRoute.SCHEMA, "getlink").header("index", 1).build()).list().size(),
                    "the socket still works after a timeout");
        }
    }

    /** Adds {@code n} /32 routes 10.TABLE.x.y on lo to {@code table} with one `ip -batch`. */
    private static void addRoutes(int n, int table) throws java.io.IOException {
        NS.ip("link", "set", "lo", "up");
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < n; i++) {
            batch.append("route add 10.").append(table).append('.').append(i / 250).append('.').append(i % 250)
                    .append("/32 dev lo table ").append(table).append('\n');
        }
        Path f = Files.createTempFile("jnl-routes", ".batch");
        Files.writeString(f, batch);
        try {
            NS.ip("-batch", f.toString());
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void streamingDumpOfTenThousandRoutes() throws Exception {
        addRoutes(10_000, 77);
        try (NetlinkSocket s = route(NS.spec(0))) {
            OutgoingMessage dump = MessageBuilder.of(TestRoute.SCHEMA, "getroute").dump().header("family", 2).build();
            int inTable = 0;
            int messages = 0;
            try (Replies r = s.stream(dump)) {
                NetlinkMessage m;
                while ((m = r.next()) != null) {
                    messages++;
                    if (m.attributes().getLong("table", -1) == 77) {
                        inTable++;
                    }
                }
                assertTrue(r.isDone());
                assertFalse(r.dumpInterrupted());
            }
            assertEquals(10_000, inTable);
            assertTrue(messages >= 10_000);
        }
    }

    @Test
    void closingAStreamedDumpEarlyLeavesTheSocketReadyForTheNextDump() throws Exception {
        addRoutes(3000, 78);
        try (NetlinkSocket s = route(NS.spec(0))) {
            OutgoingMessage dump = MessageBuilder.of(TestRoute.SCHEMA, "getroute").dump().header("family", 2).build();
            try (Replies r = s.stream(dump)) {
                for (int i = 0; i < 5; i++) {
                    assertNotNull(r.next());
                }
            }
            long inTable = s.request(dump).list().stream().filter(m -> m.attributes().getLong("table", -1) == 78).count();
            assertEquals(3000, inTable, "the next dump runs (no EBUSY) and is complete");
        }
    }

    @Test
    void resolvesFamiliesAsGenlShowsThem() throws Exception {
        String genl = NS.exec("genl", "ctrl", "list");
        try (NetlinkSocket s = TestCtrl.socket(NS.spec(16).build())) {
            for (String name : List.of("nlctrl", "ethtool")) {
                Matcher m = Pattern.compile("Name: " + name + "\\n\\s+ID: 0x([0-9a-f]+)").matcher(genl);
                assertTrue(m.find(), name + " in genl ctrl list");
                TestCtrl.Family f = TestCtrl.resolve(s, name);
                assertEquals(Integer.parseInt(m.group(1), 16), f.id());
            }
            assertEquals(16, TestCtrl.resolve(s, "nlctrl").groups().get("notify"));
            assertTrue(TestCtrl.resolve(s, "ethtool").groups().containsKey("monitor"));
            NetlinkException e = assertThrows(NetlinkException.class, () -> TestCtrl.resolve(s, "nl80211"));
            assertEquals("ENOENT", e.errnoName());
        }
    }

    @Test
    void namespaceCreatedWhenMissingAndRefusedWithoutCreate() throws Exception {
        String name = KernelNamespace.uniqueName("jnl-create");
        try {
            assertThrows(NetlinkException.class, () -> new NetlinkSocket(NetlinkSocketSpec.builder().netns(name).flags(0).build()));
            assertFalse(NetNS.exists(name));
            try (NetlinkSocket s = new NetlinkSocket(NetlinkSocketSpec.builder().family(0).netns(name).build(),
                    Marshal.classic(TestRoute.SCHEMA))) {
                assertTrue(NetNS.list().contains(name));
                List<NetlinkMessage> links = s.request(MessageBuilder.of(TestRoute.SCHEMA, "getlink").dump().build()).list();
                assertEquals(1, links.size(), "a new namespace has only lo");
                assertEquals("lo", links.get(0).attributes().getString("ifname"));
            }
        } finally {
            NetNS.remove(name);
        }
        assertFalse(NetNS.exists(name));
    }

    @Test
    void aCreateThatFailsOnItsThreadLeavesNoNamespaceFile() throws Exception {
        String name = KernelNamespace.uniqueName("jnl-fail");
        Libc real = Libc.system();
        Libc failing = (Libc) java.lang.reflect.Proxy.newProxyInstance(Libc.class.getClassLoader(),
                new Class<?>[]{Libc.class}, (proxy, m, args) -> {
                    if (m.getName().equals("unshare")) {
                        throw new OutOfMemoryError("stand-in");
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        OutOfMemoryError e = assertThrows(OutOfMemoryError.class, () -> NetNS.create(name, failing));
        assertEquals("stand-in", e.getMessage(), "an Error stays itself, not wrapped");
        assertFalse(Files.exists(Path.of("/run/netns", name)), "the empty mount point is removed");
    }

    @Test
    void socketSeesOnlyItsNamespace() throws Exception {
        NS.ip("link", "add", "only0", "type", "veth", "peer", "name", "only1");
        try (NetlinkSocket s = route(NS.spec(0))) {
            List<String> names = new ArrayList<>();
            for (NetlinkMessage m : s.request(MessageBuilder.of(TestRoute.SCHEMA, "getlink").dump().build()).list()) {
                names.add(m.attributes().getString("ifname"));
            }
            assertTrue(names.contains("only0") && names.contains("only1") && names.contains("lo"), names.toString());
        } finally {
            NS.ip("link", "del", "only0");
        }
    }

    @Test
    void allNsTagsMessagesWithTheirNsid() throws Exception {
        String other = NS.another("jnl-peer");
        NS.ip("netns", "set", other, "7");
        try (NetlinkSocket s = route(NS.spec(0).allNs(true))) {
            s.bind(1, null); // RTNLGRP_LINK
            KernelNamespace.run(List.of("ip", "-n", other, "link", "add", "p0", "type", "veth", "peer", "name", "p1"));
            boolean seen = false;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!seen && System.nanoTime() < end) {
                for (NetlinkMessage m : s.get(Duration.ofMillis(500))) {
                    if (m.type() == TestRoute.RTM_NEWLINK && "p0".equals(m.attributes().getString("ifname"))) {
                        assertEquals(7, m.nsid());
                        seen = true;
                    }
                }
            }
            assertTrue(seen, "the new link in the peer namespace was announced with its nsid");
        }
    }

    @Test
    void broadcastsAndPutRepliesArriveThroughGet() throws Exception {
        try (NetlinkSocket s = route(NS.spec(0).target("ns-under-test"))) {
            s.bind(1, null);
            NS.ip("link", "add", "bc0", "type", "veth", "peer", "name", "bc1");
            boolean seen = false;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!seen && System.nanoTime() < end) {
                for (NetlinkMessage m : s.get(Duration.ofMillis(500))) {
                    assertEquals("ns-under-test", m.target());
                    seen |= m.type() == TestRoute.RTM_NEWLINK && "bc0".equals(m.attributes().getString("ifname"));
                }
            }
            assertTrue(seen, "RTM_NEWLINK broadcast");
            int seq = s.put(MessageBuilder.of(TestRoute.SCHEMA, "getlink").header("index", 1).build());
            List<NetlinkMessage> got = new ArrayList<>();
            end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (got.stream().noneMatch(m -> m.seq() == seq) && System.nanoTime() < end) {
                got.addAll(s.get(Duration.ofMillis(500)));
            }
            NetlinkMessage reply = got.stream().filter(m -> m.seq() == seq).findFirst().orElseThrow();
            assertEquals("lo", reply.attributes().getString("ifname"));
        } finally {
            NS.ip("link", "del", "bc0");
        }
    }

    @Test
    void nonBlockingGetReturnsAtOnce() throws Exception {
        try (NetlinkSocket s = route(NS.spec(0))) {
            s.setBlocking(false);
            long t0 = System.nanoTime();
            assertTrue(s.get().isEmpty());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(1));
            assertFalse(s.isBlocking());
        }
    }

    @Test
    void echoReturnsTheCreatedObject() throws Exception {
        NS.ip("link", "set", "lo", "up");
        try (NetlinkSocket s = route(NS.spec(0).nlmEcho(true))) {
            OutgoingMessage add = MessageBuilder.of(TestRoute.SCHEMA, "newaddr")
                    .flags(Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL)
                    .header("family", 2).header("prefixlen", 32).header("index", 1)
                    .attr("local", "192.0.2.55").attr("address", "192.0.2.55")
                    .build();
            List<NetlinkMessage> replies = s.request(add).list();
            assertEquals(1, replies.size(), "the echoed RTM_NEWADDR");
            assertEquals(TestRoute.RTM_NEWADDR, replies.get(0).type());
            assertEquals("192.0.2.55", ((java.net.InetAddress) replies.get(0).attributes().get("local")).getHostAddress());
        }
    }

    @Test
    void adoptsAnOpenSocket() throws Exception {
        Libc libc = Libc.system();
        int fd = libc.socket(16, 3 | 02000000, 16);
        assertTrue(fd >= 0);
        try (NetlinkSocket s = TestCtrl.socket(NetlinkSocketSpec.builder().useSocket(fd).build())) {
            assertEquals(fd, s.fileno());
            assertEquals("nlctrl", TestCtrl.resolve(s, "nlctrl").name());
        }
        assertTrue(libc.getsockname(fd) >= 0, "useSocket leaves the descriptor open");
        try (NetlinkSocket s = TestCtrl.socket(NetlinkSocketSpec.builder().fileno(fd).build())) {
            assertEquals("nlctrl", TestCtrl.resolve(s, "nlctrl").name());
        }
        assertEquals(-Errno.EBADF, (int) libc.getsockname(fd), "fileno hands the descriptor over: closed with the socket");
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> new NetlinkSocket(NetlinkSocketSpec.builder().family(0).fileno(0).build()));
        assertTrue(e.getMessage().contains("adopt fd 0"), e.getMessage());
    }

    @Test
    void setupSocketRecreatesTheKernelSocket() throws Exception {
        try (NetlinkSocket s = TestCtrl.socket(NS.spec(16).build())) {
            s.bind();
            long before = s.port();
            s.setupSocket();
            assertEquals(-1, s.port(), "a new socket is unbound");
            assertEquals("ethtool", TestCtrl.resolve(s, "ethtool").name());
            assertTrue(s.port() > 0);
            assertTrue(before > 0);
        }
    }
}
