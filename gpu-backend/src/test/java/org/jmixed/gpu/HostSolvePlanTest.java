package org.jmixed.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.jmixed.JmixedException;
import org.jmixed.spi.PlsProblem;
import org.junit.jupiter.api.Test;

/** The early refusal of problems whose host-side solve cannot be done: sizes only, no device. */
class HostSolvePlanTest {
    private static final long GIB = 1L << 30;

    @Test
    void movieLensTrailingBlockIsRefusedForTheArrayLimitNamingTheOrder() {
        Optional<String> why = HostSolvePlan.refusal(84_432, 1024 * GIB);
        assertTrue(why.isPresent());
        String m = why.get();
        assertTrue(m.startsWith("backend 'cuda': the final solve runs on the host and needs the dense trailing block"
                + " of order 84432 (7128762624 doubles, 53.11 GiB) in one Java array"), m);
        assertFalse(m.contains("\n"), m);
    }

    @Test
    void theArrayLimitLiesBetween46340And46341() {
        assertEquals(Optional.empty(), HostSolvePlan.refusal(46_340, 1024 * GIB));
        assertTrue(HostSolvePlan.refusal(46_341, 1024 * GIB).orElseThrow().contains("order 46341"));
    }

    @Test
    void aBlockLargerThanTheHeapIsRefusedWithBothSizes() {
        // order 20,000: 2.98 GiB
        assertEquals(Optional.empty(), HostSolvePlan.refusal(20_000, 4 * GIB));
        String m = HostSolvePlan.refusal(20_000, 2 * GIB).orElseThrow();
        assertEquals("backend 'cuda': the final solve runs on the host and needs the dense trailing block of order"
                + " 20000 (2.98 GiB) in the Java heap, which has at most 2.00 GiB (raise -Xmx)", m);
    }

    @Test
    void smallProblemsPassAndCheckThrowsAJmixedException() {
        PlsProblem pr = RandomProblems.crossed(3, 300, 2, new int[][] {{40, 1}, {9, 2}});
        long q2 = DeviceMemoryPlan.denseOrder(pr) - pr.p() - 1;
        assertEquals(new PackedProblem(pr).q2, q2);
        HostSolvePlan.check(q2);
        JmixedException e = assertThrows(JmixedException.class, () -> HostSolvePlan.check(100_000));
        assertTrue(e.getMessage().contains("order 100000"), e.getMessage());
    }
}
