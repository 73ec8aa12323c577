package org.multiprocessing4j.python;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** CPython interpreters as peers of the tests: found or the test skipped, started with a script, awaited. */
final class CPython {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    private CPython() {
    }

    /** Skips the test unless {@code python} is on the path with {@code multiprocessing.connection}. */
    static void assumeAvailable(String python) throws InterruptedException {
        boolean found;
        try {
            Process probe = new ProcessBuilder(python, "-c", "import multiprocessing.connection, hmac, pickle")
                    .redirectErrorStream(true).start();
            probe.getInputStream().transferTo(OutputStream.nullOutputStream());
            found = probe.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            found = false;
        }
        assumeTrue(found, "no " + python + " with multiprocessing.connection on the PATH");
    }

    /** {@code python -c script arguments...}, its standard error passed through, UTF-8 throughout. */
    static Process run(String python, String script, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(python, "-c", script));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        return builder.start();
    }

    static BufferedReader reader(Process python) {
        return new BufferedReader(new InputStreamReader(python.getInputStream(), UTF_8));
    }

    /** What {@code python} prints until it exits, which it must do cleanly. */
    static List<String> output(Process python) throws InterruptedException {
        return untilExit(python, reader(python));
    }

    /** The lines {@code python} prints from now until it exits, which it must do cleanly. */
    static List<String> untilExit(Process python, BufferedReader output) throws InterruptedException {
        List<String> lines = output.lines().toList();
        assertThat(python.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as("python's exit code, after printing %s", lines).isZero();
        return lines;
    }
}
