package org.multiprocessing4j.python.internal;

import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.ProcessEvent;
import org.multiprocessing4j.python.CPythonObject;

/**
 * A {@code ProcessEvent} over a {@code threading.Event} in a CPython manager's server, through
 * CPython's {@code EventProxy}. A wait happens in the server; an interrupt before it begins ends
 * it, one during it is kept for after it.
 */
public final class PythonEvent implements ProcessEvent {

    private final CPythonObject event;

    public PythonEvent(CPythonObject event) {
        this.event = event;
    }

    @Override
    public void set() {
        event.call("set");
    }

    @Override
    public void clear() {
        event.call("clear");
    }

    @Override
    public boolean isSet() {
        return (Boolean) event.call("is_set");
    }

    @Override
    public void await() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        event.call("wait");
    }

    @Override
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        double seconds = Math.max(0, unit.toNanos(timeout)) / 1e9;
        return (Boolean) event.call("wait", seconds > PythonQueue.LONGEST_SECONDS ? null : seconds);
    }
}
