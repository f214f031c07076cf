package org.jmixed.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jmixed.data.binary.DataFiles;
import org.jmixed.inference.bayes.GibbsData;
import org.jmixed.inference.bayes.GibbsReport;
import org.jmixed.inference.bayes.GibbsResult;
import org.jmixed.inference.bayes.GibbsSampler;
import org.jmixed.inference.bayes.GibbsScheme;
import org.jmixed.inference.bayes.GibbsSettings;
import org.jmixed.inference.bayes.RandomInterceptPrior;
import org.jmixed.plots.inference.GibbsPlots;

/** {@code jmixed gibbs}: posterior summaries of a random-intercept model by Gibbs sampling. */
final class GibbsCommand {
    static final String HELP = String.join("\n",
            "Usage: jmixed gibbs --data FILE.csv --formula 'y ~ x + (1 | g)' [options]",
            "",
            "Sample the posterior of a random-intercept model with a Gibbs sampler (the seed",
            "notes' model): beta ~ N(0, V I), b_j ~ N(0, sigma2_b), sigma2_b ~ InvGamma(a_b, s_b),",
            "sigma2_e ~ InvGamma(a_e, s_e). Prints posterior means, SDs, 95% intervals, effective",
            "sample sizes and split R-hat of the fixed effects, the two variances and their SDs.",
            "The draws depend on --seed and --chains only, not on --threads.",
            "",
            "Options:",
            "  --data FILE             CSV file with a header row, .jmx or .parquet (file or directory)",
            "  --formula FORMULA       'y ~ x + (1 | g)': one random intercept",
            "  --iterations N          iterations per chain, burn-in included (default 5000)",
            "  --burn-in B             iterations dropped at the start of each chain (default N/5)",
            "  --chains C              independent chains (default 4)",
            "  --seed S                random seed (default 1)",
            "  --threads K             threads (default: one per chain, up to the processors)",
            "  --scheme NAME           componentwise (the notes' order: beta | b, then b | beta; the",
            "                          default) or blocked (beta with b integrated out, then b | beta:",
            "                          the same posterior, far better mixing of the intercept)",
            "  --prior-beta-var V      prior variance of each fixed effect (default 1e10)",
            "  --prior-b SHAPE,SCALE   inverse-gamma prior of sigma2_b (default 0.001,0.001)",
            "  --prior-e SHAPE,SCALE   inverse-gamma prior of sigma2_e (default 0.001,0.001)",
            "  --draws FILE.csv        also write every kept draw (chain, iteration, parameters)",
            "  --plots DIR             write per parameter its trace (chains in colours), autocorrelation",
            "                          and posterior density as PNG and SVG into DIR",
            "  --format text|json      output format (default: text)",
            "  -h, --help              show this help",
            "");

    private GibbsCommand() {
    }

    static int run(String[] args, int from, PrintStream out) {
        Map<String, String> v = CommandOptions.parse("gibbs", args, from,
                Set.of("--data", "--formula", "--iterations", "--burn-in", "--chains", "--seed", "--threads",
                        "--prior-beta-var", "--prior-b", "--prior-e", "--draws", "--format", "--scheme", "--plots"),
                List.of("--data", "--formula"));
        if (v == null) {
            out.print(HELP);
            return Main.OK;
        }
        boolean json = SimStatsOptions.json(v);
        int iterations = (int) SimStatsOptions.whole(v, "--iterations", 5000, 5);
        int burnIn = (int) SimStatsOptions.whole(v, "--burn-in", iterations / 5, 0);
        int chains = (int) SimStatsOptions.whole(v, "--chains", 4, 1);
        long seed = SimStatsOptions.whole(v, "--seed", 1, Long.MIN_VALUE);
        int threads = (int) SimStatsOptions.whole(v, "--threads", 0, 1);
        if (iterations - burnIn < 4) {
            throw new CliException("--iterations (" + iterations + ") must exceed --burn-in (" + burnIn + ") by at least 4");
        }
        String schemeName = v.getOrDefault("--scheme", "componentwise").trim();
        GibbsScheme scheme = switch (schemeName) {
            case "componentwise" -> GibbsScheme.COMPONENTWISE;
            case "blocked" -> GibbsScheme.BLOCKED;
            default -> throw new CliException("--scheme must be componentwise or blocked, not '" + schemeName + "'");
        };
        RandomInterceptPrior d = RandomInterceptPrior.DIFFUSE;
        double betaVar = SimStatsOptions.positive(v, "--prior-beta-var", d.betaVariance());
        double[] pb = pair(v, "--prior-b", d.shapeB(), d.scaleB());
        double[] pe = pair(v, "--prior-e", d.shapeE(), d.scaleE());
        RandomInterceptPrior prior = new RandomInterceptPrior(betaVar, pb[0], pb[1], pe[0], pe[1]);
        Path data = Path.of(v.get("--data"));
        GibbsData model = GibbsData.of(DataFiles.read(data), v.get("--formula"));
        GibbsResult r = GibbsSampler.run(model, prior, new GibbsSettings(iterations, burnIn, chains, seed, threads, scheme));
        if (v.containsKey("--draws")) {
            GibbsReport.writeDraws(r, Path.of(v.get("--draws")));
        }
        InferencePictures.write(v.containsKey("--plots") ? Path.of(v.get("--plots")) : null,
                () -> GibbsPlots.figures(r));
        String name = data.getFileName().toString();
        out.print(json ? GibbsReport.json(r, name) : GibbsReport.text(r, name));
        return Main.OK;
    }

    private static double[] pair(Map<String, String> v, String name, double shape, double scale) {
        String s = v.get(name);
        if (s == null) {
            return new double[] {shape, scale};
        }
        String[] parts = s.split(",");
        try {
            if (parts.length == 2) {
                double a = Double.parseDouble(parts[0].trim());
                double b = Double.parseDouble(parts[1].trim());
                if (a > 0 && b > 0 && Double.isFinite(a) && Double.isFinite(b)) {
                    return new double[] {a, b};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CliException(name + " must be SHAPE,SCALE with two positive numbers, not '" + s + "'");
    }
}
