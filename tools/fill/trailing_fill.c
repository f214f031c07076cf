/*
 * The fill of the trailing block's Cholesky factor in jmixed's blocked factorization of a crossed
 * design (1 | first) + (1 | second): after the first factor's levels are eliminated, the trailing
 * block has the pattern of B'B, B the first × second incidence matrix. CHOLMOD analyzes A*A' with
 * A = B' (second × first) without forming it for COLAMD; METIS and AMD form the pattern of A*A'.
 * Prints, per ordering: nnz(L) (fundamental), the supernodal factor's stored entries (with
 * amalgamation zeros: the memory a supernodal factorization needs), and the flops, beside the
 * dense factor's n(n+1)/2 entries (n^2 stored, as jmixed's dense block does) and n^3/3 flops.
 *
 *   gcc -O2 -o /tmp/trailing_fill tools/fill/trailing_fill.c -I/usr/include/suitesparse -lcholmod
 *   /tmp/trailing_fill PAIRS.bin [colamd|metis|amd|nesdis]...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cholmod.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: trailing_fill PAIRS.bin ORDERING...\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 1; }
    int head[3];
    if (fread(head, sizeof(int), 3, f) != 3) { fprintf(stderr, "short header\n"); return 1; }
    long rows = head[0], nFirst = head[1], nSecond = head[2];
    cholmod_common c;
    cholmod_l_start(&c);
    cholmod_triplet *t = cholmod_l_allocate_triplet(nSecond, nFirst, rows, 0, CHOLMOD_PATTERN, &c);
    SuiteSparse_long *ti = t->i, *tj = t->j;
    int pair[2];
    for (long r = 0; r < rows; r++) {
        if (fread(pair, sizeof(int), 2, f) != 2) { fprintf(stderr, "short file at row %ld\n", r); return 1; }
        ti[r] = pair[1];
        tj[r] = pair[0];
    }
    fclose(f);
    t->nnz = rows;
    cholmod_sparse *a = cholmod_l_triplet_to_sparse(t, rows, &c);
    cholmod_l_free_triplet(&t, &c);
    double n = (double) nSecond;
    printf("rows %ld, first factor %ld levels, trailing block of order %ld; nnz(B) %ld (distinct pairs)\n",
           rows, nFirst, nSecond, (long) cholmod_l_nnz(a, &c));
    printf("dense: lower triangle %.4g entries, n^2 storage %.2f GB, %.4g flops\n", n * (n + 1) / 2, 8 * n * n / 1e9, n * n * n / 3);
    for (int k = 2; k < argc; k++) {
        int ord = !strcmp(argv[k], "colamd") ? CHOLMOD_COLAMD : !strcmp(argv[k], "metis") ? CHOLMOD_METIS
                : !strcmp(argv[k], "amd") ? CHOLMOD_AMD : !strcmp(argv[k], "nesdis") ? CHOLMOD_NESDIS : -1;
        if (ord < 0) { fprintf(stderr, "unknown ordering %s\n", argv[k]); return 2; }
        c.nmethods = 1;
        c.method[0].ordering = ord;
        c.postorder = 1;
        c.supernodal = CHOLMOD_SUPERNODAL;
        double t0 = now();
        cholmod_factor *l = cholmod_l_analyze(a, &c);
        double s = now() - t0;
        if (!l) {
            printf("%-7s failed (CHOLMOD status %d) after %.1f s\n", argv[k], c.status, s);
            continue;
        }
        double lnz = c.method[0].lnz, fl = c.method[0].fl;
        printf("%-7s nnz(L) %.4g (%.1f%% of dense), supernodal storage %.4g entries (%.2f GB, %.1f%% of dense n^2), "
               "%ld supernodes, flops %.4g (%.1f%% of dense); analysis %.1f s\n",
               argv[k], lnz, 100 * lnz / (n * (n + 1) / 2), (double) l->xsize, 8.0 * l->xsize / 1e9,
               100.0 * l->xsize / (n * n), (long) l->nsuper, fl, 100 * fl / (n * n * n / 3), s);
        fflush(stdout);
        cholmod_l_free_factor(&l, &c);
    }
    cholmod_l_free_sparse(&a, &c);
    cholmod_l_finish(&c);
    return 0;
}
