/**
 * The engines of the synchronization primitives shared by processes (lock, condition,
 * semaphore, event, barrier): one class per primitive holding its algorithm, and one
 * {@code *Layout} class per primitive drawing its cell.
 *
 * <p>Thread and process safety: every engine may be used by any thread of any process that maps
 * its cell; each method states what it guarantees across processes. The state of a primitive is
 * entirely in its cell; the Java objects hold nothing but a way to reach it, so any number of them,
 * in any processes, name the same primitive.
 */
package org.multiprocessing4j.internal.sync;
