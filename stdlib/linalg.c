/*
 * linalg.c — linear algebra: IdentityMatrix, DiagonalMatrix, Tr, Det,
 * Inverse, LinearSolve, RowReduce, MatrixRank, NullSpace, MatrixPower,
 * Cross, Norm, Normalize, CharacteristicPolynomial, Eigenvalues,
 * Eigenvectors, Eigensystem, KroneckerProduct, UnitVector.  Written against
 * lyra.h + lyra_ext.h.
 *
 * Matrices are read into arrays of expressions.  Entries that are all
 * numbers use the number kernel directly (exact rationals and Gaussian
 * rationals exactly, machine numbers with partial pivoting); symbolic
 * entries go through Plus/Times with Together after each step, and small
 * symbolic determinants and inverses use cofactors, which give Wolfram's
 * forms (Det[{{a, b}, {c, d}}] -> -(b c) + a d).
 *
 * Eigenvalues: exact matrices through the characteristic polynomial and
 * Solve's roots (radicals or Root objects), machine matrices through the
 * roots of the characteristic polynomial (Faddeev-LeVerrier in doubles) or,
 * when symmetric, Jacobi rotations; sorted by decreasing absolute value.
 */
#include <complex.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "lys_data.h"
#include "lys_alg.h"
#include "lys_root.h"
#undef I

static LyExpr ref(LyExpr e) { ly_ref(e); return e; }

/* ---- matrices as arrays ------------------------------------------------------------------------ */

typedef struct Mat { LyVM *vm; size_t r, c; LyExpr *a; } Mat;    /* row-major, owned refs */

#define AT(m, i, j) ((m)->a[(i) * (m)->c + (j)])

static void mat_free(Mat *m) {
    if (!m->a) return;
    for (size_t i = 0; i < m->r * m->c; i++) ly_unref(m->vm, m->a[i]);
    free(m->a);
    m->a = NULL;
}

static bool mat_alloc(Mat *m, LyVM *vm, size_t r, size_t c) {
    m->vm = vm; m->r = r; m->c = c;
    size_t cnt = r * c;
    m->a = calloc(cnt ? cnt : 1, sizeof(LyExpr));
    if (!m->a) { ly_raise_nomem(vm); return false; }
    return true;
}

/* x as a rectangular matrix (a list of equal-length lists). */
static bool mat_read(LyVM *vm, LyExpr x, Mat *m) {
    m->a = NULL;
    if (!lys_is_list(x) || lys_list_len(x) == 0) return false;
    size_t r = lys_list_len(x), c = 0;
    LY_SCRATCH(LyExpr, rows, vm, r);
    if (!rows) return false;
    for (size_t i = 0; i < r; i++) rows[i] = NULL;
    bool ok = true;
    for (size_t i = 0; i < r && ok; i++) {
        LyExpr row = ly_part(vm, x, i + 1);
        rows[i] = row ? lys_unpacked(vm, row) : NULL;
        ly_unref(vm, row);
        if (!rows[i] || !ly_head_is(rows[i], LY_SYM(List))) ok = false;
        else if (i == 0) c = ly_nlen(rows[i]);
        else if (ly_nlen(rows[i]) != c) ok = false;
    }
    if (ok && (c == 0 || !mat_alloc(m, vm, r, c))) ok = false;
    for (size_t i = 0; ok && i < r; i++)
        for (size_t j = 0; j < c; j++) AT(m, i, j) = ref(ly_narg(rows[i], j + 1));
    for (size_t i = 0; i < r; i++) ly_unref(vm, rows[i]);
    return ok;
}

/* A vector (a list of non-lists). */
static bool vec_read(LyVM *vm, LyExpr x, Mat *m) {
    m->a = NULL;
    if (!lys_is_list(x)) return false;
    LyExpr u = lys_unpacked(vm, x);
    if (!u) return false;
    size_t n = ly_nlen(u);
    for (size_t i = 1; i <= n; i++) if (lys_is_list(ly_narg(u, i))) { ly_unref(vm, u); return false; }
    if (!mat_alloc(m, vm, n, 1)) { ly_unref(vm, u); return false; }
    for (size_t i = 0; i < n; i++) m->a[i] = ref(ly_narg(u, i + 1));
    ly_unref(vm, u);
    return true;
}

static LyExpr mat_expr(Mat *m) {
    LyVM *vm = m->vm;
    LyExpr out = ly_mknormal(vm, LY_SYM(List), m->r);
    for (size_t i = 0; out && i < m->r; i++) {
        LyExpr row = ly_mknormal(vm, LY_SYM(List), m->c);
        if (!row) { lys_abandon(vm, out, i + 1); return NULL; }
        for (size_t j = 0; j < m->c; j++) ly_nset(row, j + 1, ref(AT(m, i, j)));
        ly_nset(out, i + 1, lys_pack_steal(vm, row));
        if (!ly_narg(out, i + 1)) { lys_abandon(vm, out, i + 1); return NULL; }
    }
    return out ? lys_pack_steal(vm, out) : NULL;
}

static LyExpr vec_expr(LyVM *vm, LyExpr *v, size_t n) {
    return lys_list_packed(vm, n, v);
}

static bool all_numbers(const Mat *m) {
    for (size_t i = 0; i < m->r * m->c; i++) if (!ly_is_number(m->a[i])) return false;
    return true;
}

static bool any_inexact(const Mat *m) {
    for (size_t i = 0; i < m->r * m->c; i++) if (!ly_is_exact(m->a[i])) return true;
    return false;
}

/* ---- arithmetic on entries ------------------------------------------------------------------------ */

static LyExpr e_add(LyVM *vm, LyExpr a, LyExpr b) {
    if (ly_is_number(a) && ly_is_number(b)) return ly_num_add(vm, a, b);
    return lys_eval_steal(vm, ly_mk(vm, LY_SYM(Plus), 2, ref(a), ref(b)));
}
static LyExpr e_mul(LyVM *vm, LyExpr a, LyExpr b) {
    if (ly_is_number(a) && ly_is_number(b)) return ly_num_mul(vm, a, b);
    return lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, ref(a), ref(b)));
}
static LyExpr e_neg(LyVM *vm, LyExpr a) {
    if (ly_is_number(a)) return ly_num_neg(vm, a);
    return lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), ref(a)));
}
static LyExpr e_div(LyVM *vm, LyExpr a, LyExpr b) {
    if (ly_is_number(a) && ly_is_number(b) && !ly_num_is_zero(b)) return ly_num_div(vm, a, b);
    return lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, ref(a), ly_mk(vm, LY_SYM(Power), 2, ref(b), ly_mksmall(-1))));
}
/* a - f b */
static LyExpr e_submul(LyVM *vm, LyExpr a, LyExpr f, LyExpr b) {
    LyExpr p = e_mul(vm, f, b);
    LyExpr np = p ? e_neg(vm, p) : NULL;
    ly_unref(vm, p);
    LyExpr r = np ? e_add(vm, a, np) : NULL;
    ly_unref(vm, np);
    return r;
}
/* Symbolic entries kept as single fractions. */
static LyExpr e_simp(LyVM *vm, LyExpr a) {
    if (!a || ly_is_number(a) || ly_is_sym(a)) return a;
    LyExpr t = lys_together(vm, a);
    ly_unref(vm, a);
    return t;
}

static bool e_is_zero(LyVM *vm, LyExpr a, bool inexact) {
    if (ly_is_number(a)) {
        if (!inexact) return ly_num_is_zero(a) || (ly_is_exact(a) && ly_num_is_zero(a));
        double _Complex z;
        lys_nvalue(vm, a, &z);
        return cabs(z) < 1e-12;
    }
    LyExpr t = lys_together(vm, a);
    bool z = t && ly_is_number(t) && ly_num_is_zero(t);
    ly_unref(vm, t);
    return z;
}

static double e_abs(LyVM *vm, LyExpr a) {
    double _Complex z;
    return lys_nvalue(vm, a, &z) ? cabs(z) : 0;
}

/* ---- row reduction ---------------------------------------------------------------------------------- */

/* Gauss-Jordan on m in place (columns [0, ncols) are eliminated); the pivot
 * columns go to piv[0..rank).  Returns the rank, -1 on an exit. */
static long row_reduce(Mat *m, size_t ncols, size_t *piv) {
    LyVM *vm = m->vm;
    bool inexact = any_inexact(m), numeric = all_numbers(m);
    size_t r = 0;
    for (size_t c = 0; c < ncols && r < m->r; c++) {
        size_t p = m->r;
        double best = 0;
        for (size_t i = r; i < m->r; i++) {
            if (e_is_zero(vm, AT(m, i, c), inexact)) continue;
            if (!inexact) { p = i; break; }
            double v = e_abs(vm, AT(m, i, c));
            if (v > best) { best = v; p = i; }
        }
        if (ly_unwinding(vm)) return -1;
        if (p == m->r) continue;
        for (size_t j = 0; j < m->c; j++) { LyExpr t = AT(m, r, j); AT(m, r, j) = AT(m, p, j); AT(m, p, j) = t; }
        LyExpr pv = ref(AT(m, r, c));
        for (size_t j = 0; j < m->c; j++) {
            LyExpr q = e_div(vm, AT(m, r, j), pv);
            if (!numeric) q = e_simp(vm, q);
            if (!q) { ly_unref(vm, pv); return -1; }
            ly_unref(vm, AT(m, r, j));
            AT(m, r, j) = q;
        }
        ly_unref(vm, pv);
        for (size_t i = 0; i < m->r; i++) {
            if (i == r || e_is_zero(vm, AT(m, i, c), false)) continue;
            LyExpr f = ref(AT(m, i, c));
            for (size_t j = 0; j < m->c; j++) {
                LyExpr q = e_submul(vm, AT(m, i, j), f, AT(m, r, j));
                if (!numeric) q = e_simp(vm, q);
                if (!q) { ly_unref(vm, f); return -1; }
                ly_unref(vm, AT(m, i, j));
                AT(m, i, j) = q;
            }
            ly_unref(vm, f);
            if (!ly_safe_point(vm)) return -1;
        }
        if (inexact)       /* clean the column below tolerance */
            for (size_t i = 0; i < m->r; i++)
                if (i != r && e_is_zero(vm, AT(m, i, c), true) && ly_is_number(AT(m, i, c))) {
                    ly_unref(vm, AT(m, i, c));
                    AT(m, i, c) = ly_mkreal(vm, 0.0);
                }
        piv[r++] = c;
    }
    return (long)r;
}

/* ---- determinants -------------------------------------------------------------------------------------- */

static LyExpr det_cofactor(LyVM *vm, const Mat *m, size_t n, const size_t *rows, const size_t *cols) {
    if (n == 1) return ref(AT(m, rows[0], cols[0]));
    LyExpr terms = ly_mknormal(vm, LY_SYM(Plus), n);
    size_t sub[8];
    for (size_t j = 0; terms && j < n; j++) {
        for (size_t k = 0, t = 0; k < n; k++) if (k != j) sub[t++] = cols[k];
        LyExpr minor = det_cofactor(vm, m, n - 1, rows + 1, sub);
        LyExpr t = minor ? ly_mk(vm, LY_SYM(Times), 3, ly_mksmall(j % 2 ? -1 : 1), ref(AT(m, rows[0], cols[j])), minor) : NULL;
        if (!t) { lys_abandon(vm, terms, j + 1); return NULL; }
        ly_nset(terms, j + 1, t);
    }
    return lys_eval_steal(vm, terms);
}

/* The determinant of a square matrix (consumed? no: m is left as it was). */
static LyExpr det_of(LyVM *vm, Mat *m) {
    size_t n = m->r;
    if (!all_numbers(m) && n <= 5) {
        size_t idx[8];
        for (size_t i = 0; i < n; i++) idx[i] = i;
        LyExpr d = det_cofactor(vm, m, n, idx, idx);
        LyExpr x = d ? lys_expand(vm, d) : NULL;
        ly_unref(vm, d);
        return x;
    }
    /* elimination on a copy, tracking the sign and the pivots */
    Mat w;
    if (!mat_alloc(&w, vm, n, n)) return NULL;
    for (size_t i = 0; i < n * n; i++) w.a[i] = ref(m->a[i]);
    bool inexact = any_inexact(&w), numeric = all_numbers(&w);
    LyExpr det = ly_mksmall(1);
    for (size_t c = 0; c < n && det; c++) {
        size_t p = n;
        double best = 0;
        for (size_t i = c; i < n; i++) {
            if (e_is_zero(vm, AT(&w, i, c), false)) continue;
            if (!inexact) { p = i; break; }
            double v = e_abs(vm, AT(&w, i, c));
            if (v > best) { best = v; p = i; }
        }
        if (p == n) { ly_unref(vm, det); det = inexact ? ly_mkreal(vm, 0.0) : ly_mksmall(0); break; }
        if (p != c) {
            for (size_t j = 0; j < n; j++) { LyExpr t = AT(&w, c, j); AT(&w, c, j) = AT(&w, p, j); AT(&w, p, j) = t; }
            LyExpr nd = e_neg(vm, det);
            ly_unref(vm, det);
            det = nd;
        }
        LyExpr nd = det ? e_mul(vm, det, AT(&w, c, c)) : NULL;
        ly_unref(vm, det);
        det = numeric ? nd : e_simp(vm, nd);
        for (size_t i = c + 1; det && i < n; i++) {
            if (e_is_zero(vm, AT(&w, i, c), false)) continue;
            LyExpr f = e_div(vm, AT(&w, i, c), AT(&w, c, c));
            if (!numeric) f = e_simp(vm, f);
            for (size_t j = c; f && j < n; j++) {
                LyExpr q = e_submul(vm, AT(&w, i, j), f, AT(&w, c, j));
                if (!numeric) q = e_simp(vm, q);
                if (!q) { ly_unref(vm, f); f = NULL; ly_unref(vm, det); det = NULL; break; }
                ly_unref(vm, AT(&w, i, j));
                AT(&w, i, j) = q;
            }
            ly_unref(vm, f);
        }
    }
    mat_free(&w);
    if (det && !numeric) { LyExpr x = lys_expand(vm, det); ly_unref(vm, det); det = lys_cancel(vm, x); ly_unref(vm, x); }
    return det;
}

static void matrix_msg(LyVM *vm, LyExpr e, size_t pos, bool square) {
    ly_set_message(vm, "General", "matsq", "Argument `1` at position `2` is not a non-empty square matrix.");
    ly_set_message(vm, "General", "matrix", "Argument `1` at position `2` is not a non-empty rectangular matrix.");
    ly_message(vm, ly_nhead(e), square ? "matsq" : "matrix", 2, ly_narg(e, pos), lys_count(pos));
}

static bool square_arg(LyVM *vm, LyExpr e, size_t pos, Mat *m) {
    if (!mat_read(vm, ly_narg(e, pos), m) || m->r != m->c) {
        mat_free(m);
        if (!ly_unwinding(vm)) matrix_msg(vm, e, pos, true);
        return false;
    }
    return true;
}

static LyExpr b_det(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    Mat m;
    if (!square_arg(vm, e, 1, &m)) return NULL;
    LyExpr d = det_of(vm, &m);
    mat_free(&m);
    return d;
}

static LyExpr b_tr(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    Mat m;
    if (!mat_read(vm, ly_narg(e, 1), &m)) { if (!ly_unwinding(vm)) matrix_msg(vm, e, 1, false); return NULL; }
    size_t n = m.r < m.c ? m.r : m.c;
    LyExpr s = ly_mknormal(vm, LY_SYM(Plus), n);
    for (size_t i = 0; s && i < n; i++) ly_nset(s, i + 1, ref(AT(&m, i, i)));
    mat_free(&m);
    return lys_eval_steal(vm, s);
}

/* ---- inverse, solving ----------------------------------------------------------------------------------- */

static void sing_msg(LyVM *vm, LyExpr e, LyExpr m) {
    ly_set_message(vm, "Inverse", "sing", "Matrix `1` is singular.");
    ly_message(vm, ly_nhead(e), "sing", 1, m);
}

/* Inverse by cofactors (symbolic, small) in Wolfram's form: cofactor/det. */
static LyExpr inverse_cofactor(LyVM *vm, Mat *m, LyExpr det) {
    size_t n = m->r;
    Mat inv;
    if (!mat_alloc(&inv, vm, n, n)) return NULL;
    size_t rows[8], cols[8];
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            LyExpr c;
            if (n == 1) c = ly_mksmall(1);
            else {
                for (size_t k = 0, t = 0; k < n; k++) if (k != j) rows[t++] = k;
                for (size_t k = 0, t = 0; k < n; k++) if (k != i) cols[t++] = k;
                LyExpr minor = det_cofactor(vm, m, n - 1, rows, cols);
                LyExpr mx = minor ? lys_expand(vm, minor) : NULL;
                ly_unref(vm, minor);
                c = mx && (i + j) % 2 ? e_neg(vm, mx) : (mx ? ref(mx) : NULL);
                ly_unref(vm, mx);
            }
            LyExpr v = c ? e_div(vm, c, det) : NULL;
            ly_unref(vm, c);
            if (!v) { mat_free(&inv); return NULL; }
            AT(&inv, i, j) = v;
        }
    LyExpr r = mat_expr(&inv);
    mat_free(&inv);
    return r;
}

static LyExpr b_inverse(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    Mat m;
    if (!square_arg(vm, e, 1, &m)) return NULL;
    size_t n = m.r;
    LyExpr res = NULL;
    if (!all_numbers(&m) && n <= 4) {
        LyExpr det = det_of(vm, &m);
        if (det && e_is_zero(vm, det, false)) sing_msg(vm, e, ly_narg(e, 1));
        else if (det) res = inverse_cofactor(vm, &m, det);
        ly_unref(vm, det);
        mat_free(&m);
        return res;
    }
    Mat w;
    if (!mat_alloc(&w, vm, n, 2 * n)) { mat_free(&m); return NULL; }
    bool inexact = any_inexact(&m);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < 2 * n; j++)
            AT(&w, i, j) = j < n ? ref(AT(&m, i, j))
                                 : (j - n == i ? (inexact ? ly_mkreal(vm, 1.0) : ly_mksmall(1))
                                               : (inexact ? ly_mkreal(vm, 0.0) : ly_mksmall(0)));
    size_t *piv = malloc(n * sizeof(size_t));
    long rank = piv ? row_reduce(&w, n, piv) : -1;
    if (rank == (long)n) {
        Mat inv;
        if (mat_alloc(&inv, vm, n, n)) {
            for (size_t i = 0; i < n; i++)
                for (size_t j = 0; j < n; j++) AT(&inv, i, j) = ref(AT(&w, i, n + j));
            res = mat_expr(&inv);
            mat_free(&inv);
        }
    } else if (rank >= 0) sing_msg(vm, e, ly_narg(e, 1));
    free(piv);
    mat_free(&w);
    mat_free(&m);
    return res;
}

static LyExpr b_linearsolve(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    Mat m, b;
    if (!mat_read(vm, ly_narg(e, 1), &m)) { if (!ly_unwinding(vm)) matrix_msg(vm, e, 1, false); return NULL; }
    bool vec = vec_read(vm, ly_narg(e, 2), &b);
    if (!vec && !mat_read(vm, ly_narg(e, 2), &b)) { mat_free(&m); return NULL; }
    if (b.r != m.r) {
        ly_set_message(vm, "LinearSolve", "lslc",
                       "Coefficient matrix and target vector or matrix do not have the same dimensions.");
        ly_message(vm, ly_nhead(e), "lslc", 0);
        mat_free(&m); mat_free(&b);
        return NULL;
    }
    size_t r = m.r, c = m.c, k = b.c;
    Mat w;
    LyExpr res = NULL;
    if (!mat_alloc(&w, vm, r, c + k)) { mat_free(&m); mat_free(&b); return NULL; }
    for (size_t i = 0; i < r; i++) {
        for (size_t j = 0; j < c; j++) AT(&w, i, j) = ref(AT(&m, i, j));
        for (size_t j = 0; j < k; j++) AT(&w, i, c + j) = ref(AT(&b, i, j));
    }
    size_t *piv = malloc((c + 1) * sizeof(size_t));
    long rank = piv ? row_reduce(&w, c, piv) : -1;
    if (rank >= 0) {
        bool inexact = any_inexact(&w);
        bool consistent = true;
        for (size_t i = (size_t)rank; i < r && consistent; i++)
            for (size_t j = 0; j < k; j++) if (!e_is_zero(vm, AT(&w, i, c + j), inexact)) consistent = false;
        if (!consistent) {
            ly_set_message(vm, "LinearSolve", "nosol", "Linear equation encountered that has no solution.");
            ly_message(vm, ly_nhead(e), "nosol", 0);
        } else {
            Mat x;
            if (mat_alloc(&x, vm, c, k)) {
                for (size_t i = 0; i < c * k; i++) x.a[i] = inexact ? ly_mkreal(vm, 0.0) : ly_mksmall(0);
                for (size_t i = 0; i < (size_t)rank; i++)
                    for (size_t j = 0; j < k; j++) { ly_unref(vm, AT(&x, piv[i], j)); AT(&x, piv[i], j) = ref(AT(&w, i, c + j)); }
                if (vec) res = vec_expr(vm, x.a, c);
                else res = mat_expr(&x);
                mat_free(&x);
            }
        }
    }
    free(piv);
    mat_free(&w); mat_free(&m); mat_free(&b);
    return res;
}

/* The matrix argument of e, row-reduced in place (RowReduce, MatrixRank):
 * its rank, or -1 with m freed (message given, or out of memory). */
static long reduced_arg(LyVM *vm, LyExpr e, Mat *m) {
    if (!lys_argc(vm, e, 1, 1)) return -1;
    if (!mat_read(vm, ly_narg(e, 1), m)) { if (!ly_unwinding(vm)) matrix_msg(vm, e, 1, false); return -1; }
    size_t *piv = malloc((m->c + 1) * sizeof(size_t));
    long rank = piv ? row_reduce(m, m->c, piv) : -1;
    free(piv);
    if (rank < 0) mat_free(m);
    return rank;
}

static LyExpr b_rowreduce(LyVM *vm, LyExpr e) {
    Mat m;
    if (reduced_arg(vm, e, &m) < 0) return NULL;
    LyExpr r = mat_expr(&m);
    mat_free(&m);
    return r;
}

static LyExpr b_matrixrank(LyVM *vm, LyExpr e) {
    Mat m;
    long rank = reduced_arg(vm, e, &m);
    if (rank < 0) return NULL;
    mat_free(&m);
    return ly_mksmall(rank);
}

/* Basis of the null space, last free variable first (as Wolfram). */
static LyExpr null_space(LyVM *vm, Mat *m) {
    size_t c = m->c;
    size_t *piv = malloc((c + 1) * sizeof(size_t));
    long rank = piv ? row_reduce(m, c, piv) : -1;
    if (rank < 0) { free(piv); return NULL; }
    bool inexact = any_inexact(m);
    bool *is_piv = calloc(c, sizeof(bool));
    for (long i = 0; i < rank; i++) is_piv[piv[i]] = true;
    size_t nfree = c - (size_t)rank;
    LyExpr out = ly_mknormal(vm, LY_SYM(List), nfree);
    size_t k = 0;
    for (size_t f = c; out && f-- > 0;) {
        if (is_piv[f]) continue;
        LY_SCRATCH(LyExpr, v, vm, c);
        if (!v) { lys_abandon(vm, out, k + 1); out = NULL; break; }
        for (size_t j = 0; j < c; j++) v[j] = j == f ? (inexact ? ly_mkreal(vm, 1.0) : ly_mksmall(1)) : (inexact ? ly_mkreal(vm, 0.0) : ly_mksmall(0));
        for (long i = 0; i < rank; i++) { ly_unref(vm, v[piv[i]]); v[piv[i]] = e_neg(vm, AT(m, i, f)); }
        bool ok = true;
        for (size_t j = 0; j < c; j++) if (!v[j]) ok = false;
        LyExpr vec = ok ? vec_expr(vm, v, c) : NULL;
        for (size_t j = 0; j < c; j++) ly_unref(vm, v[j]);
        if (!vec) { lys_abandon(vm, out, k + 1); out = NULL; break; }
        ly_nset(out, ++k, vec);
    }
    free(is_piv);
    free(piv);
    return out;
}

static LyExpr b_nullspace(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    Mat m;
    if (!mat_read(vm, ly_narg(e, 1), &m)) { if (!ly_unwinding(vm)) matrix_msg(vm, e, 1, false); return NULL; }
    LyExpr r = null_space(vm, &m);
    mat_free(&m);
    return r;
}

/* ---- construction ------------------------------------------------------------------------------------- */

static LyExpr b_identitymatrix(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr n = ly_narg(e, 1);
    if (!ly_is_small(n) || ly_small(n) < 0 || ly_small(n) > (1 << 15)) return NULL;
    size_t k = (size_t)ly_small(n), dims[2] = { k, k };
    if (k == 0) return ly_list(vm, 0, NULL);
    LyExpr p = ly_mkpacked(vm, LY_PACKED_INT64, 2, dims);
    if (!p) return NULL;
    int64_t *d = ly_packed(p)->data;
    memset(d, 0, k * k * sizeof(int64_t));
    for (size_t i = 0; i < k; i++) d[i * k + i] = 1;
    return p;
}

static LyExpr b_diagonalmatrix(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    Mat v;
    if (!vec_read(vm, ly_narg(e, 1), &v)) return NULL;
    size_t n = v.r;
    Mat m;
    LyExpr r = NULL;
    if (mat_alloc(&m, vm, n, n)) {
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++) AT(&m, i, j) = i == j ? ref(v.a[i]) : ly_mksmall(0);
        r = n ? mat_expr(&m) : ly_list(vm, 0, NULL);
        mat_free(&m);
    }
    mat_free(&v);
    return r;
}

static LyExpr b_unitvector(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    int64_t n = 2, k;
    LyExpr kk = ly_narg(e, ly_nlen(e));
    if (ly_nlen(e) == 2) { if (!ly_is_small(ly_narg(e, 1))) return NULL; n = ly_small(ly_narg(e, 1)); }
    if (!ly_is_small(kk)) return NULL;
    k = ly_small(kk);
    if (n < 1 || k < 1 || k > n || n > (1 << 24)) return NULL;
    size_t dims[1] = { (size_t)n };
    LyExpr p = ly_mkpacked(vm, LY_PACKED_INT64, 1, dims);
    if (!p) return NULL;
    memset(ly_packed(p)->data, 0, (size_t)n * sizeof(int64_t));
    ((int64_t *)ly_packed(p)->data)[k - 1] = 1;
    return p;
}

static LyExpr b_cross(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    Mat a, b;
    if (!vec_read(vm, ly_narg(e, 1), &a)) return NULL;
    if (!vec_read(vm, ly_narg(e, 2), &b) || a.r != 3 || b.r != 3) { mat_free(&a); mat_free(&b); return NULL; }
    LyExpr v[3];
    static const int ix[3][2] = { { 1, 2 }, { 2, 0 }, { 0, 1 } };
    bool ok = true;
    for (int i = 0; i < 3; i++) {
        LyExpr p = e_mul(vm, a.a[ix[i][0]], b.a[ix[i][1]]);
        v[i] = p ? e_submul(vm, p, a.a[ix[i][1]], b.a[ix[i][0]]) : NULL;
        ly_unref(vm, p);
        if (!v[i]) ok = false;
    }
    LyExpr r = ok ? vec_expr(vm, v, 3) : NULL;
    for (int i = 0; i < 3; i++) ly_unref(vm, v[i]);
    mat_free(&a); mat_free(&b);
    return r;
}

static LyExpr b_kroneckerproduct(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    Mat a, b;
    if (!mat_read(vm, ly_narg(e, 1), &a)) return NULL;
    if (!mat_read(vm, ly_narg(e, 2), &b)) { mat_free(&a); return NULL; }
    Mat m;
    LyExpr r = NULL;
    if (mat_alloc(&m, vm, a.r * b.r, a.c * b.c)) {
        bool ok = true;
        for (size_t i = 0; i < a.r && ok; i++)
            for (size_t j = 0; j < a.c && ok; j++)
                for (size_t k = 0; k < b.r && ok; k++)
                    for (size_t l = 0; l < b.c && ok; l++)
                        ok = (AT(&m, i * b.r + k, j * b.c + l) = e_mul(vm, AT(&a, i, j), AT(&b, k, l))) != NULL;
        if (ok) r = mat_expr(&m);
        mat_free(&m);
    }
    mat_free(&a); mat_free(&b);
    return r;
}

/* ---- powers ---------------------------------------------------------------------------------------- */

static LyExpr dot2(LyVM *vm, LyExpr a, LyExpr b) {
    return lys_apply_eval(vm, LY_SYM(Dot), 2, (LyExpr[]){ a, b });
}

static LyExpr b_matrixpower(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    LyExpr m = ly_narg(e, 1), k = ly_narg(e, 2);
    if (!ly_is_small(k)) return NULL;
    Mat t;
    if (!square_arg(vm, e, 1, &t)) return NULL;
    size_t n = t.r;
    mat_free(&t);
    int64_t p = ly_small(k);
    LyExpr base;
    if (p < 0) {
        base = lys_apply_eval(vm, ly_symbol(vm, "Inverse"), 1, &m);
        if (!base || ly_head_is(base, ly_symbol(vm, "Inverse"))) { ly_unref(vm, base); return NULL; }
        p = -p;
    } else base = ref(m);
    LyExpr nn = ly_mksmall((int64_t)n);
    LyExpr acc = lys_apply_eval(vm, ly_symbol(vm, "IdentityMatrix"), 1, &nn);
    while (acc && base && p > 0) {
        if (p & 1) { LyExpr t2 = dot2(vm, acc, base); ly_unref(vm, acc); acc = t2; }
        p >>= 1;
        if (p && acc) { LyExpr t2 = dot2(vm, base, base); ly_unref(vm, base); base = t2; }
        if (!ly_safe_point(vm)) { ly_unref(vm, acc); acc = NULL; }
    }
    ly_unref(vm, base);
    return acc;
}

/* ---- norms ------------------------------------------------------------------------------------------ */

static LyExpr b_norm(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1), p = ly_nlen(e) == 2 ? ly_narg(e, 2) : ly_mksmall(2);
    if (ly_is_number(x)) return lys_apply_eval(vm, ly_symbol(vm, "Abs"), 1, &x);
    Mat v;
    if (vec_read(vm, x, &v)) {
        LyExpr abs = ly_mknormal(vm, LY_SYM(List), v.r);
        for (size_t i = 0; abs && i < v.r; i++) ly_nset(abs, i + 1, ly_mk(vm, ly_symbol(vm, "Abs"), 1, ref(v.a[i])));
        mat_free(&v);
        abs = lys_eval_steal(vm, abs);
        if (!abs) return NULL;
        LyExpr r;
        if (lys_infinity_sign(p) > 0) r = lys_apply_eval(vm, ly_symbol(vm, "Max"), 1, &abs);
        else if (ly_is_number(p) || ly_is_sym(p)) {
            /* Total[Abs[v]^p]^(1/p); p = 2 squares without Abs for real entries */
            LyExpr pw = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Power), 2, ref(abs), ref(p)));
            LyExpr tot = pw ? lys_apply_eval(vm, ly_symbol(vm, "Total"), 1, &pw) : NULL;
            ly_unref(vm, pw);
            r = tot ? lys_eval_steal(vm, ly_mk(vm, LY_SYM(Power), 2, tot,
                                               ly_mk(vm, LY_SYM(Power), 2, ref(p), ly_mksmall(-1)))) : NULL;
        } else r = NULL;
        ly_unref(vm, abs);
        return r;
    }
    Mat m;
    if (mat_read(vm, x, &m)) {
        LyExpr r = NULL;
        if (ly_is_string(p) && !strcmp(ly_str(p)->s, "Frobenius")) {
            LyExpr fl = lys_apply_eval(vm, ly_symbol(vm, "Flatten"), 1, &x);
            r = fl ? lys_apply_eval(vm, ly_nhead(e), 1, &fl) : NULL;
            ly_unref(vm, fl);
        } else if (ly_is_small(p) && ly_small(p) == 2) {
            /* the largest singular value: Sqrt of the largest eigenvalue of m^H m */
            LyExpr ct = lys_apply_eval(vm, ly_symbol(vm, "ConjugateTranspose"), 1, &x);
            LyExpr mm = ct ? dot2(vm, ct, x) : NULL;
            ly_unref(vm, ct);
            LyExpr ev = mm ? lys_apply_eval(vm, ly_symbol(vm, "Eigenvalues"), 1, &mm) : NULL;
            ly_unref(vm, mm);
            LyExpr mx = ev && ly_head_is(ev, LY_SYM(List)) ? lys_apply_eval(vm, ly_symbol(vm, "Max"), 1, &ev) : NULL;
            ly_unref(vm, ev);
            r = mx ? lys_eval_steal(vm, ly_mk(vm, LY_SYM(Power), 2, mx, ly_rational(vm, 1, 2))) : NULL;
        }
        mat_free(&m);
        return r;
    }
    return NULL;
}

static LyExpr b_normalize(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    LyExpr n = lys_apply_eval(vm, ly_symbol(vm, "Norm"), 1, &x);
    if (!n) return NULL;
    if (ly_head_is(n, ly_symbol(vm, "Norm")) || (ly_is_number(n) && ly_num_is_zero(n))) {
        ly_unref(vm, n);
        ly_ref(x);
        return x;
    }
    return lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, ref(x), ly_mk(vm, LY_SYM(Power), 2, n, ly_mksmall(-1))));
}

/* ---- eigenvalues -------------------------------------------------------------------------------------- */

static LyExpr charpoly(LyVM *vm, Mat *m, LyExpr x) {
    size_t n = m->r;
    Mat w;
    if (!mat_alloc(&w, vm, n, n)) return NULL;
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++)
        for (size_t j = 0; j < n && ok; j++)
            ok = (AT(&w, i, j) = i == j ? lys_eval_steal(vm, ly_mk(vm, LY_SYM(Plus), 2, ref(AT(m, i, j)),
                                                                  ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), ref(x))))
                                       : ref(AT(m, i, j))) != NULL;
    LyExpr d = NULL;
    if (ok) {
        if (n <= 5) d = det_of(vm, &w);
        else {
            /* cofactors are exponential: expand along elimination with Together */
            d = det_of(vm, &w);
        }
    }
    mat_free(&w);
    if (!d) return NULL;
    LyExpr r = lys_expand(vm, d);
    ly_unref(vm, d);
    return r;
}

static LyExpr b_charpoly(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    Mat m;
    if (!square_arg(vm, e, 1, &m)) return NULL;
    LyExpr r = charpoly(vm, &m, ly_narg(e, 2));
    mat_free(&m);
    return r;
}

typedef struct EV { LyExpr v; double mag, re, im; } EV;

static int ev_cmp(const void *pa, const void *pb) {
    const EV *a = pa, *b = pb;
    if (fabs(a->mag - b->mag) > 1e-12 * (1 + a->mag)) return a->mag > b->mag ? -1 : 1;
    if (a->re != b->re) return a->re > b->re ? -1 : 1;
    return a->im > b->im ? -1 : a->im < b->im;
}

/* Sorts values (new references, stolen) by decreasing absolute value. */
static LyExpr sorted_values(LyVM *vm, LyExpr *vals, size_t n) {
    EV *ev = malloc((n ? n : 1) * sizeof(EV));
    if (!ev) { for (size_t i = 0; i < n; i++) ly_unref(vm, vals[i]); return ly_raise_nomem(vm); }
    for (size_t i = 0; i < n; i++) {
        double _Complex z = 0;
        lys_nvalue(vm, vals[i], &z);
        ev[i] = (EV){ vals[i], cabs(z), creal(z), cimag(z) };
    }
    qsort(ev, n, sizeof(EV), ev_cmp);
    for (size_t i = 0; i < n; i++) vals[i] = ev[i].v;
    free(ev);
    LyExpr r = ly_list(vm, n, vals);
    for (size_t i = 0; i < n; i++) ly_unref(vm, vals[i]);
    return r;
}

/* Machine eigenvalues: Jacobi for symmetric real matrices, else the roots
 * of the characteristic polynomial (Faddeev-LeVerrier). */
static LyExpr eigen_numeric(LyVM *vm, Mat *m) {
    size_t n = m->r;
    double _Complex *a = malloc(n * n * sizeof(double _Complex));
    if (!a) return ly_raise_nomem(vm);
    bool real = true, sym = true;
    for (size_t i = 0; i < n * n; i++) {
        if (!lys_nvalue(vm, m->a[i], &a[i])) { free(a); return NULL; }
        if (cimag(a[i]) != 0) real = false;
    }
    for (size_t i = 0; i < n && sym; i++)
        for (size_t j = 0; j < i && sym; j++) sym = a[i * n + j] == a[j * n + i];
    LyExpr vals[n ? n : 1];
    if (real && sym) {
        double *s = malloc(n * n * sizeof(double));
        for (size_t i = 0; i < n * n; i++) s[i] = creal(a[i]);
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (size_t p = 0; p < n; p++) for (size_t q = p + 1; q < n; q++) off += s[p * n + q] * s[p * n + q];
            if (off < 1e-30) break;
            for (size_t p = 0; p < n; p++)
                for (size_t q = p + 1; q < n; q++) {
                    double apq = s[p * n + q];
                    if (fabs(apq) < 1e-300) continue;
                    double theta = (s[q * n + q] - s[p * n + p]) / (2 * apq);
                    double t = (theta >= 0 ? 1 : -1) / (fabs(theta) + sqrt(theta * theta + 1));
                    double c = 1 / sqrt(t * t + 1), sn = t * c;
                    for (size_t k = 0; k < n; k++) {
                        double akp = s[k * n + p], akq = s[k * n + q];
                        s[k * n + p] = c * akp - sn * akq;
                        s[k * n + q] = sn * akp + c * akq;
                    }
                    for (size_t k = 0; k < n; k++) {
                        double apk = s[p * n + k], aqk = s[q * n + k];
                        s[p * n + k] = c * apk - sn * aqk;
                        s[q * n + k] = sn * apk + c * aqk;
                    }
                }
        }
        for (size_t i = 0; i < n; i++) vals[i] = ly_mkreal(vm, s[i * n + i]);
        free(s);
    } else {
        /* Faddeev-LeVerrier: c[n-k] of det(x I - A) */
        double _Complex *M = calloc(n * n, sizeof(double _Complex)), *AM = calloc(n * n, sizeof(double _Complex));
        double _Complex *c = calloc(n + 1, sizeof(double _Complex)), *z = calloc(n + 1, sizeof(double _Complex));
        c[n] = 1;
        for (size_t k = 1; k <= n; k++) {
            /* M_k = A M_{k-1} + c_{n-k+1} I, c_{n-k} = -tr(A M_k)/k */
            for (size_t i = 0; i < n; i++)
                for (size_t j = 0; j < n; j++) {
                    double _Complex s = 0;
                    if (k > 1) for (size_t t = 0; t < n; t++) s += a[i * n + t] * M[t * n + j];
                    AM[i * n + j] = s + (i == j ? c[n - k + 1] : 0);
                }
            memcpy(M, AM, n * n * sizeof(double _Complex));
            double _Complex tr = 0;
            for (size_t i = 0; i < n; i++)
                for (size_t t = 0; t < n; t++) tr += a[i * n + t] * M[t * n + i];
            c[n - k] = -tr / (double)k;
        }
        lys_cpoly_roots(c, (int)n, real, z);
        for (size_t i = 0; i < n; i++)
            vals[i] = cimag(z[i]) == 0 ? ly_mkreal(vm, creal(z[i]))
                                       : ly_mkcomplex(vm, ly_mkreal(vm, creal(z[i])), ly_mkreal(vm, cimag(z[i])));
        free(M); free(AM); free(c); free(z);
    }
    free(a);
    return sorted_values(vm, vals, n);
}

/* Exact eigenvalues: the roots of the characteristic polynomial (with
 * multiplicity), by Solve. */
static LyExpr eigen_values_in(LyVM *vm, Mat *m, LyExpr x) {
    LyExpr p = charpoly(vm, m, x);
    if (!p) return NULL;
    LyExpr eq = ly_mk(vm, LY_SYM(Equal), 2, p, ly_mksmall(0));
    LyExpr sols = eq ? lys_apply_eval(vm, ly_symbol(vm, "Solve"), 2, (LyExpr[]){ eq, x }) : NULL;
    ly_unref(vm, eq);
    if (!sols || !ly_head_is(sols, LY_SYM(List)) || ly_nlen(sols) != m->r) { ly_unref(vm, sols); return NULL; }
    size_t n = m->r;
    LY_SCRATCH(LyExpr, vals, vm, n);
    if (!vals) { ly_unref(vm, sols); return NULL; }
    for (size_t i = 0; i < n; i++) vals[i] = ref(ly_narg(ly_narg(ly_narg(sols, i + 1), 1), 2));
    ly_unref(vm, sols);
    return sorted_values(vm, vals, n);
}

/* Exact eigenvalues in a local variable x (a Module local: gone after). */
static LyExpr eigen_exact(LyVM *vm, Mat *m) {
    LyExpr name = ly_symbol(vm, "x"), x;
    LyScope sc;
    if (!name || !ly_scope_open(vm, &sc, 1, &name, &x)) return NULL;
    LyExpr r = eigen_values_in(vm, m, x);
    ly_scope_close(vm, &sc, r);
    return r;
}

static LyExpr eigenvalues(LyVM *vm, Mat *m) {
    if (all_numbers(m) && any_inexact(m)) return eigen_numeric(vm, m);
    return eigen_exact(vm, m);
}

static LyExpr b_eigenvalues(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    Mat m;
    if (!square_arg(vm, e, 1, &m)) return NULL;
    LyExpr r = eigenvalues(vm, &m);
    mat_free(&m);
    if (r && ly_nlen(e) == 2 && ly_is_small(ly_narg(e, 2))) {
        LyExpr t = lys_apply_eval(vm, ly_symbol(vm, "Take"), 2, (LyExpr[]){ r, ly_narg(e, 2) });
        ly_unref(vm, r);
        r = t;
    }
    return r;
}

/* Eigenvectors for the (sorted) eigenvalues: null spaces of m - lambda I,
 * a basis vector for each repeat of a value. */
static LyExpr eigenvectors(LyVM *vm, Mat *m, LyExpr vals) {
    size_t n = m->r;
    bool inexact = any_inexact(m);
    LyExpr out = ly_mknormal(vm, LY_SYM(List), n);
    size_t k = 0;
    for (size_t i = 1; out && i <= ly_nlen(vals); ) {
        LyExpr lam = ly_narg(vals, i);
        size_t mult = 1;
        while (i + mult <= ly_nlen(vals) && ly_equal(ly_narg(vals, i + mult), lam)) mult++;
        Mat w;
        LyExpr ns = NULL;
        if (mat_alloc(&w, vm, n, n)) {
            bool ok = true;
            for (size_t r = 0; r < n && ok; r++)
                for (size_t c = 0; c < n && ok; c++) {
                    LyExpr v = r == c ? e_submul(vm, AT(m, r, c), ly_mksmall(1), lam) : ref(AT(m, r, c));
                    if (v && !inexact && !ly_is_number(v)) v = e_simp(vm, v);
                    ok = (AT(&w, r, c) = v) != NULL;
                }
            if (inexact) {
                /* a looser tolerance: eigenvalues carry rounding */
                for (size_t t = 0; t < n * n; t++)
                    if (ly_is_number(w.a[t]) && e_abs(vm, w.a[t]) < 1e-9) { ly_unref(vm, w.a[t]); w.a[t] = ly_mkreal(vm, 0.0); }
            }
            if (ok) ns = null_space(vm, &w);
            mat_free(&w);
        }
        if (!ns) { lys_abandon(vm, out, k + 1); return NULL; }
        for (size_t t = 0; t < mult; t++) {
            LyExpr v;
            if (t < ly_nlen(ns)) {
                v = ref(ly_narg(ns, t + 1));
                if (inexact) {
                    LyExpr nv = lys_apply_eval(vm, ly_symbol(vm, "Normalize"), 1, &v);
                    ly_unref(vm, v);
                    v = nv;
                }
            } else {        /* defective: zero vectors, as Wolfram */
                LY_SCRATCH(LyExpr, zs, vm, n);
                if (zs) for (size_t q = 0; q < n; q++) zs[q] = ly_mksmall(0);
                v = zs ? vec_expr(vm, zs, n) : NULL;
            }
            if (!v) { ly_unref(vm, ns); lys_abandon(vm, out, k + 1); return NULL; }
            ly_nset(out, ++k, v);
        }
        ly_unref(vm, ns);
        i += mult;
    }
    return out;
}

static LyExpr b_eigenvectors(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    Mat m;
    if (!square_arg(vm, e, 1, &m)) return NULL;
    LyExpr vals = eigenvalues(vm, &m);
    LyExpr r = vals ? eigenvectors(vm, &m, vals) : NULL;
    ly_unref(vm, vals);
    mat_free(&m);
    return r;
}

static LyExpr b_eigensystem(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    Mat m;
    if (!square_arg(vm, e, 1, &m)) return NULL;
    LyExpr vals = eigenvalues(vm, &m);
    LyExpr vecs = vals ? eigenvectors(vm, &m, vals) : NULL;
    mat_free(&m);
    if (!vecs) { ly_unref(vm, vals); return NULL; }
    return ly_mk(vm, LY_SYM(List), 2, vals, vecs);
}

static LyExpr b_conjugatetranspose(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    LyExpr t = lys_apply_eval(vm, ly_symbol(vm, "Transpose"), 1, &x);
    if (!t || ly_head_is(t, ly_symbol(vm, "Transpose"))) { ly_unref(vm, t); return NULL; }
    LyExpr r = lys_apply_eval(vm, ly_symbol(vm, "Conjugate"), 1, &t);
    ly_unref(vm, t);
    return r;
}

/* ---- predicates ----------------------------------------------------------------------------------- */

static LyExpr b_squarematrixq(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    Mat m;
    bool ok = mat_read(vm, ly_narg(e, 1), &m) && m.r == m.c;
    mat_free(&m);
    return lys_bool(ok);
}

static LyExpr b_symmetricmatrixq(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    Mat m;
    bool ok = mat_read(vm, ly_narg(e, 1), &m) && m.r == m.c;
    for (size_t i = 0; ok && i < m.r; i++)
        for (size_t j = 0; ok && j < i; j++) ok = ly_equal(AT(&m, i, j), AT(&m, j, i));
    mat_free(&m);
    return lys_bool(ok);
}

static const LyBuiltin linalg_builtins[] = {
    { "IdentityMatrix", b_identitymatrix, "Protected", "IdentityMatrix[n] gives the n x n identity matrix." },
    { "DiagonalMatrix", b_diagonalmatrix, "Protected", "DiagonalMatrix[list] gives a matrix with the elements of list on the leading diagonal, and zero elsewhere." },
    { "UnitVector", b_unitvector, "Protected", "UnitVector[n, k] gives the n-dimensional unit vector in the kth direction." },
    { "Tr", b_tr, "Protected", "Tr[list] finds the trace of the matrix or tensor list." },
    { "Det", b_det, "Protected", "Det[m] gives the determinant of the square matrix m." },
    { "Inverse", b_inverse, "Protected", "Inverse[m] gives the inverse of a square matrix m." },
    { "LinearSolve", b_linearsolve, "Protected", "LinearSolve[m, b] finds an x that solves the matrix equation m.x == b." },
    { "RowReduce", b_rowreduce, "Protected", "RowReduce[m] gives the row-reduced form of the matrix m." },
    { "MatrixRank", b_matrixrank, "Protected", "MatrixRank[m] gives the rank of the matrix m." },
    { "NullSpace", b_nullspace, "Protected", "NullSpace[m] gives a list of vectors that forms a basis for the null space of the matrix m." },
    { "MatrixPower", b_matrixpower, "Protected", "MatrixPower[m, n] gives the nth matrix power of the matrix m." },
    { "Cross", b_cross, "Protected", "Cross[a, b] gives the vector cross product of a and b." },
    { "KroneckerProduct", b_kroneckerproduct, "Protected", "KroneckerProduct[m1, m2] constructs the Kronecker product of the arrays mi." },
    { "Norm", b_norm, "Protected", "Norm[expr] gives the norm of a number, vector, or matrix.\nNorm[expr, p] gives the p-norm." },
    { "Normalize", b_normalize, "Protected", "Normalize[v] gives the normalized form of a vector v." },
    { "CharacteristicPolynomial", b_charpoly, "Protected", "CharacteristicPolynomial[m, x] gives the characteristic polynomial for the matrix m." },
    { "Eigenvalues", b_eigenvalues, "Protected", "Eigenvalues[m] gives a list of the eigenvalues of the square matrix m.\nEigenvalues[m, k] gives the first k." },
    { "Eigenvectors", b_eigenvectors, "Protected", "Eigenvectors[m] gives a list of the eigenvectors of the square matrix m." },
    { "Eigensystem", b_eigensystem, "Protected", "Eigensystem[m] gives a list {values, vectors} of the eigenvalues and eigenvectors of the square matrix m." },
    { "ConjugateTranspose", b_conjugatetranspose, "Protected", "ConjugateTranspose[m] gives the conjugate transpose of m." },
    { "SquareMatrixQ", b_squarematrixq, "Protected", "SquareMatrixQ[m] gives True if m is a square matrix, and False otherwise." },
    { "SymmetricMatrixQ", b_symmetricmatrixq, "Protected", "SymmetricMatrixQ[m] gives True if m is explicitly symmetric, and False otherwise." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_linalg(LyVM *vm);
LyStatus lys_open_linalg(LyVM *vm) { return ly_register_table(vm, linalg_builtins); }
