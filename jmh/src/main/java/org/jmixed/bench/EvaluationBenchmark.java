package org.jmixed.bench;

import java.util.concurrent.TimeUnit;

import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One evaluation of the profiled REML criterion: a refactorization at lme4's start θ by the
 * backend under test, plus the three-number objective. This is the unit the optimizer repeats
 * tens to hundreds of times per fit. The problem is built, the backend opened (symbolic analysis,
 * workspace, device upload) and its agreement with {@code java} checked once per trial.
 *
 * <p>Backends that are not on the class path or not available here fail the trial's setup with
 * a message starting {@code SKIPPED:}; ./bench passes only available backends, so this happens
 * only when the jar is run by hand.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-XX:+UseParallelGC", "-XX:MaxRAMPercentage=75", "-Xss16m"})
@State(Scope.Benchmark)
public class EvaluationBenchmark {

    @Param({"sleepstudy", "penicillin", "insteval", "nested", "crossed-100k", "crossed-1m", "crossed-10m"})
    public String problem;

    @Param({"java", "cholmod", "cuda"})
    public String backend;

    private PlsEvaluator evaluator;
    private final PlsFactorSummary summary = new PlsFactorSummary();
    private double[] theta;
    private int n;
    private int p;

    @Setup(Level.Trial)
    public void setUp() {
        Workload w = Workload.prepare(problem, backend);
        theta = w.theta.clone();
        n = w.problem.n();
        p = w.problem.p();
        evaluator = w.backend.open(w.problem);
        // Into JMH's log: how this backend factors this problem, and the objective it agreed on.
        System.out.printf("# jmixed: %s on %s (n=%d, q=%d): %s; REML criterion at start θ %.10g%n", backend,
                problem, n, w.problem.q(), evaluator.description(), w.objective);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (evaluator != null) {
            evaluator.close();
            evaluator = null;
        }
    }

    @Benchmark
    public double evaluation() {
        evaluator.factor(theta, summary);
        return Workload.reml(summary, n, p);
    }
}
