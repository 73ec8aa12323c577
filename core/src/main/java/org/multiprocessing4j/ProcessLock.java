package org.multiprocessing4j;

/**
 * A lock shared by processes: Python's {@code multiprocessing.Lock}, as a
 * {@link java.util.concurrent.locks.Lock}. Not reentrant; see {@link ProcessReentrantLock} for one
 * that is.
 *
 * <pre>{@code
 * ProcessLock lock = Multiprocessing.lock();
 * for (int i = 0; i < 5; i++) {
 *     int n = i;
 *     Multiprocessing.process(() -> {
 *         lock.lock();
 *         try {
 *             System.out.println("hello world " + n);
 *         } finally {
 *             lock.unlock();
 *         }
 *     }).start();
 * }
 * }</pre>
 *
 * <p>Its guarantees across processes, including what happens when its holder dies, are those of
 * {@link RobustLock}. A thread that already holds it and calls {@link #lock()} again gets an
 * {@link IllegalMonitorStateException} instead of waiting for ever; {@link #tryLock()} returns
 * {@code false} then.
 *
 * @see ProcessContext#lock()
 */
public interface ProcessLock extends RobustLock {
}
