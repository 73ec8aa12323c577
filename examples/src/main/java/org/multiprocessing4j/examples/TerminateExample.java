package org.multiprocessing4j.examples;

import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Multiprocessing;

/**
 * Stopping a child that would run for a minute: Python's example for {@code Process.terminate()}.
 *
 * <pre>{@code
 * p = multiprocessing.Process(target=time.sleep, args=(60,))
 * print(p.is_alive())                      # False
 * p.start()
 * print(p.is_alive())                      # True
 * p.terminate()
 * p.join()
 * print(p.is_alive(), p.exitcode)          # False -15
 * }</pre>
 *
 * <p>{@link ChildProcess#terminate()} sends {@code SIGTERM}; the child's JVM runs its shutdown
 * hooks and ends, and its exit code is minus the signal number, as in Python. Only a process can
 * be stopped this reliably: a thread cannot.
 */
public final class TerminateExample {

    private TerminateExample() {
    }

    /**
     * Starts the sleeper, terminates it and shows its state at each step.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] args) throws InterruptedException {
        ChildProcess p = Multiprocessing.process(() -> Thread.sleep(60_000));
        show("before start", p);
        p.start();
        show("after start", p);
        p.terminate();
        p.join();
        show("after terminate and join", p);
        System.out.println("terminated by SIGTERM: " + (p.exitCode() == -15));
    }

    private static void show(String when, ChildProcess p) {
        System.out.println(when + ": " + p.name() + " alive=" + p.isAlive() + ", exit code=" + p.exitCode());
    }
}
