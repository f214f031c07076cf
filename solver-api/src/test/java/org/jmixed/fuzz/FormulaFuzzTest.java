package org.jmixed.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.jmixed.data.CsvReader;
import org.jmixed.data.DataFrame;
import org.jmixed.formula.FormulaParser;
import org.jmixed.model.LinearMixedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile formulas (issue 9): random token strings over the formula alphabet (names of columns
 * that exist and that do not, numbers, every operator, functions, brackets, bars, unicode,
 * nesting hundreds deep) and mutated well-formed formulas, parsed by {@link FormulaParser} and,
 * when they parse, evaluated against a small data frame and prepared for fitting
 * ({@link LinearMixedModel#prepare}). Every input ends in a prepared model or a one-line
 * {@link org.jmixed.JmixedException}. See {@link FuzzRun} for the long run.
 */
class FormulaFuzzTest {
    private static final String[] GOOD = {
        "y ~ x + (1 | g)", "y ~ x * f + (x | g)", "y ~ x + (x || g)", "y ~ 1 + (1 | g/h)", "log(y) ~ I(x^2) + (1 | g:h)",
        "y ~ 0 + f + (1 | g) + (1 | h)", "y ~ -1 + x + (1 + x | g)", "sqrt(abs(y)) ~ factor(h) + as.numeric(f) + (1 | g)",
        "y ~ x:f + exp(x) + (1 | g)",
    };
    private static final String[] TOKENS = {
        "y", "x", "f", "g", "h", "na", "missing", "Subject", " ", "~", "+", "-", "*", "/", ":", "^", "|", "||", "(", ")",
        "1", "0", "2", "-1", "1.5", "1e400", "I(", "log(", "exp(", "sqrt(", "abs(", "factor(", "as.numeric(", "poly(",
        ",", ".", "`", "\"", "'", "\n", "\t", "é", "\uD83D\uDE00", "\u0000", "%in%", "offset(", "==", "x.y", "_",
    };

    private static DataFrame data;

    @BeforeAll
    static void data() {
        StringBuilder csv = new StringBuilder("\"y\",\"x\",\"f\",\"g\",\"h\",\"na\",\"x.y\"\n");
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 60; i++) {
            csv.append(String.format(java.util.Locale.ROOT, "%.3f,%d,\"%s\",\"g%d\",\"h%d\",%s,%.2f%n",
                    10 + rnd.nextGaussian() * 2, i % 7, i % 3 == 0 ? "a" : "b", i % 6, i % 4,
                    i % 5 == 0 ? "NA" : Integer.toString(i), rnd.nextDouble()));
        }
        data = CsvReader.parse(csv.toString(), "fuzz.csv");
    }

    @Test
    @Timeout(600)
    void formulas() {
        FuzzRun.Counts c = FuzzRun.run("formula", FuzzRun.inputs(3000), FormulaFuzzTest::formula, FuzzRun::escape,
                f -> {
                    FormulaParser.parse(f);
                    return LinearMixedModel.prepare(data, f);
                });
        assertTrue(c.accepted() > 0 && c.refused() > 0, c.toString());
    }

    static String formula(SplittableRandom rnd) {
        switch (rnd.nextInt(8)) {
            case 0 -> {
                int depth = rnd.nextInt(1, 3000);
                return "y ~ " + "(".repeat(depth) + "x" + ")".repeat(Math.max(0, rnd.nextInt(depth - 2, depth + 2))) + " + (1 | g)";
            }
            case 1, 2, 3 -> {
                StringBuilder sb = new StringBuilder();
                int n = rnd.nextInt(1, 25);
                for (int i = 0; i < n; i++) {
                    sb.append(TOKENS[rnd.nextInt(TOKENS.length)]);
                }
                return sb.toString();
            }
            default -> {
                StringBuilder sb = new StringBuilder(GOOD[rnd.nextInt(GOOD.length)]);
                int edits = 1 + rnd.nextInt(3);
                for (int e = 0; e < edits; e++) {
                    int at = rnd.nextInt(sb.length() + 1);
                    if (rnd.nextBoolean()) {
                        sb.insert(at, TOKENS[rnd.nextInt(TOKENS.length)]);
                    } else if (sb.length() > 0) {
                        sb.delete(at, Math.min(sb.length(), at + 1 + rnd.nextInt(3)));
                    }
                }
                return sb.toString();
            }
        }
    }
}
