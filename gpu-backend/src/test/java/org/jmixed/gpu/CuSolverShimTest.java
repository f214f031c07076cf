package org.jmixed.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jcuda.driver.CUdeviceptr;
import org.jmixed.JmixedException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shim's marshalling, without a GPU: a FAKE cuSOLVER and cuBLAS (same exported names, each call
 * logged with its arguments; {@code fake_cudalibs.c}, compiled here by gcc) stand in for the
 * libraries, so argument order, orders and leading dimensions, fill/side/transpose enums, the
 * workspace and the error mapping are checked as the real libraries would receive them.
 */
class CuSolverShimTest {
    private static final long A = 0x7f0000001000L;
    private static final long INFO = 0x7f0000900000L;
    private static final long LD = 84_435;

    @TempDir
    static Path dir;
    private static Path log;
    private static String solver;
    private static String solverWithoutTrtri;
    private static String blas;

    /** The evaluator's side, recorded: allocations at fixed addresses, the last-pivot kernel, one int read back. */
    private static final class FakeDevice implements CuSolverDense.Device {
        final List<String> calls = new ArrayList<>();
        long next = 0x7f0000a00000L;
        int info;

        @Override
        public long alloc(long bytes) {
            calls.add("alloc " + bytes + " at 0x" + Long.toHexString(next));
            long a = next;
            next += 0x100000;
            return a;
        }

        @Override
        public void lastPivot(long a, long ld, int n) {
            calls.add("last_pivot A=0x" + Long.toHexString(a) + " ld=" + ld + " n=" + n);
        }

        @Override
        public int readInt(long address) {
            calls.add("readInt 0x" + Long.toHexString(address));
            return info;
        }
    }

    private static void compile(String source, Path out, String... defines) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-Wall", "-Werror",
                "-DFAKE_LOG=\"" + log + "\""));
        cmd.addAll(List.of(defines));
        cmd.addAll(List.of("-o", out.toString(), source));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "gcc: " + output);
    }

    @BeforeAll
    static void buildTheFakeLibraries() throws Exception {
        assumeFalse(Boolean.getBoolean("jmixed.shim.skip"), "built with -Djmixed.shim.skip: no shim");
        assumeTrue(new ProcessBuilder("gcc", "--version").start().waitFor() == 0, "no gcc here");
        log = dir.resolve("calls.log");
        Path src = dir.resolve("fake_cudalibs.c");
        try (InputStream in = CuSolverShimTest.class.getResourceAsStream("fake_cudalibs.c")) {
            Files.copy(in, src);
        }
        solver = dir.resolve("libfakecusolver.so.12").toString();
        solverWithoutTrtri = dir.resolve("libfakeoldcusolver.so.11").toString();
        blas = dir.resolve("libfakecublas.so.13").toString();
        compile(src.toString(), Path.of(solver), "-DWITH_TRTRI");
        compile(src.toString(), Path.of(solverWithoutTrtri));
        compile(src.toString(), Path.of(blas));
    }

    @BeforeEach
    void loadTheFakes() throws IOException {
        assertNull(CuSolverShim.loadFrom(solver, blas));
        Files.deleteIfExists(log);
    }

    private static List<String> calls() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private static String hex(long a) {
        return "0x" + Long.toHexString(a);
    }

    @Test
    void openingCreatesTheHandlesOnTheDefaultStreamAndSizesOneWorkspace() throws IOException {
        FakeDevice dev = new FakeDevice();
        try (CuSolverDense d = new CuSolverDense(dev, A, LD, 84_435, 84_432)) {
            assertEquals(4096, d.workspaceBytes(), "the larger of potrf's 1024 and trtri's 4096 bytes");
        }
        assertEquals(List.of(
                "cusolverDnCreate",
                "cusolverDnCreateParams",
                "cublasCreate_v2",
                "cusolverDnSetStream stream=(nil)",
                "cublasSetStream_v2 0x300 stream=(nil)",
                // order n - 1: the y row is solved by trsm and its pivot by our kernel
                "cusolverDnXpotrf_bufferSize params=0x200 uplo=0 n=84434 typeA=1 A=" + hex(A) + " lda=84435 compute=1",
                "cusolverDnXtrtri_bufferSize uplo=0 diag=0 n=84432 typeA=1 A=" + hex(A) + " lda=84435",
                "cublasDestroy_v2 0x300",
                "cusolverDnDestroyParams 0x200"), calls().subList(0, 9));
        assertTrue(calls().get(9).startsWith("cusolverDnDestroy 0x"), calls().get(9));
        assertEquals(List.of("alloc 4096 at 0x7f0000a00000", "alloc 8 at 0x7f0000b00000"), dev.calls);
    }

    @Test
    void choleskyIsPotrfOfTheLeadingBlockThenTrsmOfTheLastRowThenOurLastPivot() throws IOException {
        FakeDevice dev = new FakeDevice();
        try (CuSolverDense d = new CuSolverDense(dev, A, LD, 84_435, 84_432)) {
            Files.deleteIfExists(log);
            d.choleskyAt(A, LD, 84_435, INFO);
        }
        List<String> c = calls();
        assertEquals("cusolverDnXpotrf params=0x200 uplo=0 n=84434 typeA=1 A=" + hex(A) + " lda=84435 compute=1"
                + " work=0x7f0000a00000 bytes=4096 host=0 info=" + hex(INFO), c.get(0));
        // B = the last row: A + 8 (n - 1) bytes, leading dimension ld; side right, lower, transposed, non-unit
        assertEquals("cublasDtrsm_v2_64 0x300 side=1 uplo=0 trans=1 diag=0 m=1 n=84434 alpha=1 A=" + hex(A)
                + " lda=84435 B=" + hex(A + 8L * 84_434) + " ldb=84435", c.get(1));
        assertEquals("last_pivot A=" + hex(A) + " ld=84435 n=84435", dev.calls.get(2));
    }

    @Test
    void inversionIsTrtriInPlaceWithItsOwnInfoReadBack() throws IOException {
        FakeDevice dev = new FakeDevice();
        try (CuSolverDense d = new CuSolverDense(dev, A, LD, 84_435, 84_432)) {
            Files.deleteIfExists(log);
            d.invertAt(A, LD, 84_432);
            assertEquals("cusolverDnXtrtri uplo=0 diag=0 n=84432 typeA=1 A=" + hex(A) + " lda=84435"
                    + " work=0x7f0000a00000 bytes=4096 host=16 hostWork=yes info=0x7f0000b00000", calls().get(0));
            assertEquals("readInt 0x7f0000b00000", dev.calls.get(2));
            dev.info = 17;
            JmixedException e = assertThrows(JmixedException.class, () -> d.invertAt(A, LD, 84_432));
            assertEquals("backend 'cuda': cusolverDnXtrtri: the trailing factor is singular at pivot 17", e.getMessage());
        }
    }

    @Test
    void libraryErrorsBecomeOneLineNamingTheCallAndTheStatus() {
        FakeDevice dev = new FakeDevice();
        try (CuSolverDense d = new CuSolverDense(dev, A, 100, 100, 97)) {
            JmixedException potrf = assertThrows(JmixedException.class, () -> d.choleskyAt(A, 100, 100, INFO));
            assertEquals("backend 'cuda': cusolverDnXpotrf failed: CUSOLVER_STATUS_INTERNAL_ERROR (7)", potrf.getMessage());
            JmixedException trsm = assertThrows(JmixedException.class, () -> d.choleskyAt(A, 100, 50, INFO));
            assertEquals("backend 'cuda': cublasDtrsm_v2_64 failed: CUBLAS_STATUS_EXECUTION_FAILED (13)", trsm.getMessage());
        }
        assertEquals("CUSOLVER_STATUS_INVALID_VALUE", CuSolverShim.cusolverStatus(3));
        assertEquals("CUBLAS_STATUS_INVALID_VALUE", CuSolverShim.cublasStatus(7));
    }

    @Test
    void missingLibrariesOrFunctionsAreOneLineReasons() {
        String none = CuSolverShim.loadFrom("/nonexistent/libcusolver.so.12", blas);
        assertTrue(none.startsWith("cannot load /nonexistent/libcusolver.so.12: "), none);
        assertFalse(none.contains("\n"), none);
        assertEquals(solverWithoutTrtri + " has no cusolverDnXtrtri_bufferSize (not CUDA 12 or newer?)",
                CuSolverShim.loadFrom(solverWithoutTrtri, blas));
        String noBlas = CuSolverShim.loadFrom(solver, "/nonexistent/libcublas.so.13");
        assertTrue(noBlas.startsWith("cannot load /nonexistent/libcublas.so.13: "), noBlas);
    }

    @Test
    void withoutTheRealLibrariesTheBackendSaysItUsesItsOwnKernels() {
        assumeTrue(CuSolverShim.loadFrom(CuSolverShim.CUSOLVER, CuSolverShim.CUBLAS) != null,
                "cuSOLVER is installed here");
        String why = CuSolverShim.unavailableReason().orElseThrow();
        assertTrue(why.startsWith("cuSOLVER not used: cannot load libcusolver.so.12: "), why);
        assertFalse(why.contains("\n"), why);
    }

    @Test
    void aJCudaPointerGivesItsAddressPlusOffset() {
        assertEquals(0x1000, DeviceAddress.of(new CUdeviceptr().withByteOffset(0x1000)));
        assertEquals(0, DeviceAddress.of(new CUdeviceptr()));
    }
}
