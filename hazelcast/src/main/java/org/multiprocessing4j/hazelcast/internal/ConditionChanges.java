package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The entry processors that change a cluster condition's {@link ConditionWaiters}: atomic on the entry's owner. */
final class ConditionChanges {

    private ConditionChanges() {
    }

    private static ConditionWaiters change(Map.Entry<String, ConditionWaiters> entry,
            UnaryOperator<ConditionWaiters> change) {
        ConditionWaiters before = entry.getValue() == null ? ConditionWaiters.NONE : entry.getValue();
        ConditionWaiters after = change.apply(before);
        // an entry nobody waits on goes, so that a condition no longer used leaves nothing behind
        entry.setValue(after.isEmpty() ? null : after);
        return before;
    }

    record Enqueue(String ticket, String endpoint) implements EntryProcessor<String, ConditionWaiters, Void> {
        @Override
        public Void process(Map.Entry<String, ConditionWaiters> entry) {
            change(entry, waiters -> waiters.enqueue(ticket, endpoint));
            return null;
        }
    }

    record Signal(boolean all) implements EntryProcessor<String, ConditionWaiters, Void> {
        @Override
        public Void process(Map.Entry<String, ConditionWaiters> entry) {
            change(entry, waiters -> waiters.signal(all));
            return null;
        }
    }

    /** Takes the waiter of {@code ticket} out; answers whether it had been signalled. */
    record Leave(String ticket) implements EntryProcessor<String, ConditionWaiters, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, ConditionWaiters> entry) {
            return change(entry, waiters -> waiters.leave(ticket)).isSignalled(ticket);
        }
    }

    /** Marks the waiters of {@code endpoint}, which has left the cluster, dead on every condition. */
    record Abandon(String endpoint) implements EntryProcessor<String, ConditionWaiters, Void> {
        @Override
        public Void process(Map.Entry<String, ConditionWaiters> entry) {
            if (entry.getValue() != null) {
                change(entry, waiters -> waiters.abandon(endpoint));
            }
            return null;
        }
    }
}
