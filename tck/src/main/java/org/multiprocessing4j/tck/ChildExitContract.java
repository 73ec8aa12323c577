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
import org.multiprocessing4j.function.SerializableRunnable;

/**
 * How a child ends, as a Python or Java process does: once its target is done and its non-daemon
 * threads have ended, with the target's exit code; its daemon threads die with it; joining it
 * returns once its shutdown hooks have run.
 */
@Timeout(60)
public abstract class ChildExitContract extends ContextContract {

    /**
     * How long the child's shutdown hooks take in these tests: long enough that a join that does
     * not wait for them returns first.
     */
    private static final long HOOK_MILLIS = 300;

    @TempDir
    Path dir;

    @Test
    void testWaitForThreads_aChildExitsOnceItsNonDaemonThreadsHaveEndedAndItsDaemonThreadsDieWithIt() throws Exception {
        ProcessContext mp = context();
        ProcessEvent returned = mp.event();
        ProcessEvent release = mp.event();
        String out = dir.resolve("thread").toString();
        ChildProcess child = startOnceReady(() -> {
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
        ProcessEvent throwing = mp.event();
        ProcessEvent release = mp.event();
        String out = dir.resolve("thread").toString();
        ChildProcess child = startOnceReady(() -> {
            new Thread(() -> {
                awaitQuietly(release);
                write(Path.of(out), "written after the target threw");
            }).start();
            throwing.set();
            throw new IllegalStateException("the target failed");
        });
        assertThat(throwing.await(PATIENCE)).isTrue();
        assertThat(child.join(Duration.ofMillis(500))).as("joined while its non-daemon thread runs").isFalse();

        release.set();
        assertThat(joined(child)).isEqualTo(1);
        assertThat(child.exception().orElseThrow()).hasMessage("the target failed");
        assertThat(Path.of(out)).hasContent("written after the target threw");
    }

    @Test
    void joinReturnsOnceEveryShutdownHookOfTheChildHasRun() throws Exception {
        String folder = dir.toString();
        ChildProcess child = startOnceReady(() -> {
            for (int hook = 1; hook <= 3; hook++) {
                Path file = Path.of(folder, "hook-" + hook);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> writeSlowly(file)));
            }
        });

        assertThat(joined(child)).isZero();
        assertThat(dir.resolve("hook-1")).hasContent("hook ran");
        assertThat(dir.resolve("hook-2")).hasContent("hook ran");
        assertThat(dir.resolve("hook-3")).hasContent("hook ran");
    }

    @Test
    void joinReturnsOnceTheShutdownHooksHaveRunWhenTheTargetCallsSystemExit() throws Exception {
        String out = dir.resolve("hook").toString();
        ChildProcess child = startOnceReady(() -> {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> writeSlowly(Path.of(out))));
            System.exit(4);
        });

        assertThat(joined(child)).isEqualTo(4);
        assertThat(Path.of(out)).hasContent("hook ran");
    }

    @Test
    void aThreadThatAShutdownHookStartsDoesNotKeepTheChildAlive() throws Exception {
        String out = dir.resolve("hook").toString();
        ChildProcess child = startOnceReady(() -> Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // as in any JVM, nothing waits for a thread a hook starts
            new Thread(ChildExitContract::sleepForever).start();
            write(Path.of(out), "hook ran");
        })));

        assertThat(joined(child)).isZero();
        assertThat(Path.of(out)).hasContent("hook ran");
    }

    @Test
    void testErrorOnStdioFlush_aTargetThatSetsTheStandardStreamsToNullExitsWithItsOwnCode() throws Exception {
        ChildProcess quiet = startOnceReady(() -> {
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

    /** Starts a child once the context is ready, so that the backend's fast way of starting is tested. */
    private ChildProcess startOnceReady(SerializableRunnable target) throws InterruptedException {
        assertThat(context().prestart(PATIENCE)).isTrue();
        return start(target);
    }

    private static void writeSlowly(Path file) {
        try {
            Thread.sleep(HOOK_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        write(file, "hook ran");
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
