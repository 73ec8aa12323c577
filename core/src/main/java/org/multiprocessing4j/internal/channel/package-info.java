/**
 * Messages of any size through rings of bytes in shared memory: the engine of the local backend's
 * pipes and queues. {@link org.multiprocessing4j.internal.channel.MessageRing} is one ring, with
 * {@link org.multiprocessing4j.internal.channel.RingWriter} and
 * {@link org.multiprocessing4j.internal.channel.RingReader} for its two sides,
 * {@link org.multiprocessing4j.internal.channel.RingHolders} for which processes hold each end of a
 * pipe's ring, and
 * {@link org.multiprocessing4j.internal.channel.RingLayout} drawing its control cells.
 *
 * <p>Thread and process safety: a ring may be written and read by any number of threads of any
 * number of processes that map it; its writer and reader locks are taken over from a process that
 * died holding them, and a message is never torn: a reader gets it whole, or it is dropped with the
 * process that was writing or reading it.
 */
package org.multiprocessing4j.internal.channel;
