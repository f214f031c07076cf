package org.jmixed.gpu;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jmixed.JmixedException;
import org.jmixed.spi.PlsProblem;
import org.jmixed.spi.TermStructure;

/**
 * The device memory one {@link CudaPlsEvaluator} allocates, array by array, computed from the
 * problem's shape before anything is allocated, so that {@code open()} fails early with the size
 * needed against the size available instead of part-way through the uploads.
 */
public final class DeviceMemoryPlan {
    /** Kept free for the context, the module and the driver's own allocations. */
    public static final long RESERVE_BYTES = 256L << 20;

    private final Map<String, Long> parts = new LinkedHashMap<>();
    private final int denseOrder;

    private DeviceMemoryPlan(int denseOrder) {
        this.denseOrder = denseOrder;
    }

    /** The order of the dense block on the device (later terms plus the p + 1 rows of [X y]). */
    public static long denseOrder(PlsProblem problem) {
        long q2 = 0;
        for (int k = 1; k < problem.terms().size(); k++) {
            TermStructure t = problem.terms().get(k);
            q2 += t.q();
        }
        return q2 + problem.p() + 1;
    }

    /** Bytes of the dense block alone: a lower bound known before packing the problem. */
    public static long denseBytes(PlsProblem problem) {
        long n = denseOrder(problem);
        return 8L * n * n;
    }

    public static DeviceMemoryPlan of(PackedProblem pp) {
        DeviceMemoryPlan plan = new DeviceMemoryPlan(pp.n);
        long nScalar = pp.scalarRow.length;
        plan.parts.put("dense block", 8L * pp.n * pp.n);
        plan.parts.put("term 0 blocks and factor", 2L * 8 * pp.a0.length + 8L * pp.levels0);
        plan.parts.put("scaled LR0/LX0", 8L * pp.lrLength);
        plan.parts.put("LR0/LX0 sources", 8L * pp.entrySourceValues.length);
        plan.parts.put("entry indices", (long) pp.nEntries * (4 + 4 + 4 + 8 + 8));
        plan.parts.put("Schur update indices", 8L * (pp.levels0 + 1) + nScalar * (4 + 8 + 4) + pp.schurRows.bytes());
        plan.parts.put("fill blocks", (long) pp.nFill * (6 * 4 + 8 + 1) + 8L * pp.fillSourceValues.length);
        plan.parts.put("templates and results", 8L * pp.templates.length + 8 * 4 + 4);
        plan.parts.put("solve: u, beta, conditional variances", CudaSolveSteps.solveBytes(pp));
        plan.parts.put("solve: entry rows, level table, inversion panel", CudaSolveSteps.solveIndexBytes(pp));
        return plan;
    }

    /** Bytes by array, in allocation order. */
    public Map<String, Long> parts() {
        return Map.copyOf(parts);
    }

    /** Bytes the evaluator allocates. */
    public long totalBytes() {
        long t = 0;
        for (long v : parts.values()) {
            t += v;
        }
        return t;
    }

    /** Throws a one-line {@link JmixedException} when the allocation plus the reserve exceeds {@code freeBytes}. */
    public void check(long freeBytes, String deviceName) {
        long need = totalBytes() + RESERVE_BYTES;
        if (need > freeBytes) {
            throw new JmixedException(String.format(
                    "backend 'cuda': this problem needs %s of device memory (dense block of order %d: %s) but %s has %s free",
                    gib(need), denseOrder, gib(parts.get("dense block")), deviceName, gib(freeBytes)));
        }
    }

    static String gib(long bytes) {
        return String.format("%.2f GiB", bytes / (double) (1L << 30));
    }
}
