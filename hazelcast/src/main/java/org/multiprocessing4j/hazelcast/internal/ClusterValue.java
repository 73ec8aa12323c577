package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.SharedBoolean;
import org.multiprocessing4j.SharedDouble;
import org.multiprocessing4j.SharedInt;
import org.multiprocessing4j.SharedLong;
import org.multiprocessing4j.SharedString;
import org.multiprocessing4j.SharedValue;
import org.multiprocessing4j.spi.SharedHandle;

/**
 * The shared values of the cluster: one entry of a cluster map each. Numbers and booleans are
 * kept as a {@code long} (a double as its raw bits, so that compare-and-set compares bits as the
 * local backend does), strings as themselves. A read is a {@code get}, a write a {@code set}, a
 * swap a {@code put}, a compare-and-set Hazelcast's atomic {@code replace}, and an addition an
 * entry processor on the member that owns the entry: one round trip each.
 */
abstract sealed class ClusterValue implements SharedValue, Serializable {

    private static final long serialVersionUID = 1L;
    static final String MAP = "multiprocessing4j.values";

    /** The type of a value, which its handle carries. */
    enum Kind { INT, LONG, DOUBLE, BOOLEAN, STRING }

    final transient ClusterRuntime runtime;
    final transient String id;
    private final transient Kind kind;
    private final transient RobustLock lock;

    ClusterValue(ClusterRuntime runtime, String id, Kind kind, RobustLock lock) {
        this.runtime = runtime;
        this.id = id;
        this.kind = kind;
        this.lock = lock;
    }

    /**
     * A new value of {@code kind}, set to {@code initial}.
     *
     * @param capacity a string's capacity in bytes of UTF-8; not used for other kinds
     * @param lock its lock, {@code null} for a raw value
     */
    static ClusterValue create(ClusterRuntime runtime, Kind kind, Object initial, int capacity, RobustLock lock) {
        ClusterValue value = bind(runtime, UUID.randomUUID().toString(), kind, capacity, lock);
        value.map().set(value.id, kind == Kind.STRING ? StringValue.fit((String) initial, capacity) : initial);
        return value;
    }

    private static ClusterValue bind(ClusterRuntime runtime, String id, Kind kind, int capacity, RobustLock lock) {
        return switch (kind) {
            case INT -> new IntValue(runtime, id, lock);
            case LONG -> new LongValue(runtime, id, lock);
            case DOUBLE -> new DoubleValue(runtime, id, lock);
            case BOOLEAN -> new BooleanValue(runtime, id, lock);
            case STRING -> new StringValue(runtime, id, capacity, lock);
        };
    }

    final IMap<String, Object> map() {
        return runtime.instance().getMap(MAP);
    }

    final long getBits() {
        return (Long) runtime.partitionCalls().get(MAP, id);
    }

    final void setBits(long bits) {
        ClusterCalls.regardless(() -> {
            map().set(id, bits);
            return null;
        });
    }

    final long getAndSetBits(long bits) {
        return (Long) ClusterCalls.regardless(() -> map().put(id, bits));
    }

    final boolean compareAndSetBits(long expected, long bits) {
        return ClusterCalls.regardless(() -> map().replace(id, expected, bits));
    }

    /** Adds {@code delta} as {@code kind} adds; answers the value before. */
    final long getAndAddBits(long delta, ArrayChunks.Kind kind) {
        return (Long) runtime.partitionCalls().executeOnKey(MAP, id, new Add(kind, delta));
    }

    @Override
    public final RobustLock lock() {
        if (lock == null) {
            throw new UnsupportedOperationException("a raw shared value or array has no lock: one made with"
                    + " sharedLong(initial) or sharedLong(initial, lock), or their kin, has one");
        }
        return lock;
    }

    int capacity() {
        return 0;
    }

    final Object writeReplace() {
        return new Handle(runtime.options().asMap(), id, kind, capacity(), lock);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a shared value is deserialized from its handle only");
    }

    private static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        private final Map<String, String> options;
        private final String id;
        private final Kind kind;
        private final int capacity;
        private final RobustLock lock;

        Handle(Map<String, String> options, String id, Kind kind, int capacity, RobustLock lock) {
            this.options = Map.copyOf(options);
            this.id = id;
            this.kind = kind;
            this.capacity = capacity;
            this.lock = lock;
        }

        @Override
        protected Object bind() {
            return ClusterValue.bind(ClusterRuntime.of(ClusterOptions.of(options)), id, kind, capacity, lock);
        }
    }

    /** Adds to a value on the member that owns it, wrapping as an element of an array of {@code kind} does. */
    record Add(ArrayChunks.Kind kind, long delta) implements EntryProcessor<String, Object, Long> {
        @Override
        public Long process(Map.Entry<String, Object> entry) {
            long before = (Long) entry.getValue();
            entry.setValue(kind.add(before, delta));
            return before;
        }
    }

    static final class IntValue extends ClusterValue implements SharedInt {
        private static final long serialVersionUID = 1L;

        IntValue(ClusterRuntime runtime, String id, RobustLock lock) {
            super(runtime, id, Kind.INT, lock);
        }

        @Override
        public int get() {
            return (int) getBits();
        }

        @Override
        public void set(int value) {
            setBits(value);
        }

        @Override
        public int getAndSet(int value) {
            return (int) getAndSetBits(value);
        }

        @Override
        public boolean compareAndSet(int expected, int value) {
            return compareAndSetBits(expected, value);
        }

        @Override
        public int getAndAdd(int delta) {
            return (int) getAndAddBits(delta, ArrayChunks.Kind.INT);
        }

        @Override
        public String toString() {
            return Integer.toString(get());
        }
    }

    static final class LongValue extends ClusterValue implements SharedLong {
        private static final long serialVersionUID = 1L;

        LongValue(ClusterRuntime runtime, String id, RobustLock lock) {
            super(runtime, id, Kind.LONG, lock);
        }

        @Override
        public long get() {
            return getBits();
        }

        @Override
        public void set(long value) {
            setBits(value);
        }

        @Override
        public long getAndSet(long value) {
            return getAndSetBits(value);
        }

        @Override
        public boolean compareAndSet(long expected, long value) {
            return compareAndSetBits(expected, value);
        }

        @Override
        public long getAndAdd(long delta) {
            return getAndAddBits(delta, ArrayChunks.Kind.LONG);
        }

        @Override
        public String toString() {
            return Long.toString(get());
        }
    }

    static final class DoubleValue extends ClusterValue implements SharedDouble {
        private static final long serialVersionUID = 1L;

        DoubleValue(ClusterRuntime runtime, String id, RobustLock lock) {
            super(runtime, id, Kind.DOUBLE, lock);
        }

        @Override
        public double get() {
            return Double.longBitsToDouble(getBits());
        }

        @Override
        public void set(double value) {
            setBits(Double.doubleToRawLongBits(value));
        }

        @Override
        public double getAndSet(double value) {
            return Double.longBitsToDouble(getAndSetBits(Double.doubleToRawLongBits(value)));
        }

        @Override
        public boolean compareAndSet(double expected, double value) {
            return compareAndSetBits(Double.doubleToRawLongBits(expected),
                    Double.doubleToRawLongBits(value));
        }

        /** One round trip, where the interface's compare-and-set loop may take several. */
        @Override
        public double getAndAdd(double delta) {
            return Double.longBitsToDouble(getAndAddBits(Double.doubleToRawLongBits(delta), ArrayChunks.Kind.DOUBLE));
        }

        @Override
        public double addAndGet(double delta) {
            return getAndAdd(delta) + delta;
        }

        @Override
        public String toString() {
            return Double.toString(get());
        }
    }

    static final class BooleanValue extends ClusterValue implements SharedBoolean {
        private static final long serialVersionUID = 1L;

        BooleanValue(ClusterRuntime runtime, String id, RobustLock lock) {
            super(runtime, id, Kind.BOOLEAN, lock);
        }

        @Override
        public boolean get() {
            return getBits() != 0;
        }

        @Override
        public void set(boolean value) {
            setBits(value ? 1 : 0);
        }

        @Override
        public boolean getAndSet(boolean value) {
            return getAndSetBits(value ? 1 : 0) != 0;
        }

        @Override
        public boolean compareAndSet(boolean expected, boolean value) {
            return compareAndSetBits(expected ? 1 : 0, value ? 1 : 0);
        }

        @Override
        public String toString() {
            return Boolean.toString(get());
        }
    }

    static final class StringValue extends ClusterValue implements SharedString {
        private static final long serialVersionUID = 1L;

        /** As on the local backend. */
        static final int MAX_CAPACITY = 1 << 29;

        private final transient int capacity;

        StringValue(ClusterRuntime runtime, String id, int capacity, RobustLock lock) {
            super(runtime, id, Kind.STRING, lock);
            this.capacity = capacity;
        }

        /** {@code value}, if its UTF-8 fits {@code capacity} bytes. */
        static String fit(String value, int capacity) {
            if (capacity < 0 || capacity > MAX_CAPACITY) {
                throw new IllegalArgumentException("a shared string's capacity must be from 0 to " + MAX_CAPACITY
                        + " bytes: " + capacity);
            }
            int length = Objects.requireNonNull(value, "value").getBytes(StandardCharsets.UTF_8).length;
            if (length > capacity) {
                throw new IllegalArgumentException("a string of " + length
                        + " bytes in UTF-8 does not fit a shared string of " + capacity + " bytes");
            }
            return value;
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public String get() {
            return (String) runtime.partitionCalls().get(MAP, id);
        }

        @Override
        public void set(String value) {
            String fitting = fit(value, capacity);
            ClusterCalls.regardless(() -> {
                map().set(id, fitting);
                return null;
            });
        }

        @Override
        public String getAndSet(String value) {
            String fitting = fit(value, capacity);
            return (String) ClusterCalls.regardless(() -> map().put(id, fitting));
        }

        @Override
        public boolean compareAndSet(String expected, String value) {
            Objects.requireNonNull(expected, "expected");
            String fitting = fit(value, capacity);
            return ClusterCalls.regardless(() -> map().replace(id, expected, fitting));
        }

        @Override
        public String toString() {
            return get();
        }
    }
}
