/**
 * The only place that branches on the operating system: paths, devices, process facts.
 *
 * <p>Thread safety: stateless.
 */
package org.multiprocessing4j.internal.platform;
