package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    void aTakeEndedByAnInterruptTakesNothingAndTheNextElementGoesToTheNextTaker() throws Exception {
        ProcessQueue<String> q = context().queue();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread taker = new Thread(() -> {
            try {
                ended.set(new AssertionError("took " + q.take()));
            } catch (InterruptedException e) {
                ended.set(e);
            }
        });
        taker.start();
        // time to be deep in its wait; an interrupt that came before it would end it the same way
        Thread.sleep(300);
        taker.interrupt();
        taker.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(ended.get()).isInstanceOf(InterruptedException.class);

        q.put("after the interrupt");
        assertThat(q.poll(PATIENCE)).isEqualTo("after the interrupt");
    }

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
    void testQsize_theSizeCountsEveryPutAndEveryTake() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<Integer> q = mp.queue();
        assertThat(q.size()).isZero();
        q.put(1);
        assertThat(q.size()).isEqualTo(1);
        q.put(5);
        assertThat(q.size()).isEqualTo(2);
        q.take();
        assertThat(q.size()).isEqualTo(1);
        q.take();
        assertThat(q.size()).isZero();
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
    void testTimeout_aTimedPollOfAnEmptyQueueReturnsNullAfterItsTimeout() throws Exception {
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
    void peekAndElementShowTheOldestElementWithoutTakingIt() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<String> q = mp.queue();
        assertThat(q.peek()).isNull();
        assertThatThrownBy(q::element).isInstanceOf(NoSuchElementException.class);
        q.put("first");
        q.put("second");
        assertThat(q.peek()).isEqualTo("first");
        assertThat(q.element()).isEqualTo("first");
        assertThat(q.size()).isEqualTo(2);
        assertThat(q.take()).isEqualTo("first");
        assertThat(q.peek()).isEqualTo("second");
    }

    @Test
    void containsToArrayIterationAndToStringShowTheElementsInOrderWithoutTakingThem() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<Integer> q = mp.queue();
        assertThat(q.toArray()).isEmpty();
        assertThat(q.iterator().hasNext()).isFalse();
        for (int i = 0; i < 5; i++) {
            q.put(i);
        }
        assertThat(q.contains(3)).isTrue();
        assertThat(q.contains(7)).isFalse();
        assertThat(q.containsAll(List.of(0, 4))).isTrue();
        assertThat(q.toArray()).containsExactly(0, 1, 2, 3, 4);
        assertThat(q.toArray(new Integer[0])).containsExactly(0, 1, 2, 3, 4);
        Integer[] roomy = new Integer[7];
        Arrays.fill(roomy, -1);
        assertThat(q.toArray(roomy)).isSameAs(roomy).containsExactly(0, 1, 2, 3, 4, null, -1);
        List<Integer> iterated = new ArrayList<>();
        q.iterator().forEachRemaining(iterated::add);
        assertThat(iterated).containsExactly(0, 1, 2, 3, 4);
        assertThat(q.toString()).contains("0").contains("4");
        assertThatThrownBy(() -> q.toArray((Integer[]) null)).isInstanceOf(NullPointerException.class);
        assertThat(q.size()).isEqualTo(5);
        assertThat(q.poll()).isZero();
    }

    @Test
    void aSnapshotTakenWhileOthersTakeAndPutIsWeaklyConsistent() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<Integer> q = mp.queue();
        for (int i = 0; i < 1000; i++) {
            q.put(i);
        }
        AtomicInteger snapshots = new AtomicInteger();
        CompletableFuture<Void> churn = CompletableFuture.runAsync(() -> {
            for (int i = 1000; i < 3000; i++) {
                q.offer(i);
                q.poll();
                // every hundred steps, until a snapshot has been taken meanwhile: they overlap
                while (i % 100 == 0 && snapshots.get() < (i - 1000) / 100) {
                    Thread.onSpinWait();
                }
            }
        });
        int taken;
        try {
            while (!churn.isDone()) {
                List<Integer> seen = new ArrayList<>();
                q.iterator().forEachRemaining(seen::add);
                snapshots.incrementAndGet();
                // whatever it shows is a run of consecutive elements, in order: some were taken, others put
                assertThat(seen).isNotEmpty();
                for (int i = 1; i < seen.size(); i++) {
                    assertThat(seen.get(i)).isEqualTo(seen.get(i - 1) + 1);
                }
            }
        } finally {
            // the churn waits for no more snapshots, even if one failed
            taken = snapshots.getAndSet(Integer.MAX_VALUE);
        }
        assertThat(taken).isGreaterThanOrEqualTo(19);
        churn.get(30, TimeUnit.SECONDS);
        assertThat(q.size()).isEqualTo(1000);
        assertThat(q.peek()).isEqualTo(2000);
    }

    @Test
    void removingAGivenElementIsUnsupportedAndTakesNothing() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<Integer> q = mp.queue();
        q.put(1);
        assertThatThrownBy(() -> q.remove(1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> q.removeAll(List.of(1))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> q.retainAll(List.of(2))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> q.removeIf(n -> n == 1)).isInstanceOf(UnsupportedOperationException.class);
        Iterator<Integer> iterator = q.iterator();
        iterator.next();
        assertThatThrownBy(iterator::remove).isInstanceOf(UnsupportedOperationException.class);
        assertThat(q.size()).isEqualTo(1);
        q.clear();
        assertThat(q.isEmpty()).isTrue();
    }

    @Test
    void nullsAreRefusedByEveryWayOfPutting() {
        ProcessContext mp = context();
        ProcessQueue<Integer> q = mp.queue();
        assertThatThrownBy(() -> q.add(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.addAll(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> q.addAll(Arrays.asList(1, null))).isInstanceOf(NullPointerException.class);
        assertThat(q.poll()).as("what addAll put before the null").isEqualTo(1);
    }

    @Test
    void drainToWithNoRoomTakesNothing() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<Integer> q = mp.queue();
        q.put(1);
        List<Integer> sink = new ArrayList<>();
        for (int most : new int[] {0, -1, Integer.MIN_VALUE}) {
            assertThat(q.drainTo(sink, most)).isZero();
        }
        assertThat(sink).isEmpty();
        assertThat(q.size()).isEqualTo(1);
    }

    @Test
    void aThreadInterruptedBeforeItWaitsIsInterruptedAtOnceAndItsFlagCleared() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<Integer> q = mp.queue(1);
        Thread.currentThread().interrupt();
        assertThatThrownBy(q::take).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> q.poll(1, TimeUnit.MINUTES)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
        q.put(0);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> q.put(1)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> q.offer(1, 1, TimeUnit.MINUTES)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }

    @Test
    void testQueueFeederDonotStopOnexc_anUnserializableElementFailsInPutAndTheQueueGoesOnWorking() throws Exception {
        ProcessContext mp = context();
        for (ProcessQueue<Object> q : List.<ProcessQueue<Object>>of(mp.queue(), mp.queue(1))) {
            assertThatThrownBy(() -> q.put(List.of(new Thread())))
                    .isInstanceOfSatisfying(UnserializableObjectException.class,
                            e -> assertThat(e.className()).isEqualTo("java.lang.Thread"));
            assertThat(q.isEmpty()).isTrue();
            assertThat(q.size()).isZero();

            // in a bounded queue, the element that failed took no room
            assertThat(q.offer(true)).isTrue();
            assertThat(q.size()).isEqualTo(1);
            assertThat(q.poll(PATIENCE)).isEqualTo(true);
            assertThat(q.isEmpty()).isTrue();
        }
    }

    @Test
    void testClosedQueueEmptyExceptions_aClosedQueueStillSaysWhetherItIsEmpty() throws Exception {
        ProcessContext mp = context();
        for (ProcessQueue<String> q : List.<ProcessQueue<String>>of(mp.queue(), mp.joinableQueue())) {
            q.close();
            assertThat(q.isEmpty()).isTrue();
        }
        for (ProcessQueue<String> q : List.<ProcessQueue<String>>of(mp.queue(), mp.joinableQueue())) {
            q.put("foo");
            q.close();
            // where Python's empty() raises once a used queue is closed
            assertThat(q.isEmpty()).isFalse();
        }
    }

    @Test
    void testClosedQueuePutGetExceptions_aClosedQueueRefusesPutsHereAndStillGivesWhatWasPut() throws Exception {
        ProcessContext mp = context();
        for (ProcessQueue<Integer> q : List.<ProcessQueue<Integer>>of(mp.queue(), mp.joinableQueue())) {
            q.put(1);
            q.close();
            assertThatThrownBy(() -> q.put(2)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> q.offer(2)).isInstanceOf(IllegalStateException.class);
            // where Python's get() raises: taking is not closed, other processes may still put
            assertThat(q.take()).isEqualTo(1);
        }
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
