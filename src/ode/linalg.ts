/**
 * Small dense LU factorisation with partial pivoting, in place on a row-major Float64Array.
 * Written for the Rosenbrock iteration matrix: no allocation, factor once, solve many times.
 */

/**
 * Factors the n×n row-major matrix `a` in place (L unit-lower and U share the storage; the
 * diagonal holds 1/u_kk so solves multiply instead of divide) and writes the row permutation
 * (LAPACK getrf convention) into `piv`. Returns 0 on success, or k+1 when the pivot of
 * column k is exactly zero or not finite (the matrix is singular to working precision).
 */
export function luFactor(a: Float64Array, n: number, piv: Int32Array): number {
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(a[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    piv[k] = p;
    if (!(best > 0) || best === Infinity) return k + 1;
    if (p !== k) {
      const rp = p * n;
      const rk = k * n;
      for (let j = 0; j < n; j++) {
        const tmp = a[rk + j];
        a[rk + j] = a[rp + j];
        a[rp + j] = tmp;
      }
    }
    const rk = k * n;
    const inv = 1 / a[rk + k];
    a[rk + k] = inv;
    for (let i = k + 1; i < n; i++) {
      const ri = i * n;
      const l = a[ri + k] * inv;
      a[ri + k] = l;
      if (l !== 0) {
        for (let j = k + 1; j < n; j++) a[ri + j] -= l * a[rk + j];
      }
    }
  }
  return 0;
}

/** Applies the factorisation's row interchanges, in order, to the n-vector at `offset` in `buf`. */
function applyRowSwaps(n: number, piv: Int32Array, buf: Float64Array, offset: number): void {
  for (let k = 0; k < n; k++) {
    const p = piv[k];
    if (p !== k) {
      const tmp = buf[offset + k];
      buf[offset + k] = buf[offset + p];
      buf[offset + p] = tmp;
    }
  }
}

/**
 * Solves A x = b in place using the factors from {@link luFactor}; b is the n-vector stored at
 * `offset` in `buf` (so stage vectors packed in one array need no views).
 */
export function luSolve(lu: Float64Array, n: number, piv: Int32Array, buf: Float64Array, offset = 0): void {
  applyRowSwaps(n, piv, buf, offset);
  for (let i = 1; i < n; i++) {
    const ri = i * n;
    let s = buf[offset + i];
    for (let j = 0; j < i; j++) s -= lu[ri + j] * buf[offset + j];
    buf[offset + i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    let s = buf[offset + i];
    for (let j = i + 1; j < n; j++) s -= lu[ri + j] * buf[offset + j];
    buf[offset + i] = s * lu[ri + i];
  }
}

/** Where the nonzeros of dense LU factors are: row i of L is cols[lo[i]..mid[i]), of U cols[mid[i]..lo[i+1]). */
export interface LuNonzeros {
  /** n + 1 row starts. */
  lo: Int32Array;
  /** n ends of the L part (= starts of the U part) of each row. */
  mid: Int32Array;
  /** Column indices, capacity n·n. */
  cols: Int32Array;
}

/** Work arrays for {@link luNonzeros} of an n×n matrix (allocate once). */
export function luNonzerosFor(n: number): LuNonzeros {
  return { lo: new Int32Array(n + 1), mid: new Int32Array(n), cols: new Int32Array(n * n) };
}

/**
 * Records the off-diagonal nonzeros of the factors from {@link luFactor}, so that
 * {@link luSolveNonzeros} can skip the exact zeros of a factored sparse matrix (O(n²) once per
 * factorisation; the solves then cost O(nonzeros)).
 */
export function luNonzeros(lu: Float64Array, n: number, nz: LuNonzeros): void {
  const { lo, mid, cols } = nz;
  let q = 0;
  for (let i = 0; i < n; i++) {
    lo[i] = q;
    const ri = i * n;
    for (let j = 0; j < i; j++) if (lu[ri + j] !== 0) cols[q++] = j;
    mid[i] = q;
    for (let j = i + 1; j < n; j++) if (lu[ri + j] !== 0) cols[q++] = j;
  }
  lo[n] = q;
}

/**
 * As {@link luSolve}, visiting only the factor entries listed by {@link luNonzeros}. A skipped
 * term is s − 0·x, which leaves s unchanged for finite x except that s = −0 could become +0:
 * the result is luSolve's, up to the sign of an exact zero.
 */
export function luSolveNonzeros(
  lu: Float64Array, n: number, piv: Int32Array, nz: LuNonzeros, buf: Float64Array, offset = 0,
): void {
  const { lo, mid, cols } = nz;
  applyRowSwaps(n, piv, buf, offset);
  for (let i = 1; i < n; i++) {
    const ri = i * n;
    let s = buf[offset + i];
    for (let q = lo[i], e = mid[i]; q < e; q++) {
      const j = cols[q];
      s -= lu[ri + j] * buf[offset + j];
    }
    buf[offset + i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    let s = buf[offset + i];
    for (let q = mid[i], e = lo[i + 1]; q < e; q++) {
      const j = cols[q];
      s -= lu[ri + j] * buf[offset + j];
    }
    buf[offset + i] = s * lu[ri + i];
  }
}
