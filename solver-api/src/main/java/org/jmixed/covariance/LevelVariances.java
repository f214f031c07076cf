package org.jmixed.covariance;

import java.util.ArrayList;
import java.util.List;

import org.jmixed.data.Factor;

/**
 * {@code diag(f)}: a residual variance per level of {@code f} (nlme's {@code varIdent(~ 1 | f)}):
 * {@code Var(ε_i) = σ² δ²_{f(i)}} with δ = 1 for the first level. Parameter k is log δ of level
 * k + 1.
 */
final class LevelVariances extends ResidualStructure {
    private final Factor f;
    private final String column;

    LevelVariances(String spec, String column, Factor f) {
        super(spec, RowGroups.singletons(f.size()));
        this.f = f;
        this.column = column;
    }

    @Override
    public String kind() {
        return "diag";
    }

    @Override
    public int parameterCount() {
        return f.nLevels() - 1;
    }

    @Override
    public void covariance(double[] par, int g, double[] out) {
        int level = f.codes()[g];
        out[0] = level == 0 ? 1.0 : Math.exp(2.0 * par[level - 1]);
    }

    @Override
    public double[] momentStart(double[] e) {
        double[] ss = new double[f.nLevels()];
        int[] count = new int[f.nLevels()];
        for (int i = 0; i < e.length; i++) {
            ss[f.codes()[i]] += e[i] * e[i];
            count[f.codes()[i]]++;
        }
        double v0 = ss[0] / count[0];
        double[] par = new double[parameterCount()];
        for (int l = 1; l < ss.length; l++) {
            double v = ss[l] / count[l];
            if (!(v > 0) || !(v0 > 0)) {
                return null;
            }
            par[l - 1] = 0.5 * Math.log(v / v0);
        }
        return par;
    }

    @Override
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (int l = 1; l < f.nLevels(); l++) {
            names.add("sd ratio " + column + "=" + f.levels().get(l));
        }
        return names;
    }

    @Override
    public double[] naturalParameters(double[] par) {
        double[] out = new double[par.length];
        for (int i = 0; i < par.length; i++) {
            out[i] = Math.exp(par[i]);
        }
        return out;
    }
}
