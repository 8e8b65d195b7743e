package io.jnetlink.generic;

import io.jnetlink.Errno;
import io.jnetlink.Netlink;
import io.jnetlink.NetlinkException;
import io.jnetlink.message.Attribute;
import io.jnetlink.message.Attributes;
import io.jnetlink.message.NetlinkMessage;
import io.jnetlink.socket.NetlinkSocketSpec;
import io.jnetlink.sys.NetNS;

import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.AttributeSet;
import io.jnetlink.schema.Schema;
import io.jnetlink.schema.StructDef;
import io.jnetlink.schema.StructDef.Member;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TASKSTATS generic netlink family (linux/taskstats.h): per-task and per-thread-group accounting, and
 * exit notifications for tasks on a set of CPUs. Its definitions ({@link #SCHEMA}, with {@code struct
 * taskstats} as {@link #STRUCT}) and a typed API over a {@link GenericNetlink}.
 *
 * <p>TASKSTATS is not per network namespace: pids are those of the caller's pid namespace, and the family
 * answers in any network namespace. Exit notifications need the initial user and pid namespace, and the
 * kernel sends them in the initial network namespace only, so a socket elsewhere is refused.
 */
public final class TaskstatsFamily {
    /** The family's name (TASKSTATS_GENL_NAME). */
    public static final String NAME = "TASKSTATS";
    /** TASKSTATS_CMD_GET: ask for a pid's or tgid's stats, or (de)register a CPU mask. */
    public static final int CMD_GET = 1;
    /** TASKSTATS_CMD_NEW: the kernel's answer, and the exit notification. */
    public static final int CMD_NEW = 2;
    /** CGROUPSTATS_CMD_GET (linux/cgroupstats.h): the same family's cgroup stats request. */
    public static final int CMD_CGROUPSTATS_GET = 4;

    private static final int ESRCH = 3;

    /**
     * {@code struct taskstats} as the kernel lays it out for version 16 (linux/taskstats.h; offsets checked
     * against gcc's for version 13, the header installed here), with explicit PAD members where the C struct
     * has alignment padding: 2 bytes before ac_exitcode, 6 before cpu_count, 4 before ac_uid, ac_etime and
     * ac_tgetime. 560 bytes.
     * Version 14 added irq_count and irq_delay_total; version 16 the *_delay_max and *_delay_min fields at the
     * end (version 15 had put them in the middle, an incompatible layout, of which only the members before
     * blkio_count are read).
     */
    public static final StructDef STRUCT = new StructDef("taskstats", List.of(
            u16("version"), pad("align-ac_exitcode", 2), u32("ac_exitcode"), u8("ac_flag"), u8("ac_nice"), pad("align-cpu_count", 6),
            u64("cpu_count"), u64("cpu_delay_total"), u64("blkio_count"), u64("blkio_delay_total"),
            u64("swapin_count"), u64("swapin_delay_total"), u64("cpu_run_real_total"), u64("cpu_run_virtual_total"),
            new Member("ac_comm", AttrType.BINARY, 32, false, null, null),
            u8("ac_sched"), pad("ac_pad", 3), pad("align-ac_uid", 4),
            u32("ac_uid"), u32("ac_gid"), u32("ac_pid"), u32("ac_ppid"), u32("ac_btime"), pad("align-ac_etime", 4),
            u64("ac_etime"), u64("ac_utime"), u64("ac_stime"), u64("ac_minflt"), u64("ac_majflt"),
            u64("coremem"), u64("virtmem"), u64("hiwater_rss"), u64("hiwater_vm"),
            u64("read_char"), u64("write_char"), u64("read_syscalls"), u64("write_syscalls"),
            u64("read_bytes"), u64("write_bytes"), u64("cancelled_write_bytes"),
            u64("nvcsw"), u64("nivcsw"),
            u64("ac_utimescaled"), u64("ac_stimescaled"), u64("cpu_scaled_run_real_total"),
            u64("freepages_count"), u64("freepages_delay_total"), u64("thrashing_count"), u64("thrashing_delay_total"),
            u64("ac_btime64"),
            u64("compact_count"), u64("compact_delay_total"),
            u32("ac_tgid"), pad("align-ac_tgetime", 4), u64("ac_tgetime"), u64("ac_exe_dev"), u64("ac_exe_inode"),
            u64("wpcopy_count"), u64("wpcopy_delay_total"),
            u64("irq_count"), u64("irq_delay_total"),
            u64("cpu_delay_max"), u64("cpu_delay_min"), u64("blkio_delay_max"), u64("blkio_delay_min"),
            u64("swapin_delay_max"), u64("swapin_delay_min"), u64("freepages_delay_max"), u64("freepages_delay_min"),
            u64("thrashing_delay_max"), u64("thrashing_delay_min"), u64("compact_delay_max"), u64("compact_delay_min"),
            u64("wpcopy_delay_max"), u64("wpcopy_delay_min"), u64("irq_delay_max"), u64("irq_delay_min")));

    /** The version each member after version 9 came with (the header's comments); earlier ones: by length. */
    static final Map<String, Integer> SINCE = sinceTable();

    /** The definitions: TASKSTATS_CMD_* and the TASKSTATS_TYPE_* / TASKSTATS_CMD_ATTR_* attributes. */
    public static final Schema SCHEMA = Schema.builder(NAME, Schema.Protocol.GENETLINK, Netlink.NETLINK_GENERIC)
            .struct(STRUCT)
            // "stats" is plain binary: the struct grows with the kernel's version, and TaskStats.decode reads the
            // members the received length covers (the codec decodes a struct only when all of it is there)
            .attributeSet(AttributeSet.builder("stats-attrs")
                    .attr(1, "pid", AttrType.U32)
                    .attr(2, "tgid", AttrType.U32)
                    .attr(3, "stats", AttrType.BINARY)
                    .nest(4, "aggr-pid", "stats-attrs")
                    .nest(5, "aggr-tgid", "stats-attrs")
                    .attr(6, "null", AttrType.PAD)
                    .build())
            .attributeSet(AttributeSet.builder("cmd-attrs")
                    .attr(1, "pid", AttrType.U32)
                    .attr(2, "tgid", AttrType.U32)
                    .attr(3, "register-cpumask", AttrType.STRING)
                    .attr(4, "deregister-cpumask", AttrType.STRING)
                    .build())
            .attributeSet(AttributeSet.builder("cgroupstats-cmd-attrs")
                    .attr(1, "fd", AttrType.U32)
                    .build())
            .request(CMD_GET, "get", null, "cmd-attrs")
            .request(CMD_CGROUPSTATS_GET, "cgroupstats-get", null, "cgroupstats-cmd-attrs")
            .message(CMD_NEW, "new", null, "stats-attrs")
            .build();

    private final GenericNetlink sock;

    /**
     * TASKSTATS requests on {@code sock}.
     *
     * @param sock the socket the requests go through
     */
    public TaskstatsFamily(GenericNetlink sock) {
        this.sock = sock;
    }

    private static Member u8(String n) {
        return Member.of(n, AttrType.U8);
    }

    private static Member u16(String n) {
        return Member.of(n, AttrType.U16);
    }

    private static Member u32(String n) {
        return Member.of(n, AttrType.U32);
    }

    private static Member u64(String n) {
        return Member.of(n, AttrType.U64);
    }

    private static Member pad(String n, int len) {
        return new Member(n, AttrType.PAD, len, false, null, null);
    }

    private static Map<String, Integer> sinceTable() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("ac_btime64", 10);
        m.put("compact_count", 11);
        m.put("compact_delay_total", 11);
        for (String n : List.of("ac_tgid", "ac_tgetime", "ac_exe_dev", "ac_exe_inode")) {
            m.put(n, 12);
        }
        m.put("wpcopy_count", 13);
        m.put("wpcopy_delay_total", 13);
        m.put("irq_count", 14);
        m.put("irq_delay_total", 14);
        boolean after = false;
        for (Member mem : STRUCT.members()) {
            after |= mem.name().equals("cpu_delay_max");
            if (after) {
                m.put(mem.name(), 16);
            }
        }
        return Map.copyOf(m);
    }

    /**
     * The stats of the task (thread) {@code pid} of the caller's pid namespace.
     *
     * @param pid the process id (task id)
     * @return the stats of the task (thread) {@code pid} of the caller's pid namespace
     * @throws NetlinkException         ESRCH "no task with pid N" when there is none
     * @throws IllegalArgumentException when pid is not positive
     */
    public TaskStats pid(int pid) throws NetlinkException {
        return get("pid", pid);
    }

    /**
     * The stats of the thread group (process) {@code tgid}, summed over its threads by the kernel.
     *
     * @param tgid the thread group id
     * @return the stats of the thread group (process) {@code tgid}, summed over its threads by the kernel
     * @throws NetlinkException         ESRCH "no thread group with tgid N" when there is none
     * @throws IllegalArgumentException when tgid is not positive
     */
    public TaskStats tgid(int tgid) throws NetlinkException {
        return get("tgid", tgid);
    }

    private TaskStats get(String attr, int id) throws NetlinkException {
        if (id <= 0) {
            throw new IllegalArgumentException(attr + " must be positive, got " + id);
        }
        List<NetlinkMessage> replies;
        try {
            replies = sock.request(NAME, "get", Map.of(attr, id));
        } catch (NetlinkException e) {
            if (e.errno() == ESRCH) {
                throw new NetlinkException("taskstats " + attr + " " + id, e.errno(), "no "
                        + (attr.equals("pid") ? "task with pid " : "thread group with tgid ") + id
                        + " in this pid namespace");
            }
            throw e;
        }
        for (NetlinkMessage m : replies) {
            List<TaskStats> l = parse(m);
            if (!l.isEmpty()) {
                return l.getFirst();
            }
        }
        throw new NetlinkException("taskstats " + attr + " " + id, Errno.ENOENT, "the kernel's reply carried no stats");
    }

    /**
     * Asks the kernel to send this socket the stats of every task that exits on a CPU of {@code cpumask}
     * (a CPU list such as "0-3,6"): TASKSTATS_CMD_NEW messages, read with {@code socket().get()} of the {@link GenericNetlink}
     * and {@link #parse}. Deregister before closing; the kernel drops the registration of a closed socket
     * itself at the next exit.
     *
     * @param cpumask the CPUs, as a list such as "0-3,5"
     * @throws NetlinkException EINVAL (or ERANGE, for CPUs past the kernel's limit) when the mask is not a list
     *                          of possible CPUs, or the caller is not in the initial user and pid namespace, or
     *                          the socket is in another network namespace than the initial one (the kernel sends
     *                          the notifications in the initial one only)
     */
    public void registerExitNotifications(String cpumask) throws NetlinkException {
        String other = otherNetns();
        if (other != null) {
            // the kernel would accept it, then deliver to the port id in the initial namespace: to another socket
            throw new NetlinkException("taskstats register-cpumask", Errno.EINVAL, "exit notifications are sent"
                    + " in the initial network namespace only; this socket is in network namespace " + other);
        }
        cpumask("register-cpumask", cpumask);
    }

    /** The socket's network namespace when it is known not to be the initial one, else null. */
    private String otherNetns() {
        NetlinkSocketSpec spec = sock.socket().spec();
        Path ns;
        String label;
        if (spec.netns() != null) {
            ns = NetNS.path(spec.netns());
            label = "'" + spec.netns() + "'";
        } else if (spec.netnsFd() != null) {
            ns = Path.of("/proc/self/fd/" + spec.netnsFd());
            label = "of fd " + spec.netnsFd();
        } else {
            return null;
        }
        try {
            // pid 1's namespace is the initial one; where it cannot be read, the process's own is the best guess
            Path init = Files.isReadable(Path.of("/proc/1/ns/net")) ? Path.of("/proc/1/ns/net") : Path.of("/proc/self/ns/net");
            boolean same = Files.getAttribute(ns, "unix:ino").equals(Files.getAttribute(init, "unix:ino"))
                    && Files.getAttribute(ns, "unix:dev").equals(Files.getAttribute(init, "unix:dev"));
            return same ? null : label;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;                                // cannot tell: let the kernel decide
        }
    }

    /**
     * Stops the exit notifications of {@link #registerExitNotifications} for the CPUs of {@code cpumask}.
     *
     * @param cpumask the CPUs, as a list such as "0-3,5"
     * @throws NetlinkException when the kernel refuses the request or the socket fails
     */
    public void deregisterExitNotifications(String cpumask) throws NetlinkException {
        cpumask("deregister-cpumask", cpumask);
    }

    private void cpumask(String attr, String cpumask) throws NetlinkException {
        try {
            sock.request(NAME, "get", Map.of(attr, cpumask));
        } catch (NetlinkException e) {
            if (e.errno() == Errno.EINVAL || e.errno() == Errno.ERANGE) {
                throw new NetlinkException("taskstats " + attr, e.errno(), "the kernel refused cpumask '" + cpumask
                        + "': it must list possible CPUs (" + possibleCpusOrUnknown()
                        + "), and exit notifications need the initial user and pid namespace");
            }
            throw e;
        }
    }

    /**
     * The possible CPUs as the kernel lists them (/sys/devices/system/cpu/possible), e.g. "0-7".
     *
     * @return the possible CPUs, e.g. "0-7"
     * @throws IOException when /sys/devices/system/cpu/possible cannot be read
     */
    public static String possibleCpus() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("/sys/devices/system/cpu/possible"))) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        }
    }

    private static String possibleCpusOrUnknown() {
        try {
            return "possible: " + possibleCpus();
        } catch (IOException e) {
            return "possible CPUs unknown";
        }
    }

    /**
     * The stats in a TASKSTATS_CMD_NEW message (a reply, or an exit notification, which carries the exiting
     * task's stats and, when it was the last of its thread group, the group's). Empty for other messages.
     *
     * @param m a received message
     * @return the stats the message carries: one, or two for the last task of a thread group
     * @throws io.jnetlink.message.MalformedMessageException when the stats are too short for the main fields
     */
    public static List<TaskStats> parse(NetlinkMessage m) {
        List<TaskStats> out = new ArrayList<>();
        if (m.definition() == null || m.genlCommand() != CMD_NEW) {
            return out;
        }
        Attributes a = m.attributes();
        for (String aggr : List.of("aggr-pid", "aggr-tgid")) {
            Attributes nest = a.nested(aggr);
            if (nest == null) {
                continue;
            }
            boolean pid = aggr.equals("aggr-pid");
            Attribute stats = nest.attribute("stats");
            if (stats != null) {
                out.add(TaskStats.of(pid ? TaskStats.Kind.PID : TaskStats.Kind.TGID,
                        (int) nest.getLong(pid ? "pid" : "tgid", -1), stats.bytes(), stats.offset() + 4));
            }
        }
        return out;
    }

    /**
     * The members of {@code struct taskstats} in {@code b}: name to value (u64 values above 2^63-1 as
     * BigInteger, ac_comm as text), in struct order. A member is present only when the bytes cover it and the
     * struct's version has it; for version 15, whose layout moved every member after cpu_delay_total, only
     * the members before that point.
     */
    static Map<String, Object> decodeStruct(byte[] b) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        Map<String, Object> out = new LinkedHashMap<>();
        if (b.length < 2) {
            return out;
        }
        int version = bb.getShort(0) & 0xffff;
        int limit = version == 15 ? STRUCT.offsetOf("blkio_count") : b.length;
        int off = 0;
        for (Member mem : STRUCT.members()) {
            int end = off + mem.size();
            if (end > limit) {
                break;
            }
            if (mem.type() != AttrType.PAD && SINCE.getOrDefault(mem.name(), 1) <= version) {
                out.put(mem.name(), switch (mem.type()) {
                    case U8 -> (long) (b[off] & 0xff);
                    case U16 -> (long) (bb.getShort(off) & 0xffff);
                    case U32 -> Integer.toUnsignedLong(bb.getInt(off));
                    case U64 -> {
                        long v = bb.getLong(off);
                        yield v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
                    }
                    default -> text(b, off, mem.size());
                });
            }
            off = end;
        }
        return out;
    }

    private static String text(byte[] b, int off, int len) {
        int e = off;
        while (e < off + len && b[e] != 0) {
            e++;
        }
        return new String(b, off, e - off, StandardCharsets.UTF_8);
    }
}
