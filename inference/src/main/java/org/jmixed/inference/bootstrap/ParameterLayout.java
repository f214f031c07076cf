package org.jmixed.inference.bootstrap;

import java.util.ArrayList;
import java.util.List;

import org.jmixed.model.PreparedModel;
import org.jmixed.model.RandomTermData;
import org.jmixed.spi.TermStructure;

/**
 * The quantities recorded per replicate, in a fixed order, named as lme4 users know them:
 * θ (lme4's {@code getME(m, "theta")} names, {@code Subject.(Intercept)},
 * {@code Subject.Days.(Intercept)}, ...), σ ({@code sigma}), β (the fixed-effects names), the
 * variance components on the standard-deviation scale ({@code sd_(Intercept)|Subject},
 * {@code cor_Days.(Intercept)|Subject}, ... as {@code as.data.frame(VarCorr())} orders them),
 * and the objective (REML criterion or ML deviance).
 */
public final class ParameterLayout {
    private final List<String> names;
    private final List<TermStructure> structures;
    private final int thetaLength;
    private final int p;

    public ParameterLayout(PreparedModel model) {
        this.structures = model.problem().terms();
        this.thetaLength = model.problem().thetaLength();
        this.p = model.problem().p();
        List<String> n = new ArrayList<>();
        List<RandomTermData> terms = model.terms();
        for (RandomTermData t : terms) {
            List<String> cols = t.columnNames();
            int w = cols.size();
            for (int c = 0; c < w; c++) {
                for (int r = c; r < w; r++) {
                    n.add(r == c ? t.groupName() + "." + cols.get(r)
                            : t.groupName() + "." + cols.get(r) + "." + cols.get(c));
                }
            }
        }
        n.add("sigma");
        n.addAll(model.fixedNames());
        for (RandomTermData t : terms) {
            List<String> cols = t.columnNames();
            int w = cols.size();
            for (int a = 0; a < w; a++) {
                n.add("sd_" + cols.get(a) + "|" + t.groupName());
            }
            for (int c = 0; c < w; c++) {
                for (int a = c + 1; a < w; a++) {
                    n.add("cor_" + cols.get(a) + "." + cols.get(c) + "|" + t.groupName());
                }
            }
        }
        n.add("objective");
        this.names = List.copyOf(n);
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    /** Index of θ's first element (0), of σ, of β's first element. */
    public int sigmaIndex() {
        return thetaLength;
    }

    public int betaIndex() {
        return thetaLength + 1;
    }

    /** The values in {@link #names()} order; correlations of a zero standard deviation are NaN. */
    public double[] values(double[] theta, double sigma, double[] beta, double objective) {
        double[] v = new double[names.size()];
        int i = 0;
        for (double t : theta) {
            v[i++] = t;
        }
        v[i++] = sigma;
        for (int j = 0; j < p; j++) {
            v[i++] = beta[j];
        }
        for (TermStructure ts : structures) {
            int w = ts.width();
            double[] cov = new double[w * w];
            ts.fillCovariance(theta, sigma * sigma, new double[w * w], cov);
            for (int a = 0; a < w; a++) {
                v[i++] = Math.sqrt(cov[a + a * w]);
            }
            for (int c = 0; c < w; c++) {
                for (int a = c + 1; a < w; a++) {
                    double d = Math.sqrt(cov[a + a * w] * cov[c + c * w]);
                    v[i++] = d > 0 ? cov[a + c * w] / d : Double.NaN;
                }
            }
        }
        v[i] = objective;
        return v;
    }
}
