package org.multiprocessing4j.hazelcast.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the cluster objects' calls treat interrupts and members that leave, without a cluster. */
class ClusterCallsTest {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void aCallThatDoesNotWaitIsMadeWithoutTheCallersInterruptWhichStaysSet() {
        Thread.currentThread().interrupt();
        boolean seenInterrupted = ClusterCalls.regardless(() -> Thread.currentThread().isInterrupted());
        assertThat(seenInterrupted).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void aCallWhoseMemberLeftIsMadeAgainUntilItIsAnswered() {
        AtomicInteger attempts = new AtomicInteger();
        String answer = ClusterCalls.regardless(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new TargetDisconnectedException("the member left");
            }
            return "answered";
        });
        assertThat(answer).isEqualTo("answered");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void anyOtherFailureOfACallIsThrownAsItCameAndTheCallIsNotMadeAgain() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> ClusterCalls.regardless(() -> {
            attempts.incrementAndGet();
            throw new HazelcastException("refused");
        })).isInstanceOf(HazelcastException.class).hasMessage("refused");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aWaitThatFindsItsThreadInterruptedThrowsInterruptedExceptionAndClearsTheStatus() {
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> ClusterCalls.blocking(() -> "never made")).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void anUninterruptibleWaitRunsToItsEndAndReportsTheInterruptsItSaw() {
        AtomicInteger attempts = new AtomicInteger();
        boolean interrupted = ClusterCalls.uninterruptibly(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new InterruptedException();
            }
            return null;
        });
        assertThat(interrupted).isTrue();
        assertThat(attempts).hasValue(2);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    /** As a Hazelcast client's future does: a wait on it that sees an interrupt fails it. */
    private static final class FailedByInterrupts<T> extends CompletableFuture<T> {
        @Override
        public T get() throws InterruptedException, ExecutionException {
            if (Thread.currentThread().isInterrupted()) {
                completeExceptionally(new InterruptedException());
            }
            return super.get();
        }
    }

    @Test
    void aWaitOnADetachedAnswerThatAnInterruptEndsLeavesTheAnswerToTheNextWait() throws Exception {
        CompletableFuture<String> answer = new FailedByInterrupts<>();
        CompletableFuture<String> detached = ClusterCalls.detached(answer);
        Thread.currentThread().interrupt();
        assertThatThrownBy(detached::get).isInstanceOf(InterruptedException.class);

        answer.complete("answered");
        assertThat(detached.get()).isEqualTo("answered");
        assertThat(answer.isCompletedExceptionally()).isFalse();
    }

    @Test
    void aDetachedAnswerThatFailsIsJoinedAsTheFailureItself() {
        CompletableFuture<String> answer = new CompletableFuture<>();
        answer.completeExceptionally(new HazelcastException("refused"));
        assertThatThrownBy(() -> ClusterCalls.joined(ClusterCalls.detached(answer)))
                .isInstanceOf(HazelcastException.class).hasMessage("refused");
    }

    @Test
    void anAnsweredCallIsMadeAgainWhileItsMemberLeavesAndKeepsTheCallersInterrupt() {
        AtomicInteger attempts = new AtomicInteger();
        Thread.currentThread().interrupt();
        String answer = ClusterCalls.answered(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new TargetDisconnectedException("the member left");
            }
            return "answered";
        });
        assertThat(answer).isEqualTo("answered");
        assertThat(attempts).hasValue(3);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }
}
