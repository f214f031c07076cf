package org.jmixed.gpu;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.jmixed.JmixedException;
import org.junit.jupiter.api.Test;

/** GpuCheck (the measurements of tools/gpu-check.sh) where there is no device: a one-line reason. */
class GpuCheckTest {

    @Test
    void everyDeviceCommandFailsWithTheReasonWithoutADevice() {
        assumeTrue(new CudaBackend().unavailableReason().isPresent(), "a CUDA device is present");
        for (String[] args : new String[][] {{"probe"}, {"dense", "64"}, {"dense", "64", "--cusolver"}}) {
            JmixedException e = assertThrows(JmixedException.class, () -> GpuCheck.run(args));
            assertTrue(e.getMessage().startsWith("no CUDA device found: ") || e.getMessage().startsWith("no CUDA kernels"),
                    e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void usageErrors() {
        assertThrows(IllegalArgumentException.class, () -> GpuCheck.run(new String[0]));
        assertThrows(IllegalArgumentException.class, () -> GpuCheck.run(new String[] {"nonsense"}));
    }
}
