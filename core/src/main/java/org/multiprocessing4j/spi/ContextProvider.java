package org.multiprocessing4j.spi;

import java.util.Map;
import org.multiprocessing4j.ProcessContext;

/**
 * A backend: makes the {@link ProcessContext}s of one name. {@link ProcessContext#get(String, Map)}
 * finds providers with {@link java.util.ServiceLoader}, so a backend in a jar of its own is picked
 * up by naming it in {@code META-INF/services/org.multiprocessing4j.spi.ContextProvider} (or in a
 * {@code provides} clause of its module).
 *
 * <h2>What a backend supplies</h2>
 * Every factory of its context, and the objects they return, which implement the interfaces of
 * {@code org.multiprocessing4j} and keep the contracts written on them (the contract suite,
 * {@code multiprocessing4j-tck}, checks them across real processes). Its shared objects cross
 * processes as {@link SharedHandle}s; its pipe ends and queues are {@link Waitable}s. What has no
 * meaning on the backend throws {@link UnsupportedOperationException} saying why.
 *
 * <p>Implementations must have a public no-argument constructor and be safe for use by any
 * number of threads. Two providers of one name on a class path are an error.
 */
public interface ContextProvider {

    /**
     * The system property that names the backend whose {@link #warmUpSpare()} a spare JVM of the
     * local backend calls; a local context's {@code spareJvmOptions} can set it.
     */
    String SPARE_WARM_UP_PROPERTY = "multiprocessing4j.spareWarmUp";

    /**
     * The name programs ask for, such as {@code "local"}: lower case, without spaces.
     *
     * @return the name
     */
    String name();

    /**
     * The context with {@code options}, or with this backend's defaults for the options missing:
     * the same context for equal options (once the defaults are filled in), so that a program that
     * asks twice, and a context that crossed into another process and back, share one.
     *
     * @param options the options, by name; unmodifiable
     * @return the context
     * @throws IllegalArgumentException if an option is unknown or its value is not valid, naming it
     */
    ProcessContext context(Map<String, String> options);

    /**
     * Prepares a spare JVM of the local backend for a child of this backend, as the members of a
     * cluster backend do for the children they run there: called once, on the spare's warm-up
     * thread, in each spare launched with the system property {@value #SPARE_WARM_UP_PROPERTY}
     * set to this provider's {@linkplain #name() name}, before the spare is handed a target. It
     * should return soon, leaving longer work (a connection) to a daemon thread of its own that
     * the target can wait for. What it throws is ignored: a warm-up that fails only loses a head
     * start. Does nothing by default.
     */
    default void warmUpSpare() {
    }
}
