/**
 * Python's {@code multiprocessing} for the JVM: child processes, and (as the library grows) the
 * locks, queues, pipes, pools, shared memory and managers they share.
 *
 * <p>Start with {@link org.multiprocessing4j.Multiprocessing}. Every child is a real JVM started
 * from the parent's {@code java.home} and class path; what it runs is a serializable lambda or
 * method reference (see {@link org.multiprocessing4j.function}), serialized in the parent so that
 * mistakes surface there.
 *
 * <h2>Cross-process guarantees</h2>
 * <ul>
 *   <li>A child never outlives its parent, whatever ends the parent.</li>
 *   <li>Everything a child's target captured is a copy: changes in the child are not seen by the
 *       parent, as with Python's {@code spawn} start method. The exceptions are the
 *       synchronization primitives ({@link org.multiprocessing4j.ProcessLock},
 *       {@link org.multiprocessing4j.ProcessReentrantLock},
 *       {@link org.multiprocessing4j.ProcessCondition},
 *       {@link org.multiprocessing4j.ProcessSemaphore}, {@link org.multiprocessing4j.ProcessEvent},
 *       {@link org.multiprocessing4j.ProcessBarrier}): they live in shared memory, and a captured
 *       one is the same primitive in every process. Each documents its guarantees across
 *       processes, in the manner of {@code java.util.concurrent}: memory consistency, fairness, and
 *       what the death of a process does to it.</li>
 *   <li>A child's exit code and the exception that ended it are known to the parent once
 *       {@link org.multiprocessing4j.ChildProcess#join()} returns.</li>
 * </ul>
 */
package org.multiprocessing4j;
