package org.jmixed.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jmixed.model.FitResult;
import org.jmixed.model.FixedEffects;
import org.jmixed.model.VarianceComponent;

/**
 * A plain-text summary of a fit, laid out the way lme4's {@code summary()} of an
 * {@code lmerMod} prints, so that users of lme4 find every number where they expect it.
 *
 * <p>Numbers follow R's rules for {@code format(x, digits = 4)}: each column is printed with
 * the fewest decimals that show every entry to 4 significant digits, with a common number of
 * decimals per column, switching to scientific notation only when that is narrower.
 */
public final class SummaryText {
    /** Significant digits, as lme4's {@code max(3, getOption("digits") - 3)}. */
    static final int DIGITS = 4;
    /** Above this many fixed effects the correlation table is left out, as lme4 does. */
    static final int MAX_CORRELATION_P = 12;

    private SummaryText() {
    }

    public static String format(FitResult fit) {
        return format(fit, null);
    }

    /**
     * @param dataLabel where the data came from (a file name) for the {@code Data:} line, or null
     */
    public static String format(FitResult fit, String dataLabel) {
        List<String> out = new ArrayList<>();
        boolean mixed = !fit.ngroups().isEmpty() || !fit.ranef().isEmpty();
        String criterion = fit.reml() ? "REML" : "maximum likelihood";
        out.add(mixed ? "Linear mixed model fit by " + criterion + " ['lmerMod']"
                : "Linear model fit by " + criterion + " (no random-effects terms)");
        out.add("Formula: " + fit.formula());
        if (dataLabel != null && !dataLabel.isEmpty()) {
            out.add("   Data: " + dataLabel);
        }
        if (fit.weights() != null) {
            out.add("Weights: " + fit.weights());
        }
        out.add("");
        criterionLines(fit, out);
        out.add("");
        residualLines(fit, out);
        randomEffectLines(fit, out);
        out.addAll(CovarianceText.lines(fit));
        out.add("");
        fixedEffectLines(fit, out);
        List<String> notes = notes(fit);
        if (!notes.isEmpty()) {
            out.add("");
            out.addAll(notes);
        }
        out.add("");
        out.add(footer(fit));

        StringBuilder sb = new StringBuilder();
        for (String line : out) {
            sb.append(line.stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    // ---- sections ---------------------------------------------------------------------------

    private static void criterionLines(FitResult fit, List<String> out) {
        if (fit.reml()) {
            out.add("REML criterion at convergence: " + formatVector(new double[] {round(fit.objective(), 1)}, 7)[0]);
            return;
        }
        String[] names = {"AIC", "BIC", "logLik", "deviance", "df.resid"};
        String[] values = {
            fixed(fit.aic(), 1), fixed(fit.bic(), 1), fixed(fit.logLik(), 1), fixed(fit.objective(), 1),
            Integer.toString(fit.dfResidual())};
        namedVector(names, values, out);
    }

    private static void residualLines(FitResult fit, List<String> out) {
        // weighted or structured fits: lme4's Pearson residuals, nlme's normalized residuals
        double[] r = fit.normalizedResiduals() != null ? fit.normalizedResiduals() : fit.residuals();
        double[] q = fit.scaledResidualQuantiles();
        if (q == null) {
            if (r.length == 0) {
                return;
            }
            double s = fit.sigma();
            double[] scaled = new double[r.length];
            for (int i = 0; i < r.length; i++) {
                scaled[i] = r[i] / s;
            }
            q = quantiles(scaled, 0, 0.25, 0.5, 0.75, 1);
        }
        out.add("Scaled residuals:");
        namedVector(new String[] {"Min", "1Q", "Median", "3Q", "Max"}, formatVector(q, DIGITS), out);
        out.add("");
    }

    private static void randomEffectLines(FitResult fit, List<String> out) {
        // Group the variance components: consecutive rows that share a group name.
        Map<String, Group> groups = new LinkedHashMap<>();
        Group residual = null;
        for (VarianceComponent vc : fit.varcorr()) {
            if (vc.var1() == null) {
                residual = new Group(vc.group());
                residual.terms.add("");
                residual.variance.add(vc.vcov());
                residual.stdDev.add(vc.sdcor());
                continue;
            }
            Group g = groups.computeIfAbsent(vc.group(), Group::new);
            if (vc.var2() == null) {
                g.terms.add(vc.var1());
                g.variance.add(vc.vcov());
                g.stdDev.add(vc.sdcor());
            } else {
                g.correlations.put(vc.var1() + '\u0000' + vc.var2(), vc.sdcor());
            }
        }
        List<Group> all = new ArrayList<>(groups.values());
        if (residual != null) {
            all.add(residual);
        }
        out.add("Random effects:");
        if (all.isEmpty()) {
            out.add(" (none)");
        } else {
            int maxTerms = all.stream().mapToInt(g -> g.terms.size()).max().orElse(1);
            List<Double> variances = new ArrayList<>();
            List<Double> sds = new ArrayList<>();
            for (Group g : all) {
                variances.addAll(g.variance);
                sds.addAll(g.stdDev);
            }
            String[] varStr = formatVector(unbox(variances), DIGITS);
            String[] sdStr = formatVector(unbox(sds), DIGITS);
            int corrCols = maxTerms - 1;
            List<String[]> rows = new ArrayList<>();
            String[] header = new String[4 + corrCols];
            Arrays.fill(header, "");
            header[0] = "Groups";
            header[1] = "Name";
            header[2] = "Variance";
            header[3] = "Std.Dev.";
            if (corrCols > 0) {
                header[4] = "Corr";
            }
            rows.add(header);
            // Correlations: 2 decimals, right-justified to a common width.
            List<String[]> corrCells = new ArrayList<>();
            int corrWidth = 0;
            int k = 0;
            for (Group g : all) {
                for (int i = 0; i < g.terms.size(); i++, k++) {
                    String[] row = new String[4 + corrCols];
                    Arrays.fill(row, "");
                    row[0] = i == 0 ? g.name : "";
                    row[1] = g.terms.get(i);
                    row[2] = varStr[k];
                    row[3] = sdStr[k];
                    String[] cc = new String[corrCols];
                    Arrays.fill(cc, "");
                    for (int j = 0; j < i && j < corrCols; j++) {
                        Double c = g.correlation(g.terms.get(j), g.terms.get(i));
                        cc[j] = c == null ? "." : fixed(c, 2);
                        corrWidth = Math.max(corrWidth, cc[j].length());
                    }
                    rows.add(row);
                    corrCells.add(cc);
                }
            }
            for (int r = 0; r < corrCells.size(); r++) {
                String[] cc = corrCells.get(r);
                for (int j = 0; j < corrCols; j++) {
                    rows.get(r + 1)[4 + j] = cc[j].isEmpty() ? "" : padLeft(cc[j], corrWidth);
                }
            }
            table(rows, new boolean[4 + corrCols], " ", out);
        }
        StringBuilder nobs = new StringBuilder("Number of obs: ").append(fit.nobs());
        if (!fit.ngroups().isEmpty()) {
            nobs.append(", groups:  ");
            int i = 0;
            for (Map.Entry<String, Integer> e : fit.ngroups().entrySet()) {
                if (i++ > 0) {
                    nobs.append("; ");
                }
                nobs.append(e.getKey()).append(", ").append(e.getValue());
            }
        }
        out.add(nobs.toString());
    }

    private static void fixedEffectLines(FitResult fit, List<String> out) {
        FixedEffects fe = fit.fixef();
        int p = fe == null ? 0 : fe.size();
        if (p == 0) {
            out.add("No fixed effect coefficients");
            return;
        }
        out.add("Fixed effects:");
        double[] est = fe.estimate();
        double[] se = fe.stdError();
        // Estimates and standard errors share one format, rounded first to the decimals that the
        // smallest of them needs (R's printCoefmat rule).
        double minAbs = Double.POSITIVE_INFINITY;
        for (int i = 0; i < p; i++) {
            for (double v : new double[] {est[i], se[i]}) {
                if (Double.isFinite(v) && v != 0) {
                    minAbs = Math.min(minAbs, Math.abs(v));
                }
            }
        }
        int digmin = Double.isInfinite(minAbs) ? 1 : 1 + (int) Math.floor(Math.log10(minAbs));
        int dec = Math.max(1, DIGITS - digmin);
        double[] both = new double[2 * p];
        for (int i = 0; i < p; i++) {
            both[i] = round(est[i], dec);
            both[p + i] = round(se[i], dec);
        }
        String[] bothStr = formatVector(both, DIGITS);
        double[] t = new double[p];
        for (int i = 0; i < p; i++) {
            t[i] = round(fe.tValue(i), Math.max(1, Math.min(5, DIGITS - 1)));
        }
        String[] tStr = formatVector(t, DIGITS);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "Estimate", "Std. Error", "t value"});
        for (int i = 0; i < p; i++) {
            rows.add(new String[] {fe.names().get(i), bothStr[i], bothStr[p + i], tStr[i]});
        }
        table(rows, new boolean[] {false, true, true, true}, "", out);

        if (p < 2 || fe.vcov().length != p * p) {
            return;
        }
        out.add("");
        if (p > MAX_CORRELATION_P) {
            out.add("Correlation of fixed effects not shown: p = " + p + " > " + MAX_CORRELATION_P + ".");
            return;
        }
        out.add("Correlation of Fixed Effects:");
        double[] lower = new double[p * (p - 1) / 2];
        int k = 0;
        for (int i = 1; i < p; i++) {
            for (int j = 0; j < i; j++) {
                lower[k++] = round(fe.correlation(i, j), 3);
            }
        }
        String[] cells = new String[lower.length];
        int width = 0;
        for (int i = 0; i < lower.length; i++) {
            cells[i] = fixed(lower[i], 3);
            width = Math.max(width, cells[i].length());
        }
        List<String[]> crow = new ArrayList<>();
        String[] head = new String[p];
        head[0] = "";
        for (int j = 0; j < p - 1; j++) {
            head[j + 1] = abbreviate(fe.names().get(j), 6);
        }
        crow.add(head);
        k = 0;
        for (int i = 1; i < p; i++) {
            String[] row = new String[p];
            Arrays.fill(row, "");
            row[0] = abbreviate(fe.names().get(i), 11);
            for (int j = 0; j < i; j++) {
                row[j + 1] = padLeft(cells[k++], width);
            }
            crow.add(row);
        }
        table(crow, new boolean[p], "", out);
    }

    private static List<String> notes(FitResult fit) {
        List<String> notes = new ArrayList<>(fit.messages());
        String all = String.join("\n", notes).toLowerCase(Locale.ROOT);
        if (fit.rowsDropped() > 0 && !all.contains("missing")) {
            notes.add(fit.rowsDropped() + (fit.rowsDropped() == 1 ? " row" : " rows")
                    + " with missing values dropped before fitting.");
        }
        if (!fit.droppedColumns().isEmpty()
                && fit.droppedColumns().stream().noneMatch(c -> all.contains(c.toLowerCase(Locale.ROOT)))) {
            notes.add("Fixed-effect columns dropped as linear combinations of the others (rank deficient): "
                    + String.join(", ", fit.droppedColumns()) + ".");
        }
        if (fit.singular() && !all.contains("singular")) {
            notes.add("Singular fit: a variance is estimated as zero or a correlation as +/-1 (theta on its"
                    + " boundary); the random-effects structure may be richer than the data support.");
        }
        if (!fit.converged() && !all.contains("converge")) {
            notes.add("Warning: the optimizer did not converge; the estimates may be unreliable.");
        }
        return notes;
    }

    private static String footer(FitResult fit) {
        StringBuilder sb = new StringBuilder("Backend: ");
        sb.append(fit.backend() == null || fit.backend().isEmpty() ? "?" : fit.backend());
        if (fit.backendDetail() != null && !fit.backendDetail().isEmpty()) {
            sb.append(" (").append(fit.backendDetail()).append(')');
        }
        sb.append("; ").append(fit.evaluations()).append(fit.evaluations() == 1 ? " evaluation" : " evaluations");
        sb.append(" in ").append(String.format(Locale.ROOT, "%.3f", fit.seconds())).append(" s");
        return sb.toString();
    }

    // ---- layout helpers ---------------------------------------------------------------------

    private static final class Group {
        final String name;
        final List<String> terms = new ArrayList<>();
        final List<Double> variance = new ArrayList<>();
        final List<Double> stdDev = new ArrayList<>();
        final Map<String, Double> correlations = new LinkedHashMap<>();

        Group(String name) {
            this.name = name;
        }

        Double correlation(String a, String b) {
            Double c = correlations.get(a + '\u0000' + b);
            return c != null ? c : correlations.get(b + '\u0000' + a);
        }
    }

    /**
     * Prints rows (the first is the header) as columns separated by one space, each column as
     * wide as its widest cell; right-justified where {@code right[j]}, else left-justified.
     */
    private static void table(List<String[]> rows, boolean[] right, String prefix, List<String> out) {
        int cols = rows.get(0).length;
        int[] w = new int[cols];
        for (String[] r : rows) {
            for (int j = 0; j < cols; j++) {
                w[j] = Math.max(w[j], r[j].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder(prefix);
            for (int j = 0; j < cols; j++) {
                if (j > 0) {
                    sb.append(' ');
                }
                sb.append(right[j] ? padLeft(r[j], w[j]) : padRight(r[j], w[j]));
            }
            out.add(sb.toString());
        }
    }

    /** R's printing of a named vector: names over values, all columns one common width. */
    private static void namedVector(String[] names, String[] values, List<String> out) {
        int w = 0;
        for (int i = 0; i < names.length; i++) {
            w = Math.max(w, Math.max(names[i].length(), values[i].length()));
        }
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                a.append(' ');
                b.append(' ');
            }
            a.append(padLeft(names[i], w));
            b.append(padLeft(values[i], w));
        }
        out.add(a.toString());
        out.add(b.toString());
    }

    private static String padLeft(String s, int w) {
        return s.length() >= w ? s : " ".repeat(w - s.length()) + s;
    }

    private static String padRight(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    private static double[] unbox(List<Double> l) {
        double[] a = new double[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }

    // ---- numbers ----------------------------------------------------------------------------

    /** Quantiles of R's default type 7: linear interpolation between order statistics. */
    static double[] quantiles(double[] x, double... probs) {
        return OrderStatistics.quantiles(x, probs);
    }

    static double round(double x, int decimals) {
        if (!Double.isFinite(x)) {
            return x;
        }
        return new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** x with exactly {@code decimals} decimals, R-style names for non-finite values. */
    static String fixed(double x, int decimals) {
        if (!Double.isFinite(x)) {
            return nonFinite(x);
        }
        return new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String nonFinite(double x) {
        return Double.isNaN(x) ? "NaN" : x > 0 ? "Inf" : "-Inf";
    }

    /**
     * Formats a vector as R's {@code format(x, digits = digits)} does: a common number of
     * decimals (the most any element needs to show {@code digits} significant digits, trailing
     * zeros not counted), fixed notation unless scientific is narrower, right-justified to a
     * common width.
     */
    static String[] formatVector(double[] x, int digits) {
        int maxLeft = 1;
        int maxRight = 0;
        int maxSig = 1;
        int maxExpDigits = 2;
        boolean negative = false;
        boolean anyFinite = false;
        MathContext mc = new MathContext(digits, RoundingMode.HALF_EVEN);
        for (double v : x) {
            if (!Double.isFinite(v)) {
                continue;
            }
            anyFinite = true;
            if (v < 0) {
                negative = true;
            }
            if (v == 0) {
                continue;
            }
            BigDecimal r = new BigDecimal(v).round(mc).stripTrailingZeros();
            int sig = r.precision();
            int scale = r.scale();
            int exponent = sig - 1 - scale;
            maxSig = Math.max(maxSig, sig);
            maxRight = Math.max(maxRight, Math.max(0, scale));
            maxLeft = Math.max(maxLeft, exponent >= 0 ? exponent + 1 : 1);
            if (Math.abs(exponent) >= 100) {
                maxExpDigits = 3;
            }
        }
        maxRight = Math.min(maxRight, 15);
        int neg = negative ? 1 : 0;
        int fixedWidth = neg + maxLeft + (maxRight > 0 ? maxRight + 1 : 0);
        int sciWidth = neg + (maxSig > 1 ? maxSig + 1 : 1) + 2 + maxExpDigits;
        boolean sci = anyFinite && fixedWidth > sciWidth;
        String[] s = new String[x.length];
        int w = 0;
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            if (!Double.isFinite(v)) {
                s[i] = nonFinite(v);
            } else if (sci) {
                s[i] = scientific(v, maxSig - 1, maxExpDigits);
            } else {
                s[i] = fixed(v, maxRight);
            }
            w = Math.max(w, s[i].length());
        }
        for (int i = 0; i < s.length; i++) {
            s[i] = padLeft(s[i], w);
        }
        return s;
    }

    private static String scientific(double v, int mantissaDecimals, int expDigits) {
        if (v == 0) {
            return fixed(0, mantissaDecimals) + "e+" + "0".repeat(expDigits);
        }
        BigDecimal r = new BigDecimal(v).round(new MathContext(mantissaDecimals + 1, RoundingMode.HALF_EVEN));
        int exponent = r.precision() - 1 - r.scale();
        BigDecimal mantissa = r.movePointLeft(exponent).setScale(mantissaDecimals, RoundingMode.HALF_EVEN);
        String e = Integer.toString(Math.abs(exponent));
        return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+") + "0".repeat(Math.max(0, expDigits - e.length())) + e;
    }

    /**
     * Shortens a name to {@code minLength} characters roughly as R's {@code abbreviate} does:
     * lower-case vowels go first, from the right, then other lower-case letters, never the first
     * character; truncation is the last resort.
     */
    static String abbreviate(String name, int minLength) {
        if (name.length() <= minLength) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name);
        for (int pass = 0; pass < 2 && sb.length() > minLength; pass++) {
            for (int i = sb.length() - 1; i > 0 && sb.length() > minLength; i--) {
                char c = sb.charAt(i);
                boolean drop = pass == 0 ? "aeiou".indexOf(c) >= 0 : Character.isLowerCase(c);
                if (drop && sb.charAt(i - 1) != ' ') {
                    sb.deleteCharAt(i);
                }
            }
        }
        if (sb.length() > minLength) {
            sb.setLength(minLength);
        }
        return sb.toString();
    }
}
