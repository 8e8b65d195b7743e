package io.jnetlink.diag;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The sockets of {@code hold_sockets.py}, opened by a Python process inside a test's namespace and held until
 * {@link #close()}: listeners on 127.0.0.1:8080 (three accepted connections with unread data, one waiting for
 * accept), [::1]:8081 (one connection), 127.0.0.1:8090 (two connections, for closing), UDP 127.0.0.1:5353 and a
 * connected [::1] one, UNIX stream listener at {@link #path()} with one client, an abstract datagram socket and a
 * socket pair.
 */
final class HeldSockets implements AutoCloseable {
    private final Process process;
    private final Path script;
    private final Path path;

    HeldSockets(String netns) throws IOException {
        script = Files.createTempFile("jnl-hold-sockets", ".py");
        try (InputStream in = HeldSockets.class.getResourceAsStream("hold_sockets.py")) {
            Files.write(script, in.readAllBytes());
        }
        path = Path.of("/tmp", "jnl-diag-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".sock");
        process = new ProcessBuilder("ip", "netns", "exec", netns, "python3", script.toString(), path.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        if (!"ready".equals(line)) {
            close();
            throw new IllegalStateException("hold_sockets.py did not start (printed " + line + ")");
        }
    }

    /** @return the path of the UNIX stream listener */
    String path() {
        return path.toString();
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(script);
        Files.deleteIfExists(path);
    }
}
