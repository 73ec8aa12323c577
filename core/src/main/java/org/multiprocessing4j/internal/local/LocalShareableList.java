package org.multiprocessing4j.internal.local;

import static org.multiprocessing4j.internal.shm.ShareableListLayout.COUNT;
import static org.multiprocessing4j.internal.shm.ShareableListLayout.ENTRY_CAPACITY;
import static org.multiprocessing4j.internal.shm.ShareableListLayout.MAGIC;
import static org.multiprocessing4j.internal.shm.ShareableListLayout.VERSION;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.lang.invoke.VarHandle;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.multiprocessing4j.ShareableList;
import org.multiprocessing4j.SharedMemory;
import org.multiprocessing4j.internal.shm.OwnedBlocks;
import org.multiprocessing4j.internal.shm.ShareableListLayout;
import org.multiprocessing4j.spi.SharedHandle;

/**
 * The local backend's {@link ShareableList}: a named block ({@link LocalSharedMemory}) laid out as
 * {@link ShareableListLayout} draws it.
 *
 * <p>Implementation note. Each item is a double buffer under a version, as a
 * {@link LocalSharedString} is: the item is the one in slot {@code version & 1}. A writer takes the
 * item's writer word ({@link ItemWriters}), fills the other slot, type and length and value, and
 * publishes it by storing {@code version + 1}. A reader reads the version, copies the slot it
 * names, and keeps the copy only if the version has not moved meanwhile, since a writer
 * overwrites that slot only after publishing a new version. So a reader never keeps half a value
 * and never waits for a writer; after {@value #OPTIMISTIC_READS} tries spoiled by writers it reads
 * holding the writer word. A writer that dies in mid-write leaves the published slot whole.
 *
 * <p>The table of offsets and capacities never changes once the list is made, so each view reads
 * it once, when it attaches.
 */
final class LocalShareableList extends AbstractList<Object> implements ShareableList, Serializable {

    private static final long serialVersionUID = 1L;

    private static final int OPTIMISTIC_READS = 64;

    private final transient LocalSharedMemory block;
    private final transient ItemWriters writers;
    private final transient long[] records;
    private final transient int[] capacities;
    /**
     * Held shared by this view's threads while they hold an item's writer word, and exclusively by
     * {@link #close()}: a view closed in the middle of a write could not give the word back.
     */
    private final transient ReadWriteLock turns = new ReentrantReadWriteLock();

    private LocalShareableList(LocalSharedMemory block, long[] records, int[] capacities) {
        this.block = block;
        this.writers = new ItemWriters(block);
        this.records = records;
        this.capacities = capacities;
    }

    /**
     * A new list of {@code items}, in a new block that this process owns.
     *
     * @param owned the blocks of this process
     * @param name the block's name, or {@code null} for a new one
     * @param items the items
     * @param slotBytes the least capacity of each slot; 0 for each sized from its item
     * @return the list
     * @throws java.nio.file.FileAlreadyExistsException if a block has that name
     * @throws IOException if the block cannot be created
     */
    static LocalShareableList create(OwnedBlocks owned, String name, List<?> items, int slotBytes) throws IOException {
        if (slotBytes < 0 || slotBytes > ShareableListLayout.MOST_CAPACITY) {
            throw new IllegalArgumentException("a slot of a shareable list holds from 0 to "
                    + ShareableListLayout.MOST_CAPACITY + " bytes, not " + slotBytes);
        }
        SlotValue[] encoded = new SlotValue[items.size()];
        int[] capacities = new int[encoded.length];
        long[] records = new long[encoded.length];
        long size = ShareableListLayout.entry(encoded.length);
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = SlotValue.of(items.get(i));
            capacities[i] = ShareableListLayout.capacity(encoded[i].length(), slotBytes);
            records[i] = size;
            size += ShareableListLayout.recordBytes(capacities[i]);
        }
        LocalSharedMemory block = LocalSharedMemory.create(owned, name, size, SharedMemory.Lifetime.CREATOR);
        block.putLong(COUNT, encoded.length);
        for (int i = 0; i < encoded.length; i++) {
            block.putLong(ShareableListLayout.entry(i), records[i]);
            block.putInt(ShareableListLayout.entry(i) + ENTRY_CAPACITY, capacities[i]);
            encoded[i].writeTo(block, ShareableListLayout.slot(records[i], capacities[i], 0));
        }
        // last: an attacher that sees it sees the whole list
        block.putLongVolatile(0, MAGIC);
        return new LocalShareableList(block, records, capacities);
    }

    /**
     * A new view of the list in the block named {@code name}.
     *
     * @param owned the blocks of this process
     * @param name the block's name
     * @return the list
     * @throws java.nio.file.NoSuchFileException if there is no block of that name
     * @throws IllegalArgumentException if the block is not a shareable list
     * @throws IOException if it cannot be attached
     */
    static LocalShareableList attach(OwnedBlocks owned, String name) throws IOException {
        return over(LocalSharedMemory.attach(owned, name));
    }

    /** The list in {@code block}, which this view then closes with itself; the block is closed if it holds none. */
    private static LocalShareableList over(LocalSharedMemory block) {
        try {
            long size = block.size();
            if (size < ShareableListLayout.TABLE || block.getLongVolatile(0) != MAGIC) {
                throw notAList(block, "it does not begin as one, or its creator has not finished it");
            }
            long count = block.getLong(COUNT);
            if (count < 0 || count > Integer.MAX_VALUE || ShareableListLayout.entry((int) count) > size) {
                throw notAList(block, "its count of items, " + count + ", does not fit it");
            }
            long[] records = new long[(int) count];
            int[] capacities = new int[records.length];
            for (int i = 0; i < records.length; i++) {
                records[i] = block.getLong(ShareableListLayout.entry(i));
                capacities[i] = block.getInt(ShareableListLayout.entry(i) + ENTRY_CAPACITY);
                if (capacities[i] < ShareableListLayout.LEAST_CAPACITY || capacities[i] % 8 != 0 || records[i] % 8 != 0
                        || records[i] < ShareableListLayout.entry(records.length)
                        || records[i] > size - ShareableListLayout.recordBytes(capacities[i])) {
                    throw notAList(block, "the slot of item " + i + " does not fit it");
                }
            }
            return new LocalShareableList(block, records, capacities);
        } catch (RuntimeException e) {
            block.close();
            throw e;
        }
    }

    private static IllegalArgumentException notAList(SharedMemory block, String why) {
        return new IllegalArgumentException("the shared memory block " + block.name() + " is not a shareable list: "
                + why);
    }

    @Override
    public int size() {
        return records.length;
    }

    @Override
    public String name() {
        return block.name();
    }

    @Override
    public SharedMemory shm() {
        return block;
    }

    @Override
    public int capacity(int index) {
        return capacities[Objects.checkIndex(index, records.length)];
    }

    @Override
    public Object get(int index) {
        long record = records[Objects.checkIndex(index, records.length)];
        for (int attempt = 0; attempt < OPTIMISTIC_READS; attempt++) {
            long version = block.getLongVolatile(record + VERSION);
            Object value = read(index, version);
            // the copy's reads come before the version is read again
            VarHandle.acquireFence();
            if (value != SlotValue.SPOILED && block.getLongVolatile(record + VERSION) == version) {
                return value;
            }
            Thread.onSpinWait();
        }
        return inTurn(index, null);
    }

    @Override
    public Object set(int index, Object value) {
        Objects.checkIndex(index, records.length);
        SlotValue item = SlotValue.of(value);
        if (item.length() > capacities[index]) {
            throw new IllegalArgumentException("item " + index + " of the shareable list " + name() + " holds at most "
                    + capacities[index] + " bytes, and the " + item.kind() + " given has " + item.length());
        }
        return inTurn(index, item);
    }

    /**
     * Reads item {@code index}, and writes {@code item} in its place unless it is {@code null},
     * holding the item's writer word.
     *
     * @return the item before
     */
    private Object inTurn(int index, SlotValue item) {
        long record = records[index];
        turns.readLock().lock();
        try {
            writers.lock(record);
            try {
                long version = block.getLongVolatile(record + VERSION);
                Object old = read(index, version);
                if (old == SlotValue.SPOILED) {
                    throw new IllegalStateException("item " + index + " of the shareable list " + name()
                            + " is not a value of this library's: its block was written by other means");
                }
                if (item != null) {
                    item.writeTo(block, ShareableListLayout.slot(record, capacities[index], version + 1));
                    block.putLongVolatile(record + VERSION, version + 1);
                }
                return old;
            } finally {
                writers.unlock(record);
            }
        } finally {
            turns.readLock().unlock();
        }
    }

    /** The value in the slot of {@code version}, or {@link SlotValue#SPOILED} if a writer is filling it. */
    private Object read(int index, long version) {
        return SlotValue.read(block, ShareableListLayout.slot(records[index], capacities[index], version),
                capacities[index]);
    }

    @Override
    public void close() {
        turns.writeLock().lock();
        try {
            block.close();
        } finally {
            turns.writeLock().unlock();
        }
    }

    @Override
    public boolean unlink() {
        return block.unlink();
    }

    @Override
    public String toString() {
        if (block.isDetached()) {
            return "ShareableList[" + name() + ", closed]";
        }
        StringJoiner items = new StringJoiner(", ", "[", "]");
        for (int i = 0; i < records.length; i++) {
            Object item = get(i);
            items.add(item instanceof byte[] ? Arrays.toString((byte[]) item) : String.valueOf(item));
        }
        return "ShareableList[" + name() + ", " + items + "]";
    }

    /** Crosses into another process as its block, which attaches there as a view of that process's. */
    private Object writeReplace() {
        return new Handle(block);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a shareable list is deserialized from its handle only");
    }

    private static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        /** Bound first, as a view of the receiver's own. */
        private final SharedMemory block;

        Handle(SharedMemory block) {
            this.block = block;
        }

        @Override
        protected Object bind() throws InvalidObjectException {
            try {
                return over((LocalSharedMemory) block);
            } catch (IllegalArgumentException e) {
                InvalidObjectException invalid = new InvalidObjectException(e.getMessage());
                invalid.initCause(e);
                throw invalid;
            }
        }
    }
}
