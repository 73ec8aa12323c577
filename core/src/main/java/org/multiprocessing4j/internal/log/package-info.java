/**
 * The library's loggers, and {@code Multiprocessing.logToStderr()}.
 *
 * <p>Thread safety: safe.
 */
package org.multiprocessing4j.internal.log;
