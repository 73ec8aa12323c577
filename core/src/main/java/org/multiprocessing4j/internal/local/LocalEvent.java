package org.multiprocessing4j.internal.local;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.ProcessEvent;
import org.multiprocessing4j.internal.shm.CellHandle;
import org.multiprocessing4j.internal.shm.SegmentDirectory;
import org.multiprocessing4j.internal.shm.WaitGate;
import org.multiprocessing4j.internal.sync.SharedEvent;
import org.multiprocessing4j.spi.SharedHandle;

/** The local backend's {@link ProcessEvent}: a {@link SharedEvent} in a cell of shared memory. */
public final class LocalEvent implements ProcessEvent, Serializable {

    private static final long serialVersionUID = 1L;

    private final transient SharedEvent event;

    private LocalEvent(SharedEvent event) {
        this.event = event;
    }

    /**
     * A new, clear event.
     *
     * @param shm where its cell is made
     * @return the event
     */
    public static LocalEvent create(SegmentDirectory shm) {
        return new LocalEvent(SharedEvent.create(shm));
    }

    @Override
    public void set() {
        event.set();
    }

    @Override
    public void clear() {
        event.clear();
    }

    @Override
    public boolean isSet() {
        return event.isSet();
    }

    @Override
    public void await() throws InterruptedException {
        event.await(WaitGate.FOREVER);
    }

    @Override
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return event.await(Math.max(0, unit.toNanos(timeout)));
    }

    @Override
    public String toString() {
        return "ProcessEvent[" + (isSet() ? "set" : "clear") + "]";
    }

    /** Crosses into another process as a handle to the same event. */
    private Object writeReplace() {
        return new Handle(event.handle());
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("an event is deserialized from its handle only");
    }

    private static final class Handle extends SharedHandle {

        private static final long serialVersionUID = 1L;

        private final CellHandle cell;

        Handle(CellHandle cell) {
            this.cell = cell;
        }

        @Override
        protected Object bind() {
            return new LocalEvent(SharedEvent.attach(cell));
        }
    }
}
