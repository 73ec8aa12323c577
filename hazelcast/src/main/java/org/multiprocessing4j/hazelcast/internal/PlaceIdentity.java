package org.multiprocessing4j.hazelcast.internal;

import java.util.function.BooleanSupplier;
import org.multiprocessing4j.ProcessIdentity;

/** A process of the tree as {@code currentProcess()} and {@code parentProcess()} show it. */
record PlaceIdentity(String name, long pid, boolean isDaemon, BooleanSupplier alive) implements ProcessIdentity {

    @Override
    public boolean isAlive() {
        return alive.getAsBoolean();
    }

    @Override
    public String toString() {
        return "<Process name='" + name + "' pid=" + pid + (isDaemon ? " daemon" : "") + ">";
    }
}
