package org.multiprocessing4j;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A progress bar on a console, redrawn in place:
 * <pre>  [##########..........]  1200/2400  50%  815.2 tasks/s  ETA 0:01  (2 failed)</pre>
 * It ends its line when the work is done.
 *
 * <pre>{@code
 * ProcessPool pool = ProcessPool.builder().progress(new ConsoleProgressBar()).build();
 * }</pre>
 */
public final class ConsoleProgressBar implements ProgressListener {

    private static final int WIDTH = 30;

    private final PrintStream out;

    /** A bar on standard error, where it does not mix with a program's output. */
    public ConsoleProgressBar() {
        this(System.err);
    }

    /**
     * A bar on {@code out}.
     *
     * @param out where to draw
     */
    public ConsoleProgressBar(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void progress(PoolProgress progress) {
        out.print('\r' + line(progress));
        if (progress.isDone()) {
            out.println();
        }
        out.flush();
    }

    /**
     * The bar's text for {@code progress}.
     *
     * @param progress the progress
     * @return one line, without line end
     */
    static String line(PoolProgress progress) {
        long ended = progress.completed() + progress.failed();
        double share = progress.submitted() == 0 ? 0 : (double) ended / progress.submitted();
        int filled = (int) Math.round(share * WIDTH);
        StringBuilder line = new StringBuilder("[")
                .append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("]  ")
                .append(ended).append('/').append(progress.submitted())
                .append(String.format(Locale.ROOT, "  %3d%%  %.1f tasks/s", Math.round(share * 100),
                        progress.tasksPerSecond()));
        String eta = progress.isDone()
                ? "  in " + clock(progress.elapsed())
                : progress.remaining().map(d -> "  ETA " + clock(d)).orElse("");
        line.append(eta);
        if (progress.failed() > 0) {
            line.append("  (").append(progress.failed()).append(" failed)");
        }
        return line.toString();
    }

    private static String clock(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
