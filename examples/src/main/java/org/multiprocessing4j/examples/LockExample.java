package org.multiprocessing4j.examples;

import java.util.ArrayList;
import java.util.List;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Multiprocessing;
import org.multiprocessing4j.ProcessLock;

/**
 * Five children printing under one lock, so that their lines never mix: Python's example for
 * {@code multiprocessing.Lock}.
 *
 * <pre>{@code
 * from multiprocessing import Process, Lock
 *
 * def f(l, i):
 *     l.acquire()
 *     try:
 *         print("hello world", i)
 *     finally:
 *         l.release()
 *
 * if __name__ == "__main__":
 *     lock = Lock()
 *     for num in range(5):
 *         Process(target=f, args=(lock, num)).start()
 * }</pre>
 *
 * <p>The lock is passed to each child as an argument, as in Python; a lambda that captures it
 * would do as well. Every child gets the same lock, and a {@link ProcessLock} is a
 * {@link java.util.concurrent.locks.Lock}, used with {@code try}/{@code finally}. The children run
 * at the same time, so the numbers come out in any order.
 */
public final class LockExample {

    private LockExample() {
    }

    /**
     * The target: runs in a child JVM.
     *
     * @param l the lock shared by all children
     * @param i the child's number
     */
    static void f(ProcessLock l, int i) {
        l.lock();
        try {
            System.out.println("hello world " + i);
        } finally {
            l.unlock();
        }
    }

    /**
     * Starts the five children, then waits for all of them.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] args) throws InterruptedException {
        ProcessLock lock = Multiprocessing.lock();
        List<ChildProcess> procs = new ArrayList<>();
        for (int num = 0; num < 5; num++) {
            ChildProcess p = Multiprocessing.process(LockExample::f, lock, num);
            procs.add(p);
            p.start();
        }
        for (ChildProcess p : procs) {
            p.join();
        }
    }
}
