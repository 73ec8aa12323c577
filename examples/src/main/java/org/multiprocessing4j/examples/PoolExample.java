package org.multiprocessing4j.examples;

import java.util.List;
import org.multiprocessing4j.Multiprocessing;
import org.multiprocessing4j.ProcessPool;

/**
 * Three worker processes square three numbers: Python's example for {@code multiprocessing.Pool}.
 *
 * <pre>{@code
 * from multiprocessing import Pool
 *
 * def f(x):
 *     return x*x
 *
 * if __name__ == '__main__':
 *     with Pool(3) as p:
 *         print(p.map(f, [5, 10, 20]))   # prints "[25, 100, 400]"
 * }</pre>
 *
 * <p>The lambda is serializable because {@code map} asks for a
 * {@link org.multiprocessing4j.function.SerializableFunction}; it runs in the workers, and the
 * results come back in the order of the inputs. Leaving the block waits for the work and stops the
 * workers.
 */
public final class PoolExample {

    private PoolExample() {
    }

    /**
     * Starts the pool, prints the squares, closes the pool.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (ProcessPool pool = Multiprocessing.pool(3)) {
            System.out.println(pool.map(n -> n * n, List.of(5, 10, 20)));
        }
    }
}
