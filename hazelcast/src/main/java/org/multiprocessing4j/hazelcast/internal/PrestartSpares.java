package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Run on a member through its executor: waits, at most {@code timeout}, until the member's spare
 * JVMs are ready for children, and answers whether they are.
 */
final class PrestartSpares implements Callable<Boolean>, HazelcastInstanceAware, Serializable {

    private static final long serialVersionUID = 1L;

    private final Duration timeout;
    private transient HazelcastInstance member;

    PrestartSpares(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        member = instance;
    }

    @Override
    public Boolean call() throws InterruptedException {
        return MemberProcesses.of(member).prestart(timeout);
    }
}
