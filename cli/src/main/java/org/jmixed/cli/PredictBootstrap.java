package org.jmixed.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jmixed.data.DataFrame;
import org.jmixed.data.binary.DataFiles;
import org.jmixed.inference.bootstrap.BootstrapOptions;
import org.jmixed.inference.bootstrap.ReplicateProgress;
import org.jmixed.inference.bootstrap.ReplicateRunner;
import org.jmixed.inference.predict.BootstrapPredictionIntervals;
import org.jmixed.inference.predict.PredictionModel;
import org.jmixed.inference.predict.PredictionReport;
import org.jmixed.inference.predict.Predictions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;

/**
 * The bootstrap side of {@code jmixed predict}: {@code --interval N}, {@code --method},
 * {@code --seed}, {@code --threads}, {@code --conditional}, {@code --progress}, and the run that
 * computes the intervals ({@link BootstrapPredictionIntervals}).
 */
final class PredictBootstrap {
    private PredictBootstrap() {
    }

    /** Collects the bootstrap options while {@link PredictCommand#parse} reads the command line. */
    static final class Builder {
        private String replicates;
        private final Map<String, String> values = new LinkedHashMap<>();
        private boolean conditional;
        private boolean progress;

        /** The value of {@code --interval N}. */
        void replicates(String v) {
            if (replicates != null) {
                throw new CliException("option --interval given more than once");
            }
            replicates = v;
        }

        /** {@code --method}, {@code --seed} or {@code --threads} with its value. */
        void value(String name, String v) {
            if (values.put(name, v) != null) {
                throw new CliException("option " + name + " given more than once");
            }
        }

        /** {@code --conditional} or {@code --progress}. */
        void flag(String name) {
            if (name.equals("--conditional")) {
                conditional = true;
            } else {
                progress = true;
            }
        }

        boolean progress() {
            return progress;
        }

        /**
         * The bootstrap's options, or null for the closed form (no {@code --interval}, or
         * {@code --interval} without a count and without {@code --method boot}).
         */
        BootstrapOptions build(boolean interval) {
            String method = values.get("--method");
            if (!interval) {
                for (String o : new String[] {"--method", "--seed", "--threads"}) {
                    if (values.containsKey(o)) {
                        throw new CliException(o + " goes with --interval");
                    }
                }
                if (conditional || progress) {
                    throw new CliException((conditional ? "--conditional" : "--progress") + " goes with --interval N");
                }
                return null;
            }
            if (method != null && !method.equals("boot") && !method.equals("closed-form")) {
                throw new CliException("--method must be boot or closed-form, not '" + method + "'");
            }
            boolean boot = method == null ? replicates != null : method.equals("boot");
            if (!boot) {
                if (replicates != null) {
                    throw new CliException("--interval " + replicates + " asks for a bootstrap; --method closed-form"
                            + " takes no replicate count");
                }
                for (String o : new String[] {"--seed", "--threads"}) {
                    if (values.containsKey(o)) {
                        throw new CliException(o + " goes with the bootstrap (--interval N)");
                    }
                }
                if (conditional || progress) {
                    throw new CliException((conditional ? "--conditional" : "--progress")
                            + " goes with the bootstrap (--interval N)");
                }
                return null;
            }
            int n = replicates == null ? PredictCommand.DEFAULT_REPLICATES
                    : (int) whole("--interval", replicates, 1, Integer.MAX_VALUE,
                            "the number of bootstrap replicates, a whole number of at least 1");
            long seed = values.containsKey("--seed")
                    ? whole("--seed", values.get("--seed"), Long.MIN_VALUE, Long.MAX_VALUE, "a whole number") : 1;
            int threads = values.containsKey("--threads")
                    ? (int) whole("--threads", values.get("--threads"), 1, 4096, "a whole number of at least 1")
                    : ReplicateRunner.defaultThreads();
            return new BootstrapOptions(n, seed, threads, conditional);
        }

        private static long whole(String option, String v, long min, long max, String what) {
            try {
                long n = Long.parseLong(v.trim());
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new CliException(option + " takes " + what + ", not '" + v + "'");
        }
    }

    /** Fits, predicts and bootstraps the intervals of the new data; prints CSV or JSON. */
    static int run(PredictCommand.Args a, DataFrame train, PrintStream out, PrintStream err) {
        PreparedModel prepared = LinearMixedModel.prepare(train, a.formula());
        FitResult fit = LinearMixedModel.fit(prepared, a.options());
        PredictionModel model = PredictionModel.of(train, fit);
        InputFiles.requireReadable(a.newdata(), "new data");
        DataFrame newdata = DataFiles.read(a.newdata());
        Predictions p = model.predict(newdata, a.population());
        BootstrapPredictionIntervals.Result r = BootstrapPredictionIntervals.compute(prepared, fit, model, newdata,
                a.population(), a.intervalLevel(), a.bootstrap(), a.options(),
                new ReplicateProgress(err, "predict", a.progress()));
        if (r.failed() > 0) {
            err.println("jmixed: note: " + r.failed() + " of " + a.bootstrap().replicates()
                    + " refits failed and were left out of the intervals");
        }
        String label = a.newdata().getFileName() == null ? a.newdata().toString() : a.newdata().getFileName().toString();
        out.print(a.json() ? PredictionReport.json(p, label, r.intervals(), r.describe())
                : PredictionReport.csv(newdata, p, r.intervals()));
        out.flush();
        return Main.OK;
    }
}
