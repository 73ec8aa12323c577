package org.multiprocessing4j.internal.manager;

import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * A thread standing for one client connection's server thread: it runs one task, and the test
 * joins it, with a time limit, for the task's result.
 *
 * @param <T> the task's result
 */
final class ConnectionThread<T> {

    private static final long JOIN_SECONDS = 10;

    private final FutureTask<T> task;
    private final Thread thread;

    private ConnectionThread(Callable<T> task) {
        this.task = new FutureTask<>(task);
        this.thread = new Thread(this.task, "connection");
        this.thread.setDaemon(true);
    }

    static <T> ConnectionThread<T> start(Callable<T> task) {
        ConnectionThread<T> started = new ConnectionThread<>(task);
        started.thread.start();
        return started;
    }

    /**
     * Runs {@code task} on {@code count} threads that start it together, and joins them all; what
     * one threw, as it threw it.
     */
    static void runOnEach(int count, Callable<?> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<ConnectionThread<?>> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            threads.add(start(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        for (ConnectionThread<?> thread : threads) {
            thread.result();
        }
    }

    /** The task's result, once the thread ends; what it threw, as it threw it. */
    T result() throws Exception {
        try {
            return task.get(JOIN_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Waits until the thread waits, parked or in {@link Object#wait()}, as it does inside a
     * blocking call; a thread blocked entering a monitor does not count, as it has not begun the
     * call's wait yet.
     */
    ConnectionThread<T> awaitWaiting() {
        await().until(() -> {
            Thread.State state = thread.getState();
            return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
        });
        return this;
    }

    void interrupt() {
        thread.interrupt();
    }
}
