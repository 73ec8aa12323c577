package org.multiprocessing4j.examples;

import java.util.List;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Multiprocessing;
import org.multiprocessing4j.ProcessQueue;

/**
 * A child puts a list on a queue and the parent takes it: Python's example for
 * {@code multiprocessing.Queue}.
 *
 * <pre>{@code
 * from multiprocessing import Process, Queue
 *
 * def f(q):
 *     q.put(['u', 0, 'hello'])
 *
 * if __name__ == '__main__':
 *     q = Queue()
 *     p = Process(target=f, args=(q,))
 *     p.start()
 *     print(q.get())    # prints "['u', 0, 'hello']"
 *     p.join()
 * }</pre>
 *
 * <p>A {@link ProcessQueue} is a {@link java.util.concurrent.BlockingQueue}: Python's {@code get}
 * is {@code take}. The child's {@code put} returns once the list is in shared memory, so joining the
 * child after it cannot deadlock, whatever the order.
 */
public final class QueueExample {

    private QueueExample() {
    }

    /**
     * The target: runs in a child JVM.
     *
     * @param q the queue shared with the parent
     * @throws InterruptedException if interrupted while putting
     */
    static void f(ProcessQueue<List<Object>> q) throws InterruptedException {
        q.put(List.of("u", 0, "hello"));
    }

    /**
     * Starts the child, prints what it put, joins it.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while taking or joining
     */
    public static void main(String[] args) throws InterruptedException {
        ProcessQueue<List<Object>> q = Multiprocessing.queue();
        ChildProcess p = Multiprocessing.process(QueueExample::f, q);
        p.start();
        System.out.println(q.take());
        p.join();
    }
}
