package org.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.internal.launch.LocalRuntime;

/** Shared segments belong to the process that created them and vanish with it. */
@Timeout(120)
class SharedSegmentCleanupIT {

    @TempDir
    Path dir;

    @Test
    void aProcesssSegmentsAreRemovedWhenItExitsAndProcessesThatMappedThemKeepUsingThem() throws Exception {
        String lockFile = dir.resolve("lock").toString();
        String sessionFile = dir.resolve("session").toString();
        ProcessEvent published = Multiprocessing.event();
        ProcessEvent attached = Multiprocessing.event();
        ChildProcess creator = Multiprocessing.process(() -> {
            ProcessLock lock = Multiprocessing.lock();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(lock);
            }
            Files.write(Path.of(lockFile), bytes.toByteArray());
            Files.writeString(Path.of(sessionFile), LocalRuntime.instance().sessionPath().toString());
            published.set();
            attached.await();
        });
        creator.start();
        published.await();
        Path session = Path.of(Files.readString(Path.of(sessionFile)));
        assertThat(session.resolve("cells-0.shm")).isRegularFile();
        ProcessLock lock;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Files.readAllBytes(Path.of(lockFile))))) {
            lock = (ProcessLock) in.readObject();
        }

        attached.set();
        creator.join();
        assertThat(creator.exitCode()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(session));

        lock.lock();
        assertThat(lock.isHeldByCurrentThread()).isTrue();
        lock.unlock();

        ChildProcess late = Multiprocessing.process(lock::lock).redirectError(ProcessBuilder.Redirect.DISCARD);
        late.start();
        late.join();
        assertThat(late.exitCode()).isEqualTo(1);
        assertThat(late.exception().orElseThrow()).hasMessageContaining("is gone");
    }
}
