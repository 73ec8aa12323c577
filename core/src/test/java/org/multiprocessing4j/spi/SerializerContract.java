package org.multiprocessing4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InvalidClassException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.multiprocessing4j.UnserializableObjectException;
import org.multiprocessing4j.function.SerializableRunnable;

/**
 * The {@link Serializer} contract, written once and run against every implementation by a
 * subclass that names it.
 */
abstract class SerializerContract {

    static final AtomicReference<Object> SEEN = new AtomicReference<>();

    /** The implementation under test. */
    abstract Serializer serializer();

    Object roundTrip(Serializer serializer, Object value) throws Exception {
        ByteBuffer written = serializer.serialize(value, ByteBuffer.allocate(16));
        return serializer.deserialize(written.flip());
    }

    Object roundTrip(Object value) throws Exception {
        return roundTrip(serializer(), value);
    }

    record Point(int x, int y) implements Serializable {
    }

    record Labelled(String label, Point point, List<Object> extras, byte[] payload) implements Serializable {
        @Override
        public boolean equals(Object other) {
            return other instanceof Labelled that && label.equals(that.label) && point.equals(that.point)
                    && Objects.equals(extras, that.extras) && Arrays.equals(payload, that.payload);
        }

        @Override
        public int hashCode() {
            return label.hashCode();
        }
    }

    enum Colour {
        RED,
        GREEN {
            @Override
            public String toString() {
                return "green, with a body of its own";
            }
        }
    }

    /** A plain serializable class, neither record nor collection. */
    static final class Counter implements Serializable {
        int count;

        Counter(int count) {
            this.count = count;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Counter that && that.count == count;
        }

        @Override
        public int hashCode() {
            return count;
        }
    }

    record Holder(Object content) implements Serializable {
    }

    record NotSerializableRecord(String name) {
    }

    static Stream<Object> values() {
        return Stream.of(
                "", "hello", "é and ß fit in Latin-1", "not Latin-1: \u4e2d\u6587 \uD83D\uDE00",
                Integer.MIN_VALUE, 7, Long.MAX_VALUE, -0.0d, Double.NaN, 1.5f, (short) -3, (byte) 9, 'x', '\u4e2d',
                true, false,
                new Point(1, 2), new Labelled("a", new Point(3, 4), Arrays.asList(null, "x"), new byte[] {1, 2}),
                Colour.RED, Colour.GREEN,
                List.of(), List.of("u"), List.of("u", 7, "hello"), Set.of(), Set.of(1), Set.of("a", "b", "c"),
                Map.of(), Map.of("k", 1), Map.of("a", 1, "b", List.of(2), "c", Map.of()),
                new ArrayList<>(Arrays.asList(23, null, "child")), Arrays.asList(23, null, "child"),
                new HashMap<>(Map.of("k", "v")), new LinkedHashMap<>(Map.of(1, 2)),
                new HashSet<>(List.of(1, 2)), new LinkedHashSet<>(List.of("z", "a")),
                new TreeMap<>(Map.of("b", 2, "a", 1)), new Counter(5), List.of(new Counter(6), Colour.RED),
                Stream.of("a", "b").toList(),
                new ArrayList<>(List.of(1, -2, Integer.MAX_VALUE)), List.of(4, 5), List.of(4, 5, 6),
                Arrays.asList(7, 8), Stream.of(9, 10).toList(), new ArrayList<>(Arrays.asList(1, null, 3)),
                new ArrayList<>(List.of(1, 2L)));
    }

    @ParameterizedTest
    @MethodSource("values")
    void everySupportedKindComesBackEqualAndOfTheSameClass(Object value) throws Exception {
        Object copy = roundTrip(value);

        assertThat(copy).isEqualTo(value).hasSameClassAs(value);
    }

    @Test
    void nullComesBack() throws Exception {
        assertThat(roundTrip(null)).isNull();
    }

    @Test
    void byteArraysOfAnySizeComeBack() throws Exception {
        byte[] large = new byte[1 << 20];
        Arrays.fill(large, (byte) 42);
        large[large.length - 1] = 7;

        assertThat((byte[]) roundTrip(large)).isEqualTo(large);
        assertThat((byte[]) roundTrip(new byte[0])).isEmpty();
    }

    @Test
    void immutableCollectionsStayImmutable() throws Exception {
        @SuppressWarnings("unchecked")
        List<Object> copy = (List<Object>) roundTrip(List.of("u", 7, "hello"));

        assertThatThrownBy(() -> copy.add("more")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aLambdaSentOnItsOwnRunsWithWhatItCaptured() throws Exception {
        String greeting = "hi";
        List<Object> captured = new ArrayList<>(List.of(1, 2));
        SerializableRunnable task = () -> SEEN.set(List.of(greeting, captured));

        ((SerializableRunnable) roundTrip(task)).run();

        assertThat(SEEN.get()).isEqualTo(List.of("hi", List.of(1, 2)));
    }

    @Test
    void aLambdaInsideAValueRuns() throws Exception {
        int number = 41;
        SerializableRunnable task = () -> SEEN.set(number + 1);

        @SuppressWarnings("unchecked")
        List<Object> copy = (List<Object>) roundTrip(List.of("task", task));
        ((SerializableRunnable) copy.get(1)).run();

        assertThat(SEEN.get()).isEqualTo(42);
    }

    @Test
    void anObjectMetTwiceIsSharedInTheCopy() throws Exception {
        List<String> shared = new ArrayList<>(List.of("x"));
        byte[] bytes = {1};

        List<?> copy = (List<?>) roundTrip(List.of(shared, shared, bytes, new Holder(bytes)));

        assertThat(copy.get(0)).isSameAs(copy.get(1));
        assertThat(((Holder) copy.get(3)).content()).isSameAs(copy.get(2));
    }

    @Test
    void aCycleComesBackAsACycle() throws Exception {
        List<Object> cyclic = new ArrayList<>();
        cyclic.add("head");
        cyclic.add(cyclic);

        List<?> copy = (List<?>) roundTrip(cyclic);

        assertThat(copy.get(1)).isSameAs(copy);
    }

    @Test
    void anUnserializableObjectFailsInTheCallerNamingItsClass() {
        Object value = List.of("fine", new HashMap<>(Map.of("bad", new Thread())));

        assertThatThrownBy(() -> serializer().serialize(value, ByteBuffer.allocate(64)))
                .isInstanceOfSatisfying(UnserializableObjectException.class,
                        e -> assertThat(e.className()).isEqualTo("java.lang.Thread"));
    }

    @Test
    void aRecordThatIsNotSerializableIsNamed() {
        Object value = List.of(new NotSerializableRecord("r"));

        assertThatThrownBy(() -> serializer().serialize(value, ByteBuffer.allocate(64)))
                .isInstanceOfSatisfying(UnserializableObjectException.class,
                        e -> assertThat(e.className()).isEqualTo(NotSerializableRecord.class.getName()));
    }

    @Test
    void aLambdaCapturingSomethingUnserializableIsNamed() {
        Object notSerializable = new Object();
        SerializableRunnable task = () -> SEEN.set(notSerializable);

        assertThatThrownBy(() -> serializer().serialize(task, ByteBuffer.allocate(64)))
                .isInstanceOfSatisfying(UnserializableObjectException.class,
                        e -> assertThat(e.className()).isEqualTo("java.lang.Object"));
    }

    @Test
    void serializingAppendsAtThePositionAndKeepsWhatIsBefore() throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(256).put(new byte[] {9, 8, 7});

        ByteBuffer written = serializer().serialize(List.of("u", 1, "hello"), buffer);

        assertThat(written).isSameAs(buffer);
        assertThat(written.get(0)).isEqualTo((byte) 9);
        assertThat(written.get(2)).isEqualTo((byte) 7);
        assertThat(serializer().deserialize(written.flip().position(3))).isEqualTo(List.of("u", 1, "hello"));
    }

    @Test
    void aValueTooLargeForTheBufferComesBackInALargerOneWithTheSamePrefix() throws Exception {
        ByteBuffer small = ByteBuffer.allocate(4).put((byte) 5);
        byte[] payload = new byte[1000];

        ByteBuffer written = serializer().serialize(payload, small);

        assertThat(written).isNotSameAs(small);
        assertThat(written.get(0)).isEqualTo((byte) 5);
        assertThat((byte[]) serializer().deserialize(written.flip().position(1))).isEqualTo(payload);
    }

    @Test
    void directBuffersWorkLikeHeapBuffers() throws Exception {
        ByteBuffer direct = ByteBuffer.allocateDirect(8);
        Object value = List.of("u", 7, "hello", "\u4e2d", new Point(1, 2));

        ByteBuffer written = serializer().serialize(value, direct);

        assertThat(written.isDirect()).isTrue();
        assertThat(serializer().deserialize(written.flip())).isEqualTo(value);
    }

    @Test
    void messagesFramedBackToBackAreReadOneAtATime() throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(8);
        buffer = serializer().serialize("first", buffer);
        int firstEnd = buffer.position();
        buffer = serializer().serialize(List.of(2), buffer);
        buffer.flip();

        Object first = serializer().deserialize(buffer.duplicate().limit(firstEnd));
        Object second = serializer().deserialize(buffer.position(firstEnd));

        assertThat(List.of(first, second)).isEqualTo(List.of("first", List.of(2)));
        assertThat(buffer.hasRemaining()).isFalse();
    }

    @Test
    void aFilterRefusesAClassItDoesNotAllowByName() {
        Serializer filtered = serializer().withClassFilter(name -> false);

        assertThatThrownBy(() -> roundTrip(filtered, List.of("u", new Point(1, 2))))
                .isInstanceOfSatisfying(InvalidClassException.class,
                        e -> assertThat(e.classname).isEqualTo(Point.class.getName()));
    }

    @Test
    void aFilterChecksTheElementTypeOfArrays() {
        Serializer filtered = serializer().withClassFilter(name -> false);

        assertThatThrownBy(() -> roundTrip(filtered, new Point[] {new Point(1, 2)}))
                .isInstanceOfSatisfying(InvalidClassException.class,
                        e -> assertThat(e.classname).isEqualTo(Point.class.getName()));
    }

    @Test
    void aFilterChecksTheClassThatCreatedALambda() {
        SerializableRunnable task = () -> SEEN.set("ran");
        Serializer filtered = serializer().withClassFilter(name -> false);

        assertThatThrownBy(() -> roundTrip(filtered, task))
                .isInstanceOfSatisfying(InvalidClassException.class,
                        e -> assertThat(e.classname).isEqualTo(SerializerContract.class.getName()));
    }

    @Test
    void aFilterAcceptsWhatItAllowsAndPlainDataWithoutAsking() throws Exception {
        List<String> asked = new ArrayList<>();
        Predicate<String> allowed = name -> asked.add(name) && name.startsWith(SerializerContract.class.getName());
        Serializer filtered = serializer().withClassFilter(allowed);
        Object value = List.of("u", 1, 2.5, new ArrayList<>(List.of(new byte[] {3})), new HashMap<>(Map.of("k", "v")),
                new TreeMap<>(Map.of(1, 2)), new Point(1, 2), new Object[] {"x"}, Colour.GREEN);

        Object copy = roundTrip(filtered, value);

        assertThat(copy).usingRecursiveComparison().isEqualTo(value);
        assertThat(asked).isNotEmpty().allMatch(name -> name.startsWith(SerializerContract.class.getName()));
    }

    @Test
    void aFilteredSerializerRunsALambdaItAllows() throws Exception {
        SerializableRunnable task = () -> SEEN.set("allowed");
        Serializer filtered = serializer().withClassFilter(name -> name.equals(SerializerContract.class.getName()));

        ((SerializableRunnable) roundTrip(filtered, task)).run();

        assertThat(SEEN.get()).isEqualTo("allowed");
    }

    @Test
    void theSerializerItselfCrossesToAnotherProcessAndComesBackTheSame() throws Exception {
        Serializer copy = (Serializer) roundTrip(Serializer.jdk(), serializer());

        assertThat(copy).isSameAs(serializer());
    }

    @Test
    void oneInstanceServesManyThreadsAtOnce() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(new Thread(() -> {
                ByteBuffer buffer = ByteBuffer.allocate(32);
                try {
                    for (int i = 0; i < 500; i++) {
                        Object value = List.of("u", id * 1000 + i, new Point(id, i));
                        buffer = serializer().serialize(value, buffer.clear());
                        assertThat(serializer().deserialize(buffer.flip())).isEqualTo(value);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(30_000);
        }

        assertThat(failures).isEmpty();
        assertThat(threads).noneMatch(Thread::isAlive);
    }
}
