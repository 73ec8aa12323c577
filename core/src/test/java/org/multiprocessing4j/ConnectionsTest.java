package org.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.spi.Waitable;
import org.multiprocessing4j.spi.Waiter;

/** Waiting on objects of two backends at once: each one's waiter, the others looked at in between. */
@Timeout(60)
class ConnectionsTest {

    @Test
    void objectsOfTwoBackendsAreWaitedOnTogether() throws Exception {
        ProcessQueue<String> local = ProcessContext.local().queue();
        Flag other = new Flag();
        assertThat(Connections.waitAny(List.of(local, other), Duration.ofMillis(50))).isEmpty();

        CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(other::raise);
        assertThat(Connections.waitAny(List.of(local, other), Duration.ofSeconds(30))).containsExactly(other);

        Flag idle = new Flag();
        CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(() -> local.offer("late"));
        assertThat(Connections.waitAny(List.of(idle, local), Duration.ofSeconds(30))).containsExactly(local);
    }

    /** A waitable of a backend of its own: a flag, with a waiter that sleeps on a monitor. */
    private static final class Flag implements Waitable {

        private static final Waiter WAITER = new Waiter() {
            @Override
            public synchronized boolean await(List<? extends Waitable> objects, BooleanSupplier ready,
                    long timeoutNanos) throws InterruptedException {
                long deadline = System.nanoTime() + Math.min(timeoutNanos, TimeUnit.DAYS.toNanos(1));
                while (!ready.getAsBoolean()) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, remaining);
                }
                return true;
            }

            @Override
            public synchronized void wakeUp() {
                notifyAll();
            }
        };

        private volatile boolean raised;

        void raise() {
            raised = true;
            WAITER.wakeUp();
        }

        @Override
        public boolean isReady() {
            return raised;
        }

        @Override
        public Waiter waiter() {
            return WAITER;
        }
    }
}
