package org.multiprocessing4j.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessPool;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.UnserializableObjectException;

/** What this process holds of pipes comes back to where it was once the pipes, children and pools are done. */
@Timeout(120)
class RingHoldersIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ProcessContext mp = ProcessContext.local();

    @Test
    void pipesMadeSentTakenAndClosedLeaveNoHoldBehind() throws Exception {
        ProcessQueue<Object> queue = mp.queue();
        int before = RingHolders.holdsInThisProcess();
        for (int i = 0; i < 100; i++) {
            Pipe pipe = mp.pipe();
            queue.put(pipe.right());
            assertThatThrownBy(() -> queue.put(Arrays.asList(pipe.left(), new Object())))
                    .isInstanceOf(UnserializableObjectException.class);
            try (PipeEnd taken = (PipeEnd) queue.take()) {
                taken.send(i);
            }
            assertThat(pipe.left().recv()).isEqualTo(i);
            pipe.right().close();
            pipe.left().close();
        }

        assertThat(RingHolders.holdsInThisProcess()).isEqualTo(before);
    }

    @Test
    void aChildThatGotAnEndAndExitedLeavesNoHoldHereOnceOurEndsAreClosed() throws Exception {
        int before = RingHolders.holdsInThisProcess();
        Pipe pipe = mp.pipe();
        PipeEnd right = pipe.right();
        ChildProcess child = mp.process(() -> right.send("from the child"));
        child.start();
        right.close();
        assertThat(pipe.left().recv()).isEqualTo("from the child");
        child.join(PATIENCE);
        assertThat(child.exitCode()).isZero();
        child.close();
        pipe.left().close();

        assertThat(RingHolders.holdsInThisProcess()).isEqualTo(before);
    }

    @Test
    void aPoolThatHasTerminatedLeavesNoHoldBehind() throws Exception {
        int before = RingHolders.holdsInThisProcess();
        runAPoolToItsEnd(before);

        // what the pool's own objects held goes once they are collected; other tests' may go too
        await().atMost(PATIENCE).until(() -> {
            System.gc();
            return RingHolders.holdsInThisProcess() <= before;
        });
    }

    private void runAPoolToItsEnd(int before) throws InterruptedException {
        ProcessPool pool = mp.pool(2);
        List<Integer> inputs = IntStream.range(0, 100).boxed().toList();
        assertThat(pool.map(n -> n + 1, inputs, 3)).hasSize(100);
        assertThat(RingHolders.holdsInThisProcess()).isGreaterThan(before);
        pool.shutdown();
        assertThat(pool.awaitTermination(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }
}
