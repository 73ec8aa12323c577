package org.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.internal.launch.LocalRuntime;

/** A primitive's cell goes to another primitive once no running process uses it, and only then. */
@Timeout(300)
class CellLifetimeIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ProcessContext mp = ProcessContext.local();

    @Test
    void aHundredThousandPrimitivesAndValuesMadeAndDroppedReuseTheirCells() throws Exception {
        Path session = LocalRuntime.instance().sessionPath();
        for (int i = 0; i < 100_000; i++) {
            ProcessLock lock = mp.lock();
            lock.lock();
            lock.unlock();
            mp.event().set();
            mp.semaphore(1).release();
            mp.rawSharedLong(i).incrementAndGet();
            mp.rawSharedDouble(i).addAndGet(0.5);
        }
        // 500 000 cells without reuse: 489 segments; with reuse, some 16 (a collection each time they run out)
        assertThat(cellSegments(session)).isLessThan(40);
    }

    @Test
    void aLockHeldByAChildIsNotReusedWhenItsCreatorDropsIt() throws Exception {
        ProcessEvent locked = mp.event();
        ProcessEvent check = mp.event();
        ProcessQueue<Boolean> stillHeld = mp.queue();
        ChildProcess child = lockInChild(locked, check, stillHeld);
        assertThat(locked.await(PATIENCE)).isTrue();

        List<ProcessLock> others = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(100);
            // enough new locks to take any cell that was freed
            for (int i = 0; i < 2_000; i++) {
                others.add(mp.lock());
            }
        }
        check.set();

        assertThat(stillHeld.poll(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        child.join(PATIENCE);
        assertThat(child.exitCode()).isZero();
        assertThat(others).allMatch(lock -> !lock.isLocked());
    }

    /** Starts a child that takes a lock nobody here keeps a reference to. */
    private ChildProcess lockInChild(ProcessEvent locked, ProcessEvent check, ProcessQueue<Boolean> stillHeld) {
        ProcessLock lock = mp.lock();
        ChildProcess child = mp.process(() -> {
            lock.lock();
            locked.set();
            check.await();
            stillHeld.put(lock.isHeldByCurrentThread());
            lock.unlock();
        });
        child.start();
        return child;
    }

    @Test
    void aLookAtQueuedPrimitivesLeavesThemToTheirTaker() throws Exception {
        ProcessQueue<Object> queue = mp.queue();
        putALockAndAQueueNothingHereKeeps(queue);
        for (int i = 0; i < 3; i++) {
            assertThat(queue.peek()).isInstanceOf(ProcessLock.class);
            assertThat(queue.toString()).contains("Lock");
        }
        // the looks' copies collected, and enough new locks to take any cell that was freed
        List<ProcessLock> others = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(100);
            for (int i = 0; i < 2_000; i++) {
                others.add(mp.lock());
            }
        }

        ChildProcess taker = mp.process(() -> {
            ProcessLock lock = (ProcessLock) queue.take();
            @SuppressWarnings("unchecked")
            ProcessQueue<String> inner = (ProcessQueue<String>) queue.take();
            lock.lock();
            lock.unlock();
            inner.put("still there");
            if (!"still there".equals(inner.take())) {
                throw new AssertionError("the inner queue lost its element");
            }
        });
        taker.start();
        taker.join(PATIENCE);
        assertThat(taker.exitCode()).as("%s", taker.exception()).isZero();
        assertThat(others).hasSize(6_000);
    }

    private void putALockAndAQueueNothingHereKeeps(ProcessQueue<Object> queue) throws InterruptedException {
        queue.put(mp.lock());
        queue.put(mp.queue());
    }

    @Test
    void aHandleWhosePrimitiveIsGoneFailsToBindInsteadOfBindingTheNextOne() throws Exception {
        byte[] handle = serialize(mp.event());
        // bound once, then dropped: nothing is in flight, nobody uses the cell
        assertThat(deserialize(handle)).isInstanceOf(ProcessEvent.class);

        await().atMost(PATIENCE).untilAsserted(() -> {
            System.gc();
            List<ProcessEvent> fresh = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                fresh.add(mp.event());
            }
            assertThatThrownBy(() -> deserialize(handle)).hasStackTraceContaining("is gone");
        });
    }

    @Test
    void theSegmentsOfArraysAndStringsNoProcessUsesAreRemovedOnceCollected() throws Exception {
        Path session = LocalRuntime.instance().sessionPath();
        long before = files(session, "array-");
        SharedDoubleArray kept = mp.sharedDoubleArray(1000);
        for (int i = 0; i < 1_000; i++) {
            mp.sharedIntArray(100).set(0, i);
            mp.sharedString(16, "s" + i);
        }

        await().atMost(PATIENCE).until(() -> {
            System.gc();
            return files(session, "array-") == before + 1;
        });
        kept.set(999, 1.5);
        assertThat(kept.get(999)).isEqualTo(1.5);
    }

    private static byte[] serialize(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    private static long cellSegments(Path session) throws IOException {
        return files(session, "cells-");
    }

    private static long files(Path session, String prefix) throws IOException {
        try (Stream<Path> entries = Files.list(session)) {
            return entries.filter(entry -> entry.getFileName().toString().startsWith(prefix)).count();
        }
    }
}
