package org.jmixed.report;

import java.io.PrintStream;
import java.util.Locale;

import org.jmixed.model.EvaluationListener;

/**
 * A one-line progress report on a terminal ({@code \r}-rewritten): count so far, the best
 * objective and the elapsed time, shown only once the work has run longer than a delay (short
 * fits print nothing) and rewritten at most a few times a second. Between two updates a call
 * costs one {@link System#nanoTime()}: no allocation, so it can sit in an optimizer's loop.
 * {@link #close()} erases the line. Usable by any iterative command (fit, bootstrap, profile).
 */
public final class ProgressLine implements EvaluationListener, AutoCloseable {
    /** Fits shorter than this print nothing. */
    public static final long DEFAULT_DELAY_NANOS = 2_000_000_000L;
    /** At most this often the line is rewritten. */
    public static final long DEFAULT_INTERVAL_NANOS = 250_000_000L;

    private final PrintStream out;
    private final String label;
    private final String unit;
    private final long delayNanos;
    private final long intervalNanos;
    private final long start;
    private long nextPrint;
    private int printedWidth;

    /**
     * @param out   where to write, normally {@code System.err}
     * @param label what runs, e.g. {@code fit}
     * @param unit  what is counted, e.g. {@code evaluations}
     */
    public ProgressLine(PrintStream out, String label, String unit) {
        this(out, label, unit, DEFAULT_DELAY_NANOS, DEFAULT_INTERVAL_NANOS);
    }

    public ProgressLine(PrintStream out, String label, String unit, long delayNanos, long intervalNanos) {
        this.out = out;
        this.label = label;
        this.unit = unit;
        this.delayNanos = delayNanos;
        this.intervalNanos = intervalNanos;
        this.start = System.nanoTime();
        this.nextPrint = start + delayNanos;
    }

    /**
     * Whether a progress line belongs on standard error: asked for explicitly, or by default when
     * the process talks to a terminal (no console means output is piped or redirected).
     */
    public static boolean wanted(boolean forced) {
        return forced || System.console() != null;
    }

    @Override
    public void evaluated(long count, double best) {
        long now = System.nanoTime();
        if (now - nextPrint < 0) {
            return;
        }
        print(count, best, now);
    }

    private synchronized void print(long count, double best, long now) {
        if (now - nextPrint < 0) {
            return;
        }
        nextPrint = now + intervalNanos;
        String line = text(count, best, (now - start) / 1e9);
        StringBuilder sb = new StringBuilder(line.length() + printedWidth + 2).append('\r').append(line);
        for (int i = line.length(); i < printedWidth; i++) {
            sb.append(' ');
        }
        printedWidth = Math.max(printedWidth, line.length());
        out.print(sb);
        out.flush();
    }

    /**
     * The text of one update, e.g. {@code fit: 57 evaluations, best objective 237733.6205, 3.1 s}:
     * four decimals, so that the last steps of an optimizer still show a change.
     */
    String text(long count, double best, double seconds) {
        String objective = Double.isNaN(best) ? "" : ", best objective " + String.format(Locale.ROOT, "%.4f", best);
        String what = count == 1 && unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
        return String.format(Locale.ROOT, "%s: %d %s%s, %.1f s", label, count, what, objective, seconds);
    }

    /** Whether anything was printed. */
    public synchronized boolean shown() {
        return printedWidth > 0;
    }

    /** Erases the line, if one was printed, so that the results start on a clean line. */
    @Override
    public synchronized void close() {
        if (printedWidth > 0) {
            out.print("\r" + " ".repeat(printedWidth) + "\r");
            out.flush();
            printedWidth = 0;
        }
    }
}
