/**
 * Sparse LU of the Rosenbrock iteration matrix W = c·I − J with a pivot order fixed once from
 * the Jacobian's sparsity pattern. The order is chosen on the structure alone (Markowitz:
 * cheapest diagonal pivot first, as in Duff, Erisman & Reid, "Direct Methods for Sparse
 * Matrices", ch. 7), the fill-in is computed symbolically, and factor and solves become flat
 * loops over precomputed index lists. Numerical safety: a pivot smaller than THRESHOLD × the
 * largest entry below it in its column makes `factor` report failure, and the caller falls back
 * to dense LU with partial pivoting for that matrix (threshold pivoting as in UMFPACK/MA48,
 * without the row exchanges).
 */

import {
  generateFactor, generateLoad, generateSolve,
  type GeneratedFactor, type GeneratedLoad, type GeneratedSolve, type LuStructure,
} from "./sparse-lu-codegen.ts";

/** Structural nonzeros of an n×n matrix: entry k is (rows[k], cols[k]), 0-based. */
export interface SparsityPattern {
  rows: ArrayLike<number>;
  cols: ArrayLike<number>;
}

/** Relative pivot threshold: |pivot| ≥ THRESHOLD · max |entries below it| or fall back. */
export const PIVOT_THRESHOLD = 0.1;

/** Sparse LU with a static diagonal pivot order; no allocation after construction. */
export class SparseLu {
  readonly n: number;
  /** perm[k] = original index of the k-th pivot. */
  readonly perm: Int32Array;
  /** Nonzeros of L + U, fill-in included. */
  readonly nnz: number;
  /** Multiply-adds of one factorisation. */
  readonly factorFlops: number;
  private readonly val: Float64Array;
  /** val index of pivot k (holds 1/u_kk after factoring). */
  private readonly diagPos: Int32Array;
  /** Column k of L (below the pivot): entries lStart[k]..lStart[k+1] of lRow/lPos. */
  private readonly lStart: Int32Array;
  private readonly lRow: Int32Array;
  private readonly lPos: Int32Array;
  /** Row k of U (right of the pivot): entries uStart[k]..uStart[k+1] of uCol/uPos. */
  private readonly uStart: Int32Array;
  private readonly uCol: Int32Array;
  private readonly uPos: Int32Array;
  /** Update targets, in factor-loop order (k, then i ∈ L_k, then j ∈ U_k). */
  private readonly upd: Int32Array;
  /** Loading J: val[gatherDst[q]] = −J[gatherSrc[q]]; gatherSrc lists every flat J index read. */
  readonly gatherSrc: Int32Array;
  private readonly gatherDst: Int32Array;
  /** val index of the diagonal entry of original row i. */
  private readonly diagOfRow: Int32Array;
  private readonly x: Float64Array;
  /** Straight-line load, factor and solve for this pattern (sparse-lu-codegen.ts); null: loop forms. */
  private readonly generatedLoad: GeneratedLoad | null;
  private readonly generatedFactor: GeneratedFactor | null;
  private readonly generatedSolve: GeneratedSolve | null;

  /**
   * Orders and analyses the pattern of I + pattern(J) for n×n matrices. `straightLine` (default true): generate straight-line code for load, factor and solve
   * (sparse-lu-codegen.ts) when the pattern is small enough; false keeps the loop forms.
   */
  constructor(n: number, pattern: SparsityPattern, options: { straightLine?: boolean } = {}) {
    this.n = n;
    const S = new Uint8Array(n * n);
    for (let i = 0; i < n; i++) S[i * n + i] = 1;
    for (let q = 0; q < pattern.rows.length; q++) S[pattern.rows[q] * n + pattern.cols[q]] = 1;
    const original = S.slice();
    const perm = markowitzOrder(n, S);
    const where = new Int32Array(n);
    for (let k = 0; k < n; k++) where[perm[k]] = k;
    // S now holds the filled structure (original indices); number its entries in the permuted frame.
    const pos = new Int32Array(n * n).fill(-1);
    let nnz = 0;
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) if (S[perm[a] * n + perm[b]]) pos[a * n + b] = nnz++;
    }
    this.nnz = nnz;
    this.val = new Float64Array(nnz);
    this.diagPos = Int32Array.from({ length: n }, (_, k) => pos[k * n + k]);
    const lRow: number[] = [], lPos: number[] = [], uCol: number[] = [], uPos: number[] = [], upd: number[] = [];
    this.lStart = new Int32Array(n + 1);
    this.uStart = new Int32Array(n + 1);
    for (let k = 0; k < n; k++) {
      this.lStart[k] = lRow.length;
      this.uStart[k] = uCol.length;
      for (let i = k + 1; i < n; i++) if (pos[i * n + k] >= 0) { lRow.push(i); lPos.push(pos[i * n + k]); }
      for (let j = k + 1; j < n; j++) if (pos[k * n + j] >= 0) { uCol.push(j); uPos.push(pos[k * n + j]); }
      for (let a = this.lStart[k]; a < lRow.length; a++) {
        for (let b = this.uStart[k]; b < uCol.length; b++) upd.push(pos[lRow[a] * n + uCol[b]]);
      }
    }
    this.lStart[n] = lRow.length;
    this.uStart[n] = uCol.length;
    this.lRow = Int32Array.from(lRow);
    this.lPos = Int32Array.from(lPos);
    this.uCol = Int32Array.from(uCol);
    this.uPos = Int32Array.from(uPos);
    this.upd = Int32Array.from(upd);
    this.factorFlops = upd.length;
    const src: number[] = [], dst: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (original[i * n + j] && i !== j) { src.push(i * n + j); dst.push(pos[where[i] * n + where[j]]); }
      }
    }
    // Diagonal entries of J come first in the gather too (W_ii = c − J_ii).
    for (let i = 0; i < n; i++) { src.push(i * n + i); dst.push(pos[where[i] * n + where[i]]); }
    this.gatherSrc = Int32Array.from(src);
    this.gatherDst = Int32Array.from(dst);
    this.diagOfRow = Int32Array.from({ length: n }, (_, i) => pos[where[i] * n + where[i]]);
    this.perm = perm;
    this.x = new Float64Array(n);
    const structure: LuStructure = {
      n, perm, diagPos: this.diagPos, lStart: this.lStart, lRow: this.lRow, lPos: this.lPos,
      uStart: this.uStart, uCol: this.uCol, uPos: this.uPos, upd: this.upd,
    };
    const generate = options.straightLine ?? true;
    this.generatedLoad = generate ? generateLoad(nnz, this.gatherSrc, this.gatherDst, this.diagOfRow) : null;
    this.generatedFactor = generate ? generateFactor(structure, PIVOT_THRESHOLD) : null;
    this.generatedSolve = generate ? generateSolve(structure) : null;
  }

  /** Loads W = c·I − J from the dense row-major J (entries outside the pattern are ignored). */
  loadShiftedNegative(J: Float64Array, c: number): void {
    if (this.generatedLoad) return this.generatedLoad(J, c, this.val);
    const { val, gatherSrc, gatherDst, diagOfRow } = this;
    val.fill(0);
    for (let q = 0; q < gatherSrc.length; q++) val[gatherDst[q]] = -J[gatherSrc[q]];
    for (let i = 0; i < diagOfRow.length; i++) val[diagOfRow[i]] += c;
  }

  /**
   * Factors the loaded matrix in place. Returns false when a pivot is zero, not finite or below
   * the threshold: the caller must then factor the matrix densely with pivoting.
   */
  factor(): boolean {
    if (this.generatedFactor) return this.generatedFactor(this.val);
    const { n, val, diagPos, lStart, lPos, uStart, uPos, upd } = this;
    let q = 0;
    for (let k = 0; k < n; k++) {
      const piv = val[diagPos[k]];
      const l0 = lStart[k], l1 = lStart[k + 1];
      let colMax = 0;
      for (let a = l0; a < l1; a++) {
        const v = Math.abs(val[lPos[a]]);
        if (v > colMax) colMax = v;
      }
      const ap = Math.abs(piv);
      if (!(ap > 0) || ap === Infinity || ap < PIVOT_THRESHOLD * colMax) return false;
      const inv = 1 / piv;
      val[diagPos[k]] = inv;
      const u0 = uStart[k], u1 = uStart[k + 1];
      for (let a = l0; a < l1; a++) {
        const p = lPos[a];
        const l = val[p] * inv;
        val[p] = l;
        if (l !== 0) {
          for (let b = u0; b < u1; b++) val[upd[q++]] -= l * val[uPos[b]];
        } else {
          q += u1 - u0;
        }
      }
    }
    return true;
  }

  /** Solves W x = b in place; b is the n-vector at `offset` in `buf` (original order). */
  solve(buf: Float64Array, offset = 0): void {
    if (this.generatedSolve) return this.generatedSolve(buf, offset, this.val);
    const { n, val, perm, x, diagPos, lStart, lRow, lPos, uStart, uCol, uPos } = this;
    for (let k = 0; k < n; k++) x[k] = buf[offset + perm[k]];
    for (let k = 0; k < n; k++) {
      const xk = x[k];
      if (xk === 0) continue;
      for (let a = lStart[k], e = lStart[k + 1]; a < e; a++) x[lRow[a]] -= val[lPos[a]] * xk;
    }
    for (let k = n - 1; k >= 0; k--) {
      let s = x[k];
      for (let b = uStart[k], e = uStart[k + 1]; b < e; b++) s -= val[uPos[b]] * x[uCol[b]];
      x[k] = s * val[diagPos[k]];
    }
    for (let k = 0; k < n; k++) buf[offset + perm[k]] = x[k];
  }
}

/**
 * Diagonal pivot order minimising the Markowitz count (r−1)(c−1) at each step (ties: lowest
 * index), on structure only. Mutates S into the filled structure (original indices).
 */
function markowitzOrder(n: number, S: Uint8Array): Int32Array {
  const done = new Uint8Array(n);
  const perm = new Int32Array(n);
  const rowCount = new Int32Array(n);
  const colCount = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (S[i * n + j]) { rowCount[i]++; colCount[j]++; }
    }
  }
  for (let k = 0; k < n; k++) {
    let best = -1;
    let bestCost = Infinity;
    for (let p = 0; p < n; p++) {
      if (done[p]) continue;
      const cost = (rowCount[p] - 1) * (colCount[p] - 1);
      if (cost < bestCost) { bestCost = cost; best = p; }
    }
    perm[k] = best;
    done[best] = 1;
    // Eliminate `best`: every remaining (i, j) with S[i, best] and S[best, j] becomes nonzero.
    for (let i = 0; i < n; i++) {
      if (done[i] || !S[i * n + best]) continue;
      for (let j = 0; j < n; j++) {
        if (done[j] || !S[best * n + j] || S[i * n + j]) continue;
        S[i * n + j] = 1;
        rowCount[i]++;
        colCount[j]++;
      }
    }
    // Counts only cover the remaining submatrix.
    for (let i = 0; i < n; i++) {
      if (S[i * n + best]) rowCount[i]--;
      if (S[best * n + i]) colCount[i]--;
    }
  }
  return perm;
}
