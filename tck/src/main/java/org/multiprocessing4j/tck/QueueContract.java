package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.JoinableProcessQueue;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.SimpleProcessQueue;
import org.multiprocessing4j.UnserializableObjectException;

/**
 * The {@link java.util.concurrent.BlockingQueue} contract, where it applies across processes, for
 * the shared queue used by threads of one process (after the JSR-166 TCK's BlockingQueueTest);
 * {@link QueueAcrossProcessesContract} crosses processes.
 */
@Timeout(60)
public abstract class QueueContract extends ContextContract {

    @Test
    void elementsPutByOneThreadAreTakenInOrder() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<Integer> q = mp.queue();
        for (int i = 0; i < 1000; i++) {
            q.put(i);
        }
        assertThat(q.size()).isEqualTo(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(q.take()).isEqualTo(i);
        }
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.poll()).isNull();
    }

    @Test
    void aBoundedQueueRefusesOffersWhenFullAndTimesOut() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<String> q = mp.queue(2);
        assertThat(q.remainingCapacity()).isEqualTo(2);
        assertThat(q.offer("a")).isTrue();
        assertThat(q.add("b")).isTrue();
        assertThat(q.remainingCapacity()).isZero();
        assertThat(q.offer("c")).isFalse();
        assertThatThrownBy(() -> q.add("c")).isInstanceOf(IllegalStateException.class);

        long begin = System.nanoTime();
        assertThat(q.offer("c", 100, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(System.nanoTime() - begin).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(q.size()).isEqualTo(2);
    }

    @Test
    void aPutBlockedOnAFullQueueProceedsWhenAnElementIsTaken() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<Integer> q = mp.queue(1);
        q.put(1);
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> uninterrupted(() -> q.put(2)));
        assertThat(q.poll(30, TimeUnit.SECONDS)).isEqualTo(1);
        blocked.get(30, TimeUnit.SECONDS);
        assertThat(q.take()).isEqualTo(2);
    }

    @Test
    void aTimedPollOfAnEmptyQueueReturnsNullAfterItsTimeout() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<Integer> q = mp.queue();
        long begin = System.nanoTime();
        assertThat(q.poll(100, TimeUnit.MILLISECONDS)).isNull();
        assertThat(System.nanoTime() - begin).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    }

    @Test
    void anInterruptEndsABlockedTakeAndABlockedPut() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<Integer> q = mp.queue(1);
        q.put(0);
        AtomicReference<Throwable> putOutcome = new AtomicReference<>();
        Thread putter = new Thread(() -> outcome(() -> q.put(1), putOutcome));
        putter.start();
        putter.interrupt();
        putter.join(30_000);
        assertThat(putOutcome.get()).isInstanceOf(InterruptedException.class);

        q.take();
        AtomicReference<Throwable> takeOutcome = new AtomicReference<>();
        Thread taker = new Thread(() -> outcome(q::take, takeOutcome));
        taker.start();
        taker.interrupt();
        taker.join(30_000);
        assertThat(takeOutcome.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void nullElementsAreRefused() {
        ProcessContext mp = context();
        ProcessQueue<Integer> q = mp.queue();
        assertThatThrownBy(() -> q.put(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.offer(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.offer(null, 1, TimeUnit.SECONDS)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void drainToTakesEverythingOrAtMostTheGivenNumberAndRefusesTheQueueItself() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<Integer> q = mp.queue();
        for (int i = 0; i < 5; i++) {
            q.put(i);
        }
        List<Integer> drained = new ArrayList<>();
        assertThat(q.drainTo(drained, 2)).isEqualTo(2);
        assertThat(q.drainTo(drained)).isEqualTo(3);
        assertThat(drained).containsExactly(0, 1, 2, 3, 4);
        assertThatThrownBy(() -> q.drainTo(q)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q.drainTo(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void methodsThatLookInsideTheQueueAreUnsupported() {
        ProcessContext mp = context();
        ProcessQueue<Integer> q = mp.queue();
        assertThatThrownBy(q::peek).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(q::element).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(q::iterator).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> q.contains(1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> q.remove(1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(q::toArray).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anUnserializableElementFailsInPutNamingItsClassAndNothingIsQueued() {
        ProcessContext mp = context();
        ProcessQueue<Object> q = mp.queue();
        assertThatThrownBy(() -> q.put(List.of(new Thread())))
                .isInstanceOfSatisfying(UnserializableObjectException.class,
                        e -> assertThat(e.className()).isEqualTo("java.lang.Thread"));
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.size()).isZero();
    }

    @Test
    void aClosedQueueRefusesPutsInThisProcessAndStillGivesWhatWasPut() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<Integer> q = mp.queue();
        q.put(1);
        q.close();
        assertThatThrownBy(() -> q.put(2)).isInstanceOf(IllegalStateException.class);
        assertThat(q.take()).isEqualTo(1);
    }

    @Test
    void joinOfAJoinableQueueReturnsWhenEveryElementPutWasMarkedDone() throws Exception {
        ProcessContext mp = context();
        JoinableProcessQueue<Integer> q = mp.joinableQueue();
        q.put(1);
        q.put(2);
        assertThat(q.join(Duration.ofMillis(50))).isFalse();
        q.take();
        q.taskDone();
        assertThat(q.join(Duration.ofMillis(50))).isFalse();
        CountDownLatch joined = new CountDownLatch(1);
        new Thread(() -> uninterrupted(() -> {
            q.join();
            joined.countDown();
        })).start();
        q.take();
        q.taskDone();
        assertThat(joined.await(30, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSimpleQueueGivesBackWhatWasPutInOrderNullIncluded() throws Exception {
        ProcessContext mp = context();
        SimpleProcessQueue<String> q = mp.simpleQueue();
        assertThat(q.isEmpty()).isTrue();
        q.put("a");
        q.put(null);
        assertThat(q.isEmpty()).isFalse();
        assertThat(q.get()).isEqualTo("a");
        assertThat(q.get()).isNull();
        q.close();
        assertThatThrownBy(() -> q.put("b")).isInstanceOf(IllegalStateException.class);
    }

    @FunctionalInterface
    private interface Blocking {
        void run() throws InterruptedException;
    }

    private static void uninterrupted(Blocking blocking) {
        try {
            blocking.run();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void outcome(Blocking blocking, AtomicReference<Throwable> outcome) {
        try {
            blocking.run();
            outcome.set(new AssertionError("returned"));
        } catch (InterruptedException e) {
            outcome.set(e);
        }
    }
}
