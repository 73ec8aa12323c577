package org.multiprocessing4j;

import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.multiprocessing4j.internal.local.LocalContextProvider;
import org.multiprocessing4j.spi.ContextProvider;

/**
 * The context bootstrap: finds the backend of a name, and the default context. The local backend
 * is known without a look-up (a child that uses it never reads the service files of its class
 * path); the others are found once with {@link ServiceLoader}.
 */
final class Backends {

    /** The system property that names the default context's backend. */
    static final String CONTEXT_PROPERTY = "multiprocessing4j.context";

    private static Map<String, ContextProvider> found;

    private Backends() {
    }

    static ContextProvider provider(String name) {
        Objects.requireNonNull(name, "name");
        if (name.equals(LocalContextProvider.NAME)) {
            return LocalContextProvider.INSTANCE;
        }
        Map<String, ContextProvider> providers = found();
        ContextProvider provider = providers.get(name);
        if (provider == null) {
            throw new IllegalArgumentException("no process context named '" + name + "' on the class path; known: "
                    + providers.keySet());
        }
        return provider;
    }

    /**
     * The context named by the system property {@value #CONTEXT_PROPERTY}, local when it is unset,
     * with the options of the properties {@value #CONTEXT_PROPERTY}{@code .<option>}.
     */
    static ProcessContext byProperty() {
        String prefix = CONTEXT_PROPERTY + ".";
        Map<String, String> options = new TreeMap<>();
        for (String property : System.getProperties().stringPropertyNames()) {
            if (property.startsWith(prefix)) {
                options.put(property.substring(prefix.length()), System.getProperty(property));
            }
        }
        return ProcessContext.get(System.getProperty(CONTEXT_PROPERTY, LocalContextProvider.NAME).trim(), options);
    }

    private static synchronized Map<String, ContextProvider> found() {
        Map<String, ContextProvider> providers = found;
        if (providers == null) {
            providers = new TreeMap<>();
            try {
                for (ContextProvider provider : ServiceLoader.load(ContextProvider.class)) {
                    ContextProvider other = providers.putIfAbsent(provider.name(), provider);
                    if (other != null && other.getClass() != provider.getClass()) {
                        throw new IllegalStateException("two process context providers are named '" + provider.name()
                                + "': " + other.getClass().getName() + " and " + provider.getClass().getName());
                    }
                }
            } catch (ServiceConfigurationError e) {
                throw new IllegalStateException("a process context provider on the class path is broken: "
                        + e.getMessage(), e);
            }
            providers.putIfAbsent(LocalContextProvider.NAME, LocalContextProvider.INSTANCE);
            found = providers;
        }
        return providers;
    }
}
