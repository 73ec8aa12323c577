package org.multiprocessing4j.internal.manager;

import java.util.List;
import java.util.Set;
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
import org.multiprocessing4j.function.SerializableRunnable;

/**
 * The server's first object, number {@value #OBJECT}: the factories every manager has, and the
 * server's own services. Clients call it through a proxy as they call any served object; every
 * factory's result is exported, so the caller gets a proxy of it.
 */
public interface ServerRoot {

    /** The root's object number. */
    long OBJECT = 0;

    /** @return a new concurrent map */
    ManagedMap<Object, Object> map();

    /** @return a new synchronized list */
    List<Object> list();

    /** @return a new concurrent set */
    Set<Object> set();

    /** @return a new namespace */
    Namespace namespace();

    /**
     * @param bound the most elements, {@link Integer#MAX_VALUE} for no bound
     * @return a new queue
     */
    ProcessQueue<Object> queue(int bound);

    /**
     * @param bound the most elements, {@link Integer#MAX_VALUE} for no bound
     * @return a new joinable queue
     */
    JoinableProcessQueue<Object> joinableQueue(int bound);

    /** @return a new lock */
    ProcessLock lock();

    /** @return a new reentrant lock */
    ProcessReentrantLock reentrantLock();

    /**
     * @param lock a proxy of a served lock
     * @return a new condition
     */
    ProcessCondition condition(RobustLock lock);

    /**
     * @param permits the initial permits
     * @param bounded whether releases above them are refused
     * @return a new semaphore
     */
    ProcessSemaphore semaphore(int permits, boolean bounded);

    /** @return a new event */
    ProcessEvent event();

    /**
     * @param parties the parties
     * @param action run when it trips, or {@code null}
     * @return a new barrier
     */
    ProcessBarrier barrier(int parties, SerializableRunnable action);

    /** @return a new SharedInt */
    SharedInt sharedInt(int initial);

    /** @return a new SharedLong */
    SharedLong sharedLong(long initial);

    /** @return a new SharedDouble */
    SharedDouble sharedDouble(double initial);

    /** @return a new SharedBoolean */
    SharedBoolean sharedBoolean(boolean initial);

    /** @return a new SharedString */
    SharedString sharedString(int capacity, String initial);

    /** @return a new SharedIntArray */
    SharedIntArray sharedIntArray(int length);

    /** @return a new SharedLongArray */
    SharedLongArray sharedLongArray(int length);

    /** @return a new SharedDoubleArray */
    SharedDoubleArray sharedDoubleArray(int length);

    /** @return a new SharedByteArray */
    SharedByteArray sharedByteArray(int length);

    /**
     * A new object of a registered type.
     *
     * @param type the registered interface's name
     * @return the new object, exported as that interface
     */
    Object create(String type);

    /**
     * The server's address, for a process that connected over a socket.
     *
     * @return the address, without its door when read over the network
     */
    ManagerAddress address();

    /**
     * Interrupts the thread serving a connection, if it is still running the given call.
     *
     * @param connection the connection's number
     * @param call the call's number on that connection
     */
    void interrupt(long connection, long call);

    /** Shuts the server down, once this call has been answered. */
    void shutdown();
}
