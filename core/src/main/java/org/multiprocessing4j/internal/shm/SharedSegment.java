package org.multiprocessing4j.internal.shm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A file in shared memory, mapped into this process: the unit every process maps to share
 * primitives.
 *
 * <p>Implementation note. A process maps a segment once and keeps the mapping for as long as it
 * uses the segment: the objects that use it (cells, rings) reference the mapping, and this class
 * only weakly, so once they are collected the buffer is too, and the JDK unmaps it. Unmapping at
 * a {@code close()} instead would turn any access racing with it into a crash of the JVM; left to
 * the collector, no access can outlive the mapping.
 *
 * <p>The collector does not count mappings, though. A program that makes and closes pipes in a
 * loop makes little garbage per mapping, and could reach the kernel's limit of mappings per
 * process ({@code vm.max_map_count}) long before a collection, and with it the JVM's own mappings
 * would fail. So the live mappings are counted, and past an eighth of the limit a new mapping first
 * asks for a collection, as the JDK does for direct buffers past their limit; past three quarters,
 * after that collection, it is refused with an exception.
 *
 * <p>Whoever knows that no process will use a segment again removes its file ({@link #unlink});
 * the memory is freed when the last process that maps it has unmapped it.
 */
public final class SharedSegment {

    private static final ConcurrentHashMap<Path, Mapping> MAPPED = new ConcurrentHashMap<>();
    private static final ReferenceQueue<SharedSegment> COLLECTED = new ReferenceQueue<>();
    private static final AtomicInteger LIVE = new AtomicInteger();
    /** Below this many live mappings, nothing is checked: the limit is not even read. */
    private static final int UNCHECKED = 1024;
    private static volatile MappingLimits limits;

    private final Path path;
    private final MappedByteBuffer buffer;
    private volatile long address;
    /** For a segment of cells, this process's view of their users; made on first use. */
    CellTable cells;

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
     * @throws IllegalStateException if this process maps too many segments already
     */
    static SharedSegment create(Path path, int size) {
        makeRoom();
        try (FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE))) {
            // mapping past the end grows the file; on tmpfs its pages stay unallocated until touched
            SharedSegment segment = new SharedSegment(path, channel.map(FileChannel.MapMode.READ_WRITE, 0, size));
            MAPPED.put(path, new Mapping(segment));
            return segment;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the shared segment " + path, e);
        }
    }

    /**
     * The mapping of an existing segment file, made on first use in this process, or again once
     * the last one was collected.
     *
     * @param path the segment file
     * @return the mapped segment
     * @throws IllegalStateException if the file is gone (the process that created it has exited,
     *     or no process used it any more), or this process maps too many segments already
     * @throws UncheckedIOException if the file cannot be mapped
     */
    static SharedSegment attach(Path path) {
        SharedSegment mapped = mapped(path);
        if (mapped != null) {
            return mapped;
        }
        makeRoom();
        synchronized (MAPPED) {
            mapped = mapped(path);
            if (mapped == null) {
                mapped = map(path);
                MAPPED.put(path, new Mapping(mapped));
            }
            return mapped;
        }
    }

    private static SharedSegment mapped(Path path) {
        Mapping mapping = MAPPED.get(path);
        return mapping == null ? null : mapping.get();
    }

    private static SharedSegment map(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return new SharedSegment(path, channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size()));
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("the shared segment " + path
                    + " is gone: the process that created it has exited, or no process uses it any more", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map the shared segment " + path, e);
        }
    }

    /** How many segments this process maps now, counting those unreachable but not yet collected. */
    static int liveMappings() {
        forgetCollected();
        return LIVE.get();
    }

    /** Counts out the mappings collected since the last look. */
    private static void forgetCollected() {
        Reference<? extends SharedSegment> gone;
        while ((gone = COLLECTED.poll()) != null) {
            Mapping mapping = (Mapping) gone;
            MAPPED.remove(mapping.path, mapping);
            LIVE.decrementAndGet();
        }
    }

    /** Before a new mapping: collects unreachable ones if there are many, refuses if there are too many. */
    private static void makeRoom() {
        forgetCollected();
        if (LIVE.get() < UNCHECKED) {
            return;
        }
        MappingLimits known = limits;
        if (known == null) {
            known = MappingLimits.ofThisMachine();
            limits = known;
        }
        known.makeRoom();
    }

    /**
     * Removes the segment's file: no process can map it any more; those that map it keep their
     * mapping. Quiet if it is gone already.
     */
    void unlink() {
        unlinkSibling(path);
    }

    /** Removes another segment's file; as {@link #unlink()}. */
    static void unlinkSibling(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the session's directory is removed with everything in it when its process exits
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

    /** A mapping as this class knows it: weakly, so that its users alone keep it mapped. */
    private static final class Mapping extends WeakReference<SharedSegment> {

        final Path path;

        Mapping(SharedSegment segment) {
            super(segment, COLLECTED);
            this.path = segment.path;
            LIVE.incrementAndGet();
        }
    }

    /** When to ask for a collection and when to refuse, from the kernel's limit of mappings. */
    private static final class MappingLimits {

        private static final int DEFAULT_MAX_MAP_COUNT = 65_530;
        private static final int COLLECTION_WAIT_MILLIS = 1000;

        private final int collectAt;
        private final int refuseAt;
        /** The fewest live mappings seen since the last collection. */
        private int fewest;

        private MappingLimits(int maxMapCount) {
            this.collectAt = Math.max(UNCHECKED, maxMapCount / 8);
            this.refuseAt = Math.max(collectAt + UNCHECKED, maxMapCount / 4 * 3);
        }

        static MappingLimits ofThisMachine() {
            int max = DEFAULT_MAX_MAP_COUNT;
            try {
                // line by line: a whole-file read of this /proc file comes back short
                max = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/vm/max_map_count")).get(0).trim());
            } catch (IOException | RuntimeException e) {
                // not Linux, or not readable: Linux's default
            }
            return new MappingLimits(max);
        }

        /** The mappings counted out so far, minus a constant: it grows as collected ones are. */
        private static int countedOut() {
            forgetCollected();
            return -LIVE.get();
        }

        synchronized void makeRoom() {
            int now = LIVE.get();
            fewest = Math.min(fewest, now);
            // the next collection once half as many again are live as the fewest since the last one,
            // not as were left right after it: on a loaded machine, some of what it found is only
            // counted out later
            if (now < Math.max(collectAt, fewest + collectAt / 2)) {
                return;
            }
            // more than once: a collection finds the queues and pipe ends nobody references, whose
            // cleaning (on another thread, which may lag) gives their rings up, and the next one
            // the rings' mappings; again while a collection still frees a good share
            for (int round = 0; round < 4; round++) {
                int before = LIVE.get();
                int freed = RequestedCollection.collect(MappingLimits::countedOut, COLLECTION_WAIT_MILLIS);
                if (round > 0 && freed < before / 16 || LIVE.get() < UNCHECKED) {
                    break;
                }
            }
            int live = LIVE.get();
            fewest = live;
            if (live >= refuseAt) {
                throw new IllegalStateException("this process maps " + live + " shared segments, near the kernel's"
                        + " limit of mappings per process (vm.max_map_count): close the pipes and queues it no longer"
                        + " uses, or let them be collected");
            }
        }
    }
}
