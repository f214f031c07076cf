package org.jmixed.cpu.blocked;

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
     * Runs {@code mine} here and {@code theirs} on the worker, returning when both are done.
     * Callers must not overlap: the blocked evaluator calls this from one thread at a time.
     */
    synchronized void runBoth(Runnable theirs, Runnable mine) {
        done = false;
        task = theirs;
        LockSupport.unpark(worker);
        RuntimeException failure = null;
        try {
            mine.run();
        } catch (RuntimeException e) {
            failure = e;
        }
        while (!done) {
            Thread.onSpinWait();
        }
        if (failure != null) {
            throw failure;
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
            } finally {
                done = true;
            }
        }
    }
}
