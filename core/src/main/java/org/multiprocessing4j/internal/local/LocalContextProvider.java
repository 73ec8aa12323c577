package org.multiprocessing4j.internal.local;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.spi.ContextProvider;

/** The local backend, named {@value #NAME}: one {@link LocalContext} per set of options in each JVM. */
public final class LocalContextProvider implements ContextProvider {

    /** The local backend's name. */
    public static final String NAME = "local";

    /** Shared by every instance: the service loader makes one of its own. */
    private static final Map<LocalOptions, LocalContext> CONTEXTS = new ConcurrentHashMap<>();

    /** The instance the context bootstrap uses without a service look-up. */
    public static final LocalContextProvider INSTANCE = new LocalContextProvider();

    /** For {@link java.util.ServiceLoader}; otherwise {@link #INSTANCE}. */
    public LocalContextProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProcessContext context(Map<String, String> options) {
        return context(LocalOptions.of(options));
    }

    static LocalContext context(LocalOptions options) {
        LocalContext context = CONTEXTS.get(options);
        return context != null ? context : createIfAbsent(options);
    }

    // not computeIfAbsent with a method reference: every child whose target has a context comes
    // here, and its JVM's first lambda costs milliseconds
    private static synchronized LocalContext createIfAbsent(LocalOptions options) {
        LocalContext context = CONTEXTS.get(options);
        if (context == null) {
            context = new LocalContext(options);
            CONTEXTS.put(options, context);
        }
        return context;
    }
}
