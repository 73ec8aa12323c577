package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/** The entry processors that take, give back and orphan cluster locks: atomic on each entry's owner. */
final class LockChanges {

    /** What an attempt to take a lock found. */
    enum Taken { TAKEN, BUSY, HELD_BY_CALLER }

    private LockChanges() {
    }

    /** Takes the lock for {@code holder} if it is free or its holder died; counts one more hold if reentrant. */
    record Take(LockHolder holder, boolean reentrant) implements EntryProcessor<String, LockHolder, Taken> {
        @Override
        public Taken process(Map.Entry<String, LockHolder> entry) {
            LockHolder now = entry.getValue();
            if (now == null || !now.isHeld()) {
                boolean died = now != null && now.ownerDied();
                entry.setValue(new LockHolder(holder.process(), holder.endpoint(), holder.pid(), holder.thread(), 1,
                        died));
                return Taken.TAKEN;
            }
            if (!now.isHeldBy(holder.process(), holder.thread())) {
                return Taken.BUSY;
            }
            if (!reentrant) {
                return Taken.HELD_BY_CALLER;
            }
            entry.setValue(new LockHolder(now.process(), now.endpoint(), now.pid(), now.thread(), now.holds() + 1,
                    now.ownerDied()));
            return Taken.TAKEN;
        }
    }

    /** Gives one hold back; answers whether the caller held the lock. */
    record Release(String process, long thread) implements EntryProcessor<String, LockHolder, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, LockHolder> entry) {
            LockHolder now = entry.getValue();
            if (now == null || !now.isHeld() || !now.isHeldBy(process, thread)) {
                return false;
            }
            if (now.holds() > 1) {
                entry.setValue(new LockHolder(now.process(), now.endpoint(), now.pid(), now.thread(),
                        now.holds() - 1, now.ownerDied()));
            } else {
                entry.setValue(null);
            }
            return true;
        }
    }

    /** Marks every lock held by a process of {@code endpoint}, which has left the cluster, as orphaned. */
    record Orphan(String endpoint) implements EntryProcessor<String, LockHolder, Void> {
        @Override
        public Void process(Map.Entry<String, LockHolder> entry) {
            LockHolder now = entry.getValue();
            if (now != null && endpoint.equals(now.endpoint())) {
                entry.setValue(LockHolder.DIED);
            }
            return null;
        }
    }
}
