package org.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** No worker outlives a pool's process, however that process ends. */
@Timeout(120)
class ProcessPoolParentIT {

    /** Starts a pool busy with long tasks, prints its workers' pids, then waits to be ended. */
    public static final class BusyParent {
        public static void main(String[] args) throws Exception {
            ProcessPool pool = Multiprocessing.pool(2);
            ProcessQueue<Long> started = Multiprocessing.queue();
            CompletableFuture<List<Integer>> work = pool.mapAsync(n -> {
                started.put(ProcessHandle.current().pid());
                Thread.sleep(600_000);
                return n;
            }, IntStream.range(0, 10).boxed().toList(), 1);
            String pids = started.take() + " " + started.take();
            System.out.println("workers " + pids);
            System.out.flush();
            work.join();
        }
    }

    /** Leaves the pool open and returns from main while its workers are idle. */
    public static final class ForgetfulParent {
        public static void main(String[] args) {
            ProcessPool pool = Multiprocessing.pool(2);
            System.out.println("result " + pool.map(n -> n + 1, List.of(1, 2)));
            System.out.println("workers " + Multiprocessing.activeChildren().stream()
                    .map(c -> String.valueOf(c.pid())).collect(Collectors.joining(" ")));
            System.out.flush();
        }
    }

    @Test
    void workersAreGoneAfterTheParentIsKilled() throws Exception {
        assertWorkersEndWith(BusyParent.class, "-KILL");
    }

    @Test
    void workersAreGoneAfterTheParentIsInterruptedFromTheTerminal() throws Exception {
        assertWorkersEndWith(BusyParent.class, "-INT");
    }

    @Test
    void testWorkerFinalizationViaAtexitHandlerOfMultiprocessing_aParentThatLeavesItsPoolOpenExitsWithItsWorkers()
            throws Exception {
        Process parent = start(ForgetfulParent.class);
        try (BufferedReader lines = reader(parent)) {
            assertThat(lines.readLine()).isEqualTo("result [2, 3]");
            List<Long> workers = pids(lines.readLine());
            assertThat(workers).hasSizeGreaterThanOrEqualTo(2);
            assertThat(parent.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(parent.exitValue()).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> workers.stream().noneMatch(OrphanIT::isRunning));
        } finally {
            parent.destroyForcibly();
        }
    }

    private static void assertWorkersEndWith(Class<?> main, String signal) throws Exception {
        Process parent = start(main);
        try (BufferedReader lines = reader(parent)) {
            List<Long> workers = pids(lines.readLine());
            assertThat(workers).hasSize(2).allMatch(OrphanIT::isRunning);
            new ProcessBuilder("kill", signal, String.valueOf(parent.pid())).start().waitFor();
            await().atMost(Duration.ofSeconds(10)).until(() -> !parent.isAlive());
            await().atMost(Duration.ofSeconds(5)).until(() -> workers.stream().noneMatch(OrphanIT::isRunning));
        } finally {
            parent.destroyForcibly();
        }
    }

    private static Process start(Class<?> main) throws Exception {
        // standard error apart: a newer JVM may warn there before the lines read here
        return new ProcessBuilder(OrphanIT.javaLauncher(), "-cp", System.getProperty("java.class.path"),
                main.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static BufferedReader reader(Process parent) {
        return new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
    }

    private static List<Long> pids(String line) {
        assertThat(line).startsWith("workers ");
        return Arrays.stream(line.substring("workers ".length()).split(" ")).filter(s -> !s.isEmpty())
                .map(Long::valueOf).toList();
    }
}
