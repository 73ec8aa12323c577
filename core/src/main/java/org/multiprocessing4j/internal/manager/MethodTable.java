package org.multiprocessing4j.internal.manager;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * The methods of an interface that proxies call, each named by a number that every process derives
 * from the method's signature alone, and what a proxy does with each.
 *
 * <p>Why a hash of the signature: a call names its method in four bytes, and the number does not
 * depend on the other methods, so a client and a server whose interfaces differ (another JDK whose
 * {@code List} has more methods, another version of a registered type) still agree on every method
 * they share, and a method the server lacks fails as such instead of running another one.
 *
 * <p>Why some methods run in the caller: a default method of this library's public interfaces is
 * built on the interface's other methods ({@code tryLock(Duration)} on
 * {@code tryLock(long, TimeUnit)}), so it runs in the caller and calls those; so do the JDK's
 * defaults that iterate ({@code forEach}, {@code stream}), over a copy, since their functions are
 * rarely serializable and belong in the caller anyway. Iterators and views are copied in the server,
 * where the object is, and come back unmodifiable: a view could not stay attached to an object in
 * another process. Every other method runs in the server, the defaults of the JDK's interfaces too,
 * whose overrides there are atomic ({@code ConcurrentHashMap.merge}), and those of registered types.
 */
final class MethodTable {

    /** What a proxy does with a method. */
    enum Kind {
        /** Sent to the server as it is. */
        FORWARD,
        /** Sent to the server, which returns a copy of the elements: iterated here. */
        ITERATOR,
        /** Sent to the server, which returns a copy of the view: unmodifiable here. */
        VIEW,
        /** A default method run in the caller. */
        LOCAL,
        /** Closes this proxy for putting, in this process only. */
        CLOSE,
        /**
         * A shared array's {@code copyTo(index, target, offset, length)}: the server fills an
         * array of {@code length} and returns it, and the proxy copies it into {@code target}.
         */
        COPY_OUT,
        /** {@code equals}, where the interface does not redeclare it: the same served object. */
        EQUALS,
        /** {@code hashCode}, where the interface does not redeclare it: the object's identity. */
        HASH_CODE,
        /** {@code toString()}: the served object's, from the server. */
        TO_STRING
    }

    /**
     * A method as a proxy sees it.
     *
     * @param id the number a call names it by
     * @param kind what the proxy does with it
     */
    record Slot(int id, Kind kind) {
    }

    /**
     * A method as the server sees it.
     *
     * @param method the interface's method
     * @param kind what the proxy did with it, and so what the server copies
     */
    record Entry(Method method, Kind kind) {
    }

    private static final String LIBRARY = "org.multiprocessing4j";
    private static final Set<String> LOCAL_DEFAULTS = Set.of("forEach", "spliterator", "stream", "parallelStream");
    private static final Set<String> ITERATORS = Set.of("iterator", "listIterator", "descendingIterator");
    private static final Set<String> VIEWS = Set.of("keySet", "values", "entrySet", "subList");

    private static final ClassValue<MethodTable> TABLES = new ClassValue<>() {
        @Override
        protected MethodTable computeValue(Class<?> type) {
            return new MethodTable(type);
        }
    };

    private final Class<?> type;
    private final Map<Method, Slot> slots = new HashMap<>();
    private final Map<Integer, Entry> byId = new HashMap<>();

    private MethodTable(Class<?> type) {
        this.type = type;
        Map<String, Method> bySignature = new LinkedHashMap<>();
        for (Method method : type.getMethods()) {
            if (!Modifier.isStatic(method.getModifiers())) {
                Method first = bySignature.putIfAbsent(signature(method), method);
                Method chosen = first != null ? first : method;
                slots.put(method, new Slot(signature(chosen).hashCode(), kindOf(method)));
            }
        }
        bySignature.forEach((signature, method) -> {
            Entry same = byId.put(signature.hashCode(), new Entry(method, kindOf(method)));
            if (same != null || signature.hashCode() == CallTarget.TO_STRING) {
                throw new IllegalArgumentException(type.getName() + " cannot be served: its methods " + signature
                        + " and " + (same != null ? signature(same.method()) : "toString()") + " hash alike");
            }
        });
        // a proxy is called with Object's equals, hashCode and toString even where the interface
        // redeclares them, as List does to compare contents: those then go to the server
        for (Method method : Object.class.getMethods()) {
            if (method.getName().equals("equals") || method.getName().equals("hashCode")
                    || method.getName().equals("toString")) {
                Method redeclared = bySignature.get(signature(method));
                slots.put(method, redeclared != null && !method.getName().equals("toString")
                        ? new Slot(signature(method).hashCode(), Kind.FORWARD)
                        : new Slot(CallTarget.TO_STRING, kindOf(method)));
            }
        }
    }

    /**
     * The table of an interface.
     *
     * @param type the interface
     * @return its table
     */
    static MethodTable of(Class<?> type) {
        return TABLES.get(type);
    }

    /**
     * How a proxy calls a method of the interface, of one of its super-interfaces, or of
     * {@code Object}.
     *
     * @param method the method a proxy was called with
     * @return its slot
     * @throws IllegalArgumentException if the interface has no such method
     */
    Slot slot(Method method) {
        Slot slot = slots.get(method);
        if (slot == null) {
            throw new IllegalArgumentException(method + " is not a method of " + type.getName());
        }
        return slot;
    }

    /**
     * The number a call names a method by.
     *
     * @param method a method of the interface
     * @return its number
     */
    int idOf(Method method) {
        return slot(method).id();
    }

    /**
     * The method a call names.
     *
     * @param id the number
     * @return the method and its kind
     * @throws NoSuchMethodException if this process's interface has no method of that number
     */
    Entry entry(int id) throws NoSuchMethodException {
        Entry method = byId.get(id);
        if (method == null) {
            throw new NoSuchMethodException(type.getName() + " has no method numbered " + id
                    + " here: the caller's version of it differs from the server's");
        }
        return method;
    }

    /**
     * What a proxy does with a method: decided on the method the proxy is called with, since
     * methods of one signature may be default in one interface and abstract in another.
     */
    private static Kind kindOf(Method method) {
        String name = method.getName();
        Class<?>[] parameters = method.getParameterTypes();
        boolean ofObject = method.getDeclaringClass() == Object.class;
        if (name.equals("toString") && parameters.length == 0) {
            return Kind.TO_STRING;
        }
        if (ofObject) {
            return name.equals("equals") ? Kind.EQUALS : Kind.HASH_CODE;
        }
        if (name.equals("close") && parameters.length == 0 && method.getDeclaringClass().getPackageName().equals(LIBRARY)) {
            return Kind.CLOSE;
        }
        if (method.isDefault() && (method.getDeclaringClass().getPackageName().equals(LIBRARY)
                || LOCAL_DEFAULTS.contains(name) || name.equals("toArray") && parameters.length == 1
                        && parameters[0] == IntFunction.class)) {
            return Kind.LOCAL;
        }
        if (name.equals("copyTo") && parameters.length == 4 && parameters[1].isArray()
                && method.getDeclaringClass().getPackageName().equals(LIBRARY)) {
            return Kind.COPY_OUT;
        }
        if (ITERATORS.contains(name)) {
            return Kind.ITERATOR;
        }
        return VIEWS.contains(name) ? Kind.VIEW : Kind.FORWARD;
    }

    private static String signature(Method method) {
        return method.getName() + Arrays.stream(method.getParameterTypes()).map(Class::getName)
                .collect(Collectors.joining(",", "(", ")"));
    }
}
