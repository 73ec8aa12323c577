package org.multiprocessing4j.python.internal;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.multiprocessing4j.Namespace;
import org.multiprocessing4j.ProcessEvent;

/**
 * A Java object served to CPython clients under the method names of CPython's proxies
 * ({@code DictProxy}, {@code ListProxy}, {@code NamespaceProxy}, {@code queue.Queue}'s
 * {@code AutoProxy}, {@code AcquirerProxy}, {@code EventProxy}): each call is translated into the
 * Java interface's method, and a failure into the exception a CPython client expects
 * ({@code KeyError}, {@code IndexError}, {@code AttributeError}, {@code queue.Empty}...).
 */
public final class BridgedObject {

    /** The kinds of object served, by the Java interface they are seen through. */
    public enum Kind {
        DICT(Set.of("__contains__", "__delitem__", "__getitem__", "__len__", "__setitem__", "clear", "copy", "get",
                "items", "keys", "pop", "popitem", "setdefault", "update", "values")),
        LIST(Set.of("__contains__", "__delitem__", "__getitem__", "__len__", "__setitem__", "__add__", "append",
                "count", "extend", "index", "insert", "pop", "remove", "reverse")),
        NAMESPACE(Set.of("__getattribute__", "__setattr__", "__delattr__")),
        QUEUE(Set.of("put", "get", "put_nowait", "get_nowait", "qsize", "empty", "full")),
        LOCK(Set.of("acquire", "release")),
        EVENT(Set.of("is_set", "set", "clear", "wait"));

        private final Set<String> exposed;

        Kind(Set<String> exposed) {
            this.exposed = exposed;
        }

        /** The methods a CPython client may call. */
        public Set<String> exposed() {
            return exposed;
        }

        /** The kind of {@code object}, by its Java interface. */
        public static Kind of(Object object) {
            if (object instanceof Map<?, ?>) {
                return DICT;
            }
            if (object instanceof List<?>) {
                return LIST;
            }
            if (object instanceof Namespace) {
                return NAMESPACE;
            }
            if (object instanceof BlockingQueue<?>) {
                return QUEUE;
            }
            if (object instanceof Lock) {
                return LOCK;
            }
            if (object instanceof ProcessEvent) {
                return EVENT;
            }
            throw new IllegalArgumentException("CPython clients are served a Map, List, Namespace, BlockingQueue, Lock"
                    + " or ProcessEvent, not a " + object.getClass().getName());
        }
    }

    /** A Python exception to send back. */
    public static final class Raised extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient PythonRaise raise;

        Raised(String module, String name, Object message) {
            super(name + ": " + message, null, false, false);
            this.raise = new PythonRaise(module, name, message);
        }

        public PythonRaise raise() {
            return raise;
        }
    }

    private final Object object;
    private final Kind kind;

    public BridgedObject(Object object) {
        this.object = object;
        this.kind = Kind.of(object);
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Runs a CPython client's call.
     *
     * @param method the method's name
     * @param args its positional arguments
     * @param kwds its keyword arguments
     * @return the result, of plain values
     * @throws Raised for an exception the client should raise
     * @throws InterruptedException if the serving thread is interrupted while it waits
     */
    public Object call(String method, List<Object> args, Map<?, ?> kwds) throws InterruptedException {
        if (!kind.exposed().contains(method)) {
            throw new Raised("builtins", "AttributeError", "method " + method + " is not exposed");
        }
        return switch (kind) {
            case DICT -> BridgedDict.call(object, method, args);
            case LIST -> BridgedList.call(object, method, args);
            case NAMESPACE -> namespace(method, args);
            case QUEUE -> queue(method, args, kwds);
            case LOCK -> lock(method, args, kwds);
            case EVENT -> event(method, args, kwds);
        };
    }

    private Object namespace(String method, List<Object> args) {
        Namespace namespace = (Namespace) object;
        String name = (String) args.get(0);
        try {
            switch (method) {
                case "__getattribute__":
                    return name.equals("__dict__") ? namespace.toMap() : namespace.get(name);
                case "__setattr__":
                    namespace.set(name, args.get(1));
                    return null;
                case "__delattr__":
                    namespace.remove(name);
                    return null;
                default:
                    throw new IllegalStateException(method);
            }
        } catch (NoSuchElementException e) {
            throw new Raised("builtins", "AttributeError", name);
        }
    }

    @SuppressWarnings("unchecked")
    private Object queue(String method, List<Object> args, Map<?, ?> kwds) throws InterruptedException {
        BlockingQueue<Object> queue = (BlockingQueue<Object>) object;
        switch (method) {
            case "put":
            case "put_nowait":
                Object item = args.get(0);
                boolean wait = method.equals("put") && flag(args, 1, kwds, "block", true);
                Double putTimeout = seconds(args, 2, kwds, "timeout");
                boolean put = !wait ? queue.offer(item) : putTimeout == null ? putForever(queue, item)
                        : queue.offer(item, nanos(putTimeout), TimeUnit.NANOSECONDS);
                if (!put) {
                    throw new Raised("queue", "Full", "");
                }
                return null;
            case "get":
            case "get_nowait":
                boolean block = method.equals("get") && flag(args, 0, kwds, "block", true);
                Double timeout = seconds(args, 1, kwds, "timeout");
                Object taken = !block ? queue.poll() : timeout == null ? queue.take()
                        : queue.poll(nanos(timeout), TimeUnit.NANOSECONDS);
                if (taken == null) {
                    throw new Raised("queue", "Empty", "");
                }
                return taken;
            case "qsize":
                return queue.size();
            case "empty":
                return queue.isEmpty();
            case "full":
                return queue.remainingCapacity() == 0;
            default:
                throw new IllegalStateException(method);
        }
    }

    private static boolean putForever(BlockingQueue<Object> queue, Object item) throws InterruptedException {
        queue.put(item);
        return true;
    }

    private Object lock(String method, List<Object> args, Map<?, ?> kwds) throws InterruptedException {
        Lock lock = (Lock) object;
        if (method.equals("release")) {
            try {
                lock.unlock();
            } catch (IllegalMonitorStateException e) {
                throw new Raised("builtins", "RuntimeError", "release unlocked lock");
            }
            return null;
        }
        boolean blocking = flag(args, 0, kwds, "blocking", true);
        Double timeout = seconds(args, 1, kwds, "timeout");
        if (!blocking) {
            return lock.tryLock();
        }
        if (timeout == null || timeout < 0) {
            lock.lockInterruptibly();
            return true;
        }
        return lock.tryLock(nanos(timeout), TimeUnit.NANOSECONDS);
    }

    private Object event(String method, List<Object> args, Map<?, ?> kwds) throws InterruptedException {
        ProcessEvent event = (ProcessEvent) object;
        switch (method) {
            case "is_set":
                return event.isSet();
            case "set":
                event.set();
                return null;
            case "clear":
                event.clear();
                return null;
            case "wait":
                Double timeout = seconds(args, 0, kwds, "timeout");
                if (timeout == null) {
                    event.await();
                    return true;
                }
                return event.await(nanos(timeout), TimeUnit.NANOSECONDS);
            default:
                throw new IllegalStateException(method);
        }
    }

    private static boolean flag(List<Object> args, int position, Map<?, ?> kwds, String name, boolean otherwise) {
        Object value = args.size() > position ? args.get(position) : kwds.containsKey(name) ? kwds.get(name) : otherwise;
        return value instanceof Boolean b ? b : value instanceof Number n ? n.doubleValue() != 0 : value != null;
    }

    /** A timeout in seconds, or {@code null} for none. */
    private static Double seconds(List<Object> args, int position, Map<?, ?> kwds, String name) {
        Object value = args.size() > position ? args.get(position) : kwds.get(name);
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static long nanos(double seconds) {
        return (long) Math.max(0, seconds * 1e9);
    }
}
