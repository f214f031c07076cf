package org.jmixed.inference.bayes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jmixed.JmixedException;
import org.jmixed.inference.linalg.Cholesky;

/**
 * Gibbs sampler for the random-intercept model of the seed notes, generalised to a vector of fixed
 * effects: each iteration draws σ²_b, σ²_e, β and then every b_j from its full conditional
 * ({@link FullConditionals}), in the notes' order ({@link GibbsScheme#COMPONENTWISE}), or β with the
 * b_j integrated out before the b_j ({@link GibbsScheme#BLOCKED}). Chains are independent: chain c draws from the
 * c-th {@link SplittableRandom#split()} of a generator seeded with the seed, so the draws depend on
 * the seed and the number of chains only, never on the number of threads that run them.
 */
public final class GibbsSampler {
    /** Parameters besides the fixed effects, in result order. */
    public static final List<String> VARIANCE_NAMES = List.of("sigma2_b", "sigma2_e", "sd_b", "sd_e");

    private GibbsSampler() {
    }

    public static GibbsResult run(GibbsData data, RandomInterceptPrior prior, GibbsSettings settings) {
        int chains = settings.chains();
        SplittableRandom master = new SplittableRandom(settings.seed());
        SplittableRandom[] streams = new SplittableRandom[chains];
        for (int c = 0; c < chains; c++) {
            streams[c] = master.split();
        }
        Sufficient suff = new Sufficient(data);
        int threads = settings.threads() > 0 ? settings.threads()
                : Math.min(chains, Runtime.getRuntime().availableProcessors());
        threads = Math.max(1, Math.min(threads, chains));
        long start = System.nanoTime();
        double[][][] perChain = new double[chains][][];
        if (threads == 1) {
            for (int c = 0; c < chains; c++) {
                perChain[c] = chain(data, suff, prior, settings, streams[c]);
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "jmixed-gibbs");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<double[][]>> futures = new ArrayList<>();
                for (int c = 0; c < chains; c++) {
                    SplittableRandom rng = streams[c];
                    futures.add(pool.submit(() -> chain(data, suff, prior, settings, rng)));
                }
                for (int c = 0; c < chains; c++) {
                    perChain[c] = futures.get(c).get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JmixedException("Gibbs sampling interrupted");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(cause);
            } finally {
                pool.shutdownNow();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int p = data.p();
        List<String> names = new ArrayList<>(data.fixedNames());
        names.addAll(VARIANCE_NAMES);
        // parameter-major layout: draws[param][chain][iteration]
        double[][][] draws = new double[names.size()][chains][];
        for (int c = 0; c < chains; c++) {
            for (int k = 0; k < p + 2; k++) {
                draws[k][c] = perChain[c][k];
            }
            draws[p + 2][c] = sqrt(perChain[c][p]);
            draws[p + 3][c] = sqrt(perChain[c][p + 1]);
        }
        List<ParameterSummary> summaries = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            summaries.add(summarize(names.get(k), draws[k]));
        }
        return new GibbsResult(data, prior, settings, names, summaries, draws, seconds);
    }

    private static double[] sqrt(double[] v) {
        double[] s = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            s[i] = Math.sqrt(v[i]);
        }
        return s;
    }

    static ParameterSummary summarize(String name, double[][] chains) {
        int total = 0;
        for (double[] c : chains) {
            total += c.length;
        }
        double[] all = new double[total];
        int k = 0;
        double sum = 0;
        for (double[] c : chains) {
            for (double v : c) {
                all[k++] = v;
                sum += v;
            }
        }
        double mean = sum / total;
        double ss = 0;
        for (double v : all) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (total - 1));
        Arrays.sort(all);
        double ess = McmcDiagnostics.ess(chains);
        return new ParameterSummary(name, mean, sd, quantile(all, 0.025), quantile(all, 0.975), ess,
                McmcDiagnostics.splitRhat(chains), sd / Math.sqrt(ess));
    }

    /** R's default (type 7) quantile of sorted values. */
    static double quantile(double[] sorted, double prob) {
        double h = (sorted.length - 1) * prob;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Cross-products and per-group sums computed once for all chains. */
    static final class Sufficient {
        final int n;
        final int p;
        final int q;
        final double[] xtx;
        final double[] xty;
        final int[] rows;       // T_j
        final double[] ySum;    // Σ_{i∈j} y_i
        final double[] xSum;    // Σ_{i∈j} x_i, q × p row-major by group
        final double[] olsBeta;
        final double[] startB;

        Sufficient(GibbsData d) {
            n = d.n();
            p = d.p();
            q = d.q();
            double[] x = d.x();
            double[] y = d.y();
            int[] g = d.levelOfRow();
            xtx = new double[p * p];
            xty = new double[p];
            for (int a = 0; a < p; a++) {
                for (int b = 0; b <= a; b++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += x[i + a * n] * x[i + b * n];
                    }
                    xtx[a + b * p] = s;
                    xtx[b + a * p] = s;
                }
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += x[i + a * n] * y[i];
                }
                xty[a] = s;
            }
            rows = new int[q];
            ySum = new double[q];
            xSum = new double[q * p];
            for (int i = 0; i < n; i++) {
                int j = g[i];
                rows[j]++;
                ySum[j] += y[i];
                for (int a = 0; a < p; a++) {
                    xSum[j * p + a] += x[i + a * n];
                }
            }
            // start: least squares for β, each group's mean residual for b_j
            double[] l = xtx.clone();
            for (int a = 0; a < p; a++) {
                l[a + a * p] *= 1 + 1e-12;
            }
            try {
                FullConditionals.cholesky(l, p);
            } catch (IllegalStateException e) {
                throw new JmixedException("the fixed-effects columns of '" + d.formula() + "' are linearly dependent");
            }
            olsBeta = xty.clone();
            Cholesky.forward(l, p, olsBeta);
            Cholesky.backward(l, p, olsBeta);
            startB = new double[q];
            for (int j = 0; j < q; j++) {
                startB[j] = (ySum[j] - dot(xSum, j * p, olsBeta, p)) / rows[j];
            }
        }
    }

    static double dot(double[] a, int off, double[] b, int p) {
        double s = 0;
        for (int k = 0; k < p; k++) {
            s += a[off + k] * b[k];
        }
        return s;
    }

    /** One chain: returns kept draws as [β_1..β_p, σ²_b, σ²_e][iteration]. */
    static double[][] chain(GibbsData d, Sufficient s, RandomInterceptPrior prior, GibbsSettings settings,
                            SplittableRandom rng) {
        int n = s.n;
        int p = s.p;
        int q = s.q;
        double[] x = d.x();
        double[] y = d.y();
        int[] g = d.levelOfRow();
        double[] beta = s.olsBeta.clone();
        double[] b = new double[q];
        // over-dispersed starts: the random effects scaled by a factor between 1/2 and 2 per chain
        double scale = Math.exp(Math.log(2) * (2 * rng.nextDouble() - 1));
        for (int j = 0; j < q; j++) {
            b[j] = scale * s.startB[j];
        }
        double[][] out = new double[p + 2][settings.kept()];
        double[] xtr = new double[p];
        double[] mean = new double[p];
        double[] cholQ = new double[p * p];
        double[] z = new double[p];
        double[] fitted = new double[n];
        for (int it = 0; it < settings.iterations(); it++) {
            double ssb = 0;
            for (double v : b) {
                ssb += v * v;
            }
            FullConditionals.InverseGamma cb = FullConditionals.variance(prior.shapeB(), prior.scaleB(), q, ssb);
            double s2b = Variates.inverseGamma(rng, cb.shape(), cb.scale());

            Arrays.fill(fitted, 0);
            for (int a = 0; a < p; a++) {
                double ba = beta[a];
                int col = a * n;
                for (int i = 0; i < n; i++) {
                    fitted[i] += x[col + i] * ba;
                }
            }
            double rss = 0;
            for (int i = 0; i < n; i++) {
                double r = y[i] - fitted[i] - b[g[i]];
                rss += r * r;
            }
            FullConditionals.InverseGamma ce = FullConditionals.variance(prior.shapeE(), prior.scaleE(), n, rss);
            double s2e = Variates.inverseGamma(rng, ce.shape(), ce.scale());

            for (int a = 0; a < p && settings.scheme() == GibbsScheme.COMPONENTWISE; a++) {
                double v = s.xty[a];
                for (int j = 0; j < q; j++) {
                    v -= b[j] * s.xSum[j * p + a];
                }
                xtr[a] = v;
            }
            if (settings.scheme() == GibbsScheme.BLOCKED) {
                FullConditionals.betaMarginal(s.xtx, s.xty, s.xSum, s.ySum, s.rows, p, s2e, s2b, prior.betaVariance(),
                        mean, cholQ);
            } else {
                FullConditionals.beta(s.xtx, xtr, p, s2e, prior.betaVariance(), mean, cholQ);
            }
            for (int a = 0; a < p; a++) {
                z[a] = Variates.normal(rng);
            }
            Cholesky.backward(cholQ, p, z);
            for (int a = 0; a < p; a++) {
                beta[a] = mean[a] + z[a];
            }

            for (int j = 0; j < q; j++) {
                double resid = s.ySum[j] - dot(s.xSum, j * p, beta, p);
                FullConditionals.Normal c = FullConditionals.intercept(resid, s.rows[j], s2e, s2b);
                b[j] = c.mean() + Math.sqrt(c.variance()) * Variates.normal(rng);
            }

            int keep = it - settings.burnIn();
            if (keep >= 0) {
                for (int a = 0; a < p; a++) {
                    out[a][keep] = beta[a];
                }
                out[p][keep] = s2b;
                out[p + 1][keep] = s2e;
            }
        }
        return out;
    }
}
