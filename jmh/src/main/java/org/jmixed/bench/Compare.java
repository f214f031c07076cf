package org.jmixed.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares two result files (./bench or plain JMH JSON) benchmark by benchmark.
 *
 * <p>A benchmark is a <b>regression</b> when it got slower by more than the threshold (default
 * {@value #DEFAULT_THRESHOLD_PERCENT}%) <em>and</em> the two confidence intervals do not overlap:
 * on two noisy cores either condition alone flags noise. When JMH gave no interval (a single
 * measurement), the score stands for its interval, so the threshold alone decides. Benchmarks in
 * only one file, or with units that cannot be converted, are listed and never fail the
 * comparison. The normalized allocation rate ({@code -prof gc}) is shown beside the times as a
 * stable secondary signal; it does not decide the exit status.
 *
 * <p>Exit status: 0 no regression, 1 at least one regression, 2 wrong usage or unreadable input.
 */
public final class Compare {
    public static final double DEFAULT_THRESHOLD_PERCENT = 10.0;

    /** How one benchmark compares. */
    public enum Verdict {
        REGRESSION("REGRESSION"), FASTER("faster"), SAME("same"), NOISE("noise (CIs overlap)");

        final String label;

        Verdict(String label) {
            this.label = label;
        }
    }

    /** One benchmark present in both files, the new result in the old one's unit. */
    public record Row(BenchResult base, BenchResult now, double changePercent, boolean overlap, Verdict verdict) {
    }

    /** The whole comparison. */
    public record Outcome(List<Row> rows, List<BenchResult> onlyInBase, List<BenchResult> onlyInNew,
                         List<String> incomparable, double thresholdPercent) {
        public boolean regressed() {
            return rows.stream().anyMatch(r -> r.verdict() == Verdict.REGRESSION);
        }
    }

    private Compare() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs {@code BASE.json NEW.json [--threshold PCT]}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> files = new ArrayList<>();
        double threshold = DEFAULT_THRESHOLD_PERCENT;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            if (a.equals("--threshold")) {
                if (i + 1 >= args.length) {
                    return usage(err, "--threshold needs a value (percent)");
                }
                value = args[++i];
            } else if (a.startsWith("--threshold=")) {
                value = a.substring("--threshold=".length());
            } else if (a.startsWith("-") && !a.equals("-")) {
                return usage(err, "unknown option " + a);
            } else {
                files.add(a);
            }
            if (value != null) {
                try {
                    threshold = Double.parseDouble(value.endsWith("%") ? value.substring(0, value.length() - 1) : value);
                } catch (NumberFormatException e) {
                    threshold = Double.NaN;
                }
                if (!(threshold >= 0) || Double.isInfinite(threshold)) {
                    return usage(err, "--threshold must be a non-negative percentage, not '" + value + "'");
                }
            }
        }
        if (files.size() != 2) {
            return usage(err, "need two result files, BASE.json and NEW.json");
        }
        List<BenchResult> base;
        List<BenchResult> now;
        try {
            base = BenchResult.read(Path.of(files.get(0)));
            now = BenchResult.read(Path.of(files.get(1)));
        } catch (IOException | RuntimeException e) {
            err.println("bench compare: " + e.getMessage());
            return 2;
        }
        Outcome o = compare(base, now, threshold);
        out.print(format(o, files.get(0), files.get(1)));
        return o.regressed() ? 1 : 0;
    }

    private static int usage(PrintStream err, String why) {
        err.println("bench compare: " + why);
        err.println("usage: bench compare BASE.json NEW.json [--threshold PCT]   (default "
                + DEFAULT_THRESHOLD_PERCENT + "%)");
        return 2;
    }

    /** Matches the results by benchmark, mode and parameters, and judges each pair. */
    public static Outcome compare(List<BenchResult> base, List<BenchResult> now, double thresholdPercent) {
        Map<String, BenchResult> newByKey = new LinkedHashMap<>();
        for (BenchResult r : now) {
            newByKey.put(r.key(), r);
        }
        Map<String, BenchResult> baseByKey = new LinkedHashMap<>();
        for (BenchResult r : base) {
            baseByKey.put(r.key(), r);
        }
        List<Row> rows = new ArrayList<>();
        List<BenchResult> onlyBase = new ArrayList<>();
        List<String> incomparable = new ArrayList<>();
        for (BenchResult b : baseByKey.values()) {
            BenchResult n = newByKey.remove(b.key());
            if (n == null) {
                onlyBase.add(b);
                continue;
            }
            double f = Units.factor(n.unit(), b.unit());
            if (Double.isNaN(f)) {
                incomparable.add(label(b) + ": units " + b.unit() + " and " + n.unit() + " cannot be compared");
                continue;
            }
            rows.add(judge(b, n.scaled(f, b.unit()), thresholdPercent));
        }
        return new Outcome(rows, onlyBase, new ArrayList<>(newByKey.values()), incomparable, thresholdPercent);
    }

    static Row judge(BenchResult b, BenchResult n, double thresholdPercent) {
        double change = (n.score() - b.score()) / b.score() * 100.0;
        double slower = b.lowerIsBetter() ? change : -change;
        boolean overlap = n.low() <= b.high() && b.low() <= n.high();
        Verdict v;
        if (!(Math.abs(slower) > thresholdPercent)) {
            v = Verdict.SAME;
        } else if (overlap) {
            v = Verdict.NOISE;
        } else {
            v = slower > 0 ? Verdict.REGRESSION : Verdict.FASTER;
        }
        return new Row(b, n, change, overlap, v);
    }

    static String label(BenchResult r) {
        String other = r.otherParams();
        return r.shortName() + " " + r.param("problem") + " " + r.param("backend") + (other.isEmpty() ? "" : " " + other);
    }

    /** The report: one table of benchmarks in both files, then the lists and a verdict line. */
    public static String format(Outcome o, String baseName, String newName) {
        StringBuilder s = new StringBuilder();
        s.append("base: ").append(baseName).append('\n').append("new:  ").append(newName).append('\n');
        s.append(String.format(Locale.ROOT, "regression: slower by more than %s%% and confidence intervals disjoint%n%n",
                Units.number(o.thresholdPercent())));
        TextTable t = new TextTable(new boolean[] {true, true, true, false, false, false, false, false, false, false, true},
                "benchmark", "problem", "backend", "base", "new", "change", "base CI", "new CI", "unit",
                "alloc/op base→new", "verdict");
        for (Row r : o.rows()) {
            BenchResult b = r.base();
            BenchResult n = r.now();
            t.add(b.shortName() + (b.otherParams().isEmpty() ? "" : " " + b.otherParams()), b.param("problem"),
                    b.param("backend"), Units.number(b.score()), Units.number(n.score()),
                    String.format(Locale.ROOT, "%+.1f%%", r.changePercent()), interval(b), interval(n), b.unit(),
                    Units.bytes(b.allocPerOp()) + " → " + Units.bytes(n.allocPerOp()), r.verdict().label);
        }
        s.append(t);
        if (!o.onlyInBase().isEmpty()) {
            s.append("\nonly in base (not compared):\n");
            o.onlyInBase().forEach(r -> s.append("  ").append(label(r)).append('\n'));
        }
        if (!o.onlyInNew().isEmpty()) {
            s.append("\nonly in new (not compared):\n");
            o.onlyInNew().forEach(r -> s.append("  ").append(label(r)).append('\n'));
        }
        if (!o.incomparable().isEmpty()) {
            s.append("\nnot comparable:\n");
            o.incomparable().forEach(x -> s.append("  ").append(x).append('\n'));
        }
        long regressions = o.rows().stream().filter(r -> r.verdict() == Verdict.REGRESSION).count();
        s.append('\n').append(regressions == 0 ? "no regression" : regressions + " regression(s)")
                .append(" in ").append(o.rows().size()).append(" benchmark(s) compared\n");
        return s.toString();
    }

    private static String interval(BenchResult r) {
        if (!r.hasInterval()) {
            return "n/a";
        }
        return "[" + Units.number(r.ciLow()) + ", " + Units.number(r.ciHigh()) + "]";
    }
}
