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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.internal.launch.LocalContext;

@Timeout(300)
class ResourceLeakIT {

    @AfterEach
    void backToDefaults() {
        Multiprocessing.setStartMethod(StartMethod.WARM);
    }

    @Test
    void manyColdStartJoinCyclesLeaveNoThreadsFilesOrSessionEntriesBehind() throws Exception {
        Multiprocessing.setStartMethod(StartMethod.COLD);
        assertCyclesLeaveNothingBehind(200, false);
    }

    @Test
    void manyWarmStartJoinCyclesLeaveNoThreadsFilesOrSessionEntriesBehind() throws Exception {
        assertCyclesLeaveNothingBehind(500, true);
    }

    private static void assertCyclesLeaveNothingBehind(int cycles, boolean warm) throws Exception {
        for (int i = 0; i < 3; i++) {
            startAndJoin(warm);
        }
        settle(warm);
        int threadsBefore = threadCount();
        long filesBefore = openFileCount();
        Path session = LocalContext.instance().sessionPath();
        List<Path> sessionBefore = entries(session);

        for (int i = 0; i < cycles; i++) {
            startAndJoin(warm);
        }

        settle(warm);
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(threadCount()).as("threads: %s", Thread.getAllStackTraces().keySet())
                    .isLessThanOrEqualTo(threadsBefore);
            assertThat(openFileCount()).isLessThanOrEqualTo(filesBefore);
        });
        assertThat(entries(session)).isEqualTo(sessionBefore);
        assertThat(Multiprocessing.activeChildren()).isEmpty();
    }

    /** Waits until every child's JVM is gone and, for warm starts, the spares are back. */
    private static void settle(boolean warm) throws Exception {
        if (warm) {
            assertThat(Multiprocessing.prestartSpares(Duration.ofSeconds(30))).isTrue();
        }
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet()
                .stream().noneMatch(thread -> thread.getName().startsWith("multiprocessing4j watch")));
    }

    private static void startAndJoin(boolean warm) throws Exception {
        Set<Long> spares = warm ? sparePids() : Set.of();
        ChildProcess child = Multiprocessing.process(() -> { });
        child.start();
        child.join();
        assertThat(child.exitCode()).isZero();
        if (warm) {
            assertThat(spares).as("the child took a spare").contains(child.pid());
        }
        child.close();
    }

    /** Every spare is ready before a warm cycle, so that each cycle really starts warm. */
    private static Set<Long> sparePids() throws InterruptedException {
        assertThat(Multiprocessing.prestartSpares(Duration.ofSeconds(30))).isTrue();
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /**
     * Live threads, less the JDK's idle process reapers: that pool keeps idle threads for a minute
     * after a burst. A reaper that waits for a process is named after its pid and is counted.
     */
    private static int threadCount() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !thread.getName().equals("process reaper")).count();
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
