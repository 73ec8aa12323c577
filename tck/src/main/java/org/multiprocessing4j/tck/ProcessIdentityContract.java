package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.EOFException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessQueue;

/**
 * Who a process is: names as Python gives them ({@code MainProcess}, {@code Process-N},
 * {@code Process-N:M}), pids, parents, daemons, and the children a process has running.
 */
@Timeout(60)
public abstract class ProcessIdentityContract extends ContextContract {

    @TempDir
    Path dir;

    @Test
    void testCurrent_theMainProcessIsAliveIsNoDaemonAndKnowsItsNameAndPid() {
        ProcessContext mp = context();
        assertThat(mp.currentProcess().name()).isEqualTo("MainProcess");
        assertThat(mp.currentProcess().pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(mp.currentProcess().isAlive()).isTrue();
        assertThat(mp.currentProcess().isDaemon()).isFalse();
    }

    @Test
    void testCpuCount_isAtLeastOne() {
        assertThat(context().cpuCount()).isPositive();
    }

    @Test
    void testDaemonArgument_aChildIsADaemonAsItsCreatorIsUnlessToldOtherwise() {
        ProcessContext mp = context();
        assertThat(mp.process(() -> { }).isDaemon()).isEqualTo(mp.currentProcess().isDaemon());
        assertThat(mp.process(() -> { }).daemon(true).isDaemon()).isTrue();
        assertThat(mp.process(() -> { }).daemon(false).isDaemon()).isFalse();
    }

    @Test
    void testParentProcessAttributes_theMainProcessHasNoParentAndAChildSeesItsParentsNameAndPid() throws Exception {
        ProcessContext mp = context();
        assertThat(mp.parentProcess()).isEmpty();
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
    void testParentProcess_aGrandchildSeesItsParentAliveAndEndsWithItWhenItIsTerminated() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<Object> reports = mp.queue();
        ChildProcess child = mp.process(() -> {
            mp.process(() -> {
                reports.put(ProcessHandle.current().pid());
                reports.put(mp.parentProcess().orElseThrow().isAlive());
                Thread.sleep(600_000);
            }).start();
            Thread.sleep(600_000);
        });
        child.start();
        Object grandchild = reports.poll(PATIENCE);
        assertThat(grandchild).as("the grandchild's pid").isInstanceOf(Long.class);
        assertThat(reports.poll(PATIENCE)).as("whether its parent is alive").isEqualTo(true);

        child.terminate();
        assertThat(joined(child)).isEqualTo(-15);
        // where Python's grandchild would see its parent dead and go on, ours ends with its parent
        await().atMost(PATIENCE).until(() -> !isRunning((Long) grandchild));
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
    void testRecursion_childrenAndGrandchildrenStartedAndJoinedInTurnReportInTheOrderOfTheTree() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe(false);
        descend(mp, pipe.right(), List.of());
        // every process of the tree has exited: once this one closes its copy, the end of data follows
        pipe.right().close();
        List<Object> reported = new ArrayList<>();
        assertThatThrownBy(() -> {
            while (true) {
                reported.add(pipe.left().recv());
            }
        }).isInstanceOf(EOFException.class);

        assertThat(reported).containsExactly(List.of(), List.of(0), List.of(0, 0), List.of(0, 1), List.of(1),
                List.of(1, 0), List.of(1, 1));
    }

    /**
     * Reports {@code place} in the tree, then, above the second level, starts and joins two
     * children that do the same one level down.
     */
    private static void descend(ProcessContext mp, PipeEnd out, List<Integer> place) throws Exception {
        out.send(place);
        if (place.size() < 2) {
            for (int i = 0; i < 2; i++) {
                List<Integer> below = new ArrayList<>(place);
                below.add(i);
                List<Integer> next = List.copyOf(below);
                ChildProcess child = mp.process(() -> descend(mp, out, next));
                child.start();
                child.join();
                if (child.exitCode() != 0) {
                    throw new IllegalStateException(child + " at " + next + " failed", child.exception().orElse(null));
                }
            }
        }
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
    void testActiveChildren_aChildIsListedFromItsStartUntilItExits() throws Exception {
        ProcessContext mp = context();
        ChildProcess sleeper = mp.process(() -> Thread.sleep(60_000));
        ChildProcess quick = mp.process(() -> { });
        assertThat(mp.activeChildren()).doesNotContain(sleeper, quick);
        sleeper.start();
        quick.start();
        assertThat(mp.activeChildren()).contains(sleeper);
        quick.join();

        assertThat(mp.activeChildren()).contains(sleeper).doesNotContain(quick);
        sleeper.kill();
        sleeper.join();
        assertThat(mp.activeChildren()).doesNotContain(sleeper);
    }
}
