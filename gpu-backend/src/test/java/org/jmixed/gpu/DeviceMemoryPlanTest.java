package org.jmixed.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jmixed.JmixedException;
import org.jmixed.spi.PlsProblem;
import org.junit.jupiter.api.Test;

class DeviceMemoryPlanTest {

    @Test
    void countsEveryArrayTheEvaluatorAllocates() {
        PlsProblem pr = RandomProblems.crossed(1, 500, 3, new int[][] {{50, 2}, {20, 1}, {4, 2}});
        PackedProblem pp = new PackedProblem(pr);
        // q2 = 20 + 8 = 28, n = 28 + 4 = 32
        assertEquals(32, pp.n);
        assertEquals(32, DeviceMemoryPlan.denseOrder(pr));
        assertEquals(8L * 32 * 32, DeviceMemoryPlan.denseBytes(pr));
        DeviceMemoryPlan plan = DeviceMemoryPlan.of(pp);
        assertEquals(8L * 32 * 32, plan.parts().get("dense block"));
        assertEquals(2L * 8 * 50 * 4 + 8 * 50, plan.parts().get("term 0 blocks and factor"));
        assertEquals(8L * pp.lrLength, plan.parts().get("scaled LR0/LX0"));
        // The solve's arrays: û (q0 + q2 = 100 + 28), β (3), term 0's and the later terms' variance
        // blocks (50·4 and 20·1 + 4·4); entry pointers and rows, the level table (24 levels), the
        // inversion panel (q2 × 64). No dense block on the host: the solve is on the device.
        assertEquals(8L * (100 + 28) + 8 * 3 + 8L * 50 * 4 + 8L * (20 + 16),
                plan.parts().get("solve: u, beta, conditional variances"));
        assertEquals(4L * 51 + 4L * pp.nEntries + 16L * 24 + 8L * 28 * 64,
                plan.parts().get("solve: entry rows, level table, inversion panel"));
        long sum = plan.parts().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(sum, plan.totalBytes());
        // Entries: every level of term 0 has its [X y] block of 4 × 2, plus LR0 blocks.
        assertTrue(pp.lrLength >= 50L * 4 * 2);
    }

    @Test
    void largeCrossedDesignNeedsItsDenseBlockAndSaysSo() {
        PlsProblem pr = RandomProblems.crossed(2, 400, 2, new int[][] {{200, 1}, {300, 1}});
        DeviceMemoryPlan plan = DeviceMemoryPlan.of(new PackedProblem(pr));
        long need = plan.totalBytes() + DeviceMemoryPlan.RESERVE_BYTES;
        plan.check(need, "test GPU");
        JmixedException e = assertThrows(JmixedException.class, () -> plan.check(need - 1, "test GPU"));
        assertTrue(e.getMessage().startsWith("backend 'cuda': this problem needs 0.25 GiB of device memory"
                + " (dense block of order 303: 0.00 GiB) but test GPU has 0.25 GiB free"), e.getMessage());
    }

    @Test
    void movieLensSizedTrailingBlock() {
        // 84,432 items + 3 rows of [X y]: the 53 GiB the guide mentions.
        long n = 84_432 + 3;
        assertEquals(53.1, 8.0 * n * n / (1L << 30), 0.1);
    }
}
