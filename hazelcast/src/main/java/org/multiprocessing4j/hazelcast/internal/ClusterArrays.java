package org.multiprocessing4j.hazelcast.internal;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.SharedByteArray;
import org.multiprocessing4j.SharedDoubleArray;
import org.multiprocessing4j.SharedIntArray;
import org.multiprocessing4j.SharedLongArray;

/** The typed faces of {@link ClusterArray}: each element is read and written as a {@code long}. */
final class ClusterArrays {

    private ClusterArrays() {
    }

    static final class IntArray extends ClusterArray implements SharedIntArray {
        private static final long serialVersionUID = 1L;

        IntArray(ClusterRuntime runtime, String id, int length, RobustLock lock) {
            super(runtime, id, length, ArrayChunks.Kind.INT, lock);
        }

        @Override
        public int get(int index) {
            return (int) getBits(index);
        }

        @Override
        public void set(int index, int value) {
            setBits(index, value);
        }

        @Override
        public int getAndSet(int index, int value) {
            return (int) setBits(index, value);
        }

        @Override
        public boolean compareAndSet(int index, int expected, int value) {
            return compareAndSetBits(index, expected, value);
        }

        @Override
        public int getAndAdd(int index, int delta) {
            return (int) getAndAddBits(index, delta);
        }

        @Override
        public void copyTo(int index, int[] target, int offset, int length) {
            copyOut(index, target, offset, length);
        }

        @Override
        public void copyFrom(int[] source, int offset, int index, int length) {
            copyIn(source, offset, index, length);
        }

        @Override
        public void fill(int value) {
            fillBits(value);
        }

        @Override
        public IntBuffer asBuffer() {
            throw noBuffer();
        }

        @Override
        public String toString() {
            return Arrays.toString(toArray());
        }
    }

    static final class LongArray extends ClusterArray implements SharedLongArray {
        private static final long serialVersionUID = 1L;

        LongArray(ClusterRuntime runtime, String id, int length, RobustLock lock) {
            super(runtime, id, length, ArrayChunks.Kind.LONG, lock);
        }

        @Override
        public long get(int index) {
            return getBits(index);
        }

        @Override
        public void set(int index, long value) {
            setBits(index, value);
        }

        @Override
        public long getAndSet(int index, long value) {
            return setBits(index, value);
        }

        @Override
        public boolean compareAndSet(int index, long expected, long value) {
            return compareAndSetBits(index, expected, value);
        }

        @Override
        public long getAndAdd(int index, long delta) {
            return getAndAddBits(index, delta);
        }

        @Override
        public void copyTo(int index, long[] target, int offset, int length) {
            copyOut(index, target, offset, length);
        }

        @Override
        public void copyFrom(long[] source, int offset, int index, int length) {
            copyIn(source, offset, index, length);
        }

        @Override
        public void fill(long value) {
            fillBits(value);
        }

        @Override
        public LongBuffer asBuffer() {
            throw noBuffer();
        }

        @Override
        public String toString() {
            return Arrays.toString(toArray());
        }
    }

    /** Its pieces hold the raw bits of its elements. */
    static final class DoubleArray extends ClusterArray implements SharedDoubleArray {
        private static final long serialVersionUID = 1L;

        DoubleArray(ClusterRuntime runtime, String id, int length, RobustLock lock) {
            super(runtime, id, length, ArrayChunks.Kind.DOUBLE, lock);
        }

        private static long bits(double value) {
            return Double.doubleToRawLongBits(value);
        }

        @Override
        public double get(int index) {
            return Double.longBitsToDouble(getBits(index));
        }

        @Override
        public void set(int index, double value) {
            setBits(index, bits(value));
        }

        @Override
        public double getAndSet(int index, double value) {
            return Double.longBitsToDouble(setBits(index, bits(value)));
        }

        @Override
        public boolean compareAndSet(int index, double expected, double value) {
            return compareAndSetBits(index, bits(expected), bits(value));
        }

        /** One round trip, where the interface's compare-and-set loop may take several. */
        @Override
        public double getAndAdd(int index, double delta) {
            return Double.longBitsToDouble(getAndAddBits(index, bits(delta)));
        }

        @Override
        public double addAndGet(int index, double delta) {
            return getAndAdd(index, delta) + delta;
        }

        @Override
        public void copyTo(int index, double[] target, int offset, int length) {
            copyOut(index, target, offset, length);
        }

        @Override
        public void copyFrom(double[] source, int offset, int index, int length) {
            copyIn(source, offset, index, length);
        }

        @Override
        public void fill(double value) {
            fillBits(bits(value));
        }

        @Override
        public DoubleBuffer asBuffer() {
            throw noBuffer();
        }

        @Override
        void unpack(Object chunk, int from, Object target, int offset, int count) {
            double[] doubles = (double[]) target;
            for (int i = 0; i < count; i++) {
                doubles[offset + i] = chunk == null ? 0 : Double.longBitsToDouble(((long[]) chunk)[from + i]);
            }
        }

        @Override
        Object pack(Object source, int offset, int count) {
            long[] slice = new long[count];
            for (int i = 0; i < count; i++) {
                slice[i] = bits(((double[]) source)[offset + i]);
            }
            return slice;
        }

        @Override
        public String toString() {
            return Arrays.toString(toArray());
        }
    }

    static final class ByteArray extends ClusterArray implements SharedByteArray {
        private static final long serialVersionUID = 1L;

        ByteArray(ClusterRuntime runtime, String id, int length, RobustLock lock) {
            super(runtime, id, length, ArrayChunks.Kind.BYTE, lock);
        }

        @Override
        public byte get(int index) {
            return (byte) getBits(index);
        }

        @Override
        public void set(int index, byte value) {
            setBits(index, value);
        }

        @Override
        public boolean compareAndSet(int index, byte expected, byte value) {
            return compareAndSetBits(index, expected, value);
        }

        @Override
        public void copyTo(int index, byte[] target, int offset, int length) {
            copyOut(index, target, offset, length);
        }

        @Override
        public void copyFrom(byte[] source, int offset, int index, int length) {
            copyIn(source, offset, index, length);
        }

        @Override
        public void fill(byte value) {
            fillBits(value);
        }

        @Override
        public ByteBuffer asBuffer() {
            throw noBuffer();
        }

        @Override
        public String toString() {
            return Arrays.toString(toArray());
        }
    }
}
