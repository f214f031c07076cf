package org.jmixed.gpu;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemsetD32;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import org.jmixed.JmixedException;
import org.jmixed.data.DataFrame;
import org.jmixed.data.binary.DataFiles;
import org.jmixed.model.FitOptions;
import org.jmixed.model.FitResult;
import org.jmixed.model.LinearMixedModel;
import org.jmixed.model.PreparedModel;
import org.jmixed.model.ProfiledObjective;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;

/**
 * The measurements of {@code tools/gpu-check.sh}, one per invocation, each printing one JSON
 * object on stdout (exit 0 when it passed, 3 when a comparison failed, 1 on an error with the
 * reason on stderr):
 * <pre>
 *   probe                                    device name and memory, or why there is none
 *   compare --data F --formula S [--ml] [--cuda-only]
 *                                            whole fits, cuda against java, objective to 1e-8 relative;
 *                                            then the solve at the fit's θ (β̂, û, conditional
 *                                            variances) on the device against java, to 1e-8
 *   evaluate --data F --formula S [--theta a,b,..] [--evals K] [--java] [--solve]
 *                                            seconds per cuda evaluation (factor only), and the
 *                                            java objective at the same θ with --java; --solve
 *                                            times the device solve with conditional variances
 *                                            (and compares its β̂ and û with java's when --java)
 *   dense N [--cusolver]                     the dense FP64 Cholesky alone at order N: seconds, TFLOP/s; our
 *                                            tiled kernels, or cusolverDnXpotrf through the shim
 * </pre>
 * Run as {@code java -cp jmixed.jar org.jmixed.gpu.GpuCheck ...}; not a user command.
 */
public final class GpuCheck {
    static final double TOL = 1e-8;

    private GpuCheck() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (JmixedException | IllegalArgumentException | IllegalStateException e) {
            System.err.println("gpu-check: " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: GpuCheck probe | compare | evaluate | dense N");
        }
        Map<String, String> opt = options(args);
        return switch (args[0]) {
            case "probe" -> probe();
            case "compare" -> compare(opt.get("--data"), opt.get("--formula"), !opt.containsKey("--ml"),
                    opt.containsKey("--cuda-only"));
            case "evaluate" -> evaluate(opt);
            case "dense" -> dense(Integer.parseInt(args[1]), opt.containsKey("--cusolver"));
            default -> throw new IllegalArgumentException("unknown GpuCheck command '" + args[0] + "'");
        };
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
                m.put(args[i], flag ? "" : args[++i]);
            }
        }
        return m;
    }

    private static CudaDevice.Info device() {
        return CudaDevice.get().orElseThrow(() -> new JmixedException(new CudaBackend().unavailableReason().orElse("no device")));
    }

    private static int probe() {
        if (!KernelImage.present()) {
            throw new JmixedException("no CUDA kernels in this build (built with -Djmixed.nvcc.skip)");
        }
        CudaDevice.Info d = device();
        d.context().get();
        String dense = CuSolverShim.unavailableReason().orElse("cuSOLVER (" + CuSolverShim.CUSOLVER + ", "
                + CuSolverShim.CUBLAS + ")");
        System.out.printf(Locale.ROOT, "{\"device\": \"%s\", \"total_bytes\": %d, \"dense_factorization\": \"%s\"}%n",
                d.name(), d.totalBytes(), dense.replace("\\", "\\\\").replace("\"", "\\\""));
        return 0;
    }

    private static PreparedModel prepare(String data, String formula) {
        if (data == null || formula == null) {
            throw new IllegalArgumentException("--data and --formula are required");
        }
        DataFrame df = DataFiles.read(Path.of(data));
        return LinearMixedModel.prepare(df, formula);
    }

    private static int compare(String data, String formula, boolean reml, boolean cudaOnly) {
        device();
        PreparedModel pm = prepare(data, formula);
        FitOptions opt = FitOptions.defaults().withReml(reml);
        if (cudaOnly) {
            long t0 = System.nanoTime();
            FitResult cuda = LinearMixedModel.fit(pm, opt.withBackend("cuda"));
            System.out.printf(Locale.ROOT, "{\"objective_cuda\": %.17g, \"seconds_cuda\": %.3f, \"theta\": %s,"
                            + " \"dense_order\": %d}%n", cuda.objective(), (System.nanoTime() - t0) / 1e9,
                    java.util.Arrays.toString(cuda.theta()), DeviceMemoryPlan.denseOrder(pm.problem()));
            return 0;
        }
        long t0 = System.nanoTime();
        FitResult java = LinearMixedModel.fit(pm, opt.withBackend("java"));
        long t1 = System.nanoTime();
        FitResult cuda = LinearMixedModel.fit(pm, opt.withBackend("cuda"));
        long t2 = System.nanoTime();
        double rel = Math.abs(java.objective() - cuda.objective()) / Math.max(Math.abs(java.objective()), 1e-300);
        double solveRel = solveDifference(pm.problem(), cuda.theta(), solveAt(new org.jmixed.cpu.CpuBackend().open(pm.problem()),
                cuda.theta()));
        boolean pass = rel <= TOL && solveRel <= TOL;
        System.out.printf(Locale.ROOT, "{\"objective_java\": %.17g, \"objective_cuda\": %.17g, \"relative_difference\": %.3e,"
                        + " \"solve_relative_difference\": %.3e, \"tolerance\": %.0e, \"pass\": %b, \"seconds_java\": %.3f,"
                        + " \"seconds_cuda\": %.3f, \"dense_order\": %d}%n",
                java.objective(), cuda.objective(), rel, solveRel, TOL, pass, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                DeviceMemoryPlan.denseOrder(pm.problem()));
        return pass ? 0 : 3;
    }

    /** The solve with conditional variances at θ by an evaluator, which is closed after. */
    private static org.jmixed.spi.PlsSolution solveAt(PlsEvaluator ev, double[] theta) {
        try (ev) {
            ev.factor(theta, new PlsFactorSummary());
            return ev.solve(true);
        }
    }

    /**
     * The largest difference between the device's solve at θ and {@code java}'s, over β̂, û and
     * every term's conditional variances, each relative to the largest of 1 and its array's magnitude.
     */
    private static double solveDifference(PlsProblem problem, double[] theta, org.jmixed.spi.PlsSolution java) {
        org.jmixed.spi.PlsSolution cuda = solveAt(new CudaBackend().open(problem), theta);
        double worst = Math.max(relative(java.beta(), cuda.beta()), relative(java.u(), cuda.u()));
        worst = Math.max(worst, relative(java.unscaledVcovBeta(), cuda.unscaledVcovBeta()));
        for (int k = 0; k < java.condVarU().size(); k++) {
            worst = Math.max(worst, relative(java.condVarU().get(k), cuda.condVarU().get(k)));
        }
        return worst;
    }

    private static double relative(double[] expected, double[] actual) {
        if (expected.length != actual.length) {
            return Double.POSITIVE_INFINITY;
        }
        double scale = 1.0;
        double diff = 0.0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            double d = Math.abs(expected[i] - actual[i]);
            diff = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(diff, d);
        }
        return diff / scale;
    }

    private static int evaluate(Map<String, String> opt) {
        CudaDevice.Info d = device();
        PreparedModel pm = prepare(opt.get("--data"), opt.get("--formula"));
        PlsProblem pr = pm.problem();
        double[] theta = new double[pr.thetaLength()];
        java.util.Arrays.fill(theta, 1.0);
        if (opt.containsKey("--theta")) {
            String[] parts = opt.get("--theta").split(",");
            for (int i = 0; i < theta.length && i < parts.length; i++) {
                theta[i] = Double.parseDouble(parts[i]);
            }
        }
        int evals = Integer.parseInt(opt.getOrDefault("--evals", "2"));
        List<Double> seconds = new ArrayList<>();
        PlsFactorSummary s = new PlsFactorSummary();
        long o0 = System.nanoTime();
        try (PlsEvaluator ev = new CudaPlsEvaluator(pr, d)) {
            double openSeconds = (System.nanoTime() - o0) / 1e9;
            for (int k = 0; k < evals; k++) {
                long t0 = System.nanoTime();
                ev.factor(theta, s);
                seconds.add((System.nanoTime() - t0) / 1e9);
            }
            double cudaObj = ProfiledObjective.value(s, pr.n(), pr.p(), true);
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "{\"rows\": %d, \"dense_order\": %d, \"open_seconds\": %.3f,"
                    + " \"seconds_per_evaluation\": %s, \"reml_criterion_cuda\": %.17g", pr.n(),
                    DeviceMemoryPlan.denseOrder(pr), openSeconds, seconds, cudaObj));
            boolean pass = true;
            org.jmixed.spi.PlsSolution deviceSolve = null;
            if (opt.containsKey("--solve")) {
                long t0 = System.nanoTime();
                deviceSolve = ev.solve(true);
                out.append(String.format(Locale.ROOT, ", \"solve_seconds\": %.3f", (System.nanoTime() - t0) / 1e9));
            }
            if (opt.containsKey("--java")) {
                PlsFactorSummary j = new PlsFactorSummary();
                try (PlsEvaluator ev2 = new org.jmixed.cpu.CpuBackend().open(pr)) {
                    long t0 = System.nanoTime();
                    ev2.factor(theta, j);
                    double javaSeconds = (System.nanoTime() - t0) / 1e9;
                    double javaObj = ProfiledObjective.value(j, pr.n(), pr.p(), true);
                    double rel = Math.abs(javaObj - cudaObj) / Math.abs(javaObj);
                    pass = rel <= TOL;
                    out.append(String.format(Locale.ROOT, ", \"reml_criterion_java\": %.17g, \"java_seconds\": %.3f,"
                            + " \"relative_difference\": %.3e", javaObj, javaSeconds, rel));
                    if (deviceSolve != null) {
                        // β̂ and û only: java's conditional variances at this size would take minutes.
                        org.jmixed.spi.PlsSolution host = ev2.solve(false);
                        double solveRel = Math.max(relative(host.beta(), deviceSolve.beta()),
                                relative(host.u(), deviceSolve.u()));
                        out.append(String.format(Locale.ROOT, ", \"solve_beta_u_relative_difference\": %.3e", solveRel));
                        pass &= solveRel <= TOL;
                    }
                    out.append(String.format(Locale.ROOT, ", \"pass\": %b", pass));
                }
            }
            System.out.println(out.append('}'));
            return pass ? 0 : 3;
        }
    }

    private static int dense(int n, boolean cusolver) {
        CudaDevice.Info d = device();
        if (cusolver) {
            CuSolverShim.unavailableReason().ifPresent(why -> {
                throw new JmixedException(why);
            });
        }
        cuCtxSetCurrent(d.context().get());
        CUmodule module = new CUmodule();
        cuModuleLoadData(module, KernelImage.load(KernelImage.FATBIN));
        CUdeviceptr a = new CUdeviceptr();
        CUdeviceptr info = new CUdeviceptr();
        List<CUdeviceptr> workspace = new ArrayList<>();
        CuSolverDense library = null;
        try {
            cuMemAlloc(a, 8L * n * n);
            cuMemAlloc(info, 4);
            cuMemsetD32(info, 0, 1);
            CudaPlsEvaluator.launch(kernel(module, "fill_test_spd"), 65_536, 1, 256, 1, CudaPlsEvaluator.ptr(a),
                    CudaPlsEvaluator.i64(n), CudaPlsEvaluator.i32(n));
            cuCtxSynchronize();
            if (cusolver) {
                library = new CuSolverDense(new JCudaDenseDevice(bytes -> {
                    CUdeviceptr w = new CUdeviceptr();
                    cuMemAlloc(w, bytes);
                    workspace.add(w);
                    return w;
                }, kernel(module, "last_pivot"), a), DeviceAddress.of(a), n, n, 0);
            }
            long t0 = System.nanoTime();
            if (library != null) {
                library.cholesky(a, n, n, info);
            } else {
                CudaPlsEvaluator.denseCholesky(kernel(module, "potrf_tile"), kernel(module, "trsm_panel"),
                        kernel(module, "syrk_update"), a, n, n, info);
            }
            cuCtxSynchronize();
            double sec = (System.nanoTime() - t0) / 1e9;
            int[] inf = new int[1];
            cuMemcpyDtoH(Pointer.to(inf), info, 4);
            double[] last = new double[1];
            cuMemcpyDtoH(Pointer.to(last), a.withByteOffset(8L * ((long) n * n - 1)), 8);
            double flops = (double) n * n * n / 3.0;
            System.out.printf(Locale.ROOT, "{\"method\": \"%s\", \"order\": %d, \"seconds\": %.3f, \"tflops\": %.3f, \"info\": %d,"
                    + " \"last_pivot\": %.6g, \"pass\": %b}%n", cusolver ? "cusolverDnXpotrf" : "tiled kernels", n, sec, flops / sec / 1e12, inf[0], last[0],
                    inf[0] == 0 && Double.isFinite(last[0]));
            return inf[0] == 0 ? 0 : 3;
        } finally {
            if (library != null) {
                KernelLaunch.quietly(library::close);
            }
            for (CUdeviceptr w : workspace) {
                KernelLaunch.quietly(() -> cuMemFree(w));
            }
            KernelLaunch.quietly(() -> cuMemFree(a));
            KernelLaunch.quietly(() -> cuMemFree(info));
            KernelLaunch.quietly(() -> cuModuleUnload(module));
        }
    }

    private static CudaPlsEvaluator.Kernel kernel(CUmodule module, String name) {
        CUfunction f = new CUfunction();
        cuModuleGetFunction(f, module, name);
        return new CudaPlsEvaluator.Kernel(name, f);
    }
}
