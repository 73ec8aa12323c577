package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.ProcessContext;

/**
 * Who a process is: names as Python gives them ({@code MainProcess}, {@code Process-N},
 * {@code Process-N:M}), pids, parents, daemons, and the children a process has running.
 */
@Timeout(60)
public abstract class ProcessIdentityContract extends ContextContract {

    @TempDir
    Path dir;

    @Test
    void mainProcessKnowsItselfAndHasNoParent() {
        ProcessContext mp = context();
        assertThat(mp.currentProcess().name()).isEqualTo("MainProcess");
        assertThat(mp.currentProcess().pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(mp.currentProcess().isDaemon()).isFalse();
        assertThat(mp.parentProcess()).isEmpty();
        assertThat(mp.cpuCount()).isPositive();
    }

    @Test
    void childSeesItsOwnNameAndPidAndItsParent() throws Exception {
        ProcessContext mp = context();
        String out = dir.resolve("identity").toString();
        ChildProcess child = mp.process(() -> Files.write(Path.of(out), List.of(
                mp.currentProcess().name(),
                String.valueOf(mp.currentProcess().pid()),
                String.valueOf(mp.currentProcess().isDaemon()),
                mp.parentProcess().orElseThrow().name(),
                String.valueOf(mp.parentProcess().orElseThrow().pid()),
                String.valueOf(mp.parentProcess().orElseThrow().isAlive()))));
        assertThat(child.name()).matches("Process-\\d+");
        child.start();
        child.join();

        assertThat(Files.readAllLines(Path.of(out))).containsExactly(child.name(), String.valueOf(child.pid()),
                "false", "MainProcess", String.valueOf(ProcessHandle.current().pid()), "true");
    }

    @Test
    void childrenAreNumberedInCreationOrderAndMayBeRenamed() throws Exception {
        ProcessContext mp = context();
        ChildProcess first = mp.process(() -> { });
        ChildProcess second = mp.process(() -> { });
        int n = Integer.parseInt(first.name().substring("Process-".length()));
        assertThat(second.name()).isEqualTo("Process-" + (n + 1));

        String out = dir.resolve("name").toString();
        ChildProcess named = mp.process(
                () -> Files.writeString(Path.of(out), mp.currentProcess().name())).name("worker");
        named.start();
        named.join();
        assertThat(Files.readString(Path.of(out))).isEqualTo("worker");
    }

    @Test
    void grandchildIsNamedAfterItsPlaceInTheTreeAndKnowsItsParent() throws Exception {
        ProcessContext mp = context();
        String out = dir.resolve("grandchild").toString();
        ChildProcess child = mp.process(() -> {
            ChildProcess grandchild = mp.process(() -> Files.write(Path.of(out), List.of(
                    mp.currentProcess().name(),
                    mp.parentProcess().orElseThrow().name(),
                    String.valueOf(mp.parentProcess().orElseThrow().pid()))));
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
        ProcessContext mp = context();
        ChildProcess child = mp.process(() -> mp.process(() -> { }).start())
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
        ProcessContext mp = context();
        String out = dir.resolve("late").toString();
        ChildProcess child = mp.process(() -> mp.process(() -> {
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
        ProcessContext mp = context();
        ChildProcess sleeper = mp.process(() -> Thread.sleep(60_000));
        ChildProcess quick = mp.process(() -> { });
        sleeper.start();
        quick.start();
        quick.join();

        assertThat(mp.activeChildren()).contains(sleeper).doesNotContain(quick);
        sleeper.kill();
        sleeper.join();
        assertThat(mp.activeChildren()).doesNotContain(sleeper);
    }
}
