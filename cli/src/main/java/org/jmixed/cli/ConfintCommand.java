package org.jmixed.cli;

import static org.jmixed.cli.CommandOptions.once;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jmixed.data.DataFrame;
import org.jmixed.data.binary.DataFiles;
import org.jmixed.inference.bootstrap.BootstrapConfint;
import org.jmixed.inference.bootstrap.BootstrapIntervals;
import org.jmixed.inference.bootstrap.BootstrapOptions;
import org.jmixed.inference.bootstrap.BootstrapResult;
import org.jmixed.inference.bootstrap.ParametricBootstrap;
import org.jmixed.inference.bootstrap.ReplicateProgress;
import org.jmixed.inference.interval.ConfidenceIntervals;
import org.jmixed.inference.interval.IntervalReport;
import org.jmixed.inference.interval.IntervalTable;
import org.jmixed.inference.interval.ProfileOptions;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.jmixed.plots.inference.ZetaPlots;
import org.jmixed.spi.Backends;

/** {@code jmixed confint}: profile, Wald or parametric-bootstrap confidence intervals, as lme4's {@code confint()}. */
final class ConfintCommand {
    static final String HELP = String.join("\n",
            "Usage: jmixed confint --data FILE.csv --formula 'y ~ x + (1 | g)' [options]",
            "",
            "Confidence intervals for the random-effect standard deviations and correlations",
            "(.sig01, .sig02, ...), the residual standard deviation (.sigma) and the fixed effects,",
            "named, ordered and scaled as lme4's confint() prints them.",
            "",
            "Required:",
            "  --data FILE            CSV file with a header row, .jmx or .parquet (file or directory)",
            "  --formula FORMULA      lme4 model formula",
            "",
            "Options:",
            "  --method profile|wald|boot",
            "                         profile: invert the likelihood-ratio statistic (the default);",
            "                         wald: estimate ± z·SE, fixed effects only (variance parameters NA);",
            "                         with --residual or idn()/cs() terms also the variance parameters,",
            "                         on nlme's scales as its intervals() (profile gives them these too)",
            "                         boot: parametric bootstrap (as lme4's method = \"boot\")",
            "  --n N                  boot: replicates (default 500, as lme4's nsim)",
            "  --seed S               boot: random seed (default 1); --threads K: workers (default: all cores)",
            "  --boot-type perc|basic|norm  boot: percentile (the default), basic or normal intervals",
            "  --level P              confidence level (default: 0.95)",
            "  --parm NAMES           comma-separated parameters: .sig01, .sigma, (Intercept), ...,",
            "                         or theta_ (all variance parameters), beta_ (all fixed effects)",
            "                         (residual.NAME for a --residual parameter, e.g. residual.rho)",
            "  --reml                 the model is a REML fit (the default); profiles use its ML refit, as lme4",
            "  --ml                   the model is an ML fit",
            "  --backend NAME         factorization backend: auto (the default), java, ...",
            CovarianceOptions.HELP,
            "                         (--residual, idn()/cs() terms: profiles of the fixed effects only)",
            "  --format text|json     output format (default: text); JSON adds the profile traces",
            "  --trace-zeta Z         extend the profile traces to |zeta| >= Z (for zeta plots; default:",
            "                         as far as the interval needs)",
            "  --plots DIR            profile: write a zeta plot per parameter as PNG and SVG into DIR",
            "                         (zeta against the value, dashed at 0 and +-z, the interval's ends marked)",
            "  -h, --help             show this help",
            "",
            "Values may also be given as --option=value.",
            "");

    record Args(Path data, String formula, boolean wald, ProfileOptions options, FitOptions fitOptions, boolean json,
                boolean help, BootstrapOptions bootstrap, BootstrapIntervals.Method bootType, Path plots) {
        Args(Path data, String formula, boolean wald, ProfileOptions options, FitOptions fitOptions, boolean json,
             boolean help, BootstrapOptions bootstrap, BootstrapIntervals.Method bootType) {
            this(data, formula, wald, options, fitOptions, json, help, bootstrap, bootType, null);
        }

        Args(Path data, String formula, boolean wald, ProfileOptions options, FitOptions fitOptions, boolean json,
             boolean help) {
            this(data, formula, wald, options, fitOptions, json, help, null, null);
        }
    }

    private ConfintCommand() {
    }

    static Args parse(String[] args, int from) {
        String data = null;
        String formula = null;
        String method = null;
        String level = null;
        String parm = null;
        String backend = null;
        String format = null;
        String traceZeta = null;
        String replicates = null;
        String seed = null;
        String threads = null;
        String bootType = null;
        String plots = null;
        Boolean reml = null;
        java.util.Map<String, String> covariance = new java.util.HashMap<>();
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            String name = CommandOptions.optionName(a);
            String inline = CommandOptions.inlineValue(a);
            switch (name) {
                case "-h", "--help" -> {
                    return new Args(null, null, false, null, null, false, true);
                }
                case "--ml", "--reml" -> {
                    if (inline != null) {
                        throw new CliException("option " + name + " takes no value");
                    }
                    boolean r = name.equals("--reml");
                    if (reml != null && reml != r) {
                        throw new CliException("options --ml and --reml exclude each other");
                    }
                    reml = r;
                }
                case "--data", "--formula", "--method", "--level", "--parm", "--backend", "--format", "--trace-zeta",
                     "--n", "--seed", "--threads", "--boot-type", "--plots", "--weights", "--residual" -> {
                    String v = CommandOptions.valueAt(name, inline, args, i);
                    if (inline == null) {
                        i++;
                    }
                    switch (name) {
                        case "--data" -> data = once(name, data, v);
                        case "--formula" -> formula = once(name, formula, v);
                        case "--method" -> method = once(name, method, v);
                        case "--level" -> level = once(name, level, v);
                        case "--parm" -> parm = once(name, parm, v);
                        case "--backend" -> backend = once(name, backend, v);
                        case "--trace-zeta" -> traceZeta = once(name, traceZeta, v);
                        case "--n" -> replicates = once(name, replicates, v);
                        case "--seed" -> seed = once(name, seed, v);
                        case "--threads" -> threads = once(name, threads, v);
                        case "--boot-type" -> bootType = once(name, bootType, v);
                        case "--plots" -> plots = once(name, plots, v);
                        case "--weights", "--residual" -> covariance.put(name, once(name, covariance.get(name), v));
                        default -> format = once(name, format, v);
                    }
                }
                default -> throw CommandOptions.notAnOption("confint", a);
            }
        }
        if (data == null) {
            throw new CliException("confint needs --data FILE.csv; try 'jmixed confint --help'");
        }
        if (formula == null) {
            throw new CliException("confint needs --formula 'y ~ x + (1 | g)'; try 'jmixed confint --help'");
        }
        boolean wald = false;
        boolean boot = false;
        if (method != null) {
            switch (method.toLowerCase(java.util.Locale.ROOT)) {
                case "profile" -> wald = false;
                case "wald" -> wald = true;
                case "boot" -> boot = true;
                default -> throw new CliException("--method must be profile, wald or boot, not '" + method + "'");
            }
        }
        BootstrapOptions bootstrap = null;
        BootstrapIntervals.Method type = null;
        if (boot) {
            bootstrap = BootstrapOptions.of((int) CommandOptions.wholeNumber("--n", replicates, 500, 1, Integer.MAX_VALUE),
                    CommandOptions.wholeNumber("--seed", seed, 1, Long.MIN_VALUE, Long.MAX_VALUE));
            if (threads != null) {
                bootstrap = bootstrap.withThreads((int) CommandOptions.wholeNumber("--threads", threads, 1, 1, 4096));
            }
            type = switch (bootType == null ? "perc" : bootType) {
                case "perc" -> BootstrapIntervals.Method.PERCENTILE;
                case "basic" -> BootstrapIntervals.Method.BASIC;
                case "norm" -> BootstrapIntervals.Method.NORMAL;
                default -> throw new CliException("--boot-type must be perc, basic or norm, not '" + bootType + "'");
            };
        } else if (replicates != null || seed != null || threads != null || bootType != null) {
            throw new CliException("--n, --seed, --threads and --boot-type go with --method boot");
        }
        if (plots != null && (wald || boot)) {
            throw new CliException("--plots goes with --method profile (zeta plots); for bootstrap pictures use"
                    + " 'jmixed bootstrap --plots DIR'");
        }
        boolean json = CommandOptions.textOrJson(format);
        ProfileOptions options = ProfileOptions.defaults();
        if (level != null) {
            double p;
            try {
                p = Double.parseDouble(level.trim());
            } catch (NumberFormatException e) {
                throw new CliException("--level must be a number between 0 and 1, not '" + level + "'");
            }
            if (!(p > 0 && p < 1)) {
                throw new CliException("--level must be a number between 0 and 1, not '" + level + "'");
            }
            options = options.withLevel(p);
        }
        if (traceZeta != null) {
            double zmax;
            try {
                zmax = Double.parseDouble(traceZeta.trim());
            } catch (NumberFormatException e) {
                throw new CliException("--trace-zeta must be a number >= 0, not '" + traceZeta + "'");
            }
            if (!(zmax >= 0) || Double.isInfinite(zmax)) {
                throw new CliException("--trace-zeta must be a number >= 0, not '" + traceZeta + "'");
            }
            options = options.withTraceZeta(zmax);
        }
        if (parm != null) {
            List<String> names = new ArrayList<>();
            for (String s : parm.split(",")) {
                if (!s.isBlank()) {
                    names.add(s.strip());
                }
            }
            if (names.isEmpty()) {
                throw new CliException("--parm needs at least one parameter name");
            }
            options = options.withParameters(names);
        }
        FitOptions fitOptions = FitOptions.defaults();
        if (reml != null) {
            fitOptions = fitOptions.withReml(reml);
        }
        if (backend != null) {
            fitOptions = fitOptions.withBackend(backend);
        }
        fitOptions = CovarianceOptions.apply(fitOptions, covariance);
        return new Args(Path.of(data), formula, wald, options, fitOptions, json, false, bootstrap, type,
                plots == null ? null : Path.of(plots));
    }

    static int run(Args a, PrintStream out) {
        if (a.help()) {
            out.print(HELP);
            return Main.OK;
        }
        Path data = a.data();
        InputFiles.requireReadable(data, "data");
        Backends.preloadInBackground();
        DataFrame frame = DataFiles.read(data);
        PreparedModel model = LinearMixedModel.prepare(frame, a.formula());
        IntervalTable table;
        if (a.bootstrap() != null) {
            FitResult fit = LinearMixedModel.fit(model, a.fitOptions());
            BootstrapResult replicates = ParametricBootstrap.run(model, fit, a.bootstrap(), a.fitOptions(),
                    new ReplicateProgress(System.err, "bootstrap", false));
            table = BootstrapConfint.intervals(model, fit, replicates, a.bootType(), a.options());
        } else if (a.wald()) {
            table = ConfidenceIntervals.wald(LinearMixedModel.fit(model, a.fitOptions()), model, a.options());
        } else {
            table = ConfidenceIntervals.profile(model, a.fitOptions(), a.options());
            IntervalTable profiled = table;
            InferencePictures.write(a.plots(), () -> ZetaPlots.figures(profiled));
        }
        out.print(a.json() ? IntervalReport.json(table) : IntervalReport.text(table));
        out.flush();
        return Main.OK;
    }
}
