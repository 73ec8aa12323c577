package org.multiprocessing4j.internal.shm;

import java.lang.ref.Cleaner;
import java.util.concurrent.ThreadFactory;

/**
 * Gives up what a collected copy of a shared object held (a ring's place, a cell's user bit), as
 * Python gives up a connection, queue or lock that it collects: one daemon thread for the whole
 * library, made with the first copy.
 */
public final class CopyCleaner implements ThreadFactory {

    private static final Cleaner CLEANER = Cleaner.create(new CopyCleaner());

    private CopyCleaner() {
    }

    /**
     * Runs {@code release} once {@code copy} is unreachable, unless it was run before.
     *
     * @param copy the object whose collection gives its holds up
     * @param release what gives them up; it must not reference {@code copy}
     * @return what runs it at once instead, for a close: afterwards nothing references it
     */
    public static Cleaner.Cleanable whenUnreachable(Object copy, Runnable release) {
        return CLEANER.register(copy, release);
    }

    @Override
    public Thread newThread(Runnable r) {
        return new Thread(r, "multiprocessing4j cleaner");
    }
}
