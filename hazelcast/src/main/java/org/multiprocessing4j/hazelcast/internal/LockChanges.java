package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/** The entry processors that take, give back and orphan cluster locks: atomic on each entry's owner. */
final class LockChanges {

    /** What an attempt to take a lock found. */
    enum Taken { TAKEN, BUSY, HELD_BY_CALLER }

    private LockChanges() {
    }

    /**
     * Takes the lock for {@code holder}, with its hold count, if it is free or its holder died;
     * adds the holds to the caller's if reentrant.
     */
    record Take(LockHolder holder, boolean reentrant) implements EntryProcessor<String, LockHolder, Taken> {
        @Override
        public Taken process(Map.Entry<String, LockHolder> entry) {
            LockHolder now = entry.getValue();
            if (now == null || !now.isHeld()) {
                boolean died = now != null && now.ownerDied();
                entry.setValue(new LockHolder(holder.process(), holder.endpoint(), holder.pid(), holder.thread(),
                        holder.holds(), died));
                return Taken.TAKEN;
            }
            if (!now.isHeldBy(holder.process(), holder.thread())) {
                return Taken.BUSY;
            }
            if (!reentrant) {
                return Taken.HELD_BY_CALLER;
            }
            entry.setValue(new LockHolder(now.process(), now.endpoint(), now.pid(), now.thread(),
                    now.holds() + holder.holds(), now.ownerDied()));
            return Taken.TAKEN;
        }
    }

    /** Gives one hold back, or all of them; answers how many the caller gave back: none if it held none. */
    record Release(String process, long thread, boolean all) implements EntryProcessor<String, LockHolder, Integer> {
        @Override
        public Integer process(Map.Entry<String, LockHolder> entry) {
            LockHolder now = entry.getValue();
            if (now == null || !now.isHeld() || !now.isHeldBy(process, thread)) {
                return 0;
            }
            int released = all ? now.holds() : 1;
            if (now.holds() > released) {
                entry.setValue(new LockHolder(now.process(), now.endpoint(), now.pid(), now.thread(),
                        now.holds() - released, now.ownerDied()));
            } else {
                entry.setValue(null);
            }
            return released;
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
