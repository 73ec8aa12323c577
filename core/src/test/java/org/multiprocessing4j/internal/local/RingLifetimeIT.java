package org.multiprocessing4j.internal.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessEvent;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.internal.channel.RingHolders;
import org.multiprocessing4j.internal.launch.LocalRuntime;

/** A ring's file goes when no running process holds the pipe end or queue, and mappings stay bounded. */
@Timeout(300)
class RingLifetimeIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ProcessContext mp = ProcessContext.local();

    @Test
    void aPipesFilesGoWhenBothItsEndsAreClosed() throws Exception {
        Pipe pipe = mp.pipe();
        Path toLeft = file(pipe.left());
        Path toRight = file(pipe.right());
        assertThat(toLeft).isRegularFile();
        assertThat(toRight).isRegularFile();

        pipe.left().close();
        assertThat(toLeft).as("the right end still writes to it").isRegularFile();
        pipe.right().close();

        assertThat(toLeft).doesNotExist();
        assertThat(toRight).doesNotExist();
    }

    @Test
    void aRingHeldByAChildThatExitedGoesWhenTheLastRunningHolderClosesIt() throws Exception {
        Pipe pipe = mp.pipe(false);
        PipeEnd right = pipe.right();
        ProcessEvent sent = mp.event();
        ProcessEvent release = mp.event();
        ChildProcess child = mp.process(() -> {
            right.send("hello");
            sent.set();
            // exits holding its end: a dead holder is counted out
            release.await();
        });
        child.start();
        right.close();
        Path ring = file(pipe.left());
        assertThat(sent.await(PATIENCE)).isTrue();
        assertThat(ring).as("the child holds the writing end").isRegularFile();
        release.set();
        child.join(PATIENCE);
        assertThat(child.exitCode()).isZero();
        assertThat(pipe.left().recv()).isEqualTo("hello");

        pipe.left().close();

        assertThat(ring).doesNotExist();
    }

    @Test
    void aQueueNoProcessReferencesAnyMoreIsRemovedOnceCollected() throws Exception {
        Path file = file(mp.queue());

        await().atMost(PATIENCE).until(() -> {
            System.gc();
            return !Files.exists(file);
        });
    }

    @Test
    void aQueueSentToAChildStaysUntilBothHaveDroppedIt() throws Exception {
        ProcessQueue<String> queue = mp.queue();
        Path file = file(queue);
        ChildProcess child = mp.process(() -> queue.put("from the child"));
        child.start();
        child.join(PATIENCE);
        assertThat(queue.take()).isEqualTo("from the child");
        assertThat(file).isRegularFile();
    }

    @Test
    void aQueueGivenUpHereWhileAChildHeldItGoesOnceTheChildIsKilledWithoutGivingItUp() throws Exception {
        ProcessEvent holding = mp.event();
        QueueHolder holder = childHoldingAQueue(holding);
        assertThat(holding.await(PATIENCE)).isTrue();
        await().atMost(PATIENCE).until(() -> {
            System.gc();
            return !RingHolders.isHeldHere(holder.file().toString());
        });
        assertThat(holder.file()).as("the child holds it").isRegularFile();

        holder.child().kill();
        holder.child().join(PATIENCE);

        // a later ring makes this process look again, at most every second
        await().atMost(PATIENCE).until(() -> {
            mp.pipe().left().close();
            return !Files.exists(holder.file());
        });
    }

    private record QueueHolder(ChildProcess child, Path file) {
    }

    /** A child that holds a queue this process keeps no reference to. */
    private QueueHolder childHoldingAQueue(ProcessEvent holding) {
        ProcessQueue<String> queue = mp.queue();
        ChildProcess child = mp.process(() -> {
            queue.put("held");
            holding.set();
            Thread.sleep(600_000);
        });
        child.start();
        return new QueueHolder(child, file(queue));
    }

    @Test
    void aHundredThousandPipesAndQueuesMadeAndDroppedKeepMappingsAndFilesBounded() throws Exception {
        Path session = LocalRuntime.instance().sessionPath();
        int mostMapped = 0;
        long mostFiles = 0;
        for (int i = 0; i < 100_000; i++) {
            Pipe pipe = mp.pipe();
            pipe.right().send(i);
            pipe.left().recv();
            pipe.left().close();
            pipe.right().close();
            // not closed: only collected
            mp.queue().offer(i);
            if (i % 5_000 == 0) {
                mostMapped = Math.max(mostMapped, mappedSegments(session));
                mostFiles = Math.max(mostFiles, files(session));
            }
        }
        // with nothing unmapped or removed, 300 000 mappings (past the kernel's 65 530) and files
        assertThat(mostMapped).as("well below the kernel's limit").isLessThan(40_000);
        assertThat(mostFiles).as("closed pipes leave no files; dropped queues go once collected").isLessThan(40_000);
        await().atMost(PATIENCE).until(() -> {
            System.gc();
            return files(session) < 50;
        });
    }

    private static Path file(Object pipeEndOrQueue) {
        return Path.of(((RingBacked) pipeEndOrQueue).readRing().handle().segment());
    }

    /** The mappings of this process's own rings, as the kernel lists them. */
    private static int mappedSegments(Path session) throws IOException {
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            return (int) maps.filter(line -> line.contains(session.resolve("ring-").toString())).count();
        }
    }

    private static long files(Path session) throws IOException {
        try (Stream<Path> entries = Files.list(session)) {
            return entries.filter(entry -> entry.getFileName().toString().startsWith("ring-")).count();
        }
    }
}
