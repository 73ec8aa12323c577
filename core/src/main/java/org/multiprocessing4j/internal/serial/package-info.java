/**
 * Serialization of what crosses between processes: targets, arguments and exceptions.
 *
 * <p>Thread safety: stateless; every method may be called from any thread.
 */
package org.multiprocessing4j.internal.serial;
