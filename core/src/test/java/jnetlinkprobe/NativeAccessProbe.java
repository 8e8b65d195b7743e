package jnetlinkprobe;

import io.jnetlink.socket.NetlinkSocketSpec;
import io.jnetlink.sys.Libc;

/**
 * What a user's program does first, from a package of its own (so that it runs in the unnamed module even when the
 * core is on the module path): builds a spec, which takes {@link Libc#system()}, then asks for it directly, and prints
 * each failure's class and message. Run by {@code NativeAccessDeniedTest} in a JVM of its own.
 */
public final class NativeAccessProbe {
    private NativeAccessProbe() {
    }

    /**
     * Reports what happened, one line per attempt.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try {
            NetlinkSocketSpec.builder().build();
            System.out.println("no error");
        } catch (Throwable t) {
            System.out.println(t.getClass().getName() + ": " + t.getMessage());
        }
        try {
            Libc.system();
            System.out.println("no error");
        } catch (Throwable t) {
            System.out.println(t.getClass().getName() + ": " + t.getMessage());
        }
    }
}
