package org.multiprocessing4j.hazelcast.internal;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.JoinableProcessQueue;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.ProcessBarrier;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessEvent;
import org.multiprocessing4j.ProcessIdentity;
import org.multiprocessing4j.ProcessLock;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.ProcessReentrantLock;
import org.multiprocessing4j.ProcessSemaphore;
import org.multiprocessing4j.RobustLock;
import org.multiprocessing4j.ShareableList;
import org.multiprocessing4j.SharedBoolean;
import org.multiprocessing4j.SharedByteArray;
import org.multiprocessing4j.SharedDouble;
import org.multiprocessing4j.SharedDoubleArray;
import org.multiprocessing4j.SharedInt;
import org.multiprocessing4j.SharedIntArray;
import org.multiprocessing4j.SharedLong;
import org.multiprocessing4j.SharedLongArray;
import org.multiprocessing4j.SharedMemory;
import org.multiprocessing4j.SharedString;
import org.multiprocessing4j.SimpleProcessQueue;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.spi.Serializer;
import org.multiprocessing4j.spi.SharedHandle;

/**
 * The context of one cluster: children started on its members, shared objects kept by it. What
 * has no meaning on a cluster (a raw block of memory) throws {@link UnsupportedOperationException}
 * saying why.
 */
final class ClusterContext implements ProcessContext, Serializable {

    private static final long serialVersionUID = 1L;

    private final transient ClusterRuntime runtime;

    ClusterContext(ClusterOptions options) {
        this.runtime = ClusterRuntime.of(options);
    }

    @Override
    public String name() {
        return HazelcastContextProvider.NAME;
    }

    @Override
    public Map<String, String> options() {
        return runtime.options().asMap();
    }

    @Override
    public ChildProcess process(SerializableRunnable target) {
        return new ClusterChildProcess(runtime, target, ClusterRuntime.nextChildName(),
                ProcessPlace.current().daemon());
    }

    @Override
    public ProcessIdentity currentProcess() {
        ProcessPlace place = ProcessPlace.current();
        return new PlaceIdentity(place.name(), place.pid(), place.daemon(), () -> true);
    }

    @Override
    public Optional<ProcessIdentity> parentProcess() {
        ProcessPlace place = ProcessPlace.current();
        if (!place.isChild()) {
            return Optional.empty();
        }
        return Optional.of(new PlaceIdentity(place.parentName(), place.parentPid(), false,
                () -> runtime.isLive(place.parentId())));
    }

    @Override
    public List<ChildProcess> activeChildren() {
        return runtime.activeChildren();
    }

    /** The processors of this machine, as Python's {@code cpu_count()} says: not the cluster's. */
    @Override
    public int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Connects to the cluster, then waits until every member's spare JVMs are ready, so that the
     * next children start quickly; false if a member did not get ready in time, or does not run
     * children.
     */
    @Override
    public boolean prestart(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.NANOSECONDS.convert(timeout);
        Collection<Future<Boolean>> members = runtime.instance().getExecutorService(ClusterRuntime.EXECUTOR)
                .submitToAllMembers(new PrestartSpares(timeout)).values();
        for (Future<Boolean> member : members) {
            try {
                if (!member.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return false;
                }
            } catch (ExecutionException | TimeoutException e) {
                return false;
            }
        }
        return true;
    }

    @Override
    public ProcessEvent event() {
        return ClusterEvent.create(runtime);
    }

    @Override
    public <E> ProcessQueue<E> queue(int bound, Serializer serializer) {
        return ClusterQueue.create(runtime, bound, serializer);
    }

    @Override
    public ProcessLock lock() {
        return ClusterRobustLock.lock(runtime);
    }

    @Override
    public ProcessReentrantLock reentrantLock() {
        return ClusterRobustLock.reentrantLock(runtime);
    }

    @Override
    public ProcessSemaphore semaphore(int permits) {
        return ClusterSemaphore.create(runtime, permits, false);
    }

    @Override
    public ProcessSemaphore boundedSemaphore(int permits) {
        return ClusterSemaphore.create(runtime, permits, true);
    }

    @Override
    public ProcessBarrier barrier(int parties, SerializableRunnable action) {
        return ClusterBarrier.create(runtime, parties, action);
    }

    @Override
    public Pipe pipe(boolean duplex, Serializer serializer) {
        return ClusterPipeEnd.create(runtime, duplex, serializer);
    }

    @Override
    public <E> JoinableProcessQueue<E> joinableQueue(int bound, Serializer serializer) {
        return ClusterJoinableQueue.create(runtime, bound, serializer);
    }

    @Override
    public <E> SimpleProcessQueue<E> simpleQueue(Serializer serializer) {
        return ClusterSimpleQueue.create(runtime, serializer);
    }

    @Override
    public SharedMemory sharedMemory(String name, long size, SharedMemory.Lifetime lifetime) {
        throw new UnsupportedOperationException("the hazelcast context has no " + "named shared-memory blocks: a block of memory is one machine's, and a cluster has no memory that all its processes map");
    }

    @Override
    public SharedMemory attachSharedMemory(String name) {
        throw new UnsupportedOperationException("the hazelcast context has no " + "named shared-memory blocks: a block of memory is one machine's, and a cluster has no memory that all its processes map");
    }

    @Override
    public ShareableList shareableList(String name, List<?> items, int slotBytes) {
        throw new UnsupportedOperationException("the hazelcast context has no " + "shareable lists: a block of memory is one machine's, and a cluster has no memory that all its processes map");
    }

    @Override
    public ShareableList attachShareableList(String name) {
        throw new UnsupportedOperationException("the hazelcast context has no " + "shareable lists: a block of memory is one machine's, and a cluster has no memory that all its processes map");
    }

    @Override
    public SharedInt sharedInt(int initial, RobustLock lock) {
        return (SharedInt) ClusterValue.create(runtime, ClusterValue.Kind.INT, (long) initial, 0, Objects.requireNonNull(lock, "lock"));
    }

    @Override
    public SharedInt rawSharedInt(int initial) {
        return (SharedInt) ClusterValue.create(runtime, ClusterValue.Kind.INT, (long) initial, 0, null);
    }

    @Override
    public SharedLong sharedLong(long initial, RobustLock lock) {
        return (SharedLong) ClusterValue.create(runtime, ClusterValue.Kind.LONG, initial, 0, Objects.requireNonNull(lock, "lock"));
    }

    @Override
    public SharedLong rawSharedLong(long initial) {
        return (SharedLong) ClusterValue.create(runtime, ClusterValue.Kind.LONG, initial, 0, null);
    }

    @Override
    public SharedDouble sharedDouble(double initial, RobustLock lock) {
        return (SharedDouble) ClusterValue.create(runtime, ClusterValue.Kind.DOUBLE, Double.doubleToRawLongBits(initial), 0,
                Objects.requireNonNull(lock, "lock"));
    }

    @Override
    public SharedDouble rawSharedDouble(double initial) {
        return (SharedDouble) ClusterValue.create(runtime, ClusterValue.Kind.DOUBLE, Double.doubleToRawLongBits(initial), 0, null);
    }

    @Override
    public SharedBoolean sharedBoolean(boolean initial, RobustLock lock) {
        return (SharedBoolean) ClusterValue.create(runtime, ClusterValue.Kind.BOOLEAN, initial ? 1L : 0L, 0,
                Objects.requireNonNull(lock, "lock"));
    }

    @Override
    public SharedBoolean rawSharedBoolean(boolean initial) {
        return (SharedBoolean) ClusterValue.create(runtime, ClusterValue.Kind.BOOLEAN, initial ? 1L : 0L, 0, null);
    }

    @Override
    public SharedString sharedString(int capacity, String initial, RobustLock lock) {
        return (SharedString) ClusterValue.create(runtime, ClusterValue.Kind.STRING, initial, capacity,
                Objects.requireNonNull(lock, "lock"));
    }

    @Override
    public SharedString rawSharedString(int capacity, String initial) {
        return (SharedString) ClusterValue.create(runtime, ClusterValue.Kind.STRING, initial, capacity, null);
    }

    @Override
    public SharedIntArray sharedIntArray(int length, RobustLock lock) {
        return (SharedIntArray) ClusterArray.create(runtime, ArrayChunks.Kind.INT, length, Objects.requireNonNull(lock, "lock"));
    }

    @Override
    public SharedIntArray rawSharedIntArray(int length) {
        return (SharedIntArray) ClusterArray.create(runtime, ArrayChunks.Kind.INT, length, null);
    }

    @Override
    public SharedLongArray sharedLongArray(int length, RobustLock lock) {
        return (SharedLongArray) ClusterArray.create(runtime, ArrayChunks.Kind.LONG, length, Objects.requireNonNull(lock, "lock"));
    }

    @Override
    public SharedLongArray rawSharedLongArray(int length) {
        return (SharedLongArray) ClusterArray.create(runtime, ArrayChunks.Kind.LONG, length, null);
    }

    @Override
    public SharedDoubleArray sharedDoubleArray(int length, RobustLock lock) {
        return (SharedDoubleArray) ClusterArray.create(runtime, ArrayChunks.Kind.DOUBLE, length, Objects.requireNonNull(lock, "lock"));
    }

    @Override
    public SharedDoubleArray rawSharedDoubleArray(int length) {
        return (SharedDoubleArray) ClusterArray.create(runtime, ArrayChunks.Kind.DOUBLE, length, null);
    }

    @Override
    public SharedByteArray sharedByteArray(int length, RobustLock lock) {
        return (SharedByteArray) ClusterArray.create(runtime, ArrayChunks.Kind.BYTE, length, Objects.requireNonNull(lock, "lock"));
    }

    @Override
    public SharedByteArray rawSharedByteArray(int length) {
        return (SharedByteArray) ClusterArray.create(runtime, ArrayChunks.Kind.BYTE, length, null);
    }

    @Override
    public String toString() {
        return "ClusterContext" + options();
    }

    /** Crosses into another process as its options: there it is that process's context of those options. */
    private Object writeReplace() {
        return new Handle(options());
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a context is deserialized from its handle only");
    }

    private static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        private final Map<String, String> options;

        Handle(Map<String, String> options) {
            this.options = Map.copyOf(options);
        }

        @Override
        protected Object bind() {
            return HazelcastContextProvider.context(ClusterOptions.of(options));
        }
    }
}
