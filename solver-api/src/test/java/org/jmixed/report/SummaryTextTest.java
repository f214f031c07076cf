package org.jmixed.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jmixed.model.FitResult;
import org.junit.jupiter.api.Test;

class SummaryTextTest {
    /** The lines from the one equal to {@code first}, {@code count} of them. */
    private static List<String> section(String text, String first, int count) {
        List<String> lines = text.lines().toList();
        int i = lines.indexOf(first);
        assertTrue(i >= 0, () -> "no line '" + first + "' in:\n" + text);
        return lines.subList(i, Math.min(lines.size(), i + count));
    }

    @Test
    void sleepstudyRemlLooksLikeLme4() {
        String s = SummaryText.format(Fits.sleepstudyReml().build(), "sleepstudy.csv");
        assertEquals(List.of(
                "Linear mixed model fit by REML ['lmerMod']",
                "Formula: Reaction ~ Days + (Days | Subject)",
                "   Data: sleepstudy.csv",
                "",
                "REML criterion at convergence: 1743.6",
                "",
                "Scaled residuals:"), section(s, "Linear mixed model fit by REML ['lmerMod']", 7));
        assertEquals(List.of(
                "Random effects:",
                " Groups   Name        Variance Std.Dev. Corr",
                " Subject  (Intercept) 612.10   24.741",
                "          Days         35.07    5.922   0.07",
                " Residual             654.94   25.592",
                "Number of obs: 180, groups:  Subject, 18",
                "",
                "Fixed effects:",
                "            Estimate Std. Error t value",
                "(Intercept)  251.405      6.825  36.838",
                "Days          10.467      1.546   6.771",
                "",
                "Correlation of Fixed Effects:",
                "     (Intr)",
                "Days -0.138",
                "",
                "Backend: java (blocked Cholesky); 57 evaluations in 0.012 s"), section(s, "Random effects:", 17));
        assertTrue(s.endsWith("0.012 s\n"));
        for (String line : s.lines().toList()) {
            assertEquals(line.stripTrailing(), line, "trailing blanks");
        }
    }

    @Test
    void scaledResidualsUseType7Quantiles() {
        double[] r = new double[10];
        for (int i = 0; i < 10; i++) {
            r[i] = 2.0 * (10 - i); // 20, 18, ..., 2; sigma 2 scales them to 10 ... 1
        }
        FitResult fit = Fits.sleepstudyReml().residuals(r).sigma(2).build();
        assertEquals(List.of(
                "Scaled residuals:",
                "   Min     1Q Median     3Q    Max",
                "  1.00   3.25   5.50   7.75  10.00"), section(SummaryText.format(fit), "Scaled residuals:", 3));
        assertArrayEquals(new double[] {1, 3.25, 5.5, 7.75, 10},
                SummaryText.quantiles(new double[] {10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 0, .25, .5, .75, 1));
    }

    @Test
    void maximumLikelihoodPrintsTheCriterionTable() {
        String s = SummaryText.format(Fits.sleepstudyMl().build());
        assertTrue(s.startsWith("Linear mixed model fit by maximum likelihood ['lmerMod']\n"
                + "Formula: Reaction ~ Days + (Days | Subject)\n\n"), s);
        assertEquals(List.of(
                "     AIC      BIC   logLik deviance df.resid",
                "  1763.9   1783.1   -876.0   1751.9      174"), section(s, "     AIC      BIC   logLik deviance df.resid", 2));
        assertEquals(List.of(
                " Groups   Name        Variance Std.Dev. Corr",
                " Subject  (Intercept) 565.48   23.780",
                "          Days         32.68    5.717   0.08",
                " Residual             654.95   25.592"), section(s, " Groups   Name        Variance Std.Dev. Corr", 4));
        assertFalse(s.contains("REML criterion"));
    }

    @Test
    void orthodontCorrelationsAndAbbreviations() {
        String s = SummaryText.format(Fits.orthodont().build());
        assertEquals(List.of(
                " Groups   Name        Variance Std.Dev. Corr",
                " Subject  (Intercept) 5.77449  2.4030",
                "          age         0.03245  0.1801   -0.67",
                " Residual             1.71663  1.3102",
                "Number of obs: 108, groups:  Subject, 27",
                "",
                "Fixed effects:",
                "            Estimate Std. Error t value",
                "(Intercept)  17.3727     1.2281  14.147",
                "age           0.4795     0.1037   4.625",
                "SexMale      -1.0321     1.5953  -0.647",
                "age:SexMale   0.3048     0.1347   2.263",
                "",
                "Correlation of Fixed Effects:",
                "            (Intr) age    SexMal",
                "age         -0.880",
                "SexMale     -0.770  0.678",
                "age:SexMale  0.678 -0.770 -0.880"), section(s, " Groups   Name        Variance Std.Dev. Corr", 18));
    }

    @Test
    void singularFitGetsANoteOnce() {
        String s = SummaryText.format(Fits.dyestuff2Singular().build());
        assertEquals(List.of(
                " Groups   Name        Variance Std.Dev.",
                " Batch    (Intercept)  0.00    0.000",
                " Residual             13.81    3.716",
                "Number of obs: 30, groups:  Batch, 6",
                "",
                "Fixed effects:",
                "            Estimate Std. Error t value",
                "(Intercept)   5.6656     0.6784   8.352",
                ""), section(s, " Groups   Name        Variance Std.Dev.", 9));
        assertFalse(s.contains("Correlation of Fixed Effects"));
        assertEquals(1, s.lines().filter(l -> l.toLowerCase().contains("singular")).count(), s);
        assertTrue(s.contains("Singular fit: a variance is estimated as zero"), s);
        assertTrue(s.endsWith("Backend: java; 12 evaluations in 0.002 s\n"), s);

        String given = SummaryText.format(Fits.dyestuff2Singular()
                .messages(List.of("boundary (singular) fit: the Batch variance is zero")).build());
        assertEquals(1, given.lines().filter(l -> l.toLowerCase().contains("singular")).count(), given);
        assertTrue(given.contains("\nboundary (singular) fit: the Batch variance is zero\n"), given);
    }

    @Test
    void messagesAndImpliedNotesAppearBeforeTheFooter() {
        FitResult fit = Fits.sleepstudyReml()
                .converged(false)
                .rowsDropped(2)
                .droppedColumns(List.of("x3"))
                .messages(List.of("Warning: maximum of 5 evaluations reached"))
                .build();
        List<String> lines = SummaryText.format(fit).lines().toList();
        int n = lines.size();
        assertEquals("Backend: java (blocked Cholesky); 57 evaluations in 0.012 s", lines.get(n - 1));
        assertEquals("", lines.get(n - 2));
        assertEquals("Warning: the optimizer did not converge; the estimates may be unreliable.", lines.get(n - 3));
        assertTrue(lines.get(n - 4).startsWith("Fixed-effect columns dropped as linear combinations"), lines.get(n - 4));
        assertTrue(lines.get(n - 4).endsWith(": x3."));
        assertEquals("2 rows with missing values dropped before fitting.", lines.get(n - 5));
        assertEquals("Warning: maximum of 5 evaluations reached", lines.get(n - 6));
        assertEquals("", lines.get(n - 7));
    }

    @Test
    void linearModelWithoutRandomEffects() {
        String s = SummaryText.format(Fits.linearModel().build());
        assertTrue(s.startsWith("Linear model fit by REML (no random-effects terms)\nFormula: y ~ x\n"), s);
        assertEquals(List.of(
                "Random effects:",
                " Groups   Name Variance Std.Dev.",
                " Residual      0.64     0.8",
                "Number of obs: 20",
                "",
                "Fixed effects:",
                "            Estimate Std. Error t value",
                "(Intercept)     1.50       0.50     3.0",
                "x               2.25       0.10    22.5"), section(s, "Random effects:", 9));
    }

    @Test
    void noFixedEffects() {
        FitResult fit = Fits.dyestuff2Singular()
                .fixef(new org.jmixed.model.FixedEffects(List.of(), new double[0], new double[0], new double[0]))
                .build();
        assertTrue(SummaryText.format(fit).contains("\nNo fixed effect coefficients\n"));
    }

    @Test
    void missingCovarianceSkipsTheCorrelationTable() {
        FitResult fit = Fits.sleepstudyReml()
                .fixef(new org.jmixed.model.FixedEffects(List.of("(Intercept)", "Days"),
                        new double[] {251.4, 10.47}, new double[] {6.82, 1.55}, new double[0]))
                .build();
        String s = SummaryText.format(fit);
        assertTrue(s.contains("Days           10.47       1.55   6.755"), s);
        assertFalse(s.contains("Correlation of Fixed Effects"), s);
    }

    @Test
    void formatVectorFollowsRsRules() {
        assertArrayEquals(new String[] {"612.10", " 35.07", "654.94"},
                SummaryText.formatVector(new double[] {612.100158, 35.0717144, 654.940008}, 4));
        assertArrayEquals(new String[] {"1e-10", "1e+00"}, SummaryText.formatVector(new double[] {1e-10, 1}, 4));
        assertArrayEquals(new String[] {"1.235e+10", "1.000e+00"},
                SummaryText.formatVector(new double[] {1.23456e10, 1}, 4));
        assertArrayEquals(new String[] {"  NaN", "0.125", " -Inf"},
                SummaryText.formatVector(new double[] {Double.NaN, 0.125, Double.NEGATIVE_INFINITY}, 4));
        assertArrayEquals(new String[] {"1743.6"}, SummaryText.formatVector(new double[] {1743.6}, 7));
        assertArrayEquals(new String[] {"100"}, SummaryText.formatVector(new double[] {100.0}, 7));
    }

    @Test
    void abbreviateLikeR() {
        assertEquals("(Intr)", SummaryText.abbreviate("(Intercept)", 6));
        assertEquals("SexFml", SummaryText.abbreviate("SexFemale", 6));
        assertEquals("ag:SxF", SummaryText.abbreviate("age:SexFemale", 6));
        assertEquals("age:SexFeml", SummaryText.abbreviate("age:SexFemale", 11));
        assertEquals("Days", SummaryText.abbreviate("Days", 6));
    }
}
