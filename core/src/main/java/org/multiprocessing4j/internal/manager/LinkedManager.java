package org.multiprocessing4j.internal.manager;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.JoinableProcessQueue;
import org.multiprocessing4j.ManagedMap;
import org.multiprocessing4j.Manager;
import org.multiprocessing4j.ManagerUnavailableException;
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
import org.multiprocessing4j.function.SerializableRunnable;

/** A {@link Manager} over a {@link ManagerLink}: its factories are calls of the server's root. */
final class LinkedManager implements Manager {

    private final ManagerLink link;
    private final boolean owner;
    private final ServerRoot root;
    private boolean closed;

    LinkedManager(ManagerLink link, boolean owner) {
        this.link = link;
        this.owner = owner;
        ManagerAddress address = link.address();
        this.root = (ServerRoot) ProxyCall.proxy(link,
                new ProxyHandle(address, ServerRoot.OBJECT, ServerRoot.class.getName()), ServerRoot.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> ManagedMap<K, V> map() {
        return (ManagedMap<K, V>) (ManagedMap<?, ?>) root.map();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E> List<E> list() {
        return (List<E>) root.list();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E> Set<E> set() {
        return (Set<E>) root.set();
    }

    @Override
    public Namespace namespace() {
        return root.namespace();
    }

    @Override
    public <E> ProcessQueue<E> queue() {
        return queue(Integer.MAX_VALUE);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E> ProcessQueue<E> queue(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound " + bound + " < 1");
        }
        return (ProcessQueue<E>) root.queue(bound);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E> JoinableProcessQueue<E> joinableQueue() {
        return (JoinableProcessQueue<E>) root.joinableQueue(Integer.MAX_VALUE);
    }

    @Override
    public ProcessLock lock() {
        return root.lock();
    }

    @Override
    public ProcessReentrantLock reentrantLock() {
        return root.reentrantLock();
    }

    @Override
    public ProcessCondition condition(RobustLock lock) {
        ProxyCall call = ProxyCall.of(lock);
        if (call == null || !call.handle().address.id.equals(link.address().id)) {
            throw new IllegalArgumentException(lock + " is not a lock of this manager");
        }
        return root.condition(lock);
    }

    @Override
    public ProcessSemaphore semaphore(int permits) {
        return root.semaphore(permits, false);
    }

    @Override
    public ProcessSemaphore boundedSemaphore(int permits) {
        return root.semaphore(permits, true);
    }

    @Override
    public ProcessEvent event() {
        return root.event();
    }

    @Override
    public ProcessBarrier barrier(int parties) {
        return root.barrier(parties, null);
    }

    @Override
    public ProcessBarrier barrier(int parties, SerializableRunnable action) {
        return root.barrier(parties, action);
    }

    @Override
    public SharedInt sharedInt(int initial) {
        return root.sharedInt(initial);
    }

    @Override
    public SharedLong sharedLong(long initial) {
        return root.sharedLong(initial);
    }

    @Override
    public SharedDouble sharedDouble(double initial) {
        return root.sharedDouble(initial);
    }

    @Override
    public SharedBoolean sharedBoolean(boolean initial) {
        return root.sharedBoolean(initial);
    }

    @Override
    public SharedString sharedString(int capacity, String initial) {
        return root.sharedString(capacity, initial);
    }

    @Override
    public SharedIntArray sharedIntArray(int length) {
        return root.sharedIntArray(length);
    }

    @Override
    public SharedLongArray sharedLongArray(int length) {
        return root.sharedLongArray(length);
    }

    @Override
    public SharedDoubleArray sharedDoubleArray(int length) {
        return root.sharedDoubleArray(length);
    }

    @Override
    public SharedByteArray sharedByteArray(int length) {
        return root.sharedByteArray(length);
    }

    @Override
    public <T> T create(Class<T> type) {
        return type.cast(root.create(type.getName()));
    }

    @Override
    public Optional<SocketAddress> address() {
        return Optional.ofNullable(link.address().socket);
    }

    @Override
    public boolean isAlive() {
        return link.isAlive();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!owner) {
            link.release(false, "this process closed its connection to the manager");
            return;
        }
        if (link.isAlive()) {
            try {
                root.shutdown();
            } catch (ManagerUnavailableException e) {
                // it went on its own
            }
        }
        link.release(true, "the manager was shut down");
        ChildProcess server = link.server();
        boolean interrupted = false;
        try {
            if (!server.join(Duration.ofSeconds(5))) {
                server.kill();
                server.join(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            interrupted = true;
            server.kill();
        } finally {
            link.address().door.close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "Manager[" + link.address() + (link.isAlive() ? "" : ", gone") + "]";
    }
}
