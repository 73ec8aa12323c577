package org.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.function.SerializableRunnable;

/**
 * A child that takes a spare JVM behaves as a cold one; a child with its own settings starts cold;
 * the start method and the spares are options of a local context.
 */
@Timeout(120)
class WarmStartIT {

    @TempDir
    Path dir;

    @AfterEach
    void backToDefaults() {
        Multiprocessing.setStartMethod(StartMethod.WARM);
    }

    /** The pids of this process's children, once the spares of the default context are ready. */
    private static Set<Long> readySpares() throws InterruptedException {
        return readySpares(ProcessContext.local());
    }

    /** The pids of this process's children, once the spares of {@code context} are ready. */
    private static Set<Long> readySpares(ProcessContext context) throws InterruptedException {
        assertThat(context.prestart(Duration.ofSeconds(30))).isTrue();
        return children();
    }

    private static Set<Long> children() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    @Test
    void warmChildRunsItsTargetWithItsOwnIdentity() throws Exception {
        String out = dir.resolve("identity").toString();
        Set<Long> spares = readySpares();
        ChildProcess child = Multiprocessing.process(() -> Files.write(Path.of(out), List.of(
                Multiprocessing.currentProcess().name(),
                String.valueOf(Multiprocessing.currentProcess().pid()),
                String.valueOf(ProcessHandle.current().pid()),
                String.valueOf(Multiprocessing.currentProcess().isDaemon()),
                Multiprocessing.parentProcess().orElseThrow().name(),
                String.valueOf(Multiprocessing.parentProcess().orElseThrow().pid())))).name("warm-one").daemon(true);
        child.start();
        child.join();

        assertThat(spares).as("took a spare").contains(child.pid());
        assertThat(child.exitCode()).isZero();
        assertThat(Files.readAllLines(Path.of(out))).containsExactly("warm-one", String.valueOf(child.pid()),
                String.valueOf(child.pid()), "true", "MainProcess", String.valueOf(ProcessHandle.current().pid()));
    }

    @Test
    void warmChildReportsExceptionsAndExitCodesAsAColdOne() throws Exception {
        Set<Long> spares = readySpares();
        ChildProcess failing = Multiprocessing.process(() -> {
            throw new IllegalStateException("warm failure");
        });
        failing.start();
        failing.join();
        assertThat(spares).contains(failing.pid());
        assertThat(failing.exitCode()).isEqualTo(1);
        assertThat(failing.exception().orElseThrow()).isInstanceOf(IllegalStateException.class)
                .hasMessage("warm failure");

        spares = readySpares();
        ChildProcess exiting = Multiprocessing.process(() -> System.exit(3));
        exiting.start();
        exiting.join();
        assertThat(spares).contains(exiting.pid());
        assertThat(exiting.exitCode()).isEqualTo(3);

        spares = readySpares();
        ChildProcess killed = Multiprocessing.process(() -> Thread.sleep(60_000));
        killed.start();
        killed.kill();
        killed.join();
        assertThat(spares).contains(killed.pid());
        assertThat(killed.exitCode()).isEqualTo(-9);
    }

    @Test
    void aWarmChildIsJoinedOnceItsShutdownHooksHaveRunHoweverItsTargetEnds() throws Exception {
        Map<Integer, SerializableRunnable> targets = Map.of(
                0, () -> { },
                1, () -> {
                    throw new IllegalStateException("warm failure");
                },
                4, () -> System.exit(4));
        for (Map.Entry<Integer, SerializableRunnable> ending : targets.entrySet()) {
            String out = dir.resolve("hook-" + ending.getKey()).toString();
            SerializableRunnable target = ending.getValue();
            Set<Long> spares = readySpares();
            ChildProcess child = Multiprocessing.process(() -> {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> writeSlowly(Path.of(out))));
                target.run();
            });
            child.start();
            child.join();

            assertThat(spares).contains(child.pid());
            assertThat(child.exitCode()).isEqualTo(ending.getKey());
            assertThat(Path.of(out)).as("written by a hook that takes a while").hasContent("hook ran");
        }
    }

    private static void writeSlowly(Path file) {
        try {
            Thread.sleep(300);
            Files.writeString(file, "hook ran");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sparesRehearseARecentTargetWithoutRunningIt() throws Exception {
        Path log = dir.resolve("runs");
        String out = log.toString();
        for (int run = 1; run <= 3; run++) {
            Set<Long> spares = readySpares();
            ChildProcess child = Multiprocessing.process(() -> Files.writeString(Path.of(out), "ran\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND));
            child.start();
            child.join();
            assertThat(spares).contains(child.pid());
            assertThat(child.exitCode()).isZero();
        }
        // the spare launched after the last start has rehearsed that target by the time it is ready
        readySpares();

        assertThat(Files.readAllLines(log)).containsExactly("ran", "ran", "ran");
    }

    @Test
    void testForkserverSigint_childrenStartAndRunAfterTheSpareJvmsWereInterrupted() throws Exception {
        childrenRunAfterTheSparesGot("-INT");
    }

    @Test
    void testForkserverSigkill_childrenStartAndRunAfterTheSpareJvmsWereKilled() throws Exception {
        childrenRunAfterTheSparesGot("-KILL");
    }

    /**
     * CPython's check of a forkserver that dies: with a child running, every idle spare gets
     * {@code signal}; the running child finishes, and a child started afterwards runs.
     */
    private void childrenRunAfterTheSparesGot(String signal) throws Exception {
        String first = dir.resolve("first").toString();
        String second = dir.resolve("second").toString();
        ChildProcess running = Multiprocessing.process(() -> {
            Thread.sleep(500);
            Files.writeString(Path.of(first), "done");
        });
        running.start();
        Set<Long> spares = readySpares().stream().filter(pid -> pid != running.pid()).collect(Collectors.toSet());
        assertThat(spares).as("idle spares").isNotEmpty();
        for (long spare : spares) {
            assertThat(new ProcessBuilder("kill", signal, String.valueOf(spare)).start().waitFor()).isZero();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> spares.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));

        ChildProcess next = Multiprocessing.process(() -> Files.writeString(Path.of(second), "done"));
        next.start();
        next.join();
        assertThat(next.exitCode()).isZero();
        assertThat(Path.of(second)).hasContent("done");
        running.join();
        assertThat(running.exitCode()).isZero();
        assertThat(Path.of(first)).hasContent("done");
    }

    @Test
    void childWithItsOwnSettingsStartsCold() throws Exception {
        List<UnaryOperator<ChildProcess>> settings = List.of(
                child -> child.jvmOptions("-Xmx64m"),
                child -> child.environment("MP4J_SETTING", "x"),
                child -> child.directory(dir),
                child -> child.redirectOutput(Redirect.DISCARD));
        for (UnaryOperator<ChildProcess> setting : settings) {
            Set<Long> spares = readySpares();
            ChildProcess child = setting.apply(Multiprocessing.process(() -> { }));
            child.start();
            child.join();
            assertThat(child.exitCode()).isZero();
            assertThat(spares).doesNotContain(child.pid());
        }
    }

    @Test
    void aColdContextLeavesSparesAloneAndSetStartMethodMakesItTheDefault() throws Exception {
        ProcessContext cold = ProcessContext.local(StartMethod.COLD);
        assertThat(cold.options()).containsEntry("startMethod", "cold");
        assertThat(ProcessContext.get("local", Map.of("startMethod", "cold"))).isSameAs(cold);
        Set<Long> spares = readySpares();

        ChildProcess child = cold.process(() -> { });
        child.start();
        child.join();
        assertThat(child.exitCode()).isZero();
        assertThat(spares).doesNotContain(child.pid());

        Multiprocessing.setStartMethod(StartMethod.COLD);
        assertThat(Multiprocessing.context()).isSameAs(cold);
        ChildProcess viaFacade = Multiprocessing.process(() -> { });
        viaFacade.start();
        viaFacade.join();
        assertThat(spares).doesNotContain(viaFacade.pid());
    }

    @Test
    void sparesWithOptionsServeChildrenWithTheSameOptions() throws Exception {
        ProcessContext flavoured = ProcessContext.get("local",
                Map.of("spares", "2", "spareJvmOptions", "-Dflavour=warm"));
        String out = dir.resolve("flavour").toString();
        Set<Long> spares = readySpares(flavoured);
        assertThat(spares.stream().filter(WarmStartIT::isFlavoured)).hasSize(2);

        ChildProcess same = flavoured.process(
                () -> Files.writeString(Path.of(out), System.getProperty("flavour"))).jvmOptions("-Dflavour=warm");
        same.start();
        same.join();
        ChildProcess plain = flavoured.process(() -> { });
        plain.start();
        plain.join();

        assertThat(spares).contains(same.pid()).doesNotContain(plain.pid());
        assertThat(Path.of(out)).hasContent("warm");
    }

    private static boolean isFlavoured(long pid) {
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().arguments())
                .map(arguments -> List.of(arguments).contains("-Dflavour=warm")).orElse(false);
    }

    @Test
    void noSparesMeansEveryStartIsCold() throws Exception {
        ProcessContext none = ProcessContext.get("local", Map.of("spares", "0"));
        assertThat(none.prestart(Duration.ofSeconds(1))).isTrue();
        Set<Long> before = children();

        ChildProcess child = none.process(() -> { });
        child.start();
        child.join();
        assertThat(child.exitCode()).isZero();
        assertThat(before).doesNotContain(child.pid());
    }
}
