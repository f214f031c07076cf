package org.jmixed.cpu.dense;

import dev.ludovic.netlib.blas.NativeBLAS;
import dev.ludovic.netlib.lapack.NativeLAPACK;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jmixed.spi.NativeLoading;

/**
 * Chooses the {@link DenseKernels} implementation once per JVM.
 *
 * <p>System property {@code jmixed.dense}: {@code auto} (default) uses native BLAS/LAPACK when
 * dev.ludovic.netlib can load one, else {@link JavaDenseKernels}; {@code native} insists on native
 * (fails with one clear line if it cannot load); {@code java} forces the pure-Java kernels.
 * The choice is visible through {@link DenseKernels#name()}.
 */
public final class DenseKernelsProvider {

    /** System property selecting the implementation: java, native or auto. */
    public static final String PROPERTY = "jmixed.dense";

    private DenseKernelsProvider() {
    }

    private static volatile DenseKernels best;

    /**
     * The implementation for this JVM (chosen on first call, then cached).
     *
     * @throws IllegalStateException when {@code jmixed.dense=native} and no native library loads
     *     (thrown plainly on every call, not wrapped in a class-initialisation error)
     */
    public static DenseKernels best() {
        DenseKernels k = best;
        if (k == null) {
            synchronized (DenseKernelsProvider.class) {
                k = best;
                if (k == null) {
                    k = choose(System.getProperty(PROPERTY, "auto"));
                    best = k;
                }
            }
        }
        return k;
    }

    /** A fresh choice for the given mode ("java", "native" or "auto"); mainly for tests and tools. */
    public static DenseKernels choose(String mode) {
        String m = mode == null ? "auto" : mode.trim().toLowerCase(Locale.ROOT);
        switch (m) {
            case "java":
                return new JavaDenseKernels();
            case "native": {
                String why = nativeUnavailableReason();
                if (why != null) {
                    throw new IllegalStateException(PROPERTY + "=native but no native BLAS/LAPACK could be loaded: " + why);
                }
                return nativeKernels();
            }
            case "auto":
            case "":
                return nativeUnavailableReason() == null ? nativeKernels() : new JavaDenseKernels();
            default:
                throw new IllegalArgumentException(PROPERTY + " must be java, native or auto, not '" + mode + "'");
        }
    }

    /** Whether native BLAS/LAPACK can be loaded in this JVM. */
    public static boolean nativeAvailable() {
        return nativeUnavailableReason() == null;
    }

    private static volatile String probeResult;

    /** The classes that netlib's JNI libraries look up in {@code JNI_OnLoad} (read off the libraries). */
    private static final String[] NETLIB_JNI_ONLOAD_CLASSES = {
        "org.netlib.util.booleanW", "org.netlib.util.intW", "org.netlib.util.floatW",
        "org.netlib.util.doubleW", "org.netlib.util.StringW"};

    /**
     * Null when both native instances load, else why not (one line). Probed once; netlib's own
     * java.util.logging chatter about failed attempts is muted during the probe, since falling
     * back to Java is an expected outcome, reported through {@link DenseKernels#name()}.
     */
    public static synchronized String nativeUnavailableReason() {
        if (probeResult == null) {
            Logger netlibLog = Logger.getLogger("dev.ludovic.netlib"); // strong ref while muted
            Level saved = netlibLog.getLevel();
            netlibLog.setLevel(Level.OFF);
            try {
                // Their JNI_OnLoad looks these up while holding the JVM's native-library lock.
                NativeLoading.prepareFor(DenseKernelsProvider.class.getClassLoader(), NETLIB_JNI_ONLOAD_CLASSES);
                NativeBLAS.getInstance();
                NativeLAPACK.getInstance();
                probeResult = "";
            } catch (Throwable t) {
                String msg = t.getMessage();
                probeResult = t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg)
                        + " (install libopenblas0-pthread, or set -D" + PROPERTY + "=java)";
            } finally {
                netlibLog.setLevel(saved);
            }
        }
        return probeResult.isEmpty() ? null : probeResult;
    }

    private static DenseKernels nativeKernels() {
        return new NetlibDenseKernels(NativeBLAS.getInstance(), NativeLAPACK.getInstance(),
                "native BLAS/LAPACK (dev.ludovic.netlib JNI, " + describeNativeLibrary() + ")");
    }

    /**
     * Which library actually answers the BLAS calls: libblas.so.3 is usually a Debian alternative
     * pointing at OpenBLAS, BLIS, MKL or the reference BLAS. Read off this process's memory map
     * (Linux only; elsewhere just the requested soname).
     */
    static String describeNativeLibrary() {
        String soname = System.getProperty("dev.ludovic.netlib.blas.nativeLib", "libblas.so.3");
        List<String> maps;
        try {
            maps = Files.readAllLines(Path.of("/proc/self/maps"));
        } catch (IOException | RuntimeException e) {
            return soname;
        }
        String[][] known = {
            {"libopenblas", "OpenBLAS"}, {"libmkl", "Intel MKL"}, {"libblis", "BLIS"},
            {"libatlas", "ATLAS"}, {"libflexiblas", "FlexiBLAS"}};
        for (String[] k : known) {
            for (String line : maps) {
                int slash = line.lastIndexOf('/');
                if (slash >= 0 && line.startsWith(k[0], slash + 1)) {
                    return soname + " → " + k[1] + " (" + line.substring(slash + 1).trim() + ")";
                }
            }
        }
        for (String line : maps) {
            if (line.contains("/blas/libblas.so")) {
                return soname + " → reference BLAS";
            }
        }
        return soname;
    }
}
