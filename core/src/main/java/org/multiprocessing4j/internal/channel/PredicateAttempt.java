package org.multiprocessing4j.internal.channel;

import java.util.function.BooleanSupplier;
import org.multiprocessing4j.internal.shm.WaitGate;

/**
 * A wait that is over when a predicate on a ring's words holds, or, looked at before each sleep,
 * when something no wake-up announces (a process that died) ends it.
 */
final class PredicateAttempt implements WaitGate.Attempt {

    private final BooleanSupplier predicate;
    private final BooleanSupplier recovery;

    PredicateAttempt(BooleanSupplier predicate) {
        this(predicate, () -> false);
    }

    /**
     * @param predicate what is waited for; cheap, called often
     * @param recovery whether the wait is over for another reason; called before each sleep
     */
    PredicateAttempt(BooleanSupplier predicate, BooleanSupplier recovery) {
        this.predicate = predicate;
        this.recovery = recovery;
    }

    @Override
    public boolean tryFinish() {
        return predicate.getAsBoolean();
    }

    @Override
    public boolean canFinish() {
        return predicate.getAsBoolean();
    }

    @Override
    public boolean recover() {
        return recovery.getAsBoolean();
    }
}
