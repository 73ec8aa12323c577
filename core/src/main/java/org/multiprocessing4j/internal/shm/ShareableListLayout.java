package org.multiprocessing4j.internal.shm;

/**
 * The bytes of a shareable list in its named block ({@link BlockMapping}), in native byte order,
 * every field at a multiple of its size.
 *
 * <pre>
 *   header              item table: an entry an item                  records: one an item
 *   +-------+-------+   +---------------+----------+--------+          +--------+---------+--------+--------+
 *   | magic | count |   | record offset | capacity | unused |  ...     | writer | version | slot 0 | slot 1 |
 *   +-------+-------+   +---------------+----------+--------+          +--------+---------+--------+--------+
 *   0       8       16  16 + 16 i       + 8        + 12     + 16       r        r + 8     r + 16   r + 24 + capacity
 *
 *   slot  +------+--------+-------------------------------------+
 *         | type | length | the value: capacity bytes            |
 *         +------+--------+-------------------------------------+
 *         0      4        8                                     8 + capacity
 * </pre>
 * <ul>
 *   <li>{@code magic} ({@code long}): {@link #MAGIC}, stored last by the creator, with a volatile
 *       write: a block without it is not a list, or not one yet.</li>
 *   <li>{@code count} ({@code long}): the number of items, fixed.</li>
 *   <li>an entry of the table: where the item's record begins and its slots' capacity in bytes
 *       (a multiple of 8, at least 8), both fixed at creation.</li>
 *   <li>{@code writer} ({@code long}): the owner word of the process writing the item, 0 when none;
 *       taken by compare-and-set, so that writers of the item, in any process and thread, take
 *       turns.</li>
 *   <li>{@code version} ({@code long}): how many times the item has been written since the list
 *       was made; the item's value is in slot {@code version & 1}.</li>
 *   <li>a slot: the value's {@code type} (one of the type codes below) and {@code length} in bytes,
 *       then the value: a {@code long}, the bits of a {@code double}, a {@code boolean} as 0 or 1
 *       (each 8 bytes), nothing for {@code null}, or the bytes of a string's UTF-8 or of a byte
 *       array. The type is in the slot, not the table, because a write may change it, and a reader
 *       must see the type and the value of the same write.</li>
 * </ul>
 */
public final class ShareableListLayout {

    /** What the block begins with once it is a whole list. */
    public static final long MAGIC = 0x4C53_4A34_504D_0001L;
    public static final int COUNT = 8;
    public static final int TABLE = 16;
    public static final int ENTRY = 16;
    public static final int ENTRY_CAPACITY = 8;

    public static final int WRITER = 0;
    public static final int VERSION = 8;
    public static final int SLOTS = 16;

    public static final int SLOT_TYPE = 0;
    public static final int SLOT_LENGTH = 4;
    public static final int SLOT_DATA = 8;

    public static final int NULL = 1;
    public static final int LONG = 2;
    public static final int DOUBLE = 3;
    public static final int BOOLEAN = 4;
    public static final int STRING = 5;
    public static final int BYTES = 6;

    /** The least capacity of a slot: a number, a boolean or {@code null} fits every slot. */
    public static final int LEAST_CAPACITY = Long.BYTES;
    /** The largest capacity of a slot, a multiple of 8: about the longest array a JVM makes. */
    public static final int MOST_CAPACITY = (Integer.MAX_VALUE - 8) & ~7;

    private ShareableListLayout() {
    }

    /**
     * The capacity of a slot for a value of {@code length} bytes, at least {@code least}: rounded up
     * to a multiple of 8.
     *
     * @throws IllegalArgumentException if it would be over {@link #MOST_CAPACITY}
     */
    public static int capacity(int length, int least) {
        long wanted = Math.max(Math.max(length, least), LEAST_CAPACITY);
        long rounded = (wanted + 7) & ~7L;
        if (rounded > MOST_CAPACITY) {
            throw new IllegalArgumentException("a slot of a shareable list holds at most " + MOST_CAPACITY
                    + " bytes, not " + wanted);
        }
        return (int) rounded;
    }

    /** Where the table entry of item {@code index} begins. */
    public static long entry(int index) {
        return TABLE + (long) ENTRY * index;
    }

    /** The bytes of a record whose slots hold {@code capacity} bytes each. */
    public static long recordBytes(int capacity) {
        return SLOTS + 2L * slotBytes(capacity);
    }

    /** Where the slot of {@code version} begins in the record at {@code record}. */
    public static long slot(long record, int capacity, long version) {
        return record + SLOTS + (version & 1) * slotBytes(capacity);
    }

    private static long slotBytes(int capacity) {
        return SLOT_DATA + (long) capacity;
    }
}
