/**
 * Python's {@code multiprocessing} for the JVM: child processes, and the locks, queues, pipes,
 * pools and shared memory they share.
 *
 * <p>Start with {@link org.multiprocessing4j.Multiprocessing}, or with a
 * {@link org.multiprocessing4j.ProcessContext}: a backend, which runs the children and makes what
 * they share. The local backend runs every child as a JVM of its own, started from the parent's
 * {@code java.home} and class path; what a child runs is a serializable lambda or method reference
 * (see {@link org.multiprocessing4j.function}), serialized in the parent so that mistakes surface
 * there.
 *
 * <p>The types here are contracts: interfaces, in the manner of {@code java.util.concurrent}'s
 * {@code BlockingQueue} and {@code Lock}, each of which says what it guarantees across processes.
 * A backend implements them (see {@link org.multiprocessing4j.spi.ContextProvider}); the contract
 * suite, {@code multiprocessing4j-tck}, checks a backend against them across real processes.
 *
 * <h2>Cross-process guarantees</h2>
 * <ul>
 *   <li>A child never outlives its parent, whatever ends the parent.</li>
 *   <li>Everything a child's target captured is a copy: changes in the child are not seen by the
 *       parent, as with Python's {@code spawn} start method. The exceptions are the objects a
 *       context makes, the context itself included: queues ({@link org.multiprocessing4j.ProcessQueue}
 *       and its kin), pipe ends ({@link org.multiprocessing4j.PipeEnd}), locks
 *       ({@link org.multiprocessing4j.ProcessLock}, {@link org.multiprocessing4j.ProcessReentrantLock}),
 *       {@link org.multiprocessing4j.ProcessCondition}, {@link org.multiprocessing4j.ProcessSemaphore},
 *       {@link org.multiprocessing4j.ProcessEvent}, {@link org.multiprocessing4j.ProcessBarrier},
 *       named blocks of memory ({@link org.multiprocessing4j.SharedMemory}) and the lists in them
 *       ({@link org.multiprocessing4j.ShareableList}), shared values
 *       ({@link org.multiprocessing4j.SharedValue}) and arrays
 *       ({@link org.multiprocessing4j.SharedArray}): a captured one is the same object in every
 *       process. Each documents its guarantees across
 *       processes: memory consistency, fairness, and what the death of a process does to it.</li>
 *   <li>A child's exit code and the exception that ended it are known to the parent once
 *       {@link org.multiprocessing4j.ChildProcess#join()} returns.</li>
 * </ul>
 */
package org.multiprocessing4j;
