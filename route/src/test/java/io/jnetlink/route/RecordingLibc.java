package io.jnetlink.route;

import io.jnetlink.sys.Libc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The system's {@link Libc} with a copy of every message passed to {@code sendto}: what jnetlink sent, byte for byte. */
final class RecordingLibc {
    private RecordingLibc() {
    }

    /** A Libc that records each sent buffer into {@code sent}, then makes the real call. */
    static Libc recording(List<byte[]> sent) {
        Libc real = Libc.system();
        List<byte[]> out = Collections.synchronizedList(sent);
        return (Libc) Proxy.newProxyInstance(Libc.class.getClassLoader(), new Class<?>[] {Libc.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("sendto")) {
                        ByteBuffer b = (ByteBuffer) args[1];
                        int off = (Integer) args[2];
                        int len = (Integer) args[3];
                        byte[] copy = new byte[len];
                        b.get(off, copy);
                        out.add(copy);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The messages of type {@code type} among {@code sent}, in order. */
    static List<byte[]> ofType(List<byte[]> sent, int type) {
        List<byte[]> out = new ArrayList<>();
        synchronized (sent) {
            for (byte[] b : sent) {
                if (b.length >= 16 && ((b[4] & 0xff) | (b[5] & 0xff) << 8) == type) {
                    out.add(b);
                }
            }
        }
        return out;
    }
}
