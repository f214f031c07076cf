package org.jmixed.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

import org.jmixed.JmixedException;
import org.jmixed.model.FitOptions;

/**
 * {@code jmixed fit --spark MASTER ...}: the rows are read and reduced to cross-products by Apache
 * Spark, the fit runs here. Spark is not in jmixed's jar: the launcher puts it on the class path
 * when {@code --spark} is on the command line (spark-submit does so itself), and this class
 * touches the Spark-facing code only after checking that it is there.
 */
final class SparkFitCommand {
    static final String HELP = String.join("\n",
            "Usage: jmixed fit --spark MASTER --data PATH --formula 'y ~ x + (1 | g)' [options]",
            "",
            "Fit a linear mixed model to data read by Apache Spark: the executors form the",
            "cross-products, the fit runs on the driver (this process), the output is that of",
            "'jmixed fit'. PATH is a CSV file, a Parquet file or a directory of Parquet parts.",
            "",
            "Required:",
            "  --spark MASTER           Spark master: local[2] runs Spark in this process;",
            "                           spark://HOST:7077, yarn, ... (under spark-submit its --master wins)",
            "  --data PATH              CSV file (header row, R's write.csv layout) or Parquet",
            "  --formula FORMULA        lme4 model formula",
            "",
            "Options:",
            "  --reml | --ml            criterion (default: REML)",
            "  --backend NAME           factorization backend on the driver: auto, java, cholmod, cuda",
            "  --format text|json       output format (default: text)",
            "  --max-evaluations N      cap on the optimizer's objective evaluations",
            "  --predictions-out PATH   write each complete row with its fitted value and residual (Parquet)",
            "  -h, --help               show this help",
            "");

    private SparkFitCommand() {
    }

    /** Whether a {@code fit} command line asks for Spark. */
    static boolean requested(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            if (args[i].equals("--spark") || args[i].startsWith("--spark=")) {
                return true;
            }
        }
        return false;
    }

    static int run(String[] args, int from, PrintStream out) {
        CommandOptions o = CommandOptions.parse("fit", args, from,
                Set.of("--spark", "--data", "--formula", "--backend", "--format", "--max-evaluations",
                        "--predictions-out"),
                Set.of("--ml", "--reml"), List.of("--spark", "--data", "--formula"));
        if (o == null) {
            out.print(HELP);
            return Main.OK;
        }
        FitOptions options = FitOptions.defaults().withReml(o.reml(true))
                .withMaxEvaluations((int) o.number("--max-evaluations", FitOptions.DEFAULT_MAX_EVALUATIONS, 1,
                        Integer.MAX_VALUE));
        if (o.values.containsKey("--backend")) {
            options = options.withBackend(o.get("--backend", "auto"));
        }
        boolean json = o.json();
        requireSpark();
        out.print(org.jmixed.spark.SparkFitRun.run(o.get("--spark", null), o.get("--data", null),
                o.get("--formula", null), options, json, o.get("--predictions-out", null)));
        return Main.OK;
    }

    private static void requireSpark() {
        try {
            Class.forName("org.apache.spark.sql.SparkSession", false, SparkFitCommand.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new JmixedException("--spark: Apache Spark is not on the class path; run through the jmixed"
                    + " launcher (it adds Spark when --spark is given) or spark-submit");
        }
    }
}
