package org.jmixed.inference.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.jmixed.JmixedException;

/**
 * Runs B independent replicates on K threads so that the outcome does not depend on K: replicate
 * i draws from its own random stream, derived from (seed, i) alone, and its result is stored at
 * index i. Threads take the next index from a shared counter; each thread has its own worker
 * (an evaluator and its workspace), made by the factory on that thread.
 *
 * @param <W> a worker's state, closed when its thread is done
 */
public final class ReplicateRunner<W extends AutoCloseable> {
    /** What one replicate computes: a row of results from its worker and its random stream. */
    @FunctionalInterface
    public interface Task<W> {
        double[] run(W worker, SplittableRandom stream, int index);
    }

    private final int threads;
    private final ReplicateProgress progress;

    /**
     * @param threads  worker threads, at least 1
     * @param progress told of each finished replicate, or null
     */
    public ReplicateRunner(int threads, ReplicateProgress progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        this.threads = threads;
        this.progress = progress;
    }

    /** All cores of this machine. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * The seed of replicate i's stream: the i-th value of a SplittableRandom seeded with the run's
     * seed. Computed up front in order, so that any thread can start any replicate.
     */
    static long[] streamSeeds(long seed, int replicates) {
        SplittableRandom master = new SplittableRandom(seed);
        long[] seeds = new long[replicates];
        for (int i = 0; i < replicates; i++) {
            seeds[i] = master.nextLong();
        }
        return seeds;
    }

    /** Runs replicates 0..B−1 and returns their rows by index. */
    public double[][] run(int replicates, long seed, Supplier<W> workerFactory, Task<W> task) {
        long[] seeds = streamSeeds(seed, replicates);
        double[][] rows = new double[replicates][];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int k = Math.max(1, Math.min(threads, replicates));
        if (progress != null) {
            progress.start(replicates);
        }
        Runnable body = () -> {
            try (W worker = workerFactory.get()) {
                int i;
                while (failure.get() == null && (i = next.getAndIncrement()) < replicates) {
                    rows[i] = task.run(worker, new SplittableRandom(seeds[i]), i);
                    int d = done.incrementAndGet();
                    if (progress != null) {
                        progress.update(d);
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        };
        if (k == 1) {
            body.run();
        } else {
            List<Thread> pool = new ArrayList<>(k);
            for (int t = 0; t < k; t++) {
                Thread th = new Thread(body, "jmixed-replicate-" + t);
                th.setDaemon(true);
                pool.add(th);
                th.start();
            }
            for (Thread th : pool) {
                try {
                    th.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure.compareAndSet(null, e);
                }
            }
        }
        if (progress != null) {
            progress.finish();
        }
        Throwable t = failure.get();
        if (t instanceof JmixedException je) {
            throw je;
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error er) {
            throw er;
        }
        if (t != null) {
            throw new IllegalStateException("replicate failed: " + t, t);
        }
        return rows;
    }
}
