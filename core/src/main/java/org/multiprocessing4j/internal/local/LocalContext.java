package org.multiprocessing4j.internal.local;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
import org.multiprocessing4j.StartMethod;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.internal.launch.LocalRuntime;
import org.multiprocessing4j.internal.launch.SparePool;
import org.multiprocessing4j.internal.shm.SegmentDirectory;
import org.multiprocessing4j.spi.Serializer;
import org.multiprocessing4j.spi.SharedHandle;

/**
 * The local backend's {@link ProcessContext}: children are JVMs on this machine, and what they
 * share lives in shared memory. Every local context of a JVM shares that JVM's
 * {@link LocalRuntime} (its children, its session directory); a context adds its options, and,
 * when it starts children warm, its own pool of spare JVMs, launched at the first start.
 */
final class LocalContext implements ProcessContext, Serializable {

    private static final long serialVersionUID = 1L;

    private final transient LocalOptions options;
    private final transient LocalRuntime runtime = LocalRuntime.instance();
    private transient SparePool spares;

    LocalContext(LocalOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return LocalContextProvider.NAME;
    }

    @Override
    public Map<String, String> options() {
        return options.asMap();
    }

    @Override
    public ChildProcess process(SerializableRunnable target) {
        return runtime.newChild(target, spares());
    }

    /** The spares of a warm context, made on first use; {@code null} when every start is cold. */
    private synchronized SparePool spares() {
        if (spares == null && options.startMethod() == StartMethod.WARM && options.spares() > 0) {
            spares = runtime.newSparePool(options.spares(), options.spareJvmOptions());
        }
        return spares;
    }

    @Override
    public ProcessIdentity currentProcess() {
        return runtime.currentProcess();
    }

    @Override
    public Optional<ProcessIdentity> parentProcess() {
        return runtime.parentProcess();
    }

    @Override
    public List<ChildProcess> activeChildren() {
        return runtime.activeChildren();
    }

    @Override
    public int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Override
    public boolean prestart(Duration timeout) throws InterruptedException {
        SparePool pool = spares();
        return pool == null || pool.awaitFull(timeout);
    }

    @Override
    public ProcessLock lock() {
        return LocalLock.create(segments());
    }

    @Override
    public ProcessReentrantLock reentrantLock() {
        return LocalReentrantLock.create(segments());
    }

    @Override
    public ProcessSemaphore semaphore(int permits) {
        return LocalSemaphore.create(segments(), permits, false);
    }

    @Override
    public ProcessSemaphore boundedSemaphore(int permits) {
        return LocalSemaphore.create(segments(), permits, true);
    }

    @Override
    public ProcessEvent event() {
        return LocalEvent.create(segments());
    }

    @Override
    public ProcessBarrier barrier(int parties, SerializableRunnable action) {
        return LocalBarrier.create(segments(), parties, action);
    }

    @Override
    public Pipe pipe(boolean duplex, Serializer serializer) {
        return LocalPipeEnd.create(segments(), duplex, serializer);
    }

    @Override
    public <E> ProcessQueue<E> queue(int bound, Serializer serializer) {
        return LocalQueue.create(segments(), bound, serializer);
    }

    @Override
    public <E> JoinableProcessQueue<E> joinableQueue(int bound, Serializer serializer) {
        return LocalJoinableQueue.create(segments(), bound, serializer);
    }

    @Override
    public <E> SimpleProcessQueue<E> simpleQueue(Serializer serializer) {
        return LocalSimpleQueue.create(segments(), serializer);
    }

    @Override
    public SharedMemory sharedMemory(String name, long size, SharedMemory.Lifetime lifetime) throws IOException {
        return LocalSharedMemory.create(runtime.ownedBlocks(), name, size, lifetime);
    }

    @Override
    public SharedMemory attachSharedMemory(String name) throws IOException {
        return LocalSharedMemory.attach(runtime.ownedBlocks(), name);
    }

    @Override
    public ShareableList shareableList(String name, List<?> items, int slotBytes) throws IOException {
        return LocalShareableList.create(runtime.ownedBlocks(), name, items, slotBytes);
    }

    @Override
    public ShareableList attachShareableList(String name) throws IOException {
        return LocalShareableList.attach(runtime.ownedBlocks(), name);
    }

    @Override
    public SharedInt sharedInt(int initial, RobustLock lock) {
        return LocalSharedInt.create(segments(), initial, Objects.requireNonNull(lock, "lock"));
    }

    @Override
    public SharedInt rawSharedInt(int initial) {
        return LocalSharedInt.create(segments(), initial, null);
    }

    @Override
    public SharedLong sharedLong(long initial, RobustLock lock) {
        return LocalSharedLong.create(segments(), initial, Objects.requireNonNull(lock, "lock"));
    }

    @Override
    public SharedLong rawSharedLong(long initial) {
        return LocalSharedLong.create(segments(), initial, null);
    }

    @Override
    public SharedDouble sharedDouble(double initial, RobustLock lock) {
        return LocalSharedDouble.create(segments(), initial, Objects.requireNonNull(lock, "lock"));
    }

    @Override
    public SharedDouble rawSharedDouble(double initial) {
        return LocalSharedDouble.create(segments(), initial, null);
    }

    @Override
    public SharedBoolean sharedBoolean(boolean initial, RobustLock lock) {
        return LocalSharedBoolean.create(segments(), initial, Objects.requireNonNull(lock, "lock"));
    }

    @Override
    public SharedBoolean rawSharedBoolean(boolean initial) {
        return LocalSharedBoolean.create(segments(), initial, null);
    }

    @Override
    public SharedString sharedString(int capacity, String initial, RobustLock lock) {
        return LocalSharedString.create(segments(), capacity, initial, Objects.requireNonNull(lock, "lock"));
    }

    @Override
    public SharedString rawSharedString(int capacity, String initial) {
        return LocalSharedString.create(segments(), capacity, initial, null);
    }

    @Override
    public SharedIntArray sharedIntArray(int length, RobustLock lock) {
        return LocalSharedIntArray.create(segments(), length, Objects.requireNonNull(lock, "lock"));
    }

    @Override
    public SharedIntArray rawSharedIntArray(int length) {
        return LocalSharedIntArray.create(segments(), length, null);
    }

    @Override
    public SharedLongArray sharedLongArray(int length, RobustLock lock) {
        return LocalSharedLongArray.create(segments(), length, Objects.requireNonNull(lock, "lock"));
    }

    @Override
    public SharedLongArray rawSharedLongArray(int length) {
        return LocalSharedLongArray.create(segments(), length, null);
    }

    @Override
    public SharedDoubleArray sharedDoubleArray(int length, RobustLock lock) {
        return LocalSharedDoubleArray.create(segments(), length, Objects.requireNonNull(lock, "lock"));
    }

    @Override
    public SharedDoubleArray rawSharedDoubleArray(int length) {
        return LocalSharedDoubleArray.create(segments(), length, null);
    }

    @Override
    public SharedByteArray sharedByteArray(int length, RobustLock lock) {
        return LocalSharedByteArray.create(segments(), length, Objects.requireNonNull(lock, "lock"));
    }

    @Override
    public SharedByteArray rawSharedByteArray(int length) {
        return LocalSharedByteArray.create(segments(), length, null);
    }

    private SegmentDirectory segments() {
        return runtime.segments();
    }

    @Override
    public String toString() {
        return "LocalContext" + options();
    }

    /** Crosses into another process as its options: there it is that process's context of those options. */
    private Object writeReplace() {
        return new Handle(options.asMap());
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
            return LocalContextProvider.context(LocalOptions.of(options));
        }
    }
}
