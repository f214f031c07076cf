package org.jmixed.cli;

import static org.jmixed.cli.CommandOptions.once;

import java.io.PrintStream;
import java.nio.file.Path;

import org.jmixed.data.DataFrame;
import org.jmixed.data.binary.DataFiles;
import org.jmixed.inference.bootstrap.BootstrapOptions;
import org.jmixed.inference.predict.PredictionIntervals;
import org.jmixed.inference.predict.PredictionModel;
import org.jmixed.inference.predict.PredictionReport;
import org.jmixed.inference.predict.Predictions;
import org.jmixed.inference.predict.SavedModel;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.spi.Backends;

/** {@code jmixed predict}: predictions for new data from a model fitted now or saved by {@code fit --save}. */
final class PredictCommand {
    /** Replicates of {@code --method boot} without a count. */
    static final int DEFAULT_REPLICATES = 1000;

    static final String HELP = String.join("\n",
            "Usage: jmixed predict --data TRAIN.csv --formula FORMULA --newdata NEW.csv [options]",
            "       jmixed predict --model MODEL.json --newdata NEW.csv [options]",
            "",
            "Predict the response for the rows of new data, as lme4's predict(fit, newdata): conditional",
            "on the random effects (their BLUPs; a level unseen in training contributes zero, as",
            "allow.new.levels = TRUE), or at the population level with --population (re.form = NA).",
            "The new data is encoded as the training data was (factor levels, contrasts, I(), log(), ...);",
            "a missing value or a level of a fixed-effect factor unseen in training is an error.",
            "",
            "Model (one of):",
            "  --data FILE --formula F  fit F to the training data first (REML unless --ml)",
            "  --model FILE             a model saved by 'jmixed fit ... --save FILE'",
            "",
            "Required:",
            "  --newdata FILE         CSV, .jmx or .parquet file with the predictors (the response is not needed)",
            "",
            "Options:",
            "  --population           population-level predictions (fixed effects only)",
            "  --interval             add prediction intervals for a new observation (columns lwr, upr):",
            "                         sigma^2 + x'V(beta)x + the BLUP's conditional variance in a known group,",
            "                         or the group variance in a new one (merTools' predictInterval, exact);",
            "                         with --data and --formula",
            "  --interval N           the same by parametric bootstrap with N replicates: simulate the data",
            "                         and each new row's outcome (the replicate's own effect of a known group,",
            "                         a fresh one for a new group, fresh noise), refit, predict; the interval",
            "                         is the prediction plus quantiles of the N prediction errors",
            "  --method M             closed-form (the default for --interval) or boot (the default for",
            "                         --interval N; --method boot alone means N = " + DEFAULT_REPLICATES + ")",
            "  --seed S               bootstrap: random seed (default 1); the same seed gives the same",
            "                         intervals, bit for bit, whatever the number of threads",
            "  --threads K            bootstrap: worker threads (default: all cores)",
            "  --conditional          bootstrap: simulate around the fitted values (BLUPs held fixed)",
            "  --progress             bootstrap: progress line on stderr even when it is not a terminal",
            "  --level P              coverage of --interval (default 0.95)",
            "  --reml | --ml          criterion of the fit (with --data; default REML)",
            "  --backend NAME         factorization backend (with --data)",
            CovarianceOptions.HELP,
            "                         (with --data; offset(x) in the formula needs x in the new data too;",
            "                         --interval with --weights reads each new row's weight from the column)",
            "  --format csv|json      output: the new data's columns plus 'fit' (and 'new_levels'), or JSON",
            "                         (default: csv)",
            "  -h, --help             show this help",
            "");

    record Args(Path data, String formula, Path model, Path newdata, boolean population, FitOptions options,
                boolean json, boolean help, double intervalLevel, BootstrapOptions bootstrap, boolean progress) {
        Args(Path data, String formula, Path model, Path newdata, boolean population, FitOptions options,
             boolean json, boolean help) {
            this(data, formula, model, newdata, population, options, json, help, Double.NaN);
        }

        Args(Path data, String formula, Path model, Path newdata, boolean population, FitOptions options,
             boolean json, boolean help, double intervalLevel) {
            this(data, formula, model, newdata, population, options, json, help, intervalLevel, null, false);
        }

        /** Whether prediction intervals were asked for ({@code --interval}). */
        boolean interval() {
            return !Double.isNaN(intervalLevel);
        }
    }

    private PredictCommand() {
    }

    static Args parse(String[] args, int from) {
        String data = null;
        String formula = null;
        String model = null;
        String newdata = null;
        String backend = null;
        String format = null;
        Boolean reml = null;
        java.util.Map<String, String> covariance = new java.util.HashMap<>();
        boolean population = false;
        boolean interval = false;
        String level = null;
        PredictBootstrap.Builder boot = new PredictBootstrap.Builder();
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            String name = CommandOptions.optionName(a);
            String inline = CommandOptions.inlineValue(a);
            switch (name) {
                case "-h", "--help" -> {
                    return new Args(null, null, null, null, false, null, false, true);
                }
                case "--interval" -> {
                    interval = true;
                    if (inline != null) {
                        boot.replicates(inline);
                    } else if (i + 1 < args.length && !args[i + 1].startsWith("--") && !args[i + 1].equals("-h")) {
                        boot.replicates(args[++i]);
                    }
                }
                case "--conditional", "--progress" -> {
                    if (inline != null) {
                        throw new CliException("option " + name + " takes no value");
                    }
                    boot.flag(name);
                }
                case "--population", "--reml", "--ml" -> {
                    if (inline != null) {
                        throw new CliException("option " + name + " takes no value");
                    }
                    if (name.equals("--population")) {
                        population = true;
                    } else {
                        boolean r = name.equals("--reml");
                        if (reml != null && reml != r) {
                            throw new CliException("options --reml and --ml exclude each other");
                        }
                        reml = r;
                    }
                }
                case "--data", "--formula", "--model", "--newdata", "--backend", "--format", "--level", "--weights",
                     "--residual", "--method", "--seed", "--threads" -> {
                    String v = CommandOptions.valueAt(name, inline, args, i);
                    if (inline == null) {
                        i++;
                    }
                    switch (name) {
                        case "--data" -> data = once(name, data, v);
                        case "--formula" -> formula = once(name, formula, v);
                        case "--model" -> model = once(name, model, v);
                        case "--newdata" -> newdata = once(name, newdata, v);
                        case "--backend" -> backend = once(name, backend, v);
                        case "--level" -> level = once(name, level, v);
                        case "--weights", "--residual" -> covariance.put(name, once(name, covariance.get(name), v));
                        case "--method", "--seed", "--threads" -> boot.value(name, v);
                        default -> format = once(name, format, v);
                    }
                }
                default -> throw CommandOptions.notAnOption("predict", a);
            }
        }
        if (newdata == null) {
            throw new CliException("predict needs --newdata FILE.csv; try 'jmixed predict --help'");
        }
        if (model != null && (data != null || formula != null)) {
            throw new CliException("give either --model or --data with --formula, not both");
        }
        if (model != null && (reml != null || backend != null)) {
            throw new CliException("--reml, --ml and --backend apply to fitting; a saved model (--model) is already fitted");
        }
        if (model == null && (data == null || formula == null)) {
            throw new CliException("predict needs --model FILE, or --data FILE with --formula F; try 'jmixed predict --help'");
        }
        double intervalLevel = Double.NaN;
        BootstrapOptions bootstrap = boot.build(interval);
        if (level != null && !interval) {
            throw new CliException("--level goes with --interval");
        }
        if (interval) {
            if (model != null) {
                throw new CliException("--interval needs --data and --formula: a saved model (--model) keeps no"
                        + " covariances of the estimates");
            }
            intervalLevel = 0.95;
            if (level != null) {
                try {
                    intervalLevel = Double.parseDouble(level.trim());
                } catch (NumberFormatException e) {
                    intervalLevel = Double.NaN;
                }
                if (!(intervalLevel > 0 && intervalLevel < 1)) {
                    throw new CliException("--level must be a number between 0 and 1, not '" + level + "'");
                }
            }
        }
        boolean json = false;
        if (format != null) {
            switch (format) {
                case "csv" -> json = false;
                case "json" -> json = true;
                default -> throw new CliException("--format must be csv or json, not '" + format + "'");
            }
        }
        FitOptions options = FitOptions.defaults();
        if (reml != null) {
            options = options.withReml(reml);
        }
        if (backend != null) {
            options = options.withBackend(backend);
        }
        if (model != null && !covariance.isEmpty()) {
            throw new CliException("--weights and --residual apply to fitting; a saved model (--model) is already fitted");
        }
        options = CovarianceOptions.apply(options, covariance);
        return new Args(data == null ? null : Path.of(data), formula, model == null ? null : Path.of(model),
                Path.of(newdata), population, options, json, false, intervalLevel, bootstrap, boot.progress());
    }

    static int run(Args a, PrintStream out) {
        return run(a, out, System.err);
    }

    static int run(Args a, PrintStream out, PrintStream err) {
        if (a.help()) {
            out.print(HELP);
            return 0;
        }
        PredictionModel model;
        FitResult fitted = null;
        if (a.model() != null) {
            model = SavedModel.read(a.model());
        } else {
            InputFiles.requireReadable(a.data(), "data");
            Backends.preloadInBackground();
            DataFrame train = DataFiles.read(a.data());
            if (a.bootstrap() != null) {
                return PredictBootstrap.run(a, train, out, err);
            }
            FitResult fit = LinearMixedModel.fit(train, a.formula(), a.options());
            model = PredictionModel.of(train, fit);
            fitted = fit;
        }
        InputFiles.requireReadable(a.newdata(), "new data");
        DataFrame newdata = DataFiles.read(a.newdata());
        Predictions p = model.predict(newdata, a.population());
        PredictionIntervals intervals = a.interval()
                ? PredictionIntervals.compute(model, fitted, newdata, a.population(), a.intervalLevel()) : null;
        String label = a.newdata().getFileName() == null ? a.newdata().toString() : a.newdata().getFileName().toString();
        out.print(a.json() ? PredictionReport.json(p, label, intervals) : PredictionReport.csv(newdata, p, intervals));
        out.flush();
        return 0;
    }
}
