package org.jmixed.cpu.blocked;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * One daemon worker that runs a pre-built task while the calling thread does the other half of
 * the work, for the short (milliseconds) sparse updates of each evaluation. Handing over costs no
 * allocation: the task object is created once by its owner, and completion is a volatile flag
 * the caller spins on (the other half takes about as long, so the spin is brief).
 */
final class SecondCore {
    private static final SecondCore INSTANCE = Runtime.getRuntime().availableProcessors() > 1 ? new SecondCore()
            : null;

    private final Thread worker;
    private volatile Runnable task;
    private volatile boolean done = true;
    private volatile Throwable failure;
    /** Held by the one caller whose other half the worker is running. */
    private final AtomicBoolean busy = new AtomicBoolean();

    private SecondCore() {
        worker = new Thread(this::loop, "jmixed-second-core");
        worker.setDaemon(true);
        worker.start();
    }

    /** The shared worker, or null on a single-core machine. */
    static SecondCore get() {
        return INSTANCE;
    }

    /**
     * Runs {@code mine} here and {@code theirs} on the worker, returning when both are done. When
     * the worker is busy with another caller's work (several fits on several threads: the cores
     * are taken anyway), both run here, one after the other, rather than waiting for it: the
     * halves write disjoint parts, so the results are the same either way. A failure of either
     * half is thrown here, and leaves the worker ready for the next caller.
     */
    void runBoth(Runnable theirs, Runnable mine) {
        if (!busy.compareAndSet(false, true)) {
            theirs.run();
            mine.run();
            return;
        }
        try {
            failure = null;
            done = false;
            task = theirs;
            LockSupport.unpark(worker);
            Throwable mineFailed = null;
            try {
                mine.run();
            } catch (RuntimeException | Error e) {
                mineFailed = e;
            }
            while (!done) {
                Thread.onSpinWait();
            }
            Throwable theirsFailed = failure;
            failure = null;
            rethrow(mineFailed != null ? mineFailed : theirsFailed);
        } finally {
            busy.set(false);
        }
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    private void loop() {
        while (true) {
            Runnable t = task;
            if (t == null) {
                LockSupport.park(this);
                continue;
            }
            task = null;
            try {
                t.run();
            } catch (Throwable e) {
                failure = e; // read by the caller after done; the worker lives on
            } finally {
                done = true;
            }
        }
    }
}
