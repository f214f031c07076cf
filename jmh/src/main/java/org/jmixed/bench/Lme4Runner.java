package org.jmixed.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jmixed.data.CrossedSimulator;
import org.jmixed.data.DataFrame;

/**
 * {@code ./bench lme4 [--quick] [--out FILE.json]}: times the jmixed command and lme4 (through
 * {@code Rscript tools/r/lme4_bench.R}) on the same CSV files, one after the other on this machine,
 * for InstEval, a crossed and a nested design, and writes
 * {@code {"format", "environment", "comparisons": [...]}} (see {@link Lme4Comparison}).
 * The full run uses the 400,000-row crossed design (20,000 × 2,000, seed 42) and 100,000 nested
 * rows, three runs of each program; the quick run 100,000 crossed rows (10,000 × 1,000), 20,000
 * nested rows, two jmixed runs and one lmer().
 */
final class Lme4Runner {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern EVALUATIONS = Pattern.compile("(\\d+) evaluations");
    private static final Pattern CRITERION = Pattern.compile("REML criterion at convergence: *(\\S+)");

    private record Case(String problem, String formula, String factors, Path csv, String data) {
    }

    private Lme4Runner() {
    }

    static int run(String[] args) throws IOException, InterruptedException {
        boolean quick = false;
        Path out = null;
        List<String> envArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--set" -> {
                    envArgs.add(args[i]);
                    envArgs.add(args[++i]);
                }
                default -> {
                    System.err.println("bench lme4: unknown option " + args[i]);
                    return 2;
                }
            }
        }
        if (out == null) {
            System.err.println("bench lme4: need --out FILE.json");
            return 2;
        }
        Path root = Problems.root();
        Path tmp = Files.createTempDirectory("jmixed-bench-lme4");
        try {
            int jmixedRuns = quick ? 2 : 3;
            int lmerRuns = quick ? 1 : 3;
            List<Case> cases = cases(root, tmp, quick);
            ObjectNode file = JSON.createObjectNode();
            file.put("format", Lme4Comparison.FORMAT);
            ObjectNode env = BenchTool.environment(envArgs.toArray(String[]::new));
            env.put("mode", quick ? "lme4-quick" : "lme4-full");
            file.set("environment", env);
            ArrayNode comparisons = file.putArray("comparisons");
            List<Lme4Comparison> done = new ArrayList<>();
            for (Case c : cases) {
                Lme4Comparison r = compare(root, tmp, c, jmixedRuns, lmerRuns);
                done.add(r);
                comparisons.add(r.toJson());
                System.err.printf(Locale.ROOT, "bench lme4: %s: jmixed %.2f s, lme4 lmer() %.2f s (%.2f×)%n",
                        c.problem(), r.jmixedMedian(), r.lmerMedian(), r.ratioLmer());
            }
            env.put("loadAverageAtEnd", Files.readString(Path.of("/proc/loadavg")).trim());
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JSON.writeValue(out.toFile(), file);
            System.out.print(Lme4Comparison.table(done));
            return 0;
        } finally {
            try (var files = Files.walk(tmp)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<Case> cases(Path root, Path tmp, boolean quick) throws IOException, InterruptedException {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("insteval", "y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)", "s,d,dept,service",
                root.resolve("examples/InstEval.csv"), "examples/InstEval.csv"));
        String[] sim = quick
                ? new String[] {"--rows", "100000", "--users", "10000", "--items", "1000", "--seed", "42"}
                : new String[] {"--rows", "400000", "--users", "20000", "--items", "2000", "--seed", "42"};
        Path crossed = tmp.resolve("crossed.csv");
        List<String> cmd = new ArrayList<>(List.of(root.resolve("jmixed").toString(), "simulate-crossed"));
        cmd.addAll(List.of(sim));
        cmd.addAll(List.of("--out", crossed.toString()));
        exec(cmd, tmp.resolve("simulate.out"));
        cases.add(new Case(quick ? "crossed-100k" : "crossed-400k", CrossedSimulator.FORMULA, "user,item", crossed,
                "jmixed simulate-crossed " + String.join(" ", sim)));
        int nestedRows = quick ? 20_000 : 100_000;
        int districts = quick ? 20 : 50;
        int schools = quick ? 10 : 20;
        Path nested = tmp.resolve("nested.csv");
        writeCsv(NestedSimulator.simulate(nestedRows, districts, schools, 10, 20_261_101L), nested);
        cases.add(new Case(quick ? "nested-20k" : "nested-100k", NestedSimulator.FORMULA, "district,school,class",
                nested, String.format(Locale.ROOT, "NestedSimulator: %d rows, %d districts × %d schools × 10 classes, "
                        + "seed 20261101", nestedRows, districts, schools)));
        return cases;
    }

    private static Lme4Comparison compare(Path root, Path tmp, Case c, int jmixedRuns, int lmerRuns)
            throws IOException, InterruptedException {
        List<String> fit = List.of(root.resolve("jmixed").toString(), "fit", "--data", c.csv().toString(),
                "--formula", c.formula());
        Path fitOut = tmp.resolve("fit.out");
        exec(fit, fitOut);  // untimed: builds the jar if needed, fills the page cache
        String summary = Files.readString(fitOut);
        int evaluations = evaluations(summary);
        double criterion = criterion(summary);
        double[] wall = new double[jmixedRuns];
        for (int i = 0; i < jmixedRuns; i++) {
            wall[i] = exec(fit, fitOut);
        }
        List<String> r = List.of("Rscript", root.resolve("tools/r/lme4_bench.R").toString(), c.csv().toString(),
                c.formula(), c.factors(), Integer.toString(lmerRuns));
        Path rOut = tmp.resolve("r.out");
        double rWall = exec(r, rOut);
        JsonNode lme4 = JSON.readTree(Files.readString(rOut));
        return new Lme4Comparison(c.problem(), c.formula(), c.data(), lme4.path("rows").asInt(),
                "jmixed fit --data FILE --formula '" + c.formula() + "'", wall, evaluations, criterion, rWall, lme4);
    }

    /** The evaluation count in the summary's last line ("52 evaluations in 1.0 s"), or -1. */
    static int evaluations(String summary) {
        Matcher m = EVALUATIONS.matcher(summary);
        int n = -1;
        while (m.find()) {
            n = Integer.parseInt(m.group(1));
        }
        return n;
    }

    /** The REML criterion the summary printed, or NaN. */
    static double criterion(String summary) {
        Matcher m = CRITERION.matcher(summary);
        try {
            return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Runs a command with its output in {@code stdout}; the wall time in seconds. */
    private static double exec(List<String> command, Path stdout) throws IOException, InterruptedException {
        Path err = stdout.resolveSibling(stdout.getFileName() + ".err");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(err.toFile()).start();
        int rc = p.waitFor();
        double seconds = (System.nanoTime() - t0) * 1e-9;
        if (rc != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + rc + "): " + Files.readString(err).strip());
        }
        return seconds;
    }

    private static void writeCsv(DataFrame d, Path file) throws IOException {
        List<String> names = d.names();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(String.join(",", names));
            w.newLine();
            for (int i = 0; i < d.nrows(); i++) {
                for (int c = 0; c < names.size(); c++) {
                    if (c > 0) {
                        w.write(',');
                    }
                    var col = d.column(names.get(c));
                    w.write(col.allNumeric() ? Double.toString(col.numericValue(i)) : col.stringValue(i));
                }
                w.newLine();
            }
        }
    }
}
