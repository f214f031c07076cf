package org.jmixed.inference.ddf;

import java.util.ArrayList;
import java.util.List;

import org.jmixed.JmixedException;
import org.jmixed.inference.linalg.Cholesky;
import org.jmixed.model.FitResult;
import org.jmixed.model.PreparedModel;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.TermStructure;

/**
 * The Kenward–Roger (1997) adjusted covariance of β̂ and the scaled F test with its denominator
 * degrees of freedom, as pbkrtest computes them ({@code vcovAdj}, {@code KRmodcomp}): the variance
 * parameters are the elements of each random-effects term's covariance matrix and the residual
 * variance σ², so that V = Σ_r φ_r G_r is linear in them.
 *
 * <p>No n × n matrix is formed. With W = ZΛ (n × q, sparse) and M = W'W + I = Λ'Z'ZΛ + I,
 * V = σ²(I + WW') and V⁻¹ = σ⁻²(I − W M⁻¹ W') (Woodbury). Writing G_r = Z S_r Z' and
 * S̃_r = Λ⁻¹ S_r Λ⁻ᵀ (block diagonal, one small template per level), N = I − M⁻¹, every quantity
 * reduces to q × q, q × p and p × p ones:
 * Z'V⁻¹Z = σ⁻² Λ⁻ᵀ N Λ⁻¹, Z'V⁻²Z = σ⁻⁴ Λ⁻ᵀ (M⁻¹ − M⁻²) Λ⁻¹, W'V⁻¹X = σ⁻² M⁻¹ W'X,
 * tr(V⁻¹G_rV⁻¹G_s) = σ⁻⁴ tr(S̃_r N S̃_s N), tr(V⁻²) = σ⁻⁴ (n − q + ‖M⁻¹‖²_F).
 * Time: one dense Cholesky and inverse of M (q³ at worst; a leading block-diagonal term costs
 * little because zero multipliers are skipped) plus O(k² q² w) for the traces (k parameters);
 * memory O(k q²). A singular fit (a variance estimated as zero) has no Λ⁻¹: then the same
 * quantities are formed in the space of Z's columns (N = σ²Z'V⁻¹Z = K − H'M⁻¹H with K = Z'Z,
 * H = Λ'K), which costs two more q × q × q products.
 */
public final class KenwardRoger {
    private final int p;
    private final double[] beta;
    private final double[] phi;
    private final double[] phiAdjusted;
    private final List<double[]> pMatrices;
    private final double[] w;
    private final double sigma;
    private final List<String> parameterNames;

    private KenwardRoger(double[] beta, double[] phi, double[] phiAdjusted, List<double[]> pMatrices, double[] w,
                         double sigma, List<String> parameterNames) {
        this.p = beta.length;
        this.beta = beta;
        this.phi = phi;
        this.phiAdjusted = phiAdjusted;
        this.pMatrices = pMatrices;
        this.w = w;
        this.sigma = sigma;
        this.parameterNames = parameterNames;
    }

    /** Computes the adjustment at a REML fit of the prepared model. */
    public static KenwardRoger compute(PreparedModel prepared, FitResult fit) {
        return compute(prepared, fit, false);
    }

    /** As {@link #compute(PreparedModel, FitResult)}; {@code zSpace} forces the singular-fit route (tests). */
    static KenwardRoger compute(PreparedModel prepared, FitResult fit, boolean forceZSpace) {
        if (!fit.reml()) {
            throw new JmixedException("Kenward-Roger needs a REML fit (the model was fitted by ML)");
        }
        PlsProblem problem = prepared.problem();
        int n = problem.n();
        int p = problem.p();
        int q = problem.q();
        double sigma = fit.sigma();
        double s2 = sigma * sigma;
        double[] theta = fit.theta();
        double[] beta = fit.fixef().estimate();
        double[] phi = fit.fixef().vcov();
        double[] x = problem.x();
        List<TermStructure> terms = problem.terms();
        int nt = terms.size();

        // Templates T_k and their inverses. A zero on a diagonal (a singular fit) leaves Λ without
        // an inverse: then the work is done in the space of Z's columns instead of u's (below).
        List<double[]> tInv = new ArrayList<>();
        List<double[]> tpl = new ArrayList<>();
        boolean zSpace = forceZSpace;
        for (TermStructure t : terms) {
            int wd = t.width();
            double[] tk = new double[wd * wd];
            t.fillTemplate(theta, tk);
            for (int i = 0; i < wd; i++) {
                if (tk[i + i * wd] == 0.0) {
                    zSpace = true;
                }
            }
            tpl.add(tk);
            double[] inv = tk.clone();
            if (!zSpace) {
                Dense.invertLowerInPlace(inv, wd);
            }
            tInv.add(inv);
        }
        int[] offset = new int[nt];
        for (int k = 0; k < nt; k++) {
            offset[k] = problem.uOffset(k);
        }

        // M = W'W + I and W'X, row by row of the sparse W.
        double[] m = new double[q * q];
        for (int i = 0; i < q; i++) {
            m[i + i * q] = 1.0;
        }
        double[] wtx = new double[q * p];
        int maxNz = 0;
        for (TermStructure t : terms) {
            maxNz += t.width();
        }
        int[] idx = new int[maxNz];
        double[] val = new double[maxNz];
        for (int r = 0; r < n; r++) {
            int nz = rowOfW(problem, tpl, offset, r, idx, val);
            for (int a = 0; a < nz; a++) {
                for (int b = 0; b < nz; b++) {
                    m[idx[a] + idx[b] * q] += val[a] * val[b];
                }
                for (int c = 0; c < p; c++) {
                    wtx[idx[a] + c * q] += val[a] * x[r + c * n];
                }
            }
        }
        if (!Cholesky.factorInPlace(m, q)) {
            throw new JmixedException("Kenward-Roger: Λ'Z'ZΛ + I is not positive definite");
        }
        Dense.invertLowerInPlace(m, q);
        double[] minv = Dense.lowerCrossProduct(m, q);
        m = null;

        // B̃ = W'V⁻¹X = σ⁻² M⁻¹ W'X;  Y = V⁻¹X = σ⁻²(X − W M⁻¹W'X);  D̃ = W'V⁻¹Y = σ⁻² M⁻¹ W'Y.
        double[] minvWtx = Dense.mul(minv, q, q, wtx, p);
        double[] bt = scaled(minvWtx, 1.0 / s2);
        double[] y = new double[n * p];
        double[] wty = new double[q * p];
        for (int r = 0; r < n; r++) {
            int nz = rowOfW(problem, tpl, offset, r, idx, val);
            for (int c = 0; c < p; c++) {
                double s = x[r + c * n];
                for (int a = 0; a < nz; a++) {
                    s -= val[a] * minvWtx[idx[a] + c * q];
                }
                y[r + c * n] = s / s2;
            }
            for (int a = 0; a < nz; a++) {
                for (int c = 0; c < p; c++) {
                    wty[idx[a] + c * q] += val[a] * y[r + c * n];
                }
            }
        }
        double[] minvWty = Dense.mul(minv, q, q, wty, p);
        double[] dt = scaled(minvWty, 1.0 / s2);
        double[] yty = Dense.tmul(y, n, p, y, p);
        double frob = 0.0;
        for (double v : minv) {
            frob += v * v;
        }
        // The space the parameters' matrices act in: u (S̃ = Λ⁻¹SΛ⁻ᵀ, N = I − M⁻¹ = σ²W'V⁻¹W,
        // C2 = M⁻¹ − M⁻² = σ⁴W'V⁻²W) or, for a singular fit, Z's columns (S itself, N = σ²Z'V⁻¹Z,
        // C2 = σ⁴Z'V⁻²Z, B = Z'V⁻¹X, D = Z'V⁻²X), at the price of two q × q × q products.
        double[] nmat;
        double[] c2Blocks;
        if (!zSpace) {
            c2Blocks = levelBlocks(terms, offset, q, (a, b) -> {
                double m2 = 0.0;
                for (int c = 0; c < q; c++) {
                    m2 += minv[a + c * q] * minv[c + b * q];
                }
                return minv[a + b * q] - m2;
            });
            nmat = minv;
            for (int i = 0; i < q * q; i++) {
                nmat[i] = -nmat[i];
            }
            for (int i = 0; i < q; i++) {
                nmat[i + i * q] += 1.0;
            }
        } else {
            double[] zt = zSpaceProducts(problem, tpl, offset, minv, minvWty, y, s2, idx, val);
            bt = java.util.Arrays.copyOfRange(zt, 0, q * p);
            dt = java.util.Arrays.copyOfRange(zt, q * p, 2 * q * p);
            double[] k = denseZtZ(problem, offset, q, idx, val);
            // H = Λ'K, G = M⁻¹H; N = K − H'G; C2 = N − G'G
            double[] h = new double[q * q];
            for (int col = 0; col < q; col++) {
                for (int kk = 0; kk < nt; kk++) {
                    TermStructure t = terms.get(kk);
                    int wd = t.width();
                    double[] tk = tpl.get(kk);
                    for (int l = 0; l < t.nLevels(); l++) {
                        int base = offset[kk] + l * wd;
                        for (int a = 0; a < wd; a++) {
                            double sum = 0.0;
                            for (int c = a; c < wd; c++) {
                                sum += tk[c + a * wd] * k[base + c + col * q];
                            }
                            h[base + a + col * q] = sum;
                        }
                    }
                }
            }
            double[] g = Dense.mul(minv, q, q, h, q);
            double[] hg = Dense.tmul(h, q, q, g, q);
            nmat = k;
            for (int i = 0; i < q * q; i++) {
                nmat[i] -= hg[i];
            }
            final double[] nz = nmat;
            c2Blocks = levelBlocks(terms, offset, q, (a, b) -> {
                double gg = 0.0;
                for (int c = 0; c < q; c++) {
                    gg += g[c + a * q] * g[c + b * q];
                }
                return nz[a + b * q] - gg;
            });
        }
        final double[] nm = nmat;

        // Parameters: each term's covariance elements (i ≤ j), then σ².
        List<Param> params = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int k = 0; k < nt; k++) {
            TermStructure t = terms.get(k);
            int wd = t.width();
            for (int j = 0; j < wd; j++) {
                for (int i = j; i < wd; i++) {
                    double[] e = new double[wd * wd];
                    e[i + j * wd] = 1.0;
                    e[j + i * wd] = 1.0;
                    // S̃ template: T⁻¹ E T⁻ᵀ (u space) or E (Z space)
                    double[] st = e;
                    if (!zSpace) {
                        double[] te = Dense.mul(tInv.get(k), wd, wd, e, wd);
                        st = Dense.mul(te, wd, wd, Dense.transpose(tInv.get(k), wd, wd), wd);
                    }
                    params.add(new Param(k, st));
                    names.add(t.groupName() + (i == j ? " var" + (i + 1) : " cov" + (i + 1) + (j + 1)));
                }
            }
        }
        int kp = params.size() + 1;
        names.add("residual");

        // For each term parameter: S̃_r B̃ (rows of its term), S̃_r D̃, and S̃_r N (rows of its term, all columns).
        List<double[]> sb = new ArrayList<>();
        List<double[]> sd = new ArrayList<>();
        List<double[]> sn = new ArrayList<>();
        for (Param pr : params) {
            TermStructure t = terms.get(pr.term);
            int qk = t.q();
            int off = offset[pr.term];
            sb.add(applyBlocks(pr.template, t, off, bt, q, p));
            sd.add(applyBlocks(pr.template, t, off, dt, q, p));
            double[] snr = new double[qk * q];
            int wd = t.width();
            for (int col = 0; col < q; col++) {
                for (int l = 0; l < t.nLevels(); l++) {
                    for (int a = 0; a < wd; a++) {
                        double s = 0.0;
                        for (int b = 0; b < wd; b++) {
                            int row = off + l * wd + b;
                            s += pr.template[a + b * wd] * nm[row + col * q];
                        }
                        snr[l * wd + a + col * qk] = s;
                    }
                }
            }
            sn.add(snr);
        }

        // P_r, Q_rs and the traces.
        List<double[]> pm = new ArrayList<>();
        for (int r = 0; r < params.size(); r++) {
            TermStructure t = terms.get(params.get(r).term);
            double[] bk = rows(bt, q, p, offset[params.get(r).term], t.q());
            pm.add(scaled(Dense.tmul(bk, t.q(), p, sb.get(r), p), -1.0));
        }
        pm.add(scaled(yty, -1.0));
        double[][] qm = new double[kp * kp][];
        double[] ktrace = new double[kp * kp];
        for (int s = 0; s < params.size(); s++) {
            // N S̃_s B̃ (q × p) = Σ over the term's rows.
            Param ps = params.get(s);
            TermStructure ts = terms.get(ps.term);
            double[] nsb = new double[q * p];
            int offS = offset[ps.term];
            for (int c = 0; c < p; c++) {
                for (int b = 0; b < ts.q(); b++) {
                    double v = sb.get(s)[b + c * ts.q()];
                    if (v == 0.0) {
                        continue;
                    }
                    int col = offS + b;
                    for (int row = 0; row < q; row++) {
                        nsb[row + c * q] += nm[row + col * q] * v;
                    }
                }
            }
            for (int r = 0; r < params.size(); r++) {
                Param pr = params.get(r);
                TermStructure tr = terms.get(pr.term);
                double[] nsbRows = rows(nsb, q, p, offset[pr.term], tr.q());
                qm[r + s * kp] = scaled(Dense.tmul(sb.get(r), tr.q(), p, nsbRows, p), 1.0 / s2);
                // tr(S̃_r N S̃_s N) = Σ_{a∈r's term, b∈s's term} SN_r[a,b] SN_s[b,a]
                double tsum = 0.0;
                double[] snr = sn.get(r);
                double[] sns = sn.get(s);
                int offR = offset[pr.term];
                for (int a = 0; a < tr.q(); a++) {
                    for (int b = 0; b < ts.q(); b++) {
                        tsum += snr[a + (offS + b) * tr.q()] * sns[b + (offR + a) * ts.q()];
                    }
                }
                ktrace[r + s * kp] = tsum / (s2 * s2);
            }
            // residual with s: Q_res,s = D̃' S̃_s B̃, Q_s,res = B̃' S̃_s D̃
            double[] dk = rows(dt, q, p, offS, ts.q());
            int res = kp - 1;
            qm[res + s * kp] = Dense.tmul(dk, ts.q(), p, sb.get(s), p);
            qm[s + res * kp] = Dense.tmul(rows(bt, q, p, offS, ts.q()), ts.q(), p, sd.get(s), p);
            // tr(V⁻¹ G_s V⁻¹) = σ⁻⁴ tr(S̃_s C2), on the level blocks only
            int wd = ts.width();
            int blockBase = blockOffset(terms, ps.term);
            double tsum = 0.0;
            for (int l = 0; l < ts.nLevels(); l++) {
                for (int a = 0; a < wd; a++) {
                    for (int b = 0; b < wd; b++) {
                        tsum += ps.template[a + b * wd] * c2Blocks[blockBase + l * wd * wd + b + a * wd];
                    }
                }
            }
            ktrace[res + s * kp] = tsum / (s2 * s2);
            ktrace[s + res * kp] = ktrace[res + s * kp];
        }
        int res = kp - 1;
        // Q_res,res = Y'V⁻¹Y = σ⁻²(Y'Y − (W'Y)'M⁻¹(W'Y))
        double[] qrr = Dense.tmul(wty, q, p, minvWty, p);
        for (int i = 0; i < p * p; i++) {
            qrr[i] = (yty[i] - qrr[i]) / s2;
        }
        qm[res + res * kp] = qrr;
        ktrace[res + res * kp] = (n - q + frob) / (s2 * s2);

        // IE2 and W = 2 IE2⁻¹
        double[] ie2 = new double[kp * kp];
        List<double[]> phiP = new ArrayList<>();
        for (double[] pr : pm) {
            phiP.add(Dense.mul(phi, p, p, pr, p));
        }
        for (int r = 0; r < kp; r++) {
            for (int s = 0; s < kp; s++) {
                ie2[r + s * kp] = ktrace[r + s * kp] - 2.0 * Dense.traceOfProduct(phi, qm[r + s * kp], p)
                        + Dense.traceOfProduct(phiP.get(r), phiP.get(s), p);
            }
        }
        symmetrize(ie2, kp);
        double[] wMat = Dense.pseudoInverseSymmetric(ie2, kp, 1e-10 * maxAbsDiag(ie2, kp));
        for (int i = 0; i < wMat.length; i++) {
            wMat[i] *= 2.0;
        }

        // U = Σ_rs W_rs (Q_rs − P_r Φ P_s);  Φ_A = Φ + 2 Φ U Φ
        double[] u = new double[p * p];
        for (int r = 0; r < kp; r++) {
            for (int s = 0; s < kp; s++) {
                double wrs = wMat[r + s * kp];
                double[] prphips = Dense.mul(pm.get(r), p, p, phiP.get(s), p);
                double[] qrs = qm[r + s * kp];
                for (int i = 0; i < p * p; i++) {
                    u[i] += wrs * (qrs[i] - prphips[i]);
                }
            }
        }
        double[] phiU = Dense.mul(phi, p, p, u, p);
        double[] adj = Dense.mul(phiU, p, p, phi, p);
        double[] phiA = new double[p * p];
        for (int i = 0; i < p * p; i++) {
            phiA[i] = phi[i] + 2.0 * adj[i];
        }
        symmetrize(phiA, p);
        return new KenwardRoger(beta, phi, phiA, pm, wMat, sigma, names);
    }

    private record Param(int term, double[] template) {
    }

    /** An entry (a, b) of a q × q matrix that is never formed whole. */
    @FunctionalInterface
    private interface Entry {
        double at(int a, int b);
    }

    /** Where term k's level blocks start in {@link #levelBlocks}' array. */
    private static int blockOffset(List<TermStructure> terms, int k) {
        int off = 0;
        for (int j = 0; j < k; j++) {
            off += terms.get(j).nLevels() * terms.get(j).width() * terms.get(j).width();
        }
        return off;
    }

    /** The width × width diagonal block of every level of every term, term by term, column-major. */
    private static double[] levelBlocks(List<TermStructure> terms, int[] offset, int q, Entry e) {
        double[] out = new double[blockOffset(terms, terms.size())];
        int o = 0;
        for (int k = 0; k < terms.size(); k++) {
            TermStructure t = terms.get(k);
            int wd = t.width();
            for (int l = 0; l < t.nLevels(); l++) {
                int base = offset[k] + l * wd;
                for (int b = 0; b < wd; b++) {
                    for (int a = 0; a < wd; a++) {
                        out[o++] = e.at(base + a, base + b);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Z'V⁻¹X and Z'V⁻²X (each q × p, stacked) from V⁻¹X = Y and V⁻¹Y = σ⁻²(Y − W M⁻¹W'Y), one pass
     * over the rows.
     */
    private static double[] zSpaceProducts(PlsProblem problem, List<double[]> tpl, int[] offset, double[] minv,
                                           double[] minvWty, double[] y, double s2, int[] idx, double[] val) {
        int n = problem.n();
        int p = problem.p();
        int q = problem.q();
        double[] out = new double[2 * q * p];
        double[] zval = new double[val.length];
        double[] vy = new double[p];
        for (int r = 0; r < n; r++) {
            int nz = rowOfW(problem, tpl, offset, r, idx, val);
            for (int c = 0; c < p; c++) {
                double s = y[r + c * n];
                for (int a = 0; a < nz; a++) {
                    s -= val[a] * minvWty[idx[a] + c * q];
                }
                vy[c] = s / s2;
            }
            rowOfZ(problem, offset, r, idx, zval);
            for (int a = 0; a < nz; a++) {
                for (int c = 0; c < p; c++) {
                    out[idx[a] + c * q] += zval[a] * y[r + c * n];
                    out[q * p + idx[a] + c * q] += zval[a] * vy[c];
                }
            }
        }
        return out;
    }

    /** Z'Z as a dense q × q matrix. */
    private static double[] denseZtZ(PlsProblem problem, int[] offset, int q, int[] idx, double[] val) {
        double[] k = new double[q * q];
        for (int r = 0; r < problem.n(); r++) {
            int nz = rowOfZ(problem, offset, r, idx, val);
            for (int a = 0; a < nz; a++) {
                for (int b = 0; b < nz; b++) {
                    k[idx[a] + idx[b] * q] += val[a] * val[b];
                }
            }
        }
        return k;
    }

    /** Row r of Z: its nonzero positions and values (the same positions as {@link #rowOfW}). */
    private static int rowOfZ(PlsProblem problem, int[] offset, int r, int[] idx, double[] val) {
        int n = problem.n();
        int nz = 0;
        for (int k = 0; k < problem.terms().size(); k++) {
            TermStructure t = problem.terms().get(k);
            int wd = t.width();
            int level = problem.levelOfRow().get(k)[r];
            double[] z = problem.termColumns().get(k);
            for (int a = 0; a < wd; a++) {
                idx[nz] = offset[k] + level * wd + a;
                val[nz] = z[r + a * n];
                nz++;
            }
        }
        return nz;
    }

    /** Row r of W = ZΛ: its nonzero positions and values (one block of width_k per term). */
    private static int rowOfW(PlsProblem problem, List<double[]> tpl, int[] offset, int r, int[] idx, double[] val) {
        int n = problem.n();
        int nz = 0;
        for (int k = 0; k < problem.terms().size(); k++) {
            TermStructure t = problem.terms().get(k);
            int wd = t.width();
            int level = problem.levelOfRow().get(k)[r];
            double[] z = problem.termColumns().get(k);
            double[] tk = tpl.get(k);
            for (int a = 0; a < wd; a++) {
                double s = 0.0;
                for (int c = a; c < wd; c++) {
                    s += z[r + c * n] * tk[c + a * wd];
                }
                idx[nz] = offset[k] + level * wd + a;
                val[nz] = s;
                nz++;
            }
        }
        return nz;
    }

    /** (I_levels ⊗ template) applied to the rows of one term of a q × p matrix: a q_k × p result. */
    private static double[] applyBlocks(double[] template, TermStructure t, int off, double[] a, int q, int p) {
        int wd = t.width();
        int qk = t.q();
        double[] out = new double[qk * p];
        for (int c = 0; c < p; c++) {
            for (int l = 0; l < t.nLevels(); l++) {
                for (int i = 0; i < wd; i++) {
                    double s = 0.0;
                    for (int j = 0; j < wd; j++) {
                        s += template[i + j * wd] * a[off + l * wd + j + c * q];
                    }
                    out[l * wd + i + c * qk] = s;
                }
            }
        }
        return out;
    }

    private static double[] rows(double[] a, int q, int p, int from, int count) {
        double[] out = new double[count * p];
        for (int c = 0; c < p; c++) {
            System.arraycopy(a, from + c * q, out, c * count, count);
        }
        return out;
    }

    private static double[] scaled(double[] a, double f) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * f;
        }
        return out;
    }

    private static void symmetrize(double[] a, int n) {
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < j; i++) {
                double v = 0.5 * (a[i + j * n] + a[j + i * n]);
                a[i + j * n] = v;
                a[j + i * n] = v;
            }
        }
    }

    private static double maxAbsDiag(double[] a, int n) {
        double m = 0.0;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, Math.abs(a[i + i * n]));
        }
        return m;
    }

    /** The unadjusted covariance σ̂²(RX'RX)⁻¹ of β̂, p × p column-major. */
    public double[] vcov() {
        return phi.clone();
    }

    /** The adjusted covariance Φ_A of β̂ (pbkrtest's {@code vcovAdj}), p × p column-major. */
    public double[] vcovAdjusted() {
        return phiAdjusted.clone();
    }

    /** The variance parameters in the order of the adjustment: each term's covariance elements, then σ². */
    public List<String> parameterNames() {
        return List.copyOf(parameterNames);
    }

    /** β̂. */
    public double[] beta() {
        return beta.clone();
    }

    public int p() {
        return p;
    }

    /** The test of Lβ = 0, L given by rows (each of length p). */
    public ContrastTest test(double[][] l) {
        int r = l.length;
        double[] lm = Contrasts.matrix(l, p);
        int rank = Contrasts.rank(lm, r, p);
        double[] lphil = Contrasts.sandwich(lm, r, phi, p);
        double[] theta = Contrasts.thetaMatrix(lm, r, p, lphil);
        double[] thetaPhi = Dense.mul(theta, p, p, phi, p);
        int kp = pMatrices.size();
        List<double[]> us = new ArrayList<>();
        for (double[] pr : pMatrices) {
            us.add(Dense.mul(Dense.mul(thetaPhi, p, p, pr, p), p, p, phi, p));
        }
        double a1 = 0.0;
        double a2 = 0.0;
        for (int i = 0; i < kp; i++) {
            for (int j = i; j < kp; j++) {
                double e = i == j ? 1.0 : 2.0;
                double wij = w[i + j * kp];
                a1 += e * wij * Dense.trace(us.get(i), p) * Dense.trace(us.get(j), p);
                a2 += e * wij * Dense.traceOfProduct(us.get(i), us.get(j), p);
            }
        }
        double qd = rank;
        double b = (a1 + 6.0 * a2) / (2.0 * qd);
        double g = ((qd + 1.0) * a1 - (qd + 4.0) * a2) / ((qd + 2.0) * a2);
        double denom = 3.0 * qd + 2.0 * (1.0 - g);
        double c1 = g / denom;
        double c2 = (qd - g) / denom;
        double c3 = (qd + 2.0 - g) / denom;
        double v0 = 1.0 + c1 * b;
        double v1 = 1.0 - c2 * b;
        double v2 = 1.0 - c3 * b;
        if (Math.abs(v0) < 1e-10) {
            v0 = 0.0;
        }
        double ratio = Math.abs(1.0 - a2 / qd) < 1e-14 && Math.abs(v1) < 1e-14 ? 1.0 : (1.0 - a2 / qd) / v1;
        double rho = ratio * ratio * v0 / (v2 * qd);
        double ddf = 4.0 + (qd + 2.0) / (qd * rho - 1.0);
        double scaling = Math.abs(ddf - 2.0) < 1e-2 ? 1.0 : ddf * (1.0 - a2 / qd) / (ddf - 2.0);
        double wald = Contrasts.wald(lm, r, p, phiAdjusted, beta);
        double fu = wald / qd;
        double f = scaling * fu;
        double pv = Tails.fUpper(f, qd, ddf);
        double ms = fu * sigma * sigma;
        return new ContrastTest(rank, ddf, f, pv, ms * rank, ms, scaling);
    }

    /** Kenward–Roger denominator df of one contrast (pbkrtest's {@code Lb_ddf}). */
    public double ddf(double[] l) {
        return test(new double[][] {l}).denDF();
    }
}
