package org.multiprocessing4j.internal.manager;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The methods of an interface that proxies call, numbered the same way in every process that loads
 * the interface, and what a proxy does with each.
 *
 * <p>Why numbers: a call names its method by its index in the interface's methods sorted by name and
 * parameter types, four bytes instead of a signature, and the server finds it in an array.
 *
 * <p>Why some methods run in the caller: a default method of this library's public interfaces is built on
 * the interface's other methods ({@code tryLock(Duration)} on {@code tryLock(long, TimeUnit)}), so it
 * runs in the caller and calls those; so do the JDK's defaults that iterate ({@code forEach},
 * {@code stream}), over a copy, since their functions are rarely serializable and belong in the
 * caller anyway. Iterators and views are copied in the server, where the object is, and come back
 * unmodifiable: a view could not stay attached to an object in another process. Every other
 * method runs in the server, the defaults of the JDK's interfaces too, whose overrides there are
 * atomic ({@code ConcurrentHashMap.merge}), and those of registered types.
 */
final class MethodTable {

    /** What a proxy does with a method. */
    enum Kind {
        /** Sent to the server as it is. */
        FORWARD,
        /** Sent to the server, which returns a copy of the iterator's elements: iterated here. */
        ITERATOR,
        /** Sent to the server, which returns a copy of the view: unmodifiable here. */
        VIEW,
        /** A default method run in the caller. */
        LOCAL,
        /** Closes this proxy, in this process only. */
        CLOSE,
        /** {@code equals(Object)}: the same served object. */
        EQUALS,
        /** {@code hashCode()}: of the served object's identity. */
        HASH_CODE,
        /** {@code toString()}: the served object's, from the server. */
        TO_STRING
    }

    /**
     * A method as a proxy sees it.
     *
     * @param index its index in the table; -1 for {@code Object}'s methods that no interface
     *     declares
     * @param kind what the proxy does with it
     */
    record Slot(int index, Kind kind) {
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

    private final Method[] methods;
    private final Kind[] kinds;
    private final Map<Method, Slot> slots = new HashMap<>();

    private MethodTable(Class<?> type) {
        Map<String, List<Method>> bySignature = new LinkedHashMap<>();
        Arrays.stream(type.getMethods()).filter(method -> !Modifier.isStatic(method.getModifiers()))
                .sorted(Comparator.comparing(MethodTable::signature))
                .forEach(method -> bySignature.computeIfAbsent(signature(method), s -> new ArrayList<>()).add(method));
        methods = new Method[bySignature.size()];
        kinds = new Kind[methods.length];
        int index = 0;
        for (List<Method> same : bySignature.values()) {
            Method chosen = same.get(0);
            methods[index] = chosen;
            kinds[index] = kindOf(chosen);
            for (Method method : same) {
                slots.put(method, new Slot(index, kindOf(method)));
            }
            index++;
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
     * Where a method of the interface, or of one of its super-interfaces, or of {@code Object}, is
     * in the table, and what a proxy does with it.
     *
     * @param method the method a proxy was called with
     * @return its slot
     * @throws IllegalArgumentException if the interface has no such method
     */
    Slot slot(Method method) {
        Slot slot = slots.get(method);
        if (slot != null) {
            return slot;
        }
        Kind kind = kindOf(method);
        if (kind != Kind.EQUALS && kind != Kind.HASH_CODE && kind != Kind.TO_STRING) {
            throw new IllegalArgumentException(method + " is not a method of a served interface");
        }
        return new Slot(-1, kind);
    }

    /**
     * The index of a method of the interface.
     *
     * @param method the method
     * @return its index
     * @throws IllegalArgumentException if the interface has no such method
     */
    int indexOf(Method method) {
        return slot(method).index();
    }

    Method method(int index) {
        return methods[index];
    }

    Kind kind(int index) {
        return kinds[index];
    }

    /**
     * What a proxy does with a method: decided on the method the proxy is called with, since
     * methods of one signature may be default in one interface and abstract in another.
     *
     * @param method the method
     * @return its kind
     */
    private static Kind kindOf(Method method) {
        String name = method.getName();
        Class<?>[] parameters = method.getParameterTypes();
        if (name.equals("equals") && parameters.length == 1 && parameters[0] == Object.class) {
            return Kind.EQUALS;
        }
        if (name.equals("hashCode") && parameters.length == 0) {
            return Kind.HASH_CODE;
        }
        if (name.equals("toString") && parameters.length == 0) {
            return Kind.TO_STRING;
        }
        if (name.equals("close") && method.getParameterCount() == 0
                && method.getDeclaringClass().getPackageName().equals(LIBRARY)) {
            return Kind.CLOSE;
        }
        if (method.isDefault() && (method.getDeclaringClass().getPackageName().equals(LIBRARY)
                || LOCAL_DEFAULTS.contains(name) || isToArrayOfGenerator(method))) {
            return Kind.LOCAL;
        }
        if (ITERATORS.contains(name)) {
            return Kind.ITERATOR;
        }
        return VIEWS.contains(name) ? Kind.VIEW : Kind.FORWARD;
    }

    private static boolean isToArrayOfGenerator(Method method) {
        return method.getName().equals("toArray") && method.getParameterCount() == 1
                && method.getParameterTypes()[0] == java.util.function.IntFunction.class;
    }

    private static String signature(Method method) {
        return method.getName() + Arrays.stream(method.getParameterTypes()).map(Class::getName)
                .collect(Collectors.joining(",", "(", ")"));
    }
}
