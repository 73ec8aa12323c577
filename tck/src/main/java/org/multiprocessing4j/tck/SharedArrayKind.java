package org.multiprocessing4j.tck;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.SharedArray;
import org.multiprocessing4j.SharedByteArray;
import org.multiprocessing4j.SharedDoubleArray;
import org.multiprocessing4j.SharedIntArray;
import org.multiprocessing4j.SharedLongArray;

/**
 * The four types of shared array, seen through {@code long}s (values from -128 to 127 fit every
 * type), so that one test covers them all. An enum, so that a child's target may capture one.
 */
enum SharedArrayKind {

    INT {
        @Override
        SharedArray make(ProcessContext mp, int length, RobustLock lock) {
            return lock == null ? mp.rawSharedIntArray(length) : mp.sharedIntArray(length, lock);
        }

        @Override
        long get(SharedArray array, int index) {
            return ((SharedIntArray) array).get(index);
        }

        @Override
        void set(SharedArray array, int index, long value) {
            ((SharedIntArray) array).set(index, (int) value);
        }

        @Override
        long getPlain(SharedArray array, int index) {
            return ((SharedIntArray) array).getPlain(index);
        }

        @Override
        void setPlain(SharedArray array, int index, long value) {
            ((SharedIntArray) array).setPlain(index, (int) value);
        }

        @Override
        Buffer view(SharedArray array) {
            return ((SharedIntArray) array).asBuffer();
        }

        @Override
        long get(Buffer view, int index) {
            return ((IntBuffer) view).get(index);
        }

        @Override
        void set(Buffer view, int index, long value) {
            ((IntBuffer) view).put(index, (int) value);
        }

        @Override
        long[] toArray(SharedArray array) {
            return Arrays.stream(((SharedIntArray) array).toArray()).asLongStream().toArray();
        }

        @Override
        void fill(SharedArray array, long value) {
            ((SharedIntArray) array).fill((int) value);
        }
    },

    LONG {
        @Override
        SharedArray make(ProcessContext mp, int length, RobustLock lock) {
            return lock == null ? mp.rawSharedLongArray(length) : mp.sharedLongArray(length, lock);
        }

        @Override
        long get(SharedArray array, int index) {
            return ((SharedLongArray) array).get(index);
        }

        @Override
        void set(SharedArray array, int index, long value) {
            ((SharedLongArray) array).set(index, value);
        }

        @Override
        long getPlain(SharedArray array, int index) {
            return ((SharedLongArray) array).getPlain(index);
        }

        @Override
        void setPlain(SharedArray array, int index, long value) {
            ((SharedLongArray) array).setPlain(index, value);
        }

        @Override
        Buffer view(SharedArray array) {
            return ((SharedLongArray) array).asBuffer();
        }

        @Override
        long get(Buffer view, int index) {
            return ((LongBuffer) view).get(index);
        }

        @Override
        void set(Buffer view, int index, long value) {
            ((LongBuffer) view).put(index, value);
        }

        @Override
        long[] toArray(SharedArray array) {
            return ((SharedLongArray) array).toArray();
        }

        @Override
        void fill(SharedArray array, long value) {
            ((SharedLongArray) array).fill(value);
        }
    },

    DOUBLE {
        @Override
        SharedArray make(ProcessContext mp, int length, RobustLock lock) {
            return lock == null ? mp.rawSharedDoubleArray(length) : mp.sharedDoubleArray(length, lock);
        }

        @Override
        long get(SharedArray array, int index) {
            return (long) ((SharedDoubleArray) array).get(index);
        }

        @Override
        void set(SharedArray array, int index, long value) {
            ((SharedDoubleArray) array).set(index, value);
        }

        @Override
        long getPlain(SharedArray array, int index) {
            return (long) ((SharedDoubleArray) array).getPlain(index);
        }

        @Override
        void setPlain(SharedArray array, int index, long value) {
            ((SharedDoubleArray) array).setPlain(index, value);
        }

        @Override
        Buffer view(SharedArray array) {
            return ((SharedDoubleArray) array).asBuffer();
        }

        @Override
        long get(Buffer view, int index) {
            return (long) ((DoubleBuffer) view).get(index);
        }

        @Override
        void set(Buffer view, int index, long value) {
            ((DoubleBuffer) view).put(index, value);
        }

        @Override
        long[] toArray(SharedArray array) {
            return Arrays.stream(((SharedDoubleArray) array).toArray()).mapToLong(x -> (long) x).toArray();
        }

        @Override
        void fill(SharedArray array, long value) {
            ((SharedDoubleArray) array).fill(value);
        }
    },

    BYTE {
        @Override
        SharedArray make(ProcessContext mp, int length, RobustLock lock) {
            return lock == null ? mp.rawSharedByteArray(length) : mp.sharedByteArray(length, lock);
        }

        @Override
        long get(SharedArray array, int index) {
            return ((SharedByteArray) array).get(index);
        }

        @Override
        void set(SharedArray array, int index, long value) {
            ((SharedByteArray) array).set(index, (byte) value);
        }

        @Override
        long getPlain(SharedArray array, int index) {
            return ((SharedByteArray) array).getPlain(index);
        }

        @Override
        void setPlain(SharedArray array, int index, long value) {
            ((SharedByteArray) array).setPlain(index, (byte) value);
        }

        @Override
        Buffer view(SharedArray array) {
            return ((SharedByteArray) array).asBuffer();
        }

        @Override
        long get(Buffer view, int index) {
            return ((ByteBuffer) view).get(index);
        }

        @Override
        void set(Buffer view, int index, long value) {
            ((ByteBuffer) view).put(index, (byte) value);
        }

        @Override
        long[] toArray(SharedArray array) {
            byte[] bytes = ((SharedByteArray) array).toArray();
            long[] values = new long[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                values[i] = bytes[i];
            }
            return values;
        }

        @Override
        void fill(SharedArray array, long value) {
            ((SharedByteArray) array).fill((byte) value);
        }
    };

    /** A new array of this type, guarded by {@code lock}, or raw if it is {@code null}. */
    abstract SharedArray make(ProcessContext mp, int length, RobustLock lock);

    abstract long get(SharedArray array, int index);

    abstract void set(SharedArray array, int index, long value);

    /** Element {@code index}, read with {@code getPlain}. */
    abstract long getPlain(SharedArray array, int index);

    /** Element {@code index}, written with {@code setPlain}. */
    abstract void setPlain(SharedArray array, int index, long value);

    /** The array's {@code asBuffer()} view. */
    abstract Buffer view(SharedArray array);

    /** Element {@code index} read through a view. */
    abstract long get(Buffer view, int index);

    /** Element {@code index} written through a view. */
    abstract void set(Buffer view, int index, long value);

    abstract long[] toArray(SharedArray array);

    abstract void fill(SharedArray array, long value);

    /** What element {@code index} is set to by the tests that write every element. */
    static long valueAt(int index) {
        return index % 255 - 127;
    }
}
