package org.multiprocessing4j.internal.serial;

import java.io.InvalidClassException;
import java.io.Serializable;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The allow list a serializer reads network data with: a predicate on binary class names, asked
 * before a class is loaded, plus the plain data types that are always accepted.
 *
 * <p>Why by name and before loading: loading a class runs none of its code, but a class once loaded
 * can be initialized later by the code that reads it; refusing the name keeps unknown classes out
 * of the process altogether. Why some types are always accepted: strings, boxed numbers and the
 * collections that hold them carry no behaviour of the sender's choosing, and an allow list that
 * had to name {@code java.util.ImmutableCollections$ListN} would be written by trial and error.
 */
final class ClassFilter implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Accepts every class: data from this machine's own processes. */
    static final ClassFilter NONE = new ClassFilter(null);

    /**
     * Classes that hold only data, named as a stream names them: {@code java.util.CollSer} is how
     * JDK serialization writes {@code List.of}, {@code Set.of} and {@code Map.of};
     * {@code SerializedLambda} is accepted because the lambda's capturing class is checked on its
     * own; {@code Number} and {@code Enum} are superclasses that streams name beside their
     * subclasses; {@code Object} stands for {@code Object[]}.
     */
    private static final Set<String> PLAIN = Set.of(
            "java.lang.Object", "java.lang.String", "java.lang.Boolean", "java.lang.Byte",
            "java.lang.Short", "java.lang.Character", "java.lang.Integer", "java.lang.Long",
            "java.lang.Float", "java.lang.Double", "java.lang.Number", "java.lang.Enum",
            "java.lang.invoke.SerializedLambda", "java.math.BigInteger", "java.math.BigDecimal",
            "java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque", "java.util.Arrays$ArrayList",
            "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap",
            "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.CollSer",
            "java.util.Collections$EmptyList", "java.util.Collections$EmptySet", "java.util.Collections$EmptyMap",
            "java.util.Collections$SingletonList", "java.util.Collections$SingletonSet",
            "java.util.Collections$SingletonMap", "java.util.Collections$UnmodifiableCollection",
            "java.util.Collections$UnmodifiableList", "java.util.Collections$UnmodifiableRandomAccessList",
            "java.util.Collections$UnmodifiableSet", "java.util.Collections$UnmodifiableMap");

    private final Predicate<String> allowed;

    private ClassFilter(Predicate<String> allowed) {
        this.allowed = allowed;
    }

    /**
     * A filter that accepts the plain types and what {@code allowed} accepts.
     *
     * @param allowed the application's allow list
     * @return the filter
     */
    static ClassFilter allowing(Predicate<String> allowed) {
        if (allowed == null) {
            throw new NullPointerException("allowed");
        }
        return new ClassFilter(allowed);
    }

    /** Whether this filter refuses anything at all. */
    boolean active() {
        return allowed != null;
    }

    /**
     * Refuses a class by its name as a stream spells it: a binary name, or an array's descriptor
     * such as {@code [[Ljava.lang.String;} whose element type is what gets checked.
     *
     * @param name the class's name
     * @throws InvalidClassException if the class is not allowed
     */
    void check(String name) throws InvalidClassException {
        if (allowed == null) {
            return;
        }
        String element = name;
        if (name.startsWith("[")) {
            int dimensions = name.lastIndexOf('[') + 1;
            if (name.charAt(dimensions) != 'L') {
                return;
            }
            element = name.substring(dimensions + 1, name.length() - 1);
        }
        if (!PLAIN.contains(element) && !allowed.test(element)) {
            throw new InvalidClassException(element, "not accepted by the serializer's class filter");
        }
    }

    /**
     * Refuses an interface that a proxy in a stream implements: by {@link ProxyAllowList#allowsProxyOf}
     * when the allow list is one, else as {@link #check} refuses classes.
     *
     * @param name the interface's binary name
     * @throws InvalidClassException if a proxy may not implement it
     */
    void checkProxyInterface(String name) throws InvalidClassException {
        if (allowed instanceof ProxyAllowList proxies) {
            if (!proxies.allowsProxyOf(name)) {
                throw new InvalidClassException(name, "no proxy of it is accepted by the serializer's class filter");
            }
            return;
        }
        check(name);
    }

    /** Keeps {@link #NONE} a singleton across processes. */
    private Object readResolve() {
        return allowed == null ? NONE : this;
    }
}
