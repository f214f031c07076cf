/*
 * Small helpers for jmixed's CHOLMOD binding (CholmodLibrary.java), compiled into its JNI library.
 * Each reads a CHOLMOD object in C so that Java needs no knowledge of its layout and no per-call
 * copies of the factor.
 */
#ifndef JMIXED_CHOLMOD_H
#define JMIXED_CHOLMOD_H

#include <math.h>
#include <stdint.h>
#include "cholmod.h"

/* The layout this library was compiled against, checked by Java at load time. */
static inline int jmixed_compiled_main_version(void) { return CHOLMOD_MAIN_VERSION; }
static inline int jmixed_compiled_sub_version(void) { return CHOLMOD_SUB_VERSION; }
static inline long long jmixed_sizeof_common(void) { return (long long) sizeof(cholmod_common); }
static inline long long jmixed_sizeof_sparse(void) { return (long long) sizeof(cholmod_sparse); }
static inline long long jmixed_sizeof_factor(void) { return (long long) sizeof(cholmod_factor); }
static inline long long jmixed_sizeof_dense(void) { return (long long) sizeof(cholmod_dense); }
static inline long long jmixed_sizeof_long(void) { return (long long) sizeof(SuiteSparse_long); }

/* The ordering the last analysis chose (CHOLMOD_NATURAL, _AMD, _METIS, _NESDIS, ...). */
static inline int jmixed_selected_ordering(cholmod_common *c) {
    if (c->selected < 0 || c->selected > CHOLMOD_MAXMETHODS) return -1;
    return c->method[c->selected].ordering;
}

/*
 * log|L|^2 of a numeric real factor: 2 * sum log L_jj for LL' (simplicial or supernodal),
 * sum log D_jj for simplicial LDL'. NaN when a pivot is not positive.
 */
static inline double jmixed_log_det(cholmod_factor *L) {
    double s = 0.0;
    const double *x = (const double *) L->x;
    if (L->xtype != CHOLMOD_REAL || x == NULL) return NAN;
    if (L->is_super) {
        const SuiteSparse_long *super = (const SuiteSparse_long *) L->super;
        const SuiteSparse_long *pi = (const SuiteSparse_long *) L->pi;
        const SuiteSparse_long *px = (const SuiteSparse_long *) L->px;
        for (size_t k = 0; k < L->nsuper; k++) {
            SuiteSparse_long k1 = super[k], ncols = super[k + 1] - k1;
            SuiteSparse_long nrows = pi[k + 1] - pi[k];
            const double *block = x + px[k];
            for (SuiteSparse_long j = 0; j < ncols; j++) {
                double d = block[j + j * nrows];
                if (!(d > 0.0)) return NAN;
                s += log(d);
            }
        }
        return 2.0 * s;
    }
    const SuiteSparse_long *p = (const SuiteSparse_long *) L->p;
    for (size_t j = 0; j < L->n; j++) {
        double d = x[p[j]];
        if (!(d > 0.0)) return NAN;
        s += log(d);
    }
    return L->is_ll ? 2.0 * s : s;
}

/* Address of a dense matrix's values, or 0 for a null matrix. */
static inline long long jmixed_dense_values(cholmod_dense *X) {
    return X == NULL ? 0 : (long long) (intptr_t) X->x;
}

#endif
