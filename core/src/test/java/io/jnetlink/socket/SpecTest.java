package io.jnetlink.socket;

import io.jnetlink.FakeLibc;
import io.jnetlink.sys.Libc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NetlinkSocketSpec defaults, and every invalid value or combination refused by build() naming the option. */
class SpecTest {

    @Test
    void defaults() {
        NetlinkSocketSpec s = NetlinkSocketSpec.defaults();
        assertEquals(16, s.family());
        assertNull(s.port());
        assertNull(s.pid());
        assertNull(s.fileno());
        assertNull(s.useSocket());
        assertEquals(1 << 20, s.sndbuf());
        assertEquals(1 << 20, s.rcvbuf());
        assertEquals(32768, s.rcvsize());
        assertEquals(16384, NetlinkSocketSpec.builder().rcvsize(16384).build().rcvsize(), "pyroute2's default");
        assertEquals(8192, NetlinkSocketSpec.builder().rcvsize(NetlinkSocketSpec.MIN_RCVSIZE).build().rcvsize());
        assertFalse(s.allNs());
        assertEquals(262144, s.asyncQsize());
        assertEquals(64 << 20, s.asyncBytes());
        assertFalse(s.rcvbufSet(), "a socket that joins groups gets MULTICAST_RCVBUF");
        assertEquals(32 << 20, NetlinkSocketSpec.MULTICAST_RCVBUF);
        assertFalse(s.nlmGenerator());
        assertEquals("localhost", s.target());
        assertTrue(s.extAck());
        assertFalse(s.strictCheck());
        assertEquals(0, s.groups());
        assertFalse(s.nlmEcho());
        assertNull(s.netns());
        assertNull(s.netnsFd());
        assertEquals(NetlinkSocketSpec.O_CREAT, s.flags());
        assertEquals(0100, s.flags());
        assertEquals(Duration.ofSeconds(30), s.timeout());
        assertSame(Libc.system(), s.libc());
    }

    @Test
    void toBuilderKeepsEveryValue() {
        FakeLibc fake = new FakeLibc();
        NetlinkSocketSpec s = NetlinkSocketSpec.builder().family(0).port(3).pid(77).sndbuf(4096).rcvbuf(8192)
                .rcvsize(65536).allNs(true).asyncQsize(10).asyncBytes(3 << 20).nlmGenerator(true).target("ns1").extAck(false)
                .strictCheck(true).groups(0x5).nlmEcho(true).netns("blue").flags(0).libc(fake)
                .timeout(Duration.ofMillis(250)).build();
        NetlinkSocketSpec t = s.toBuilder().build();
        assertEquals(s.toString(), t.toString());
        assertEquals(0, t.family());
        assertEquals(3, t.port());
        assertEquals(77, t.pid());
        assertEquals(65536, t.rcvsize());
        assertEquals(8192, t.rcvbuf());
        assertTrue(t.rcvbufSet(), "a rcvbuf that was set stays set");
        assertEquals(3 << 20, t.asyncBytes());
        assertEquals("blue", t.netns());
        assertEquals(0, t.flags());
        assertSame(fake, t.libc());
        assertEquals(Duration.ofMillis(250), t.timeout());
        assertEquals(7, NetlinkSocketSpec.builder().useSocket(7).build().useSocket());
        assertEquals(5, NetlinkSocketSpec.builder().fileno(5).build().fileno());
        assertEquals(9, NetlinkSocketSpec.builder().netnsFd(9).build().netnsFd());
    }

    @Test
    void boundaryValuesAreAccepted() {
        NetlinkSocketSpec.builder().family(0).build();
        NetlinkSocketSpec.builder().family(31).build();
        NetlinkSocketSpec.builder().port(0).build();
        NetlinkSocketSpec.builder().port(1023).build();
        NetlinkSocketSpec.builder().pid((1 << 22) - 1).build();
        NetlinkSocketSpec.builder().rcvsize(1 << 24).build();
        NetlinkSocketSpec.builder().asyncQsize(1).build();
        NetlinkSocketSpec.builder().asyncBytes(2 << 20).build();
        NetlinkSocketSpec.builder().asyncBytes(1 << 30).build();
        NetlinkSocketSpec.builder().timeout(Duration.ofNanos(1)).build();
        NetlinkSocketSpec.builder().netns("/proc/1/ns/net").build();
        NetlinkSocketSpec.builder().fileno(0).build();
    }

    record Invalid(String option, UnaryOperator<NetlinkSocketSpec.Builder> set) {
        @Override
        public String toString() {
            return option;
        }
    }

    static Stream<Invalid> invalid() {
        return Stream.of(
                new Invalid("family", b -> b.family(32)),
                new Invalid("family", b -> b.family(-1)),
                new Invalid("port", b -> b.port(1024)),
                new Invalid("port", b -> b.port(-1)),
                new Invalid("pid", b -> b.pid(1 << 22)),
                new Invalid("pid", b -> b.pid(-1)),
                new Invalid("fileno", b -> b.fileno(-1)),
                new Invalid("useSocket", b -> b.useSocket(-1)),
                new Invalid("fileno", b -> b.fileno(3).useSocket(4)),
                new Invalid("fileno", b -> b.fileno(3).netns("blue")),
                new Invalid("fileno", b -> b.fileno(3).netnsFd(5)),
                new Invalid("useSocket", b -> b.useSocket(3).netns("blue")),
                new Invalid("sndbuf", b -> b.sndbuf(0)),
                new Invalid("sndbuf", b -> b.sndbuf(Integer.MAX_VALUE)),
                new Invalid("rcvbuf", b -> b.rcvbuf(-1)),
                new Invalid("rcvsize", b -> b.rcvsize(8191)),
                new Invalid("rcvsize", b -> b.rcvsize((1 << 24) + 1)),
                new Invalid("asyncQsize", b -> b.asyncQsize(0)),
                new Invalid("asyncBytes", b -> b.asyncBytes((2 << 20) - 1)),
                new Invalid("asyncBytes", b -> b.asyncBytes((1 << 30) + 1)),
                new Invalid("target", b -> b.target("")),
                new Invalid("target", b -> b.target(null)),
                new Invalid("netns", b -> b.netns("blue").netnsFd(5)),
                new Invalid("netns", b -> b.netns("")),
                new Invalid("netns", b -> b.netns(".")),
                new Invalid("netns", b -> b.netns("..")),
                new Invalid("netnsFd", b -> b.netnsFd(-1)),
                new Invalid("flags", b -> b.flags(1)),
                new Invalid("flags", b -> b.flags(NetlinkSocketSpec.O_CREAT | 2)),
                new Invalid("timeout", b -> b.timeout(Duration.ZERO)),
                new Invalid("timeout", b -> b.timeout(Duration.ofSeconds(-1))),
                new Invalid("timeout", b -> b.timeout(null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidValuesAreRefusedNamingTheOption(Invalid c) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.set().apply(NetlinkSocketSpec.builder()).build());
        assertTrue(e.getMessage().startsWith("NetlinkSocketSpec." + c.option() + ": "), e.getMessage());
    }
}
