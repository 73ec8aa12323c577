package org.multiprocessing4j.hazelcast;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.tck.ChildExitContract;
import org.multiprocessing4j.tck.ChildProcessContract;
import org.multiprocessing4j.tck.EventContract;
import org.multiprocessing4j.tck.LockAcrossProcessesContract;
import org.multiprocessing4j.tck.LockContract;
import org.multiprocessing4j.tck.ProcessIdentityContract;
import org.multiprocessing4j.tck.QueueAcrossProcessesContract;
import org.multiprocessing4j.tck.QueueContract;
import org.multiprocessing4j.tck.SemaphoreContract;

/**
 * The contract suite on a cluster of two member JVMs on 127.0.0.1, used by the test JVM as a
 * client: the contracts of what the cluster backend maps so far.
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
    @ExtendWith(NeedsPipes.class)
    class ProcessIdentities extends ProcessIdentityContract {
        @Override
        protected ProcessContext context() {
            return cluster;
        }
    }

    /**
     * Skips, saying so, the contract tests that need pipes or barriers, which the cluster backend
     * does not map yet.
     */
    static final class NeedsPipes implements ExecutionCondition {
        private static final Set<String> TESTS = Set.of(
                "fourProcessesIncrementingUnderTheGuardEndAtExactlyFourHundredThousand",
                "testRecursion_childrenAndGrandchildrenStartedAndJoinedInTurnReportInTheOrderOfTheTree",
                "aQueueAndAPipeWithJdkSerializationCarryItIntoAChild",
                "aPipeEndSeenInASnapshotIsAClosedCopyAndTheEndOfDataStillComesWhenItsTakerCloses");

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getTestMethod().filter(method -> TESTS.contains(method.getName()))
                    .map(method -> ConditionEvaluationResult.disabled("needs pipes or barriers, not mapped onto the cluster yet"))
                    .orElse(ConditionEvaluationResult.enabled("needs no pipe"));
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
    @ExtendWith(NeedsPipes.class)
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
    @ExtendWith(NeedsPipes.class)
    class LocksAcrossProcesses extends LockAcrossProcessesContract {
        @Override
        protected ProcessContext context() {
            return cluster;
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
}
