/**
 * What a backend or a serializer implements to plug into the library.
 *
 * <ul>
 *   <li>{@link org.multiprocessing4j.spi.ContextProvider}: a backend, found by name with
 *       {@link java.util.ServiceLoader}, which makes {@link org.multiprocessing4j.ProcessContext}s;</li>
 *   <li>{@link org.multiprocessing4j.spi.SharedHandle}: what a backend's shared objects become when
 *       they cross into another process, and how they are bound there;</li>
 *   <li>{@link org.multiprocessing4j.spi.Waitable} and {@link org.multiprocessing4j.spi.Waiter}:
 *       what {@link org.multiprocessing4j.Connections#waitAny} needs of a backend's pipe ends and
 *       queues;</li>
 *   <li>{@link org.multiprocessing4j.spi.Serializer}: how the values that cross between processes
 *       become bytes; {@link org.multiprocessing4j.spi.Serializer#standard()} is the default and
 *       {@link org.multiprocessing4j.spi.Serializer#jdk()} the plain JDK serialization.</li>
 * </ul>
 *
 * <p>Thread safety: implementations are safe for concurrent use; see each type.
 */
package org.multiprocessing4j.spi;
