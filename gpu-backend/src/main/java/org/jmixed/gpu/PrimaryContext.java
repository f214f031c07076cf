package org.jmixed.gpu;

import jcuda.CudaException;
import jcuda.driver.CUcontext;
import jcuda.driver.CUctx_flags;
import jcuda.driver.CUdevice;
import jcuda.driver.JCudaDriver;
import org.jmixed.JmixedException;

/**
 * The device's primary context, retained once for the life of the JVM and shared by every
 * evaluator (the driver releases it at exit). One retain instead of one per open/close: no
 * evaluator can release a context it never retained, and the context (with its loaded module
 * state) is not torn down and rebuilt between fits. Before the retain it asks for
 * {@code CU_CTX_SCHED_BLOCKING_SYNC}, so that a synchronize waits on an interrupt instead of
 * spinning a core for the whole dense factorization.
 *
 * <p>After a sticky error (an illegal address in a kernel, say) the context is unusable for the
 * rest of the process. {@link #afterFailure} marks it broken; the next {@link #get} (the next
 * fit's open) releases it, resets it ({@code cuDevicePrimaryCtxReset}: every allocation in it is
 * gone) and retains a fresh one. {@link #generation} tells evaluators of the old context not to
 * free their pointers into the new one.
 */
final class PrimaryContext {
    /** The two driver calls, replaceable in tests. */
    interface Driver {
        void setFlags(CUdevice device, int flags);

        void retain(CUcontext context, CUdevice device);

        void release(CUdevice device);

        void reset(CUdevice device);
    }

    /**
     * Errors after which the context cannot be used again (CUDA driver API, "sticky" errors): the
     * names JCuda's exceptions carry.
     */
    static final java.util.Set<String> STICKY = java.util.Set.of("CUDA_ERROR_ILLEGAL_ADDRESS",
            "CUDA_ERROR_LAUNCH_FAILED", "CUDA_ERROR_MISALIGNED_ADDRESS", "CUDA_ERROR_HARDWARE_STACK_ERROR",
            "CUDA_ERROR_ILLEGAL_INSTRUCTION", "CUDA_ERROR_INVALID_ADDRESS_SPACE", "CUDA_ERROR_INVALID_PC",
            "CUDA_ERROR_ASSERT", "CUDA_ERROR_LAUNCH_TIMEOUT", "CUDA_ERROR_ECC_UNCORRECTABLE");

    static final Driver JCUDA = new Driver() {
        @Override
        public void setFlags(CUdevice device, int flags) {
            JCudaDriver.cuDevicePrimaryCtxSetFlags(device, flags);
        }

        @Override
        public void retain(CUcontext context, CUdevice device) {
            JCudaDriver.cuDevicePrimaryCtxRetain(context, device);
        }

        @Override
        public void release(CUdevice device) {
            JCudaDriver.cuDevicePrimaryCtxRelease(device);
        }

        @Override
        public void reset(CUdevice device) {
            JCudaDriver.cuDevicePrimaryCtxReset(device);
        }
    };

    static final int FLAGS = CUctx_flags.CU_CTX_SCHED_BLOCKING_SYNC;

    private final Driver driver;
    private final CUdevice device;
    private CUcontext context;
    private boolean broken;
    private int generation;

    PrimaryContext(Driver driver, CUdevice device) {
        this.driver = driver;
        this.device = device;
    }

    /** The retained context; retains it on first use (a failure is thrown and retried next time). */
    synchronized CUcontext get() {
        if (broken) {
            if (context != null) {
                KernelLaunch.quietly(() -> driver.release(device));
                context = null;
            }
            driver.reset(device);
            broken = false;
            generation++;
        }
        if (context == null) {
            try {
                driver.setFlags(device, FLAGS);
            } catch (CudaException e) {
                // Already active with other flags (another library retained it first): a
                // preference only, the context works either way.
            }
            CUcontext c = new CUcontext();
            driver.retain(c, device);
            context = c;
        }
        return context;
    }

    /** Counts the resets: an evaluator opened in an earlier generation must not touch the context. */
    synchronized int generation() {
        return generation;
    }

    /** Whether a sticky error has broken the context since the last {@link #get}. */
    synchronized boolean broken() {
        return broken;
    }

    /**
     * What a failed driver call leaves: after a sticky error ({@link #STICKY}, anywhere in the
     * cause chain) the context is marked for reset and the error comes back as one line saying so;
     * any other error comes back as it was.
     */
    synchronized RuntimeException afterFailure(RuntimeException e) {
        String sticky = stickyError(e);
        if (sticky == null) {
            return e;
        }
        broken = true;
        String m = e.getMessage() == null ? sticky : e.getMessage().strip().split("\\R", 2)[0];
        if (!m.startsWith("backend 'cuda'")) {
            m = "backend 'cuda': " + m;
        }
        return new JmixedException(m + " (a sticky error: this CUDA context cannot be used again; the next fit"
                + " resets it and starts afresh)", e);
    }

    /** The sticky error's name when {@code e} or one of its causes is a CUDA error of that kind, else null. */
    static String stickyError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CudaException && t.getMessage() != null) {
                for (String name : STICKY) {
                    if (t.getMessage().contains(name)) {
                        return name;
                    }
                }
            }
        }
        return null;
    }

    /** Whether {@link #get} has succeeded. */
    synchronized boolean retained() {
        return context != null;
    }
}
