package org.jmixed.bench;

import java.util.concurrent.TimeUnit;

import org.jmixed.inference.bootstrap.BootstrapOptions;
import org.jmixed.inference.bootstrap.BootstrapResult;
import org.jmixed.inference.bootstrap.ParametricBootstrap;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A parametric bootstrap of {@link #REPLICATES} replicates on one thread
 * ({@link ParametricBootstrap#run}): simulation, and per replicate a refit that reuses the
 * evaluator's symbolic analysis and starts from the original θ̂ — what {@code jmixed bootstrap}
 * repeats B times per core. One thread, so that the figure does not depend on the machine's
 * other load as much; the time per replicate is the score divided by {@link #REPLICATES}. Setup
 * as in {@link EvaluationBenchmark} (agreement checked, unavailable backends reported as
 * {@code SKIPPED:}); the original fit is not timed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-XX:+UseParallelGC", "-XX:MaxRAMPercentage=75", "-Xss16m"})
@State(Scope.Benchmark)
public class BootstrapBenchmark {
    /** Replicates per benchmark operation. */
    public static final int REPLICATES = 100;

    @Param({"sleepstudy"})
    public String problem;

    @Param({"java", "cholmod"})
    public String backend;

    private PreparedModel model;
    private FitResult fit;
    private FitOptions options;

    @Setup(Level.Trial)
    public void setUp() {
        Workload w = Workload.prepare(problem, backend);
        options = FitOptions.defaults().withReml(true).withBackend(w.backend.name());
        model = LinearMixedModel.prepare(w.frame);
        fit = LinearMixedModel.fit(model, options);
    }

    @Benchmark
    public BootstrapResult bootstrap() {
        return ParametricBootstrap.run(model, fit, new BootstrapOptions(REPLICATES, 1, 1, false), options, null);
    }
}
