package org.jmixed.covariance;

import java.util.ArrayList;
import java.util.List;

import org.jmixed.data.Factor;

/**
 * {@code un(f | g)}: a free covariance matrix over the K levels (occasions) of f, shared by all
 * levels of g (nlme's {@code corSymm} with {@code varIdent}; Stata's
 * {@code residuals(unstructured, t(f))}). Λ = L L' with L lower triangular, L₁₁ = 1 (σ² carries
 * the scale, so the first occasion's variance is σ²); the parameters are L's other entries
 * column by column, diagonal ones as logarithms. A level of g with missing occasions uses the
 * rows and columns of Λ of the occasions it has.
 */
final class Unstructured extends ResidualStructure {
    private final Factor occasion;
    private final String column;
    private final int k;
    /** Λ at the last parameters used, for the blocks that follow (one fit uses a structure at a time). */
    private double[] lastPar;
    private double[] lastLambda;

    /** @param groups rows per level of g, no occasion twice in a group */
    Unstructured(String spec, int[][] groups, String column, Factor occasion) {
        super(spec, groups);
        this.occasion = occasion;
        this.column = column;
        this.k = occasion.nLevels();
    }

    @Override
    public String kind() {
        return "un";
    }

    @Override
    public int parameterCount() {
        return k * (k + 1) / 2 - 1;
    }

    /** The full K × K Λ. */
    double[] full(double[] par) {
        double[] l = new double[k * k];
        int idx = 0;
        for (int j = 0; j < k; j++) {
            for (int i = j; i < k; i++) {
                if (i == 0 && j == 0) {
                    l[0] = 1.0;
                } else if (i == j) {
                    l[i + j * k] = Math.exp(par[idx++]);
                } else {
                    l[i + j * k] = par[idx++];
                }
            }
        }
        double[] lam = new double[k * k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b <= a; b++) {
                double s = 0;
                for (int c = 0; c <= b; c++) {
                    s += l[a + c * k] * l[b + c * k];
                }
                lam[a + b * k] = s;
                lam[b + a * k] = s;
            }
        }
        return lam;
    }

    @Override
    public void covariance(double[] par, int g, double[] out) {
        if (lastPar == null || !java.util.Arrays.equals(par, lastPar)) {
            lastLambda = full(par);
            lastPar = par.clone();
        }
        double[] lam = lastLambda;
        int[] rows = groups()[g];
        int m = rows.length;
        for (int j = 0; j < m; j++) {
            int oj = occasion.codes()[rows[j]];
            for (int i = 0; i < m; i++) {
                out[i + j * m] = lam[occasion.codes()[rows[i]] + oj * k];
            }
        }
    }

    @Override
    public double[] momentStart(double[] e) {
        double[] s = new double[k * k];
        int[] count = new int[k * k];
        for (int[] g : groups()) {
            for (int a : g) {
                for (int b : g) {
                    int idx = occasion.codes()[a] + occasion.codes()[b] * k;
                    s[idx] += e[a] * e[b];
                    count[idx]++;
                }
            }
        }
        for (int i = 0; i < s.length; i++) {
            if (count[i] == 0) {
                return null;
            }
            s[i] /= count[i];
        }
        double s00 = s[0];
        if (!(s00 > 0)) {
            return null;
        }
        for (int i = 0; i < s.length; i++) {
            s[i] /= s00;
        }
        if (!Whitener.cholesky(s, k)) {
            return null;
        }
        double[] par = new double[parameterCount()];
        int idx = 0;
        for (int j = 0; j < k; j++) {
            for (int i = j; i < k; i++) {
                if (i == 0 && j == 0) {
                    continue;
                }
                par[idx++] = i == j ? Math.log(s[i + j * k]) : s[i + j * k];
            }
        }
        return par;
    }

    @Override
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (int a = 1; a < k; a++) {
            names.add("sd ratio " + column + "=" + occasion.levels().get(a));
        }
        for (int b = 0; b < k; b++) {
            for (int a = b + 1; a < k; a++) {
                names.add("corr " + occasion.levels().get(b) + "," + occasion.levels().get(a));
            }
        }
        return names;
    }

    @Override
    public double[] naturalParameters(double[] par) {
        double[] lam = full(par);
        double[] out = new double[parameterCount()];
        int idx = 0;
        for (int a = 1; a < k; a++) {
            out[idx++] = Math.sqrt(lam[a + a * k]);
        }
        for (int b = 0; b < k; b++) {
            for (int a = b + 1; a < k; a++) {
                out[idx++] = lam[a + b * k] / Math.sqrt(lam[a + a * k] * lam[b + b * k]);
            }
        }
        return out;
    }
}
