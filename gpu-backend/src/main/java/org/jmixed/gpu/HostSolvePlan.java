package org.jmixed.gpu;

import java.util.Optional;

import org.jmixed.JmixedException;

/**
 * Whether {@link CudaPlsEvaluator#solve} can be done at all: it refactors at the last θ on the host
 * with the pure-Java blocked evaluator, which holds the dense trailing block (order q2, the later
 * terms' columns) as one {@code double[q2 * q2]}. Decided from the sizes in {@code open()}, before
 * the optimization, so that a fit that cannot finish is refused at once instead of failing after
 * its last evaluation.
 */
final class HostSolvePlan {
    /** The largest Java array HotSpot allocates (a few header words below Integer.MAX_VALUE). */
    static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8L;

    private HostSolvePlan() {
    }

    /** Bytes of the host copy of the dense trailing block of order {@code q2}. */
    static long denseBytes(long q2) {
        return 8L * q2 * q2;
    }

    /**
     * Why the host-side solve cannot be done for a trailing block of order {@code q2} in a heap of
     * at most {@code maxHeapBytes}, or empty when it can.
     */
    static Optional<String> refusal(long q2, long maxHeapBytes) {
        long length = q2 * q2;
        if (length > MAX_ARRAY_LENGTH) {
            return Optional.of(String.format("backend 'cuda': the final solve runs on the host and needs the dense"
                    + " trailing block of order %d (%d doubles, %s) in one Java array, above the limit of %d"
                    + " (order 46,340); the device-side solve is not written yet: use --backend java or a model"
                    + " whose later terms have at most 46,340 columns",
                    q2, length, DeviceMemoryPlan.gib(denseBytes(q2)), MAX_ARRAY_LENGTH));
        }
        if (denseBytes(q2) > maxHeapBytes) {
            return Optional.of(String.format("backend 'cuda': the final solve runs on the host and needs the dense"
                    + " trailing block of order %d (%s) in the Java heap, which has at most %s (raise -Xmx)",
                    q2, DeviceMemoryPlan.gib(denseBytes(q2)), DeviceMemoryPlan.gib(maxHeapBytes)));
        }
        return Optional.empty();
    }

    /** Throws the {@link #refusal} as a one-line {@link JmixedException}. */
    static void check(long q2) {
        refusal(q2, Runtime.getRuntime().maxMemory()).ifPresent(why -> {
            throw new JmixedException(why);
        });
    }
}
