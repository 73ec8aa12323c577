package org.multiprocessing4j.internal.shm;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.OptionalInt;
import org.multiprocessing4j.internal.platform.Platform;

/**
 * Libc's {@code mmap} through JNA's direct mapping, for one thing: putting fresh private pages in
 * place of a mapped file's pages, so that a buffer over them stays valid memory but no longer
 * reaches the file (see {@link BlockMapping}).
 */
final class LinuxMmap {

    private static final int PROT_READ_WRITE = 3;

    private final int flags;

    private LinuxMmap(int flags) {
        this.flags = flags;
    }

    /**
     * Binds {@code mmap}.
     *
     * @return the binding, or {@code null} where there is none
     */
    static LinuxMmap load() {
        OptionalInt flags = Platform.privatePagesMapFlags();
        if (flags.isEmpty()) {
            return null;
        }
        try {
            Native.register(LinuxMmap.class, NativeLibrary.getInstance("c"));
            return new LinuxMmap(flags.getAsInt());
        } catch (LinkageError | RuntimeException e) {
            // JNA missing from the class path, or its native part refused
            return null;
        }
    }

    /**
     * Replaces the pages under {@code buffer}, a mapping of a file, with private zero pages, in one
     * step: a thread reading or writing it meanwhile sees either, never unmapped memory. The range
     * stays this process's until the buffer is collected and the JDK unmaps it, as it would have
     * unmapped the file. Should the call fail (the kernel out of memory for a new mapping), the
     * file's pages stay mapped until then, as where there is no binding.
     *
     * @param buffer a buffer made by {@code FileChannel.map} from a position that is a whole number
     *     of pages, not a slice of one: its address is that of the mapping
     */
    void replaceWithPrivatePages(ByteBuffer buffer) {
        long address = Pointer.nativeValue(Native.getDirectBufferPointer(buffer));
        mmap(address, buffer.capacity(), PROT_READ_WRITE, flags, -1, 0);
        // until here the JDK must not unmap the range, which another mapping could then take
        Reference.reachabilityFence(buffer);
    }

    /** libc's {@code void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)}. */
    private static native long mmap(long address, long length, int prot, int flags, int fd, long offset);
}
