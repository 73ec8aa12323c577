package org.multiprocessing4j.internal.local;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.SharedString;
import org.multiprocessing4j.internal.shm.ArraySegment;
import org.multiprocessing4j.internal.shm.Cell;
import org.multiprocessing4j.internal.shm.CellHandle;
import org.multiprocessing4j.internal.shm.CellKind;
import org.multiprocessing4j.internal.shm.SegmentDirectory;
import org.multiprocessing4j.internal.sync.RobustMutex;
import org.multiprocessing4j.spi.SharedHandle;

/**
 * The local backend's {@link SharedString}: its UTF-8 bytes in a segment of their own, written by
 * one process at a time, read without waiting.
 *
 * <pre>
 *   header cell (STRING)              slot 0                          slot 1
 *   +----------+---------+-----+      +--------+-----------------+    +--------+-----------------+
 *   | capacity | version | tag |      | length | capacity bytes  |    | length | capacity bytes  |
 *   +----------+---------+-----+      +--------+-----------------+    +--------+-----------------+
 *   0          8         60    64     64       68                     64 + stride
 * </pre>
 *
 * <p>Implementation note. The string is the one in slot {@code version & 1}. A writer, holding
 * the writers' mutex (a {@link RobustMutex} of the string's own, not its lock), fills the other
 * slot and then publishes it by storing {@code version + 1}. A reader reads the version, copies
 * the slot it names, and keeps the copy only if the version has not moved meanwhile: a writer
 * overwrites that slot only after publishing a new version. So a reader never waits for a writer
 * and never keeps half a string; after {@value #OPTIMISTIC_READS} tries spoiled by writers it
 * reads holding the mutex. A writer that dies while it writes leaves the published slot whole,
 * and the next one takes the mutex over.
 */
final class LocalSharedString implements SharedString, Serializable {

    private static final long serialVersionUID = 1L;

    /** The most bytes a string may take here: both slots fit one mapping with room to spare. */
    static final int MAX_CAPACITY = 1 << 29;

    private static final int CAPACITY = 0;
    private static final int VERSION = 8;
    private static final int OPTIMISTIC_READS = 64;

    private final transient ArraySegment segment;
    private final transient Cell header;
    private final transient ByteBuffer slots;
    private final transient RobustMutex writers;
    private final transient RobustLock lock;
    private final transient int capacity;
    private final transient int stride;

    private LocalSharedString(ArraySegment segment, RobustMutex writers, RobustLock lock) {
        this.segment = segment;
        this.header = segment.header();
        this.slots = segment.data();
        this.writers = writers;
        this.lock = lock;
        this.capacity = header.getIntVolatile(CAPACITY);
        this.stride = stride(capacity);
    }

    /**
     * A new string.
     *
     * @param shm where its segment and its writers' mutex are made
     * @param capacity the most bytes of UTF-8 it may take
     * @param initial its value
     * @param lock its lock, {@code null} for none
     * @return the string
     * @throws IllegalArgumentException if {@code capacity} is out of range or {@code initial}
     *     does not fit it
     */
    static LocalSharedString create(SegmentDirectory shm, int capacity, String initial, RobustLock lock) {
        if (capacity < 0 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("a shared string's capacity must be from 0 to " + MAX_CAPACITY
                    + " bytes: " + capacity);
        }
        byte[] bytes = encode(initial, capacity);
        ArraySegment segment = shm.createArray(CellKind.STRING, 2 * stride(capacity));
        segment.header().putIntVolatile(CAPACITY, capacity);
        LocalSharedString string = new LocalSharedString(segment, RobustMutex.create(shm, false), lock);
        string.write(bytes);
        return string;
    }

    /** The bytes of a slot: its length, then room for the longest string, to a multiple of 8. */
    private static int stride(int capacity) {
        return (Integer.BYTES + capacity + 7) & ~7;
    }

    private static byte[] encode(String value, int capacity) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > capacity) {
            throw new IllegalArgumentException("a string of " + bytes.length
                    + " bytes in UTF-8 does not fit a shared string of " + capacity + " bytes");
        }
        return bytes;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public RobustLock lock() {
        return LocalSharedValue.requireLock(lock);
    }

    @Override
    public String get() {
        for (int attempt = 0; attempt < OPTIMISTIC_READS; attempt++) {
            long version = header.getLongVolatile(VERSION);
            byte[] bytes = copy(version);
            // the copy's reads come before the version is read again
            VarHandle.acquireFence();
            if (bytes != null && header.getLongVolatile(VERSION) == version) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
        }
        writers.lock();
        try {
            return current();
        } finally {
            writers.unlock();
        }
    }

    @Override
    public void set(String value) {
        replace(null, value, false);
    }

    @Override
    public String getAndSet(String value) {
        return replace(null, value, true);
    }

    @Override
    public boolean compareAndSet(String expected, String value) {
        return replace(Objects.requireNonNull(expected, "expected"), value, true) != null;
    }

    /**
     * Writes {@code value}, holding the writers' mutex, if the string is {@code expected}.
     *
     * @param expected the string it must be, or {@code null} for any
     * @param value the new string
     * @param readOld whether to read the old string first; it is, if {@code expected} is given
     * @return the old string if it was read, {@code null} if it was not or was not {@code expected}
     */
    private String replace(String expected, String value, boolean readOld) {
        byte[] bytes = encode(value, capacity);
        writers.lock();
        try {
            String old = readOld ? current() : null;
            if (expected != null && !expected.equals(old)) {
                return null;
            }
            write(bytes);
            return old;
        } finally {
            writers.unlock();
        }
    }

    /** The published string, read holding the writers' mutex, when nobody changes it. */
    private String current() {
        return new String(copy(header.getLongVolatile(VERSION)), StandardCharsets.UTF_8);
    }

    /**
     * A copy of the bytes in the slot of {@code version}, or {@code null} if its length is out of
     * range: a writer is filling the slot, and the copy would be spoiled anyway.
     */
    private byte[] copy(long version) {
        int slot = (int) (version & 1) * stride;
        int length = slots.getInt(slot);
        if (length < 0 || length > capacity) {
            return null;
        }
        byte[] bytes = new byte[length];
        slots.get(slot + Integer.BYTES, bytes);
        return bytes;
    }

    /** Fills the other slot and publishes it: holding the writers' mutex, or before another has the string. */
    private void write(byte[] bytes) {
        long version = header.getLongVolatile(VERSION) + 1;
        int slot = (int) (version & 1) * stride;
        slots.putInt(slot, bytes.length);
        slots.put(slot + Integer.BYTES, bytes);
        header.putLongVolatile(VERSION, version);
    }

    @Override
    public String toString() {
        return get();
    }

    /** Crosses into another process as a handle to the same segment and writers' mutex, with the same lock. */
    private Object writeReplace() {
        return new Handle(segment.handle(), writers.handle(), lock);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a shared string is deserialized from its handle only");
    }

    private static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        private final ArraySegment.Handle segment;
        private final CellHandle writers;
        private final RobustLock lock;

        Handle(ArraySegment.Handle segment, CellHandle writers, RobustLock lock) {
            this.segment = segment;
            this.writers = writers;
            this.lock = lock;
        }

        @Override
        protected Object bind() {
            return new LocalSharedString(ArraySegment.attach(segment, CellKind.STRING), RobustMutex.attach(writers, false),
                    lock);
        }
    }
}
