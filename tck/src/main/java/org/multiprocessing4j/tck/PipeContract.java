package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.BrokenPipeException;
import org.multiprocessing4j.BufferTooShortException;
import org.multiprocessing4j.Connections;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.UnserializableObjectException;

/** A pipe's contract between threads of one process; {@link PipeAcrossProcessesContract} crosses processes. */
@Timeout(60)
public abstract class PipeContract extends ContextContract {

    @Test
    void aRecvEndedByAnInterruptReceivesNothingAndTheNextMessagesGoToTheNextRecvsInOrder() throws Exception {
        Pipe pipe = context().pipe();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread receiver = new Thread(() -> {
            try {
                ended.set(new AssertionError("received " + pipe.left().recv()));
            } catch (InterruptedException | IOException e) {
                ended.set(e);
            }
        });
        receiver.start();
        // time to be deep in its wait; an interrupt that came before it would end it the same way
        Thread.sleep(300);
        receiver.interrupt();
        receiver.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(ended.get()).isInstanceOf(InterruptedException.class);

        pipe.right().send("after the interrupt");
        pipe.right().send("and then");
        assertThat(pipe.left().poll(PATIENCE)).isTrue();
        assertThat(pipe.left().recv()).isEqualTo("after the interrupt");
        assertThat(pipe.left().recv()).isEqualTo("and then");
    }

    @Test
    void objectsArriveInOrderBothWaysOfADuplexPipe() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        pipe.left().send(List.of("u", 0, "hello"));
        pipe.right().send(Arrays.asList(23, null, "child"));

        assertThat(pipe.right().recv()).isEqualTo(List.of("u", 0, "hello"));
        assertThat(pipe.left().recv()).isEqualTo(Arrays.asList(23, null, "child"));
    }

    @Test
    void testDuplexFalse_aOneWayPipeReceivesOnTheLeftAndSendsOnTheRightOnly() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe(false);
        pipe.right().send("one way");

        assertThat(pipe.left().recv()).isEqualTo("one way");
        assertThat(pipe.left().isReadable()).isTrue();
        assertThat(pipe.left().isWritable()).isFalse();
        assertThat(pipe.right().isReadable()).isFalse();
        assertThat(pipe.right().isWritable()).isTrue();
        assertThatThrownBy(() -> pipe.left().send("back")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> pipe.right().recv()).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> pipe.right().poll()).isInstanceOf(IOException.class);
    }

    @Test
    void testSendbytes_aSliceOfTheArrayIsSentAsItIsAndASliceReachingOutsideItIsRefused() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        byte[] letters = "abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);
        pipe.left().sendBytes(letters);
        assertThat(pipe.right().recvBytes()).isEqualTo(letters);
        pipe.left().sendBytes(letters, 5, 21);
        assertThat(pipe.right().recvBytes()).isEqualTo(Arrays.copyOfRange(letters, 5, 26));
        pipe.left().sendBytes(letters, 7, 8);
        assertThat(pipe.right().recvBytes()).isEqualTo(Arrays.copyOfRange(letters, 7, 15));
        pipe.left().sendBytes(letters, 26, 0);
        assertThat(pipe.right().recvBytes()).isEmpty();

        for (int[] slice : new int[][] {{27, 0}, {22, 5}, {26, 1}, {-1, 1}, {4, -1}}) {
            assertThatThrownBy(() -> pipe.left().sendBytes(letters, slice[0], slice[1]))
                    .as("offset %d, length %d", slice[0], slice[1]).isInstanceOf(IndexOutOfBoundsException.class);
        }
        assertThat(pipe.right().poll()).as("anything sent by a refused slice").isFalse();
    }

    @Test
    void testContext_tryWithResourcesClosesBothEndsAndAClosedEndRefusesToReceive() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        try (PipeEnd a = pipe.left(); PipeEnd b = pipe.right()) {
            a.send(1729);
            assertThat(b.recv()).isEqualTo(1729);
            assertThat(a.isClosed()).isFalse();
            assertThat(b.isClosed()).isFalse();
        }
        assertThat(pipe.left().isClosed()).isTrue();
        assertThat(pipe.right().isClosed()).isTrue();
        assertThatThrownBy(() -> pipe.left().recv()).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> pipe.right().recv()).isInstanceOf(IOException.class);
    }

    @Test
    void testEmptyString_anEmptyMessageIsAMessageThatPollSeesAndLeavesInPlace() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        assertThat(pipe.left().poll()).isFalse();
        pipe.right().sendBytes(new byte[0]);
        assertThat(pipe.left().poll()).isTrue();
        assertThat(pipe.left().poll()).isTrue();
        assertThat(pipe.left().recvBytes()).isEmpty();
        assertThat(pipe.left().poll()).isFalse();
    }

    @Test
    void messagesSentBeforeACloseAreReceivedThenEndOfFile() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        pipe.right().send(1);
        pipe.right().send(2);
        pipe.right().close();

        assertThat(pipe.left().recv()).isEqualTo(1);
        assertThat(pipe.left().poll()).isTrue();
        assertThat(pipe.left().recv()).isEqualTo(2);
        assertThatThrownBy(() -> pipe.left().recv()).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> pipe.left().send(3)).isInstanceOf(BrokenPipeException.class)
                .hasMessageContaining("other end");
    }

    @Test
    void recvOfATypeReturnsTheMessageAsThatTypeOrNamesTheTypeThatCameAndGoesOnWithTheNext() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        pipe.right().send(41);
        pipe.right().send("not a number");
        pipe.right().send(null);
        pipe.right().send(List.of("after"));

        int n = pipe.left().recv(int.class);
        assertThat(n).isEqualTo(41);
        assertThatThrownBy(() -> pipe.left().recv(Integer.class)).isInstanceOf(ClassCastException.class)
                .hasMessageContaining("java.lang.String").hasMessageContaining("java.lang.Integer");
        assertThat(pipe.left().recv(String.class)).isNull();
        assertThat(pipe.left().recv(List.class)).isEqualTo(List.of("after"));
    }

    @Test
    void pollWaitsForItsTimeoutWhenNothingIsSentAndReturnsAtOnceWhenSomethingIs() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        assertThat(pipe.left().poll()).isFalse();
        long begin = System.nanoTime();
        assertThat(pipe.left().poll(Duration.ofMillis(100))).isFalse();
        assertThat(System.nanoTime() - begin).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));

        CompletableFuture.runAsync(() -> sendQuietly(pipe.right(), "late"));
        assertThat(pipe.left().poll(Duration.ofSeconds(30))).isTrue();
        assertThat(pipe.left().recv()).isEqualTo("late");
    }

    @Test
    void bytesAreSentFromAnOffsetAndReceivedIntoAnOffset() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        pipe.left().sendBytes(new byte[] {9, 1, 2, 3, 9}, 1, 3);
        pipe.left().sendBytes(new byte[] {4, 5, 6, 7});

        byte[] buffer = new byte[6];
        assertThat(pipe.right().recvBytesInto(buffer, 2)).isEqualTo(3);
        assertThat(buffer).containsExactly(0, 0, 1, 2, 3, 0);
        assertThatThrownBy(() -> pipe.right().recvBytesInto(buffer, 3))
                .isInstanceOfSatisfying(BufferTooShortException.class,
                        e -> assertThat(e.message()).containsExactly(4, 5, 6, 7));
    }

    @Test
    void messagesSeveralTimesLargerThanAPipeHoldsArriveIntact() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        byte[] large = new byte[5 * pipeRoom() + 13];
        new Random(7).nextBytes(large);
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 3; i++) {
                sendBytesQuietly(pipe.right(), large);
                sendBytesQuietly(pipe.right(), new byte[] {(byte) i});
            }
        });
        for (int i = 0; i < 3; i++) {
            assertThat(pipe.left().recvBytes()).isEqualTo(large);
            assertThat(pipe.left().recvBytes()).containsExactly(i);
        }
        sender.get(30, TimeUnit.SECONDS);
    }

    @Test
    void sendsDoNotWaitWhileTheMessagesNotYetReceivedTakeUpLessThanHalfAMebibyte() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        byte[] message = new byte[1024];
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 500; i++) {
                sendBytesQuietly(pipe.right(), message);
            }
        });
        sending.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        for (int i = 0; i < 500; i++) {
            assertThat(pipe.left().recvBytes()).hasSize(message.length);
        }
        assertThat(pipe.left().poll()).isFalse();
    }

    @Test
    void aSendWaitingForRoomInAFullPipeFailsWhenTheOtherEndIsClosed() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        CompletableFuture<Void> sender = CompletableFuture.runAsync(
                () -> sendBytesQuietly(pipe.right(), new byte[3 * pipeRoom()]));
        assertThat(Connections.waitAny(List.of(pipe.left()), Duration.ofSeconds(30))).isNotEmpty();
        pipe.left().close();

        assertThatThrownBy(() -> sender.get(30, TimeUnit.SECONDS)).hasRootCauseInstanceOf(BrokenPipeException.class)
                .hasStackTraceContaining("other end");
    }

    @Test
    void anUnserializableMessageFailsInSendNamingItsClassAndNothingIsSent() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe();
        assertThatThrownBy(() -> pipe.left().send(List.of(new Object())))
                .isInstanceOfSatisfying(UnserializableObjectException.class,
                        e -> assertThat(e.className()).isEqualTo("java.lang.Object"));
        assertThat(pipe.right().poll()).isFalse();
    }

    @Test
    void anEndInAMessageThatIsNotSentHoldsNothingAndTheEndOfDataStillComes() throws Exception {
        ProcessContext mp = context();
        Pipe pipe = mp.pipe(false);
        ProcessQueue<Object> queue = mp.queue();
        ProcessQueue<Object> full = mp.queue(1);
        full.put("room taken");
        Pipe other = mp.pipe();
        // more failed sends than a pipe end has holders: each gives back what it took
        for (int i = 0; i < 200; i++) {
            List<Object> unsendable = Arrays.asList(pipe.right(), new Object());
            assertThatThrownBy(() -> queue.put(unsendable)).isInstanceOf(UnserializableObjectException.class);
            assertThatThrownBy(() -> other.left().send(unsendable)).isInstanceOf(UnserializableObjectException.class);
            assertThat(full.offer(List.of(pipe.right()), Duration.ofMillis(1))).isFalse();
        }
        pipe.right().close();

        assertThat(pipe.left().poll(PATIENCE)).as("the end of data").isTrue();
        assertThatThrownBy(() -> pipe.left().recv()).isInstanceOf(EOFException.class);
    }

    private static void sendQuietly(PipeEnd end, Object message) {
        try {
            end.send(message);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sendBytesQuietly(PipeEnd end, byte[] message) {
        try {
            end.sendBytes(message);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
