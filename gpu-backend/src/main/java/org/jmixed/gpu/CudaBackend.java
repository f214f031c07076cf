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
                + DeviceMemoryPlan.gib(d.totalBytes()) + "; FP64 tiled Cholesky kernels of our own")
                .orElse("CUDA (JCuda driver API): " + unavailableReason().orElse(""));
    }

    @Override
    public Optional<String> unavailableReason() {
        if (!KernelImage.present()) {
            return Optional.of("no CUDA kernels in this build (built with -Djmixed.nvcc.skip)");
        }
        return CudaDevice.unavailableReason();
    }

    @Override
    public Optional<Double> estimatedSecondsPerEvaluation(PlsProblem problem) {
        if (problem.terms().size() < 2 || unavailableReason().isPresent()) {
            return Optional.empty();
        }
        long free = CudaDevice.get().map(CudaDevice.Info::totalBytes).orElse(0L);
        if (DeviceMemoryPlan.denseBytes(problem) + DeviceMemoryPlan.RESERVE_BYTES > free) {
            return Optional.empty();
        }
        double n = DeviceMemoryPlan.denseOrder(problem);
        return Optional.of(n * n * n / 3.0 / DENSE_FLOPS_PER_SECOND + LAUNCH_SECONDS);
    }

    @Override
    public PlsEvaluator open(PlsProblem problem) {
        CudaDevice.Info info = CudaDevice.get().orElseThrow(() -> new org.jmixed.JmixedException(
                "backend 'cuda' is not available here: " + unavailableReason().orElse("")));
        return new CudaPlsEvaluator(problem, info, false);
    }
}
