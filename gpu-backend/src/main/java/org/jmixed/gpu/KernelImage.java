package org.jmixed.gpu;

import java.io.IOException;
import java.io.InputStream;

import org.jmixed.JmixedException;

/**
 * The compiled kernels, packaged as class-path resources by the build (nvcc, see
 * {@code src/main/cuda/build-kernels.sh}): a fat binary with SASS for sm_80 and sm_90 and PTX
 * that the driver compiles for newer GPUs, and the PTX alone.
 */
final class KernelImage {
    static final String FATBIN = "/org/jmixed/gpu/kernels/pls.fatbin";
    static final String PTX = "/org/jmixed/gpu/kernels/pls.ptx";

    private KernelImage() {
    }

    /** Whether the build packaged the kernels (it does not with -Djmixed.nvcc.skip). */
    static boolean present() {
        return KernelImage.class.getResource(FATBIN) != null && KernelImage.class.getResource(PTX) != null;
    }

    /** The resource's bytes; a PTX text gets the terminating zero cuModuleLoadData expects. */
    static byte[] load(String resource) {
        try (InputStream in = KernelImage.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new JmixedException("backend 'cuda': kernel image " + resource
                        + " is not in the jar (built with -Djmixed.nvcc.skip?); rebuild gpu-backend with nvcc on the PATH");
            }
            byte[] b = in.readAllBytes();
            if (resource.endsWith(".ptx")) {
                b = java.util.Arrays.copyOf(b, b.length + 1);
            }
            return b;
        } catch (IOException e) {
            throw new JmixedException("backend 'cuda': cannot read " + resource + ": " + e.getMessage(), e);
        }
    }
}
