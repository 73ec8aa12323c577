package org.multiprocessing4j;

/**
 * How a child JVM comes to run its target: Python's start methods, for a runtime that cannot fork.
 * An option of the local context ({@code startMethod}, see {@link ProcessContext}).
 *
 * @see ProcessContext#local(StartMethod)
 * @see Multiprocessing#setStartMethod(StartMethod)
 */
public enum StartMethod {

    /**
     * Every child is a new JVM launched by {@link ChildProcess#start()}: Python's {@code spawn}.
     * Start to join of a no-op target takes about as long as a JVM start (40 to 50 ms).
     */
    COLD,

    /**
     * A child whose JVM options are the context's {@code spareJvmOptions} (none by default) takes an
     * idle JVM launched ahead, and a replacement is launched in the background: the role of Python's
     * {@code forkserver}. Start to join of a no-op target then takes about a millisecond. A child
     * with other JVM options, or its own environment, working directory or output redirects, or
     * started while no spare is ready, starts cold. A warm child is the same as a cold one to its target
     * (name, pid, parent, daemon flag, exit code) except that its JVM started earlier.
     */
    WARM
}
