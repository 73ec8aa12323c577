package org.multiprocessing4j.internal.manager;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.multiprocessing4j.JoinableProcessQueue;
import org.multiprocessing4j.ManagedMap;
import org.multiprocessing4j.Namespace;
import org.multiprocessing4j.ProcessBarrier;
import org.multiprocessing4j.ProcessCondition;
import org.multiprocessing4j.ProcessEvent;
import org.multiprocessing4j.ProcessLock;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.ProcessReentrantLock;
import org.multiprocessing4j.ProcessSemaphore;
import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.SharedInt;
import org.multiprocessing4j.SharedLong;
import org.multiprocessing4j.SharedDouble;
import org.multiprocessing4j.SharedBoolean;
import org.multiprocessing4j.SharedString;
import org.multiprocessing4j.SharedIntArray;
import org.multiprocessing4j.SharedLongArray;
import org.multiprocessing4j.SharedDoubleArray;
import org.multiprocessing4j.SharedByteArray;
import org.multiprocessing4j.function.SerializableCallable;
import org.multiprocessing4j.function.SerializableRunnable;

/** The server's {@link ServerRoot}. */
final class ServedRoot implements ServerRoot {

    private final ManagerServer server;
    private final ServedObjects objects;
    private final Map<String, SerializableCallable<?>> factories;

    ServedRoot(ManagerServer server, ServedObjects objects, Map<String, SerializableCallable<?>> factories) {
        this.server = server;
        this.objects = objects;
        this.factories = Map.copyOf(factories);
    }

    @Override
    public ManagedMap<Object, Object> map() {
        return new ServedMap<>();
    }

    @Override
    public List<Object> list() {
        return Collections.synchronizedList(new ArrayList<>());
    }

    @Override
    public Set<Object> set() {
        return ConcurrentHashMap.newKeySet();
    }

    @Override
    public Namespace namespace() {
        return new ServedNamespace();
    }

    @Override
    public ProcessQueue<Object> queue(int bound) {
        return new ServedQueue<>(bound);
    }

    @Override
    public JoinableProcessQueue<Object> joinableQueue(int bound) {
        return new ServedQueue<>(bound);
    }

    @Override
    public ProcessLock lock() {
        return new ServedLock();
    }

    @Override
    public ProcessReentrantLock reentrantLock() {
        return new ServedReentrantLock();
    }

    @Override
    public ProcessCondition condition(RobustLock lock) {
        RobustLock served = objects.unwrap(lock, RobustLock.class);
        if (served == null) {
            throw new IllegalArgumentException(lock + " is not a lock of this manager");
        }
        return served.newCondition();
    }

    @Override
    public ProcessSemaphore semaphore(int permits, boolean bounded) {
        return new ServedSemaphore(permits, bounded);
    }

    @Override
    public ProcessEvent event() {
        return new ServedEvent();
    }

    @Override
    public ProcessBarrier barrier(int parties, SerializableRunnable action) {
        return new ServedBarrier(parties, action == null ? null : () -> {
            try {
                action.run();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("the barrier's action failed", e);
            }
        });
    }

    @Override
    public SharedInt sharedInt(int initial) {
        return new ServedInt(initial);
    }

    @Override
    public SharedLong sharedLong(long initial) {
        return new ServedLong(initial);
    }

    @Override
    public SharedDouble sharedDouble(double initial) {
        return new ServedDouble(initial);
    }

    @Override
    public SharedBoolean sharedBoolean(boolean initial) {
        return new ServedBoolean(initial);
    }

    @Override
    public SharedString sharedString(int capacity, String initial) {
        return new ServedString(capacity, initial);
    }

    @Override
    public SharedIntArray sharedIntArray(int length) {
        return new ServedIntArray(length);
    }

    @Override
    public SharedLongArray sharedLongArray(int length) {
        return new ServedLongArray(length);
    }

    @Override
    public SharedDoubleArray sharedDoubleArray(int length) {
        return new ServedDoubleArray(length);
    }

    @Override
    public SharedByteArray sharedByteArray(int length) {
        return new ServedByteArray(length);
    }

    @Override
    public Object create(String type) {
        SerializableCallable<?> factory = factories.get(type);
        if (factory == null) {
            throw new IllegalArgumentException("the manager has no factory for " + type
                    + ": register it in ManagerOptions");
        }
        Object made;
        try {
            made = factory.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the factory of " + type + " failed", e);
        }
        Class<?> iface;
        try {
            iface = ServedObjects.load(type);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        if (!iface.isInstance(made)) {
            throw new ClassCastException("the factory of " + type + " made a "
                    + (made == null ? "null" : made.getClass().getName()));
        }
        return objects.export(made, iface);
    }

    @Override
    public ManagerAddress address() {
        return server.address();
    }

    @Override
    public void interrupt(long connection, long call) {
        server.interrupt(connection, call);
    }

    @Override
    public void shutdown() {
        server.shutdownAfterReply();
    }
}
