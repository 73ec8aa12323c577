package org.multiprocessing4j.internal.shm;

import java.lang.ref.Cleaner;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gives up what a collected copy of a shared object held (a ring's place, a cell's user bit), as
 * Python gives up a connection, queue or lock that it collects: one daemon thread for the whole
 * library, made with the first copy.
 */
public final class CopyCleaner implements ThreadFactory {

    private static final Cleaner CLEANER = Cleaner.create(new CopyCleaner());
    private static final AtomicInteger RELEASED = new AtomicInteger();

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
        return CLEANER.register(copy, new Counted(release));
    }

    /**
     * How many releases have run so far, wrapping around: a requested collection watches it, since
     * what a release gives up is only freed by the collection after it.
     */
    static int released() {
        return RELEASED.get();
    }

    @Override
    public Thread newThread(Runnable r) {
        return new Thread(r, "multiprocessing4j cleaner");
    }

    private static final class Counted implements Runnable {

        private final Runnable release;

        Counted(Runnable release) {
            this.release = release;
        }

        @Override
        public void run() {
            try {
                release.run();
            } finally {
                RELEASED.incrementAndGet();
            }
        }
    }
}
