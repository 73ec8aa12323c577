package org.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.internal.launch.LocalRuntime;

@Timeout(300)
class ResourceLeakIT {

    @Test
    void manyColdStartJoinCyclesLeaveNoThreadsFilesOrSessionEntriesBehind() throws Exception {
        assertCyclesLeaveNothingBehind(ProcessContext.local(StartMethod.COLD), 200, false);
    }

    @Test
    void manyWarmStartJoinCyclesLeaveNoThreadsFilesOrSessionEntriesBehind() throws Exception {
        assertCyclesLeaveNothingBehind(ProcessContext.local(), 500, true);
    }

    private static void assertCyclesLeaveNothingBehind(ProcessContext mp, int cycles, boolean warm) throws Exception {
        for (int i = 0; i < 3; i++) {
            startAndJoin(mp, warm);
        }
        settle(mp, warm);
        int threadsBefore = threadCount();
        long filesBefore = openFileCount();
        Path session = LocalRuntime.instance().sessionPath();
        List<Path> sessionBefore = entries(session);

        for (int i = 0; i < cycles; i++) {
            startAndJoin(mp, warm);
        }

        settle(mp, warm);
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(threadCount()).as("threads: %s", Thread.getAllStackTraces().keySet())
                    .isLessThanOrEqualTo(threadsBefore);
            assertThat(openFileCount()).isLessThanOrEqualTo(filesBefore);
        });
        assertThat(entries(session)).as("nothing new is left; what was dropped may be gone").isSubsetOf(sessionBefore);
        assertThat(mp.activeChildren()).isEmpty();
    }

    /** Waits until every child's JVM is gone and, for warm starts, the spares are back. */
    private static void settle(ProcessContext mp, boolean warm) throws Exception {
        if (warm) {
            assertThat(mp.prestart(Duration.ofSeconds(30))).isTrue();
        }
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet()
                .stream().noneMatch(thread -> thread.getName().startsWith("multiprocessing4j watch")));
    }

    private static void startAndJoin(ProcessContext mp, boolean warm) throws Exception {
        Set<Long> spares = warm ? sparePids(mp) : Set.of();
        ChildProcess child = mp.process(() -> { });
        child.start();
        child.join();
        assertThat(child.exitCode()).isZero();
        if (warm) {
            assertThat(spares).as("the child took a spare").contains(child.pid());
        }
        child.close();
    }

    /** Every spare is ready before a warm cycle, so that each cycle really starts warm. */
    private static Set<Long> sparePids(ProcessContext mp) throws InterruptedException {
        assertThat(mp.prestart(Duration.ofSeconds(30))).isTrue();
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /**
     * Live threads, less the JDK's idle process reapers and common fork-join workers: those pools
     * keep idle threads for a minute after a burst, and the common pool, which runs a process's
     * {@code onExit()} stages, adds a worker when such a stage waits a moment for the exit status.
     * A reaper that waits for a process is named after its pid and is counted.
     */
    private static int threadCount() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !thread.getName().equals("process reaper")
                        && !thread.getName().startsWith("ForkJoinPool.commonPool-worker-"))
                .count();
    }

    private static long openFileCount() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static List<Path> entries(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }
}
