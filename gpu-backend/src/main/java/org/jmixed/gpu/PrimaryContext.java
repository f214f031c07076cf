package org.jmixed.gpu;

import jcuda.CudaException;
import jcuda.driver.CUcontext;
import jcuda.driver.CUctx_flags;
import jcuda.driver.CUdevice;
import jcuda.driver.JCudaDriver;

/**
 * The device's primary context, retained once for the life of the JVM and shared by every
 * evaluator (the driver releases it at exit). One retain instead of one per open/close: no
 * evaluator can release a context it never retained, and the context (with its loaded module
 * state) is not torn down and rebuilt between fits. Before the retain it asks for
 * {@code CU_CTX_SCHED_BLOCKING_SYNC}, so that a synchronize waits on an interrupt instead of
 * spinning a core for the whole dense factorization.
 */
final class PrimaryContext {
    /** The two driver calls, replaceable in tests. */
    interface Driver {
        void setFlags(CUdevice device, int flags);

        void retain(CUcontext context, CUdevice device);
    }

    static final Driver JCUDA = new Driver() {
        @Override
        public void setFlags(CUdevice device, int flags) {
            JCudaDriver.cuDevicePrimaryCtxSetFlags(device, flags);
        }

        @Override
        public void retain(CUcontext context, CUdevice device) {
            JCudaDriver.cuDevicePrimaryCtxRetain(context, device);
        }
    };

    static final int FLAGS = CUctx_flags.CU_CTX_SCHED_BLOCKING_SYNC;

    private final Driver driver;
    private final CUdevice device;
    private CUcontext context;

    PrimaryContext(Driver driver, CUdevice device) {
        this.driver = driver;
        this.device = device;
    }

    /** The retained context; retains it on first use (a failure is thrown and retried next time). */
    synchronized CUcontext get() {
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

    /** Whether {@link #get} has succeeded. */
    synchronized boolean retained() {
        return context != null;
    }
}
