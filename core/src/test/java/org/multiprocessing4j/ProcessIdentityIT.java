package org.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ProcessIdentityIT {

    @TempDir
    Path dir;

    @Test
    void mainProcessKnowsItselfAndHasNoParent() {
        assertThat(Multiprocessing.currentProcess().name()).isEqualTo("MainProcess");
        assertThat(Multiprocessing.currentProcess().pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(Multiprocessing.currentProcess().isDaemon()).isFalse();
        assertThat(Multiprocessing.parentProcess()).isEmpty();
        assertThat(Multiprocessing.cpuCount()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void childSeesItsOwnNameAndPidAndItsParent() throws Exception {
        String out = dir.resolve("identity").toString();
        ChildProcess child = Multiprocessing.process(() -> Files.write(Path.of(out), List.of(
                Multiprocessing.currentProcess().name(),
                String.valueOf(Multiprocessing.currentProcess().pid()),
                String.valueOf(Multiprocessing.currentProcess().isDaemon()),
                Multiprocessing.parentProcess().orElseThrow().name(),
                String.valueOf(Multiprocessing.parentProcess().orElseThrow().pid()),
                String.valueOf(Multiprocessing.parentProcess().orElseThrow().isAlive()))));
        assertThat(child.name()).matches("Process-\\d+");
        child.start();
        child.join();

        assertThat(Files.readAllLines(Path.of(out))).containsExactly(child.name(), String.valueOf(child.pid()),
                "false", "MainProcess", String.valueOf(ProcessHandle.current().pid()), "true");
    }

    @Test
    void childrenAreNumberedInCreationOrderAndMayBeRenamed() throws Exception {
        ChildProcess first = Multiprocessing.process(() -> { });
        ChildProcess second = Multiprocessing.process(() -> { });
        int n = Integer.parseInt(first.name().substring("Process-".length()));
        assertThat(second.name()).isEqualTo("Process-" + (n + 1));

        String out = dir.resolve("name").toString();
        ChildProcess named = Multiprocessing.process(
                () -> Files.writeString(Path.of(out), Multiprocessing.currentProcess().name())).name("worker");
        named.start();
        named.join();
        assertThat(Files.readString(Path.of(out))).isEqualTo("worker");
    }

    @Test
    void grandchildIsNamedAfterItsPlaceInTheTreeAndKnowsItsParent() throws Exception {
        String out = dir.resolve("grandchild").toString();
        ChildProcess child = Multiprocessing.process(() -> {
            ChildProcess grandchild = Multiprocessing.process(() -> Files.write(Path.of(out), List.of(
                    Multiprocessing.currentProcess().name(),
                    Multiprocessing.parentProcess().orElseThrow().name(),
                    String.valueOf(Multiprocessing.parentProcess().orElseThrow().pid()))));
            grandchild.start();
            grandchild.join();
            if (grandchild.exitCode() != 0) {
                throw new IllegalStateException("grandchild failed: " + grandchild.exitCode());
            }
        });
        child.start();
        child.join();

        assertThat(child.exitCode()).isZero();
        assertThat(Files.readAllLines(Path.of(out)))
                .containsExactly(child.name() + ":1", child.name(), String.valueOf(child.pid()));
    }

    @Test
    void daemonChildMayNotStartChildren() throws Exception {
        ChildProcess child = Multiprocessing.process(() -> Multiprocessing.process(() -> { }).start())
                .daemon(true).redirectError(ProcessBuilder.Redirect.DISCARD);
        assertThat(child.isDaemon()).isTrue();
        child.start();
        child.join();

        assertThat(child.exitCode()).isEqualTo(1);
        assertThat(child.exception().orElseThrow()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("daemon");
    }

    @Test
    void childWaitsForItsNonDaemonChildrenBeforeExiting() throws Exception {
        String out = dir.resolve("late").toString();
        ChildProcess child = Multiprocessing.process(() -> Multiprocessing.process(() -> {
            Thread.sleep(500);
            Files.writeString(Path.of(out), "written after the parent's target returned");
        }).start());
        child.start();
        child.join();

        assertThat(child.exitCode()).isZero();
        assertThat(Path.of(out)).exists();
    }

    @Test
    void activeChildrenListsRunningChildrenOnly() throws Exception {
        ChildProcess sleeper = Multiprocessing.process(() -> Thread.sleep(60_000));
        ChildProcess quick = Multiprocessing.process(() -> { });
        sleeper.start();
        quick.start();
        quick.join();

        assertThat(Multiprocessing.activeChildren()).contains(sleeper).doesNotContain(quick);
        sleeper.kill();
        sleeper.join();
        assertThat(Multiprocessing.activeChildren()).doesNotContain(sleeper);
    }
}
