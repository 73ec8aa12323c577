package org.multiprocessing4j.examples;

import java.util.Arrays;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Multiprocessing;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.PipeEnd;

/**
 * A child sends a list through a pipe and closes its end: Python's example for
 * {@code multiprocessing.Pipe}.
 *
 * <pre>{@code
 * from multiprocessing import Process, Pipe
 *
 * def f(conn):
 *     conn.send([23, None, 'child'])
 *     conn.close()
 *
 * if __name__ == '__main__':
 *     parent_conn, child_conn = Pipe()
 *     p = Process(target=f, args=(child_conn,))
 *     p.start()
 *     print(parent_conn.recv())   # prints "[23, None, 'child']"
 *     p.join()
 * }</pre>
 *
 * <p>{@code Arrays.asList} because the list holds a {@code null}, which {@code List.of} refuses.
 * The end passed to the child is a copy, as in Python: once the child has closed its copy and the
 * parent its own (or their processes have exited), the parent's {@code recv} returns what was
 * sent, then throws {@link java.io.EOFException}.
 */
public final class PipeExample {

    private PipeExample() {
    }

    /**
     * The target: runs in a child JVM.
     *
     * @param conn the child's end of the pipe
     * @throws Exception if sending fails
     */
    static void f(PipeEnd conn) throws Exception {
        conn.send(Arrays.asList(23, null, "child"));
        conn.close();
    }

    /**
     * Starts the child, prints what it sent, joins it.
     *
     * @param args ignored
     * @throws Exception if receiving fails or the thread is interrupted
     */
    public static void main(String[] args) throws Exception {
        Pipe pipe = Multiprocessing.pipe();
        ChildProcess p = Multiprocessing.process(PipeExample::f, pipe.right());
        p.start();
        System.out.println(pipe.left().recv());
        p.join();
    }
}
