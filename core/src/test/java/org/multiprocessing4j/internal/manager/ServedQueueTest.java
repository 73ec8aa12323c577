package org.multiprocessing4j.internal.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ServedQueueTest {

    private final ServedQueue<String> queue = new ServedQueue<>(Integer.MAX_VALUE);

    @Test
    void joinWaitsUntilEveryElementPutIsMarkedDone() throws Exception {
        queue.put("a");
        queue.offer("b");
        queue.add("c");
        assertThat(queue.offer("d", 1, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean allDone = new AtomicBoolean();
        ConnectionThread<Boolean> joiner = ConnectionThread.start(() -> {
            queue.join();
            return allDone.get();
        });

        List<String> taken = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            taken.add(queue.take());
            assertThat(queue.join(Duration.ZERO)).as("taken is not done").isFalse();
        }
        for (int i = 0; i < 3; i++) {
            queue.taskDone();
        }
        assertThat(queue.join(1, TimeUnit.MILLISECONDS)).isFalse();
        allDone.set(true);
        queue.taskDone();

        assertThat(joiner.result()).isTrue();
        assertThat(taken).containsExactly("a", "b", "c", "d");
        assertThat(queue.join(Duration.ZERO)).isTrue();
    }

    @Test
    void moreTaskDoneCallsThanElementsPutAreRefused() throws Exception {
        queue.put("a");
        queue.taskDone();

        assertThatThrownBy(queue::taskDone).isInstanceOf(IllegalStateException.class);
        assertThat(queue.join(Duration.ZERO)).isTrue();
    }

    @Test
    void aFailedPutCountsNothing() throws Exception {
        ServedQueue<String> bounded = new ServedQueue<>(1);
        bounded.put("a");

        assertThat(bounded.offer("b")).isFalse();
        assertThat(bounded.offer("b", 1, TimeUnit.MILLISECONDS)).isFalse();
        assertThatThrownBy(() -> bounded.add("b")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> bounded.put(null)).isInstanceOf(NullPointerException.class);
        assertThat(bounded.remainingCapacity()).isZero();

        bounded.take();
        bounded.taskDone();
        assertThat(bounded.join(Duration.ZERO)).isTrue();
    }

    @Test
    void nullElementsAreRefused() {
        assertThatThrownBy(() -> queue.put(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> queue.offer(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> queue.offer(null, 1, TimeUnit.SECONDS)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> queue.add(null)).isInstanceOf(NullPointerException.class);
        assertThat(queue).isEmpty();
    }

    @Test
    void aTakeWaitsForAnElementFromAnotherThread() throws Exception {
        ConnectionThread<String> taker = ConnectionThread.start(queue::take).awaitWaiting();

        queue.put("x");

        assertThat(taker.result()).isEqualTo("x");
        assertThat(queue.poll(1, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void removingAGivenElementIsRefused() throws Exception {
        queue.put("a");
        Iterator<String> elements = queue.iterator();
        elements.next();

        assertThatThrownBy(() -> queue.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> queue.removeAll(List.of("a"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> queue.retainAll(List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> queue.removeIf(e -> true)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(elements::remove).isInstanceOf(UnsupportedOperationException.class);
        assertThat(queue).containsExactly("a");
    }

    @Test
    void closeOnTheServerLeavesTheQueueServing() throws Exception {
        queue.close();

        queue.put("a");
        assertThat(queue.poll()).isEqualTo("a");
    }

    @Test
    void looksSeeTheElementsOldestFirst() throws Exception {
        queue.put("a");
        queue.put("b");

        assertThat(queue.peek()).isEqualTo("a");
        assertThat(queue.contains("b")).isTrue();
        assertThat(queue.toArray()).containsExactly("a", "b");
        assertThat(queue).hasToString("[a, b]");
        List<String> drained = new ArrayList<>();
        assertThat(queue.drainTo(drained)).isEqualTo(2);
        assertThat(drained).containsExactly("a", "b");
    }

    @Test
    void aBoundMustNotBeNegative() {
        assertThatThrownBy(() -> new ServedQueue<String>(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
