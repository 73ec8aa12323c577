package org.multiprocessing4j.internal.local;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.multiprocessing4j.StartMethod;

/**
 * The options of a local context, as {@link org.multiprocessing4j.ProcessContext#get} takes them
 * (see there): read from strings, checked, with the defaults filled in from system properties.
 *
 * @param startMethod how children start
 * @param spares how many idle JVMs a warm context keeps
 * @param spareJvmOptions the spares' extra JVM options
 */
record LocalOptions(StartMethod startMethod, int spares, List<String> spareJvmOptions) {

    static final String START_METHOD = "startMethod";
    static final String SPARES = "spares";
    static final String SPARE_JVM_OPTIONS = "spareJvmOptions";
    private static final Set<String> KNOWN = Set.of(START_METHOD, SPARES, SPARE_JVM_OPTIONS);

    private static final String START_METHOD_PROPERTY = "multiprocessing4j.startMethod";
    private static final String SPARES_PROPERTY = "multiprocessing4j.spares";

    LocalOptions {
        spareJvmOptions = List.copyOf(spareJvmOptions);
    }

    /**
     * The options named in {@code given}, the others at their defaults.
     *
     * @throws IllegalArgumentException for an unknown option or a bad value
     */
    static LocalOptions of(Map<String, String> given) {
        for (String name : given.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("the local context has no option '" + name + "'; its options are "
                        + START_METHOD + ", " + SPARES + " and " + SPARE_JVM_OPTIONS);
            }
        }
        String method = given.getOrDefault(START_METHOD, System.getProperty(START_METHOD_PROPERTY, "warm"));
        String spares = given.getOrDefault(SPARES, System.getProperty(SPARES_PROPERTY, "1"));
        String options = given.getOrDefault(SPARE_JVM_OPTIONS, "").trim();
        return new LocalOptions(startMethod(method), spares(spares),
                options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+")));
    }

    private static StartMethod startMethod(String value) {
        // not StartMethod.valueOf, which finds the constants reflectively: every child may run this
        for (StartMethod method : StartMethod.values()) {
            if (method.name().equalsIgnoreCase(value.trim())) {
                return method;
            }
        }
        throw new IllegalArgumentException("no start method '" + value + "' (" + START_METHOD + " is warm or cold)");
    }

    private static int spares(String value) {
        int spares;
        try {
            spares = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SPARES + " must be a whole number: " + value, e);
        }
        if (spares < 0) {
            throw new IllegalArgumentException("negative number of " + SPARES + ": " + spares);
        }
        return spares;
    }

    /** Every option with its value, as {@link org.multiprocessing4j.ProcessContext#options()} shows them. */
    Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(START_METHOD, startMethod.name().toLowerCase(Locale.ROOT));
        map.put(SPARES, Integer.toString(spares));
        map.put(SPARE_JVM_OPTIONS, String.join(" ", spareJvmOptions));
        return Collections.unmodifiableMap(map);
    }

    // written out: a record's own equals and hashCode are bootstrapped through method handles,
    // milliseconds the first time in a JVM, and every child whose target has a context looks it up
    @Override
    public boolean equals(Object other) {
        return other instanceof LocalOptions that && startMethod == that.startMethod && spares == that.spares
                && spareJvmOptions.equals(that.spareJvmOptions);
    }

    @Override
    public int hashCode() {
        return (startMethod.hashCode() * 31 + spares) * 31 + spareJvmOptions.hashCode();
    }
}
