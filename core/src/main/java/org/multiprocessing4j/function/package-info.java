/**
 * Serializable twins of the functional interfaces of {@code java.util.function} and
 * {@code java.util.concurrent}: the types of everything that runs in another process.
 *
 * <p>A lambda or method reference typed with one of these interfaces is serialized in the process
 * that creates the work, so a target that captures something that cannot be serialized fails
 * there, before any process is started, with the offending class named. Each method may throw any
 * exception (except {@link org.multiprocessing4j.function.SerializableUncheckedRunnable}'s, which
 * is a {@link java.lang.Runnable}); it is carried back to the caller with its stack trace.
 */
package org.multiprocessing4j.function;
