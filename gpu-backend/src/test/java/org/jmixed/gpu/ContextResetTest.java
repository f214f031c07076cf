package org.jmixed.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jcuda.CudaException;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import org.jmixed.JmixedException;
import org.junit.jupiter.api.Test;

/** Recovery after a sticky CUDA error, with the driver calls faked: one line, then a fresh context for the next fit. */
class ContextResetTest {

    /** As the evaluator sees a kernel fault: KernelLaunch's one line with JCuda's exception as cause. */
    private static JmixedException kernelFault(String error) {
        return new JmixedException("backend 'cuda': kernel schur_update failed: " + error, new CudaException(error));
    }

    @Test
    void aStickyErrorIsOneLineAndTheNextGetResetsAndRetainsAFreshContext() {
        CudaSmallFixesTest.FakeDriver d = new CudaSmallFixesTest.FakeDriver();
        PrimaryContext pc = new PrimaryContext(d, new CUdevice());
        CUcontext first = pc.get();
        assertEquals(0, pc.generation());
        RuntimeException e = pc.afterFailure(kernelFault("CUDA_ERROR_ILLEGAL_ADDRESS"));
        assertEquals("backend 'cuda': kernel schur_update failed: CUDA_ERROR_ILLEGAL_ADDRESS (a sticky error: this CUDA"
                + " context cannot be used again; the next fit resets it and starts afresh)", e.getMessage());
        assertTrue(e instanceof JmixedException);
        assertTrue(pc.broken());
        d.calls.clear();
        CUcontext second = pc.get();
        assertNotSame(first, second);
        assertEquals(List.of("release", "reset", "setFlags 4", "retain"), d.calls);
        assertEquals(1, pc.generation(), "evaluators of the old context see that it is gone");
        assertFalse(pc.broken());
        assertSame(second, pc.get());
    }

    @Test
    void otherErrorsLeaveTheContextAlone() {
        CudaSmallFixesTest.FakeDriver d = new CudaSmallFixesTest.FakeDriver();
        PrimaryContext pc = new PrimaryContext(d, new CUdevice());
        CUcontext c = pc.get();
        JmixedException oom = new JmixedException("backend 'cuda': CUDA_ERROR_OUT_OF_MEMORY",
                new CudaException("CUDA_ERROR_OUT_OF_MEMORY"));
        assertSame(oom, pc.afterFailure(oom));
        IllegalStateException notPd = new IllegalStateException("dense trailing block not positive definite at pivot 3");
        assertSame(notPd, pc.afterFailure(notPd));
        assertFalse(pc.broken());
        d.calls.clear();
        assertSame(c, pc.get());
        assertEquals(List.of(), d.calls);
    }

    @Test
    void aStickyErrorBeforeAnyRetainResetsWithoutReleasing() {
        CudaSmallFixesTest.FakeDriver d = new CudaSmallFixesTest.FakeDriver();
        PrimaryContext pc = new PrimaryContext(d, new CUdevice());
        RuntimeException e = pc.afterFailure(new CudaException("CUDA_ERROR_LAUNCH_FAILED"));
        assertTrue(e.getMessage().startsWith("backend 'cuda': CUDA_ERROR_LAUNCH_FAILED (a sticky error"), e.getMessage());
        pc.get();
        assertEquals(List.of("reset", "setFlags 4", "retain"), d.calls, "never release what was not retained");
    }

    @Test
    void stickyErrorsAreFoundAnywhereInTheCauseChain() {
        assertEquals("CUDA_ERROR_MISALIGNED_ADDRESS", PrimaryContext.stickyError(
                new RuntimeException("wrapped", kernelFault("CUDA_ERROR_MISALIGNED_ADDRESS"))));
        assertEquals(null, PrimaryContext.stickyError(new RuntimeException("CUDA_ERROR_ILLEGAL_ADDRESS")),
                "only JCuda's exceptions count, not a message that mentions one");
        assertEquals(null, PrimaryContext.stickyError(new CudaException("CUDA_ERROR_INVALID_VALUE")));
    }

    @Test
    void aFailedResetIsRetriedByTheNextGet() {
        CudaSmallFixesTest.FakeDriver d = new CudaSmallFixesTest.FakeDriver() {
            int resets;

            @Override
            public void reset(CUdevice device) {
                super.reset(device);
                if (resets++ == 0) {
                    throw new CudaException("CUDA_ERROR_UNKNOWN");
                }
            }
        };
        PrimaryContext pc = new PrimaryContext(d, new CUdevice());
        pc.get();
        pc.afterFailure(kernelFault("CUDA_ERROR_ILLEGAL_ADDRESS"));
        assertThrows(CudaException.class, pc::get);
        assertTrue(pc.broken());
        pc.get();
        assertFalse(pc.broken());
        assertEquals(List.of("setFlags 4", "retain", "release", "reset", "reset", "setFlags 4", "retain"), d.calls);
    }
}
