package org.multiprocessing4j.python.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import org.multiprocessing4j.python.CPythonException;
import org.multiprocessing4j.python.CPythonObject;

/**
 * A {@code Lock} over a {@code threading.Lock} (or {@code RLock}, {@code Semaphore}) in a CPython
 * manager's server, through CPython's {@code AcquirerProxy}: {@code acquire} and {@code release}.
 * A wait happens in the server and is not cut short by an interrupt, which is kept for after it
 * (a lock acquired there meanwhile would stay held); timed waits end in time. Releasing a lock that
 * is not held throws {@link IllegalMonitorStateException}. It has no {@link Condition}.
 */
public final class PythonLock implements Lock {

    private final CPythonObject lock;

    public PythonLock(CPythonObject lock) {
        this.lock = lock;
    }

    @Override
    public void lock() {
        lock.call("acquire");
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        lock();
    }

    @Override
    public boolean tryLock() {
        return (Boolean) lock.call("acquire", false);
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        double seconds = Math.max(0, unit.toNanos(time)) / 1e9;
        return seconds > PythonQueue.LONGEST_SECONDS ? (Boolean) lock.call("acquire", true)
                : (Boolean) lock.call("acquire", true, seconds);
    }

    @Override
    public void unlock() {
        try {
            lock.call("release");
        } catch (CPythonException e) {
            if (e.pythonType().equals("builtins.RuntimeError") || e.pythonType().equals("builtins.ValueError")) {
                throw new IllegalMonitorStateException(e.getMessage());
            }
            throw e;
        }
    }

    @Override
    public Condition newCondition() {
        throw new UnsupportedOperationException("a CPython manager's lock has no condition here: create a "
                + "Condition in the server instead");
    }
}
