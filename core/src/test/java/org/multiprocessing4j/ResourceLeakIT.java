package org.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.internal.launch.LocalContext;

@Timeout(300)
class ResourceLeakIT {

    private static final int CYCLES = 200;

    @Test
    void manyStartJoinCyclesLeaveNoThreadsFilesOrSessionEntriesBehind() throws Exception {
        for (int i = 0; i < 3; i++) {
            startAndJoin();
        }
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().startsWith("multiprocessing4j watch")));
        int threadsBefore = threadCount();
        long filesBefore = openFileCount();
        Path session = LocalContext.instance().sessionPath();
        List<Path> sessionBefore = entries(session);

        for (int i = 0; i < CYCLES; i++) {
            startAndJoin();
        }

        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(threadCount()).as("threads: %s", Thread.getAllStackTraces().keySet())
                    .isLessThanOrEqualTo(threadsBefore);
            assertThat(openFileCount()).isLessThanOrEqualTo(filesBefore);
        });
        assertThat(entries(session)).isEqualTo(sessionBefore);
        assertThat(Multiprocessing.activeChildren()).isEmpty();
    }

    private static void startAndJoin() throws InterruptedException {
        ChildProcess child = Multiprocessing.process(() -> { });
        child.start();
        child.join();
        assertThat(child.exitCode()).isZero();
        child.close();
    }

    private static int threadCount() {
        return Thread.getAllStackTraces().size();
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
