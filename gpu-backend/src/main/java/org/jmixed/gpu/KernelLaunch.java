package org.jmixed.gpu;

import jcuda.CudaException;
import org.jmixed.JmixedException;

/**
 * Error checks around the driver calls of {@link CudaPlsEvaluator}, so that a failure names the
 * kernel at fault. A launch error (bad configuration, missing function) is thrown by the launch
 * itself; an asynchronous fault inside a kernel shows only at the next synchronize, so with
 * {@code -Djmixed.cuda.syncEachLaunch=true} (what {@code tools/gpu-check.sh} runs with) every launch
 * is followed by a synchronize and the fault is blamed on its kernel; without it the one
 * synchronize per evaluation reports the fault and says how to find the kernel.
 */
final class KernelLaunch {
    static final String SYNC_EACH_PROPERTY = "jmixed.cuda.syncEachLaunch";
    static final boolean SYNC_EACH = Boolean.getBoolean(SYNC_EACH_PROPERTY);

    private KernelLaunch() {
    }

    /** A driver call that may throw {@link CudaException}. */
    interface Call {
        void run();
    }

    /** Runs {@code launch}, then {@code sync} when not null; a CUDA error becomes a one-line message naming the kernel. */
    static void checked(String kernel, Call launch, Call sync) {
        try {
            launch.run();
        } catch (CudaException e) {
            throw new JmixedException("backend 'cuda': launching kernel " + kernel + " failed: " + firstLine(e), e);
        }
        if (sync != null) {
            try {
                sync.run();
            } catch (CudaException e) {
                throw new JmixedException("backend 'cuda': kernel " + kernel + " failed: " + firstLine(e), e);
            }
        }
    }

    /** The synchronize at the end of an evaluation. */
    static void synchronize(Call sync) {
        try {
            sync.run();
        } catch (CudaException e) {
            throw new JmixedException("backend 'cuda': a kernel of this evaluation failed: " + firstLine(e)
                    + (SYNC_EACH ? "" : " (run with -D" + SYNC_EACH_PROPERTY + "=true to name it)"), e);
        }
    }

    /** Runs a clean-up call, ignoring its failure (closing after a failed open or a sticky error). */
    static void quietly(Call call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // never made, or the context is already broken: nothing more to free
        }
    }

    private static String firstLine(RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.strip().split("\\R", 2)[0];
    }
}
