package org.jmixed.cli;

import static org.jmixed.cli.CommandOptions.once;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jmixed.data.DataFrame;
import org.jmixed.data.binary.DataFiles;
import org.jmixed.inference.bootstrap.BootstrapComparison;
import org.jmixed.inference.bootstrap.BootstrapComparisonReport;
import org.jmixed.inference.bootstrap.BootstrapOptions;
import org.jmixed.inference.bootstrap.ReplicateProgress;
import org.jmixed.inference.compare.ComparisonReport;
import org.jmixed.inference.compare.ComparisonTable;
import org.jmixed.inference.compare.ModelComparison;
import org.jmixed.inference.ddf.KenwardRogerComparison;
import org.jmixed.model.FitOptions;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.spi.Backends;

/** {@code jmixed compare}: likelihood-ratio comparison of nested models, as lme4's {@code anova(m0, m1, ...)}. */
final class CompareCommand {
    static final String HELP = String.join("\n",
            "Usage: jmixed compare --data FILE.csv --formula F0 --formula F1 [--formula F2 ...] [options]",
            "",
            "Compare nested models by likelihood-ratio tests, as lme4's anova(m0, m1, ...): a table of",
            "npar, AIC, BIC, logLik, deviance, Chisq, Df and Pr(>Chisq), models sorted by number of",
            "parameters, each tested against the one before. Every model is fitted to the same rows (those",
            "with no missing value in any model's variables). A formula without random-effects terms is an",
            "ordinary linear model. When a test puts variances on their boundary (variance = 0), the",
            "boundary-corrected p-value (0.5*chi2(df-1) + 0.5*chi2(df); chibar2(01) for one parameter)",
            "is printed too.",
            "",
            "Required:",
            "  --data FILE            CSV file with a header row, .jmx or .parquet (file or directory)",
            "  --formula FORMULA      a model formula; give it two or more times",
            "",
            "Options:",
            "  --reml                 compare REML likelihoods (only when all fixed parts are equal; else ML)",
            "  --ml                   compare ML likelihoods (the default)",
            "  --backend NAME         factorization backend: auto (the default), java, ...",
            "  --format text|json     output format (default: text)",
            "  --weights COLUMN       prior weights for every model (lme4's weights=)",
            "  --residual SPEC        residual covariance structure: once for every model, or once per",
            "                         --formula in the same order ('none' for sigma^2 I): diag(f), cs(g),",
            "                         ar1(t | g), car1(t | g), un(f | g)",
            "  --bootstrap N          also the parametric-bootstrap p-value of the LRT of two models (PBmodcomp):",
            "                         simulate N responses from the smaller model, refit both by ML",
            "  --seed S               its random seed (default 1); --threads K its workers (default: all cores)",
            "  --ddf kenward-roger    instead of the LRT: Kenward-Roger F test of two nested fixed-effects",
            "                         structures with the same random part (pbkrtest's KRmodcomp), REML",
            "  -h, --help             show this help",
            "",
            "Example:",
            "  jmixed compare --data examples/sleepstudy.csv --formula 'Reaction ~ Days + (1 | Subject)' \\",
            "                 --formula 'Reaction ~ Days + (Days | Subject)'",
            "");

    record Args(Path data, List<String> formulas, boolean reml, FitOptions options, boolean json, boolean help,
                boolean kenwardRoger, BootstrapOptions bootstrap, List<FitOptions> perModel) {
        Args(Path data, List<String> formulas, boolean reml, FitOptions options, boolean json, boolean help) {
            this(data, formulas, reml, options, json, help, false, null,
                    java.util.Collections.nCopies(formulas.size(), options));
        }
    }

    private CompareCommand() {
    }

    static Args parse(String[] args, int from) {
        String data = null;
        List<String> formulas = new ArrayList<>();
        Boolean reml = null;
        String backend = null;
        String format = null;
        String ddf = null;
        String bootstrap = null;
        String seed = null;
        String threads = null;
        String weights = null;
        List<String> residuals = new ArrayList<>();
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            String name = CommandOptions.optionName(a);
            String inline = CommandOptions.inlineValue(a);
            switch (name) {
                case "-h", "--help" -> {
                    return new Args(null, List.of(), false, null, false, true);
                }
                case "--reml", "--ml" -> {
                    if (inline != null) {
                        throw new CliException("option " + name + " takes no value");
                    }
                    boolean r = name.equals("--reml");
                    if (reml != null && reml != r) {
                        throw new CliException("options --reml and --ml exclude each other");
                    }
                    reml = r;
                }
                case "--data", "--formula", "--backend", "--format", "--ddf", "--bootstrap", "--seed",
                     "--threads", "--weights", "--residual" -> {
                    String v = CommandOptions.valueAt(name, inline, args, i);
                    if (inline == null) {
                        i++;
                    }
                    switch (name) {
                        case "--data" -> data = once(name, data, v);
                        case "--formula" -> formulas.add(v);
                        case "--backend" -> backend = once(name, backend, v);
                        case "--ddf" -> ddf = once(name, ddf, v);
                        case "--bootstrap" -> bootstrap = once(name, bootstrap, v);
                        case "--seed" -> seed = once(name, seed, v);
                        case "--threads" -> threads = once(name, threads, v);
                        case "--weights" -> weights = once(name, weights, v);
                        case "--residual" -> residuals.add(v);
                        default -> format = once(name, format, v);
                    }
                }
                default -> throw CommandOptions.notAnOption("compare", a);
            }
        }
        if (data == null) {
            throw new CliException("compare needs --data FILE.csv; try 'jmixed compare --help'");
        }
        if (formulas.size() < 2) {
            throw new CliException("compare needs --formula at least twice (got " + formulas.size()
                    + "); try 'jmixed compare --help'");
        }
        boolean json = CommandOptions.textOrJson(format);
        FitOptions options = FitOptions.defaults();
        if (backend != null) {
            options = options.withBackend(backend);
        }
        if (residuals.size() > 1 && residuals.size() != formulas.size()) {
            throw new CliException("give --residual once (for every model) or once per --formula (got "
                    + residuals.size() + " for " + formulas.size() + " formulas)");
        }
        List<FitOptions> perModel = new ArrayList<>();
        for (int i = 0; i < formulas.size(); i++) {
            java.util.Map<String, String> covariance = new java.util.HashMap<>();
            covariance.put("--weights", weights);
            String r = residuals.isEmpty() ? null : residuals.get(residuals.size() == 1 ? 0 : i);
            covariance.put("--residual", r == null || r.strip().equals("none") ? null : r);
            perModel.add(CovarianceOptions.apply(options, covariance));
        }
        boolean kenwardRoger = false;
        if (ddf != null) {
            if (!ddf.equals("kenward-roger")) {
                throw new CliException("compare --ddf takes kenward-roger (pbkrtest's KRmodcomp), not '" + ddf + "'");
            }
            if (formulas.size() != 2) {
                throw new CliException("compare --ddf kenward-roger compares exactly two formulas (got "
                        + formulas.size() + ")");
            }
            if (reml != null && !reml) {
                throw new CliException("compare --ddf kenward-roger fits by REML; drop --ml");
            }
            kenwardRoger = true;
        }
        BootstrapOptions boot = null;
        if (bootstrap != null) {
            if (kenwardRoger || formulas.size() != 2) {
                throw new CliException("compare --bootstrap tests exactly two formulas by their LRT"
                        + (kenwardRoger ? ", not with --ddf" : " (got " + formulas.size() + ")"));
            }
            boot = BootstrapOptions.of((int) CommandOptions.wholeNumber("--bootstrap", bootstrap, 0, 1, Integer.MAX_VALUE),
                    CommandOptions.wholeNumber("--seed", seed, 1, Long.MIN_VALUE, Long.MAX_VALUE));
            if (threads != null) {
                boot = boot.withThreads((int) CommandOptions.wholeNumber("--threads", threads, 1, 1, 4096));
            }
        } else if (seed != null || threads != null) {
            throw new CliException("--seed and --threads go with --bootstrap N");
        }
        if ((kenwardRoger || boot != null) && residuals.size() > 1) {
            throw new CliException("--ddf and --bootstrap take one --residual, for both models");
        }
        return new Args(Path.of(data), List.copyOf(formulas), reml != null && reml, options, json, false,
                kenwardRoger, boot, List.copyOf(perModel));
    }

    static int run(Args a, PrintStream out) {
        if (a.help()) {
            out.print(HELP);
            return 0;
        }
        InputFiles.requireReadable(a.data(), "data");
        Backends.preloadInBackground();
        if (a.kenwardRoger()) {
            return runKenwardRoger(a, out);
        }
        DataFrame data = DataFiles.read(a.data());
        ComparisonTable t = ModelComparison.compare(data, a.formulas(), a.reml(), a.perModel());
        String label = a.data().getFileName() == null ? a.data().toString() : a.data().getFileName().toString();
        out.print(a.json() ? ComparisonReport.json(t, label) : ComparisonReport.text(t, label));
        if (a.bootstrap() != null) {
            // The models in the table's order (by number of parameters), on the rows the table used.
            DataFrame rows = ModelComparison.commonRows(data, a.formulas());
            BootstrapComparison.Result r = BootstrapComparison.run(
                    LinearMixedModel.prepare(rows, t.models().get(0).formula()),
                    LinearMixedModel.prepare(rows, t.models().get(1).formula()), a.bootstrap(), sharedOptions(a),
                    new ReplicateProgress(System.err, "bootstrap", false));
            out.print(a.json() ? BootstrapComparisonReport.json(r, label) : "\n" + BootstrapComparisonReport.text(r, label));
        }
        out.flush();
        return 0;
    }

    /** The options every model shares, with the prior weights and the one residual structure. */
    private static FitOptions sharedOptions(Args a) {
        return a.perModel().isEmpty() ? a.options() : a.perModel().get(0);
    }

    /** pbkrtest's KRmodcomp of the two formulas (either order: the one with more fixed-effects columns is the larger). */
    private static int runKenwardRoger(Args a, PrintStream out) {
        KenwardRogerComparison c = KenwardRogerComparison.compare(DataFiles.read(a.data()), a.formulas().get(0),
                a.formulas().get(1), sharedOptions(a));
        out.print(a.json() ? c.toJson() : c.toText());
        out.flush();
        return 0;
    }
}
