package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.ProcessCondition;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessEvent;
import org.multiprocessing4j.ProcessLock;
import org.multiprocessing4j.ProcessSemaphore;

/**
 * Events, semaphores and conditions shared by child JVMs; {@link BarrierAcrossProcessesContract}
 * has the barriers.
 */
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
}
