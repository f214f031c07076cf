package org.jmixed.gpu;

import java.util.ArrayList;
import java.util.List;

import org.jmixed.spi.BlockSparseMatrix;
import org.jmixed.spi.CrossProducts;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.TermStructure;

/**
 * A {@link PlsProblem} flattened into the arrays the device kernels ({@code src/main/cuda/pls.cu})
 * read. Pure Java, built once per model and uploaded once; per θ only {@link #templates} changes.
 *
 * <p>The factor has the layout of {@code BlockedPlsEvaluator} (term 0 block diagonal, LR0 sparse,
 * a dense trailing block for the later terms) with one change: the p + 1 rows of [X y] are
 * appended to the dense block, which therefore has order {@code n = q2 + p + 1}. One dense
 * Cholesky then yields LD, LXR and LXX, and r² is the square of its last pivot. The columns of
 * L below term 0 are lists of <em>entries</em> per level c of term 0: the LR0 blocks of the later
 * terms (h = width of the term, ascending rows) followed by one block of the p + 1 rows of [X y]
 * (h = p + 1, identity left template). Everything else the dense block needs before the Schur
 * update is a list of <em>fill blocks</em> {@code Tl' S Tr (+ I)}.
 *
 * <p>Template offsets index {@link #templates}; -1 stands for the identity. Value offsets are
 * 64-bit where the arrays they index may pass 2³¹ elements.
 */
public final class PackedProblem {
    public final int nTerms;
    public final int p1;
    public final int w0;
    public final int levels0;
    /** Order of the later terms' dense block (without the [X y] rows). */
    public final int q2;
    /** Order of the dense block on the device: q2 + p + 1. */
    public final int n;

    /** Per term k, the offset of its width × width template in {@link #templates}. */
    public final int[] templateOffset;
    /** Templates of every term for the current θ (see {@link #fillTemplates}). */
    public final double[] templates;
    /** Z_0'Z_0 blocks, levels0 × w0² (term 0's block diagonal). */
    public final double[] a0;

    // Entries: the blocks of the columns of L below term 0, grouped by level of term 0.
    public final int nEntries;
    public final int[] entryPtr;
    public final int[] entryLevel;
    public final int[] entryRow;
    public final int[] entryH;
    public final int[] entryTemplate;
    public final long[] entrySource;
    public final long[] entryValue;
    /** Values the entries are made from (h × w0 each, column-major). */
    public final double[] entrySourceValues;
    /** Number of doubles of the scaled entries (LR0 and LX0 together). */
    public final long lrLength;

    // Scalar rows of each level's column, for the Schur update.
    public final long[] scalarPtr;
    public final int[] scalarRow;
    public final long[] scalarValue;
    public final int[] scalarStride;
    /** The Schur update's work by target row, for a result independent of the scheduling. */
    public final SchurRows schurRows;

    // Fill blocks of the dense block.
    public final int nFill;
    public final int[] fillRow;
    public final int[] fillCol;
    public final int[] fillH;
    public final int[] fillW;
    public final int[] fillTl;
    public final int[] fillTr;
    public final long[] fillSource;
    public final byte[] fillIdentity;
    public final double[] fillSourceValues;

    // The later terms' levels, for their conditional variances (DeviceSolve): the first column of
    // each level in the dense block, its width, and the offset of its width² block in the results.
    public final int[] trailingLevelCol;
    public final int[] trailingLevelW;
    public final long[] trailingLevelOut;
    /** Per term k ≥ 1, where its blocks start in those results ({@code [nTerms]} is their length). */
    public final long[] trailingTermOut;

    private final List<TermStructure> terms;

    public PackedProblem(PlsProblem problem) {
        terms = problem.terms();
        nTerms = terms.size();
        p1 = problem.p() + 1;
        CrossProducts cross = problem.cross();

        templateOffset = new int[nTerms];
        int tl = 0;
        for (int k = 0; k < nTerms; k++) {
            templateOffset[k] = tl;
            tl += terms.get(k).width() * terms.get(k).width();
        }
        templates = new double[Math.max(tl, 1)];

        w0 = nTerms == 0 ? 1 : terms.get(0).width();
        levels0 = nTerms == 0 ? 0 : terms.get(0).nLevels();
        a0 = nTerms == 0 ? new double[0] : cross.zTz(0);

        int[] trailingOffset = new int[nTerms + 1];
        int off = 0;
        for (int k = 1; k < nTerms; k++) {
            trailingOffset[k] = off;
            off += terms.get(k).q();
        }
        q2 = off;
        n = q2 + p1;

        // ---- entries: per level c, the LR0 blocks (terms in order, rows ascending), then [X y].
        entryPtr = new int[levels0 + 1];
        for (int k = 1; k < nTerms; k++) {
            BlockSparseMatrix a = cross.zTzOff(k, 0);
            for (int c = 0; c < levels0; c++) {
                entryPtr[c + 1] += a.colPtr[c + 1] - a.colPtr[c];
            }
        }
        for (int c = 0; c < levels0; c++) {
            entryPtr[c + 1] += entryPtr[c] + 1;
        }
        nEntries = entryPtr[levels0];
        entryLevel = new int[nEntries];
        entryRow = new int[nEntries];
        entryH = new int[nEntries];
        entryTemplate = new int[nEntries];
        entrySource = new long[nEntries];
        entryValue = new long[nEntries];
        int[] next = entryPtr.clone();
        for (int k = 1; k < nTerms; k++) {
            BlockSparseMatrix a = cross.zTzOff(k, 0);
            int wk = terms.get(k).width();
            for (int c = 0; c < levels0; c++) {
                for (int e = a.colPtr[c]; e < a.colPtr[c + 1]; e++) {
                    int slot = next[c]++;
                    entryLevel[slot] = c;
                    entryRow[slot] = trailingOffset[k] + a.rowIdx[e] * wk;
                    entryH[slot] = wk;
                    entryTemplate[slot] = templateOffset[k];
                    entrySource[slot] = (long) e * a.blockSize(); // relative for now: term k's values
                }
            }
        }
        for (int c = 0; c < levels0; c++) {
            int slot = next[c]++;
            entryLevel[slot] = c;
            entryRow[slot] = q2;
            entryH[slot] = p1;
            entryTemplate[slot] = -1;
            entrySource[slot] = -1;
        }
        long srcLen = 0;
        long valLen = 0;
        for (int e = 0; e < nEntries; e++) {
            valLen += (long) entryH[e] * w0;
        }
        srcLen = valLen;
        entrySourceValues = new double[Math.toIntExact(srcLen)];
        lrLength = valLen;
        long pos = 0;
        int q0 = levels0 * w0;
        double[] zTxy0 = nTerms == 0 ? null : cross.zTxy(0);
        for (int e = 0; e < nEntries; e++) {
            int h = entryH[e];
            int c = entryLevel[e];
            int size = h * w0;
            if (entrySource[e] >= 0) {
                int k = termOfRow(trailingOffset, entryRow[e]);
                System.arraycopy(cross.zTzOff(k, 0).values, (int) entrySource[e], entrySourceValues, (int) pos, size);
            } else {
                // S(i, m) = [X y]'Z_0 at row i, column c·w0 + m = zTxy0[c·w0 + m, i].
                for (int m = 0; m < w0; m++) {
                    for (int i = 0; i < p1; i++) {
                        entrySourceValues[(int) pos + i + m * p1] = zTxy0[c * w0 + m + i * q0];
                    }
                }
            }
            entrySource[e] = pos;
            entryValue[e] = pos;
            pos += size;
        }

        // ---- scalar rows per level for the Schur update.
        scalarPtr = new long[levels0 + 1];
        long nScalar = 0;
        for (int e = 0; e < nEntries; e++) {
            nScalar += entryH[e];
        }
        scalarRow = new int[Math.toIntExact(nScalar)];
        scalarValue = new long[scalarRow.length];
        scalarStride = new int[scalarRow.length];
        int s = 0;
        for (int c = 0; c < levels0; c++) {
            scalarPtr[c] = s;
            for (int e = entryPtr[c]; e < entryPtr[c + 1]; e++) {
                for (int a = 0; a < entryH[e]; a++) {
                    scalarRow[s] = entryRow[e] + a;
                    scalarValue[s] = entryValue[e] + a;
                    scalarStride[s] = entryH[e];
                    s++;
                }
            }
        }
        scalarPtr[levels0] = s;
        schurRows = new SchurRows(scalarPtr, scalarRow, n);

        // ---- fill blocks: later terms' diagonal blocks (+I), their cross blocks, [X y] rows, [X y]'[X y].
        List<int[]> blocks = new ArrayList<>(); // row, col, h, w, tl, tr, identity
        List<double[]> sources = new ArrayList<>();
        for (int k = 1; k < nTerms; k++) {
            TermStructure tk = terms.get(k);
            int w = tk.width();
            double[] a = cross.zTz(k);
            for (int l = 0; l < tk.nLevels(); l++) {
                int r0 = trailingOffset[k] + l * w;
                blocks.add(new int[] {r0, r0, w, w, templateOffset[k], templateOffset[k], 1});
                sources.add(java.util.Arrays.copyOfRange(a, l * w * w, (l + 1) * w * w));
            }
            for (int j = 1; j < k; j++) {
                BlockSparseMatrix b = cross.zTzOff(k, j);
                int wj = terms.get(j).width();
                for (int c = 0; c < b.nBlockCols; c++) {
                    for (int e = b.colPtr[c]; e < b.colPtr[c + 1]; e++) {
                        blocks.add(new int[] {trailingOffset[k] + b.rowIdx[e] * w, trailingOffset[j] + c * wj, w, wj,
                                templateOffset[k], templateOffset[j], 0});
                        sources.add(java.util.Arrays.copyOfRange(b.values, e * b.blockSize(), (e + 1) * b.blockSize()));
                    }
                }
            }
        }
        for (int k = 1; k < nTerms; k++) {
            TermStructure tk = terms.get(k);
            int w = tk.width();
            int qk = tk.q();
            double[] zx = cross.zTxy(k);
            for (int l = 0; l < tk.nLevels(); l++) {
                double[] src = new double[p1 * w];
                for (int m = 0; m < w; m++) {
                    for (int i = 0; i < p1; i++) {
                        src[i + m * p1] = zx[l * w + m + i * qk];
                    }
                }
                blocks.add(new int[] {q2, trailingOffset[k] + l * w, p1, w, -1, templateOffset[k], 0});
                sources.add(src);
            }
        }
        blocks.add(new int[] {q2, q2, p1, p1, -1, -1, 0});
        sources.add(cross.xyTxy().clone());

        nFill = blocks.size();
        fillRow = new int[nFill];
        fillCol = new int[nFill];
        fillH = new int[nFill];
        fillW = new int[nFill];
        fillTl = new int[nFill];
        fillTr = new int[nFill];
        fillSource = new long[nFill];
        fillIdentity = new byte[nFill];
        long fillLen = 0;
        for (double[] v : sources) {
            fillLen += v.length;
        }
        fillSourceValues = new double[Math.toIntExact(fillLen)];
        int fp = 0;
        for (int f = 0; f < nFill; f++) {
            int[] b = blocks.get(f);
            fillRow[f] = b[0];
            fillCol[f] = b[1];
            fillH[f] = b[2];
            fillW[f] = b[3];
            fillTl[f] = b[4];
            fillTr[f] = b[5];
            fillIdentity[f] = (byte) b[6];
            fillSource[f] = fp;
            double[] v = sources.get(f);
            System.arraycopy(v, 0, fillSourceValues, fp, v.length);
            fp += v.length;
        }

        int nTrailing = trailingLevels(terms);
        trailingLevelCol = new int[nTrailing];
        trailingLevelW = new int[nTrailing];
        trailingLevelOut = new long[nTrailing];
        trailingTermOut = new long[nTerms + 1];
        int lv = 0;
        long out = 0;
        for (int k = 1; k < nTerms; k++) {
            trailingTermOut[k] = out;
            int w = terms.get(k).width();
            for (int l = 0; l < terms.get(k).nLevels(); l++) {
                trailingLevelCol[lv] = trailingOffset[k] + l * w;
                trailingLevelW[lv] = w;
                trailingLevelOut[lv] = out;
                out += (long) w * w;
                lv++;
            }
        }
        trailingTermOut[nTerms] = out;
    }

    /** The later terms' level table ({@link #trailingLevelCol} ...), term by term, level by level. */
    private static int trailingLevels(List<TermStructure> terms) {
        int levels = 0;
        for (int k = 1; k < terms.size(); k++) {
            levels += terms.get(k).nLevels();
        }
        return levels;
    }

    private int termOfRow(int[] trailingOffset, int row) {
        int k = 1;
        while (k + 1 < nTerms && trailingOffset[k + 1] <= row) {
            k++;
        }
        return k;
    }

    /** Writes every term's template for this θ into {@link #templates}. */
    public void fillTemplates(double[] theta) {
        double[] t = new double[0];
        for (int k = 0; k < nTerms; k++) {
            TermStructure term = terms.get(k);
            int w = term.width();
            if (t.length != w * w) {
                t = new double[w * w];
            }
            term.fillTemplate(theta, t);
            System.arraycopy(t, 0, templates, templateOffset[k], w * w);
        }
    }

    /** Number of scalar products in the Schur update (its work). */
    public long schurProducts() {
        long total = 0;
        for (int c = 0; c < levels0; c++) {
            long r = scalarPtr[c + 1] - scalarPtr[c];
            total += r * (r + 1) / 2 * w0;
        }
        return total;
    }
}
