package org.jmixed.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jcuda.CudaException;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import org.jmixed.JmixedException;
import org.jmixed.cpu.CpuBackend;
import org.jmixed.spi.PlsEvaluator;
import org.jmixed.spi.PlsFactorSummary;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.PlsProblemBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-through's smaller findings, checked without a device (fake driver calls, the emulator). */
class CudaSmallFixesTest {

    /** A driver that records its calls; its retain fails the first {@code failures} times. */
    static class FakeDriver implements PrimaryContext.Driver {
        final List<String> calls = new ArrayList<>();
        int failures;

        @Override
        public void setFlags(CUdevice device, int flags) {
            calls.add("setFlags " + flags);
            throw new CudaException("CUDA_ERROR_PRIMARY_CONTEXT_ACTIVE");
        }

        @Override
        public void retain(CUcontext context, CUdevice device) {
            calls.add("retain");
            if (failures-- > 0) {
                throw new CudaException("CUDA_ERROR_OUT_OF_MEMORY");
            }
        }

        @Override
        public void release(CUdevice device) {
            calls.add("release");
        }

        @Override
        public void reset(CUdevice device) {
            calls.add("reset");
        }
    }

    @Test
    void primaryContextIsRetainedOnceWithBlockingSyncAskedFirst() {
        FakeDriver d = new FakeDriver();
        PrimaryContext pc = new PrimaryContext(d, new CUdevice());
        assertFalse(pc.retained());
        CUcontext a = pc.get();
        CUcontext b = pc.get();
        assertSame(a, b);
        assertTrue(pc.retained());
        // 4 = CU_CTX_SCHED_BLOCKING_SYNC; its refusal (context already active) is not an error.
        assertEquals(List.of("setFlags 4", "retain"), d.calls);
    }

    @Test
    void aFailedRetainIsNotHeldAndIsRetriedNextTime() {
        FakeDriver d = new FakeDriver();
        d.failures = 1;
        PrimaryContext pc = new PrimaryContext(d, new CUdevice());
        assertThrows(CudaException.class, pc::get);
        assertFalse(pc.retained(), "a context whose retain failed is never released nor used");
        pc.get();
        assertTrue(pc.retained());
        assertEquals(List.of("setFlags 4", "retain", "setFlags 4", "retain"), d.calls);
    }

    @Test
    void launchErrorsNameTheKernel() {
        JmixedException launch = assertThrows(JmixedException.class, () -> KernelLaunch.checked("schur_update",
                () -> {
                    throw new CudaException("CUDA_ERROR_INVALID_VALUE\nmore detail");
                }, null));
        assertEquals("backend 'cuda': launching kernel schur_update failed: CUDA_ERROR_INVALID_VALUE",
                launch.getMessage());
        List<String> order = new ArrayList<>();
        JmixedException async = assertThrows(JmixedException.class, () -> KernelLaunch.checked("potrf_tile",
                () -> order.add("launch"), () -> {
                    order.add("sync");
                    throw new CudaException("CUDA_ERROR_ILLEGAL_ADDRESS");
                }));
        assertEquals("backend 'cuda': kernel potrf_tile failed: CUDA_ERROR_ILLEGAL_ADDRESS", async.getMessage());
        assertEquals(List.of("launch", "sync"), order);
        JmixedException end = assertThrows(JmixedException.class, () -> KernelLaunch.synchronize(() -> {
            throw new CudaException("CUDA_ERROR_ILLEGAL_ADDRESS");
        }));
        assertTrue(end.getMessage().startsWith("backend 'cuda': a kernel of this evaluation failed:"
                + " CUDA_ERROR_ILLEGAL_ADDRESS"), end.getMessage());
        KernelLaunch.quietly(() -> {
            throw new CudaException("CUDA_ERROR_ILLEGAL_ADDRESS");
        });
    }

    @Test
    void aNanLastPivotGivesNanAsOnTheCpuNotMinusInfinity() {
        // Non-finite data are refused when the cross-products are formed, so y'y is poisoned after
        // that check (the shared array): only the last pivot, r, becomes NaN.
        PlsProblem pr = RandomProblems.crossed(8, 100, 2, new int[][] {{10, 1}, {5, 1}});
        double[] xy = pr.cross().xyTxy();
        xy[xy.length - 1] = Double.NaN;
        double[] theta = {1.0, 0.5};
        PlsFactorSummary gpu = new PlsFactorSummary();
        new KernelEmulator(new PackedProblem(pr)).factor(theta, gpu);
        PlsFactorSummary cpu = new PlsFactorSummary();
        try (PlsEvaluator ev = new CpuBackend().open(pr)) {
            ev.factor(theta, cpu);
        }
        assertTrue(Double.isNaN(cpu.pwrss), "CPU pwrss " + cpu.pwrss);
        assertTrue(Double.isNaN(gpu.pwrss), "emulated device pwrss " + gpu.pwrss);
        assertEquals(cpu.logDetL, gpu.logDetL, 1e-10 * Math.abs(cpu.logDetL));
    }

    @Test
    void costEstimateComparesTheDenseBlockWithTheMemoryGiven() {
        PlsProblem pr = RandomProblems.crossed(2, 400, 2, new int[][] {{200, 1}, {300, 1}});
        long need = DeviceMemoryPlan.denseBytes(pr) + DeviceMemoryPlan.RESERVE_BYTES;
        double n = 303;
        assertEquals(n * n * n / 3 / CudaBackend.DENSE_FLOPS_PER_SECOND + CudaBackend.LAUNCH_SECONDS,
                CudaBackend.estimate(pr, Optional.of(need)).orElseThrow(), 1e-15);
        assertEquals(Optional.empty(), CudaBackend.estimate(pr, Optional.of(need - 1)));
        assertTrue(CudaBackend.estimate(pr, Optional.empty()).isPresent(), "memory unknown: not compared");
    }

    @Test
    void theDriverCheckLooksAtFilesOnly(@TempDir Path dir) throws Exception {
        Path version = dir.resolve("version");
        assertFalse(CudaDevice.driverInstalled(version, dir.resolve("nvidiactl")));
        Files.writeString(version, "NVRM version: 580");
        assertTrue(CudaDevice.driverInstalled(dir.resolve("nvidiactl"), version));
    }

    @Test
    void withoutADriverTheEstimateIsEmptyWithoutProbing() {
        org.junit.jupiter.api.Assumptions.assumeFalse(CudaDevice.driverInstalled(), "an NVIDIA driver is installed here");
        CudaDevice.forgetProbeForTests();
        PlsProblem pr = RandomProblems.crossed(2, 400, 2, new int[][] {{200, 1}, {300, 1}});
        assertEquals(Optional.empty(), new CudaBackend().estimatedSecondsPerEvaluation(pr));
        assertFalse(CudaDevice.probed(), "the estimate ran cuInit");
    }
}
