package org.multiprocessing4j.internal.sync;

import static org.multiprocessing4j.internal.sync.MutexLayout.GATE;
import static org.multiprocessing4j.internal.sync.MutexLayout.HOLDER;
import static org.multiprocessing4j.internal.sync.MutexLayout.HOLDS;
import static org.multiprocessing4j.internal.sync.MutexLayout.OWNER;

import org.multiprocessing4j.internal.shm.Cell;
import org.multiprocessing4j.internal.shm.CellHandle;
import org.multiprocessing4j.internal.shm.CellKind;
import org.multiprocessing4j.internal.shm.SegmentDirectory;
import org.multiprocessing4j.internal.shm.WaitGate;

/**
 * A lock in shared memory that survives the death of its holder: the engine of the public locks.
 *
 * <p>Implementation note. Taking the lock is one compare-and-set of the {@code owner} word from 0
 * to this process's {@linkplain Owners owner word}, followed by a plain write of the holding
 * thread's token; releasing it is a plain write clearing the token, a release store of 0 to
 * {@code owner}, and one plain read of the wait gate (see {@link MutexLayout} and
 * {@link WaitGate#wakeAfterRelease}): one atomic instruction for a lock and an unlock. Waiters go
 * through the {@link WaitGate}, one woken per release; the lock is not fair: a thread that comes
 * along may take it before a woken one does.
 *
 * <p>Before each sleep a waiter checks, at most every {@value #RECHECK_MILLIS} ms and never more
 * than once per sleep, whether the owner's process is still running. When it is not, the waiter
 * takes the owner word over with a compare-and-set that sets the {@linkplain Owners#DIED died}
 * bit, which {@link #ownerDied()} reports until the lock is fully released. Since sleeps last at
 * most 50 ms, a dead holder is replaced within a fraction of a second.
 */
public final class RobustMutex {

    private static final long RECHECK_MILLIS = 250;
    private static final long RECHECK_NANOS = RECHECK_MILLIS * 1_000_000;

    private final Cell cell;
    private final WaitGate gate;
    private final boolean reentrant;

    // the last liveness check; racy on purpose: a lost update only costs one more check
    private long checkedOwner;
    private long checkedAt;

    private RobustMutex(Cell cell, boolean reentrant) {
        this.cell = cell;
        this.gate = new WaitGate(cell, GATE, WaitGate.Policy.MUTEX);
        this.reentrant = reentrant;
    }

    /**
     * A new, free lock in a new cell of this process.
     *
     * @param shm where its cell is allocated
     * @param reentrant whether the holding thread may take it again
     * @return the lock
     */
    public static RobustMutex create(SegmentDirectory shm, boolean reentrant) {
        return new RobustMutex(shm.allocateCell(CellKind.LOCK), reentrant);
    }

    /**
     * The lock in {@code cell}, a cell of a larger structure that crosses processes as a whole
     * (a ring's); a new cell is zero, which is a free lock.
     *
     * @param cell the lock's cell
     * @param reentrant whether the holding thread may take it again
     * @return the lock
     */
    public static RobustMutex in(Cell cell, boolean reentrant) {
        return new RobustMutex(cell, reentrant);
    }

    /**
     * The lock named by {@code handle}, mapped into this process.
     *
     * @param handle the lock's cell
     * @param reentrant whether it was created reentrant
     * @return the lock
     */
    public static RobustMutex attach(CellHandle handle, boolean reentrant) {
        return new RobustMutex(handle.attach(), reentrant);
    }

    public CellHandle handle() {
        return cell.handle();
    }

    public void lock() {
        long holder = Owners.currentHolder();
        if (!take(holder) && !reenter(holder, true)) {
            try {
                gate.await(new Acquire(holder), WaitGate.FOREVER, false);
            } catch (InterruptedException e) {
                throw new AssertionError("an uninterruptible wait was interrupted", e);
            }
        }
    }

    public boolean tryLock(long timeoutNanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long holder = Owners.currentHolder();
        if (take(holder) || reenter(holder, false)) {
            return true;
        }
        if (!reentrant && isHeldBy(holder)) {
            return false;
        }
        return gate.await(new Acquire(holder), timeoutNanos, true);
    }

    public void lockInterruptibly() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long holder = Owners.currentHolder();
        if (!take(holder) && !reenter(holder, true)) {
            gate.await(new Acquire(holder), WaitGate.FOREVER, true);
        }
    }

    public boolean tryLock() {
        long holder = Owners.currentHolder();
        return take(holder) || reenter(holder, false) || recover(cell.getLongVolatile(OWNER), holder);
    }

    public void unlock() {
        if (!isHeldBy(Owners.currentHolder())) {
            throw new IllegalMonitorStateException("the current thread does not hold this lock");
        }
        if (reentrant) {
            int holds = cell.getInt(HOLDS);
            if (holds > 0) {
                cell.putInt(HOLDS, holds - 1);
                return;
            }
        }
        release();
    }

    private void release() {
        // cleared first: the release store below publishes it with everything else the holder wrote
        cell.putLong(HOLDER, 0);
        cell.putLongRelease(OWNER, 0);
        gate.wakeAfterRelease(1);
    }

    /** The pid of the process that holds the lock, 0 if it is free. */
    public long ownerPid() {
        return cell.getLongVolatile(OWNER) >>> 32;
    }

    public boolean isLocked() {
        return cell.getLongVolatile(OWNER) != 0;
    }

    public boolean isHeldByCurrentThread() {
        return isHeldBy(Owners.currentHolder());
    }

    /** How many times the current thread holds the lock: 0 if it does not. */
    public int holdCount() {
        return isHeldByCurrentThread() ? cell.getInt(HOLDS) + 1 : 0;
    }

    /** Whether the current thread holds the lock and took it over from a process that died. */
    public boolean ownerDied() {
        return isHeldByCurrentThread() && (cell.getLongVolatile(OWNER) & Owners.DIED) != 0;
    }

    /**
     * Releases every hold of the current thread, for a condition wait.
     *
     * @return the holds beyond the first, for {@link #reacquire(int)}
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    public int releaseAll() {
        if (!isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("the current thread does not hold this lock");
        }
        int holds = cell.getInt(HOLDS);
        cell.putInt(HOLDS, 0);
        release();
        return holds;
    }

    /** Takes the lock again after {@link #releaseAll()}, uninterruptibly, with the same holds. */
    public void reacquire(int holds) {
        lock();
        cell.putInt(HOLDS, holds);
    }

    private boolean isHeldBy(long holder) {
        return cell.getLong(HOLDER) == holder;
    }

    private boolean take(long holder) {
        if (cell.compareAndSetLong(OWNER, 0, Owners.SELF)) {
            cell.putLong(HOLDER, holder);
            return true;
        }
        return false;
    }

    /**
     * What to do when the current thread already holds the lock: take it once more if the lock is
     * reentrant; otherwise the wait could never end.
     */
    private boolean reenter(long holder, boolean blocking) {
        if (!isHeldBy(holder)) {
            return false;
        }
        if (!reentrant) {
            if (blocking) {
                throw new IllegalMonitorStateException(
                        "the current thread already holds this lock, which is not reentrant: waiting would never end");
            }
            return false;
        }
        cell.putInt(HOLDS, cell.getInt(HOLDS) + 1);
        return true;
    }

    /** Takes the lock over if {@code owner}'s process has died. */
    private boolean recover(long owner, long holder) {
        if (owner == 0 || !ownerIsGone(owner)) {
            return false;
        }
        if (!cell.compareAndSetLong(OWNER, owner, Owners.SELF | Owners.DIED)) {
            return false;
        }
        cell.putLong(HOLDER, holder);
        cell.putInt(HOLDS, 0);
        return true;
    }

    private boolean ownerIsGone(long owner) {
        long now = System.nanoTime();
        if (owner == checkedOwner && now - checkedAt < RECHECK_NANOS) {
            return false;
        }
        boolean gone = Owners.isGone(owner);
        checkedOwner = owner;
        checkedAt = now;
        return gone;
    }

    /** One try at taking the lock, for the wait gate. */
    private final class Acquire implements WaitGate.Attempt {

        private final long holder;

        Acquire(long holder) {
            this.holder = holder;
        }

        @Override
        public boolean tryFinish() {
            return cell.getLongVolatile(OWNER) == 0 && take(holder);
        }

        @Override
        public boolean canFinish() {
            return cell.getLongVolatile(OWNER) == 0;
        }

        @Override
        public boolean recover() {
            return RobustMutex.this.recover(cell.getLongVolatile(OWNER), holder);
        }
    }
}
