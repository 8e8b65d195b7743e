package io.jnetlink;

import io.jnetlink.socket.NetlinkSocketSpec;
import io.jnetlink.sys.NetNS;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace made for one test class and removed after it (never the host's namespace).
 * When the namespace cannot be made the tests fail, with or without CI: kernel tests need root.
 */
public final class KernelNamespace implements BeforeAllCallback, AfterAllCallback {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final List<String> extra = new ArrayList<>();
    private String name;

    /** A fresh, unique namespace name for this process. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        name = uniqueName("jnl-test");
        create(name);
    }

    /** Creates another namespace removed with this one. */
    public String another(String prefix) {
        String n = uniqueName(prefix);
        create(n);
        extra.add(n);
        return n;
    }

    private static void create(String n) {
        try {
            NetNS.create(n);
        } catch (NetlinkException | RuntimeException e) {
            throw new IllegalStateException("kernel tests need root and network namespaces; could not create "
                    + n + ": " + e.getMessage() + ("true".equals(System.getenv("CI")) ? " (CI=true)" : ""), e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (String n : extra) {
            if (NetNS.exists(n)) {
                NetNS.remove(n);
            }
        }
        if (name != null && NetNS.exists(name)) {
            NetNS.remove(name);
        }
    }

    /** The namespace's name (under /run/netns). */
    public String name() {
        return name;
    }

    /** A spec builder for {@code family} inside this namespace. */
    public NetlinkSocketSpec.Builder spec(int family) {
        return NetlinkSocketSpec.builder().family(family).netns(name).flags(0);
    }

    /** Runs {@code ip -n NAME args...}; returns stdout, fails the test when ip fails. */
    public String ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** Runs a command inside the namespace ({@code ip netns exec}); returns stdout. */
    public String exec(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** Runs a command; returns stdout, throws AssertionError with stderr when it fails. */
    public static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(cmd + " failed (" + p.exitValue() + "): " + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + cmd, e);
        }
    }
}
