package org.jmixed.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jmixed.data.CrossedSimulator;
import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;

/**
 * The benchmark problems by name: three example data sets read from {@code examples/} and four
 * synthetic designs generated with fixed seeds. The names are the values of the {@code problem}
 * parameter of the benchmarks.
 */
public final class Problems {
    /** System property naming the repository root (set by ./bench and by the Maven build). */
    public static final String ROOT_PROPERTY = "jmixed.root";

    /** A named problem: how to make its data and the formula to fit. */
    public record Problem(String name, String formula, Supplier<DataFrame> data) {
    }

    /** Every problem, in the order tables list them. */
    public static final List<String> ALL = List.of("sleepstudy", "penicillin", "insteval", "nested",
            "crossed-100k", "crossed-1m", "crossed-10m");

    private static final Map<String, Problem> PROBLEMS = Map.of(
            "sleepstudy", new Problem("sleepstudy", "Reaction ~ Days + (Days | Subject)",
                    () -> example("sleepstudy.csv")),
            "penicillin", new Problem("penicillin", "diameter ~ 1 + (1 | plate) + (1 | sample)",
                    () -> example("Penicillin.csv")),
            "insteval", new Problem("insteval", "y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)",
                    () -> example("InstEval.csv")),
            // 100,000 rows; 50 districts × 20 schools × 10 classes = 10,000 classes.
            "nested", new Problem("nested", NestedSimulator.FORMULA,
                    () -> NestedSimulator.simulate(100_000, 50, 20, 10, 20_261_101L)),
            "crossed-100k", new Problem("crossed-100k", CrossedSimulator.FORMULA,
                    () -> CrossedSimulator.simulate(100_000, 10_000, 1_000, 1L).toDataFrame()),
            "crossed-1m", new Problem("crossed-1m", CrossedSimulator.FORMULA,
                    () -> CrossedSimulator.simulate(1_000_000, 100_000, 5_000, 2L).toDataFrame()),
            "crossed-10m", new Problem("crossed-10m", CrossedSimulator.FORMULA,
                    () -> CrossedSimulator.simulate(10_000_000, 200_000, 10_000, 3L).toDataFrame()));

    private Problems() {
    }

    /** The problem of this name; the message lists the known names when there is none. */
    public static Problem get(String name) {
        Problem p = PROBLEMS.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown problem '" + name + "' (known: " + String.join(", ", ALL) + ")");
        }
        return p;
    }

    /**
     * The repository root: the {@value #ROOT_PROPERTY} system property when set, else the first
     * directory at or above the working directory that holds {@code examples/sleepstudy.csv}.
     */
    public static Path root() {
        String prop = System.getProperty(ROOT_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            Path p = Path.of(prop).toAbsolutePath();
            if (Files.isRegularFile(p.resolve("examples/sleepstudy.csv"))) {
                return p;
            }
            throw new IllegalStateException("-D" + ROOT_PROPERTY + "=" + prop + " has no examples/sleepstudy.csv");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("examples/sleepstudy.csv"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (a directory with examples/sleepstudy.csv) at or "
                + "above " + Path.of("").toAbsolutePath() + "; run from the repository or pass -D" + ROOT_PROPERTY + "=DIR");
    }

    private static DataFrame example(String file) {
        return CsvReader.read(root().resolve("examples").resolve(file));
    }
}
