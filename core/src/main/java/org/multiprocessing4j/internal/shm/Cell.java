package org.multiprocessing4j.internal.shm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;

/**
 * One 64-byte, cache-line aligned block of a {@link SharedSegment}: the shared state of one
 * primitive, as seen by every process that maps the segment.
 *
 * <pre>
 *   0                                                         60      64
 *   +---------------------------------------------------------+-------+
 *   | the primitive's fields, laid out by its *Layout class    |  tag  |
 *   +---------------------------------------------------------+-------+
 * </pre>
 *
 * The tag names the {@link CellKind}. Fields are addressed by their offset in the cell; {@code int}
 * fields must be 4-byte and {@code long} fields 8-byte aligned, as atomic access requires. The
 * accessors follow {@link VarHandle}'s access modes: plain, release, volatile (sequentially
 * consistent) and atomic read-modify-write. Processes share the same memory and the JVM emits the same
 * fences for them as for threads, so these modes order accesses across processes exactly as
 * they order them across threads.
 */
public final class Cell {

    /** The size of a cell: one cache line, so that two primitives never share one. */
    public static final int SIZE = 64;
    /** Where the kind tag is; a layout's fields end before it. */
    public static final int TAG_OFFSET = 60;

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final SharedSegment segment;
    private final MappedByteBuffer buffer;
    private final int base;
    private final CellKind kind;
    /** The table that counts this copy, for a cell of a cell segment; {@code null} in a ring's segment. */
    private final CellTable table;
    private final int generation;
    /** Gives this copy up in its table: when it is collected, or at once for a bind that failed. */
    private Cleaner.Cleanable release;

    /** A cell of a structure that crosses processes whole (a ring's control cells). */
    Cell(SharedSegment segment, int base, CellKind kind) {
        this(segment, base, kind, null, 0);
    }

    /** A copy of a primitive's cell in a cell segment, counted by {@code table}. */
    Cell(SharedSegment segment, int base, CellKind kind, CellTable table, int generation) {
        this.segment = segment;
        this.buffer = segment.buffer();
        this.base = base;
        this.kind = kind;
        this.table = table;
        this.generation = generation;
    }

    /** Writes the tag of a new cell; the cell is zero otherwise. */
    void markAs(CellKind kind) {
        putIntVolatile(TAG_OFFSET, kind.tag());
    }

    /** Whether the cell was made as a {@code kind}. */
    boolean isA(CellKind kind) {
        return getIntVolatile(TAG_OFFSET) == kind.tag();
    }

    void releasing(Cleaner.Cleanable release) {
        this.release = release;
    }

    /** Gives this copy up now, for a copy that will not be used (see {@link CellTable#bind}). */
    void release() {
        release.clean();
    }

    /**
     * What another process needs to map this cell; for a primitive's cell, the cell is held in
     * flight until a process binds the handle (or it is given back, see {@link SentEnds}), so
     * that it is not reused meanwhile.
     *
     * @return the handle
     */
    public CellHandle handle() {
        if (table != null) {
            table.send(CellTable.indexOf(base));
        }
        return new CellHandle(segment.path().toString(), base, kind, generation);
    }

    /** The address of a field in this process, for the futex system call. */
    long address(int field) {
        return segment.address() + base + field;
    }

    // The accessors: field is the byte offset of the field in this cell; the method name says the
    // access mode (none: plain; Volatile; Release; compareAndSet and getAnd*: atomic, volatile).
    // A write keeps this copy reachable until it is done: once a primitive's last copy is
    // collected, its cell may go to another primitive, which a late write must not touch.

    public int getInt(int field) {
        return (int) INT.get(buffer, base + field);
    }

    public void putInt(int field, int value) {
        INT.set(buffer, base + field, value);
        Reference.reachabilityFence(this);
    }

    public int getIntVolatile(int field) {
        return (int) INT.getVolatile(buffer, base + field);
    }

    public void putIntVolatile(int field, int value) {
        INT.setVolatile(buffer, base + field, value);
        Reference.reachabilityFence(this);
    }

    public void putIntRelease(int field, int value) {
        INT.setRelease(buffer, base + field, value);
        Reference.reachabilityFence(this);
    }

    public boolean compareAndSetInt(int field, int expected, int value) {
        boolean set = INT.compareAndSet(buffer, base + field, expected, value);
        Reference.reachabilityFence(this);
        return set;
    }

    public int getAndAddInt(int field, int delta) {
        int before = (int) INT.getAndAdd(buffer, base + field, delta);
        Reference.reachabilityFence(this);
        return before;
    }

    public int getAndSetInt(int field, int value) {
        int before = (int) INT.getAndSet(buffer, base + field, value);
        Reference.reachabilityFence(this);
        return before;
    }

    public long getLong(int field) {
        return (long) LONG.get(buffer, base + field);
    }

    public void putLong(int field, long value) {
        LONG.set(buffer, base + field, value);
        Reference.reachabilityFence(this);
    }

    public long getLongVolatile(int field) {
        return (long) LONG.getVolatile(buffer, base + field);
    }

    public void putLongVolatile(int field, long value) {
        LONG.setVolatile(buffer, base + field, value);
        Reference.reachabilityFence(this);
    }

    public void putLongRelease(int field, long value) {
        LONG.setRelease(buffer, base + field, value);
        Reference.reachabilityFence(this);
    }

    public boolean compareAndSetLong(int field, long expected, long value) {
        boolean set = LONG.compareAndSet(buffer, base + field, expected, value);
        Reference.reachabilityFence(this);
        return set;
    }

    public long getAndAddLong(int field, long delta) {
        long before = (long) LONG.getAndAdd(buffer, base + field, delta);
        Reference.reachabilityFence(this);
        return before;
    }

    public long getAndSetLong(int field, long value) {
        long before = (long) LONG.getAndSet(buffer, base + field, value);
        Reference.reachabilityFence(this);
        return before;
    }
}
