package org.multiprocessing4j.examples;

import java.util.ArrayList;
import java.util.List;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Multiprocessing;

/**
 * One child process per number, each printing its number modulo 2 (1, 0, 1, 1, 0): the
 * {@code Process} example of Python's {@code multiprocessing}.
 *
 * <pre>{@code
 * from multiprocessing import Process
 *
 * def f(x):
 *     print(x % 2)
 *
 * if __name__ == "__main__":
 *     procs = [Process(target=f, args=(x,)) for x in (1, 10, 15, 23, 46)]
 *     for p in procs:
 *         p.start()
 *     for p in procs:
 *         p.join()
 * }</pre>
 *
 * <p>The children run at the same time, so the lines may come out in any order, as in Python.
 */
public final class ProcessExample {

    private ProcessExample() {
    }

    /**
     * The target: runs in a child JVM.
     *
     * @param x the number
     */
    static void f(int x) {
        System.out.println(x % 2);
    }

    /**
     * Starts the five children, then waits for all of them.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] args) throws InterruptedException {
        List<ChildProcess> procs = new ArrayList<>();
        for (int x : List.of(1, 10, 15, 23, 46)) {
            ChildProcess p = Multiprocessing.process(ProcessExample::f, x);
            procs.add(p);
            p.start();
        }
        for (ChildProcess p : procs) {
            p.join();
        }
    }
}
