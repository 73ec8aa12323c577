package org.multiprocessing4j.internal.manager;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The objects a server owns, by number, and the calls on them.
 *
 * <p>A result is exported, kept here and answered with its number, when the method's declared
 * return type is one of this library's public interfaces or a registered one, or the method is a
 * factory of the {@link ServerRoot}; the caller then makes a proxy of it. An object exported twice
 * keeps its number, so proxies of it are equal. Other results are copied, iterators and views of
 * the served collections first into plain collections, under the collection's lock where it has
 * one.
 */
final class ServedObjects implements CallTarget {

    private static final String LIBRARY = "org.multiprocessing4j";

    private final Map<Long, Served> byNumber = new ConcurrentHashMap<>();
    private final Map<Object, Long> numbers = new IdentityHashMap<>();
    private final AtomicLong next = new AtomicLong(ServerRoot.OBJECT);
    private final Set<String> registered;
    private final Map<Method, Boolean> exports = new ConcurrentHashMap<>();
    private volatile ManagerAddress address;

    private record Served(Object target, Class<?> type) {
    }

    ServedObjects(Set<String> registered) {
        this.registered = Set.copyOf(registered);
    }

    void address(ManagerAddress address) {
        this.address = address;
    }

    /**
     * Keeps an object and gives it a number.
     *
     * @param target the object
     * @param type the interface its proxies implement
     * @return what a caller needs to make a proxy of it
     */
    ManagerWire.Exported export(Object target, Class<?> type) {
        long number;
        synchronized (numbers) {
            Long known = numbers.get(target);
            if (known == null) {
                known = next.getAndIncrement();
                numbers.put(target, known);
                byNumber.put(known, new Served(target, type));
            }
            number = known;
        }
        return new ManagerWire.Exported(number, type.getName());
    }

    /**
     * Runs a call, as a connection's thread does.
     *
     * @return the result: a copy, or {@link ManagerWire.Exported}
     * @throws Throwable what the method threw
     */
    Object invoke(long object, int method, Object[] args) throws Throwable {
        Served served = byNumber.get(object);
        if (served == null) {
            throw new NoSuchElementException("the manager has no object " + object);
        }
        if (method == TO_STRING) {
            return served.target.toString();
        }
        MethodTable.Entry entry = MethodTable.of(served.type).entry(method);
        Object result;
        try {
            result = entry.method().invoke(served.target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (entry.kind() == MethodTable.Kind.COPY_OUT) {
            return args[1];
        }
        if (result == null || result instanceof ManagerWire.Exported || ProxyCall.of(result) != null) {
            return result;
        }
        if (served.target instanceof ServerRoot ? entry.method().getReturnType() != ManagerAddress.class
                : exports.computeIfAbsent(entry.method(), this::exportsResult)) {
            return export(result, entry.method().getReturnType());
        }
        return switch (entry.kind()) {
            case ITERATOR -> copyOf(served, (Iterator<?>) result);
            case VIEW -> copyOf(served.target, result);
            default -> result;
        };
    }

    private boolean exportsResult(Method method) {
        Class<?> declared = method.getReturnType();
        return declared.isInterface()
                && (declared.getPackageName().equals(LIBRARY) || registered.contains(declared.getName()));
    }

    /** A call of a proxy that the server holds itself: an exported result becomes a proxy here. */
    @Override
    public Object call(long object, int method, Object[] args) throws Throwable {
        Object result = invoke(object, method, args);
        return result instanceof ManagerWire.Exported exported ? proxy(exported) : result;
    }

    Object proxy(ManagerWire.Exported exported) throws ClassNotFoundException {
        return ProxyCall.proxy(this, new ProxyHandle(address, exported.object(), exported.type()),
                load(exported.type()));
    }

    /**
     * The served object behind a proxy of this server.
     *
     * @param proxy a proxy
     * @param type what it must be
     * @return the object, or {@code null} if the proxy is not one of this server's of that type
     */
    <T> T unwrap(Object proxy, Class<T> type) {
        ProxyCall call = ProxyCall.of(proxy);
        if (call == null || !call.handle().address.id.equals(address.id)) {
            return null;
        }
        Served served = byNumber.get(call.handle().object);
        return served != null && type.isInstance(served.target) ? type.cast(served.target) : null;
    }

    /**
     * The elements an iterator would give: all of a served collection's, in order, whatever the
     * method, so that the caller can position its own iterator ({@code listIterator(index)},
     * {@code descendingIterator()}); the rest of the iterator's for other types.
     */
    private static Object copyOf(Served served, Iterator<?> iterator) {
        synchronized (served.target) {
            if (Collection.class.isAssignableFrom(served.type)) {
                return new ArrayList<>((Collection<?>) served.target);
            }
            List<Object> copy = new ArrayList<>();
            iterator.forEachRemaining(copy::add);
            return copy;
        }
    }

    private static Object copyOf(Object owner, Object view) {
        synchronized (owner) {
            if (view instanceof Set<?> set) {
                Set<Object> copy = new LinkedHashSet<>();
                for (Object element : set) {
                    copy.add(element instanceof Map.Entry<?, ?> entry
                            ? new AbstractMap.SimpleImmutableEntry<>(entry) : element);
                }
                return copy;
            }
            return view instanceof Collection<?> collection ? new ArrayList<>(collection) : view;
        }
    }

    /**
     * Loads an interface by name, as the application sees it.
     *
     * @param name the binary name
     * @return the interface
     * @throws ClassNotFoundException if it is missing or not an interface
     */
    static Class<?> load(String name) throws ClassNotFoundException {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        Class<?> type = Class.forName(name, false, context != null ? context : ServedObjects.class.getClassLoader());
        if (!type.isInterface()) {
            throw new ClassNotFoundException(name + " is not an interface");
        }
        return type;
    }
}
