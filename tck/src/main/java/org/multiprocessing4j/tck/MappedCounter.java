package org.multiprocessing4j.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An {@code int} in a memory-mapped file that the processes of a test share. Its increment is a
 * plain read and write, deliberately not atomic: only a lock around it keeps updates from being
 * lost.
 */
public final class MappedCounter {

    private final MappedByteBuffer buffer;

    private MappedCounter(MappedByteBuffer buffer) {
        this.buffer = buffer;
    }

    /** Maps the counter in {@code file}, creating the file (as zero) if needed. */
    public static MappedCounter open(String file) {
        try (FileChannel channel = FileChannel.open(Path.of(file), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            return new MappedCounter(channel.map(FileChannel.MapMode.READ_WRITE, 0, Integer.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void increment() {
        int value = buffer.getInt(0);
        // widens the window in which an unguarded increment of another process would be lost
        Thread.onSpinWait();
        buffer.putInt(0, value + 1);
    }

    public int get() {
        return buffer.getInt(0);
    }
}
