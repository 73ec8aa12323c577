package org.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.internal.launch.LocalContext;

@Timeout(60)
class ChildProcessLifecycleIT {

    @TempDir
    Path dir;

    @Test
    void targetThatReturnsExitsWithZeroAndRanInTheChild() throws Exception {
        String out = dir.resolve("out").toString();
        long parentPid = ProcessHandle.current().pid();
        ChildProcess child = Multiprocessing.process(
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
    void childReadsAnEmptyStandardInputWhicheverWayItStarts() throws Exception {
        try {
            for (StartMethod method : StartMethod.values()) {
                Multiprocessing.setStartMethod(method);
                ChildProcess child = Multiprocessing.process(() -> System.exit(System.in.read() == -1 ? 0 : 5));
                child.start();
                child.join();
                assertThat(child.exitCode()).as("%s start", method).isZero();
            }
        } finally {
            Multiprocessing.setStartMethod(StartMethod.WARM);
        }
    }

    @Test
    void targetWithArgumentsReceivesCopiesOfThem() throws Exception {
        String out = dir.resolve("out").toString();
        ChildProcess child = Multiprocessing.process(
                (String path, Integer number) -> Files.writeString(Path.of(path), "got " + number), out, 42);
        child.start();
        child.join();

        assertThat(child.exitCode()).isZero();
        assertThat(Files.readString(Path.of(out))).isEqualTo("got 42");
    }

    @Test
    void targetThatThrowsExitsWithOneAndTheParentGetsTheExceptionWithTheChildsStackTrace() throws Exception {
        ChildProcess child = Multiprocessing.process(ChildProcessLifecycleIT::failDeepInside)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        child.start();
        child.join();

        assertThat(child.exitCode()).isEqualTo(1);
        Throwable failure = child.exception().orElseThrow();
        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("broken in the child")
                .hasCauseInstanceOf(ArithmeticException.class);
        assertThat(Arrays.stream(failure.getStackTrace()).map(StackTraceElement::getMethodName))
                .contains("failDeepInside");
        try (Stream<Path> session = Files.list(LocalContext.instance().sessionPath())) {
            assertThat(session).as("the child's report, once read").noneMatch(file -> file.toString().contains("failure"));
        }
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
        ChildProcess child = Multiprocessing.process(() -> {
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
        ChildProcess child = Multiprocessing.process(() -> System.exit(3));
        child.start();
        child.join();

        assertThat(child.exitCode()).isEqualTo(3);
        assertThat(child.exception()).isEmpty();
    }

    @Test
    void terminateEndsTheChildWithMinusSigterm() throws Exception {
        ChildProcess child = Multiprocessing.process(() -> Thread.sleep(60_000));
        child.start();
        assertThat(child.join(Duration.ofMillis(200))).isFalse();
        assertThat(child.isAlive()).isTrue();
        assertThat(child.exitCode()).isNull();

        child.terminate();
        child.join();

        assertThat(child.exitCode()).isEqualTo(-15);
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void killEndsTheChildWithMinusSigkill() throws Exception {
        ChildProcess child = Multiprocessing.process(() -> Thread.sleep(60_000));
        child.start();
        child.kill();

        assertThat(child.join(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitCode()).isEqualTo(-9);
    }

    @Test
    void joinWithTimeoutReturnsFalseWhileTheChildSleepsAndTrueOnceItExits() throws Exception {
        ChildProcess child = Multiprocessing.process(() -> Thread.sleep(1_500));
        child.start();

        assertThat(child.join(Duration.ofMillis(100))).isFalse();
        assertThat(child.join(Duration.ofSeconds(30))).isTrue();
        assertThat(child.exitCode()).isZero();
    }

    @Test
    void onExitCompletesWithTheChild() throws Exception {
        ChildProcess child = Multiprocessing.process(() -> { });
        child.start();

        assertThat(child.onExit().get(30, TimeUnit.SECONDS)).isSameAs(child);
        assertThat(child.exitCode()).isZero();
    }

    @Test
    void unserializableTargetFailsAtStartNamingTheClassAndStartsNothing() {
        Object notSerializable = new Object();
        ChildProcess child = Multiprocessing.process(() -> System.out.println(notSerializable));

        assertThatThrownBy(child::start).isInstanceOfSatisfying(UnserializableObjectException.class, e -> {
            assertThat(e.className()).isEqualTo("java.lang.Object");
            assertThat(e).hasMessageContaining("java.lang.Object").hasMessageContaining(child.name());
        });
        assertThat(child.isAlive()).isFalse();
        assertThat(Multiprocessing.activeChildren()).doesNotContain(child);
        assertThatThrownBy(child::pid).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void misuseRaisesIllegalStateException() throws Exception {
        ChildProcess child = Multiprocessing.process(() -> Thread.sleep(60_000));
        assertThatThrownBy(child::join).isInstanceOf(IllegalStateException.class).hasMessageContaining("not been started");
        assertThatThrownBy(child::terminate).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(child::pid).isInstanceOf(IllegalStateException.class);

        child.start();
        assertThatThrownBy(child::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already been started");
        assertThatThrownBy(() -> child.daemon(true)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> child.jvmOptions("-Xmx64m")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(child::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("still running");

        child.kill();
        child.join();
        child.close();
        child.close();
        assertThatThrownBy(child::join).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(child::pid).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(child::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(child.exitCode()).isEqualTo(-9);
    }

    @Test
    void blankJvmOptionIsRejected() {
        ChildProcess child = Multiprocessing.process(() -> { });
        assertThatThrownBy(() -> child.jvmOptions("-Xmx64m", " ")).isInstanceOf(IllegalArgumentException.class);
    }
}
