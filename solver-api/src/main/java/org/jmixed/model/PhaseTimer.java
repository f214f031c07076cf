package org.jmixed.model;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Where a fit's wall time goes, for profiling the work around the evaluations: with
 * {@code -Djmixed.timing=true} (e.g. {@code JMIXED_JAVA_OPTS=-Djmixed.timing=true ./jmixed fit ...})
 * every {@link #mark} prints one line on stderr, {@code jmixed timing: PHASE  S s (since JVM start T s)},
 * the phase being the time since the previous mark (the first one: since the JVM started). Off
 * by default; then a mark costs one static boolean test.
 */
public final class PhaseTimer {
    /** The system property that switches the timing lines on. */
    public static final String PROPERTY = "jmixed.timing";

    private static final boolean ON = Boolean.getBoolean(PROPERTY);
    private static long last = ON ? jvmStartNanos() : 0L;

    private PhaseTimer() {
    }

    /** Whether timing lines are printed. */
    public static boolean enabled() {
        return ON;
    }

    /** Ends the phase {@code name} (started at the previous mark) and prints its duration. */
    public static synchronized void mark(String name) {
        if (!ON) {
            return;
        }
        long now = System.nanoTime();
        System.err.printf(Locale.ROOT, "jmixed timing: %-52s %7.3f s  (since JVM start %.3f s)%n", name,
                (now - last) * 1e-9, (now - jvmStartNanos()) * 1e-9);
        last = now;
    }

    /** The JVM's start on the {@link System#nanoTime} clock (from the start time in milliseconds). */
    private static long jvmStartNanos() {
        long sinceStartMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        return System.nanoTime() - sinceStartMs * 1_000_000L;
    }
}
