package org.multiprocessing4j.examples;

import java.util.ArrayList;
import java.util.List;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Multiprocessing;

/**
 * One child process per number, each printing whether its number is odd or even: the first
 * example of Python's {@code multiprocessing} documentation.
 *
 * <pre>{@code
 * from multiprocessing import Process
 *
 * def f(x):
 *     print(x, "is", "odd" if x % 2 else "even")
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
        System.out.println(x + " is " + (x % 2 == 0 ? "even" : "odd"));
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
