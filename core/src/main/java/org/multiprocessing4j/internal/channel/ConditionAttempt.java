package org.multiprocessing4j.internal.channel;

import java.util.function.BooleanSupplier;
import org.multiprocessing4j.internal.shm.WaitGate;

/** A wait for a condition on a ring's words, which nothing but a change of those words makes true. */
final class ConditionAttempt implements WaitGate.Attempt {

    private final BooleanSupplier condition;

    ConditionAttempt(BooleanSupplier condition) {
        this.condition = condition;
    }

    @Override
    public boolean tryFinish() {
        return condition.getAsBoolean();
    }

    @Override
    public boolean canFinish() {
        return condition.getAsBoolean();
    }
}
