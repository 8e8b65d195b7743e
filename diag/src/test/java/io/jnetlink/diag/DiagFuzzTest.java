package io.jnetlink.diag;

import io.jnetlink.Fuzz;
import io.jnetlink.message.Marshal;
import io.jnetlink.message.NetlinkMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A short coverage-guided fuzzing run of the socket-diagnostics decoders in the test suite (longer: bench/run-fuzz.sh). */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DiagFuzzTest {
    @Test
    void theDecodersRaiseOnlyMalformedMessageException() throws Exception {
        Fuzz.run(DiagFuzzer.class, Fuzz.seconds(20));
    }

    /** The seeds are what bench/capture-seeds.sh captured: the replies the fuzzer starts from cover every decoder. */
    @Test
    void theSeedsHoldEveryKindOfSocket() throws Exception {
        List<InetSocket> inet = new ArrayList<>();
        List<UnixSocket> unix = new ArrayList<>();
        for (byte[] seed : seeds()) {
            // one datagram of one dump: its first socket's family says which
            boolean isUnix = seed.length > 16 && seed[16] == Diag.AF_UNIX;
            for (NetlinkMessage m : Marshal.classic(isUnix ? Diag.UNIX : Diag.INET).parse(seed)) {
                if (m.type() == Diag.SOCK_DIAG_BY_FAMILY && isUnix) {
                    unix.add(UnixSocket.from(m));
                } else if (m.type() == Diag.SOCK_DIAG_BY_FAMILY) {
                    inet.add(InetSocket.from(m, Diag.IPPROTO_TCP));
                }
            }
        }
        assertTrue(inet.stream().anyMatch(s -> s.socketState() == SocketState.LISTEN), "a listener");
        assertTrue(inet.stream().anyMatch(s -> s.socketState() == SocketState.ESTABLISHED && s.tcpInfo() != null
                && s.tcpInfo().rtt() > 0), "a connection with tcp_info");
        assertTrue(inet.stream().anyMatch(s -> s.family() == Diag.AF_INET6), "an IPv6 socket");
        assertTrue(inet.stream().anyMatch(s -> s.localPort() == 5353), "a UDP socket");
        assertTrue(unix.stream().anyMatch(u -> u.path() != null && u.path().startsWith("@")), "an abstract UNIX socket");
        assertTrue(unix.stream().anyMatch(u -> u.peer() != 0), "a connected UNIX socket");
    }

    static List<byte[]> seeds() throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(DiagFuzzTest.class.getResource("/fuzz/DiagFuzzer").toURI()))) {
            for (Path p : s.sorted().toList()) {
                out.add(Files.readAllBytes(p));
            }
        }
        return out;
    }
}
