package org.jmixed.spi;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent tasks on the calling thread and one helper thread, each taking the next task
 * in list order until none is left: for the one-off work around a fit (cross-products, factors
 * of grouping columns), where a command's JVM has two cores and no pool is worth starting. The
 * tasks write their results to places of their own, so the results do not depend on which
 * thread ran what. Of the tasks that fail, the first in list order is the one thrown, so that
 * an error message does not depend on timing either.
 */
public final class TwoThreads {
    private TwoThreads() {
    }

    /**
     * Runs every task and returns when all have finished.
     *
     * @param worthASecondThread false to run them all on the calling thread (small inputs: a
     *                           thread costs about as much as the work)
     */
    public static void run(List<Runnable> tasks, boolean worthASecondThread) {
        Throwable[] failures = new Throwable[tasks.size()];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < tasks.size(); i = next.getAndIncrement()) {
                try {
                    tasks.get(i).run();
                } catch (Throwable t) {
                    failures[i] = t;
                }
            }
        };
        if (worthASecondThread && tasks.size() > 1 && Runtime.getRuntime().availableProcessors() > 1) {
            Thread helper = new Thread(worker, "jmixed-second-thread");
            helper.setDaemon(true);
            helper.start();
            worker.run();
            boolean interrupted = false;
            while (true) {
                try {
                    helper.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the tasks write into the caller's arrays: wait for them
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } else {
            worker.run();
        }
        for (Throwable t : failures) {
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }
}
