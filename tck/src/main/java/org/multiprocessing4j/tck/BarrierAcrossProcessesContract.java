package org.multiprocessing4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.ChildProcess;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.PipeEnd;
import org.multiprocessing4j.ProcessBarrier;
import org.multiprocessing4j.ProcessContext;
import org.multiprocessing4j.ProcessSemaphore;
import org.multiprocessing4j.function.SerializableRunnable;

/**
 * Barriers shared by child JVMs: parties in several processes pass in lockstep, generation after
 * generation; the action runs once per trip, before anyone goes on; an abort, a reset or a timeout
 * in one process is seen in the others, and a broken barrier is whole again after a reset.
 */
@Timeout(120)
public abstract class BarrierAcrossProcessesContract extends ContextContract {

    /** The parties of the barriers: this thread and two children. */
    private static final int PARTIES = 3;
    /** The arrival index of the one party that misbehaves, where a test needs one. */
    private static final int MIDDLE = PARTIES / 2;

    @TempDir
    Path dir;

    /** A count every process sees: the permits of a semaphore, one released for each {@link #add()}. */
    record SharedCount(ProcessSemaphore permits) implements Serializable {

        static SharedCount of(ProcessContext mp) {
            return new SharedCount(mp.semaphore(0));
        }

        void add() {
            permits.release();
        }

        int get() {
            return permits.availablePermits();
        }
    }

    /**
     * What the parties of the abort and reset tests count: those that passed the barrier a second
     * time (none should: one party aborts or resets it), those that found it broken, those that
     * passed it after the reset.
     */
    record Outcomes(SharedCount passed, SharedCount broken, SharedCount passedAgain) implements Serializable {

        static Outcomes of(ProcessContext mp) {
            return new Outcomes(SharedCount.of(mp), SharedCount.of(mp), SharedCount.of(mp));
        }

        /** Waits at the barrier a second time, and counts the party through or finding it broken. */
        void passOrFindBroken(ProcessBarrier barrier) throws Exception {
            try {
                barrier.await(PATIENCE);
                passed.add();
            } catch (BrokenBarrierException e) {
                broken.add();
            }
        }

        /** Waits at the barrier; the party with the middle index then aborts it, the others wait again. */
        void passUnlessTheMiddleAborts(ProcessBarrier barrier) throws Exception {
            if (barrier.await(PATIENCE) == MIDDLE) {
                barrier.abort();
            } else {
                passOrFindBroken(barrier);
            }
        }

        /** Waits at the barrier, whole again, and counts the party through. */
        void passAgain(ProcessBarrier barrier) throws Exception {
            barrier.await(PATIENCE);
            passedAgain.add();
        }

        void assertEveryOtherPartyFoundItBroken() {
            assertThat(passed.get()).isZero();
            assertThat(broken.get()).isEqualTo(PARTIES - 1);
        }

        void assertEveryPartyPassedAgain() {
            assertEveryOtherPartyFoundItBroken();
            assertThat(passedAgain.get()).isEqualTo(PARTIES);
        }
    }

    @Test
    void testBarrier_partiesInThreeProcessesPassInLockstep() throws Exception {
        passInLockstep(1);
    }

    @Test
    void testBarrier10_partiesInThreeProcessesPassInLockstepTenTimesOver() throws Exception {
        passInLockstep(10);
    }

    /**
     * Every party counts itself in before each wait and out after it: no party may see a count of
     * the next step before every party has done the step before.
     */
    private void passInLockstep(int passes) throws Exception {
        ProcessContext mp = context();
        ProcessBarrier barrier = mp.barrier(PARTIES);
        SharedCount before = SharedCount.of(mp);
        SharedCount after = SharedCount.of(mp);
        runParties(() -> {
            for (int pass = 0; pass < passes; pass++) {
                before.add();
                require(after.get() == pass * PARTIES, "the others were ahead: " + after.get());
                barrier.await(PATIENCE);
                after.add();
                require(before.get() == (pass + 1) * PARTIES, "the others were behind: " + before.get());
                barrier.await(PATIENCE);
            }
            require(barrier.numberWaiting() == 0, "parties still waiting: " + barrier.numberWaiting());
            require(!barrier.isBroken(), "the barrier broke");
        });
    }

    @Test
    void testWaitReturn_threeProcessesGetEveryArrivalIndexOnceInEachOfFiveGenerations() throws Exception {
        ProcessContext mp = context();
        Path actions = dir.resolve("actions");
        String actionsFile = actions.toString();
        ProcessBarrier barrier = mp.barrier(3, () -> Files.writeString(Path.of(actionsFile),
                "tripped by " + ProcessHandle.current().pid() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        List<ChildProcess> children = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String indices = dir.resolve("indices-" + i).toString();
            children.add(start(() -> {
                StringBuilder seen = new StringBuilder();
                for (int generation = 0; generation < 5; generation++) {
                    seen.append(barrier.await(60, TimeUnit.SECONDS)).append('\n');
                }
                Files.writeString(Path.of(indices), seen);
            }));
        }
        children.forEach(ContextContract::assertExitsCleanly);

        assertThat(Files.readAllLines(actions)).hasSize(5);
        for (int generation = 0; generation < 5; generation++) {
            int g = generation;
            List<Integer> indices = IntStream.range(0, 3)
                    .mapToObj(i -> Integer.parseInt(lines(dir.resolve("indices-" + i)).get(g))).toList();
            assertThat(indices).as("generation %d", generation).containsExactlyInAnyOrder(0, 1, 2);
        }
        assertThat(barrier.isBroken()).isFalse();
    }

    @Test
    void testAction_theActionRunsOnceInSomeProcessBeforeAnyPartyGoesOn() throws Exception {
        ProcessContext mp = context();
        SharedCount actions = SharedCount.of(mp);
        ProcessBarrier barrier = mp.barrier(PARTIES, actions::add);
        runParties(() -> {
            barrier.await(PATIENCE);
            require(actions.get() == 1, "actions run before this party went on: " + actions.get());
        });
        assertThat(actions.get()).isEqualTo(1);
    }

    @Test
    void testAbort_anAbortInOneProcessBreaksTheBarrierForThePartiesInTheOthers() throws Exception {
        ProcessContext mp = context();
        ProcessBarrier barrier = mp.barrier(PARTIES);
        Outcomes outcomes = Outcomes.of(mp);
        runParties(() -> outcomes.passUnlessTheMiddleAborts(barrier));
        outcomes.assertEveryOtherPartyFoundItBroken();
        assertThat(barrier.isBroken()).isTrue();
    }

    @Test
    void testReset_aResetInOneProcessReleasesTheWaitingPartiesAndTheBarrierServesAgain() throws Exception {
        ProcessContext mp = context();
        ProcessBarrier barrier = mp.barrier(PARTIES);
        Outcomes outcomes = Outcomes.of(mp);
        runParties(() -> {
            if (barrier.await(PATIENCE) == MIDDLE) {
                await().atMost(PATIENCE).until(() -> barrier.numberWaiting() == PARTIES - 1);
                barrier.reset();
            } else {
                outcomes.passOrFindBroken(barrier);
            }
            outcomes.passAgain(barrier);
        });
        outcomes.assertEveryPartyPassedAgain();
    }

    @Test
    void testAbortAndReset_aBarrierBrokenByAnAbortIsWholeAgainAfterAReset() throws Exception {
        ProcessContext mp = context();
        ProcessBarrier barrier = mp.barrier(PARTIES);
        ProcessBarrier meeting = mp.barrier(PARTIES);
        Outcomes outcomes = Outcomes.of(mp);
        runParties(() -> {
            outcomes.passUnlessTheMiddleAborts(barrier);
            // everyone has left the broken barrier before the reset, and nobody arrives before it is done
            if (meeting.await(PATIENCE) == MIDDLE) {
                barrier.reset();
            }
            meeting.await(PATIENCE);
            outcomes.passAgain(barrier);
        });
        outcomes.assertEveryPartyPassedAgain();
    }

    @Test
    void testTimeout_aTimeoutInOneProcessBreaksTheBarrierForThePartiesWaitingAndThoseArrivingLate() throws Exception {
        ProcessContext mp = context();
        ProcessBarrier barrier = mp.barrier(3);
        String patientFile = dir.resolve("patient").toString();
        String impatientFile = dir.resolve("impatient").toString();
        ChildProcess patient = start(() -> Files.writeString(Path.of(patientFile), outcome(() -> barrier.await())));
        await().atMost(PATIENCE).until(() -> barrier.numberWaiting() == 1);
        ChildProcess impatient = start(() -> Files.writeString(Path.of(impatientFile),
                outcome(() -> barrier.await(200, TimeUnit.MILLISECONDS))));
        assertExitsCleanly(patient);
        assertExitsCleanly(impatient);

        assertThat(Path.of(impatientFile)).hasContent(TimeoutException.class.getSimpleName());
        assertThat(Path.of(patientFile)).hasContent(BrokenBarrierException.class.getSimpleName());
        assertThat(barrier.isBroken()).isTrue();
        // the party that comes last, too late
        assertThat(outcome(() -> barrier.await(PATIENCE)))
                .isEqualTo(BrokenBarrierException.class.getSimpleName());
    }

    @Test
    void testThousand_threeProcessesPassAThousandTimesAndEachReportsEveryPassInTurn() throws Exception {
        ProcessContext mp = context();
        ProcessBarrier barrier = mp.barrier(PARTIES);
        Pipe pipe = mp.pipe(false);
        // several processes may send on one end at once: each message arrives whole
        PipeEnd reports = pipe.right();
        List<ChildProcess> children = new ArrayList<>();
        for (int i = 0; i < PARTIES; i++) {
            children.add(start(() -> {
                for (int pass = 0; pass < 1000; pass++) {
                    barrier.await(PATIENCE);
                    reports.send(pass);
                }
            }));
        }
        reports.close();
        for (int pass = 0; pass < 1000; pass++) {
            for (int i = 0; i < PARTIES; i++) {
                assertThat(pipe.left().recv()).as("a report of pass %d", pass).isEqualTo(pass);
            }
        }
        children.forEach(ContextContract::assertExitsCleanly);
    }

    /** Runs {@code party} in {@code PARTIES - 1} children and in this thread; every one must return normally. */
    private void runParties(SerializableRunnable party) throws Exception {
        List<ChildProcess> children = new ArrayList<>();
        for (int i = 1; i < PARTIES; i++) {
            children.add(start(party));
        }
        party.run();
        children.forEach(ContextContract::assertExitsCleanly);
    }

    /** Fails the party, in whichever process it runs, unless {@code condition} holds. */
    private static void require(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }

    /** What a barrier wait ended with: "0".."n" or the exception's simple name. */
    private static String outcome(BarrierWait wait) throws InterruptedException {
        try {
            return String.valueOf(wait.await());
        } catch (BrokenBarrierException | TimeoutException e) {
            return e.getClass().getSimpleName();
        }
    }

    @FunctionalInterface
    private interface BarrierWait {
        int await() throws InterruptedException, BrokenBarrierException, TimeoutException;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
