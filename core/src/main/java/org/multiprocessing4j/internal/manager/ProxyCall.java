package org.multiprocessing4j.internal.manager;

import java.io.Serializable;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.ListIterator;
import java.util.Objects;
import java.util.Set;
import org.multiprocessing4j.UnserializableObjectException;

/**
 * The invocation handler of every manager proxy: sends a call to its {@link CallTarget}, or runs it
 * here when {@link MethodTable} says so. Serialized, it is its {@link ProxyHandle}. A proxy of an
 * interface that redeclares {@code equals} and {@code hashCode} (a map, a list, a set) compares
 * contents in the server, as the interface says; any other proxy equals the proxies of the same
 * served object.
 */
final class ProxyCall implements InvocationHandler, Serializable {

    private static final long serialVersionUID = 1L;
    private static final Object[] NO_ARGS = {};
    /** What a queue's proxy refuses once closed: Python's {@code close()} ends putting only. */
    private static final Set<String> PUTS = Set.of("put", "offer", "add", "addAll");

    private final transient CallTarget target;
    private final transient Class<?> type;
    private final transient MethodTable table;
    private final ProxyHandle handle;
    private transient volatile boolean closed;

    private ProxyCall(CallTarget target, ProxyHandle handle, Class<?> type) {
        this.target = target;
        this.handle = handle;
        this.type = type;
        this.table = MethodTable.of(type);
    }

    /**
     * A proxy of a served object.
     *
     * @param target where its calls go
     * @param handle what it is in other processes
     * @param type the interface it implements
     * @return the proxy
     */
    static Object proxy(CallTarget target, ProxyHandle handle, Class<?> type) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler(target, handle, type));
    }

    /**
     * The handler of a proxy: what a handle binds to, since a serialized proxy is its class (the
     * stream names its interface) and its handler.
     *
     * @param target where its calls go
     * @param handle what it is in other processes
     * @param type the interface it implements
     * @return the handler
     */
    static ProxyCall handler(CallTarget target, ProxyHandle handle, Class<?> type) {
        return new ProxyCall(target, handle, type);
    }

    /**
     * The handler of a manager's proxy.
     *
     * @param object any object
     * @return its handler, or {@code null} if it is not a manager's proxy
     */
    static ProxyCall of(Object object) {
        if (object != null && Proxy.isProxyClass(object.getClass())
                && Proxy.getInvocationHandler(object) instanceof ProxyCall call) {
            return call;
        }
        return null;
    }

    ProxyHandle handle() {
        return handle;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Object[] arguments = args == null ? NO_ARGS : args;
        MethodTable.Slot slot = table.slot(method);
        switch (slot.kind()) {
            case EQUALS:
                ProxyCall other = of(arguments[0]);
                return other != null && other.handle.equals(handle);
            case HASH_CODE:
                return handle.hashCode();
            case TO_STRING:
                return target.call(handle.object, CallTarget.TO_STRING, NO_ARGS);
            case LOCAL:
                return InvocationHandler.invokeDefault(proxy, method, args);
            case CLOSE:
                closed = true;
                return null;
            case COPY_OUT:
                copyOut(slot, arguments);
                return null;
            default:
                break;
        }
        if (closed && PUTS.contains(method.getName())) {
            throw new IllegalStateException("this process closed the queue: it puts no more");
        }
        Object result;
        try {
            result = target.call(handle.object, slot.id(), arguments);
        } catch (UnserializableObjectException e) {
            throw withAdvice(e, method, arguments);
        }
        return slot.kind() == MethodTable.Kind.FORWARD ? result : copyHere(slot.kind(), method, arguments, result);
    }

    /** {@code copyTo(index, target, offset, length)}: the server fills a part, copied in here. */
    private void copyOut(MethodTable.Slot slot, Object[] arguments) throws Throwable {
        Object into = arguments[1];
        int offset = (Integer) arguments[2];
        int length = (Integer) arguments[3];
        Objects.checkFromIndexSize(offset, length, Array.getLength(into));
        Object part = Array.newInstance(into.getClass().getComponentType(), length);
        Object filled = target.call(handle.object, slot.id(), new Object[] {arguments[0], part, 0, length});
        System.arraycopy(filled, 0, into, offset, length);
    }

    /** Says what to do when the argument that failed is a lambda, which runs in the server. */
    private RuntimeException withAdvice(UnserializableObjectException e, Method method, Object[] arguments) {
        for (Object argument : arguments) {
            if (argument != null && argument.getClass().getName().equals(e.className())
                    && argument.getClass().isSynthetic()) {
                UnserializableObjectException advised = new UnserializableObjectException(
                        "function given to " + type.getSimpleName() + "." + method.getName(), e.className(),
                        "it runs in the manager's server, so it must be serializable: call it on a ManagedMap,"
                                + " whose merge and compute take serializable functions, or cast it to"
                                + " (BiFunction<...> & Serializable)");
                advised.initCause(e);
                return advised;
            }
        }
        return e;
    }

    /** An iterator over, or an unmodifiable form of, what the server copied. */
    private Object copyHere(MethodTable.Kind kind, Method method, Object[] arguments, Object copy) {
        if (kind == MethodTable.Kind.ITERATOR) {
            List<?> elements = Collections.unmodifiableList((List<?>) copy);
            if (!Collection.class.isAssignableFrom(type)) {
                return method.getReturnType() == ListIterator.class ? elements.listIterator() : elements.iterator();
            }
            // the server copied the whole collection: position the iterator as the method would
            return switch (method.getName()) {
                case "listIterator" -> arguments.length == 0 ? elements.listIterator()
                        : elements.listIterator((Integer) arguments[0]);
                case "descendingIterator" -> {
                    List<?> reversed = new ArrayList<>(elements);
                    Collections.reverse(reversed);
                    yield Collections.unmodifiableList(reversed).iterator();
                }
                default -> elements.iterator();
            };
        }
        if (copy instanceof Set<?> set) {
            return Collections.unmodifiableSet(set);
        }
        if (copy instanceof List<?> list) {
            return Collections.unmodifiableList(list);
        }
        return copy instanceof Collection<?> collection ? Collections.unmodifiableCollection(collection) : copy;
    }

    private Object writeReplace() {
        return handle;
    }
}
