package org.multiprocessing4j.python;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.SharedMemory;

/**
 * A list in a named shared-memory block in the layout of CPython's
 * {@code multiprocessing.shared_memory.ShareableList}, so that a CPython process attaches a list
 * made here by its name ({@code ShareableList(name=...)}) and this class one made there.
 * {@link org.multiprocessing4j.ShareableList} is the library's own list, whose items are never torn;
 * this one is for sharing with CPython, and behaves as CPython's does.
 *
 * <p>The block holds the count of items, the offset of each item's slot, the slots, then each
 * item's {@code struct} format in 8 bytes and a byte saying how to read it back, all in the
 * machine's byte order. Items are Python's {@code int} (a {@code long} here: {@code Integer},
 * {@code Short} and {@code Byte} are stored as one and come back as {@code Long}), {@code float}
 * ({@code Double}; {@code Float} comes back as one), {@code bool}, {@code str}, {@code bytes}
 * ({@code byte[]}) and {@code None} ({@code null}). A string or byte array gets a slot of its
 * length rounded up to the next multiple of 8 (UTF-8 bytes for a string: CPython counts characters
 * and truncates longer UTF-8 when it makes a list, which a list made here never needs), a number,
 * boolean or {@code null} one of 8 bytes; an item may later hold any value that fits its slot,
 * and one that does not throws {@link IllegalArgumentException} (CPython's {@code ValueError})
 * before anything is written.
 *
 * <p>As in CPython: the length is fixed ({@code add} and {@code remove} throw
 * {@link UnsupportedOperationException}); trailing NUL bytes of a string or byte array are lost
 * on reading (gh-96779); a write is a format, a code and a value written one after the other, so a
 * process that reads an item while another writes it may see it torn: hand items over through a
 * lock or a queue. The block's lifetime is {@link SharedMemory}'s: this process owns a list it
 * created, and attaching never makes it an owner.
 */
public final class CPythonShareableList extends AbstractList<Object> implements RandomAccess, AutoCloseable {

    private static final int ALIGNMENT = 8;
    /** CPython keeps each item's format in 8 bytes: "9999999s" describes the largest slot. */
    private static final long LARGEST_SLOT = 9_999_999;
    private static final int INT_CODE = 0;
    private static final int STR_CODE = 1;
    private static final int BYTES_CODE = 2;
    private static final int NONE_CODE = 3;
    private static final String LONG = "q";
    private static final String DOUBLE = "d";
    private static final String BOOLEAN = "xxxxxxx?";
    private static final String NONE = "xxxxxx?x";

    private final SharedMemory shm;
    private final int length;
    private final long[] offsets;
    private final long dataStart;
    private final long formatsStart;
    private final long codesStart;

    private CPythonShareableList(SharedMemory shm) {
        this.shm = shm;
        long count = shm.getLong(0);
        if (count < 0 || (count + 2) * ALIGNMENT > shm.size()) {
            throw new IllegalArgumentException("the block " + shm.name() + " holds no ShareableList: its count is "
                    + count);
        }
        this.length = (int) count;
        this.offsets = new long[length + 1];
        for (int i = 0; i <= length; i++) {
            offsets[i] = shm.getLong(ALIGNMENT * (1L + i));
        }
        this.dataStart = ALIGNMENT * (length + 2L);
        this.formatsStart = dataStart + offsets[length];
        this.codesStart = formatsStart + (long) ALIGNMENT * length;
        if (codesStart + length > shm.size()) {
            throw new IllegalArgumentException("the block " + shm.name() + " is smaller than the ShareableList its"
                    + " header describes");
        }
    }

    /**
     * A new list holding {@code items}, in a block with a made-up name: Python's
     * {@code ShareableList(items)}.
     *
     * @param context the context whose shared memory holds it
     * @param items the items, of the types the class description lists
     * @return the list, owned by this process
     * @throws ClassCastException if an item is of another type
     */
    public static CPythonShareableList create(ProcessContext context, List<?> items) {
        Layout layout = Layout.of(items);
        return fill(context.sharedMemory(layout.size()), items, layout);
    }

    /**
     * A new list holding {@code items}, in a block named {@code name}: Python's
     * {@code ShareableList(items, name=name)}.
     *
     * @param context the context whose shared memory holds it
     * @param name the block's name
     * @param items the items
     * @return the list, owned by this process
     * @throws IOException if a block of that name exists or cannot be made
     */
    public static CPythonShareableList create(ProcessContext context, String name, List<?> items) throws IOException {
        Layout layout = Layout.of(items);
        return fill(context.sharedMemory(name, layout.size()), items, layout);
    }

    /**
     * The list in the block named {@code name}, made here or by CPython: Python's
     * {@code ShareableList(name=name)}.
     *
     * @param context the context whose shared memory holds it
     * @param name the block's name
     * @return this process's view of the list
     * @throws IOException if there is no such block
     * @throws IllegalArgumentException if the block holds no such list
     */
    public static CPythonShareableList attach(ProcessContext context, String name) throws IOException {
        SharedMemory block = context.attachSharedMemory(name);
        try {
            return new CPythonShareableList(block);
        } catch (RuntimeException e) {
            block.close();
            throw e;
        }
    }

    private static CPythonShareableList fill(SharedMemory block, List<?> items, Layout layout) {
        block.putLong(0, items.size());
        for (int i = 0; i <= items.size(); i++) {
            block.putLong(ALIGNMENT * (1L + i), layout.offsets()[i]);
        }
        CPythonShareableList list = new CPythonShareableList(block);
        for (int i = 0; i < items.size(); i++) {
            list.write(i, items.get(i), true);
        }
        return list;
    }

    @Override
    public Object get(int index) {
        checkIndex(index);
        String format = format(index);
        long at = dataStart + offsets[index];
        switch (shm.getByte(codesStart + index)) {
            case INT_CODE:
                return switch (format) {
                    case LONG -> shm.getLong(at);
                    case DOUBLE -> shm.getDouble(at);
                    case BOOLEAN -> shm.getByte(at + 7) != 0;
                    default -> throw new IllegalStateException("item " + index + " has the format " + format);
                };
            case STR_CODE:
                return new String(stripped(at, format), UTF_8);
            case BYTES_CODE:
                return stripped(at, format);
            case NONE_CODE:
                return null;
            default:
                throw new IllegalStateException("item " + index + " has the code " + shm.getByte(codesStart + index));
        }
    }

    @Override
    public Object set(int index, Object value) {
        checkIndex(index);
        Object previous = get(index);
        write(index, value, false);
        return previous;
    }

    @Override
    public int size() {
        return length;
    }

    /**
     * The block's name, by which any process attaches the list: Python's {@code sl.shm.name}.
     *
     * @return the name
     */
    public String name() {
        return shm.name();
    }

    /**
     * The block: Python's {@code sl.shm}.
     *
     * @return the block
     */
    public SharedMemory shm() {
        return shm;
    }

    /** Detaches this process from the list's block. */
    @Override
    public void close() {
        shm.close();
    }

    /**
     * Destroys the block's name, as {@link SharedMemory#unlink()}.
     *
     * @return whether this call removed it
     */
    public boolean unlink() {
        return shm.unlink();
    }

    private void write(int index, Object value, boolean fresh) {
        long at = dataStart + offsets[index];
        long slot = offsets[index + 1] - offsets[index];
        byte[] bytes = value instanceof String text ? text.getBytes(UTF_8) : value instanceof byte[] raw ? raw : null;
        String format;
        int code;
        if (bytes != null) {
            if (bytes.length > slot) {
                throw new IllegalArgumentException("item " + index + " has room for " + slot + " bytes, not "
                        + bytes.length);
            }
            String current = fresh ? "" : format(index);
            format = current.endsWith("s") ? current : slot + "s";
            code = value instanceof String ? STR_CODE : BYTES_CODE;
        } else {
            format = formatOf(value);
            code = value == null ? NONE_CODE : INT_CODE;
        }
        if (format.length() > ALIGNMENT) {
            throw new IllegalArgumentException("item " + index + " has the format " + format + ", longer than the 8"
                    + " bytes a ShareableList keeps for one");
        }
        byte[] formatBytes = Arrays.copyOf(format.getBytes(US_ASCII), ALIGNMENT);
        shm.put(formatsStart + (long) ALIGNMENT * index, formatBytes);
        shm.putByte(codesStart + index, (byte) code);
        if (bytes != null) {
            // "%ds" pads with NUL bytes up to its size, which is the slot's or less
            int size = Integer.parseInt(format.substring(0, format.length() - 1));
            shm.put(at, Arrays.copyOf(bytes, size));
        } else if (value == null) {
            shm.putLong(at, 0);
        } else if (value instanceof Boolean flag) {
            shm.put(at, new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) (flag ? 1 : 0)});
        } else if (value instanceof Double || value instanceof Float) {
            shm.putDouble(at, ((Number) value).doubleValue());
        } else {
            shm.putLong(at, ((Number) value).longValue());
        }
    }

    private static String formatOf(Object value) {
        if (value == null) {
            return NONE;
        }
        if (value instanceof Boolean) {
            return BOOLEAN;
        }
        if (value instanceof Double || value instanceof Float) {
            return DOUBLE;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return LONG;
        }
        throw new ClassCastException("a ShareableList holds int, float, bool, str, bytes and None (Long, Double,"
                + " Boolean, String, byte[] and null), not " + value.getClass().getName());
    }

    private String format(int index) {
        byte[] format = new byte[ALIGNMENT];
        shm.get(formatsStart + (long) ALIGNMENT * index, format);
        int end = format.length;
        while (end > 0 && format[end - 1] == 0) {
            end--;
        }
        return new String(format, 0, end, US_ASCII);
    }

    private byte[] stripped(long at, String format) {
        byte[] bytes = new byte[Integer.parseInt(format.substring(0, format.length() - 1))];
        shm.get(at, bytes);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return Arrays.copyOf(bytes, end);
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index " + index + " of a ShareableList of " + length);
        }
    }

    /** Where the slots of a new list go, and the block's size: CPython's {@code struct.calcsize} of it. */
    private record Layout(long[] offsets, long size) {

        static Layout of(List<?> items) {
            long[] offsets = new long[items.size() + 1];
            for (int i = 0; i < items.size(); i++) {
                Object item = items.get(i);
                long slot;
                if (item instanceof String text) {
                    slot = roundedUp(text.getBytes(UTF_8).length);
                } else if (item instanceof byte[] bytes) {
                    slot = roundedUp(bytes.length);
                } else {
                    formatOf(item);
                    slot = ALIGNMENT;
                }
                if (slot > LARGEST_SLOT) {
                    throw new IllegalArgumentException("item " + i + " needs a slot of " + slot + " bytes; a"
                            + " ShareableList describes slots of at most " + LARGEST_SLOT);
                }
                offsets[i + 1] = offsets[i] + slot;
            }
            int n = items.size();
            return new Layout(offsets, ALIGNMENT * (n + 2L) + offsets[n] + (long) ALIGNMENT * n + n);
        }

        /** CPython's {@code 8 * (len // 8 + 1)}: the next multiple of 8 above the length, 8 for none. */
        private static long roundedUp(int length) {
            return (long) ALIGNMENT * (length / ALIGNMENT + 1);
        }
    }
}
