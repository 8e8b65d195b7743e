package io.jnetlink.generic;

import io.jnetlink.message.MalformedMessageException;

import io.jnetlink.schema.AttrType;
import io.jnetlink.schema.StructDef;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** struct taskstats: its layout against gcc's, and decoding by version and received length. */
class TaskstatsStructTest {
    /**
     * offsetof() of every member of struct taskstats version 13 as gcc computes it from the installed
     * /usr/include/linux/taskstats.h (x86-64; sizeof 416), by a small C program printing offsetof for each.
     */
    static final Map<String, Integer> GCC_OFFSETS_V13 = table(
            "version", 0,
            "ac_exitcode", 4,
            "ac_flag", 8,
            "ac_nice", 9,
            "cpu_count", 16,
            "cpu_delay_total", 24,
            "blkio_count", 32,
            "blkio_delay_total", 40,
            "swapin_count", 48,
            "swapin_delay_total", 56,
            "cpu_run_real_total", 64,
            "cpu_run_virtual_total", 72,
            "ac_comm", 80,
            "ac_sched", 112,
            "ac_pad", 113,
            "ac_uid", 120,
            "ac_gid", 124,
            "ac_pid", 128,
            "ac_ppid", 132,
            "ac_btime", 136,
            "ac_etime", 144,
            "ac_utime", 152,
            "ac_stime", 160,
            "ac_minflt", 168,
            "ac_majflt", 176,
            "coremem", 184,
            "virtmem", 192,
            "hiwater_rss", 200,
            "hiwater_vm", 208,
            "read_char", 216,
            "write_char", 224,
            "read_syscalls", 232,
            "write_syscalls", 240,
            "read_bytes", 248,
            "write_bytes", 256,
            "cancelled_write_bytes", 264,
            "nvcsw", 272,
            "nivcsw", 280,
            "ac_utimescaled", 288,
            "ac_stimescaled", 296,
            "cpu_scaled_run_real_total", 304,
            "freepages_count", 312,
            "freepages_delay_total", 320,
            "thrashing_count", 328,
            "thrashing_delay_total", 336,
            "ac_btime64", 344,
            "compact_count", 352,
            "compact_delay_total", 360,
            "ac_tgid", 368,
            "ac_tgetime", 376,
            "ac_exe_dev", 384,
            "ac_exe_inode", 392,
            "wpcopy_count", 400,
            "wpcopy_delay_total", 408
    );

    @SuppressWarnings("unchecked")
    static Map<String, Integer> table(Object... kv) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Integer) kv[i + 1]);
        }
        return m;
    }

    @Test
    void layoutMatchesGccForVersion13AndAppendsVersion14And16() {
        StructDef s = TaskstatsFamily.STRUCT;
        GCC_OFFSETS_V13.forEach((name, off) -> assertEquals(off, s.offsetOf(name), name));
        assertEquals(416, s.offsetOf("irq_count"), "version 14 starts where gcc's sizeof for version 13 ends");
        assertEquals(424, s.offsetOf("irq_delay_total"));
        assertEquals(432, s.offsetOf("cpu_delay_max"), "version 16: the max/min pairs follow");
        assertEquals(552, s.offsetOf("irq_delay_min"));
        assertEquals(560, s.size(), "what a version-16 kernel sends");
        long pads = s.members().stream().filter(m -> m.type() == AttrType.PAD).count();
        assertEquals(6, pads, "ac_pad and the five alignment gaps gcc leaves");
        assertEquals(s, TaskstatsFamily.SCHEMA.struct("taskstats"));
    }

    /** A struct of {@code len} bytes with every u64 member = its offset, u32 = offset + 1, ac_comm "test". */
    static byte[] struct(int version, int len) {
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.nativeOrder());
        int off = 0;
        for (StructDef.Member m : TaskstatsFamily.STRUCT.members()) {
            if (off + m.size() > len) {
                break;
            }
            switch (m.type()) {
                case U64 -> b.putLong(off, off);
                case U32 -> b.putInt(off, off + 1);
                case U8 -> b.put(off, (byte) 7);
                case BINARY -> b.put(off, "test".getBytes(StandardCharsets.US_ASCII));
                default -> {
                }
            }
            off += m.size();
        }
        b.putShort(0, (short) version);
        return b.array();
    }

    @Test
    void version16DecodesEveryMember() {
        TaskStats t = TaskStats.of(TaskStats.Kind.PID, 42, struct(16, 560), 0);
        assertEquals(16, t.version());
        assertEquals("test", t.comm());
        assertEquals(129, t.pid(), "ac_pid at 128, u32 = offset + 1");
        assertEquals(133, t.ppid());
        assertEquals(344, t.btime(), "ac_btime64 (version 10+) rather than the 32-bit ac_btime");
        assertEquals(272, t.nvcsw());
        assertEquals(552L, t.fields().get("irq_delay_min"));
        assertEquals(TaskstatsFamily.STRUCT.members().stream().filter(m -> m.type() != AttrType.PAD).count(),
                t.fields().size());
        assertFalse(t.fields().containsKey("ac_pad"));
    }

    @Test
    void fieldsBeyondTheReceivedLengthAreAbsent() {
        TaskStats t = TaskStats.of(TaskStats.Kind.PID, 1, struct(13, 416), 0);
        assertEquals(408L, t.fields().get("wpcopy_delay_total"));
        assertFalse(t.fields().containsKey("irq_count"), "version 14 field past a 416-byte struct");
        assertFalse(t.fields().containsKey("cpu_delay_max"));
    }

    @Test
    void fieldsOfLaterVersionsAreAbsentEvenWhenTheBytesCoverThem() {
        TaskStats t = TaskStats.of(TaskStats.Kind.PID, 1, struct(9, 416), 0);
        assertFalse(t.fields().containsKey("ac_btime64"), "ac_btime64 came with version 10");
        assertFalse(t.fields().containsKey("ac_tgid"), "version 12");
        assertEquals(137, t.btime(), "the 32-bit ac_btime instead");
        assertEquals(336L, t.fields().get("thrashing_delay_total"), "earlier members decode by length");
    }

    @Test
    void version15LayoutDecodesOnlyItsUnmovedLeadingMembers() {
        TaskStats t = TaskStats.of(TaskStats.Kind.PID, 1, struct(15, 560), 0);
        assertEquals(Map.of("version", 15L, "ac_exitcode", 5L, "ac_flag", 7L, "ac_nice", 7L, "cpu_count", 16L,
                "cpu_delay_total", 24L), t.fields());
        assertEquals("", t.comm());
        assertEquals(0, t.pid());
    }

    @Test
    void laterVersionsWithMoreBytesDecodeTheKnownMembers() {
        TaskStats t = TaskStats.of(TaskStats.Kind.TGID, 7, struct(17, 560 + 128), 0);
        assertEquals(17, t.version());
        assertEquals(552L, t.fields().get("irq_delay_min"));
        assertEquals(TaskStats.Kind.TGID, t.kind());
        assertEquals(7, t.id());
    }

    @Test
    void aStructTooShortForTheMainFieldsIsMalformed() {
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> TaskStats.of(TaskStats.Kind.PID, 1, struct(16, 100), 40));
        assertTrue(e.getMessage().contains("struct taskstats of 100 bytes (version 16) lacks"), e.getMessage());
        assertEquals(40, e.offset());
        assertEquals(Map.of(), TaskstatsFamily.decodeStruct(new byte[1]), "not even a version");
    }

    @Test
    void unsignedCountersAbove2To63AreBigIntegersInTheFieldMap() {
        byte[] b = struct(16, 560);
        ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).putLong(TaskstatsFamily.STRUCT.offsetOf("read_char"), -1L);
        TaskStats t = TaskStats.of(TaskStats.Kind.PID, 1, b, 0);
        assertEquals(new BigInteger("18446744073709551615"), t.fields().get("read_char"));
        assertEquals("18446744073709551615", Long.toUnsignedString(t.readChar()));
    }
}
