package org.multiprocessing4j.internal.manager;

import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.ProcessEvent;

/**
 * The server's {@link ProcessEvent}, on a monitor.
 *
 * <p>Implementation note: each {@code set} that finds the flag clear starts a new generation. A
 * waiter returns once the flag is set or the generation it began in has ended, so a waiter that
 * wakes only after a {@code set} and a {@code clear} is released all the same, as the interface
 * requires.
 */
final class ServedEvent implements ProcessEvent {

    private final Object monitor = new Object();
    private boolean set; // guarded by monitor
    private long generation; // guarded by monitor

    @Override
    public void set() {
        synchronized (monitor) {
            if (!set) {
                set = true;
                generation++;
                monitor.notifyAll();
            }
        }
    }

    @Override
    public void clear() {
        synchronized (monitor) {
            set = false;
        }
    }

    @Override
    public boolean isSet() {
        synchronized (monitor) {
            return set;
        }
    }

    @Override
    public void await() throws InterruptedException {
        synchronized (monitor) {
            long began = generation;
            while (!set && generation == began) {
                monitor.wait();
            }
        }
    }

    @Override
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = Math.max(0, unit.toNanos(timeout));
        long start = System.nanoTime();
        synchronized (monitor) {
            long began = generation;
            while (!set && generation == began) {
                long remaining = nanos - (System.nanoTime() - start);
                if (remaining <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, remaining);
            }
            return true;
        }
    }

    @Override
    public String toString() {
        return "ProcessEvent[" + (isSet() ? "set" : "clear") + "]";
    }
}
