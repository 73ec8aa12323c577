package org.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.internal.launch.LocalRuntime;

/**
 * What the local backend does beyond the contract suite: its start methods, its session, locks
 * without futex, its locks' names.
 */
@Timeout(120)
class LocalBackendIT {

    @TempDir
    Path dir;

    @Test
    void childReadsAnEmptyStandardInputWhicheverWayItStarts() throws Exception {
        for (StartMethod method : StartMethod.values()) {
            ChildProcess child = ProcessContext.local(method)
                    .process(() -> System.exit(System.in.read() == -1 ? 0 : 5));
            child.start();
            child.join();
            assertThat(child.exitCode()).as("%s start", method).isZero();
        }
    }

    @Test
    void terminatingAChildLeavesThisProcesssSessionAndBlocksAloneWhicheverWayItStarts() throws Exception {
        SharedMemory block = ProcessContext.local().sharedMemory(4096);
        Path session = LocalRuntime.instance().sessionPath();
        for (StartMethod method : StartMethod.values()) {
            ProcessEvent running = ProcessContext.local().event();
            ChildProcess child = ProcessContext.local(method).process(() -> {
                running.set();
                Thread.sleep(600_000);
            });
            child.start();
            running.await();
            // the child's watch of its parent is under way by now
            Thread.sleep(100);
            child.terminate();
            child.join();

            assertThat(child.exitCode()).as("%s start", method).isEqualTo(-15);
            assertThat(session).as("this process's session, after a %s child's terminate", method).isDirectory();
            assertThat(Path.of("/dev/shm", block.name())).as("a block of this process").exists();
        }
        block.close();
    }

    @Test
    void aFailedColdChildsReportIsReadAndRemovedFromTheSession() throws Exception {
        ChildProcess child = ProcessContext.local(StartMethod.COLD).process(() -> {
            throw new IllegalStateException("reported through the session");
        }).redirectError(ProcessBuilder.Redirect.DISCARD);
        child.start();
        child.join();

        assertThat(child.exception().orElseThrow()).hasMessage("reported through the session");
        try (Stream<Path> session = Files.list(LocalRuntime.instance().sessionPath())) {
            assertThat(session).as("the child's report, once read")
                    .noneMatch(file -> file.toString().contains("failure"));
        }
    }

    @Test
    void fourProcessesWhoseWaitersNapWithoutFutexLoseNoUpdateUnderALock() throws Exception {
        ProcessLock lock = ProcessContext.local().lock();
        ProcessBarrier start = ProcessContext.local().barrier(4);
        String counter = dir.resolve("counter").toString();
        Files.write(Path.of(counter), new byte[Integer.BYTES]);
        List<ChildProcess> children = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            ChildProcess child = ProcessContext.local().process(() -> {
                try (FileChannel file = FileChannel.open(Path.of(counter), StandardOpenOption.READ,
                        StandardOpenOption.WRITE)) {
                    ByteBuffer value = ByteBuffer.allocate(Integer.BYTES);
                    start.await();
                    for (int i = 0; i < 10_000; i++) {
                        lock.lock();
                        try {
                            // a read and a write: without the lock, updates of other processes are lost
                            file.read(value.clear(), 0);
                            file.write(value.putInt(0, value.getInt(0) + 1).rewind(), 0);
                        } finally {
                            lock.unlock();
                        }
                    }
                }
            }).jvmOptions("-Dmultiprocessing4j.futex=false");
            children.add(child);
            child.start();
        }
        for (ChildProcess child : children) {
            child.join();
            assertThat(child.exitCode()).as("%s", child.exception()).isZero();
        }
        assertThat(ByteBuffer.wrap(Files.readAllBytes(Path.of(counter))).getInt()).isEqualTo(40_000);
    }

    @Test
    void aChildThatNeverReadsItsTargetGivesBackThePipeEndsItWasSent() throws Exception {
        Pipe pipe = ProcessContext.local().pipe(false);
        PipeEnd writing = pipe.right();
        ChildProcess child = ProcessContext.local().process(() -> writing.send("never sent"))
                .jvmOptions("-XX:+NoSuchOptionInAnyJvm")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        child.start();
        writing.close();
        child.join();

        assertThat(child.exitCode()).as("the JVM refused its options").isNotZero();
        assertThat(pipe.left().poll(Duration.ofSeconds(30))).as("the end of data").isTrue();
        assertThatThrownBy(() -> pipe.left().recv()).isInstanceOf(EOFException.class);
    }

    @Test
    void aLockNamesThePidOfTheProcessHoldingIt() throws Exception {
        ProcessLock lock = ProcessContext.local().lock();
        assertThat(lock).hasToString("ProcessLock[unlocked]");
        ChildProcess holder = ProcessContext.local().process(lock::lock);
        holder.start();
        holder.join();
        assertThat(lock.toString()).isEqualTo("ProcessLock[locked by pid " + holder.pid() + "]");
        ProcessReentrantLock reentrant = ProcessContext.local().reentrantLock();
        reentrant.lock();
        assertThat(reentrant).hasToString("ProcessReentrantLock[locked by pid " + ProcessHandle.current().pid() + "]");
        reentrant.unlock();
    }
}
