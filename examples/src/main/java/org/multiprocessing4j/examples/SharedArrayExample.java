package org.multiprocessing4j.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Multiprocessing;
import org.multiprocessing4j.SharedDoubleArray;
import org.multiprocessing4j.SharedLong;

/**
 * Four children fill a shared array of a million {@code double}s, each its own slice, and the
 * parent sums it: Python's {@code multiprocessing.Array} and {@code Value}.
 *
 * <pre>{@code
 * from multiprocessing import Process, Array, Value
 *
 * N, CHILDREN = 1_000_000, 4
 *
 * def fill(xs, filled, child):
 *     start, stop = child * N // CHILDREN, (child + 1) * N // CHILDREN
 *     for i in range(start, stop):
 *         xs[i] = i * 0.5
 *     with filled.get_lock():
 *         filled.value += stop - start
 *
 * if __name__ == "__main__":
 *     xs = Array("d", N, lock=False)
 *     filled = Value("i", 0)
 *     procs = [Process(target=fill, args=(xs, filled, c)) for c in range(CHILDREN)]
 *     for p in procs:
 *         p.start()
 *     for p in procs:
 *         p.join()
 *     print(f"filled {filled.value} elements in {CHILDREN} children")
 *     print(f"sum: {sum(xs):.1f}")
 * }</pre>
 *
 * <p>The array is raw, as Python's is with {@code lock=False}: the children write slices of their
 * own, so nothing needs a lock. The counter's {@code addAndGet} is atomic by itself, where
 * Python's {@code +=} needs the value's lock. The parent sums with plain reads of the shared
 * memory itself, not a copy ({@code getPlain}): the children's joins order their writes before
 * them.
 */
public final class SharedArrayExample {

    static final int N = 1_000_000;
    static final int CHILDREN = 4;

    private SharedArrayExample() {
    }

    /**
     * The target: runs in a child JVM and fills the child's slice.
     *
     * @param xs the array shared by all children
     * @param filled how many elements the children have filled
     * @param child the child's number
     */
    static void fill(SharedDoubleArray xs, SharedLong filled, int child) {
        int start = child * N / CHILDREN;
        int stop = (child + 1) * N / CHILDREN;
        for (int i = start; i < stop; i++) {
            xs.set(i, i * 0.5);
        }
        filled.addAndGet(stop - start);
    }

    /**
     * Starts the children, waits for them, and sums what they wrote.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining
     */
    public static void main(String[] args) throws InterruptedException {
        SharedDoubleArray xs = Multiprocessing.rawSharedDoubleArray(N);
        SharedLong filled = Multiprocessing.sharedLong(0);
        List<ChildProcess> procs = new ArrayList<>();
        for (int c = 0; c < CHILDREN; c++) {
            int child = c;
            ChildProcess p = Multiprocessing.process(() -> fill(xs, filled, child));
            procs.add(p);
            p.start();
        }
        for (ChildProcess p : procs) {
            p.join();
        }
        double sum = 0;
        for (int i = 0; i < xs.length(); i++) {
            sum += xs.getPlain(i);
        }
        System.out.println("filled " + filled.get() + " elements in " + CHILDREN + " children");
        System.out.println(String.format(Locale.ROOT, "sum: %.1f", sum));
    }
}
