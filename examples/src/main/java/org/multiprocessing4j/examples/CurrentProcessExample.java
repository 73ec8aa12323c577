package org.multiprocessing4j.examples;

import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Multiprocessing;
import org.multiprocessing4j.ProcessIdentity;

/**
 * Which process is this? Python's example that prints the process's name, its id and its parent's,
 * in the main process and in children.
 *
 * <pre>{@code
 * def info(title):
 *     print(title)
 *     print("  process name:", current_process().name)
 *     print("  process id:", os.getpid())
 *     print("  parent process:", parent_process())
 *
 * def f(name):
 *     info("function f")
 *     print("  hello", name)
 *
 * if __name__ == "__main__":
 *     info("main line")
 *     p = Process(target=f, args=("bob",))
 *     p.start()
 *     p.join()
 *     p = Process(target=f, args=("alice",), name="worker")
 *     p.start()
 *     p.join()
 * }</pre>
 *
 * <p>The program's first JVM is {@code MainProcess}; its N-th child is {@code Process-N} unless
 * given another name. Run on its own, this example's children are {@code Process-1} and
 * {@code worker}; run by {@link AllExamples}, the count goes on from the earlier examples' children,
 * as it would in one Python program.
 */
public final class CurrentProcessExample {

    private CurrentProcessExample() {
    }

    /**
     * Prints who runs this code.
     *
     * @param title the first line
     */
    static void info(String title) {
        ProcessIdentity me = Multiprocessing.currentProcess();
        System.out.println(title);
        System.out.println("  process name:   " + me.name());
        System.out.println("  process id:     " + me.pid());
        System.out.println("  parent process: " + Multiprocessing.parentProcess()
                .map(parent -> parent.name() + " (pid " + parent.pid() + ")")
                .orElse("none"));
    }

    /**
     * The target: runs in a child JVM.
     *
     * @param name whom to greet
     */
    static void f(String name) {
        info("function f");
        System.out.println("  hello " + name);
    }

    /**
     * Prints the main process's identity, then runs two children one after the other.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] args) throws InterruptedException {
        info("main line");

        ChildProcess p = Multiprocessing.process(CurrentProcessExample::f, "bob");
        p.start();
        p.join();

        ChildProcess worker = Multiprocessing.process(CurrentProcessExample::f, "alice").name("worker");
        worker.start();
        worker.join();
    }
}
