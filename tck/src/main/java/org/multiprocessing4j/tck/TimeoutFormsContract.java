package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Connections;
import org.multiprocessing4j.JoinableProcessQueue;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.ProcessBarrier;
import org.multiprocessing4j.ProcessCondition;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessEvent;
import org.multiprocessing4j.ProcessLock;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.ProcessReentrantLock;
import org.multiprocessing4j.ProcessSemaphore;

/**
 * Every blocking call takes its timeout both as a {@link Duration} and as a {@code long} with a
 * {@link TimeUnit}; each form gives up when its time is up, and a timeout too long to count in
 * nanoseconds waits as one without a limit would.
 */
@Timeout(120)
public abstract class TimeoutFormsContract extends ContextContract {

    private static final Duration SHORT = Duration.ofMillis(30);

    /** About 292 billion years: {@link Duration#toNanos()} overflows on it. */
    private static final Duration CENTURIES = ChronoUnit.FOREVER.getDuration();

    @Test
    void everyBlockingCallGivesUpAfterItsTimeoutInBothForms() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<String> full = mp.queue(1);
        full.put("only");
        assertGivesUp(() -> full.offer("more", SHORT));
        assertGivesUp(() -> full.offer("more", 30, TimeUnit.MILLISECONDS));
        ProcessQueue<String> empty = mp.queue();
        assertGivesUp(() -> empty.poll(SHORT) != null);
        assertGivesUp(() -> empty.poll(30, TimeUnit.MILLISECONDS) != null);

        JoinableProcessQueue<String> undone = mp.joinableQueue();
        undone.put("not done");
        assertGivesUp(() -> undone.join(SHORT));
        assertGivesUp(() -> undone.join(30, TimeUnit.MILLISECONDS));

        Pipe pipe = mp.pipe();
        assertGivesUp(() -> pipe.left().poll(SHORT));
        assertGivesUp(() -> pipe.left().poll(30, TimeUnit.MILLISECONDS));
        assertGivesUp(() -> !Connections.waitAny(List.of(pipe.left()), SHORT).isEmpty());
        assertGivesUp(() -> !Connections.waitAny(List.of(pipe.left()), 30, TimeUnit.MILLISECONDS).isEmpty());

        ProcessSemaphore none = mp.semaphore(0);
        assertGivesUp(() -> none.tryAcquire(SHORT));
        assertGivesUp(() -> none.tryAcquire(2, SHORT));
        assertGivesUp(() -> none.tryAcquire(30, TimeUnit.MILLISECONDS));
        assertGivesUp(() -> none.tryAcquire(2, 30, TimeUnit.MILLISECONDS));

        ProcessEvent unset = mp.event();
        assertGivesUp(() -> unset.await(SHORT));
        assertGivesUp(() -> unset.await(30, TimeUnit.MILLISECONDS));

        ProcessLock held = mp.lock();
        held.lock();
        try {
            assertThat(onNewThread(() -> gaveUp(() -> held.tryLock(SHORT))).get()).isTrue();
            assertThat(onNewThread(() -> gaveUp(() -> held.tryLock(30, TimeUnit.MILLISECONDS))).get()).isTrue();
        } finally {
            held.unlock();
        }

        ProcessReentrantLock lock = mp.reentrantLock();
        ProcessCondition condition = mp.condition(lock);
        lock.lock();
        try {
            assertGivesUp(() -> condition.await(SHORT));
            assertGivesUp(() -> condition.await(30, TimeUnit.MILLISECONDS));
            assertGivesUp(() -> condition.waitFor(() -> false, SHORT));
            assertGivesUp(() -> condition.waitFor(() -> false, 30, TimeUnit.MILLISECONDS));
        } finally {
            lock.unlock();
        }

        assertThatThrownBy(() -> mp.barrier(2).await(SHORT)).isInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> mp.barrier(2).await(30, TimeUnit.MILLISECONDS))
                .isInstanceOf(TimeoutException.class);
    }

    @Test
    void aTimeoutTooLongToCountInNanosecondsWaitsUntilAnotherProcessActs() throws Exception {
        ProcessContext mp = context();
        ProcessLock lock = mp.lock();
        ProcessEvent locked = mp.event();
        ProcessQueue<String> queue = mp.queue();
        Pipe pipe = mp.pipe();
        ProcessSemaphore semaphore = mp.semaphore(0);
        JoinableProcessQueue<String> work = mp.joinableQueue();
        work.put("task");
        ProcessBarrier barrier = mp.barrier(2);
        ProcessReentrantLock conditionLock = mp.reentrantLock();
        ProcessCondition condition = mp.condition(conditionLock);
        ProcessEvent signalled = mp.event();
        ChildProcess child = start(() -> {
            lock.lock();
            locked.set();
            pause();
            lock.unlock();
            pause();
            queue.put("put");
            pause();
            pipe.right().send("sent");
            pause();
            semaphore.release();
            pause();
            work.take();
            work.taskDone();
            barrier.await();
            pause();
            conditionLock.lock();
            try {
                signalled.set();
                condition.signalAll();
            } finally {
                conditionLock.unlock();
            }
            pause();
            pipe.right().send("sent again");
        });

        assertThat(locked.await(CENTURIES)).isTrue();
        assertThat(lock.tryLock(CENTURIES)).isTrue();
        lock.unlock();
        assertThat(queue.poll(CENTURIES)).isEqualTo("put");
        assertThat(pipe.left().poll(CENTURIES)).isTrue();
        assertThat(pipe.left().recv()).isEqualTo("sent");
        assertThat(semaphore.tryAcquire(CENTURIES)).isTrue();
        assertThat(work.join(CENTURIES)).isTrue();
        assertThat(barrier.await(CENTURIES)).isBetween(0, 1);
        conditionLock.lock();
        try {
            assertThat(condition.waitFor(signalled::isSet, CENTURIES)).isTrue();
        } finally {
            conditionLock.unlock();
        }
        assertThat(Connections.waitAny(List.of(pipe.left()), CENTURIES)).containsExactly(pipe.left());
        assertThat(pipe.left().recv()).isEqualTo("sent again");
        assertExitsCleanly(child);
    }

    @Test
    void aTimeoutTooLongToCountInNanosecondsWaitsUntilInterrupted() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<String> empty = mp.queue();
        assertWaitsUntilInterrupted(() -> empty.poll(CENTURIES) != null);
        ProcessQueue<String> full = mp.queue(1);
        full.put("only");
        assertWaitsUntilInterrupted(() -> full.offer("more", CENTURIES));
        JoinableProcessQueue<String> undone = mp.joinableQueue();
        undone.put("not done");
        assertWaitsUntilInterrupted(() -> undone.join(CENTURIES));
        Pipe pipe = mp.pipe();
        assertWaitsUntilInterrupted(() -> pipe.left().poll(CENTURIES));
        assertWaitsUntilInterrupted(() -> !Connections.waitAny(List.of(pipe.left()), CENTURIES).isEmpty());
        ProcessSemaphore none = mp.semaphore(0);
        assertWaitsUntilInterrupted(() -> none.tryAcquire(CENTURIES));
        ProcessEvent unset = mp.event();
        assertWaitsUntilInterrupted(() -> unset.await(CENTURIES));
        ProcessLock held = mp.lock();
        held.lock();
        try {
            assertWaitsUntilInterrupted(() -> held.tryLock(CENTURIES));
        } finally {
            held.unlock();
        }
        ProcessReentrantLock lock = mp.reentrantLock();
        ProcessCondition condition = mp.condition(lock);
        assertWaitsUntilInterrupted(() -> {
            lock.lock();
            try {
                return condition.await(CENTURIES);
            } finally {
                lock.unlock();
            }
        });
        ProcessBarrier barrier = mp.barrier(2);
        assertWaitsUntilInterrupted(() -> barrier.await(CENTURIES) >= 0);
    }

    /** Runs {@code wait} on a thread of its own, which must still wait 100 ms on and then throw on an interrupt. */
    private static void assertWaitsUntilInterrupted(TimedWait wait) throws Exception {
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                ended.complete(new AssertionError("the wait ended with " + wait.succeeded()));
            } catch (Throwable e) {
                ended.complete(e);
            }
        });
        waiter.setDaemon(true);
        waiter.start();
        Thread.sleep(100);
        assertThat(ended).as("still waiting").isNotDone();
        waiter.interrupt();
        assertThat(ended.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
    }

    /** Long enough that the parent is most likely waiting already when the child acts. */
    private static void pause() throws InterruptedException {
        Thread.sleep(50);
    }

    private interface TimedWait {
        boolean succeeded() throws Exception;
    }

    private static void assertGivesUp(TimedWait wait) {
        assertThat(gaveUp(wait)).isTrue();
    }

    /** Whether {@code wait} failed, and only after about its 30 ms. */
    private static boolean gaveUp(TimedWait wait) {
        long begin = System.nanoTime();
        boolean succeeded;
        try {
            succeeded = wait.succeeded();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        return !succeeded && took.compareTo(SHORT) >= 0 && took.compareTo(PATIENCE) < 0;
    }
}
