package org.multiprocessing4j.hazelcast.internal;

import java.util.Map;
import org.multiprocessing4j.function.SerializableRunnable;
import org.multiprocessing4j.spi.Serializer;

/**
 * What a member's local child runs: takes the child's place in the program's tree, then decodes
 * and runs the program's target. The place comes first, since decoding binds the target's shared
 * objects, which connect this JVM to the cluster as a client of its member. After the target, as a
 * local child does, it waits for the child's other threads and its non-daemon children, terminates
 * its daemon children, then leaves the cluster, so that its JVM can end.
 *
 * <p>The parent's context becomes the child's default one, named by the same system properties a
 * program is started with, so that a target using {@code Multiprocessing}'s methods works on the
 * cluster as it does on one machine.
 */
final class ChildTarget implements SerializableRunnable {

    private static final long serialVersionUID = 1L;
    private static final String CONTEXT_PROPERTY = "multiprocessing4j.context";

    private final ProcessPlace place;
    private final String cluster;
    private final String member;
    private final Map<String, String> contextOptions;
    private final byte[] target;

    ChildTarget(ProcessPlace place, String cluster, String member, Map<String, String> contextOptions, byte[] target) {
        this.place = place;
        this.cluster = cluster;
        this.member = member;
        this.contextOptions = Map.copyOf(contextOptions);
        this.target = target;
    }

    @Override
    public void run() throws Exception {
        ProcessPlace.becomeChild(place.started(ProcessHandle.current().pid(), cluster, member));
        System.setProperty(CONTEXT_PROPERTY, HazelcastContextProvider.NAME);
        contextOptions.forEach((name, value) -> System.setProperty(CONTEXT_PROPERTY + "." + name, value));
        try {
            ((SerializableRunnable) SerializedBytes.read(Serializer.standard(), target)).run();
        } finally {
            ProgramEnd.awaitProgramThreads(thread -> false);
            ClusterRuntime.endAll();
        }
    }
}
