package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serializable;
import java.util.concurrent.Callable;

/** Run on the member of a child: terminates or kills it, if it still runs there. */
final class SignalChild implements Callable<Boolean>, HazelcastInstanceAware, Serializable {

    private static final long serialVersionUID = 1L;

    private final String id;
    private final boolean kill;
    private transient HazelcastInstance member;

    SignalChild(String id, boolean kill) {
        this.id = id;
        this.kill = kill;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        member = instance;
    }

    @Override
    public Boolean call() {
        return MemberProcesses.of(member).signal(id, kill);
    }
}
