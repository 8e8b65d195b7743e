package io.jnetlink.sys;

import io.jnetlink.Errno;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The real system calls where no kernel object is needed: errno comes back as -errno through the one
 * {@code syscall(2)} handle, and a direct buffer whose memory is freed is refused before the kernel could touch it
 * (its address goes to the kernel as a plain number, which the linker cannot check).
 */
class LibcSystemTest {
    private final Libc libc = Libc.system();

    @Test
    void errnoComesBackNegated() {
        ByteBuffer live = libc.allocate(64);
        assertEquals(-Errno.EBADF, libc.sendto(-1, live, 0, 16, 0));
        assertEquals(-Errno.EBADF, libc.recvmsg(-1, live, 0, 16, 0, new Libc.RecvInfo()));
        assertEquals(-Errno.EBADF, libc.close(-1));
        assertEquals(-Errno.ENOENT, libc.open("/nonexistent/jnetlink", 0, 0));
        assertEquals((int) ProcessHandle.current().pid(), libc.getpid());
    }

    @Test
    void aBufferOfAClosedArenaIsRefusedBeforeTheCall() {
        ByteBuffer freed;
        try (Arena a = Arena.ofShared()) {
            freed = a.allocate(64).asByteBuffer();
        }
        Libc.RecvInfo[] infos = {new Libc.RecvInfo(), new Libc.RecvInfo()};
        assertThrows(IllegalStateException.class, () -> libc.sendto(-1, freed, 0, 16, 0));
        assertThrows(IllegalStateException.class, () -> libc.recvmsg(-1, freed, 0, 16, 0, new Libc.RecvInfo()));
        assertThrows(IllegalStateException.class, () -> libc.recvmmsg(-1, freed, 32, 0, new long[2], infos));
    }
}
