package io.jnetlink.generic;

import io.jnetlink.message.MalformedMessageException;

import java.util.Collections;
import java.util.Map;

/**
 * A task's (or thread group's) accounting from {@code struct taskstats}: the main fields typed, every field
 * the kernel's version and the received length cover in {@link #fields()} (names as in the C struct).
 * Counters are unsigned 64-bit values held in a long ({@link Long#toUnsignedString(long)} shows them).
 *
 * @param kind                 a single task (TASKSTATS_TYPE_AGGR_PID) or a thread group (AGGR_TGID)
 * @param id                   the pid or tgid the stats are for
 * @param version              the struct's version as the kernel filled it
 * @param comm                 ac_comm: the command name (empty for a thread group)
 * @param pid                  ac_pid
 * @param ppid                 ac_ppid: the parent's process id
 * @param uid                  ac_uid
 * @param gid                  ac_gid
 * @param exitCode             ac_exitcode: the exit status as wait(2) reports it (for an exited task)
 * @param flags                ac_flag: AFORK, ASU, ACORE, AXSIG, AGROUP bits (linux/acct.h)
 * @param nice                 ac_nice
 * @param sched                ac_sched: the scheduling policy
 * @param btime                begin time, seconds since 1970 (ac_btime64 when the version has it)
 * @param etimeMicros          ac_etime: elapsed time
 * @param utimeMicros          ac_utime: user CPU time
 * @param stimeMicros          ac_stime: system CPU time
 * @param minflt               ac_minflt: minor page faults
 * @param majflt               ac_majflt: major page faults
 * @param nvcsw                voluntary context switches
 * @param nivcsw               involuntary context switches
 * @param readChar             bytes read (read_char)
 * @param writeChar            bytes written (write_char)
 * @param readSyscalls         read system calls
 * @param writeSyscalls        write system calls
 * @param readBytes            bytes of storage read I/O
 * @param writeBytes           bytes of storage write I/O
 * @param hiwaterRssKb         high-water mark of RSS, KiB
 * @param hiwaterVmKb          high-water mark of virtual memory, KiB
 * @param cpuCount             delay accounting: times waited for a CPU
 * @param cpuDelayTotalNanos   delay accounting: time waited for a CPU
 * @param cpuRunRealTotalNanos CPU "wall-clock" running time
 * @param fields               every decoded field by its C name
 */
public record TaskStats(Kind kind, int id, int version, String comm, long pid, long ppid, long uid, long gid,
                        long exitCode, int flags, int nice, int sched, long btime, long etimeMicros,
                        long utimeMicros, long stimeMicros, long minflt, long majflt, long nvcsw, long nivcsw,
                        long readChar, long writeChar, long readSyscalls, long writeSyscalls, long readBytes,
                        long writeBytes, long hiwaterRssKb, long hiwaterVmKb, long cpuCount,
                        long cpuDelayTotalNanos, long cpuRunRealTotalNanos, Map<String, Object> fields) {

    /** Whose stats these are. */
    public enum Kind {
        /** One task (thread): TASKSTATS_TYPE_AGGR_PID. */
        PID,
        /** A thread group (process): TASKSTATS_TYPE_AGGR_TGID. */
        TGID
    }

    /** Keeps the fields unmodifiable. */
    public TaskStats {
        fields = Collections.unmodifiableMap(fields);
    }

    /**
     * Decodes a {@code struct taskstats} received at {@code offset} of its datagram (for error messages).
     *
     * @throws MalformedMessageException when the struct is too short to hold the main fields
     */
    static TaskStats of(Kind kind, int id, byte[] struct, int offset) {
        Map<String, Object> f = TaskstatsFamily.decodeStruct(struct);
        int version = (int) n(f, "version", struct, offset);
        if (version == 15) {
            // the one incompatible layout: only the leading members can be trusted
            return new TaskStats(kind, id, version, "", 0, 0, 0, 0, n(f, "ac_exitcode", struct, offset),
                    (int) n(f, "ac_flag", struct, offset), (int) n(f, "ac_nice", struct, offset), 0, 0, 0, 0, 0, 0, 0,
                    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, n(f, "cpu_count", struct, offset),
                    n(f, "cpu_delay_total", struct, offset), 0, f);
        }
        long btime = f.containsKey("ac_btime64") ? n(f, "ac_btime64", struct, offset) : n(f, "ac_btime", struct, offset);
        return new TaskStats(kind, id, version, (String) f.get("ac_comm"), n(f, "ac_pid", struct, offset),
                n(f, "ac_ppid", struct, offset), n(f, "ac_uid", struct, offset), n(f, "ac_gid", struct, offset),
                n(f, "ac_exitcode", struct, offset), (int) n(f, "ac_flag", struct, offset),
                (int) n(f, "ac_nice", struct, offset), (int) n(f, "ac_sched", struct, offset), btime,
                n(f, "ac_etime", struct, offset), n(f, "ac_utime", struct, offset), n(f, "ac_stime", struct, offset),
                n(f, "ac_minflt", struct, offset), n(f, "ac_majflt", struct, offset), n(f, "nvcsw", struct, offset),
                n(f, "nivcsw", struct, offset), n(f, "read_char", struct, offset), n(f, "write_char", struct, offset),
                n(f, "read_syscalls", struct, offset), n(f, "write_syscalls", struct, offset),
                n(f, "read_bytes", struct, offset), n(f, "write_bytes", struct, offset),
                n(f, "hiwater_rss", struct, offset), n(f, "hiwater_vm", struct, offset), n(f, "cpu_count", struct, offset),
                n(f, "cpu_delay_total", struct, offset), n(f, "cpu_run_real_total", struct, offset), f);
    }

    private static long n(Map<String, Object> f, String name, byte[] struct, int offset) {
        Object v = f.get(name);
        if (v == null) {
            throw new MalformedMessageException("struct taskstats of " + struct.length + " bytes (version "
                    + f.getOrDefault("version", "?") + ") lacks " + name, offset);
        }
        return ((Number) v).longValue();
    }
}
