/**
 * Straight-line code for the triangular solves of a SparseLu whose pattern is fixed: every
 * index is a constant and every unknown a local, so a solve is a list of multiply-adds with no
 * loop control or index arrays (the loop form spends most of its time on those for a pattern
 * with one to three entries per row). Same operations in the same order as the loop form.
 */
import { compileCached as compile } from "./compile-cache.ts";

/** Solves W x = b in place for the n-vector at `offset` in `buf`, given the factor values `val`. */
export type GeneratedSolve = (buf: Float64Array, offset: number, val: Float64Array) => void;

/** Loads val = c·I − J (in the factor's storage) from the dense row-major J. */
export type GeneratedLoad = (J: Float64Array, c: number, val: Float64Array) => void;

/** Factors the loaded values in place; false when a pivot fails the threshold test. */
export type GeneratedFactor = (val: Float64Array) => boolean;

/** Largest number of factor entries for which a straight-line solve is generated. */
export const MAX_GENERATED_ENTRIES = 20_000;

/** The factors' structure as SparseLu stores it (permuted frame; see sparse-lu.ts). */
export interface LuStructure {
  n: number;
  perm: Int32Array;
  diagPos: Int32Array;
  lStart: Int32Array;
  lRow: Int32Array;
  lPos: Int32Array;
  uStart: Int32Array;
  uCol: Int32Array;
  uPos: Int32Array;
  /** Update targets in factor-loop order (k, then i ∈ L_k, then j ∈ U_k). */
  upd: Int32Array;
}

/** Generates the solve for `s`, or null when the pattern is too large for straight-line code. */
export function generateSolve(s: LuStructure): GeneratedSolve | null {
  const { n, perm, diagPos, lStart, lRow, lPos, uStart, uCol, uPos } = s;
  if (lRow.length + uCol.length + n > MAX_GENERATED_ENTRIES) return null;
  const lines: string[] = [];
  for (let k = 0; k < n; k++) lines.push(`let x${k} = b[o + ${perm[k]}];`);
  // Forward substitution with the unit lower factor, column by column.
  for (let k = 0; k < n; k++) {
    for (let a = lStart[k]; a < lStart[k + 1]; a++) lines.push(`x${lRow[a]} -= v[${lPos[a]}] * x${k};`);
  }
  // Back substitution with U, row by row; its diagonal holds 1/u_kk.
  for (let k = n - 1; k >= 0; k--) {
    let expr = `x${k}`;
    for (let b = uStart[k]; b < uStart[k + 1]; b++) expr += ` - v[${uPos[b]}] * x${uCol[b]}`;
    lines.push(`x${k} = (${expr}) * v[${diagPos[k]}];`);
  }
  for (let k = 0; k < n; k++) lines.push(`b[o + ${perm[k]}] = x${k};`);
  return compile<GeneratedSolve>(["b", "o", "v"], lines.join("\n"));
}

/**
 * Generates the in-place factorisation for `s` (threshold test as SparseLu.factor: a pivot below
 * `threshold` × the largest entry under it returns false), or null for a very large pattern.
 */
export function generateFactor(s: LuStructure, threshold: number): GeneratedFactor | null {
  const { n, diagPos, lStart, lPos, uStart, uPos, upd } = s;
  if (upd.length + lPos.length + n > MAX_GENERATED_ENTRIES) return null;
  const lines: string[] = ["let piv, ap, colMax, inv, l;"];
  let q = 0;
  for (let k = 0; k < n; k++) {
    lines.push(`piv = v[${diagPos[k]}]; colMax = 0;`);
    for (let a = lStart[k]; a < lStart[k + 1]; a++) lines.push(`colMax = Math.max(colMax, Math.abs(v[${lPos[a]}]));`);
    lines.push(`ap = Math.abs(piv);`);
    lines.push(`if (!(ap > 0) || ap === Infinity || ap < ${threshold} * colMax) return false;`);
    lines.push(`inv = 1 / piv; v[${diagPos[k]}] = inv;`);
    for (let a = lStart[k]; a < lStart[k + 1]; a++) {
      const updates: string[] = [];
      for (let b = uStart[k]; b < uStart[k + 1]; b++) updates.push(`v[${upd[q++]}] -= l * v[${uPos[b]}];`);
      lines.push(`l = v[${lPos[a]}] * inv; v[${lPos[a]}] = l;`);
      if (updates.length) lines.push(`if (l !== 0) { ${updates.join(" ")} }`);
    }
  }
  lines.push("return true;");
  return compile<GeneratedFactor>(["v"], lines.join("\n"));
}

/**
 * Generates the load of c·I − J into factor storage of `nnz` entries: J's pattern entries
 * negated (gather val[dst[q]] = −J[src[q]]), fill-in zeroed, c added on `diag`; null when large.
 */
export function generateLoad(nnz: number, src: Int32Array, dst: Int32Array, diag: Int32Array): GeneratedLoad | null {
  if (nnz > MAX_GENERATED_ENTRIES) return null;
  const written = new Uint8Array(nnz);
  for (let q = 0; q < dst.length; q++) written[dst[q]] = 1;
  const lines: string[] = [];
  for (let p = 0; p < nnz; p++) if (!written[p]) lines.push(`v[${p}] = 0;`);
  for (let q = 0; q < src.length; q++) lines.push(`v[${dst[q]}] = -J[${src[q]}];`);
  for (let i = 0; i < diag.length; i++) lines.push(`v[${diag[i]}] += c;`);
  return compile<GeneratedLoad>(["J", "c", "v"], lines.join("\n"));
}
