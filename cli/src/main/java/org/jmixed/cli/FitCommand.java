package org.jmixed.cli;

import static org.jmixed.cli.CommandOptions.once;

import java.io.PrintStream;
import java.nio.file.Path;

import org.jmixed.data.DataFrame;
import org.jmixed.data.binary.DataFiles;
import org.jmixed.inference.ddf.DdfMethod;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PhaseTimer;
import org.jmixed.report.JsonReport;
import org.jmixed.report.ProgressLine;
import org.jmixed.report.SummaryText;
import org.jmixed.spi.Backends;

/** {@code jmixed fit}: read a CSV file, fit a formula, print the summary or the JSON report. */
final class FitCommand {
    static final String HELP = String.join("\n",
            "Usage: jmixed fit --data FILE.csv --formula 'y ~ x + (1 | g)' [options]",
            "",
            "Fit a linear mixed model by REML (the default) or maximum likelihood and print",
            "an lme4-style summary, or the whole result as JSON.",
            "",
            "Required:",
            "  --data FILE            CSV (R's write.csv layout), .jmx, or .parquet (file or directory)",
            "  --formula FORMULA      lme4 model formula, e.g. 'Reaction ~ Days + (Days | Subject)'",
            "",
            "Options:",
            "  --reml                 fit by REML (the default)",
            "  --ml                   fit by maximum likelihood",
            "  --backend NAME         factorization backend: auto (the default), java, ...",
            "  --format text|json     output format (default: text)",
            "  --max-evaluations N    cap on the optimizer's objective evaluations (default: "
                    + FitOptions.DEFAULT_MAX_EVALUATIONS + ")",
            "  --lrtest               add Stata's header tests: Wald chi2 of the fixed effects but the",
            "                         intercept, LR test vs. the linear model (chibar2(01) on the boundary)",
            "  --save FILE            save the model for 'jmixed predict --model FILE' (versioned JSON)",
            FitPictures.HELP_LINES,
            FitDdf.OPTION_HELP,
            CovarianceOptions.HELP,
            "  --spark MASTER         read the data with Apache Spark, fit here (local[2], yarn, ...);",
            "                         its options: jmixed fit --spark MASTER --help",
            "  -h, --help             show this help",
            "",
            "Values may also be given as --option=value.",
            "");

    /** Reads and fits; the seam tests replace. */
    @FunctionalInterface
    interface Fitter {
        FitResult fit(Path data, String formula, FitOptions options);
    }

    static final Fitter DEFAULT_FITTER = (data, formula, options) -> fitFile(data, formula, options, true);

    /** DEFAULT_FITTER for the text summary alone, which does not show conditional variances: skips them. */
    static final Fitter SUMMARY_FITTER = (data, formula, options) -> fitFile(data, formula, options, false);

    private static FitResult fitFile(Path data, String formula, FitOptions options, boolean conditionalVariances) {
        Backends.preloadInBackground();
        PhaseTimer.mark("start-up");
        DataFrame frame = DataFiles.read(data);
        PhaseTimer.mark("reading " + data.getFileName());
        return LinearMixedModel.fit(frame, formula, options, conditionalVariances);
    }

    /** The parsed command line of {@code jmixed fit}. */
    record Args(Path data, String formula, FitOptions options, boolean json, boolean help, boolean lrtest,
                Path save, FitPictures pictures, DdfMethod ddf) {
        Args(Path data, String formula, FitOptions options, boolean json, boolean help) {
            this(data, formula, options, json, help, false, null, FitPictures.NONE, null);
        }
    }

    private FitCommand() {
    }

    static Args parse(String[] args, int from) {
        String data = null;
        String formula = null;
        String backend = null;
        String format = null;
        String maxEvaluations = null;
        String weights = null;
        String residual = null;
        Boolean reml = null;
        String remlFlag = null;
        boolean lrtest = false;
        String save = null;
        String ddf = null;
        String plots = null;
        String report = null;
        boolean progress = false;
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            String name = CommandOptions.optionName(a);
            String inline = CommandOptions.inlineValue(a);
            switch (name) {
                case "-h", "--help" -> {
                    return new Args(null, null, null, false, true);
                }
                case "--lrtest" -> {
                    if (inline != null) {
                        throw new CliException("option --lrtest takes no value");
                    }
                    lrtest = true;
                }
                case "--ml", "--reml" -> {
                    if (inline != null) {
                        throw new CliException("option " + name + " takes no value");
                    }
                    boolean r = name.equals("--reml");
                    if (reml != null && reml != r) {
                        throw new CliException("options " + remlFlag + " and " + name + " exclude each other");
                    }
                    reml = r;
                    remlFlag = name;
                }
                case "--progress" -> {
                    if (inline != null) {
                        throw new CliException("option --progress takes no value");
                    }
                    progress = true;
                }
                case "--data", "--formula", "--backend", "--format", "--max-evaluations", "--plots", "--report", "--save", "--ddf",
                     "--weights", "--residual" -> {
                    String v = CommandOptions.valueAt(name, inline, args, i);
                    if (inline == null) {
                        i++;
                    }
                    switch (name) {
                        case "--data" -> data = once(name, data, v);
                        case "--formula" -> formula = once(name, formula, v);
                        case "--backend" -> backend = once(name, backend, v);
                        case "--format" -> format = once(name, format, v);
                        case "--save" -> save = once(name, save, v);
                        case "--ddf" -> ddf = once(name, ddf, v);
                        case "--plots" -> plots = once(name, plots, v);
                        case "--report" -> report = once(name, report, v);
                        case "--weights" -> weights = once(name, weights, v);
                        case "--residual" -> residual = once(name, residual, v);
                        default -> maxEvaluations = once(name, maxEvaluations, v);
                    }
                }
                default -> throw CommandOptions.notAnOption("fit", a);
            }
        }
        if (data == null) {
            throw new CliException("fit needs --data FILE.csv; try 'jmixed fit --help'");
        }
        if (formula == null) {
            throw new CliException("fit needs --formula 'y ~ x + (1 | g)'; try 'jmixed fit --help'");
        }
        boolean json = CommandOptions.textOrJson(format);
        FitOptions options = FitOptions.defaults();
        if (reml != null) {
            options = options.withReml(reml);
        }
        if (backend != null) {
            options = options.withBackend(backend);
        }
        if (maxEvaluations != null) {
            int n;
            try {
                n = Integer.parseInt(maxEvaluations.trim());
            } catch (NumberFormatException e) {
                throw new CliException("--max-evaluations must be a positive whole number, not '" + maxEvaluations + "'");
            }
            if (n <= 0) {
                throw new CliException("--max-evaluations must be a positive whole number, not '" + maxEvaluations + "'");
            }
            options = options.withMaxEvaluations(n);
        }
        java.util.Map<String, String> covariance = new java.util.HashMap<>();
        covariance.put("--weights", weights);
        covariance.put("--residual", residual);
        options = CovarianceOptions.apply(options, covariance);
        return new Args(Path.of(data), formula, options, json, false, lrtest, save == null ? null : Path.of(save),
                new FitPictures(plots == null ? null : Path.of(plots), report == null ? null : Path.of(report),
                        progress), ddf == null ? null : FitDdf.method(ddf, options));
    }

    /** Runs a parsed command; returns the exit code. */
    static int run(Args a, Fitter fitter, PrintStream out) {
        if (a.help()) {
            out.print(HELP);
            return 0;
        }
        Path data = a.data();
        InputFiles.requireReadable(data, "data");
        ProgressLine progress = a.pictures().progressLine(System.err);
        FitResult fit;
        FitDdf ddf = null;
        try {
            FitOptions options = FitPictures.withProgress(a.options(), progress);
            if (a.ddf() != null) {
                Backends.preloadInBackground();
                ddf = FitDdf.fit(DataFiles.read(data), a.formula(), a.ddf(), options);
                fit = ddf.fitResult();
            } else {
                // Only the text summary is wanted: the conditional variances would go unused.
                boolean summaryOnly = !a.json() && !a.lrtest() && a.save() == null
                        && a.pictures().plots() == null && a.pictures().report() == null;
                fit = (summaryOnly && fitter == DEFAULT_FITTER ? SUMMARY_FITTER : fitter)
                        .fit(data, a.formula(), options);
            }
        } finally {
            if (progress != null) {
                progress.close();
            }
        }
        Path fileName = data.getFileName();
        String report;
        if (ddf != null) {
            report = ddf.report(a.json(), FitDdf.label(data));
        } else {
            report = a.json() ? JsonReport.format(fit)
                    : SummaryText.format(fit, fileName == null ? data.toString() : fileName.toString());
        }
        if (a.lrtest() || a.save() != null) {
            report = FitInference.apply(a, fit, report);
        }
        out.print(report);
        out.flush();
        PhaseTimer.mark("report");
        a.pictures().write(fit, fileName == null ? data.toString() : fileName.toString());
        return 0;
    }
}
