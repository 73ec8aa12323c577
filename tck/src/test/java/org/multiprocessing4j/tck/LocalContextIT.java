package org.multiprocessing4j.tck;

import org.junit.jupiter.api.Nested;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.StartMethod;

/**
 * The contract suite on the local backend: every contract with its default context (children
 * started warm), and the contracts of processes again with children started cold.
 */
class LocalContextIT {

    private static final ProcessContext WARM = ProcessContext.local();
    private static final ProcessContext COLD = ProcessContext.local(StartMethod.COLD);

    @Nested
    class ChildProcesses extends ChildProcessContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class ColdChildProcesses extends ChildProcessContract {
        @Override
        protected ProcessContext context() {
            return COLD;
        }
    }

    @Nested
    class ChildExits extends ChildExitContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class ColdChildExits extends ChildExitContract {
        @Override
        protected ProcessContext context() {
            return COLD;
        }
    }

    @Nested
    class ProcessIdentities extends ProcessIdentityContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class ColdProcessIdentities extends ProcessIdentityContract {
        @Override
        protected ProcessContext context() {
            return COLD;
        }
    }

    @Nested
    class Queues extends QueueContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class QueuesAcrossProcesses extends QueueAcrossProcessesContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class Pipes extends PipeContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class PipesAcrossProcesses extends PipeAcrossProcessesContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class WaitingOnMany extends WaitAnyContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class WaitingOnManyAcrossProcesses extends WaitAnyAcrossProcessesContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class Locks extends LockContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class LocksAcrossProcesses extends LockAcrossProcessesContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class Conditions extends ConditionContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class Semaphores extends SemaphoreContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class Events extends EventContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class Barriers extends BarrierContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class CoordinationAcrossProcesses extends CoordinationAcrossProcessesContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class BarriersAcrossProcesses extends BarrierAcrossProcessesContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class SharedMemories extends SharedMemoryContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class SharedValues extends SharedValueContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class SharedMemoriesAcrossProcesses extends SharedMemoryAcrossProcessesContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class ShareableLists extends ShareableListContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class SharedArrays extends SharedArrayContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class Pools extends PoolContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class PoolsAsExecutorServices extends PoolExecutorServiceContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class PoolFailures extends PoolFailuresContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class PoolOptions extends PoolOptionsContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class TimeoutForms extends TimeoutFormsContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class Managers extends ManagerContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }

    @Nested
    class ManagerFailures extends ManagerFailuresContract {
        @Override
        protected ProcessContext context() {
            return WARM;
        }
    }
}
