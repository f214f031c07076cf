package org.jmixed.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.jmixed.data.binary.DataFiles;
import org.jmixed.inference.bootstrap.BootstrapOptions;
import org.jmixed.inference.bootstrap.BootstrapReport;
import org.jmixed.inference.bootstrap.BootstrapResult;
import org.jmixed.inference.bootstrap.ParametricBootstrap;
import org.jmixed.inference.bootstrap.ReplicateProgress;
import org.jmixed.inference.bootstrap.ReplicateRunner;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.jmixed.plots.inference.BootstrapPlots;
import org.jmixed.spi.Backends;

/** {@code jmixed bootstrap}: the parametric bootstrap of a fit (lme4's bootMer). */
final class BootstrapCommand {
    static final String HELP = String.join("\n",
            "Usage: jmixed bootstrap --data FILE.csv --formula 'y ~ x + (1 | g)' [options]",
            "",
            "Parametric bootstrap (as lme4's bootMer): fit the model, simulate N responses from",
            "the fit (new random effects and noise, or with --conditional noise only around the",
            "fitted values), refit each from the original estimate, and summarize theta, sigma,",
            "the fixed effects, the variance components (sd/cor) and the objective: original",
            "estimate, bootstrap mean, bias, standard error, percentile 95% interval.",
            "",
            "Required:",
            "  --data FILE          CSV file with a header row, .jmx or .parquet (file or directory)",
            "  --formula FORMULA    lme4 model formula",
            "",
            "Options:",
            "  --n N                replicates (default 1000)",
            "  --seed S             random seed (default 1); the same seed gives the same replicates,",
            "                       bit for bit, whatever the number of threads",
            "  --threads K          worker threads (default: all cores, " + ReplicateRunner.defaultThreads() + " here)",
            "  --conditional        simulate conditionally on the BLUPs (new noise only)",
            "  --reml | --ml        fit and refit by REML (the default) or maximum likelihood",
            "  --out FILE.csv       also write every replicate to this CSV file",
            "  --plots DIR          write a histogram with a density of each quantity's replicates,",
            "                       the original estimate marked, as PNG and SVG into DIR",
            "  --format text|json   output format (default: text)",
            "  --progress           show the progress line on stderr even when it is not a terminal",
            "  --backend NAME       factorization backend (default: auto)",
            CovarianceOptions.HELP,
            "  --max-evaluations N  optimizer cap per refit (default: " + FitOptions.DEFAULT_MAX_EVALUATIONS + ")",
            "  -h, --help           show this help",
            "");

    private BootstrapCommand() {
    }

    static int run(String[] args, int from, PrintStream out, PrintStream err) {
        CommandOptions o = CommandOptions.parse("bootstrap", args, from,
                Set.of("--data", "--formula", "--n", "--seed", "--threads", "--out", "--format", "--backend", "--plots",
                        "--max-evaluations", "--weights", "--residual"),
                Set.of("--conditional", "--ml", "--reml", "--progress"), List.of("--data", "--formula"));
        if (o == null) {
            out.print(HELP);
            return Main.OK;
        }
        int n = (int) o.number("--n", 1000, 1, Integer.MAX_VALUE);
        long seed = o.number("--seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        int threads = (int) o.number("--threads", ReplicateRunner.defaultThreads(), 1, 4096);
        boolean json = o.json();
        FitOptions fitOptions = FitOptions.defaults().withReml(o.reml(true)).withBackend(o.get("--backend", Backends.AUTO))
                .withMaxEvaluations((int) o.number("--max-evaluations", FitOptions.DEFAULT_MAX_EVALUATIONS, 1, Integer.MAX_VALUE));
        fitOptions = CovarianceOptions.apply(fitOptions, o.values);
        Path data = InputFiles.requireReadable(Path.of(o.get("--data", null)), "data");
        Path csv = o.values.containsKey("--out") ? Path.of(o.get("--out", null)) : null;

        Backends.preloadInBackground();
        String formula = o.get("--formula", null);
        PreparedModel model = LinearMixedModel.prepare(DataFiles.read(data), formula);
        FitResult fit = LinearMixedModel.fit(model, fitOptions);
        ReplicateProgress progress = new ReplicateProgress(err, "bootstrap", o.has("--progress"));
        BootstrapResult result = ParametricBootstrap.run(model, fit,
                new BootstrapOptions(n, seed, threads, o.has("--conditional")), fitOptions, progress);
        if (csv != null) {
            BootstrapReport.writeCsv(result, csv);
        }
        InferencePictures.write(o.values.containsKey("--plots") ? Path.of(o.get("--plots", null)) : null,
                () -> BootstrapPlots.figures(result));
        String name = data.getFileName() == null ? data.toString() : data.getFileName().toString();
        out.print(json ? BootstrapReport.json(result, formula, name) : BootstrapReport.text(result, formula, name));
        out.flush();
        return Main.OK;
    }
}
