package org.jmixed.cholmod;

import java.util.Optional;

import org.bytedeco.javacpp.IntPointer;
import org.jmixed.spi.NativeLoading;

/**
 * Loads the CHOLMOD binding once and checks that it is usable: the JNI library and libcholmod load,
 * the library was compiled against the CHOLMOD 3 layout this code was written for (sizes of
 * {@code cholmod_common}, {@code cholmod_sparse}, {@code cholmod_factor}, {@code cholmod_dense} and
 * {@code SuiteSparse_long} on LP64 Linux), and the libcholmod found at run time has the version the
 * library was compiled against (CHOLMOD 4 and 5 change the layout of these structures). Any failure
 * is kept as one line for {@link CholmodBackend#unavailableReason()}.
 */
public final class CholmodRuntime {
    /** sizeof(cholmod_common) of CHOLMOD 3.0.x (SuiteSparse 5.x) on x86-64 Linux. */
    static final long EXPECTED_SIZEOF_COMMON = 2664;
    static final long EXPECTED_SIZEOF_SPARSE = 88;
    static final long EXPECTED_SIZEOF_FACTOR = 208;
    static final long EXPECTED_SIZEOF_DENSE = 56;
    static final long EXPECTED_SIZEOF_LONG = 8;
    static final int EXPECTED_MAIN_VERSION = 3;

    /** Set by {@link #check()}; declared first so that its initializer runs before the check. */
    private static String version = "unknown";
    private static final Optional<String> PROBLEM = check();

    private CholmodRuntime() {
    }

    /** Empty when CHOLMOD can be used here, else why not (one line). */
    public static Optional<String> unavailableReason() {
        return PROBLEM;
    }

    /** Throws IllegalStateException with the reason when CHOLMOD cannot be used. */
    public static void require() {
        if (PROBLEM.isPresent()) {
            throw new IllegalStateException("CHOLMOD backend unavailable: " + PROBLEM.get());
        }
    }

    /** Version of the libcholmod loaded, e.g. "3.0.14". */
    public static String version() {
        return version;
    }

    private static Optional<String> check() {
        try {
            // Other threads may be loading classes meanwhile (JDK 17 lock order, see NativeLoading).
            NativeLoading.prepare();
            CholmodLibrary.load();
        } catch (Throwable e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            Throwable cause = e.getCause();
            while (cause != null) {
                if (cause.getMessage() != null) {
                    msg = cause.getMessage();
                }
                cause = cause.getCause();
            }
            return Optional.of("cannot load the CHOLMOD JNI library (libcholmod.so.3 from SuiteSparse 5; Debian 12: "
                    + "apt-get install libsuitesparse-dev, or libcholmod3 at run time): " + msg.lines().findFirst().orElse(msg));
        }
        String sizes = mismatch("cholmod_common", CholmodLibrary.jmixed_sizeof_common(), EXPECTED_SIZEOF_COMMON)
                + mismatch("cholmod_sparse", CholmodLibrary.jmixed_sizeof_sparse(), EXPECTED_SIZEOF_SPARSE)
                + mismatch("cholmod_factor", CholmodLibrary.jmixed_sizeof_factor(), EXPECTED_SIZEOF_FACTOR)
                + mismatch("cholmod_dense", CholmodLibrary.jmixed_sizeof_dense(), EXPECTED_SIZEOF_DENSE)
                + mismatch("SuiteSparse_long", CholmodLibrary.jmixed_sizeof_long(), EXPECTED_SIZEOF_LONG);
        if (!sizes.isEmpty()) {
            return Optional.of("the JNI library was compiled against a CHOLMOD whose layout differs from CHOLMOD "
                    + EXPECTED_MAIN_VERSION + ".x's:" + sizes);
        }
        int compiledMain = CholmodLibrary.jmixed_compiled_main_version();
        int compiledSub = CholmodLibrary.jmixed_compiled_sub_version();
        int[] v = new int[3];
        try (IntPointer vp = new IntPointer(3)) {
            CholmodLibrary.cholmod_l_version(vp);
            vp.get(v);
        }
        version = v[0] + "." + v[1] + "." + v[2];
        if (v[0] != compiledMain || v[1] != compiledSub || compiledMain != EXPECTED_MAIN_VERSION) {
            return Optional.of("libcholmod " + version + " found at run time, but the JNI library was compiled "
                    + "against CHOLMOD " + compiledMain + "." + compiledSub + " and this code expects "
                    + EXPECTED_MAIN_VERSION + ".x; rebuild jmixed (mvn install) against the installed SuiteSparse");
        }
        return Optional.empty();
    }

    private static String mismatch(String what, long actual, long expected) {
        return actual == expected ? "" : " sizeof(" + what + ") = " + actual + ", expected " + expected + ";";
    }
}
