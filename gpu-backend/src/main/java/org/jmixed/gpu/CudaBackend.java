package org.jmixed.gpu;

import java.util.Optional;

import org.jmixed.spi.PlsBackend;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsProblem;

/**
 * The CUDA backend ({@code --backend cuda}): the blocked factorization of crossed designs kept on
 * the GPU (see {@link CudaPlsEvaluator}). Unavailable, with a one-line reason, on machines without
 * a CUDA driver and device, or when the build skipped the kernels.
 */
public final class CudaBackend implements PlsBackend {
    public static final String NAME = "cuda";
    /** Sustained FP64 rate of the tiled Cholesky, for the automatic choice (a conservative guess). */
    static final double DENSE_FLOPS_PER_SECOND = 2e12;
    /** Fixed cost of one evaluation: kernel launches and the read-back. */
    static final double LAUNCH_SECONDS = 2e-3;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return CudaDevice.get().map(d -> "CUDA (JCuda driver API) on " + d.name() + ", "
                + DeviceMemoryPlan.gib(d.totalBytes()) + "; dense factorization: "
                + CuSolverShim.unavailableReason().map(why -> "FP64 tiled Cholesky kernels of our own (" + why + ")")
                        .orElse("cusolverDnXpotrf"))
                .orElse("CUDA (JCuda driver API): " + unavailableReason().orElse(""));
    }

    @Override
    public Optional<String> unavailableReason() {
        if (!KernelImage.present()) {
            return Optional.of("no CUDA kernels in this build (built with -Djmixed.nvcc.skip)");
        }
        return CudaDevice.unavailableReason();
    }

    /**
     * Asked by the automatic choice before any backend is loaded, so it must stay cheap: no JCuda,
     * no {@code cuInit} (seconds on a node with many GPUs). Without an NVIDIA driver on the machine
     * (a file check) there is no estimate; once the device has been probed its memory is compared,
     * the free memory when the context is already retained, else the total.
     */
    @Override
    public Optional<Double> estimatedSecondsPerEvaluation(PlsProblem problem) {
        if (problem.terms().size() < 2 || !KernelImage.present()) {
            return Optional.empty();
        }
        if (!CudaDevice.probed() && !CudaDevice.driverInstalled()) {
            return Optional.empty();
        }
        if (CudaDevice.probed() && CudaDevice.ifProbed().isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> memory = CudaDevice.ifProbed().map(CudaBackend::freeOrTotalBytes);
        return estimate(problem, memory);
    }

    /**
     * Seconds per evaluation of the dense factorization, or empty when its block does not fit in
     * {@code deviceBytes} (unknown: not compared; {@code open} checks the free memory anyway).
     */
    static Optional<Double> estimate(PlsProblem problem, Optional<Long> deviceBytes) {
        if (problem.terms().size() < 2) {
            return Optional.empty();
        }
        if (deviceBytes.isPresent()
                && DeviceMemoryPlan.denseBytes(problem) + DeviceMemoryPlan.RESERVE_BYTES > deviceBytes.get()) {
            return Optional.empty();
        }
        double n = DeviceMemoryPlan.denseOrder(problem);
        return Optional.of(n * n * n / 3.0 / DENSE_FLOPS_PER_SECOND + LAUNCH_SECONDS);
    }

    private static long freeOrTotalBytes(CudaDevice.Info d) {
        if (d.context().retained()) {
            try {
                long[] free = new long[1];
                long[] total = new long[1];
                jcuda.driver.JCudaDriver.cuCtxSetCurrent(d.context().get());
                jcuda.driver.JCudaDriver.cuMemGetInfo(free, total);
                return free[0];
            } catch (RuntimeException e) {
                return d.totalBytes();
            }
        }
        return d.totalBytes();
    }

    @Override
    public PlsEvaluator open(PlsProblem problem) {
        CudaDevice.Info info = CudaDevice.get().orElseThrow(() -> new org.jmixed.JmixedException(
                "backend 'cuda' is not available here: " + unavailableReason().orElse("")));
        return new CudaPlsEvaluator(problem, info);
    }
}
