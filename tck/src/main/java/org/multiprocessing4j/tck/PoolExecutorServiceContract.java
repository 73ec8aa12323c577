package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.Serializable;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessPool;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.UnserializableObjectException;
import org.multiprocessing4j.function.SerializableCallable;

/** A pool keeps the contract of {@link ExecutorService}, with tasks in worker JVMs. */
@Timeout(120)
// a pool is closed by a BoundedClose resource that the block itself does not use
@SuppressWarnings("try")
public abstract class PoolExecutorServiceContract extends ContextContract {

    /** A task class of its own, serializable, as a user would write one. */
    record Square(int n) implements Callable<Integer>, Serializable {
        @Override
        public Integer call() {
            return n * n;
        }
    }

    /** Where tasks leave a mark: the pid of the process that ran them. */
    record Marks(ProcessQueue<Long> queue) implements Serializable {
        void mark() {
            queue.add(ProcessHandle.current().pid());
        }
    }

    @Test
    void invokeAllReturnsEveryFutureDone() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = mp.pool(2);
        try (BoundedClose closing = closing(pool)) {
            List<Future<Integer>> futures = pool.invokeAll(List.of(new Square(2), new Square(3), new Square(4)));
            assertThat(futures).allSatisfy(f -> assertThat(f).isDone());
            assertThat(futures.get(2).get()).isEqualTo(16);
        }
    }

    @Test
    void invokeAllWithATimeoutCancelsWhatDidNotFinish() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = mp.pool(2);
        try (BoundedClose closing = closing(pool)) {
            Callable<Integer> slow = (Callable<Integer> & Serializable) () -> {
                Thread.sleep(600_000);
                return 0;
            };
            // workers that have started: the timeout is for the tasks, not for a worker's start
            assertThat(pool.map(n -> n, List.of(1, 2), 1)).containsExactly(1, 2);
            List<Future<Integer>> futures = pool.invokeAll(List.of(new Square(5), slow), 2, TimeUnit.SECONDS);
            assertThat(futures.get(0).get()).isEqualTo(25);
            assertThat(futures.get(1).isCancelled()).isTrue();
            assertThat(pool.invokeAll(List.of(slow), Duration.ofSeconds(1)).get(0).isCancelled()).isTrue();
            assertThat(pool.apply(() -> "after")).isEqualTo("after");
        }
    }

    @Test
    void invokeAnyReturnsASuccessfulResultAndFailsOnlyWhenAllFail() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = mp.pool(2);
        try (BoundedClose closing = closing(pool)) {
            Callable<Integer> failing = (Callable<Integer> & Serializable) () -> {
                throw new IllegalStateException("no");
            };
            assertThat(pool.invokeAny(List.of(failing, new Square(6)))).isEqualTo(36);
            assertThatThrownBy(() -> pool.invokeAny(List.of(failing, failing)))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(IllegalStateException.class);
            Callable<Integer> slow = (Callable<Integer> & Serializable) () -> {
                Thread.sleep(600_000);
                return 0;
            };
            assertThatThrownBy(() -> pool.invokeAny(List.of(slow), 500, TimeUnit.MILLISECONDS))
                    .isInstanceOf(TimeoutException.class);
            assertThatThrownBy(() -> pool.invokeAny(List.of(slow), Duration.ofMillis(500)))
                    .isInstanceOf(TimeoutException.class);
            assertThat(pool.invokeAny(List.of(new Square(7)), PATIENCE)).isEqualTo(49);
        }
    }

    @Test
    void shutdownLetsSubmittedWorkFinishThenRejectsAndTerminates() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = mp.pool(2);
        CompletableFuture<String> late = pool.submit(() -> {
            Thread.sleep(300);
            return "finished";
        });
        pool.shutdown();
        assertThat(pool.isShutdown()).isTrue();
        assertThatThrownBy(() -> pool.submit(() -> "new")).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> pool.imap(n -> n, List.of(1))).isInstanceOf(RejectedExecutionException.class);
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.isTerminated()).isTrue();
        assertThat(late).isCompletedWithValue("finished");
        await().until(() -> workerPids().isEmpty());
    }

    @Test
    void anImapBegunBeforeShutdownGivesWhatWasSentThenTheRefusalAndEnds() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = mp.pool(2);
        try (Stream<Integer> endless = pool.imap(n -> n, Stream.iterate(0, n -> n + 1), 1)) {
            Iterator<Integer> results = endless.iterator();
            assertThat(results.next()).isZero();
            pool.shutdown();
            int next = 1;
            Throwable refusal = null;
            while (refusal == null) {
                try {
                    assertThat(results.next()).isEqualTo(next++);
                } catch (RejectedExecutionException e) {
                    refusal = e;
                }
            }
            assertThat(next).as("results of items sent before the shutdown").isGreaterThan(1);
            assertThat(results.hasNext()).isFalse();
        }
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void joinNeedsAShutdownFirstAndThenWaitsForTheWorkers() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = mp.pool(1);
        assertThatThrownBy(pool::join).isInstanceOf(IllegalStateException.class);
        pool.terminate();
        pool.join();
        assertThat(pool.isTerminated()).isTrue();
        await().until(() -> workerPids().isEmpty());
    }

    @Test
    void joinAndAwaitTerminationWithATimeoutTellWhetherTheWorkersExited() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = mp.pool(1);
        ProcessQueue<Boolean> started = mp.queue();
        CompletableFuture<Object> hung = pool.submit(() -> {
            started.put(true);
            Thread.sleep(600_000);
            return null;
        });
        // running, not waiting in its worker's pipe: a task never started is handed back, not failed
        assertThat(started.poll(PATIENCE)).isTrue();
        pool.shutdown();
        assertThat(pool.join(Duration.ofMillis(200))).isFalse();
        assertThat(pool.join(200, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(pool.awaitTermination(Duration.ofMillis(200))).isFalse();
        assertThat(hung).isNotDone();
        pool.terminate();
        assertThat(pool.join(PATIENCE)).isTrue();
        assertThat(pool.join(1, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(pool.awaitTermination(Duration.ZERO)).isTrue();
        assertThat(hung).isCompletedExceptionally();
        ProcessPool running = mp.pool(1);
        try (BoundedClose closing = closing(running)) {
            assertThatThrownBy(() -> running.join(Duration.ofMillis(1))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void testContext_leavingTryWithResourcesWaitsForTheWorkSubmittedThenThePoolRefusesMore() throws Exception {
        ProcessContext mp = context();
        CompletableFuture<String> work;
        ProcessPool closed;
        try (ProcessPool pool = mp.pool(2)) {
            closed = pool;
            work = pool.submit(() -> {
                Thread.sleep(300);
                return "done before close returned";
            });
        }
        assertThat(work).isCompletedWithValue("done before close returned");
        await().until(() -> workerPids().isEmpty());
        closed.join();
        assertThatThrownBy(() -> closed.mapAsync(n -> n, List.of(1))).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void testTerminate_terminateFailsTheWorkInProgressAndTheWorkersEnd() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = mp.pool(3);
        ProcessQueue<Long> started = mp.queue();
        CompletableFuture<List<Integer>> map = pool.mapAsync(n -> {
            started.put(ProcessHandle.current().pid());
            Thread.sleep(600_000);
            return n;
        }, IntStream.range(0, 10_000).boxed().toList(), 1);
        assertThat(started.poll(PATIENCE)).as("a task started").isNotNull();
        pool.terminate();
        assertThat(pool.join(PATIENCE)).isTrue();
        assertThatThrownBy(() -> map.get(30, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        assertThat(map).isCompletedExceptionally();
        assertThat(pool.awaitTermination(Duration.ZERO)).isTrue();
        await().until(() -> workerPids().isEmpty());
    }

    @Test
    void aFailureOfAnExecutedTaskReachesTheUncaughtExceptionHandler() throws Exception {
        ProcessContext mp = context();
        CompletableFuture<Throwable> seen = new CompletableFuture<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> seen.complete(failure));
        ProcessPool pool = mp.pool(1);
        try (BoundedClose closing = closing(pool)) {
            pool.execute((Runnable & Serializable) () -> {
                throw new IllegalStateException("nobody waits for me");
            });
            assertThat(seen.get(30, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("nobody waits for me");
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }

    @Test
    void lambdasAndMethodReferencesWrittenInTheCallRunInAWorker() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = mp.pool(1);
        try (BoundedClose closing = closing(pool)) {
            Marks marks = new Marks(mp.queue());
            pool.execute(() -> marks.mark());
            pool.execute(marks::mark);
            assertThat(pool.submit(() -> {
                marks.mark();
            }).get(30, TimeUnit.SECONDS)).isNull();
            assertThat(pool.submit(marks::mark, "given").get(30, TimeUnit.SECONDS)).isEqualTo("given");
            long here = ProcessHandle.current().pid();
            // a lambda with a value is a SerializableCallable
            assertThat(pool.submit(() -> ProcessHandle.current().pid()).get(30, TimeUnit.SECONDS)).isNotEqualTo(here);
            for (int i = 0; i < 4; i++) {
                assertThat(marks.queue().poll(30, TimeUnit.SECONDS)).isNotNull().isNotEqualTo(here);
            }
        }
    }

    @Test
    void anExecutorCompletionServiceRunsItsTasksInWorkersAndHandsThemOutAsTheyComplete() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = mp.pool(2);
        try (BoundedClose closing = closing(pool)) {
            ProcessQueue<String> gate = mp.queue();
            ExecutorCompletionService<Long> completions = new ExecutorCompletionService<>(pool);
            SerializableCallable<Long> gated = () -> {
                gate.take();
                return ProcessHandle.current().pid();
            };
            SerializableCallable<Long> pid = () -> ProcessHandle.current().pid();
            Future<Long> late = completions.submit(gated);
            Future<Long> early = completions.submit(pid);
            assertThat(completions.take()).isSameAs(early);
            gate.put("go");
            assertThat(completions.take()).isSameAs(late);
            assertThat(List.of(early.get(), late.get())).doesNotContain(ProcessHandle.current().pid());
            Future<Long> given = completions.submit((Runnable & Serializable) () -> { }, 5L);
            assertThat(completions.take()).isSameAs(given);
            assertThat(given.get()).isEqualTo(5L);
            // what cannot be serialized fails in the caller, and nothing is queued
            assertThatThrownBy(() -> completions.submit(() -> 1L)).isInstanceOf(UnserializableObjectException.class);
            assertThat(completions.poll()).isNull();
        }
    }

    @Test
    void completableFutureAsyncStagesOnAPoolAreRefusedNamingThePoolsOwnMethods() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = mp.pool(1);
        try (BoundedClose closing = closing(pool)) {
            assertThatThrownBy(() -> CompletableFuture.supplyAsync(() -> 1, pool))
                    .isInstanceOf(RejectedExecutionException.class)
                    .hasMessageContaining("pool.submit").hasMessageContaining("pool.applyAsync");
            assertThatThrownBy(() -> CompletableFuture.runAsync(() -> { }, pool))
                    .isInstanceOf(RejectedExecutionException.class);
            CompletableFuture<Integer> three = CompletableFuture.completedFuture(3);
            assertThatThrownBy(() -> three.thenApplyAsync(n -> n * 2, pool).join())
                    .isInstanceOf(CompletionException.class).cause().isInstanceOf(RejectedExecutionException.class);
            // what the message says to write instead: every step a task of the pool
            List<Long> doubledAndPid = pool.submit(() -> 3L)
                    .thenCompose(n -> pool.applyAsync(x -> List.of(x * 2, ProcessHandle.current().pid()), n))
                    .get(30, TimeUnit.SECONDS);
            assertThat(doubledAndPid.get(0)).isEqualTo(6L);
            assertThat(doubledAndPid.get(1)).isNotEqualTo(ProcessHandle.current().pid());
        }
    }

    @Test
    void executeAndSubmitTakeSerializableRunnables() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = mp.pool(1);
        try (BoundedClose closing = closing(pool)) {
            Runnable task = (Runnable & Serializable) () -> { };
            pool.execute(task);
            assertThat(pool.submit(task).get(30, TimeUnit.SECONDS)).isNull();
            assertThat(pool.submit(task, "given").get(30, TimeUnit.SECONDS)).isEqualTo("given");
        }
    }
}
