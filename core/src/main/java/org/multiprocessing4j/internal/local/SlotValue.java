package org.multiprocessing4j.internal.local;

import static org.multiprocessing4j.internal.shm.ShareableListLayout.BOOLEAN;
import static org.multiprocessing4j.internal.shm.ShareableListLayout.BYTES;
import static org.multiprocessing4j.internal.shm.ShareableListLayout.DOUBLE;
import static org.multiprocessing4j.internal.shm.ShareableListLayout.LONG;
import static org.multiprocessing4j.internal.shm.ShareableListLayout.NULL;
import static org.multiprocessing4j.internal.shm.ShareableListLayout.SLOT_DATA;
import static org.multiprocessing4j.internal.shm.ShareableListLayout.SLOT_LENGTH;
import static org.multiprocessing4j.internal.shm.ShareableListLayout.SLOT_TYPE;
import static org.multiprocessing4j.internal.shm.ShareableListLayout.STRING;

import java.nio.charset.StandardCharsets;
import org.multiprocessing4j.internal.shm.BlockMapping;

/**
 * An item of a shareable list as a slot holds it (see
 * {@link org.multiprocessing4j.internal.shm.ShareableListLayout}): its type code, and its bytes or
 * the 8 bytes of a number, a boolean or nothing.
 */
final class SlotValue {

    /** What {@link #read} returns for a slot that a writer is filling: the copy is spoiled anyway. */
    static final Object SPOILED = new Object();

    private final int type;
    private final long bits;
    private final byte[] bytes;

    private SlotValue(int type, long bits, byte[] bytes) {
        this.type = type;
        this.bits = bits;
        this.bytes = bytes;
    }

    /**
     * {@code value} as a slot holds it; a byte array is not copied.
     *
     * @throws ClassCastException if no slot holds a value of its class
     */
    static SlotValue of(Object value) {
        if (value == null) {
            return new SlotValue(NULL, 0, null);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return new SlotValue(LONG, ((Number) value).longValue(), null);
        } else if (value instanceof Double || value instanceof Float) {
            return new SlotValue(DOUBLE, Double.doubleToRawLongBits(((Number) value).doubleValue()), null);
        } else if (value instanceof Boolean) {
            return new SlotValue(BOOLEAN, (Boolean) value ? 1 : 0, null);
        } else if (value instanceof String) {
            return new SlotValue(STRING, 0, ((String) value).getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof byte[]) {
            return new SlotValue(BYTES, 0, (byte[]) value);
        }
        throw new ClassCastException("a shareable list holds numbers, booleans, strings, byte arrays and null, not a "
                + value.getClass().getName());
    }

    /** The bytes it takes in a slot. */
    int length() {
        return bytes != null ? bytes.length : type == NULL ? 0 : Long.BYTES;
    }

    /** What it is, for messages about strings and arrays too long for their slot. */
    String kind() {
        return type == STRING ? "string's UTF-8" : "byte array";
    }

    /** Fills the slot at {@code slot}, which no reader keeps a copy of while this writes. */
    void writeTo(BlockMapping block, long slot) {
        block.putInt(slot + SLOT_TYPE, type);
        block.putInt(slot + SLOT_LENGTH, length());
        if (bytes != null) {
            block.put(slot + SLOT_DATA, bytes, 0, bytes.length);
        } else {
            block.putLong(slot + SLOT_DATA, bits);
        }
    }

    /**
     * The value in the slot at {@code slot}, or {@link #SPOILED} if its type or length is out of
     * range: a writer is filling it.
     */
    static Object read(BlockMapping block, long slot, int capacity) {
        int type = block.getInt(slot + SLOT_TYPE);
        switch (type) {
            case NULL:
                return null;
            case LONG:
                return block.getLong(slot + SLOT_DATA);
            case DOUBLE:
                return block.getDouble(slot + SLOT_DATA);
            case BOOLEAN:
                return block.getLong(slot + SLOT_DATA) != 0;
            case STRING:
            case BYTES:
                int length = block.getInt(slot + SLOT_LENGTH);
                if (length < 0 || length > capacity) {
                    return SPOILED;
                }
                byte[] value = new byte[length];
                block.get(slot + SLOT_DATA, value, 0, length);
                return type == STRING ? new String(value, StandardCharsets.UTF_8) : value;
            default:
                return SPOILED;
        }
    }
}
