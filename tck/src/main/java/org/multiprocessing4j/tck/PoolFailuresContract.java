package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.PoolProgress;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessPool;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.UnserializableObjectException;
import org.multiprocessing4j.WorkerDiedException;

/** Workers that die, hang, retire or fail to start, and calls that are interrupted. */
@Timeout(180)
// a pool is closed by a BoundedClose resource that the block itself does not use
@SuppressWarnings("try")
public abstract class PoolFailuresContract extends ContextContract {

    /** Counts the initializer's runs in each worker JVM. */
    static final AtomicInteger INITIALIZED = new AtomicInteger();

    @TempDir
    Path dir;

    @Test
    void aWorkerKilledDuringMapFailsTheCallWithItsExitCodeAndThePoolRunsTheNextMap() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = mp.pool(2);
        try (BoundedClose closing = closing(pool)) {
            ProcessQueue<Long> starts = mp.queue();
            CompletableFuture<List<Long>> running = pool.mapAsync(n -> {
                if (n == 0) {
                    starts.put(ProcessHandle.current().pid());
                    Thread.sleep(600_000);
                }
                return ProcessHandle.current().pid();
            }, IntStream.range(0, 50).boxed().toList(), 1);
            long victim = started(starts);
            ProcessHandle.of(victim).orElseThrow().destroyForcibly();

            // the call fails within two seconds of the kill, not when the map would have ended
            assertThatThrownBy(() -> running.get(2, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(WorkerDiedException.class, died -> {
                        assertThat(died.pid()).isEqualTo(victim);
                        assertThat(died.exitCode()).isEqualTo(-9);
                        assertThat(died.workerName()).startsWith("PoolWorker-");
                        assertThat(died).hasMessageContaining(died.workerName()).hasMessageContaining("-9");
                    });
            assertThat(pool.map(n -> n * n, List.of(1, 2, 3))).containsExactly(1, 4, 9);
            // a new worker takes the dead one's place, maybe after the next map already ran
            await().until(() -> workerPids().size() == 2 && !workerPids().contains(victim));
        }
    }

    @Test
    void aTaskPastItsTimeoutFailsAndOnlyItsWorkerIsReplaced() throws Exception {
        ProcessContext mp = context();
        // long enough that a quick task on a loaded machine, in a worker that has just started, keeps within it
        ProcessPool pool = ProcessPool.builder().context(mp).processes(2).taskTimeout(Duration.ofSeconds(2)).build();
        try (BoundedClose closing = closing(pool)) {
            CompletableFuture<Long> hung = pool.submit(() -> {
                Thread.sleep(600_000);
                return 0L;
            });
            CompletableFuture<Long> quick = pool.submit(() -> ProcessHandle.current().pid());
            long survivor = quick.get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> hung.get(30, TimeUnit.SECONDS)).cause().isInstanceOf(TimeoutException.class)
                    .hasMessageContaining("PT2S");
            await().until(() -> workerPids().size() == 2);
            assertThat(workerPids()).contains(survivor);
            assertThat(pool.apply(() -> "still working")).isEqualTo("still working");
        }
    }

    @Test
    void testPoolWorkerLifetime_noWorkerRunsMoreTasksThanMaxTasksPerChildAndEveryResultIsRight() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = ProcessPool.builder().context(mp).processes(2).maxTasksPerChild(3).build();
        try (BoundedClose closing = closing(pool)) {
            List<CompletableFuture<List<Long>>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                results.add(pool.applyAsync(n -> List.of((long) n * n, ProcessHandle.current().pid()), i));
            }
            Map<Long, Integer> tasksPerWorker = new HashMap<>();
            for (int i = 0; i < 12; i++) {
                List<Long> result = results.get(i).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                assertThat(result.get(0)).isEqualTo((long) i * i);
                tasksPerWorker.merge(result.get(1), 1, Integer::sum);
            }
            assertThat(tasksPerWorker.values()).allSatisfy(tasks -> assertThat(tasks).isBetween(1, 3));
            assertThat(tasksPerWorker).hasSizeGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void testPoolWorkerLifetimeEarlyClose_aShutdownWhileWorkersRetireStillRunsEveryTaskAndEnds() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = ProcessPool.builder().context(mp).processes(3).maxTasksPerChild(1).build();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(pool.applyAsync(n -> {
                // still running when the pool is shut down
                Thread.sleep(100);
                return n * n;
            }, i));
        }
        pool.shutdown();
        assertThat(pool.join(PATIENCE)).isTrue();
        for (int i = 0; i < 6; i++) {
            assertThat(results.get(i)).isCompletedWithValue(i * i);
        }
    }

    @Test
    void testUnpickleableResult_aResultThatCannotBeSerializedFailsItsTaskAndCostsNoWorker() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = mp.pool(2);
        try (BoundedClose closing = closing(pool)) {
            await().until(() -> workerPids().size() == 2);
            Set<Long> workers = workerPids();
            for (int i = 0; i < 20; i++) {
                CompletableFuture<Throwable> failure = new CompletableFuture<>();
                CompletableFuture<Object> unshippable = pool.applyAsync(Object::new,
                        result -> failure.complete(new AssertionError("a result arrived: " + result)), failure::complete);
                assertThat(failure.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                        .isInstanceOfSatisfying(UnserializableObjectException.class,
                                e -> assertThat(e.className()).isEqualTo("java.lang.Object"));
                assertThatThrownBy(() -> unshippable.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).cause().isSameAs(failure.get());
            }
            assertThat(workerPids()).isEqualTo(workers);
            assertThat(pool.apply(() -> "still working")).isEqualTo("still working");
        }
    }

    @Test
    void testMapNoFailfast_failuresWithAMebibyteMessageFailTheMapAndThePoolStillShutsDown() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = mp.pool(2);
        try (BoundedClose closing = closing(pool)) {
            assertThatThrownBy(() -> pool.map(n -> {
                throw new IllegalArgumentException("x".repeat(1 << 20));
            }, List.of(0, 1))).isInstanceOf(CompletionException.class).cause()
                    .isInstanceOfSatisfying(IllegalArgumentException.class,
                            e -> assertThat(e.getMessage()).hasSize(1 << 20));
        }
    }

    @Test
    void theInitializerRunsOnceInEachWorkerWithItsArgument() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = ProcessPool.builder().context(mp).processes(2).maxTasksPerChild(3)
                .initializer(step -> INITIALIZED.addAndGet(step), 1).build();
        try (BoundedClose closing = closing(pool)) {
            List<String> seen = pool.map(n -> ProcessHandle.current().pid() + ":" + INITIALIZED.get(),
                    IntStream.range(0, 12).boxed().toList(), 1);
            assertThat(seen).allSatisfy(entry -> assertThat(entry).endsWith(":1"));
            assertThat(seen.stream().map(entry -> entry.split(":")[0]).distinct().count()).isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void anInitializerThatThrowsFailsTheWorkAndShutsThePoolDown() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = ProcessPool.builder().context(mp).processes(2).initializer(() -> {
            throw new IllegalStateException("no model file");
        }).build();
        assertThatThrownBy(() -> pool.map(n -> n, List.of(1, 2, 3)))
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(WorkerDiedException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("no model file");
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> pool.apply(() -> 1)).isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }

    @Test
    void retriesRunATaskAgainWhenItsWorkerDied() throws Exception {
        ProcessContext mp = context();
        String marker = dir.resolve("died-once").toString();
        ProcessPool pool = ProcessPool.builder().context(mp).processes(1).retries(1).build();
        try (BoundedClose closing = closing(pool)) {
            assertThat(pool.apply(() -> {
                if (new java.io.File(marker).createNewFile()) {
                    Runtime.getRuntime().halt(3);
                }
                return "second try";
            })).isEqualTo("second try");
            // without retries left, the exit code tells what happened
            assertThatThrownBy(() -> pool.apply(() -> {
                Runtime.getRuntime().halt(4);
                return 0;
            })).cause().isInstanceOf(WorkerDiedException.class);
        }
    }

    @Test
    void withoutFailFastEveryTaskRunsAndTheFirstFailureCarriesTheOthers() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = ProcessPool.builder().context(mp).processes(2).failFast(false).build();
        try (BoundedClose closing = closing(pool)) {
            String folder = dir.toString();
            assertThatThrownBy(() -> pool.map(n -> {
                Files.writeString(Path.of(folder, "ran-" + n), "");
                if (n % 2 == 0) {
                    throw new IllegalArgumentException("even " + n);
                }
                return n;
            }, IntStream.range(1, 9).boxed().toList(), 1))
                    .cause().isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getSuppressed()).hasSize(3));
            assertThat(dir.toFile().list()).hasSize(8);
        }
    }

    @Test
    void interruptingACallerCancelsItsWorkAndKillsTheWorkersRunningIt() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = mp.pool(2);
        try (BoundedClose closing = closing(pool)) {
            Set<Long> before = workerPids();
            ProcessQueue<Long> starts = mp.queue();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> interrupted = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    pool.map(n -> {
                        starts.put(ProcessHandle.current().pid());
                        Thread.sleep(600_000);
                        return n;
                    }, List.of(1, 2), 1);
                } catch (Throwable e) {
                    thrown.set(e);
                    interrupted.set(Thread.currentThread().isInterrupted());
                }
            });
            caller.start();
            started(starts);
            started(starts);
            caller.interrupt();
            caller.join(30_000);
            assertThat(thrown.get()).isInstanceOf(CancellationException.class);
            assertThat(interrupted.get()).isTrue();
            await().until(() -> workerPids().size() == 2 && workerPids().stream().noneMatch(before::contains));
            assertThat(pool.map(n -> n + 1, List.of(1))).containsExactly(2);
        }
    }

    @Test
    void cancellingARunningTaskKillsItsWorker() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = mp.pool(1);
        try (BoundedClose closing = closing(pool)) {
            ProcessQueue<Long> starts = mp.queue();
            CompletableFuture<Object> task = pool.submit(() -> {
                starts.put(ProcessHandle.current().pid());
                Thread.sleep(600_000);
                return null;
            });
            long pid = started(starts);
            assertThat(task.cancel(true)).isTrue();
            await().until(() -> !isRunning(pid));
            assertThat(pool.apply(() -> "next")).isEqualTo("next");
        }
    }

    @Test
    void workersKilledOneAfterAnotherAreReplacedEveryTimeAndThePoolStillCloses() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = mp.pool(2);
        ProcessQueue<Long> starts = mp.queue();
        for (int round = 0; round < 15; round++) {
            CompletableFuture<Object> task = pool.submit(() -> {
                starts.put(ProcessHandle.current().pid());
                Thread.sleep(600_000);
                return null;
            });
            started(starts);
            assertThat(task.cancel(true)).isTrue();
            assertThat(pool.apply(() -> "alive")).isEqualTo("alive");
        }
        pool.close();
        assertThat(pool.isTerminated()).isTrue();
    }

    @Test
    void shutdownNowReturnsEveryTaskThatNeverStartedAndTerminatesTheWorkers() throws Exception {
        ProcessContext mp = context();
        ProcessPool pool = mp.pool(1);
        ProcessQueue<Long> starts = mp.queue();
        CompletableFuture<String> running = pool.submit(() -> {
            starts.put(ProcessHandle.current().pid());
            Thread.sleep(600_000);
            return "never";
        });
        List<CompletableFuture<String>> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = "task " + i;
            queued.add(pool.submit(() -> name));
        }
        started(starts);
        List<Runnable> notStarted = pool.shutdownNow();
        assertThat(notStarted).hasSize(3);
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        await().until(() -> workerPids().isEmpty());
        assertThatThrownBy(() -> running.get()).isInstanceOf(CancellationException.class);
        assertThat(queued).noneMatch(CompletableFuture::isDone);
        notStarted.forEach(Runnable::run);
        assertThat(queued).extracting(CompletableFuture::join).containsExactly("task 0", "task 1", "task 2");
        assertThatThrownBy(() -> pool.submit(() -> "late")).isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }

    @Test
    void progressIsReportedUntilEveryTaskIsDone() throws Exception {
        ProcessContext mp = context();
        List<PoolProgress> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProcessPool pool = ProcessPool.builder().context(mp).processes(2).progress(reports::add).build();
        try (BoundedClose closing = closing(pool)) {
            pool.map(n -> {
                Thread.sleep(5);
                return n;
            }, IntStream.range(0, 200).boxed().toList(), 1);
            await().until(() -> !reports.isEmpty() && reports.get(reports.size() - 1).isDone());
        }
        PoolProgress last = reports.get(reports.size() - 1);
        assertThat(last.submitted()).isEqualTo(200);
        assertThat(last.completed()).isEqualTo(200);
        assertThat(last.remaining()).contains(Duration.ZERO);
        assertThat(reports).allSatisfy(p -> assertThat(p.completed()).isBetween(0L, 200L));
    }

    /** The pid a task reported when it started, waiting for it. */
    private static long started(ProcessQueue<Long> starts) throws InterruptedException {
        Long pid = starts.poll(30, TimeUnit.SECONDS);
        assertThat(pid).as("a task reported its start").isNotNull();
        return pid;
    }
}
