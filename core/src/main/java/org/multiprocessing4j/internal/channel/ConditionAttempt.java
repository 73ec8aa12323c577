package org.multiprocessing4j.internal.channel;

import java.util.function.BooleanSupplier;
import org.multiprocessing4j.internal.shm.WaitGate;

/**
 * A wait for a condition on a ring's words, and, before each sleep, for what no wake-up announces
 * (a process that died).
 */
final class ConditionAttempt implements WaitGate.Attempt {

    private final BooleanSupplier condition;
    private final BooleanSupplier recovery;

    ConditionAttempt(BooleanSupplier condition) {
        this(condition, () -> false);
    }

    /**
     * @param condition what is waited for; cheap, called often
     * @param recovery whether the wait is over for another reason; called before each sleep
     */
    ConditionAttempt(BooleanSupplier condition, BooleanSupplier recovery) {
        this.condition = condition;
        this.recovery = recovery;
    }

    @Override
    public boolean tryFinish() {
        return condition.getAsBoolean();
    }

    @Override
    public boolean canFinish() {
        return condition.getAsBoolean();
    }

    @Override
    public boolean recover() {
        return recovery.getAsBoolean();
    }
}
