package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.map.EntryProcessor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Who holds one end of a cluster pipe, as its map entry keeps it: the processes that have a copy
 * (one holder each, however many copies), and the copies on their way to another process, each
 * held under a token by the endpoint of the process that sent it. The entry goes when the last
 * holder does: from then on the end is gone for good, and its peer gets the end of data or a
 * broken pipe. Whether the end reads and writes says what its going means.
 *
 * @param holders who holds the end
 * @param reads whether the end receives
 * @param writes whether the end sends
 */
record EndHolders(List<Holder> holders, boolean reads, boolean writes) implements Serializable {

    /** A process ({@code id} its process id) or a copy in flight ({@code id} its token), and its endpoint. */
    record Holder(String id, String endpoint) implements Serializable {
    }

    EndHolders {
        holders = List.copyOf(holders);
    }

    private EndHolders with(List<Holder> changed) {
        return new EndHolders(changed, reads, writes);
    }

    /**
     * Adds {@code holder} (once) to a live end, in place of the copy in flight under {@code replacing}
     * if there is one; answers whether the end is live.
     */
    record Join(String replacing, Holder holder) implements EntryProcessor<String, EndHolders, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, EndHolders> entry) {
            EndHolders now = entry.getValue();
            if (now == null) {
                return false;
            }
            List<Holder> changed = new ArrayList<>(now.holders);
            changed.removeIf(held -> held.id.equals(replacing));
            if (changed.stream().noneMatch(held -> held.id.equals(holder.id))) {
                changed.add(holder);
            }
            entry.setValue(now.with(changed));
            return true;
        }
    }

    /** Takes the holder {@code id} away; answers the end as it was if that was its last holder. */
    record Leave(String id) implements EntryProcessor<String, EndHolders, EndHolders> {
        @Override
        public EndHolders process(Map.Entry<String, EndHolders> entry) {
            return remove(entry, held -> held.id.equals(id));
        }
    }

    /** Takes every holder of {@code endpoint}, which has left the cluster, away; answers as {@link Leave}. */
    record Abandon(String endpoint) implements EntryProcessor<String, EndHolders, EndHolders> {
        @Override
        public EndHolders process(Map.Entry<String, EndHolders> entry) {
            return remove(entry, held -> held.endpoint.equals(endpoint));
        }
    }

    private static EndHolders remove(Map.Entry<String, EndHolders> entry, Predicate<Holder> gone) {
        EndHolders now = entry.getValue();
        if (now == null) {
            return null;
        }
        List<Holder> changed = new ArrayList<>(now.holders);
        if (!changed.removeIf(gone)) {
            return null;
        }
        if (changed.isEmpty()) {
            entry.setValue(null);
            return now;
        }
        entry.setValue(now.with(changed));
        return null;
    }
}
