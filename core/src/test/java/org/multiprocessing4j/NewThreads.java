package org.multiprocessing4j;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs each task on a thread of its own. Tests that block several tasks at once cannot use
 * {@link CompletableFuture#supplyAsync(Supplier)}'s default pool: on a two-core machine it has a
 * single thread from Java 21 on, and the second task would wait for the first.
 */
final class NewThreads {

    private NewThreads() {
    }

    static <T> CompletableFuture<T> supply(Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, runnable -> new Thread(runnable).start());
    }
}
