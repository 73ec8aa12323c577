/**
 * The local backend: its {@link org.multiprocessing4j.ProcessContext}
 * ({@link org.multiprocessing4j.internal.local.LocalContext}, named {@code local} by
 * {@link org.multiprocessing4j.internal.local.LocalContextProvider}) and its implementations of the
 * public interfaces, each a thin class over an engine of {@code internal.channel} or
 * {@code internal.sync}, or, for shared values and arrays, over cells and segments of
 * {@code internal.shm}, with the handle it crosses processes as, assembled with the child JVMs of
 * {@code internal.launch}.
 *
 * <p>Thread safety: every class here may be used from any thread; what each guarantees across
 * processes is the contract of the interface it implements.
 */
package org.multiprocessing4j.internal.local;
