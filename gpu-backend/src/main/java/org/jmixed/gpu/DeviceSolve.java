package org.jmixed.gpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jmixed.JmixedException;
import org.jmixed.cpu.DenseXPart;
import org.jmixed.spi.PlsSolution;

/**
 * The solve after the last factorization, done on the factor the device already holds, so that no
 * host copy of the dense block is needed (MovieLens: order 84,432, 53 GiB). The order of the steps
 * is written here once; {@link Steps} is one kernel of {@code pls.cu} per method, implemented by
 * the device ({@link CudaPlsEvaluator}) and mirrored in plain Java by the test emulator.
 *
 * <ul>
 *   <li>β̂ and (RX'RX)⁻¹ on the host from the (p+1) × (p+1) factor of [X y] (read back, a few
 *       doubles), by the Java backend's {@link DenseXPart};
 *   <li>û: the trailing part c_u − LXR'β̂, then LD⁻ᵀ by tiles of {@link #NB} from the last one
 *       backward; term 0 level by level: c_u − LX0'β̂ − LR0'û₂, then L0⁻ᵀ;
 *   <li>conditional variances (when asked): LD is inverted in place (tiles, or cuSOLVER's trtri),
 *       the later terms' blocks are diagonal blocks of LD⁻ᵀLD⁻¹, term 0's are L0⁻ᵀL0⁻¹ + W'W with
 *       W = LD⁻¹ LR0 L0⁻¹ formed row by row and never stored. This overwrites the factor: the next
 *       solve refactors first ({@link CudaPlsEvaluator}).
 * </ul>
 */
final class DeviceSolve {
    /** Tile of the triangular solve and of the inversion, as NB in pls.cu. */
    static final int NB = 64;
    /** The widest term 0 whose conditional variances the device computes (MAXW0 in pls.cu). */
    static final int MAX_W0 = 16;

    private DeviceSolve() {
    }

    /** The kernels of the solve, in the order {@link #run} calls them. */
    interface Steps {
        /** The lower factor of [X y]'[X y] − RZX'RZX, (p+1) × (p+1) column-major, from the device. */
        double[] readXFactor();

        /** Uploads β̂; û₂[j] = LXR[p, j] − Σ LXR[i, j] β̂_i. */
        void xyRhs(double[] beta);

        /** û₂[j] −= Σ_{i ≥ kb + nb} LD[i, j] û₂[i] for the columns j of the tile. */
        void trsvUpdate(int kb, int nb);

        /** LD[tile]ᵀ û₂[tile] = û₂[tile], backward. */
        void trsvTile(int kb, int nb);

        /** û₀, level by level of term 0. */
        void firstTermU();

        /** û (q0 + q2) from the device. */
        double[] readU();

        /** LD := LD⁻¹ in place (by {@link #invertByTiles} or a library). */
        void invertTrailing();

        /** inv(L11) in place (tile at kb). */
        void trtriTile(int kb, int nb);

        /** tmp := inv(L22) L21 below the tile at kb. */
        void trtriPanelLeft(int kb, int nb);

        /** L21 := −tmp inv(L11). */
        void trtriPanelRight(int kb, int nb);

        /** The later terms' blocks of LD⁻ᵀLD⁻¹. */
        void trailingCondVar();

        /** L0 := L0⁻¹, LR0 := LR0 L0⁻¹, g0 := L0⁻ᵀL0⁻¹, level by level. */
        void firstTermInverse();

        /** g0 += W'W, level by level. */
        void firstTermCondVar();

        /** Term 0's blocks (levels0 × w0²) from the device. */
        double[] readFirstTermCondVar();

        /** The later terms' blocks (laid out by {@link PackedProblem#trailingLevelOut}) from the device. */
        double[] readTrailingCondVar();
    }

    /** The start of the last tile of a triangle of order m (tiles of NB from 0), or −1 when m is 0. */
    static int lastTile(int m) {
        return m == 0 ? -1 : (m - 1) / NB * NB;
    }

    /** The one-line refusal of conditional variances for a term 0 wider than {@link #MAX_W0}, or null. */
    static String refusal(PackedProblem pp, boolean conditionalVariances) {
        if (conditionalVariances && pp.nTerms > 0 && pp.w0 > MAX_W0) {
            return String.format("backend 'cuda': conditional variances on the device take a first random-effects"
                    + " term of at most %d columns per level; this one has %d: use --backend java", MAX_W0, pp.w0);
        }
        return null;
    }

    static PlsSolution run(Steps steps, PackedProblem pp, boolean conditionalVariances) {
        String why = refusal(pp, conditionalVariances);
        if (why != null) {
            throw new JmixedException(why);
        }
        int p = pp.p1 - 1;
        DenseXPart x = new DenseXPart(0, p, new double[pp.p1 * pp.p1]);
        x.useFactor(steps.readXFactor());
        double[] beta = x.beta();
        steps.xyRhs(beta);
        for (int kb = lastTile(pp.q2); kb >= 0; kb -= NB) {
            int nb = Math.min(NB, pp.q2 - kb);
            if (kb + nb < pp.q2) {
                steps.trsvUpdate(kb, nb);
            }
            steps.trsvTile(kb, nb);
        }
        steps.firstTermU();
        double[] u = steps.readU();
        double[] vcov = x.unscaledVcovBeta();
        if (!conditionalVariances) {
            return new PlsSolution(beta, u, vcov, null);
        }
        steps.invertTrailing();
        steps.trailingCondVar();
        steps.firstTermInverse();
        steps.firstTermCondVar();
        List<double[]> condVar = new ArrayList<>(pp.nTerms);
        if (pp.nTerms > 0) {
            condVar.add(steps.readFirstTermCondVar());
            double[] g = steps.readTrailingCondVar();
            for (int k = 1; k < pp.nTerms; k++) {
                condVar.add(Arrays.copyOfRange(g, (int) pp.trailingTermOut[k], (int) pp.trailingTermOut[k + 1]));
            }
        }
        return new PlsSolution(beta, u, vcov, condVar);
    }

    /** LD⁻¹ in place by our kernels: tiles from the last one backward. */
    static void invertByTiles(Steps steps, int q2) {
        for (int kb = lastTile(q2); kb >= 0; kb -= NB) {
            int nb = Math.min(NB, q2 - kb);
            steps.trtriTile(kb, nb);
            if (kb + nb < q2) {
                steps.trtriPanelLeft(kb, nb);
                steps.trtriPanelRight(kb, nb);
            }
        }
    }
}
