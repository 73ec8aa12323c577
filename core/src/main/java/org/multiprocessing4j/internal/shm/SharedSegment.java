package org.multiprocessing4j.internal.shm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A file in shared memory, mapped into this process: the unit every process maps to share
 * primitives.
 *
 * <p>A process maps each segment once and keeps it mapped until it exits, so a primitive that
 * crossed into a child stays usable for the child's whole life, even after the creator has
 * exited and its session directory (where the file lives) has been removed: the memory is freed
 * when the last process that maps it exits.
 */
public final class SharedSegment {

    private static final ConcurrentHashMap<Path, SharedSegment> MAPPED = new ConcurrentHashMap<>();

    private final Path path;
    private final MappedByteBuffer buffer;
    private volatile long address;

    private SharedSegment(Path path, MappedByteBuffer buffer) {
        this.path = path;
        this.buffer = buffer;
    }

    /**
     * Creates a segment file of {@code size} zero bytes and maps it.
     *
     * @param path a file that does not exist yet
     * @param size its size in bytes
     * @return the mapped segment
     * @throws UncheckedIOException if the file exists or cannot be created
     */
    static SharedSegment create(Path path, int size) {
        try (FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE))) {
            // mapping past the end grows the file; on tmpfs its pages stay unallocated until touched
            SharedSegment segment = new SharedSegment(path, channel.map(FileChannel.MapMode.READ_WRITE, 0, size));
            MAPPED.put(path, segment);
            return segment;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the shared segment " + path, e);
        }
    }

    /**
     * The mapping of an existing segment file, made on first use in this process.
     *
     * @param path the segment file
     * @return the mapped segment
     * @throws IllegalStateException if the file is gone: the process that created it has exited
     * @throws UncheckedIOException if the file cannot be mapped
     */
    static SharedSegment attach(Path path) {
        SharedSegment mapped = MAPPED.get(path);
        return mapped != null ? mapped : MAPPED.computeIfAbsent(path, SharedSegment::map);
    }

    private static SharedSegment map(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return new SharedSegment(path, channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size()));
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("the shared segment " + path
                    + " is gone: the process that created it has exited", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map the shared segment " + path, e);
        }
    }

    Path path() {
        return path;
    }

    MappedByteBuffer buffer() {
        return buffer;
    }

    /** The address where this process mapped the segment, for system calls that take one. */
    long address() {
        long known = address;
        if (known == 0) {
            known = Futex.addressOf(buffer);
            address = known;
        }
        return known;
    }
}
