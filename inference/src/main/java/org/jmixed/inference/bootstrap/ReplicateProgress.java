package org.jmixed.inference.bootstrap;

import java.io.PrintStream;

import org.jmixed.report.ProgressLine;

/**
 * A one-line progress report on standard error for long simulation runs: replicates done, rate,
 * time left, rewritten in place with a carriage return. It stays silent for the first
 * {@link #QUIET_SECONDS} seconds (short runs print nothing) and, unless forced, when standard
 * error is not a terminal ({@link System#console()} is null when either standard stream is
 * redirected, which is the usual sign). Updates are throttled to a few per second; safe to call
 * from several threads.
 */
public final class ReplicateProgress {
    /** Runs shorter than this print nothing. */
    public static final double QUIET_SECONDS = ProgressLine.DEFAULT_DELAY_NANOS / 1e9;
    private static final long MIN_INTERVAL_NANOS = ProgressLine.DEFAULT_INTERVAL_NANOS;

    private final PrintStream err;
    private final String label;
    private final boolean enabled;
    private long startNanos;
    private long lastNanos;
    private int total;
    private boolean printed;

    /**
     * @param label  what is counted, e.g. "bootstrap"
     * @param forced print even when standard error is not a terminal ({@code --progress})
     */
    public ReplicateProgress(PrintStream err, String label, boolean forced) {
        this.err = err;
        this.label = label;
        this.enabled = ProgressLine.wanted(forced);
    }

    synchronized void start(int replicates) {
        total = replicates;
        startNanos = System.nanoTime();
        lastNanos = startNanos;
        printed = false;
    }

    synchronized void update(int done) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        double elapsed = (now - startNanos) / 1e9;
        if (elapsed < QUIET_SECONDS || (now - lastNanos < MIN_INTERVAL_NANOS && done < total)) {
            return;
        }
        lastNanos = now;
        err.print('\r' + line(done, total, elapsed));
        err.flush();
        printed = true;
    }

    synchronized void finish() {
        if (printed) {
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            err.print('\r' + line(total, total, elapsed) + '\n');
            err.flush();
        }
    }

    /** E.g. "bootstrap: 4200/10000 replicates, 850.3/s, 6.8 s left". */
    String line(int done, int of, double elapsed) {
        double rate = elapsed > 0 ? done / elapsed : 0;
        String left = done >= of ? String.format("done in %.1f s", elapsed)
                : rate > 0 ? String.format("%.1f s left", (of - done) / rate) : "";
        return String.format("%s: %d/%d replicates, %.1f/s, %s   ", label, done, of, rate, left);
    }
}
