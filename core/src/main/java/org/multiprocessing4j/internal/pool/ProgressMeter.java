package org.multiprocessing4j.internal.pool;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.multiprocessing4j.PoolProgress;
import org.multiprocessing4j.ProgressListener;

/**
 * Counts a pool's tasks and reports them to its listener from the pool's timer thread: every
 * {@value #PERIOD_MILLIS} ms while work is outstanding, and once when it is all done, after which
 * the next task starts a new run. Counting is a few atomic additions on the callers' and readers'
 * threads; everything else happens on the timer thread.
 */
final class ProgressMeter {

    private static final long PERIOD_MILLIS = 200;
    /** Weight of the newest period in the rate. */
    private static final double SMOOTHING = 0.3;

    private final ProgressListener listener;
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile long runStart;

    // timer thread only
    private long baseSubmitted;
    private long baseCompleted;
    private long baseFailed;
    private long lastEnded;
    private long lastReportNanos;
    private double rate;
    private boolean running;

    ProgressMeter(ProgressListener listener) {
        this.listener = listener;
    }

    void start(ScheduledExecutorService timer) {
        if (listener != null) {
            timer.scheduleWithFixedDelay(this::report, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    void submitted(int tasks) {
        if (listener == null) {
            return;
        }
        if (submitted.getAndAdd(tasks) == completed.get() + failed.get()) {
            runStart = System.nanoTime();
        }
    }

    void completed(int tasks) {
        if (listener != null) {
                completed.addAndGet(tasks);
        }
    }

    void failed(int tasks) {
        if (listener != null) {
            failed.addAndGet(tasks);
        }
    }

    /** Reports a last time, if a run is under way; the pool has ended. */
    void finish() {
        if (listener != null && running) {
            report();
        }
    }

    private void report() {
        long done = completed.get();
        long lost = failed.get();
        long ended = done + lost;
        long all = submitted.get();
        long now = System.nanoTime();
        if (!running) {
            if (all == baseSubmitted) {
                return;
            }
            running = true;
            lastEnded = baseCompleted + baseFailed;
            lastReportNanos = Math.max(runStart, lastReportNanos);
            rate = 0;
        }
        double periodRate = (ended - lastEnded) / ((now - lastReportNanos) / 1e9);
        rate = rate == 0 ? periodRate : SMOOTHING * periodRate + (1 - SMOOTHING) * rate;
        lastEnded = ended;
        lastReportNanos = now;
        PoolProgress progress = new PoolProgress(all - baseSubmitted, done - baseCompleted, lost - baseFailed,
                Duration.ofNanos(now - runStart), rate);
        if (progress.isDone()) {
            running = false;
            baseSubmitted = all;
            baseCompleted += progress.completed();
            baseFailed += progress.failed();
        }
        try {
            listener.progress(progress);
        } catch (RuntimeException e) {
            // a listener's bug must not stop the reports of later runs
            Thread thread = Thread.currentThread();
            thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
        }
    }
}
