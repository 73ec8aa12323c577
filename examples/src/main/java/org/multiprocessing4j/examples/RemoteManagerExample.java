package org.multiprocessing4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Manager;
import org.multiprocessing4j.ManagerOptions;
import org.multiprocessing4j.Multiprocessing;

/**
 * A manager serves a task list of the program's own on a socket with a key, and a second JVM
 * connects to it, takes the tasks and hands in the results: Python's {@code BaseManager} with
 * {@code register}, {@code address}, {@code authkey} and {@code connect()}.
 *
 * <pre>{@code
 * from multiprocessing import Process
 * from multiprocessing.managers import BaseManager
 *
 * class TaskList:
 *     def __init__(self):
 *         self.tasks, self.results = [], []
 *     def add(self, task):
 *         self.tasks.append(task)
 *     def take(self):
 *         return self.tasks.pop(0) if self.tasks else None
 *     def done(self, result):
 *         self.results.append(result)
 *     def get_results(self):
 *         return list(self.results)
 *
 * tasks = TaskList()    # the server's one task list
 *
 * def get_tasks():
 *     return tasks
 *
 * class TaskManager(BaseManager):
 *     pass
 *
 * TaskManager.register("tasks", callable=get_tasks)
 *
 * def worker(address):
 *     m = TaskManager(address=address, authkey=b"secret password")
 *     m.connect()
 *     t = m.tasks()
 *     while (task := t.take()) is not None:
 *         t.done(f"{task} -> {task[::-1]}")
 *
 * if __name__ == "__main__":
 *     with TaskManager(address=("127.0.0.1", 0), authkey=b"secret password") as m:
 *         t = m.tasks()
 *         for task in ("stressed", "drawer", "live"):
 *             t.add(task)
 *         p = Process(target=worker, args=(m.address,))
 *         p.start()
 *         p.join()
 *         print("done in the second JVM:", t.get_results())
 * }</pre>
 *
 * <p>The factory returns the server's one task list, as Python's {@code get_tasks} does, so every
 * {@code create} from any process is a proxy of the same object; it runs in the server, where the
 * calls run too. Port 0 lets the system choose a free port, which {@link Manager#address()} tells.
 * The worker is started by the library only to have a second JVM at hand: it reaches the manager
 * through the socket and the key alone.
 */
public final class RemoteManagerExample {

    private static final byte[] KEY = "secret password".getBytes(UTF_8);

    private RemoteManagerExample() {
    }

    /** Tasks to do and the results handed in: the type the manager serves. */
    public interface TaskList {
        /** @param task a task to do */
        void add(String task);

        /** @return the next task, or {@code null} when there is none left */
        String take();

        /** @param result what a task gave */
        void done(String result);

        /** @return the results so far, in the order they were handed in */
        List<String> results();
    }

    /** The task list in the server: its connections call it from threads of their own. */
    static final class ServedTaskList implements TaskList {
        static final ServedTaskList ONE = new ServedTaskList();
        private final ArrayDeque<String> tasks = new ArrayDeque<>();
        private final List<String> results = new ArrayList<>();

        static TaskList one() {
            return ONE;
        }

        @Override
        public synchronized void add(String task) {
            tasks.add(task);
        }

        @Override
        public synchronized String take() {
            return tasks.poll();
        }

        @Override
        public synchronized void done(String result) {
            results.add(result);
        }

        @Override
        public synchronized List<String> results() {
            return List.copyOf(results);
        }
    }

    /**
     * The target: runs in a second JVM and does every task.
     *
     * @param address where the manager listens
     * @throws Exception if connecting fails
     */
    static void worker(SocketAddress address) throws Exception {
        // What a program on another machine would do, given the manager's address and key: it
        // connects over the socket, not through anything inherited from the parent.
        try (Manager manager = Manager.connect(address, KEY)) {
            TaskList tasks = manager.create(TaskList.class);
            for (String task = tasks.take(); task != null; task = tasks.take()) {
                tasks.done(task + " -> " + new StringBuilder(task).reverse());
            }
        }
    }

    /**
     * Starts the manager on loopback, adds the tasks, starts the second JVM, waits for it and
     * prints what it did.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] args) throws InterruptedException {
        ManagerOptions options = new ManagerOptions()
                .listen()                                    // 127.0.0.1, a free port
                .authKey(KEY)
                .register(TaskList.class, ServedTaskList::one);
        try (Manager manager = Multiprocessing.manager(options)) {
            TaskList tasks = manager.create(TaskList.class);
            for (String task : List.of("stressed", "drawer", "live")) {
                tasks.add(task);
            }
            ChildProcess p = Multiprocessing.process(RemoteManagerExample::worker, manager.address().orElseThrow());
            p.start();
            p.join();
            System.out.println("done in the second JVM: " + tasks.results());
        }
    }
}
