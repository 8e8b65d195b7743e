package io.jnetlink.cli;

import io.jnetlink.KernelNamespace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Missing privilege: {@code jnl} run without CAP_NET_ADMIN (setpriv drops it from the bounding set, the process
 * stays root) is refused by the kernel: exit 1, one line naming the operation and EPERM, nothing changed.
 */
class PrivilegeTest {
    @RegisterExtension
    static final KernelNamespace NS = new KernelNamespace();

    record Run(int status, String out, String err) {
    }

    static Run jnlWithoutNetAdmin(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--bounding-set", "-net_admin", "--",
                ProcessHandle.current().info().command().orElseThrow(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("jnl did not finish: " + cmd);
        }
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void withoutNetAdminTheKernelRefusesWithEperm() throws Exception {
        Run r = jnlWithoutNetAdmin("-n", NS.name(), "link", "add", "pbr0", "type", "bridge");
        assertEquals(1, r.status(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("jnl: link add pbr0 type bridge: EPERM (Operation not permitted)"), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("jnl: ")).count(), r.err());
        assertFalse(NS.ip("link", "show").contains("pbr0"));

        Run show = jnlWithoutNetAdmin("-n", NS.name(), "link", "show", "lo");
        assertEquals(0, show.status(), show.err());
        assertTrue(show.out().contains("lo"), "reading needs no privilege: " + show.out());
    }
}
