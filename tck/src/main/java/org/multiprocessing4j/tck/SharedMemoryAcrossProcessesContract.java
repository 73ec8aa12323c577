package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.multiprocessing4j.tck.SharedMemoryContract.discard;
import static org.multiprocessing4j.tck.SharedMemoryContract.freshName;
import static org.multiprocessing4j.tck.SharedMemoryContract.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessEvent;
import org.multiprocessing4j.ProcessPool;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.SharedMemory;

/**
 * Named shared-memory blocks between this JVM, child JVMs and CPython: a block crossing in a
 * target, a queue and a pool's task, who unlinks a block when its owner exits or is killed, and
 * blocks made by one runtime and attached by the other.
 */
@Timeout(120)
public abstract class SharedMemoryAcrossProcessesContract extends ContextContract {

    @Test
    void aChildAttachesByNameReadsTheParentsBytesAndWritesBack() throws Exception {
        ProcessContext mp = context();
        SharedMemory block = mp.sharedMemory(4096);
        try {
            block.put(0, "from the parent".getBytes(StandardCharsets.UTF_8));
            String name = block.name();
            ChildProcess child = start(() -> {
                try (SharedMemory seen = mp.attachSharedMemory(name)) {
                    if (!text(seen, 0, 15).equals("from the parent")) {
                        throw new IllegalStateException("the child read " + text(seen, 0, 15));
                    }
                    seen.put(100, "from the child".getBytes(StandardCharsets.UTF_8));
                }
            });
            assertExitsCleanly(child);
            assertThat(text(block, 100, 14)).isEqualTo("from the child");
        } finally {
            discard(block);
        }
    }

    @Test
    void aBlockCapturedByATargetIsTheSameMemoryInTheChild() throws Exception {
        SharedMemory block = context().sharedMemory(64);
        try {
            block.putLong(0, 41);
            ChildProcess child = start(() -> {
                block.putLong(8, block.getLong(0) + 1);
                block.putDouble(16, Math.E);
            });
            assertExitsCleanly(child);
            assertThat(block.getLong(8)).isEqualTo(42);
            assertThat(block.buffer().getDouble(16)).isEqualTo(Math.E);
        } finally {
            discard(block);
        }
    }

    @Test
    void aBlockSentThroughAQueueIsAttachedByTheReceiverEitherWay() throws Exception {
        ProcessContext mp = context();
        ProcessQueue<SharedMemory> toChild = mp.queue();
        ProcessQueue<SharedMemory> toParent = mp.queue();
        ProcessEvent received = mp.event();
        SharedMemory mine = mp.sharedMemory(16);
        try {
            toChild.put(mine);
            ChildProcess child = start(() -> {
                try (SharedMemory parents = toChild.take()) {
                    parents.putInt(0, 7);
                }
                SharedMemory childs = mp.sharedMemory(16);
                childs.putInt(0, 8);
                toParent.put(childs);
                // the child owns its block: it stays until the parent has attached it
                received.await();
            });
            SharedMemory childs = toParent.take();
            received.set();
            assertExitsCleanly(child);
            assertThat(childs.getInt(0)).isEqualTo(8);
            childs.close();
            assertThat(mine.getInt(0)).isEqualTo(7);
        } finally {
            discard(mine);
        }
    }

    @Test
    void aBlockPassedToPoolTasksIsAttachedByEachWorker() throws Exception {
        ProcessContext mp = context();
        SharedMemory block = mp.sharedMemory(64);
        ProcessPool pool = mp.pool(2);
        try (BoundedClose closing = closing(pool)) {
            List<String> names = pool.starmap((SharedMemory view, Integer slot) -> {
                view.putInt(4L * slot, 100 + slot);
                view.close();
                return view.name();
            }, List.of(Map.entry(block, 0), Map.entry(block, 1), Map.entry(block, 2)));
            assertThat(names).containsOnly(block.name());
            assertThat(List.of(block.getInt(0), block.getInt(4), block.getInt(8))).containsExactly(100, 101, 102);
        } finally {
            discard(block);
        }
    }

    @Test
    void aChildThatAttachedABlockLeavesItWhenItExitsAsCPythonBefore313DidNot() throws Exception {
        ProcessContext mp = context();
        SharedMemory block = mp.sharedMemory(8);
        try {
            String name = block.name();
            assertExitsCleanly(start(() -> mp.attachSharedMemory(name).putByte(0, (byte) 1)));
            assertExitsCleanly(start(() -> block.putByte(1, (byte) 2)));
            try (SharedMemory again = mp.attachSharedMemory(name)) {
                assertThat(again.getByte(0)).isEqualTo((byte) 1);
                assertThat(again.getByte(1)).isEqualTo((byte) 2);
            }
        } finally {
            discard(block);
        }
    }

    @Test
    void aChildUnlinksTheBlocksItOwnsWhenItExitsAndTheViewsOfOthersKeepTheirMemory() throws Exception {
        ProcessContext mp = context();
        String name = freshName();
        ProcessEvent made = mp.event();
        ProcessEvent attached = mp.event();
        ChildProcess owner = start(() -> {
            mp.sharedMemory(name, 4096).putInt(0, 42);
            made.set();
            attached.await();
        });
        assertThat(made.await(PATIENCE)).isTrue();
        try (SharedMemory view = mp.attachSharedMemory(name)) {
            attached.set();
            assertExitsCleanly(owner);
            assertThatThrownBy(() -> mp.attachSharedMemory(name)).isInstanceOf(NoSuchFileException.class);
            assertThat(view.getInt(0)).isEqualTo(42);
        }
    }

    @Test
    void aBlockMadeToOutliveItsCreatorStaysUntilItIsUnlinked() throws Exception {
        ProcessContext mp = context();
        String name = freshName();
        assertExitsCleanly(start(() -> mp.sharedMemory(name, 4096, SharedMemory.Lifetime.UNTIL_UNLINKED)
                .putInt(0, 43)));
        SharedMemory block = mp.attachSharedMemory(name);
        try {
            assertThat(block.getInt(0)).isEqualTo(43);
        } finally {
            assertThat(block.unlink()).isTrue();
            block.close();
        }
    }

    @Test
    void theBlocksOfAKilledOwnerAreUnlinkedByTheNextProcessThatUsesTheLibrary() throws Exception {
        ProcessContext mp = context();
        String name = freshName();
        ProcessEvent made = mp.event();
        ChildProcess owner = start(() -> {
            mp.sharedMemory(name, 4096);
            made.set();
            Thread.sleep(Long.MAX_VALUE);
        });
        assertThat(made.await(PATIENCE)).isTrue();
        mp.attachSharedMemory(name).close();
        owner.kill();
        joinQuietly(owner);

        assertExitsCleanly(start(() -> mp.sharedMemory(1).unlink()));

        assertThatThrownBy(() -> mp.attachSharedMemory(name)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void cpythonAttachesABlockMadeHereReadsItsBytesAndWritesBack() throws Exception {
        assumeCPython();
        SharedMemory block = context().sharedMemory(4096);
        try {
            block.put(0, "made in Java".getBytes(StandardCharsets.UTF_8));
            Process python = python("""
                    import sys
                    from multiprocessing import resource_tracker, shared_memory
                    shm = shared_memory.SharedMemory(name=sys.argv[1])
                    # before 3.13, CPython would unlink at exit a block it merely attached
                    resource_tracker.unregister(shm._name, "shared_memory")
                    print(shm.size, bytes(shm.buf[:12]).decode())
                    shm.buf[100:115] = b"seen in CPython"
                    shm.close()
                    """, block.name());
            assertThat(untilExit(python, output(python))).containsExactly("4096 made in Java");
            assertThat(text(block, 100, 15)).isEqualTo("seen in CPython");
            try (SharedMemory again = context().attachSharedMemory(block.name())) {
                assertThat(again.size()).isEqualTo(4096);
            }
        } finally {
            discard(block);
        }
    }

    @Test
    void aBlockMadeByCPythonIsAttachedHereUnderItsMadeUpName() throws Exception {
        assumeCPython();
        Process python = python("""
                import sys
                from multiprocessing import shared_memory
                shm = shared_memory.SharedMemory(create=True, size=1000)
                shm.buf[:14] = b"made in Python"
                print(shm.name, flush=True)
                sys.stdin.readline()
                print(bytes(shm.buf[500:512]).decode())
                shm.close()
                shm.unlink()
                """);
        BufferedReader out = output(python);
        String name = out.readLine();
        assertThat(name).matches("psm_[0-9a-f]{8}");
        try (SharedMemory block = context().attachSharedMemory(name)) {
            assertThat(block.size()).isEqualTo(1000);
            assertThat(text(block, 0, 14)).isEqualTo("made in Python");
            block.put(500, "seen in Java".getBytes(StandardCharsets.UTF_8));
            try (PrintStream in = new PrintStream(python.getOutputStream(), true, StandardCharsets.UTF_8)) {
                in.println();
            }
            assertThat(untilExit(python, out)).containsExactly("seen in Java");
            assertThat(text(block, 0, 14)).as("a view outlives the unlink").isEqualTo("made in Python");
        }
        assertThatThrownBy(() -> context().attachSharedMemory(name)).isInstanceOf(NoSuchFileException.class);
    }

    static void assumeCPython() throws InterruptedException {
        assumeTrue(Files.isDirectory(Path.of("/dev/shm")), "no /dev/shm, where CPython keeps its blocks");
        boolean found;
        try {
            Process probe = new ProcessBuilder("python3", "-c", "import multiprocessing.shared_memory")
                    .redirectErrorStream(true).start();
            probe.getInputStream().transferTo(OutputStream.nullOutputStream());
            found = probe.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            found = false;
        }
        assumeTrue(found, "no python3 with multiprocessing.shared_memory (3.8 or later) on the PATH");
    }

    static Process python(String script, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    static BufferedReader output(Process python) {
        return new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The lines {@code python} prints from now until it exits, which it must do cleanly. */
    static List<String> untilExit(Process python, BufferedReader output) throws InterruptedException {
        List<String> lines = output.lines().toList();
        assertThat(python.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as("python's exit code, after printing %s", lines).isZero();
        return lines;
    }
}
