package org.multiprocessing4j.hazelcast.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.spi.ContextProvider;

/** The cluster backend, named {@value #NAME}: one {@link ClusterContext} per set of options in each JVM. */
public final class HazelcastContextProvider implements ContextProvider {

    /** The cluster backend's name. */
    public static final String NAME = "hazelcast";

    private static final Map<ClusterOptions, ClusterContext> CONTEXTS = new ConcurrentHashMap<>();

    /** For {@link java.util.ServiceLoader}. */
    public HazelcastContextProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProcessContext context(Map<String, String> options) {
        return context(ClusterOptions.of(options));
    }

    /** Connects a member's spare JVM to its member ahead of the child it will run. */
    @Override
    public void warmUpSpare() {
        SpareConnection.start();
    }

    static ClusterContext context(ClusterOptions options) {
        return CONTEXTS.computeIfAbsent(options, ClusterContext::new);
    }
}
