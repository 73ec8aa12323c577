package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessEvent;

/**
 * How a child ends, as a Python or Java process does: once its target is done and its non-daemon
 * threads have ended, with the target's exit code; its daemon threads die with it.
 */
@Timeout(60)
public abstract class ChildExitContract extends ContextContract {

    @TempDir
    Path dir;

    @Test
    void childExitsOnceItsNonDaemonThreadsHaveEndedAndItsDaemonThreadsDieWithIt() throws Exception {
        ProcessContext mp = context();
        ProcessEvent returned = mp.event();
        ProcessEvent release = mp.event();
        String out = dir.resolve("thread").toString();
        ChildProcess child = start(() -> {
            Thread daemon = new Thread(ChildExitContract::sleepForever);
            daemon.setDaemon(true);
            daemon.start();
            new Thread(() -> {
                awaitQuietly(release);
                write(Path.of(out), "written after the target returned");
                throw new IllegalStateException("thrown in a thread of the child, as the test wants");
            }).start();
            returned.set();
        });
        assertThat(returned.await(PATIENCE)).isTrue();
        assertThat(child.join(Duration.ofMillis(500))).as("joined while its non-daemon thread runs").isFalse();
        assertThat(child.isAlive()).isTrue();

        release.set();
        assertThat(joined(child)).as("the exit code is the target's").isZero();
        assertThat(child.exception()).isEmpty();
        assertThat(Path.of(out)).hasContent("written after the target returned");
    }

    @Test
    void targetThatThrowsExitsWithOneOnceItsNonDaemonThreadsHaveEnded() throws Exception {
        ProcessContext mp = context();
        ProcessEvent release = mp.event();
        String out = dir.resolve("thread").toString();
        ChildProcess child = start(() -> {
            new Thread(() -> {
                awaitQuietly(release);
                write(Path.of(out), "written after the target threw");
            }).start();
            throw new IllegalStateException("the target failed");
        });
        assertThat(child.join(Duration.ofMillis(500))).as("joined while its non-daemon thread runs").isFalse();

        release.set();
        assertThat(joined(child)).isEqualTo(1);
        assertThat(child.exception().orElseThrow()).hasMessage("the target failed");
        assertThat(Path.of(out)).hasContent("written after the target threw");
    }

    @Test
    void targetThatSetsTheStandardStreamsToNullExitsWithItsOwnCode() throws Exception {
        ChildProcess quiet = start(() -> {
            System.setOut(null);
            System.setErr(null);
        });
        ChildProcess failing = start(() -> {
            System.setOut(null);
            System.setErr(null);
            throw new IllegalStateException("nowhere to print this");
        });

        assertThat(joined(quiet)).as("%s", quiet.exception()).isZero();
        assertThat(joined(failing)).isEqualTo(1);
        assertThat(failing.exception().orElseThrow()).hasMessage("nowhere to print this");
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitQuietly(ProcessEvent event) {
        try {
            event.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepForever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            // the child is exiting
        }
    }
}
