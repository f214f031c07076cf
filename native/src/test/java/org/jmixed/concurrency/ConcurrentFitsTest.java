package org.jmixed.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jmixed.SharedData;
import org.jmixed.data.CrossedSimulator;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.report.JsonReport;
import org.jmixed.spi.Backends;
import org.jmixed.spi.PlsBackend;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: {@link LinearMixedModel#fit} from many threads at once (a server fitting many models, a
 * bootstrap on every core) gives, for every model and every available backend, exactly the result
 * of the same fit run alone: the whole JSON report, every number to the last bit, except the
 * optimizer's wall time. A deadlock (threads stuck past the deadline) fails with their stacks.
 *
 * The jobs: eight small models from {@code ../shared/data} on every available backend, and one
 * simulated crossed design large enough to use the parallel paths of the pure-Java backend.
 *
 * <p>System properties {@code jmixed.concurrency.threads} (default 8) and
 * {@code jmixed.concurrency.fits} (fits per thread, default 50).
 */
class ConcurrentFitsTest {
    private record Model(String data, String formula, boolean reml) {
    }

    private static final List<Model> MODELS = List.of(
            new Model("sleepstudy.csv", "Reaction ~ Days + (Days | Subject)", true),
            new Model("sleepstudy.csv", "Reaction ~ Days + (Days || Subject)", false),
            new Model("Penicillin.csv", "diameter ~ 1 + (1 | plate) + (1 | sample)", true),
            new Model("Pastes.csv", "strength ~ 1 + (1 | batch/cask)", true),
            new Model("Dyestuff.csv", "Yield ~ 1 + (1 | Batch)", false),
            new Model("eggs.csv", "Fat ~ 1 + (1 | Lab/Technician/Sample)", true),
            new Model("jsp.csv", "math ~ raven + english + (raven || school) + (1 | school:class)", true),
            new Model("Orthodont.csv", "distance ~ age * Sex + (age | Subject)", true));

    private record Job(Model model, String backend, DataFrame data) {
        String name() {
            return backend + ": " + model.formula() + (model.reml() ? "" : " (ML)");
        }

        String fit() {
            FitOptions options = FitOptions.defaults().withBackend(backend).withReml(model.reml());
            FitResult r = LinearMixedModel.fit(data, model.formula(), options);
            return withoutTiming(JsonReport.format(r));
        }
    }

    @Test
    void concurrentFitsAreBitIdenticalToSequentialOnes() throws Exception {
        int threads = Integer.getInteger("jmixed.concurrency.threads", 8);
        int fitsPerThread = Integer.getInteger("jmixed.concurrency.fits", 50);
        List<String> backends = new ArrayList<>();
        for (PlsBackend b : Backends.all()) {
            if (b.unavailableReason().isEmpty()) {
                backends.add(b.name());
            }
        }
        assertTrue(backends.contains("java"), "backends: " + backends);
        List<Job> jobs = new ArrayList<>();
        for (Model m : MODELS) {
            DataFrame data = CsvReader.read(SharedData.data(m.data()));
            for (String b : backends) {
                jobs.add(new Job(m, b, data));
            }
        }
        // Large enough for the parallel paths: the split Schur update on the shared second-core
        // worker and a dense trailing block of order 150 in the dense kernels (native BLAS here).
        DataFrame crossed = CrossedSimulator.simulate(16_000, 1_000, 150, 11).toDataFrame();
        jobs.add(new Job(new Model("simulated", CrossedSimulator.FORMULA, true), "java", crossed));
        List<String> expected = new ArrayList<>();
        for (Job j : jobs) {
            expected.add(j.fit());
        }

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<String>> results = new ArrayList<>();
        List<Integer> which = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                for (int f = 0; f < fitsPerThread; f++) {
                    // Each thread starts with the large job, so that eight of them overlap; then
                    // the small ones in an order of its own.
                    int index = f == 0 ? jobs.size() - 1 : (t * 7 + f * 3) % (jobs.size() - 1);
                    which.add(index);
                    results.add(pool.submit(jobs.get(index)::fit));
                }
            }
            pool.shutdown();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(Long.getLong("jmixed.concurrency.minutes", 10));
            for (int i = 0; i < results.size(); i++) {
                long left = deadline - System.nanoTime();
                String got;
                try {
                    got = results.get(i).get(Math.max(1, left), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    fail("fits did not finish in time (deadlock?); pool threads:\n" + poolStacks());
                    return;
                }
                Job job = jobs.get(which.get(i));
                assertEquals(expected.get(which.get(i)), got, "concurrent fit differs from the sequential one: " + job.name());
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("ConcurrentFitsTest: %d threads x %d fits over %d jobs (backends %s), all bit-identical%n",
                threads, fitsPerThread, jobs.size(), backends);
    }

    private static String withoutTiming(String json) {
        return json.replaceAll("\"seconds\": [^,}\\n]*", "\"seconds\": _");
    }

    private static String poolStacks() {
        StringBuilder sb = new StringBuilder();
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            if (info.getThreadName().startsWith("pool-") || info.getThreadName().startsWith("jmixed")) {
                sb.append(info);
            }
        }
        return sb.toString();
    }
}
