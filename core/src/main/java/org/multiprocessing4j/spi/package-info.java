/**
 * What a backend or a serializer implements to plug into the library.
 *
 * <p>{@link org.multiprocessing4j.spi.Serializer} turns the values that cross between processes
 * into bytes; {@link org.multiprocessing4j.spi.Serializer#standard()} is the default and
 * {@link org.multiprocessing4j.spi.Serializer#jdk()} the plain JDK serialization.
 *
 * <p>Thread safety: implementations are safe for concurrent use; see each type.
 */
package org.multiprocessing4j.spi;
