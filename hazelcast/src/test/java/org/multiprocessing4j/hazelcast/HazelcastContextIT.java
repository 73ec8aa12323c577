package org.multiprocessing4j.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Multiprocessing;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessQueue;
import org.multiprocessing4j.tck.BarrierAcrossProcessesContract;
import org.multiprocessing4j.tck.BarrierContract;
import org.multiprocessing4j.tck.ChildExitContract;
import org.multiprocessing4j.tck.ChildProcessContract;
import org.multiprocessing4j.tck.ConditionContract;
import org.multiprocessing4j.tck.CoordinationAcrossProcessesContract;
import org.multiprocessing4j.tck.EventContract;
import org.multiprocessing4j.tck.LockAcrossProcessesContract;
import org.multiprocessing4j.tck.LockContract;
import org.multiprocessing4j.tck.ManagerContract;
import org.multiprocessing4j.tck.ManagerFailuresContract;
import org.multiprocessing4j.tck.PipeAcrossProcessesContract;
import org.multiprocessing4j.tck.PipeContract;
import org.multiprocessing4j.tck.PoolContract;
import org.multiprocessing4j.tck.PoolExecutorServiceContract;
import org.multiprocessing4j.tck.PoolFailuresContract;
import org.multiprocessing4j.tck.PoolOptionsContract;
import org.multiprocessing4j.tck.ProcessIdentityContract;
import org.multiprocessing4j.tck.QueueAcrossProcessesContract;
import org.multiprocessing4j.tck.QueueContract;
import org.multiprocessing4j.tck.SemaphoreContract;
import org.multiprocessing4j.tck.SharedArrayContract;
import org.multiprocessing4j.tck.SharedValueContract;
import org.multiprocessing4j.tck.TimeoutFormsContract;
import org.multiprocessing4j.tck.WaitAnyAcrossProcessesContract;
import org.multiprocessing4j.tck.WaitAnyContract;

/**
 * The contract suite on a cluster of two member JVMs on 127.0.0.1, used by the test JVM as a
 * client: every contract but those of named shared memory, which has no meaning on a cluster.
 */
class HazelcastContextIT {

    private static MemberJvms members;
    private static ProcessContext cluster;

    @BeforeAll
    static void startMembers() {
        members = new MemberJvms(2);
        cluster = members.client();
    }

    @AfterAll
    static void stopMembers() {
        members.close();
    }

    /** A contended cluster lock changes hands in a few milliseconds, an atomic update takes a round trip. */
    static int fewerContendedUpdates(int onTheLocalBackend) {
        return Math.min(onTheLocalBackend, 100);
    }

    @Nested
    class ChildProcesses extends ChildProcessContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }
    }

    @Nested
    class ChildExits extends ChildExitContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }
    }

    @Nested
    class ProcessIdentities extends ProcessIdentityContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }
    }

    @Nested
    class Queues extends QueueContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }
    }

    @Nested
    class QueuesAcrossProcesses extends QueueAcrossProcessesContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }

        @Override
        protected int queueRoom() {
            return 0;
        }

        @Override
        protected int streamMessages() {
            return 20_000;
        }

        @Override
        protected int freshProcesses(int onTheLocalBackend) {
            return onTheLocalBackend / 3;
        }
    }

    @Nested
    class Locks extends LockContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }

        @Override
        protected int streamMessages() {
            return 20_000;
        }
    }

    @Nested
    class LocksAcrossProcesses extends LockAcrossProcessesContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }

        @Override
        protected int contendedUpdates(int onTheLocalBackend) {
            return fewerContendedUpdates(onTheLocalBackend);
        }

        /** A holder's death is noticed when its connection's end reaches the members, about a second. */
        @Override
        protected Duration holderDeathNoticedWithin() {
            return Duration.ofSeconds(5);
        }
    }

    @Nested
    class Semaphores extends SemaphoreContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }
    }

    @Nested
    class Events extends EventContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }
    }

    @Nested
    class Conditions extends ConditionContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }
    }

    @Nested
    class CoordinationAcrossProcesses extends CoordinationAcrossProcessesContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }
    }

    @Nested
    class Barriers extends BarrierContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }
    }

    @Nested
    class BarriersAcrossProcesses extends BarrierAcrossProcessesContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }
    }

    @Nested
    class SharedValues extends SharedValueContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }

        @Override
        protected int contendedUpdates(int onTheLocalBackend) {
            return fewerContendedUpdates(onTheLocalBackend);
        }
    }

    @Nested
    class SharedArrays extends SharedArrayContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }

        @Override
        protected int contendedUpdates(int onTheLocalBackend) {
            return fewerContendedUpdates(onTheLocalBackend);
        }

        /** Three pieces of an array, the last one short. */
        @Override
        protected int largeArrayLength() {
            return 3_001;
        }

        @Override
        protected boolean hasBufferViews() {
            return false;
        }
    }

    @Nested
    class Pipes extends PipeContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }
    }

    @Nested
    class PipesAcrossProcesses extends PipeAcrossProcessesContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }
    }

    @Nested
    class WaitingOnMany extends WaitAnyContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }
    }

    @Nested
    class WaitingOnManyAcrossProcesses extends WaitAnyAcrossProcessesContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }
    }

    @Nested
    class Pools extends PoolContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }
    }

    @Nested
    class PoolsAsExecutorServices extends PoolExecutorServiceContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }
    }

    @Nested
    class PoolFailures extends PoolFailuresContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }
    }

    @Nested
    class PoolOptions extends PoolOptionsContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }
    }

    @Nested
    class Managers extends ManagerContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }

        @Override
        protected int contendedUpdates(int onTheLocalBackend) {
            return fewerContendedUpdates(onTheLocalBackend);
        }
    }

    @Nested
    class ManagerFailures extends ManagerFailuresContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }
    }

    @Nested
    class DefaultContexts {
        @Test
        @Timeout(120)
        void aChildAndItsChildrenHaveTheParentsContextAsTheirDefault() throws InterruptedException {
            ProcessQueue<Object> seen = cluster.queue();
            ChildProcess child = cluster.process(() -> {
                seen.put(Multiprocessing.context().options());
                ChildProcess grandchild = Multiprocessing.process(() -> seen.put(Multiprocessing.context().name()));
                grandchild.start();
                grandchild.join();
            });
            child.start();
            child.join(Duration.ofSeconds(90));
            assertThat(child.exitCode()).isEqualTo(0);
            assertThat(seen.take()).isEqualTo(cluster.options());
            assertThat(seen.take()).isEqualTo("hazelcast");
        }
    }

    @Nested
    class Starts {
        @Test
        @Timeout(120)
        void aChildTakesTheConnectionItsSpareMadeAheadUnlessItHasJvmOptionsOfItsOwn() throws InterruptedException {
            ProcessQueue<Boolean> connectedAhead = cluster.queue();
            // every member's spares ready: the next child takes one
            assertThat(cluster.prestart(Duration.ofSeconds(60))).isTrue();
            assertThat(startedConnectedAhead(connectedAhead)).as("a child found its spare's connection").isTrue();
            assertThat(startedConnectedAhead(connectedAhead, "-Xss2m")).as("a child with JVM options of its own")
                    .isFalse();
        }

        /**
         * Whether a child with {@code jvmOptions} uses the connection its spare made, and no other:
         * Hazelcast names a client's threads after it, and a client made on the spot is
         * {@code client_<n>}.
         */
        private boolean startedConnectedAhead(ProcessQueue<Boolean> answers, String... jvmOptions)
                throws InterruptedException {
            ChildProcess child = cluster.process(() -> {
                answers.isEmpty(); // connects this child
                Set<String> threads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                        .collect(Collectors.toSet());
                answers.put(threads.stream().anyMatch(name -> name.contains("multiprocessing4j-spare-"))
                        && threads.stream().noneMatch(name -> name.contains("client_")));
            }).jvmOptions(jvmOptions);
            child.start();
            child.join(Duration.ofSeconds(60));
            assertThat(child.exitCode()).isEqualTo(0);
            return answers.take();
        }
    }

    @Nested
    class TimeoutForms extends TimeoutFormsContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }
    }
}
