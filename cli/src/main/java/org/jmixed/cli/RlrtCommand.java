package org.jmixed.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.jmixed.data.binary.DataFiles;
import org.jmixed.inference.rlrt.ExactRlrt;
import org.jmixed.inference.rlrt.RlrtReport;
import org.jmixed.model.FitOptions;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.jmixed.spi.Backends;

/** {@code jmixed rlrt}: the exact restricted likelihood-ratio test of one variance component (RLRsim's exactRLRT). */
final class RlrtCommand {
    static final String HELP = String.join("\n",
            "Usage: jmixed rlrt --data FILE.csv --formula 'y ~ x + (1 | g)' --term TERM [options]",
            "",
            "Exact restricted likelihood-ratio test that the variance of a random-effects term is",
            "zero (as RLRsim's exactRLRT): the statistic from the REML fits with and without the",
            "term, its finite-sample null distribution simulated from its spectral representation",
            "(Crainiceanu & Ruppert 2004). The model's only random-effects term must be the tested",
            "one, with one column: (1 | g) or (0 + x | g).",
            "",
            "Required:",
            "  --data FILE          CSV file with a header row, .jmx or .parquet (file or directory)",
            "  --formula FORMULA    lme4 model formula with one random-effects term",
            "  --term TERM          the tested term: its grouping factor (g) or as written ('(1 | g)')",
            "",
            "Options:",
            "  --n N                simulated values of the null distribution (default 10000)",
            "  --seed S             random seed (default 1)",
            "  --format text|json   output format (default: text)",
            "  --backend NAME       factorization backend (default: auto)",
            "  --weights COLUMN     prior weights: row i has residual variance sigma^2 / w_i (lme4's weights=)",
            "  -h, --help           show this help",
            "");

    private RlrtCommand() {
    }

    static int run(String[] args, int from, PrintStream out) {
        CommandOptions o = CommandOptions.parse("rlrt", args, from,
                Set.of("--data", "--formula", "--term", "--n", "--seed", "--format", "--backend", "--weights",
                        "--residual"), Set.of(),
                List.of("--data", "--formula", "--term"));
        if (o == null) {
            out.print(HELP);
            return Main.OK;
        }
        int n = (int) o.number("--n", 10_000, 1, Integer.MAX_VALUE);
        long seed = o.number("--seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        boolean json = o.json();
        Path data = InputFiles.requireReadable(Path.of(o.get("--data", null)), "data");
        PreparedModel model = LinearMixedModel.prepare(DataFiles.read(data), o.get("--formula", null));
        ExactRlrt.Result r = ExactRlrt.test(model, o.get("--term", null), n, seed,
                CovarianceOptions.apply(FitOptions.defaults().withBackend(o.get("--backend", Backends.AUTO)), o.values));
        String name = data.getFileName() == null ? data.toString() : data.getFileName().toString();
        out.print(json ? RlrtReport.json(r, seed, name) : RlrtReport.text(r, seed, name));
        out.flush();
        return Main.OK;
    }
}
