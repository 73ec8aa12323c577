package org.multiprocessing4j;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.spi.ContextProvider;
import org.multiprocessing4j.spi.Serializer;

/**
 * A backend in the test class path, named {@code stub}: found by the service loader as a backend
 * in a jar of its own would be. Its context knows its name and options and does nothing else.
 */
public final class StubContextProvider implements ContextProvider {

    private static final Map<Map<String, String>, StubContext> CONTEXTS = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "stub";
    }

    @Override
    public ProcessContext context(Map<String, String> options) {
        return CONTEXTS.computeIfAbsent(options, StubContext::new);
    }

    /** A context that refuses everything but saying what it is. */
    static final class StubContext implements ProcessContext {

        private final Map<String, String> options;

        StubContext(Map<String, String> options) {
            this.options = Map.copyOf(options);
        }

        @Override
        public String name() {
            return "stub";
        }

        @Override
        public Map<String, String> options() {
            return options;
        }

        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException("the stub backend makes nothing");
        }

        @Override
        public ChildProcess process(SerializableRunnable target) {
            throw refused();
        }

        @Override
        public ProcessIdentity currentProcess() {
            throw refused();
        }

        @Override
        public Optional<ProcessIdentity> parentProcess() {
            throw refused();
        }

        @Override
        public List<ChildProcess> activeChildren() {
            throw refused();
        }

        @Override
        public int cpuCount() {
            throw refused();
        }

        @Override
        public boolean prestart(Duration timeout) {
            throw refused();
        }

        @Override
        public ProcessLock lock() {
            throw refused();
        }

        @Override
        public ProcessReentrantLock reentrantLock() {
            throw refused();
        }

        @Override
        public ProcessSemaphore semaphore(int permits) {
            throw refused();
        }

        @Override
        public ProcessSemaphore boundedSemaphore(int permits) {
            throw refused();
        }

        @Override
        public ProcessEvent event() {
            throw refused();
        }

        @Override
        public ProcessBarrier barrier(int parties, SerializableRunnable action) {
            throw refused();
        }

        @Override
        public Pipe pipe(boolean duplex, Serializer serializer) {
            throw refused();
        }

        @Override
        public <E> ProcessQueue<E> queue(int bound, Serializer serializer) {
            throw refused();
        }

        @Override
        public <E> JoinableProcessQueue<E> joinableQueue(int bound, Serializer serializer) {
            throw refused();
        }

        @Override
        public <E> SimpleProcessQueue<E> simpleQueue(Serializer serializer) {
            throw refused();
        }

        @Override
        public SharedMemory sharedMemory(String name, long size, SharedMemory.Lifetime lifetime) {
            throw refused();
        }

        @Override
        public SharedInt sharedInt(int initial, RobustLock lock) {
            throw refused();
        }

        @Override
        public SharedMemory attachSharedMemory(String name) {
            throw refused();
        }

        @Override
        public ShareableList shareableList(String name, List<?> items, int slotBytes) {
            throw refused();
        }

        @Override
        public ShareableList attachShareableList(String name) {
            throw refused();
        }

        @Override
        public SharedInt rawSharedInt(int initial) {
            throw refused();
        }

        @Override
        public SharedLong sharedLong(long initial, RobustLock lock) {
            throw refused();
        }

        @Override
        public SharedLong rawSharedLong(long initial) {
            throw refused();
        }

        @Override
        public SharedDouble sharedDouble(double initial, RobustLock lock) {
            throw refused();
        }

        @Override
        public SharedDouble rawSharedDouble(double initial) {
            throw refused();
        }

        @Override
        public SharedBoolean sharedBoolean(boolean initial, RobustLock lock) {
            throw refused();
        }

        @Override
        public SharedBoolean rawSharedBoolean(boolean initial) {
            throw refused();
        }

        @Override
        public SharedString sharedString(int capacity, String initial, RobustLock lock) {
            throw refused();
        }

        @Override
        public SharedString rawSharedString(int capacity, String initial) {
            throw refused();
        }

        @Override
        public SharedIntArray sharedIntArray(int length, RobustLock lock) {
            throw refused();
        }

        @Override
        public SharedIntArray rawSharedIntArray(int length) {
            throw refused();
        }

        @Override
        public SharedLongArray sharedLongArray(int length, RobustLock lock) {
            throw refused();
        }

        @Override
        public SharedLongArray rawSharedLongArray(int length) {
            throw refused();
        }

        @Override
        public SharedDoubleArray sharedDoubleArray(int length, RobustLock lock) {
            throw refused();
        }

        @Override
        public SharedDoubleArray rawSharedDoubleArray(int length) {
            throw refused();
        }

        @Override
        public SharedByteArray sharedByteArray(int length, RobustLock lock) {
            throw refused();
        }

        @Override
        public SharedByteArray rawSharedByteArray(int length) {
            throw refused();
        }
    }
}
