package org.jmixed.gpu;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static org.jmixed.gpu.CudaPlsEvaluator.blocks;
import static org.jmixed.gpu.CudaPlsEvaluator.i32;
import static org.jmixed.gpu.CudaPlsEvaluator.i64;
import static org.jmixed.gpu.CudaPlsEvaluator.launch;
import static org.jmixed.gpu.CudaPlsEvaluator.ptr;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import org.jmixed.gpu.CudaPlsEvaluator.Kernel;

/**
 * {@link DeviceSolve}'s steps on the device: the solve kernels of {@code pls.cu} on the factor the
 * evaluator's last {@code factor} left (dense block, scaled LR0/LX0, L0), plus the few arrays only
 * the solve needs, allocated when the evaluator opens (they are in its {@link DeviceMemoryPlan}).
 * The inversion of LD goes to {@link DenseLibrary} when the shim found cuSOLVER, else to our tiles.
 */
final class CudaSolveSteps implements DeviceSolve.Steps {
    private static final int RB = 256;

    /** The factor's arrays, shared with the evaluator. */
    record Factor(CUdeviceptr dense, CUdeviceptr lr, CUdeviceptr l0, CUdeviceptr entryH, CUdeviceptr entryValue) {
    }

    /** What the evaluator lends: its kernels by name and its tracked device allocations. */
    interface Device {
        Kernel kernel(String name);

        CUdeviceptr alloc(long bytes);

        CUdeviceptr upload(int[] a);

        CUdeviceptr upload(long[] a);
    }

    private final PackedProblem pp;
    private final Factor f;
    private final DenseLibrary library;
    private final long ld;
    private final long q0;
    private final int p;

    private final Kernel fXyRhs;
    private final Kernel fTrsvUpdate;
    private final Kernel fTrsvTile;
    private final Kernel fFirstTermU;
    private final Kernel fTrtriTile;
    private final Kernel fPanelLeft;
    private final Kernel fPanelRight;
    private final Kernel fTrailingCondVar;
    private final Kernel fFirstTermInverse;
    private final Kernel fFirstTermCondVar;

    private final CUdeviceptr dEntryPtr;
    private final CUdeviceptr dEntryRow;
    private final CUdeviceptr dLevelCol;
    private final CUdeviceptr dLevelW;
    private final CUdeviceptr dLevelOut;
    private final CUdeviceptr dBeta;
    /** û of term 0 and of the later terms: two arrays, so that no kernel argument needs a byte offset. */
    private final CUdeviceptr dU0;
    private final CUdeviceptr dU2;
    private final CUdeviceptr dG0;
    private final CUdeviceptr dGTrailing;
    private final CUdeviceptr dTmp;

    /** Device bytes of the arrays allocated here, by what they hold (for {@link DeviceMemoryPlan}). */
    static long solveBytes(PackedProblem pp) {
        long q0 = (long) pp.levels0 * pp.w0;
        return 8L * (q0 + pp.q2) + 8L * Math.max(pp.p1 - 1, 1) + 8L * pp.levels0 * pp.w0 * pp.w0
                + 8L * pp.trailingTermOut[pp.nTerms];
    }

    static long solveIndexBytes(PackedProblem pp) {
        return 4L * (pp.levels0 + 1) + 4L * pp.nEntries + 16L * pp.trailingLevelCol.length
                + 8L * pp.q2 * DeviceSolve.NB;
    }

    CudaSolveSteps(PackedProblem pp, Factor f, DenseLibrary library, Device dev) {
        this.pp = pp;
        this.f = f;
        this.library = library;
        this.ld = pp.n;
        this.q0 = (long) pp.levels0 * pp.w0;
        this.p = pp.p1 - 1;
        fXyRhs = dev.kernel("xy_rhs");
        fTrsvUpdate = dev.kernel("trsv_lt_update");
        fTrsvTile = dev.kernel("trsv_lt_tile");
        fFirstTermU = dev.kernel("first_term_u");
        fTrtriTile = dev.kernel("trtri_tile");
        fPanelLeft = dev.kernel("trtri_panel_left");
        fPanelRight = dev.kernel("trtri_panel_right");
        fTrailingCondVar = dev.kernel("trailing_condvar");
        fFirstTermInverse = dev.kernel("first_term_inverse");
        fFirstTermCondVar = dev.kernel("first_term_condvar");
        dEntryPtr = dev.upload(pp.entryPtr);
        dEntryRow = dev.upload(pp.entryRow);
        dLevelCol = dev.upload(pp.trailingLevelCol);
        dLevelW = dev.upload(pp.trailingLevelW);
        dLevelOut = dev.upload(pp.trailingLevelOut);
        dBeta = dev.alloc(8L * Math.max(p, 1));
        dU0 = dev.alloc(8L * q0);
        dU2 = dev.alloc(8L * pp.q2);
        dG0 = dev.alloc(8L * pp.levels0 * pp.w0 * pp.w0);
        dGTrailing = dev.alloc(8L * pp.trailingTermOut[pp.nTerms]);
        dTmp = dev.alloc(8L * pp.q2 * DeviceSolve.NB);
    }

    @Override
    public double[] readXFactor() {
        int p1 = pp.p1;
        double[] x = new double[p1 * p1];
        double[] column = new double[p1];
        for (int j = 0; j < p1; j++) {
            cuMemcpyDtoH(Pointer.to(column), f.dense().withByteOffset(8L * (pp.q2 + (pp.q2 + (long) j) * ld)), 8L * p1);
            System.arraycopy(column, 0, x, j * p1, p1);
        }
        return x;
    }

    @Override
    public void xyRhs(double[] beta) {
        if (p > 0) {
            cuMemcpyHtoD(dBeta, Pointer.to(beta), 8L * p);
        }
        launch(fXyRhs, blocks(pp.q2, RB), 1, RB, 1, ptr(f.dense()), i64(ld), i32(pp.q2), i32(p), ptr(dBeta), ptr(dU2));
    }

    @Override
    public void trsvUpdate(int kb, int nb) {
        launch(fTrsvUpdate, nb, 1, RB, 1, ptr(f.dense()), i64(ld), i32(pp.q2), i32(kb), i32(nb), ptr(dU2));
    }

    @Override
    public void trsvTile(int kb, int nb) {
        launch(fTrsvTile, 1, 1, 1, 1, ptr(f.dense()), i64(ld), i32(kb), i32(nb), ptr(dU2));
    }

    @Override
    public void firstTermU() {
        launch(fFirstTermU, blocks(pp.levels0, RB), 1, RB, 1, ptr(dEntryPtr), ptr(dEntryRow), ptr(f.entryH()),
                ptr(f.entryValue()), i32(pp.levels0), i32(pp.w0), i32(p), ptr(f.lr()), ptr(f.l0()), ptr(dBeta),
                ptr(dU2), ptr(dU0));
    }

    @Override
    public double[] readU() {
        double[] u = new double[Math.toIntExact(q0 + pp.q2)];
        System.arraycopy(read(dU0, q0), 0, u, 0, (int) q0);
        System.arraycopy(read(dU2, pp.q2), 0, u, (int) q0, pp.q2);
        return u;
    }

    @Override
    public void invertTrailing() {
        if (library != null) {
            library.invertLower(f.dense(), ld, pp.q2);
        } else {
            DeviceSolve.invertByTiles(this, pp.q2);
        }
    }

    @Override
    public void trtriTile(int kb, int nb) {
        launch(fTrtriTile, 1, 1, DeviceSolve.NB, 1, ptr(f.dense()), i64(ld), i32(kb), i32(nb));
    }

    @Override
    public void trtriPanelLeft(int kb, int nb) {
        launch(fPanelLeft, blocks(pp.q2 - kb - nb, 128), 1, 128, 1, ptr(f.dense()), i64(ld), i32(pp.q2), i32(kb),
                i32(nb), ptr(dTmp));
    }

    @Override
    public void trtriPanelRight(int kb, int nb) {
        launch(fPanelRight, blocks(pp.q2 - kb - nb, 128), 1, 128, 1, ptr(f.dense()), i64(ld), i32(pp.q2), i32(kb),
                i32(nb), ptr(dTmp));
    }

    @Override
    public void trailingCondVar() {
        launch(fTrailingCondVar, pp.trailingLevelCol.length, 1, RB, 1, ptr(f.dense()), i64(ld), i32(pp.q2),
                ptr(dLevelCol), ptr(dLevelW), ptr(dLevelOut), ptr(dGTrailing));
    }

    @Override
    public void firstTermInverse() {
        launch(fFirstTermInverse, blocks(pp.levels0, RB), 1, RB, 1, ptr(dEntryPtr), ptr(f.entryH()),
                ptr(f.entryValue()), i32(pp.levels0), i32(pp.w0), ptr(f.l0()), ptr(f.lr()), ptr(dG0));
    }

    @Override
    public void firstTermCondVar() {
        launch(fFirstTermCondVar, pp.levels0, 1, RB, 1, ptr(dEntryPtr), ptr(dEntryRow), ptr(f.entryH()),
                ptr(f.entryValue()), i32(pp.w0), i32(pp.q2), ptr(f.lr()), ptr(f.dense()), i64(ld), ptr(dG0));
    }

    @Override
    public double[] readFirstTermCondVar() {
        return read(dG0, (long) pp.levels0 * pp.w0 * pp.w0);
    }

    @Override
    public double[] readTrailingCondVar() {
        return read(dGTrailing, pp.trailingTermOut[pp.nTerms]);
    }

    private static double[] read(CUdeviceptr d, long length) {
        double[] out = new double[Math.toIntExact(length)];
        if (length > 0) {
            cuMemcpyDtoH(Pointer.to(out), d, 8L * length);
        }
        return out;
    }
}
