package org.jmixed.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jmixed.JmixedException;
import org.jmixed.data.DataFrame;
import org.jmixed.data.binary.DataFiles;
import org.jmixed.inference.ddf.AnovaFormat;
import org.jmixed.inference.ddf.DdfAnalysis;
import org.jmixed.inference.ddf.DdfMethod;
import org.jmixed.inference.ddf.TermTest;
import org.jmixed.model.FitOptions;
import org.jmixed.spi.Backends;

/** {@code jmixed anova}: type III F tests of the model terms with Satterthwaite or Kenward–Roger df. */
final class AnovaCommand {
    static final String HELP = String.join("\n",
            "Usage: jmixed anova --data FILE.csv --formula 'y ~ a * b + (1 | g)' [options]",
            "",
            "Fit the model by REML and print the type III analysis of variance table of its",
            "fixed-effects terms, as lmerTest's anova(): Sum Sq, Mean Sq, NumDF, DenDF, F value,",
            "Pr(>F). Type III hypotheses are built as lmerTest builds them (marginal to the terms",
            "that contain a term), so they do not depend on treatment coding.",
            "",
            "Required:",
            "  --data FILE            CSV file with a header row, .jmx or .parquet (file or directory)",
            "  --formula FORMULA      lme4 model formula",
            "",
            "Options:",
            "  --ddf METHOD           satterthwaite (the default) or kenward-roger",
            "  --ml                   fit by maximum likelihood (Satterthwaite only)",
            "  --backend NAME         factorization backend: auto (the default), java, ...",
            CovarianceOptions.HELP,
            "  --format text|json     output format (default: text)",
            "  -h, --help             show this help",
            "");

    private static final Set<String> OPTIONS = Set.of("--data", "--formula", "--ddf", "--backend", "--format",
            "--weights", "--residual");

    private AnovaCommand() {
    }

    static int run(String[] args, int from, PrintStream out) {
        boolean ml = false;
        java.util.List<String> rest = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (i >= from && args[i].equals("--ml")) {
                ml = true;
            } else if (i >= from && args[i].equals("--reml")) {
                ml = false;
            } else {
                rest.add(args[i]);
            }
        }
        Map<String, String> o = CommandOptions.parse("anova", rest.toArray(new String[0]), from, OPTIONS,
                List.of("--data", "--formula"));
        if (o == null) {
            out.print(HELP);
            return Main.OK;
        }
        DdfMethod method = DdfMethod.SATTERTHWAITE;
        if (o.containsKey("--ddf")) {
            method = parseMethod(o.get("--ddf"));
        }
        boolean json = CommandOptions.textOrJson(o.get("--format"));
        if (ml && method == DdfMethod.KENWARD_ROGER) {
            throw new CliException("--ddf kenward-roger needs a REML fit; drop --ml");
        }
        Path data = Path.of(o.get("--data"));
        InputFiles.requireReadable(data, "data");
        FitOptions options = FitOptions.defaults().withReml(!ml);
        if (o.containsKey("--backend")) {
            options = options.withBackend(o.get("--backend"));
        }
        options = CovarianceOptions.apply(options, o);
        Backends.preloadInBackground();
        DataFrame frame = DataFiles.read(data);
        DdfAnalysis a = DdfAnalysis.fit(frame, o.get("--formula"), method, options);
        List<TermTest> rows = a.anova();
        out.print(json ? AnovaFormat.anovaJson(o.get("--formula"), rows, method) : AnovaFormat.anovaText(rows, method));
        out.flush();
        return Main.OK;
    }

    static DdfMethod parseMethod(String v) {
        try {
            return DdfMethod.parse(v);
        } catch (JmixedException e) {
            throw new CliException("--ddf must be satterthwaite or kenward-roger, not '" + v + "'");
        }
    }
}
