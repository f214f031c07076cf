package org.jmixed.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jmixed.data.binary.DataFiles;
import org.jmixed.inference.lmlist.LmList;
import org.jmixed.inference.lmlist.LmListReport;
import org.jmixed.inference.lmlist.LmListResult;
import org.jmixed.plots.inference.LmListPlots;

/** {@code jmixed lmlist}: one ordinary least-squares fit per level of a grouping factor (lme4's lmList). */
final class LmListCommand {
    static final String HELP = String.join("\n",
            "Usage: jmixed lmlist --data FILE.csv --formula 'y ~ x | g' [--format text|json]",
            "",
            "Fit 'y ~ x' by ordinary least squares separately within each level of g, as lme4's",
            "lmList: coefficients, standard errors and residual SD per level, and the pooled",
            "residual SD. Levels with too few rows (or a covariate constant within them) get NA",
            "for the coefficients that cannot be estimated, as lm does; they are listed, not fatal.",
            "",
            "Options:",
            "  --data FILE         CSV file with a header row, .jmx or .parquet (file or directory)",
            "  --formula FORMULA   'response ~ terms | group', e.g. 'log(income) ~ I(year - 78) | person'",
            "  --format text|json  output format (default: text)",
            "  --plots DIR         write each group's intercept against its slope(s) as PNG and SVG into DIR",
            "  -h, --help          show this help",
            "");

    private LmListCommand() {
    }

    static int run(String[] args, int from, PrintStream out) {
        Map<String, String> v = CommandOptions.parse("lmlist", args, from, Set.of("--data", "--formula", "--format", "--plots"),
                List.of("--data", "--formula"));
        if (v == null) {
            out.print(HELP);
            return Main.OK;
        }
        boolean json = SimStatsOptions.json(v);
        Path data = Path.of(v.get("--data"));
        LmListResult r = LmList.fit(DataFiles.read(data), v.get("--formula"));
        InferencePictures.write(v.containsKey("--plots") ? Path.of(v.get("--plots")) : null,
                () -> LmListPlots.figures(r));
        String name = data.getFileName().toString();
        out.print(json ? LmListReport.json(r, name) : LmListReport.text(r, name));
        return Main.OK;
    }
}
