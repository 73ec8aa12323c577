package org.multiprocessing4j.internal.shm;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Binding native code with JNA on a thread of its own. The first thread to need a native call is
 * often one that is about to be interrupted (a {@code put} on a full queue, say), and loading JNA in
 * it lost such an interrupt now and then (one JVM in twenty, when it came during the load): the
 * JDK's class and native library loading cleared it. The interrupt is kept for the caller instead,
 * whose wait then notices it.
 */
final class NativeLoading {

    private NativeLoading() {
    }

    /**
     * Runs {@code load} on a new daemon thread and waits for it without giving up on an interrupt.
     *
     * @param what what is loaded, for the thread's name
     * @param load binds the native code and returns what calls it, or {@code null} where it cannot
     * @param <T> what calls the native code
     * @return what {@code load} returned, or {@code null} if it threw
     */
    static <T> T aside(String what, Callable<T> load) {
        FutureTask<T> task = new FutureTask<>(load);
        Thread loader = new Thread(task, "multiprocessing4j " + what + " load");
        loader.setDaemon(true);
        loader.start();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return null;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
