package org.multiprocessing4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Multiprocessing;
import org.multiprocessing4j.SharedMemory;

/**
 * A child attaches a named block of shared memory and writes to it, and the parent reads what it
 * wrote: Python's {@code multiprocessing.shared_memory.SharedMemory}.
 *
 * <pre>{@code
 * from multiprocessing import Process
 * from multiprocessing.shared_memory import SharedMemory
 *
 * def f(name):
 *     shm = SharedMemory(name)
 *     shm.buf[:5] = b"hello"
 *     shm.close()
 *
 * if __name__ == "__main__":
 *     shm = SharedMemory(create=True, size=1024)
 *     p = Process(target=f, args=(shm.name,))
 *     p.start()
 *     p.join()
 *     print(bytes(shm.buf[:5]))   # prints "b'hello'"
 *     shm.close()
 *     shm.unlink()
 * }</pre>
 *
 * <p>The block is {@code /dev/shm/<name>}, which CPython's {@code SharedMemory(name)} attaches as
 * well. The parent owns it: had it not unlinked it, the block would be unlinked as the parent
 * exits.
 */
public final class SharedMemoryExample {

    private SharedMemoryExample() {
    }

    /**
     * The target: runs in a child JVM.
     *
     * @param name the block's name
     * @throws Exception if the block cannot be attached
     */
    static void f(String name) throws Exception {
        try (SharedMemory shm = Multiprocessing.attachSharedMemory(name)) {
            shm.put(0, "hello".getBytes(UTF_8));
        }
    }

    /**
     * Creates the block, lets the child write to it, prints what it wrote.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] args) throws InterruptedException {
        SharedMemory shm = Multiprocessing.sharedMemory(1024);
        ChildProcess p = Multiprocessing.process(SharedMemoryExample::f, shm.name());
        p.start();
        p.join();
        byte[] bytes = new byte[5];
        shm.get(0, bytes);
        System.out.println(new String(bytes, UTF_8));
        shm.close();
        shm.unlink();
    }
}
