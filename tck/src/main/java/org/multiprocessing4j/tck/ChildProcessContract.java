package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Connections;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessEvent;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.RemoteTaskException;
import org.multiprocessing4j.UnserializableObjectException;

/**
 * A child's life: its target runs in another process with copies of its arguments, its exit code
 * and exception reach the parent, it can be terminated, killed, joined with a timeout and closed,
 * and misuse is refused.
 */
@Timeout(60)
public abstract class ChildProcessContract extends ContextContract {

    @TempDir
    Path dir;

    @Test
    void targetThatReturnsExitsWithZeroAndRanInTheChild() throws Exception {
        ProcessContext mp = context();
        String out = dir.resolve("out").toString();
        long parentPid = ProcessHandle.current().pid();
        ChildProcess child = mp.process(
                () -> Files.writeString(Path.of(out), String.valueOf(ProcessHandle.current().pid())));
        assertThat(child.exitCode()).isNull();
        child.start();
        child.join();

        assertThat(child.exitCode()).isZero();
        assertThat(child.exception()).isEmpty();
        assertThat(child.isAlive()).isFalse();
        long childPid = Long.parseLong(Files.readString(Path.of(out)));
        assertThat(childPid).isEqualTo(child.pid()).isNotEqualTo(parentPid);
    }

    @Test
    void testArgsArgument_argumentsOfEveryKindReachTheChildEqualInBothForms() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<Object> received = mp.queue();
        for (Object argument : List.of(1, "str", List.of(1), new int[] {1})) {
            // as Python's args=(x,) and args=(q, x)
            ChildProcess one = mp.process(received::put, argument);
            ChildProcess two = mp.process((ProcessQueue<Object> q, Object x) -> q.put(x), received, argument);
            for (ChildProcess child : List.of(one, two)) {
                child.start();
                assertThat(received.poll(PATIENCE)).isEqualTo(argument);
                assertExitsCleanly(child);
            }
        }
    }

    @Test
    void testProcess_aChildIsAliveAndListedOnlyFromStartToExitAndKnowsItsArgumentsNameAndPid() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<Object> told = mp.queue();
        ProcessEvent go = mp.event();
        ChildProcess child = mp.process((Integer first, Integer second) -> {
            told.put(List.of(first, second));
            told.put(mp.currentProcess().name());
            told.put(mp.currentProcess().pid());
            go.await();
        }, 1, 2).name("SomeProcess").daemon(true);
        assertThat(child.isAlive()).isFalse();
        assertThat(child.isDaemon()).isTrue();
        assertThat(mp.activeChildren()).doesNotContain(child);
        assertThat(child.exitCode()).isNull();

        child.start();
        assertThat(child.exitCode()).isNull();
        assertThat(child.isAlive()).isTrue();
        assertThat(mp.activeChildren()).contains(child);
        assertThat(told.poll(PATIENCE)).isEqualTo(List.of(1, 2));
        assertThat(told.poll(PATIENCE)).isEqualTo("SomeProcess");
        assertThat(told.poll(PATIENCE)).isEqualTo(child.pid());

        go.set();
        assertThat(joined(child)).isZero();
        assertThat(child.isAlive()).isFalse();
        assertThat(mp.activeChildren()).doesNotContain(child);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aContextCapturedByATargetIsTheSameBackendWithTheSameOptionsInTheChild() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<Object> answers = mp.queue();
        ProcessEvent read = mp.event();
        ChildProcess child = start(() -> {
            answers.put(mp.name());
            answers.put(new HashMap<>(mp.options()));
            answers.put(mp.currentProcess().name());
            ProcessQueue<String> made = mp.queue();
            made.put("made in the child");
            answers.put(made);
            // what the child made lives as long as the child
            read.await();
        });
        assertThat(answers.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(mp.name());
        assertThat(answers.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(mp.options());
        assertThat(answers.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(child.name());
        ProcessQueue<String> made = (ProcessQueue<String>) answers.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(made.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("made in the child");
        read.set();
        assertThat(joined(child)).isZero();
    }

    @Test
    void targetThatThrowsExitsWithOneAndTheParentGetsTheExceptionWithTheChildsStackTrace() throws Exception {
        ProcessContext mp = context();
        ChildProcess child = mp.process(ChildProcessContract::failDeepInside)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        child.start();
        child.join();

        assertThat(child.exitCode()).isEqualTo(1);
        Throwable failure = child.exception().orElseThrow();
        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("broken in the child")
                .hasCauseInstanceOf(ArithmeticException.class);
        assertThat(Arrays.stream(failure.getStackTrace()).map(StackTraceElement::getMethodName))
                .contains("failDeepInside");
    }

    private static void failDeepInside() {
        try {
            System.out.println(1 / (System.nanoTime() == 0 ? 1 : 0));
        } catch (ArithmeticException e) {
            throw new IllegalStateException("broken in the child", e);
        }
    }

    @Test
    void exceptionThatCannotBeSerializedArrivesAsAStandInNamingItsType() throws Exception {
        ProcessContext mp = context();
        ChildProcess child = mp.process(() -> {
            throw new UnshippableException("holds a socket");
        }).redirectError(ProcessBuilder.Redirect.DISCARD);
        child.start();
        child.join();

        assertThat(child.exitCode()).isEqualTo(1);
        assertThat(child.exception().orElseThrow()).isInstanceOfSatisfying(RemoteTaskException.class, e -> {
            assertThat(e.remoteClassName()).isEqualTo(UnshippableException.class.getName());
            assertThat(e).hasMessage("holds a socket");
            assertThat(e.toString()).startsWith(UnshippableException.class.getName());
            assertThat(e.getStackTrace()).isNotEmpty();
        });
    }

    static final class UnshippableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnshippableException(String message) {
            super(message);
        }

        private void writeObject(ObjectOutputStream out) throws IOException {
            throw new java.io.NotSerializableException("not this one");
        }
    }

    @Test
    void exitCodeIsWhatTheTargetPassesToSystemExit() throws Exception {
        ProcessContext mp = context();
        ChildProcess child = mp.process(() -> System.exit(3));
        child.start();
        child.join();

        assertThat(child.exitCode()).isEqualTo(3);
        assertThat(child.exception()).isEmpty();
    }

    @Test
    void testTerminate_aSleepingChildEndsWithMinusSigtermAndLeavesTheActiveChildren() throws Exception {
        assertThat(stopASleepingChild(ChildProcess::terminate)).isEqualTo(-15);
    }

    @Test
    void testKill_aSleepingChildEndsWithMinusSigkillAndLeavesTheActiveChildren() throws Exception {
        assertThat(stopASleepingChild(ChildProcess::kill)).isEqualTo(-9);
    }

    /**
     * Starts a daemon child that sleeps, checks that joins with no time to wait return at once
     * while it runs, stops it with {@code stop} and checks that it is gone.
     *
     * @return its exit code
     */
    private int stopASleepingChild(Consumer<ChildProcess> stop) throws InterruptedException {
        ProcessContext mp = context();
        ProcessEvent sleeping = mp.event();
        ChildProcess child = mp.process(() -> {
            sleeping.set();
            Thread.sleep(600_000);
        }).daemon(true);
        child.start();
        assertThat(child.isAlive()).isTrue();
        assertThat(mp.activeChildren()).contains(child);
        assertThat(child.exitCode()).isNull();
        assertThat(child.join(Duration.ZERO)).isFalse();
        assertThat(child.join(-1, TimeUnit.SECONDS)).isFalse();
        assertThat(child.isAlive()).isTrue();
        assertThat(sleeping.await(PATIENCE)).isTrue();

        stop.accept(child);
        int exitCode = joined(child);
        assertThat(child.isAlive()).isFalse();
        assertThat(mp.activeChildren()).doesNotContain(child);
        return exitCode;
    }

    @Test
    void testManyProcesses_fiveChildrenAtOnceExitCleanlyAndFiveTerminatedRightAfterStartEndWithMinusSigterm()
            throws Exception {
        ProcessContext mp = context();
        List<ChildProcess> quick = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            quick.add(mp.process(() -> Thread.sleep(10)));
        }
        quick.forEach(ChildProcess::start);
        quick.forEach(ContextContract::assertExitsCleanly);

        List<ChildProcess> sleepers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sleepers.add(mp.process(() -> Thread.sleep(600_000)));
        }
        // before most of them have read their target, or even started their JVM
        sleepers.forEach(ChildProcess::start);
        sleepers.forEach(ChildProcess::terminate);
        for (ChildProcess sleeper : sleepers) {
            assertThat(joined(sleeper)).as("%s", sleeper).isEqualTo(-15);
        }
    }

    @Test
    void joinWithTimeoutReturnsFalseWhileTheChildSleepsAndTrueOnceItExits() throws Exception {
        ProcessContext mp = context();
        ChildProcess child = mp.process(() -> Thread.sleep(1_500));
        child.start();

        assertThat(child.join(Duration.ofMillis(100))).isFalse();
        assertThat(child.join(Duration.ofSeconds(30))).isTrue();
        assertThat(child.exitCode()).isZero();
    }

    @Test
    void testSentinel_onExitAndWaitAnyTellWhenAStartedChildHasExited() throws Exception {
        ProcessContext mp = context();
        ProcessEvent go = mp.event();
        ChildProcess child = mp.process(go::await);
        assertThatThrownBy(child::onExit).isInstanceOf(IllegalStateException.class);
        child.start();
        assertThat(Connections.waitAny(List.of(child), Duration.ZERO)).isEmpty();
        assertThat(child.onExit()).isNotDone();

        go.set();
        assertThat(child.onExit().get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isSameAs(child);
        assertThat(Connections.waitAny(List.of(child), Duration.ofSeconds(1))).containsExactly(child);
        assertThat(child.exitCode()).isZero();
    }

    @Test
    void unserializableTargetFailsAtStartNamingTheClassAndStartsNothing() {
        ProcessContext mp = context();
        Object notSerializable = new Object();
        ChildProcess child = mp.process(() -> System.out.println(notSerializable));

        assertThatThrownBy(child::start).isInstanceOfSatisfying(UnserializableObjectException.class, e -> {
            assertThat(e.className()).isEqualTo("java.lang.Object");
            assertThat(e).hasMessageContaining("java.lang.Object").hasMessageContaining(child.name());
        });
        assertThat(child.isAlive()).isFalse();
        assertThat(mp.activeChildren()).doesNotContain(child);
        assertThatThrownBy(child::pid).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void misuseRaisesIllegalStateException() throws Exception {
        ProcessContext mp = context();
        ChildProcess child = mp.process(() -> Thread.sleep(60_000));
        assertThatThrownBy(child::join).isInstanceOf(IllegalStateException.class).hasMessageContaining("not been started");
        assertThatThrownBy(child::terminate).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(child::pid).isInstanceOf(IllegalStateException.class);

        child.start();
        assertThatThrownBy(child::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already been started");
        assertThatThrownBy(() -> child.daemon(true)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> child.jvmOptions("-Xmx64m")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(child::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("still running");
        assertThat(child.isAlive()).as("still running after a close that failed").isTrue();

        child.kill();
        assertThat(joined(child)).isEqualTo(-9);
    }

    @Test
    void testClose_afterCloseOnlyTheNameTheExitCodeAndTheExceptionRemain() throws Exception {
        ChildProcess child = start(() -> { });
        assertThat(joined(child)).isZero();
        String name = child.name();
        child.close();
        child.close();

        assertThat(child.name()).isEqualTo(name);
        assertThat(child.name("renamed").name()).isEqualTo("renamed");
        assertThat(child.exitCode()).isZero();
        assertThat(child.exception()).isEmpty();
        List<ThrowingCallable> uses = List.of(child::isAlive, child::isDaemon, child::pid, child::join,
                () -> child.join(Duration.ZERO), () -> child.join(0, TimeUnit.SECONDS), child::onExit,
                child::terminate, child::kill, child::start, () -> child.daemon(true));
        for (ThrowingCallable use : uses) {
            assertThatThrownBy(use).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }

    @Test
    void aChildIsAResourceThatItsTryStatementCloses() throws Exception {
        ProcessContext mp = context();
        ChildProcess used;
        try (ChildProcess child = mp.process(() -> { })) {
            child.start();
            assertThat(joined(child)).isZero();
            used = child;
        }
        assertThatThrownBy(used::isAlive).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(used.exitCode()).isZero();
    }

    @Test
    void testLoseTargetRef_theParentLetsGoOfTheTargetOnceTheChildHasStarted() throws Exception {
        ProcessContext mp = context();
        ProcessEvent release = mp.event();
        Started started = startCapturing(new byte[1 << 20], mp, release);
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                System.gc();
                return started.captured().get() == null;
            });
            assertThat(started.child().isAlive()).isTrue();
        } finally {
            release.set();
        }
        assertExitsCleanly(started.child());
    }

    /** A started child and a weak reference to what its target captured. */
    private record Started(ChildProcess child, WeakReference<byte[]> captured) {
    }

    /** Starts a child whose target holds {@code data} until {@code release} is set; keeps no strong reference. */
    private static Started startCapturing(byte[] data, ProcessContext mp, ProcessEvent release) {
        ChildProcess child = mp.process(() -> {
            release.await();
            if (data.length != 1 << 20) {
                throw new IllegalStateException("the child received " + data.length + " bytes");
            }
        });
        child.start();
        return new Started(child, new WeakReference<>(data));
    }

    @Test
    void joinWithATimeoutTooLongToCountInNanosecondsWaitsForTheChild() throws Exception {
        ChildProcess child = start(() -> { });

        assertThat(child.join(Duration.ofSeconds(Long.MAX_VALUE))).isTrue();
        assertThat(child.join(Long.MAX_VALUE, TimeUnit.DAYS)).isTrue();
        assertThat(child.exitCode()).isZero();
    }

    @Test
    void blankJvmOptionIsRejected() {
        ProcessContext mp = context();
        ChildProcess child = mp.process(() -> { });
        assertThatThrownBy(() -> child.jvmOptions("-Xmx64m", " ")).isInstanceOf(IllegalArgumentException.class);
    }
}
