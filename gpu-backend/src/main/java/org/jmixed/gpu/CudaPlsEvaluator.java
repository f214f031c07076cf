package org.jmixed.gpu;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemGetInfo;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD32;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;

import java.util.ArrayList;
import java.util.List;

import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.CudaException;
import org.jmixed.JmixedException;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsSolution;

/**
 * The blocked PLS factorization on one GPU. {@link #CudaPlsEvaluator open} packs the problem
 * ({@link PackedProblem}), checks the {@link DeviceMemoryPlan} against the free device memory and
 * uploads everything once; {@link #factor} sends the templates of θ (a few doubles), runs the
 * kernels of {@code pls.cu} (term 0's tiny Choleskys, scaling and solve of LR0 and LX0, filling the
 * dense block, the Schur update, a tiled FP64 Cholesky of the dense block with the [X y] rows
 * appended) and reads back four numbers and a status word.
 *
 * <p>{@link #solve} works on the resident factor ({@link DeviceSolve}, {@link CudaSolveSteps}): only
 * the (p+1)² factor of [X y], û and the conditional variances come back to the host. With
 * conditional variances it overwrites the factor (LD⁻¹ in place), so a second solve refactors first.
 */
final class CudaPlsEvaluator implements PlsEvaluator {
    private static final int THREADS = 256;
    private static final int NB = 64;
    private static final int ST = 32;

    private final PlsProblem problem;
    private final PackedProblem pp;
    private final CudaDevice.Info device;
    private final CUcontext context;
    private final CUmodule module = new CUmodule();
    private final List<CUdeviceptr> allocations = new ArrayList<>();
    private final double[] theta;
    private final double[] results = new double[4];
    private final int[] info = new int[1];
    private boolean factored;
    private boolean closed;

    private final Kernel fFirstTerm;
    private final Kernel fScaleEntries;
    private final Kernel fZero;
    private final Kernel fFill;
    private final Kernel fSchur;
    private final Kernel fPotrf;
    private final Kernel fTrsm;
    private final Kernel fSyrk;
    private final Kernel fSummarize;

    private final CUdeviceptr dTemplates;
    private final CUdeviceptr dA0;
    private final CUdeviceptr dL0;
    private final CUdeviceptr dL0LogDet;
    private final CUdeviceptr dEntryLevel;
    private final CUdeviceptr dEntryH;
    private final CUdeviceptr dEntryTemplate;
    private final CUdeviceptr dEntrySource;
    private final CUdeviceptr dEntryValue;
    private final CUdeviceptr dEntrySourceValues;
    private final CUdeviceptr dLr;
    private final CUdeviceptr dRowPtr;
    private final CUdeviceptr dIncScalar;
    private final CUdeviceptr dIncLevel;
    private final CUdeviceptr dScalarPtr;
    private final CUdeviceptr dScalarRow;
    private final CUdeviceptr dScalarValue;
    private final CUdeviceptr dScalarStride;
    private final CUdeviceptr dFillRow;
    private final CUdeviceptr dFillCol;
    private final CUdeviceptr dFillH;
    private final CUdeviceptr dFillW;
    private final CUdeviceptr dFillTl;
    private final CUdeviceptr dFillTr;
    private final CUdeviceptr dFillSource;
    private final CUdeviceptr dFillIdentity;
    private final CUdeviceptr dFillSourceValues;
    private final CUdeviceptr dDense;
    private final CUdeviceptr dResults;
    private final CUdeviceptr dInfo;

    private final CudaSolveSteps solveSteps;
    /** cuSOLVER/cuBLAS through the shim, or null: our kernels factor ({@link #libraryNote} says why). */
    private final DenseLibrary library;
    private String libraryNote;
    /** The context's {@link PrimaryContext#generation} at open; a sticky error since marks it {@link #lost}. */
    private int generation;
    private boolean lost;
    /** Whether a solve with conditional variances has overwritten the factor since the last factor(). */
    private boolean factorOverwritten;

    /** Opens the evaluator: packs the problem, checks the device memory, uploads. */
    CudaPlsEvaluator(PlsProblem problem, CudaDevice.Info device) {
        this.problem = problem;
        this.device = device;
        this.theta = new double[problem.thetaLength()];
        this.pp = new PackedProblem(problem);
        DeviceMemoryPlan plan = DeviceMemoryPlan.of(pp);
        try {
            context = device.context().get();
            generation = device.context().generation();
            cuCtxSetCurrent(context);
            long[] free = new long[1];
            long[] total = new long[1];
            cuMemGetInfo(free, total);
            plan.check(free[0], device.name());
            loadModule();
            fFirstTerm = function("factor_first_term");
            fScaleEntries = function("scale_entries");
            fZero = function("zero_dense");
            fFill = function("fill_dense");
            fSchur = function("schur_update");
            fPotrf = function("potrf_tile");
            fTrsm = function("trsm_panel");
            fSyrk = function("syrk_update");
            fSummarize = function("summarize");

            dTemplates = upload(pp.templates);
            dA0 = upload(pp.a0);
            dL0 = alloc(8L * pp.a0.length);
            dL0LogDet = alloc(8L * pp.levels0);
            dEntryLevel = upload(pp.entryLevel);
            dEntryH = upload(pp.entryH);
            dEntryTemplate = upload(pp.entryTemplate);
            dEntrySource = upload(pp.entrySource);
            dEntryValue = upload(pp.entryValue);
            dEntrySourceValues = upload(pp.entrySourceValues);
            dLr = alloc(8L * pp.lrLength);
            dRowPtr = upload(pp.schurRows.rowPtr);
            dIncScalar = upload(pp.schurRows.incScalar);
            dIncLevel = upload(pp.schurRows.incLevel);
            dScalarPtr = upload(pp.scalarPtr);
            dScalarRow = upload(pp.scalarRow);
            dScalarValue = upload(pp.scalarValue);
            dScalarStride = upload(pp.scalarStride);
            dFillRow = upload(pp.fillRow);
            dFillCol = upload(pp.fillCol);
            dFillH = upload(pp.fillH);
            dFillW = upload(pp.fillW);
            dFillTl = upload(pp.fillTl);
            dFillTr = upload(pp.fillTr);
            dFillSource = upload(pp.fillSource);
            dFillIdentity = upload(pp.fillIdentity);
            dFillSourceValues = upload(pp.fillSourceValues);
            dDense = alloc(8L * pp.n * pp.n);
            dResults = alloc(8L * results.length);
            dInfo = alloc(4);
            library = openLibrary();
            solveSteps = new CudaSolveSteps(pp, new CudaSolveSteps.Factor(dDense, dLr, dL0, dEntryH, dEntryValue), library,
                    new CudaSolveSteps.Device() {
                        @Override
                        public Kernel kernel(String name) {
                            return function(name);
                        }

                        @Override
                        public CUdeviceptr alloc(long bytes) {
                            return CudaPlsEvaluator.this.alloc(bytes);
                        }

                        @Override
                        public CUdeviceptr upload(int[] a) {
                            return CudaPlsEvaluator.this.upload(a);
                        }

                        @Override
                        public CUdeviceptr upload(long[] a) {
                            return CudaPlsEvaluator.this.upload(a);
                        }
                    });
        } catch (RuntimeException e) {
            RuntimeException f = failed(e);
            close();
            throw f;
        }
    }

    /** cuSOLVER for the dense factorization when the shim finds it, else null (and the reason kept). */
    private DenseLibrary openLibrary() {
        java.util.Optional<String> why = CuSolverShim.unavailableReason();
        if (why.isPresent()) {
            libraryNote = why.get();
            return null;
        }
        try {
            return new CuSolverDense(new JCudaDenseDevice(this::alloc, function("last_pivot"), dDense),
                    DeviceAddress.of(dDense), pp.n, pp.n, pp.q2);
        } catch (JmixedException | CudaException e) {
            // No handle (the runtime would not start) or no memory left for the workspace: our
            // kernels need neither.
            libraryNote = "cuSOLVER not used: " + e.getMessage().strip().split("\\R", 2)[0];
            return null;
        }
    }

    private void loadModule() {
        try {
            cuModuleLoadData(module, KernelImage.load(KernelImage.FATBIN));
        } catch (CudaException e) {
            // No SASS for this GPU in the fat binary (and its PTX too old or new): JIT the PTX.
            cuModuleLoadData(module, KernelImage.load(KernelImage.PTX));
        }
    }

    private Kernel function(String name) {
        CUfunction f = new CUfunction();
        cuModuleGetFunction(f, module, name);
        return new Kernel(name, f);
    }

    /** A kernel of pls.cu with its name, for the error messages. */
    record Kernel(String name, CUfunction function) {
    }

    private CUdeviceptr alloc(long bytes) {
        CUdeviceptr p = new CUdeviceptr();
        cuMemAlloc(p, Math.max(bytes, 8));
        allocations.add(p);
        return p;
    }

    private CUdeviceptr upload(double[] a) {
        return upload(Pointer.to(a), 8L * a.length);
    }

    private CUdeviceptr upload(int[] a) {
        return upload(Pointer.to(a), 4L * a.length);
    }

    private CUdeviceptr upload(long[] a) {
        return upload(Pointer.to(a), 8L * a.length);
    }

    private CUdeviceptr upload(byte[] a) {
        return upload(Pointer.to(a), a.length);
    }

    /** A new device array holding {@code bytes} bytes copied from the host. */
    private CUdeviceptr upload(Pointer host, long bytes) {
        CUdeviceptr p = alloc(bytes);
        if (bytes > 0) {
            cuMemcpyHtoD(p, host, bytes);
        }
        return p;
    }

    static Pointer ptr(CUdeviceptr p) {
        return Pointer.to(p);
    }

    static Pointer i32(int v) {
        return Pointer.to(new int[] {v});
    }

    static Pointer i64(long v) {
        return Pointer.to(new long[] {v});
    }

    static void launch(Kernel k, int gx, int gy, int bx, int by, Pointer... args) {
        if (gx <= 0 || gy <= 0) {
            return;
        }
        KernelLaunch.checked(k.name(),
                () -> cuLaunchKernel(k.function(), gx, gy, 1, bx, by, 1, 0, null, Pointer.to(args), null),
                KernelLaunch.SYNC_EACH ? () -> cuCtxSynchronize() : null);
    }

    /**
     * The tiled FP64 Cholesky of the dense block (order n, leading dimension ld) in place: the
     * pivot n - 1 (r², last) may be clipped at zero; info gets the first failing pivot.
     */
    static void denseCholesky(Kernel potrf, Kernel trsm, Kernel syrk, CUdeviceptr a, long ld, int n, CUdeviceptr info) {
        for (int kb = 0; kb < n; kb += NB) {
            int nb = Math.min(NB, n - kb);
            launch(potrf, 1, 1, NB, 1, ptr(a), i64(ld), i32(kb), i32(nb), i32(n - 1), ptr(info));
            int below = n - kb - nb;
            if (below > 0) {
                launch(trsm, blocks(below, 128), 1, 128, 1, ptr(a), i64(ld), i32(n), i32(kb), i32(nb));
                int tiles = (below + ST - 1) / ST;
                launch(syrk, tiles, tiles, ST, ST / 4, ptr(a), i64(ld), i32(n), i32(kb), i32(nb));
            }
        }
    }

    static int blocks(long work, int threads) {
        return (int) Math.min((work + threads - 1) / threads, Integer.MAX_VALUE);
    }

    @Override
    public void factor(double[] th, PlsFactorSummary out) {
        if (closed) {
            throw new IllegalStateException("evaluator is closed");
        }
        if (th.length != theta.length) {
            throw new IllegalArgumentException("theta has length " + th.length + ", expected " + theta.length);
        }
        requireLiveContext();
        System.arraycopy(th, 0, theta, 0, th.length);
        pp.fillTemplates(theta);
        try {
            cuCtxSetCurrent(context);
            cuMemcpyHtoD(dTemplates, Pointer.to(pp.templates), (long) Sizeof.DOUBLE * pp.templates.length);
            cuMemsetD32(dInfo, 0, 1);
            int t0 = pp.nTerms == 0 ? 0 : pp.templateOffset[0];
            long ld = pp.n;
            launch(fFirstTerm, blocks(pp.levels0, THREADS), 1, THREADS, 1, ptr(dA0), ptr(dTemplates), i32(t0),
                    i32(pp.w0), i32(pp.levels0), ptr(dL0), ptr(dL0LogDet));
            launch(fScaleEntries, blocks(pp.nEntries, THREADS), 1, THREADS, 1, ptr(dEntryLevel), ptr(dEntryH),
                    ptr(dEntryTemplate), ptr(dEntrySource), ptr(dEntryValue), i32(pp.nEntries), ptr(dEntrySourceValues),
                    ptr(dTemplates), i32(t0), i32(pp.w0), ptr(dL0), ptr(dLr));
            long n2 = ld * ld;
            launch(fZero, (int) Math.min(blocks(n2, THREADS), 65_536), 1, THREADS, 1, ptr(dDense), i64(n2));
            launch(fFill, blocks(pp.nFill, THREADS), 1, THREADS, 1, ptr(dFillRow), ptr(dFillCol), ptr(dFillH),
                    ptr(dFillW), ptr(dFillTl), ptr(dFillTr), ptr(dFillSource), ptr(dFillIdentity), i32(pp.nFill),
                    ptr(dFillSourceValues), ptr(dTemplates), ptr(dDense), i64(ld));
            launch(fSchur, pp.n, 1, THREADS, 1, ptr(dRowPtr), ptr(dIncScalar), ptr(dIncLevel), ptr(dScalarPtr),
                    ptr(dScalarRow), ptr(dScalarValue), ptr(dScalarStride), i32(pp.w0), ptr(dLr), ptr(dDense), i64(ld));
            if (library != null) {
                library.cholesky(dDense, ld, pp.n, dInfo);
            } else {
                denseCholesky(fPotrf, fTrsm, fSyrk, dDense, ld, pp.n, dInfo);
            }
            launch(fSummarize, 1, 1, 1024, 1, ptr(dDense), i64(ld), i32(pp.q2), i32(pp.p1 - 1), ptr(dL0LogDet),
                    i32(pp.levels0), ptr(dResults));
            KernelLaunch.synchronize(() -> cuCtxSynchronize());
            cuMemcpyDtoH(Pointer.to(results), dResults, 8L * results.length);
            cuMemcpyDtoH(Pointer.to(info), dInfo, 4);
        } catch (RuntimeException e) {
            throw failed(e);
        }
        summarize(info[0], pp, results, out);
        factored = true;
        factorOverwritten = false;
    }

    /**
     * Turns the device's results {2 Σ log diag LD, 2 Σ log diag RX, r², log|L0|²} and the first
     * failing pivot (1-based, 0 for none) into the summary, as the Java backend reports them: a
     * failure in the random-effects part is an error, one in the X part gives NaN.
     */
    static void summarize(int info, PackedProblem pp, double[] r, PlsFactorSummary out) {
        if (info != 0 && info <= pp.q2) {
            throw new IllegalStateException("dense trailing block not positive definite at pivot " + info);
        }
        out.logDetL = r[3] + r[0];
        if (info != 0) {
            out.logDetRX = Double.NaN;
            out.pwrss = Double.NaN;
        } else {
            out.logDetRX = r[1];
            out.pwrss = r[2];
        }
    }

    @Override
    public PlsSolution solve(boolean conditionalVariances) {
        if (!factored) {
            throw new IllegalStateException("solve() before factor()");
        }
        requireLiveContext();
        if (factorOverwritten) {
            factor(theta.clone(), new PlsFactorSummary());
        }
        try {
            cuCtxSetCurrent(context);
            factorOverwritten = conditionalVariances;
            PlsSolution s = DeviceSolve.run(solveSteps, pp, conditionalVariances);
            KernelLaunch.synchronize(() -> cuCtxSynchronize());
            return s;
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /**
     * A failure of the device: a CUDA error gets the backend's name; after a sticky one the primary
     * context is marked for reset ({@link PrimaryContext#afterFailure}) and this evaluator refuses
     * further work, so the next fit starts on a fresh context.
     */
    private RuntimeException failed(RuntimeException e) {
        RuntimeException named = e instanceof CudaException ? new JmixedException("backend 'cuda': " + e.getMessage(), e) : e;
        RuntimeException after = device.context().afterFailure(named);
        if (after != named) {
            lost = true;
        }
        return after;
    }

    /** Refuses work on a context that a sticky error broke (here or in another evaluator) or that was reset since. */
    private void requireLiveContext() {
        if (lost || device.context().broken() || device.context().generation() != generation) {
            throw new JmixedException("backend 'cuda': this evaluator's CUDA context was lost to a sticky error;"
                    + " fit again to start on a fresh one");
        }
    }

    @Override
    public String description() {
        return String.format("CUDA on %s: '%s' block-diagonal (%d levels), dense block of order %d"
                        + " ([X y] rows appended) factored by %s; %s on the device; final solve on the device",
                device.name(), pp.nTerms == 0 ? "-" : problem.terms().get(0).groupName(), pp.levels0, pp.n,
                library != null ? library.name() : "our FP64 tiled Cholesky (tile " + NB + "; " + libraryNote + ")",
                DeviceMemoryPlan.gib(DeviceMemoryPlan.of(pp).totalBytes()));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // The primary context is CudaDevice's (retained once per JVM): nothing to release here.
        // Each free on its own, so that one failure (a sticky error) does not leak the rest.
        // After a sticky error, or once the context has been reset, the pointers are gone with it
        // (and their addresses may belong to a newer evaluator): nothing to free.
        boolean live = !lost && !device.context().broken() && device.context().generation() == generation;
        if (context != null && live) {
            KernelLaunch.quietly(() -> cuCtxSetCurrent(context));
            if (library != null) {
                KernelLaunch.quietly(library::close);
            }
            for (CUdeviceptr p : allocations) {
                KernelLaunch.quietly(() -> cuMemFree(p));
            }
            allocations.clear();
            KernelLaunch.quietly(() -> cuModuleUnload(module));
        }
    }
}
