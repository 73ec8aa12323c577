package org.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.EOFException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.function.SerializableRunnable;

/**
 * Pipes between this JVM and child JVMs: order, end of file, a dead peer on either side, a 100 MB
 * message.
 */
@Timeout(120)
class PipeAcrossProcessesIT {

    @Test
    void aChildSendsAListAndClosesAndTheParentReceivesItThenEndOfFile() throws Exception {
        Pipe pipe = Multiprocessing.pipe();
        PipeEnd child = pipe.right();
        ChildProcess p = start(() -> {
            child.send(Arrays.asList(23, null, "child"));
            child.close();
        });

        assertThat((Object) pipe.left().recv()).isEqualTo(Arrays.asList(23, null, "child"));
        assertThatThrownBy(() -> pipe.left().recv()).isInstanceOf(EOFException.class);
        join(p);
    }

    @Test
    void recvAfterThePeerProcessIsKilledReturnsWhatItSentThenEndOfFile() throws Exception {
        Pipe pipe = Multiprocessing.pipe();
        PipeEnd child = pipe.right();
        ProcessEvent sent = Multiprocessing.event();
        ChildProcess p = start(() -> {
            child.send("first");
            child.send("second");
            sent.set();
            Thread.sleep(Long.MAX_VALUE);
        });
        assertThat(sent.await(Duration.ofSeconds(60))).isTrue();
        p.kill();
        assertThat(p.join(Duration.ofSeconds(30))).isTrue();

        assertThat((Object) pipe.left().recv()).isEqualTo("first");
        assertThat((Object) pipe.left().recv()).isEqualTo("second");
        assertThatThrownBy(() -> pipe.left().recv()).isInstanceOf(EOFException.class);
    }

    @Test
    void aBlockedRecvEndsWithEndOfFileWhenThePeerProcessExitsWithoutClosing() throws Exception {
        Pipe pipe = Multiprocessing.pipe();
        PipeEnd child = pipe.right();
        ChildProcess p = start(() -> child.send("only"));

        assertThat((Object) pipe.left().recv()).isEqualTo("only");
        assertThatThrownBy(() -> pipe.left().recv()).isInstanceOf(EOFException.class);
        join(p);
    }

    @Test
    void aSendBlockedOnAFullPipeFailsWithBrokenPipeWhenTheReadingChildIsKilled() throws Exception {
        Pipe pipe = Multiprocessing.pipe(false);
        ChildProcess reader = startHolding(pipe.left());
        // three times the ring: the sender fills it, then waits for room that never comes
        CompletableFuture<Void> sender = NewThreads.supply(() -> {
            try {
                pipe.right().sendBytes(new byte[3 << 20]);
                return null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // the first chunk is in: the sender got past its look at the reader and is in the message
        await().atMost(Duration.ofSeconds(60)).until(() -> pipe.left().poll());

        reader.kill();

        assertThatThrownBy(() -> sender.get(5, TimeUnit.SECONDS)).hasRootCauseInstanceOf(BrokenPipeException.class)
                .hasStackTraceContaining("has exited");
        assertThatThrownBy(() -> pipe.right().send("more")).isInstanceOf(BrokenPipeException.class);
    }

    @Test
    void aSendToAPipeWhoseReadingChildExitedWithoutClosingItFailsWithBrokenPipe() throws Exception {
        Pipe pipe = Multiprocessing.pipe(false);
        ChildProcess reader = startHolding(pipe.left());
        reader.terminate();
        assertThat(reader.join(Duration.ofSeconds(60))).isTrue();

        assertThatThrownBy(() -> pipe.right().send("nobody reads this")).isInstanceOf(BrokenPipeException.class)
                .hasMessageContaining("has exited");
    }

    /** A child that holds {@code end} (receiving it makes the child its holder) until stopped. */
    private static ChildProcess startHolding(PipeEnd end) throws InterruptedException {
        ProcessEvent holding = Multiprocessing.event();
        ChildProcess child = start(() -> {
            if (end.isReadable()) {
                holding.set();
            }
            Thread.sleep(Long.MAX_VALUE);
        });
        assertThat(holding.await(Duration.ofSeconds(60))).as("the child holds the end").isTrue();
        return child;
    }

    @Test
    void aHundredMegabyteMessageRoundTripsThroughAChildIntact() throws Exception {
        Pipe pipe = Multiprocessing.pipe();
        PipeEnd child = pipe.right();
        ChildProcess echo = start(() -> child.sendBytes(child.recvBytes()));
        byte[] message = new byte[100 * 1024 * 1024];
        new Random(42).nextBytes(message);

        pipe.left().sendBytes(message);
        byte[] back = pipe.left().recvBytes();

        assertThat(back.length).isEqualTo(message.length);
        assertThat(Arrays.equals(back, message)).as("the echoed bytes equal the sent ones").isTrue();
        join(echo);
    }

    @Test
    void aThousandRoundTripsBetweenParentAndChildKeepTheirOrder() throws Exception {
        Pipe pipe = Multiprocessing.pipe();
        PipeEnd child = pipe.right();
        ChildProcess p = start(() -> {
            for (int i = 0; i < 1000; i++) {
                int n = child.recv();
                child.send(n + 1);
            }
        });
        for (int i = 0; i < 1000; i++) {
            pipe.left().send(i);
            assertThat((Object) pipe.left().recv()).isEqualTo(i + 1);
        }
        join(p);
    }

    @Test
    void waitAnyReportsAChildThatExitedAndAPipeEndItWroteTo() throws Exception {
        Pipe pipe = Multiprocessing.pipe();
        PipeEnd child = pipe.right();
        ProcessQueue<String> idle = Multiprocessing.queue();
        ChildProcess writer = start(() -> child.send("from the child"));
        ChildProcess sleeper = start(() -> Thread.sleep(60_000));

        assertThat(writer.join(Duration.ofSeconds(60))).isTrue();
        assertThat(Connections.waitAny(List.of(idle, sleeper, pipe.left(), writer), Duration.ofSeconds(30)))
                .containsExactly(pipe.left(), writer);
        sleeper.kill();
        assertThat(Connections.waitAny(List.of(idle, sleeper), Duration.ofSeconds(30))).containsExactly(sleeper);
    }

    private static ChildProcess start(SerializableRunnable target) {
        ChildProcess child = Multiprocessing.process(target);
        child.start();
        return child;
    }

    private static void join(ChildProcess child) throws InterruptedException {
        assertThat(child.join(Duration.ofSeconds(60))).as("%s finished", child).isTrue();
        assertThat(child.exitCode()).as("%s: %s", child, child.exception()).isZero();
    }
}
