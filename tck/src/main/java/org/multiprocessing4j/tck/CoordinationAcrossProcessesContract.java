package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.ProcessBarrier;
import org.multiprocessing4j.ProcessCondition;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessEvent;
import org.multiprocessing4j.ProcessLock;
import org.multiprocessing4j.ProcessSemaphore;

/** Events, semaphores, barriers and conditions shared by child JVMs. */
@Timeout(120)
public abstract class CoordinationAcrossProcessesContract extends ContextContract {

    @TempDir
    Path dir;

    @Test
    void settingAnEventReleasesWaitersInSeveralProcesses() throws Exception {
        ProcessContext mp = context();
        ProcessEvent go = mp.event();
        ProcessSemaphore waiting = mp.semaphore(0);
        List<ChildProcess> children = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String released = dir.resolve("released-" + i).toString();
            children.add(start(() -> {
                waiting.release();
                go.await();
                Files.writeString(Path.of(released), "released");
            }));
        }
        assertThat(waiting.tryAcquire(3, 60, TimeUnit.SECONDS)).isTrue();
        assertThat(go.await(50, TimeUnit.MILLISECONDS)).isFalse();

        go.set();
        joinAll(children);
        for (int i = 0; i < 3; i++) {
            assertThat(dir.resolve("released-" + i)).hasContent("released");
        }
    }

    @Test
    void timedAcquireOfASemaphoreWhosePermitAnotherProcessHoldsReturnsFalseAfterItsTimeout() throws Exception {
        ProcessContext mp = context();
        ProcessSemaphore permit = mp.boundedSemaphore(1);
        ProcessEvent taken = mp.event();
        ProcessEvent giveBack = mp.event();
        ChildProcess holder = start(() -> {
            permit.acquire();
            taken.set();
            giveBack.await();
            permit.release();
        });
        taken.await();

        long begin = System.nanoTime();
        assertThat(permit.tryAcquire(200, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(5));

        giveBack.set();
        assertThat(permit.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
        joinAll(List.of(holder));
    }

    @Test
    void threeProcessesMeetAtABarrierForFiveGenerationsAndTheActionRunsOncePerGeneration() throws Exception {
        ProcessContext mp = context();
        Path actions = dir.resolve("actions");
        String actionsFile = actions.toString();
        ProcessBarrier barrier = mp.barrier(3, () -> Files.writeString(Path.of(actionsFile),
                "tripped by " + ProcessHandle.current().pid() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        List<ChildProcess> children = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String indices = dir.resolve("indices-" + i).toString();
            children.add(start(() -> {
                StringBuilder seen = new StringBuilder();
                for (int generation = 0; generation < 5; generation++) {
                    seen.append(barrier.await(60, TimeUnit.SECONDS)).append('\n');
                }
                Files.writeString(Path.of(indices), seen);
            }));
        }
        joinAll(children);

        assertThat(Files.readAllLines(actions)).hasSize(5);
        for (int generation = 0; generation < 5; generation++) {
            int g = generation;
            List<Integer> indices = IntStream.range(0, 3)
                    .mapToObj(i -> Integer.parseInt(lines(dir.resolve("indices-" + i)).get(g))).toList();
            assertThat(indices).as("generation %d", generation).containsExactlyInAnyOrder(0, 1, 2);
        }
        assertThat(barrier.isBroken()).isFalse();
    }

    @Test
    void aTimeoutInOneProcessBreaksTheBarrierForTheOthers() throws Exception {
        ProcessContext mp = context();
        ProcessBarrier barrier = mp.barrier(3);
        String patientFile = dir.resolve("patient").toString();
        String impatientFile = dir.resolve("impatient").toString();
        ChildProcess patient = start(() -> Files.writeString(Path.of(patientFile), outcome(() -> barrier.await())));
        awaitWaiting(barrier, 1);
        ChildProcess impatient = start(() -> Files.writeString(Path.of(impatientFile),
                outcome(() -> barrier.await(200, TimeUnit.MILLISECONDS))));
        joinAll(List.of(patient, impatient));

        assertThat(Path.of(impatientFile)).hasContent(TimeoutException.class.getSimpleName());
        assertThat(Path.of(patientFile)).hasContent(BrokenBarrierException.class.getSimpleName());
        assertThat(barrier.isBroken()).isTrue();
    }

    @Test
    void aConditionSignalledInOneProcessWakesAPredicateWaitInAnother() throws Exception {
        ProcessContext mp = context();
        ProcessLock lock = mp.lock();
        ProcessCondition changed = lock.newCondition();
        String counterFile = dir.resolve("counter").toString();
        String resultFile = dir.resolve("result").toString();
        MappedCounter counter = MappedCounter.open(counterFile);
        ChildProcess waiter = start(() -> {
            MappedCounter shared = MappedCounter.open(counterFile);
            lock.lock();
            try {
                boolean reached = changed.waitFor(() -> shared.get() == 3, Duration.ofSeconds(60));
                Files.writeString(Path.of(resultFile), reached + " " + shared.get());
            } finally {
                lock.unlock();
            }
        });
        for (int i = 0; i < 3; i++) {
            awaitConditionWaiter(lock, changed);
            lock.lock();
            try {
                counter.increment();
                changed.signal();
            } finally {
                lock.unlock();
            }
        }
        joinAll(List.of(waiter));
        assertThat(Path.of(resultFile)).hasContent("true 3");
    }

    /** What a barrier wait in a child ended with: "0".."n" or the exception's simple name. */
    private static String outcome(BarrierWait wait) throws InterruptedException {
        try {
            return String.valueOf(wait.await());
        } catch (BrokenBarrierException | TimeoutException e) {
            return e.getClass().getSimpleName();
        }
    }

    @FunctionalInterface
    private interface BarrierWait {
        int await() throws InterruptedException, BrokenBarrierException, TimeoutException;
    }

    private static void awaitWaiting(ProcessBarrier barrier, int parties) {
        await().atMost(Duration.ofSeconds(60)).until(() -> barrier.numberWaiting() == parties);
    }

    private static void awaitConditionWaiter(ProcessLock lock, ProcessCondition condition) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> condition.numberWaiting() == 1 && !lock.isLocked());
    }

    private static void joinAll(List<ChildProcess> children) throws InterruptedException {
        for (ChildProcess child : children) {
            assertThat(child.join(Duration.ofSeconds(60))).as("%s finished", child).isTrue();
            assertThat(child.exitCode()).as("%s: %s", child, child.exception()).isZero();
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
