package org.jmixed.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jmixed.data.binary.DataFiles;
import org.jmixed.inference.moments.MomentEstimator;
import org.jmixed.inference.moments.MomentReport;
import org.jmixed.inference.moments.MomentResult;

/** {@code jmixed moments}: ANOVA (method-of-moments) variance-component estimates of a balanced design. */
final class MomentsCommand {
    static final String HELP = String.join("\n",
            "Usage: jmixed moments --data FILE.csv --formula 'y ~ 1 + (1 | g)' [--format text|json]",
            "",
            "Estimate variance components by the method of moments (ANOVA estimators): mean",
            "squares equated with their expectations. Designs: one-way '(1 | a)' (unbalanced",
            "too, with the usual n0), nested '(1 | a/b/...)' and two-way crossed",
            "'(1 | a) + (1 | b)' or '(1 | a) + (1 | b) + (1 | a:b)', balanced; intercept-only",
            "fixed part. Negative estimates are reported as they are, with a note.",
            "",
            "Options:",
            "  --data FILE         CSV file with a header row, .jmx or .parquet (file or directory)",
            "  --formula FORMULA   e.g. 'bright ~ 1 + (1 | operator)'",
            "  --format text|json  output format (default: text)",
            "  -h, --help          show this help",
            "");

    private MomentsCommand() {
    }

    static int run(String[] args, int from, PrintStream out) {
        Map<String, String> v = CommandOptions.parse("moments", args, from, Set.of("--data", "--formula", "--format"),
                List.of("--data", "--formula"));
        if (v == null) {
            out.print(HELP);
            return Main.OK;
        }
        boolean json = SimStatsOptions.json(v);
        Path data = Path.of(v.get("--data"));
        MomentResult r = MomentEstimator.estimate(DataFiles.read(data), v.get("--formula"));
        String name = data.getFileName().toString();
        out.print(json ? MomentReport.json(r, name) : MomentReport.text(r, name));
        return Main.OK;
    }
}
