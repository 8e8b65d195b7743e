package io.jnetlink.generic;

import io.jnetlink.Errno;
import io.jnetlink.KernelNamespace;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.socket.NetlinkSocketSpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TASKSTATS against the real kernel, compared with /proc. Lookups run on a socket in this class's namespace
 * (TASKSTATS answers in any network namespace; pids are the caller's pid namespace's). Exit notifications
 * are sent by the kernel in the initial network namespace only, so that test uses a socket there.
 */
class TaskstatsKernelTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    static final int PID = (int) ProcessHandle.current().pid();

    static GenericNetlink sock() throws NetlinkException {
        return new GenericNetlink(NS.spec(Netlink.NETLINK_GENERIC).build());
    }

    /** procfs files report size 0: read them as streams. */
    static String proc(String path) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** /proc/PID/task/TID/stat: comm, and the fields after it numbered as in proc(5) (state is field 3). */
    record Stat(String comm, String[] fields) {
        long field(int n) {
            return Long.parseLong(fields[n - 3]);
        }

        static Stat of(int tid) throws IOException {
            String s = proc("/proc/" + PID + "/task/" + tid + "/stat").trim();
            int open = s.indexOf('(');
            int close = s.lastIndexOf(')');
            return new Stat(s.substring(open + 1, close), s.substring(close + 2).split(" "));
        }
    }

    /** A "Key:\tvalue ..." line of /proc/PID/task/TID/status: its first number. */
    static long status(int tid, String key) throws IOException {
        for (String line : proc("/proc/" + PID + "/task/" + tid + "/status").split("\n")) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new AssertionError("no " + key + " in status of " + tid);
    }

    /** The thread running the test (/proc/thread-self is "PID/task/TID"). */
    static int currentTid() throws IOException {
        return Integer.parseInt(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
    }

    /** Counters /proc and taskstats both have, read before and after: taskstats must lie between. */
    static void compareWithProc(TaskstatsFamily ts, int tid) throws Exception {
        Stat before = Stat.of(tid);
        long vcswBefore = status(tid, "voluntary_ctxt_switches");
        long ivcswBefore = status(tid, "nonvoluntary_ctxt_switches");
        TaskStats t = ts.pid(tid);
        Stat after = Stat.of(tid);
        long vcswAfter = status(tid, "voluntary_ctxt_switches");
        long ivcswAfter = status(tid, "nonvoluntary_ctxt_switches");

        assertEquals(TaskStats.Kind.PID, t.kind());
        assertEquals(tid, t.id());
        assertEquals(tid, t.pid(), "ac_pid");
        assertEquals(before.field(4), t.ppid(), "ac_ppid is the parent process (proc field 4)");
        assertEquals(before.comm(), t.comm(), "ac_comm and comm");
        assertEquals((byte) before.field(19), (byte) t.nice(), "ac_nice (a u8 holding the signed nice)");
        assertEquals(before.field(41), t.sched(), "ac_sched and the scheduling policy (field 41)");
        assertEquals(status(tid, "Uid"), t.uid(), "ac_uid and the real uid");
        assertEquals(status(tid, "Gid"), t.gid(), "ac_gid and the real gid");
        assertEquals(PID, ((Number) t.fields().get("ac_tgid")).intValue(), "ac_tgid (version 12+)");
        between(before.field(10), t.minflt(), after.field(10), "minflt");
        between(before.field(12), t.majflt(), after.field(12), "majflt");
        between(vcswBefore, t.nvcsw(), vcswAfter, "nvcsw and voluntary_ctxt_switches");
        between(ivcswBefore, t.nivcsw(), ivcswAfter, "nivcsw and nonvoluntary_ctxt_switches");
    }

    static void between(long low, long value, long high, String what) {
        assertTrue(low <= value && value <= high, what + ": " + value + " not within /proc's " + low + ".." + high);
    }

    @Test
    void ownMainThreadMatchesProc() throws Exception {
        try (GenericNetlink s = sock()) {
            compareWithProc(new TaskstatsFamily(s), PID);
        }
    }

    @Test
    void testThreadMatchesProc() throws Exception {
        try (GenericNetlink s = sock()) {
            compareWithProc(new TaskstatsFamily(s), currentTid());
        }
    }

    @Test
    void threadGroupSumsItsThreads() throws Exception {
        try (GenericNetlink s = sock()) {
            TaskstatsFamily ts = new TaskstatsFamily(s);
            TaskStats main = ts.pid(PID);
            TaskStats group = ts.tgid(PID);
            assertEquals(TaskStats.Kind.TGID, group.kind());
            assertEquals(PID, group.id());
            assertEquals(main.version(), group.version());
            assertTrue(group.nvcsw() >= main.nvcsw(), "the group's switches include the main thread's");
            assertTrue(group.utimeMicros() + group.stimeMicros() >= main.utimeMicros() + main.stimeMicros());
        }
    }

    @Test
    void theKernelsStructIsTheDefinedOneForItsVersion() throws Exception {
        try (GenericNetlink s = sock()) {
            TaskStats t = new TaskstatsFamily(s).pid(PID);
            if (t.version() == 16) {
                List<NetlinkMessage> replies = s.request(TaskstatsFamily.NAME, "get", Map.of("pid", PID));
                assertEquals(TaskstatsFamily.STRUCT.size(),
                        replies.getFirst().attributes().nested("aggr-pid").attribute("stats").length(),
                        "a version-16 kernel sends exactly the 560-byte struct");
            }
            assertTrue(t.version() >= 13, "this kernel's taskstats version: " + t.version());
        }
    }

    @Test
    void aPidThatDoesNotExistIsESRCH() throws Exception {
        int pidMax = Integer.parseInt(proc("/proc/sys/kernel/pid_max").trim());   // pids are below pid_max
        try (GenericNetlink s = sock()) {
            TaskstatsFamily ts = new TaskstatsFamily(s);
            NetlinkException e = assertThrows(NetlinkException.class, () -> ts.pid(pidMax));
            assertEquals("ESRCH", e.errnoName());
            assertEquals("no task with pid " + pidMax + " in this pid namespace", e.detail());
            e = assertThrows(NetlinkException.class, () -> ts.tgid(pidMax));
            assertEquals("no thread group with tgid " + pidMax + " in this pid namespace", e.detail());
            assertThrows(IllegalArgumentException.class, () -> ts.pid(0));
            assertThrows(IllegalArgumentException.class, () -> ts.tgid(-5));
        }
    }

    @Test
    void exitNotificationOfAChildArrivesInTheInitialNamespace() throws Exception {
        NetlinkSocketSpec host = NetlinkSocketSpec.builder().family(Netlink.NETLINK_GENERIC).build();
        String cpus = TaskstatsFamily.possibleCpus();
        try (GenericNetlink s = new GenericNetlink(host)) {
            TaskstatsFamily ts = new TaskstatsFamily(s);
            ts.registerExitNotifications(cpus);
            try {
                Process child = new ProcessBuilder("/bin/sh", "-c", "exit 3").start();
                assertTrue(child.waitFor(60, TimeUnit.SECONDS));
                TaskStats exit = awaitExit(s, (int) child.pid());
                assertEquals("sh", exit.comm());
                assertEquals(3 << 8, exit.exitCode(), "ac_exitcode is the wait status: exit 3");
                assertEquals(PID, exit.ppid());
                assertEquals(child.pid(), exit.pid());
            } finally {
                ts.deregisterExitNotifications(cpus);
            }
        }
    }

    /** Reads notifications until the child's (other tasks of the machine exit too); fails after 200 reads. */
    private static TaskStats awaitExit(GenericNetlink s, int pid) throws NetlinkException {
        List<Integer> seen = new ArrayList<>();
        for (int reads = 0; reads < 200; reads++) {
            for (NetlinkMessage m : s.socket().get(Duration.ofSeconds(1))) {
                assertEquals("new", m.name());
                for (TaskStats t : TaskstatsFamily.parse(m)) {
                    if (t.kind() == TaskStats.Kind.PID && t.id() == pid) {
                        return t;
                    }
                    seen.add(t.id());
                }
            }
        }
        throw new AssertionError("no exit notification for " + pid + "; saw " + seen);
    }

    @Test
    void exitNotificationsFromAnotherNetworkNamespaceAreRefused() throws Exception {
        try (GenericNetlink s = sock()) {
            NetlinkException e = assertThrows(NetlinkException.class,
                    () -> new TaskstatsFamily(s).registerExitNotifications("0"));
            assertEquals(Errno.EINVAL, e.errno());
            assertTrue(e.getMessage().contains("initial network namespace only; this socket is in network namespace '"
                    + NS.name() + "'"), e.getMessage());
        }
    }

    @Test
    void cpumasksTheKernelRefusesAreExplained() throws Exception {
        try (GenericNetlink s = new GenericNetlink()) {
            TaskstatsFamily ts = new TaskstatsFamily(s);
            NetlinkException e = assertThrows(NetlinkException.class, () -> ts.registerExitNotifications("bogus"));
            assertEquals(Errno.EINVAL, e.errno());
            assertTrue(e.getMessage().contains("the kernel refused cpumask 'bogus'"), e.getMessage());
            assertTrue(e.getMessage().contains("possible: " + TaskstatsFamily.possibleCpus()), e.getMessage());
            e = assertThrows(NetlinkException.class, () -> ts.registerExitNotifications("0-100000"));
            assertTrue(e.errno() == Errno.EINVAL || e.errno() == Errno.ERANGE, e.getMessage());
            assertTrue(e.getMessage().contains("cpumask '0-100000'"), e.getMessage());
            assertNotNull(ts.pid(PID), "the socket still works");
        }
    }
}
