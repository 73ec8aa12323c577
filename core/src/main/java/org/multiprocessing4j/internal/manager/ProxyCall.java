package org.multiprocessing4j.internal.manager;

import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.multiprocessing4j.UnserializableObjectException;

/**
 * The invocation handler of every manager proxy: sends a call to its {@link CallTarget}, or runs it
 * here when {@link MethodTable} says so. Serialized, it is its {@link ProxyHandle}; a proxy is
 * equal to another proxy of the same served object.
 */
final class ProxyCall implements InvocationHandler, Serializable {

    private static final long serialVersionUID = 1L;
    private static final Object[] NO_ARGS = {};

    private final transient CallTarget target;
    private final transient Class<?> type;
    private final ProxyHandle handle;
    private transient volatile boolean closed;

    private ProxyCall(CallTarget target, ProxyHandle handle, Class<?> type) {
        this.target = target;
        this.handle = handle;
        this.type = type;
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
        MethodTable.Slot slot = MethodTable.of(type).slot(method);
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
            default:
                break;
        }
        if (closed) {
            throw new IllegalStateException("this proxy of a " + type.getSimpleName() + " is closed");
        }
        Object result;
        try {
            result = target.call(handle.object, slot.index(), arguments);
        } catch (UnserializableObjectException e) {
            throw withAdvice(e, method, arguments);
        }
        return slot.kind() == MethodTable.Kind.FORWARD ? result : copyHere(slot.kind(), method, result);
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
    private static Object copyHere(MethodTable.Kind kind, Method method, Object copy) {
        if (kind == MethodTable.Kind.ITERATOR) {
            List<?> elements = Collections.unmodifiableList((List<?>) copy);
            return method.getReturnType() == java.util.ListIterator.class ? elements.listIterator() : elements.iterator();
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
