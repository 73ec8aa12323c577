package org.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.ProcessBuilder.Redirect;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.function.SerializableRunnable;

/**
 * The library says through {@code System.Logger} why a child started cold, what became of its
 * spares and why a pool's worker ended; nothing shows unless asked, and
 * {@link Multiprocessing#logToStderr()} shows it in Python's format. Each case runs in a child
 * whose standard error is a file: the events of interest happen in the process that starts
 * children.
 */
@Timeout(180)
class LoggingIT {

    @TempDir
    Path dir;

    /** Starts a cold and a warm child, and a pool whose worker retires and whose next one dies. */
    private static void startChildrenAndAPool() throws Exception {
        ProcessContext warm = ProcessContext.local();
        ChildProcess first = warm.process(() -> { });
        first.start();
        first.join();
        assertThat(warm.prestart(Duration.ofSeconds(60))).isTrue();
        ChildProcess warmOne = warm.process(() -> { });
        warmOne.start();
        warmOne.join();
        ChildProcess ownOptions = warm.process(() -> { }).jvmOptions("-Xmx96m");
        ownOptions.start();
        ownOptions.join();
        ChildProcess cold = ProcessContext.local(StartMethod.COLD).process(() -> { });
        cold.start();
        cold.join();
        try (ProcessPool pool = ProcessPool.builder().processes(1).maxTasksPerChild(1).build()) {
            assertThat(pool.apply((Integer x) -> x + 1, 1)).isEqualTo(2);
            assertThatThrownBy(() -> pool.apply((Integer x) -> {
                Runtime.getRuntime().halt(7);
                return x;
            }, 1)).hasCauseInstanceOf(WorkerDiedException.class);
        }
    }

    /**
     * Takes the library's events as an application might, with a handler of its own, starts a
     * child, and prints on standard error the events its handler got.
     */
    private static void startAChildWithTheApplicationsOwnHandler() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        Logger library = Logger.getLogger("org.multiprocessing4j");
        library.setLevel(java.util.logging.Level.FINE);
        library.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                got.add(record.getLoggerName() + ": " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        ChildProcess child = ProcessContext.local(StartMethod.COLD).process(() -> { });
        child.start();
        child.join();
        // the loggers are made a moment after the first event, which is then logged with the others
        await().atMost(Duration.ofSeconds(30)).until(() -> got.stream().anyMatch(event -> event.contains(" starts cold")));
        got.forEach(event -> System.err.println("app: " + event));
        // java.util.logging holds loggers weakly, and with them the level set here
        Reference.reachabilityFence(library);
    }

    @Test
    void nothingIsLoggedUnlessAsked() throws Exception {
        List<String> errors = runLogging(LoggingIT::startChildrenAndAPool);

        assertThat(errors).noneMatch(line -> line.contains("starts cold") || line.contains("spare JVM")
                || line.contains("PoolWorker"));
    }

    @Test
    void logToStderrShowsWhyChildrenStartedColdTheSparesAndWhyPoolWorkersEnded() throws Exception {
        List<String> errors = runLogging(() -> {
            Multiprocessing.logToStderr();
            startChildrenAndAPool();
        });

        String process = "\\[DEBUG/Process-\\d+\\] ";
        String child = "Process-\\d+:\\d+ \\(pid \\d+\\) starts cold: ";
        assertThat(errors).anyMatch(matches(process + child + "no spare JVM is ready( \\(1 launching\\))?"))
                .anyMatch(matches(process + "launching 1 spare JVM \\(0 of 1 ready\\)"))
                .anyMatch(matches(process + "spare JVM \\d+ is ready after \\d+ ms \\(1 of 1\\)"))
                .anyMatch(matches(process + child + "its JVM options \\[-Xmx96m\\] are not the spares' \\[\\]"))
                .anyMatch(matches(process + child + "its context starts every child cold"))
                .anyMatch(matches(process + "PoolWorker-\\d+ \\(pid \\d+\\) ended with exit code 0, retired: it ran its"
                        + " maxTasksPerChild \\(1\\); PoolWorker-\\d+ \\(pid \\d+\\) takes its place"))
                .anyMatch(matches(process + "PoolWorker-\\d+ \\(pid \\d+\\) ended with exit code 7, died while running"
                        + " .*"))
                .noneMatch(line -> line.contains("starts warm"));
    }

    @Test
    void theApplicationsOwnLoggingGetsTheEventsWithoutLogToStderr() throws Exception {
        List<String> errors = runLogging(LoggingIT::startAChildWithTheApplicationsOwnHandler);

        assertThat(errors).anyMatch(matches("app: org\\.multiprocessing4j\\.process: Process-\\d+:\\d+ \\(pid \\d+\\)"
                + " starts cold: its context starts every child cold"));
    }

    @Test
    void atTraceEveryWarmStartShowsToo() throws Exception {
        List<String> errors = runLogging(() -> {
            Multiprocessing.logToStderr(System.Logger.Level.TRACE);
            ProcessContext warm = ProcessContext.local();
            assertThat(warm.prestart(Duration.ofSeconds(60))).isTrue();
            ChildProcess child = warm.process(() -> { });
            child.start();
            child.join();
        });

        assertThat(errors).anyMatch(matches("\\[TRACE/Process-\\d+\\] Process-\\d+:\\d+ starts warm in the spare JVM \\d+"));
    }

    private static Predicate<String> matches(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return line -> pattern.matcher(line).matches();
    }

    /** Runs {@code target} in a child and returns what it wrote on standard error. */
    private List<String> runLogging(SerializableRunnable target) throws Exception {
        Path errors = Files.createTempFile(dir, "stderr", ".txt");
        ChildProcess child = Multiprocessing.process(target).redirectError(Redirect.to(errors.toFile()));
        child.start();
        assertThat(child.join(Duration.ofSeconds(150))).isTrue();
        List<String> lines = Files.readAllLines(errors);
        assertThat(child.exitCode()).as(String.join("\n", lines)).isZero();
        return lines;
    }
}
