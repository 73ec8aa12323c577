package org.multiprocessing4j.hazelcast.internal;

import java.io.Serializable;
import java.util.UUID;

/**
 * Where a process stands in its program's tree, as the cluster backend knows it: the cluster-wide
 * id its exits and children are filed under, its name, pid and daemon flag, its parent's (or none,
 * for the main process), and for a child the cluster and member that started it, which it connects
 * to as a client.
 */
record ProcessPlace(String id, String name, long pid, boolean daemon, String parentId, String parentName,
        long parentPid, String cluster, String member) implements Serializable {

    /** This JVM's place: the main process's unless a child target has said otherwise. */
    private static volatile ProcessPlace current = new ProcessPlace(UUID.randomUUID().toString(), "MainProcess",
            ProcessHandle.current().pid(), false, null, null, 0, null, null);

    static ProcessPlace current() {
        return current;
    }

    static void becomeChild(ProcessPlace place) {
        current = place;
    }

    /** This place as the child itself knows it, once started: with its pid and its member. */
    ProcessPlace started(long childPid, String cluster, String member) {
        return new ProcessPlace(id, name, childPid, daemon, parentId, parentName, parentPid, cluster, member);
    }

    boolean isChild() {
        return parentId != null;
    }
}
