package org.jmixed.cholmod;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.annotation.ByPtrPtr;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.MemberGetter;
import org.bytedeco.javacpp.annotation.Name;
import org.bytedeco.javacpp.annotation.Platform;

/**
 * The part of SuiteSparse CHOLMOD (3.x, {@code SuiteSparse_long} indices: the {@code cholmod_l_*}
 * API) that jmixed uses, declared by hand for JavaCPP. The Maven build compiles the JNI library from
 * this class against the system's {@code cholmod.h} (Debian: {@code libsuitesparse-dev}) and links
 * {@code libcholmod}; {@code jmixed_cholmod.h} adds a few helpers that read CHOLMOD objects in C.
 * Load it through {@link CholmodRuntime}, which checks that the library's layout is the one this
 * class expects.
 */
@Platform(value = "linux-x86_64", cinclude = {"cholmod.h", "jmixed_cholmod.h"}, link = "cholmod@.3")
public final class CholmodLibrary {
    private CholmodLibrary() {
    }

    /** Loads the JNI library (and libcholmod); throws UnsatisfiedLinkError when it cannot. */
    static void load() {
        Loader.load();
    }

    public static final int CHOLMOD_OK = 0;
    public static final int CHOLMOD_NOT_POSDEF = 1;
    public static final int CHOLMOD_REAL = 1;
    public static final int CHOLMOD_LONG = 2;
    /** Solve systems of cholmod_solve. */
    public static final int CHOLMOD_A = 0;
    public static final int CHOLMOD_L = 4;
    public static final int CHOLMOD_Lt = 5;
    public static final int CHOLMOD_P = 7;
    public static final int CHOLMOD_Pt = 8;
    /** Orderings (Common-&gt;method[].ordering). */
    public static final int CHOLMOD_NATURAL = 0;
    public static final int CHOLMOD_GIVEN = 1;
    public static final int CHOLMOD_AMD = 2;
    public static final int CHOLMOD_METIS = 3;
    public static final int CHOLMOD_NESDIS = 4;
    public static final int CHOLMOD_COLAMD = 5;
    public static final int CHOLMOD_POSTORDERED = 6;

    /** CHOLMOD's workspace and parameters; allocated zeroed here, set up by cholmod_l_start. */
    @Name("cholmod_common")
    public static final class cholmod_common extends Pointer {
        static {
            Loader.load();
        }

        public cholmod_common() {
            super((Pointer) null);
            allocate();
        }

        private native void allocate();

        public native int final_ll();
        public native cholmod_common final_ll(int setter);
        public native int supernodal();
        public native cholmod_common supernodal(int setter);
        public native int print();
        public native cholmod_common print(int setter);
        @MemberGetter public native int nmethods();
        @MemberGetter public native int selected();
        @MemberGetter public native int status();
        @MemberGetter public native double fl();
        @MemberGetter public native double lnz();
        @MemberGetter public native double anz();
    }

    /** A compressed-column sparse matrix; p, i, x are SuiteSparse_long*, SuiteSparse_long*, double*. */
    @Name("cholmod_sparse")
    public static final class cholmod_sparse extends Pointer {
        static {
            Loader.load();
        }

        public cholmod_sparse() {
            super((Pointer) null);
        }

        @MemberGetter public native @Cast("size_t") long nrow();
        @MemberGetter public native @Cast("size_t") long ncol();
        @MemberGetter public native @Cast("size_t") long nzmax();
        @MemberGetter public native @Cast("SuiteSparse_long*") LongPointer p();
        @MemberGetter public native @Cast("SuiteSparse_long*") LongPointer i();
        @MemberGetter public native @Cast("double*") DoublePointer x();
    }

    /** A Cholesky factor, simplicial or supernodal; its arrays are void* in C. */
    @Name("cholmod_factor")
    public static final class cholmod_factor extends Pointer {
        static {
            Loader.load();
        }

        public cholmod_factor() {
            super((Pointer) null);
        }

        @MemberGetter public native @Cast("size_t") long n();
        @MemberGetter public native @Cast("size_t") long minor();
        @MemberGetter public native @Cast("SuiteSparse_long*") LongPointer Perm();
        @MemberGetter public native @Cast("SuiteSparse_long*") LongPointer p();
        @MemberGetter public native @Cast("SuiteSparse_long*") LongPointer i();
        @MemberGetter public native @Cast("double*") DoublePointer x();
        @MemberGetter public native int ordering();
        @MemberGetter public native int is_ll();
        @MemberGetter public native int is_super();
        @MemberGetter public native int is_monotonic();
        @MemberGetter public native int xtype();
        @MemberGetter public native @Cast("size_t") long nsuper();
        @MemberGetter public native @Cast("size_t") long xsize();
    }

    /** A dense column-major matrix; x is double*. */
    @Name("cholmod_dense")
    public static final class cholmod_dense extends Pointer {
        static {
            Loader.load();
        }

        public cholmod_dense() {
            super((Pointer) null);
        }

        @MemberGetter public native @Cast("size_t") long nrow();
        @MemberGetter public native @Cast("size_t") long ncol();
        @MemberGetter public native @Cast("size_t") long d();
        @MemberGetter public native @Cast("double*") DoublePointer x();
    }

    // Core.
    public static native int cholmod_l_start(cholmod_common c);
    public static native int cholmod_l_finish(cholmod_common c);
    public static native int cholmod_l_version(IntPointer version);

    public static native cholmod_sparse cholmod_l_allocate_sparse(@Cast("size_t") long nrow, @Cast("size_t") long ncol,
            @Cast("size_t") long nzmax, int sorted, int packed, int stype, int xtype, cholmod_common c);
    public static native int cholmod_l_free_sparse(@ByPtrPtr cholmod_sparse a, cholmod_common c);

    public static native cholmod_dense cholmod_l_allocate_dense(@Cast("size_t") long nrow, @Cast("size_t") long ncol,
            @Cast("size_t") long d, int xtype, cholmod_common c);
    public static native int cholmod_l_free_dense(@ByPtrPtr cholmod_dense x, cholmod_common c);

    public static native int cholmod_l_free_factor(@ByPtrPtr cholmod_factor l, cholmod_common c);
    public static native cholmod_factor cholmod_l_copy_factor(cholmod_factor l, cholmod_common c);
    public static native int cholmod_l_change_factor(int toXtype, int toLl, int toSuper, int toPacked,
            int toMonotonic, cholmod_factor l, cholmod_common c);

    // Cholesky.
    public static native cholmod_factor cholmod_l_analyze(cholmod_sparse a, cholmod_common c);
    public static native int cholmod_l_factorize_p(cholmod_sparse a, DoublePointer beta,
            @Cast("SuiteSparse_long*") LongPointer fset, @Cast("size_t") long fsize, cholmod_factor l,
            cholmod_common c);
    public static native cholmod_dense cholmod_l_solve(int sys, cholmod_factor l, cholmod_dense b, cholmod_common c);
    public static native int cholmod_l_solve2(int sys, cholmod_factor l, cholmod_dense b, cholmod_sparse bset,
            @ByPtrPtr cholmod_dense xHandle, @ByPtrPtr cholmod_sparse xsetHandle, @ByPtrPtr cholmod_dense yHandle,
            @ByPtrPtr cholmod_dense eHandle, cholmod_common c);

    // jmixed_cholmod.h.
    public static native int jmixed_compiled_main_version();
    public static native int jmixed_compiled_sub_version();
    public static native long jmixed_sizeof_common();
    public static native long jmixed_sizeof_sparse();
    public static native long jmixed_sizeof_factor();
    public static native long jmixed_sizeof_dense();
    public static native long jmixed_sizeof_long();
    public static native int jmixed_selected_ordering(cholmod_common c);
    public static native double jmixed_log_det(cholmod_factor l);
    public static native long jmixed_dense_values(cholmod_dense x);
}
