package org.multiprocessing4j.internal.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.example.captured.UserValue;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.UnserializableObjectException;
import org.multiprocessing4j.function.SerializableBiFunction;
import org.multiprocessing4j.function.SerializableCallable;
import org.multiprocessing4j.function.SerializableConsumer;
import org.multiprocessing4j.function.SerializableFunction;
import org.multiprocessing4j.function.SerializableRunnable;

class TargetCodecTest {

    static final AtomicReference<Object> SEEN = new AtomicReference<>();

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        return (T) TargetCodec.decode(TargetCodec.encode(value, "test value"));
    }

    @SuppressWarnings("unchecked")
    private static <T> T asTarget(T value) throws Exception {
        return (T) TargetCodec.decodeTarget(TargetCodec.encode(value, "test value"));
    }

    @Test
    void lambdaCapturingPlainValuesIsRebuiltWithThem() throws Exception {
        String text = "hello";
        int number = 7;
        long big = 1L << 40;
        double ratio = 0.5;
        boolean flag = true;
        String none = null;
        SerializableRunnable target = () -> SEEN.set(List.of(text, number, big, ratio, flag, String.valueOf(none)));

        roundTrip(target).run();

        assertThat(SEEN.get()).isEqualTo(List.of("hello", 7, 1L << 40, 0.5, true, "null"));
    }

    @Test
    void lambdaCapturingALambdaAndAMethodReferenceIsRebuilt() throws Exception {
        SerializableConsumer<Integer> inner = TargetCodecTest::remember;
        Integer argument = 42;
        SerializableRunnable target = () -> inner.accept(argument);

        roundTrip(target).run();

        assertThat(SEEN.get()).isEqualTo(42);
    }

    private static void remember(Object value) {
        SEEN.set(value);
    }

    @Test
    void capturedObjectsOfOtherTypesTravelWithJdkSerialization() throws Exception {
        ArrayList<String> list = new ArrayList<>(List.of("a", "b"));
        SerializableRunnable target = () -> SEEN.set(list);

        roundTrip(target).run();

        assertThat(SEEN.get()).isEqualTo(list).isNotSameAs(list);
    }

    @Test
    void objectsSharedByCapturedValuesStayShared() throws Exception {
        ArrayList<String> shared = new ArrayList<>();
        List<List<String>> first = List.of(shared);
        List<List<String>> second = List.of(shared);
        SerializableRunnable target = () -> SEEN.set(List.of(first, second));

        roundTrip(target).run();

        @SuppressWarnings("unchecked")
        List<List<List<String>>> both = (List<List<List<String>>>) SEEN.get();
        assertThat(both.get(0).get(0)).isSameAs(both.get(1).get(0));
    }

    @Test
    void serializableObjectThatIsNotALambdaRoundTrips() throws Exception {
        assertThat(roundTrip(new Task("job"))).isEqualTo(new Task("job"));
    }

    record Task(String name) implements SerializableRunnable {
        @Override
        public void run() {
            SEEN.set(name);
        }
    }

    @Test
    void capturedValueThatCannotBeSerializedIsNamed() {
        Object notSerializable = new Thread();
        SerializableRunnable target = () -> SEEN.set(notSerializable);

        assertThatThrownBy(() -> TargetCodec.encode(target, "target of Process-9"))
                .isInstanceOfSatisfying(UnserializableObjectException.class,
                        e -> assertThat(e.className()).isEqualTo("java.lang.Thread"))
                .hasMessageContaining("target of Process-9");
    }

    @Test
    void aTargetsLambdasBecomeReflectiveCallsThatBehaveTheSame() throws Exception {
        String prefix = "n=";
        SerializableFunction<Integer, String> captures = n -> prefix + n;
        SerializableFunction<String, Integer> unbound = String::length;
        List<String> list = new ArrayList<>();
        SerializableConsumer<String> bound = list::add;
        SerializableCallable<ArrayList<String>> constructor = ArrayList::new;
        SerializableBiFunction<Integer, Integer, Integer> primitives = Math::max;

        SerializableFunction<Integer, String> capturesThere = asTarget(captures);
        assertThat(capturesThere).isInstanceOf(ReflectedLambda.class);
        assertThat(capturesThere.apply(5)).isEqualTo("n=5");
        assertThat(asTarget(unbound).apply("four")).isEqualTo(4);
        assertThat(asTarget(constructor).call()).isEqualTo(List.of());
        assertThat(asTarget(primitives).apply(3, 9)).isEqualTo(9);
        // the list travels as a copy, as the lambda's would
        asTarget(bound).accept("x");
        assertThat(list).isEmpty();
    }

    @Test
    void aLambdaThatUsesThisCallsItsPrivateBodyOnTheCopy() throws Exception {
        Capturing capturing = new Capturing("inside");
        SerializableCallable<String> methodReference = capturing::describe;

        assertThat(asTarget(methodReference).call()).isEqualTo("inside");
        SEEN.set(null);
        asTarget(capturing.remember()).run();
        assertThat(SEEN.get()).isEqualTo("inside");
    }

    record Capturing(String text) implements Serializable {
        private String describe() {
            return text;
        }

        SerializableRunnable remember() {
            return () -> SEEN.set(this.text);
        }
    }

    @Test
    void aReflectedCallThrowsWhatTheTargetThrows() throws Exception {
        SerializableRunnable target = () -> {
            throw new FileNotFoundException("missing");
        };

        assertThatThrownBy(() -> asTarget(target).run()).isInstanceOf(FileNotFoundException.class)
                .hasMessage("missing");
    }

    @Test
    void aReflectedLambdaCalledOftenKeepsWorkingAsTheRealOne() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        SerializableFunction<Integer, Integer> twice = n -> n * 2;
        SerializableFunction<Integer, Integer> there = asTarget(twice);

        for (int i = 0; i < 100; i++) {
            assertThat(there.apply(i)).isEqualTo(i * 2);
            calls.incrementAndGet();
        }
        assertThat(calls).hasValue(100);
    }

    @Test
    void aReflectedLambdaIsWrittenAgainAsTheLambdaItStandsFor() throws Exception {
        SerializableFunction<Integer, Integer> twice = n -> n * 2;
        SerializableFunction<Integer, Integer> there = asTarget(twice);

        SerializableFunction<Integer, Integer> again = roundTrip(there);
        assertThat(again).isNotInstanceOf(ReflectedLambda.class);
        assertThat(again.apply(21)).isEqualTo(42);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(there);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            @SuppressWarnings("unchecked")
            SerializableFunction<Integer, Integer> read = (SerializableFunction<Integer, Integer>) in.readObject();
            assertThat(read).isNotInstanceOf(ReflectedLambda.class);
            assertThat(read.apply(4)).isEqualTo(8);
        }
    }

    @Test
    void aLambdaOfAnotherInterfaceIsRebuiltTheUsualWay() throws Exception {
        Runnable target = (Runnable & Serializable) () -> SEEN.set("plain");

        Runnable there = asTarget(target);

        assertThat(there).isNotInstanceOf(ReflectedLambda.class);
        there.run();
        assertThat(SEEN.get()).isEqualTo("plain");
    }

    static final AtomicInteger REHEARSED_ONLY_INITIALIZED = new AtomicInteger();

    @Test
    void rehearsingATargetRunsNothingOfIt() throws Exception {
        SerializableConsumer<Object> method = RehearsedOnly::touch;
        ArrayList<String> captured = new ArrayList<>(List.of("a"));
        SerializableRunnable target = () -> method.accept(captured);
        SEEN.set(null);

        TargetCodec.rehearse(TargetCodec.encode(target, "test value"));

        assertThat(REHEARSED_ONLY_INITIALIZED).hasValue(0);
        assertThat(SEEN.get()).isNull();
    }

    @Test
    void aTargetsRehearsalPreparesTheReadingOfTheLibrarysAndTheJdksClassesAndNoneOfAUsersOnesAndAMessageListsNone() throws Exception {
        // two values for JDK serialization: the target is written whole that way
        LibraryValue library = new LibraryValue(2);
        UserValue user = new UserValue(3);
        SerializableRunnable target = () -> SEEN.set(library.number + user.number());
        byte[] encoded = TargetCodec.encodeTarget(target, "test value");

        assertThat(TargetCodec.skippedClasses(encoded)).contains(LibraryValue.class.getName(),
                "java.lang.invoke.SerializedLambda").doesNotContain(UserValue.class.getName());
        assertThat(TargetCodec.skippedClasses(TargetCodec.encode(target, "test value"))).isEmpty();
        assertThat(TargetCodec.rehearse(encoded)).isTrue();
        ((SerializableRunnable) TargetCodec.decodeTarget(encoded)).run();
        assertThat(SEEN.get()).isEqualTo(5);
    }

    @Test
    void aTargetWithoutSerializedValuesHasNothingToPrepare() throws Exception {
        String text = "plain";
        SerializableRunnable target = () -> SEEN.set(text);

        assertThat(TargetCodec.skippedClasses(TargetCodec.encodeTarget(target, "test value"))).isNull();
    }

    /** A class in the library's packages, whose reading a rehearsal prepares. */
    static final class LibraryValue implements Serializable {
        private static final long serialVersionUID = 1L;

        final int number;

        LibraryValue(int number) {
            this.number = number;
        }
    }

    /** Initialized only by running the target above; rehearsing it loads it and no more. */
    static final class RehearsedOnly {
        static {
            REHEARSED_ONLY_INITIALIZED.incrementAndGet();
        }

        static void touch(Object value) {
            SEEN.set(value);
        }
    }
}
