package org.multiprocessing4j.internal.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.UnserializableObjectException;
import org.multiprocessing4j.function.SerializableConsumer;
import org.multiprocessing4j.function.SerializableRunnable;

class TargetCodecTest {

    static final AtomicReference<Object> SEEN = new AtomicReference<>();

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        return (T) TargetCodec.decode(TargetCodec.encode(value, "test value"));
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
}
