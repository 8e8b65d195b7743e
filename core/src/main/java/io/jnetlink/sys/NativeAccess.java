package io.jnetlink.sys;

/**
 * Loads the FFM implementation of {@link Libc} once, and turns a JVM that denies jnetlink native access into
 * an error that names the flag to add.
 */
final class NativeAccess {
    private static volatile Libc instance;
    private static IllegalStateException failure;

    private NativeAccess() {
    }

    static Libc libc() {
        Libc l = instance;
        if (l != null) {
            return l;
        }
        synchronized (NativeAccess.class) {
            if (failure != null) {
                throw failure; // the class failed to initialise once and stays failed: report the first reason
            }
            if (instance == null) {
                try {
                    instance = load();
                } catch (IllegalStateException e) {
                    failure = e;
                    throw e;
                }
            }
            return instance;
        }
    }

    private static Libc load() {
        Module m = NativeAccess.class.getModule();
        String flag = "--enable-native-access=" + (m.isNamed() ? m.getName() : "ALL-UNNAMED");
        try {
            return io.jnetlink.sys.ffm.FfmLibc.INSTANCE;
        } catch (ExceptionInInitializerError | NoClassDefFoundError | UnsatisfiedLinkError | IllegalCallerException e) {
            Throwable cause = e instanceof ExceptionInInitializerError x && x.getCause() != null ? x.getCause() : e;
            if (cause instanceof IllegalCallerException) {
                throw new IllegalStateException("jnetlink makes its system calls through java.lang.foreign, and this JVM "
                        + "denies it native access: start the JVM with " + flag, cause);
            }
            throw new IllegalStateException("jnetlink cannot reach the C library through java.lang.foreign (" + cause
                    + "); it needs Linux on x86_64 or aarch64, and " + flag, cause);
        }
    }
}
