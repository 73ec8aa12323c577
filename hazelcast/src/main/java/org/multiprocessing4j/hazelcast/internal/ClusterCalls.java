package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.spi.exception.RetryableException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How the cluster objects call the cluster so that interrupts mean what they mean in
 * {@code java.util.concurrent}. A Hazelcast call fails, wrapped, if its thread is interrupted
 * before or while it waits for its answer; on a client the interrupt also fails the call's future,
 * so the answer is dropped although the member carried the call out. So a call that may wait
 * turns that into {@link InterruptedException}, and a call that does not wait (a {@code poll()},
 * an {@code unlock()}) is made as if there were no interrupt, which stays set for the caller: its
 * call is made on a thread of the library's ({@link #regardless}), or its answer is waited for
 * through a future that no interrupt fails ({@link #detached}). No call that waits on a member is
 * made so that an interrupt could drop its answer: an interrupted take would stay parked there,
 * and take the next element for nobody. A queue's waits are made of calls that do not wait and
 * sleeps in this JVM ({@link QueueWatch}); a pipe's receive waits on a take whose answer is kept
 * for the next receiver ({@link ParkedTakes}).
 */
final class ClusterCalls {

    /** How long a call is made again while the member it went to leaves and another takes over. */
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** Where {@link #regardless} makes its calls: threads that come and go with the calls. */
    private static final ExecutorService CALLS = Executors.newCachedThreadPool(CallThread::new);

    /** A thread of {@link #CALLS}, which nobody interrupts. */
    private static final class CallThread extends Thread {
        CallThread(Runnable call) {
            super(call, "multiprocessing4j-cluster-call");
            setDaemon(true);
        }
    }

    private ClusterCalls() {
    }

    /** A call that may wait, interrupted as {@code java.util.concurrent}'s are. */
    interface Blocking<T> {
        T call() throws InterruptedException;
    }

    /**
     * Runs {@code call}, throwing {@link InterruptedException} (flag cleared) if the thread is
     * interrupted before or while it waits: Hazelcast reports the latter wrapped.
     */
    static <T> T blocking(Blocking<T> call) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        try {
            return retried(call);
        } catch (HazelcastException e) {
            if (e.getCause() instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                Thread.interrupted();
                InterruptedException interrupted = new InterruptedException("interrupted while waiting on the cluster");
                interrupted.initCause(e);
                throw interrupted;
            }
            throw e;
        }
    }

    /**
     * Runs {@code call} to its end however often the thread is interrupted meanwhile, as an
     * uninterruptible wait does.
     *
     * @return whether the thread was interrupted meanwhile; its interrupt status is clear
     */
    static boolean uninterruptibly(Blocking<?> call) {
        boolean interrupted = false;
        while (true) {
            try {
                blocking(call);
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    /**
     * Makes {@code call}, which does not wait, whatever the thread's interrupt status. It is made
     * on a thread of the library's that nobody interrupts, and waited for without regard to
     * interrupts: an interrupt that came while it was under way would make Hazelcast drop its
     * answer although the member carried it out (a {@code poll} would lose its element, a lock's
     * take would be made twice if made again). The thread's interrupt status stays as it was.
     */
    static <T> T regardless(Supplier<T> call) {
        if (Thread.currentThread() instanceof CallThread) {
            return made(call::get);
        }
        try {
            return started(call::get).join();
        } catch (CompletionException e) {
            throw unwrapped(e.getCause());
        }
    }

    /**
     * Makes {@code call}, which waits for its answer without regard to interrupts, again if the
     * member it went to left meanwhile. The thread's interrupt status stays as it was.
     */
    static <T> T answered(Blocking<T> call) {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    return retried(call);
                } catch (InterruptedException e) {
                    // only the pause between two tries waits interruptibly
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A future of {@code answer}, completed on the thread that receives it. Waiting on it may be
     * interrupted without harm, where an interrupt seen by a wait on a client's own future fails
     * the call and drops its answer.
     */
    static <T> CompletableFuture<T> detached(CompletionStage<T> answer) {
        CompletableFuture<T> detached = new CompletableFuture<>();
        answer.whenCompleteAsync((value, failure) -> {
            if (failure != null) {
                detached.completeExceptionally(failure);
            } else {
                detached.complete(value);
            }
        }, Runnable::run);
        return detached;
    }

    /** Waits for {@code answer} without regard to interrupts, throwing its failure as it is. */
    static <T> T joined(CompletableFuture<T> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            throw unwrapped(e.getCause());
        }
    }

    /** What to throw for {@code failure}, the cause of a failed future: itself if unchecked, an error thrown as it is. */
    static RuntimeException unwrapped(Throwable failure) {
        if (failure instanceof RuntimeException unchecked) {
            return unchecked;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(failure);
    }

    /** Whether a call that failed with {@code failure} may be made again, on the member that takes over. */
    static boolean retryable(Throwable failure) {
        return failure instanceof RetryableException || failure instanceof TargetDisconnectedException;
    }

    /**
     * Starts {@code call}, which may wait, on a thread of the library's that nobody interrupts, so
     * that its answer arrives however the threads that wait for it are interrupted.
     */
    static <T> CompletableFuture<T> started(Blocking<T> call) {
        return CompletableFuture.supplyAsync(() -> made(call), CALLS);
    }

    private static <T> T made(Blocking<T> call) {
        try {
            return retried(call);
        } catch (InterruptedException e) {
            throw new IllegalStateException("a thread of the library's cluster calls was interrupted", e);
        }
    }

    /**
     * Makes {@code call}, again if the member it went to left the cluster meanwhile: its
     * partitions' backups on the other members take over, so the call can be made again there. A
     * call whose answer was lost with its member may have been carried out; for a queue's
     * {@code poll}, the element it took is then lost with that member, as it would be with a
     * process that crashed with it in hand.
     */
    private static <T> T retried(Blocking<T> call) throws InterruptedException {
        long deadline = System.nanoTime() + RETRY_NANOS;
        while (true) {
            try {
                return call.call();
            } catch (RuntimeException e) {
                if (!retryable(e) || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }
}
