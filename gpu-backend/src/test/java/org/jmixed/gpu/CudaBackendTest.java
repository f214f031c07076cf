package org.jmixed.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.jmixed.JmixedException;
import org.jmixed.spi.Backends;
import org.jmixed.spi.PlsBackend;
import org.jmixed.spi.PlsProblem;
import org.junit.jupiter.api.Test;

/** What holds on every machine: discovery, a clean "unavailable", the kernels in the jar. */
class CudaBackendTest {

    private static PlsBackend cuda() {
        return Backends.all().stream().filter(b -> b.name().equals("cuda")).findFirst().orElseThrow();
    }

    @Test
    void isFoundThroughServiceLoader() {
        assertTrue(cuda() instanceof CudaBackend);
        assertNotNull(cuda().description());
    }

    @Test
    void reportsUnavailableCleanlyWithoutADevice() {
        Optional<String> why = cuda().unavailableReason();
        assumeTrue(why.isPresent(), "a CUDA device is present: nothing to check here");
        assertTrue(why.get().startsWith("no CUDA device found: ") || why.get().startsWith("no CUDA kernels"), why.get());
        assertFalse(why.get().contains("\n"), why.get());
        PlsProblem pr = RandomProblems.crossed(1, 100, 2, new int[][] {{10, 1}, {5, 1}});
        JmixedException e = assertThrows(JmixedException.class, () -> Backends.choose("cuda", pr));
        assertEquals("backend 'cuda' is not available here: " + why.get(), e.getMessage());
        assertEquals("java", Backends.choose("auto", pr).backend().name());
        assertEquals(Optional.empty(), cuda().estimatedSecondsPerEvaluation(pr));
        // Asking twice gives the same answer and the JVM is still here.
        assertEquals(why, cuda().unavailableReason());
    }

    @Test
    void kernelImagesArePackaged() throws IOException {
        assumeFalse(Boolean.getBoolean("jmixed.nvcc.skip"), "built with -Djmixed.nvcc.skip: no kernels packaged");
        assertTrue(KernelImage.present());
        String ptx;
        try (InputStream in = CudaBackendTest.class.getResourceAsStream(KernelImage.PTX)) {
            ptx = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        for (String kernel : new String[] {"factor_first_term", "scale_entries", "zero_dense", "fill_dense",
                "schur_update", "potrf_tile", "trsm_panel", "syrk_update", "summarize", "fill_test_spd", "xy_rhs",
                "trsv_lt_update", "trsv_lt_tile", "first_term_u", "trtri_tile", "trtri_panel_left",
                "trtri_panel_right", "trailing_condvar", "first_term_inverse", "first_term_condvar", "last_pivot"}) {
            assertTrue(ptx.contains(".entry " + kernel + "("), "PTX has kernel " + kernel);
        }
        assertTrue(ptx.contains("\n.version 8.0\n"), "PTX fallback stamped ISA 8.0 (CUDA 12 drivers can JIT it)");
        assertTrue(!ptx.contains("atom.global.add.f64"), "no FP64 atomics left in the kernels");
        byte[] fat = KernelImage.load(KernelImage.FATBIN);
        assertTrue(fat.length > 1000);
        byte[] p = KernelImage.load(KernelImage.PTX);
        assertEquals(0, p[p.length - 1], "PTX handed to cuModuleLoadData ends with a zero byte");
    }
}
