/*
 * predicates.c — structure and type tests: Head, Length, Depth,
 * Dimensions, ArrayDepth, AtomQ, NumberQ, NumericQ, IntegerQ, EvenQ, OddQ,
 * StringQ, ListQ, VectorQ, MatrixQ, ArrayQ, AssociationQ, MissingQ,
 * BooleanQ.  Written against lyra.h + lyra_ext.h.
 *
 * A packed array answers every question as the List it stands for, from
 * its header alone (rank and dimensions), without unpacking.
 */
#include <string.h>
#include "lys_data.h"

static LyExpr b_head(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr h = ly_head(vm, ly_narg(e, 1));
    if (ly_nlen(e) == 1 || !h) return h;
    LyExpr f = ly_narg(e, 2);
    ly_ref(f);
    return ly_mk(vm, f, 1, h);
}

static LyExpr b_length(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    size_t nb;
    if (lys_bytearray_get(ly_narg(e, 1), &nb)) return ly_int(vm, (int64_t)nb);
    return ly_int(vm, (int64_t)ly_length(ly_narg(e, 1)));
}

static size_t depth(LyExpr x) {
    switch (ly_type(x)) {
    case LY_TPACKED: return (size_t)ly_packed(x)->h.aux + 1;
    case LY_TNORMAL: {
        size_t d = 0;
        for (size_t i = 1; i <= ly_nlen(x); i++) { size_t k = depth(ly_narg(x, i)); if (k > d) d = k; }
        return d + 1;
    }
    case LY_TASSOC: {
        size_t d = 0;
        LyAssoc *a = ly_assoc(x);
        for (size_t i = 0; i < a->len; i++) { size_t k = depth(ly_narg(a->rules[i], 2)); if (k > d) d = k; }
        return d + 1;
    }
    default: return 1;
    }
}

static LyExpr b_depth(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    return ly_int(vm, (int64_t)depth(ly_narg(e, 1)));
}

/* ---- dimensions ------------------------------------------------------------------------------ */

/* Dimensions of x up to maxd levels, with head h (NULL: take x's). */
static size_t dims_of(LyExpr x, size_t *dims, size_t maxd) {
    if (ly_is_packed(x)) {
        LyPacked *p = ly_packed(x);
        size_t r = p->h.aux < maxd ? p->h.aux : maxd;
        memcpy(dims, p->dims, r * sizeof(size_t));
        return r;
    }
    if (!ly_is_normal(x) || maxd == 0) return 0;
    LyExpr h = ly_nhead(x);
    size_t n = ly_nlen(x);
    dims[0] = n;
    if (n == 0) return 1;
    /* the common depth of the elements that share the head */
    size_t best = maxd - 1;
    size_t sub[64];
    for (size_t i = 1; i <= n && best > 0; i++) {
        LyExpr a = ly_narg(x, i);
        bool same_head = ly_is_packed(a) ? h == LY_SYM(List) : (ly_is_normal(a) && ly_equal(ly_nhead(a), h));
        if (!same_head) { best = 0; break; }
        size_t d = dims_of(a, sub, best < 64 ? best : 64);
        if (i == 1) { memcpy(dims + 1, sub, d * sizeof(size_t)); best = d; continue; }
        size_t k = 0;
        while (k < d && k < best && sub[k] == dims[1 + k]) k++;
        best = k;
    }
    return 1 + best;
}

static LyExpr b_dimensions(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    size_t maxd = 64;
    if (ly_nlen(e) == 2) {
        LyExpr n = ly_narg(e, 2);
        if (!ly_is_small(n) || ly_small(n) < 0) return NULL;
        if ((size_t)ly_small(n) < maxd) maxd = (size_t)ly_small(n);
    }
    size_t dims[64];
    size_t r = dims_of(ly_narg(e, 1), dims, maxd);
    int64_t v[64];
    for (size_t i = 0; i < r; i++) v[i] = (int64_t)dims[i];
    if (r == 0) return ly_list(vm, 0, NULL);
    return ly_packed_int64(vm, r, v);
}

static LyExpr b_arraydepth(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    size_t dims[64];
    return ly_int(vm, (int64_t)dims_of(ly_narg(e, 1), dims, 64));
}

/* ---- type tests -------------------------------------------------------------------------------- */

static bool is_atom(LyExpr x) { return !ly_is_normal(x) && !ly_is_packed(x); }

#define UNARY_TEST(fname, cond)                                      \
    static LyExpr fname(LyVM *vm, LyExpr e) {                        \
        if (!lys_argc(vm, e, 1, 1)) return NULL;                     \
        LyExpr x = ly_narg(e, 1);                                    \
        (void)x;                                                     \
        return lys_bool(cond);                                       \
    }

static bool is_even(LyExpr x) {
    if (ly_is_small(x)) return (ly_small(x) & 1) == 0;
    if (ly_type(x) == LY_TBIG) return (((LyBig *)x)->limbs[0] & 1) == 0;
    return false;
}

UNARY_TEST(b_atomq, is_atom(x))
UNARY_TEST(b_numberq, ly_is_number(x) || lys_is_bigreal(vm, x))
static bool inexact_number(LyExpr x) {
    if (ly_is_real(x)) return true;
    if (ly_type(x) == LY_TCOMPLEX) return ly_is_real(((LyComplex *)x)->re) || ly_is_real(((LyComplex *)x)->im);
    return false;
}
UNARY_TEST(b_exactnumberq, ly_is_number(x) && !inexact_number(x))
UNARY_TEST(b_inexactnumberq, inexact_number(x) || lys_is_bigreal(vm, x))
UNARY_TEST(b_machinenumberq, inexact_number(x))
UNARY_TEST(b_numericq, lys_numericq(vm, x))
UNARY_TEST(b_integerq, ly_is_integer(x))
UNARY_TEST(b_evenq, ly_is_integer(x) && is_even(x))
UNARY_TEST(b_oddq, ly_is_integer(x) && !is_even(x))
UNARY_TEST(b_stringq, ly_is_string(x))
UNARY_TEST(b_listq, lys_is_list(x))
UNARY_TEST(b_associationq, ly_type(x) == LY_TASSOC)
UNARY_TEST(b_booleanq, x == LY_SYM(True) || x == LY_SYM(False))

static LyExpr b_missingq(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    return lys_bool(ly_head_is(ly_narg(e, 1), LY_SYM(Missing)));
}

/* test[x] === True, or true when there is no test. -1 on an exit. */
static int passes(LyVM *vm, LyExpr test, LyExpr x) {
    if (!test) return 1;
    LyExpr r = lys_apply_eval(vm, test, 1, &x);
    if (!r) return -1;
    int ok = r == LY_SYM(True);
    ly_unref(vm, r);
    return ok;
}

/* Every element of the packed or normal x (at the first level) passes. */
static LyExpr all_elements(LyVM *vm, LyExpr x, LyExpr test, bool (*ok)(LyExpr)) {
    size_t n = lys_list_len(x);
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_part(vm, x, i);
        if (!a) return NULL;
        bool good = ok(a);
        int t = good ? passes(vm, test, a) : 0;
        ly_unref(vm, a);
        if (t < 0) return NULL;
        if (!t) return LY_SYM(False);
    }
    return LY_SYM(True);
}

static bool not_list(LyExpr a) { return !lys_is_list(a); }

static LyExpr b_vectorq(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1), test = ly_nlen(e) == 2 ? ly_narg(e, 2) : NULL;
    if (ly_is_packed(x) && ly_packed(x)->h.aux != 1) return LY_SYM(False);
    if (!lys_is_list(x)) return LY_SYM(False);
    if (ly_is_packed(x) && !test) return LY_SYM(True);
    return all_elements(vm, x, test, not_list);
}

static LyExpr b_matrixq(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1), test = ly_nlen(e) == 2 ? ly_narg(e, 2) : NULL;
    if (ly_is_packed(x)) {
        if (ly_packed(x)->h.aux != 2) return LY_SYM(False);
        if (!test) return LY_SYM(True);
    }
    if (!lys_is_list(x)) return LY_SYM(False);
    size_t dims[64];
    if (dims_of(x, dims, 2) != 2) return LY_SYM(False);
    LyExpr u = lys_unpacked(vm, x);
    if (!u) return NULL;
    LyExpr r = LY_SYM(True);
    for (size_t i = 1; i <= ly_nlen(u) && r == LY_SYM(True); i++) {
        LyExpr row = ly_narg(u, i);
        if (!lys_is_list(row)) { r = LY_SYM(False); break; }
        r = all_elements(vm, row, test, not_list);
        if (!r) break;
    }
    ly_unref(vm, u);
    return r;
}

static LyExpr b_arrayq(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 3)) return NULL;
    LyExpr x = ly_narg(e, 1);
    size_t dims[64];
    size_t r = dims_of(x, dims, 64);
    if (r == 0) return LY_SYM(False);
    /* full array: the leaves are at depth r exactly */
    if (!ly_is_packed(x) && (size_t)depth(x) != r + 1) return LY_SYM(False);
    if (ly_nlen(e) >= 2) {
        LyExpr d = ly_narg(e, 2);
        if (ly_is_small(d) && (size_t)ly_small(d) != r) return LY_SYM(False);
    }
    if (ly_nlen(e) == 3) {
        LyExpr u = lys_unpacked(vm, x);
        if (!u) return NULL;
        /* test every leaf */
        LyExpr flat = lys_apply_eval(vm, ly_symbol(vm, "Flatten"), 1, &u);
        ly_unref(vm, u);
        if (!flat) return NULL;
        LyExpr res = ly_head_is(flat, LY_SYM(List)) || ly_is_packed(flat)
                         ? all_elements(vm, flat, ly_narg(e, 3), not_list) : LY_SYM(False);
        ly_unref(vm, flat);
        return res;
    }
    return LY_SYM(True);
}

/* ---- packed arrays (Developer` context, as in Wolfram) ------------------------------------------ */

static LyExpr b_packedarrayq(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 3)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!ly_is_packed(x)) return LY_SYM(False);
    LyPacked *p = ly_packed(x);
    if (ly_nlen(e) >= 2) {
        LyExpr t = ly_narg(e, 2);
        if (t == LY_SYM(Integer) && p->h.flags != LY_PACKED_INT64) return LY_SYM(False);
        if (t == LY_SYM(Real) && p->h.flags != LY_PACKED_REAL) return LY_SYM(False);
        if (t == LY_SYM(Complex)) return LY_SYM(False);
    }
    if (ly_nlen(e) == 3 && !(ly_is_small(ly_narg(e, 3)) && ly_small(ly_narg(e, 3)) == p->h.aux)) return LY_SYM(False);
    return LY_SYM(True);
}

static LyExpr b_topackedarray(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    LyExpr p = ly_try_pack(vm, x);
    if (p && !ly_is_packed(p) && lys_is_list(x)) {
        /* integers among reals: packed as reals, as Wolfram does */
        LyExpr nx = lys_numericalize(vm, x);
        LyExpr q = nx ? ly_try_pack(vm, nx) : NULL;
        ly_unref(vm, nx);
        if (q && ly_is_packed(q) && ly_packed(q)->h.flags == LY_PACKED_REAL) { ly_unref(vm, p); p = q; }
        else ly_unref(vm, q);
    }
    if (!p || ly_nlen(e) == 1 || !ly_is_packed(p)) return p;
    /* ToPackedArray[x, Real]: integers as reals */
    if (ly_narg(e, 2) == LY_SYM(Real) && ly_packed(p)->h.flags == LY_PACKED_INT64) {
        LyExpr r = ly_mkpacked(vm, LY_PACKED_REAL, ly_packed(p)->h.aux, ly_packed(p)->dims);
        if (r) for (size_t i = 0; i < ly_packed(p)->len; i++)
            ((double *)ly_packed(r)->data)[i] = (double)((int64_t *)ly_packed(p)->data)[i];
        ly_unref(vm, p);
        return r;
    }
    return p;
}

static LyExpr b_frompackedarray(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    return ly_evaluated(vm, ly_unpack(vm, ly_narg(e, 1)));
}

/* ---- table ------------------------------------------------------------------------------------- */

static const LyBuiltin predicate_builtins[] = {
    { "Developer`PackedArrayQ", b_packedarrayq, "Protected",
      "Developer`PackedArrayQ[expr] returns True if expr is a packed array.\n"
      "Developer`PackedArrayQ[expr, type] tests for a packed array of the given type (Integer or Real).\n"
      "Developer`PackedArrayQ[expr, type, rank] also tests the rank." },
    { "Developer`ToPackedArray", b_topackedarray, "Protected",
      "Developer`ToPackedArray[expr] uses packed array form if possible for the array expr.\n"
      "Developer`ToPackedArray[expr, type] uses packed array form of the given type." },
    { "Developer`FromPackedArray", b_frompackedarray, "Protected",
      "Developer`FromPackedArray[expr] unpacks expr so that its elements are ordinary expressions." },
    { "Head", b_head, "Protected", "Head[expr] gives the head of expr." },
    { "Length", b_length, "Protected", "Length[expr] gives the number of elements in expr." },
    { "Depth", b_depth, "Protected",
      "Depth[expr] gives the maximum number of indices needed to specify any part of expr, plus 1." },
    { "Dimensions", b_dimensions, "Protected",
      "Dimensions[expr] gives a list of the dimensions of expr." },
    { "ArrayDepth", b_arraydepth, "Protected",
      "ArrayDepth[expr] gives the depth to which expr is a full array, with all the parts at a particular level being lists of the same length." },
    { "AtomQ", b_atomq, "Protected",
      "AtomQ[expr] yields True if expr is an expression which cannot be divided into subexpressions, and yields False otherwise." },
    { "ExactNumberQ", b_exactnumberq, "Protected",
      "ExactNumberQ[expr] returns True if expr is an exact real or complex number, and returns False otherwise." },
    { "InexactNumberQ", b_inexactnumberq, "Protected",
      "InexactNumberQ[expr] returns True if expr is an inexact real or complex number, and returns False otherwise." },
    { "MachineNumberQ", b_machinenumberq, "Protected",
      "MachineNumberQ[expr] returns True if expr is a machine-precision real or complex number, and returns False otherwise." },
    { "NumberQ", b_numberq, "Protected",
      "NumberQ[expr] gives True if expr is a number, and False otherwise." },
    { "NumericQ", b_numericq, "Protected",
      "NumericQ[expr] gives True if expr is a numeric quantity, and False otherwise." },
    { "IntegerQ", b_integerq, "Protected",
      "IntegerQ[expr] gives True if expr is an integer, and False otherwise." },
    { "EvenQ", b_evenq, "Listable Protected",
      "EvenQ[expr] gives True if expr is an even integer, and False otherwise." },
    { "OddQ", b_oddq, "Listable Protected",
      "OddQ[expr] gives True if expr is an odd integer, and False otherwise." },
    { "StringQ", b_stringq, "Protected",
      "StringQ[expr] gives True if expr is a string, and False otherwise." },
    { "ListQ", b_listq, "Protected", "ListQ[expr] gives True if expr is a list, and False otherwise." },
    { "VectorQ", b_vectorq, "Protected",
      "VectorQ[expr] gives True if expr is a list or a one-dimensional SparseArray object, none of whose elements are themselves lists, and gives False otherwise." },
    { "MatrixQ", b_matrixq, "Protected",
      "MatrixQ[expr] gives True if it is a list or a two-dimensional SparseArray object that can represent a matrix, and gives False otherwise." },
    { "ArrayQ", b_arrayq, "Protected",
      "ArrayQ[expr] gives True if expr is a full array or a SparseArray object, and gives False otherwise." },
    { "AssociationQ", b_associationq, "Protected",
      "AssociationQ[expr] gives True if expr is a valid Association object, and False otherwise." },
    { "MissingQ", b_missingq, "Protected",
      "MissingQ[expr] gives True if expr has head Missing." },
    { "BooleanQ", b_booleanq, "Protected",
      "BooleanQ[expr] returns True if expr is either True or False." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_predicates(LyVM *vm);
LyStatus lys_open_predicates(LyVM *vm) { return ly_register_table(vm, predicate_builtins); }
