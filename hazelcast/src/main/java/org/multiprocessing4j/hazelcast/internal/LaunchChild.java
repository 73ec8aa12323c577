package org.multiprocessing4j.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Run on a member through its executor: starts a child there and answers its pid. The target
 * travels as the bytes the parent encoded, so that the member never builds the program's objects.
 */
final class LaunchChild implements Callable<Long>, HazelcastInstanceAware, Serializable {

    private static final long serialVersionUID = 1L;

    final ProcessPlace place;
    final UUID parentEndpoint;
    final byte[] target;
    final Map<String, String> contextOptions;
    final List<String> jvmOptions;
    final Map<String, String> environment;
    final String directory;
    final Redirection output;
    final Redirection error;
    private transient HazelcastInstance member;

    LaunchChild(ProcessPlace place, UUID parentEndpoint, byte[] target, Map<String, String> contextOptions,
            List<String> jvmOptions, Map<String, String> environment, String directory, Redirection output,
            Redirection error) {
        this.place = place;
        this.parentEndpoint = parentEndpoint;
        this.target = target;
        this.contextOptions = contextOptions;
        this.jvmOptions = jvmOptions;
        this.environment = environment;
        this.directory = directory;
        this.output = output;
        this.error = error;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        member = instance;
    }

    @Override
    public Long call() {
        return MemberProcesses.of(member).launch(this);
    }
}
