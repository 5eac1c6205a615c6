/**
 * The Rosenbrock stages' linear combinations as generated straight-line code, one function per
 * stage, with the method's coefficients as literals and the state count as a constant bound:
 *   point sum  u   = y    + Σ_{j<s} a_sj k_j          (where stage s evaluates the RHS),
 *   slope sum  k_s = base + Σ_{j<s} (C_sj · (1/h)) k_j (the right-hand side of W k_s = …),
 * over stage vectors stored contiguously (k_j at offset j·n). Each element is one expression
 * summed left to right, the same operations in the same order as a plain loop, so results are
 * bit-identical to it. V8 neither unrolls the short j-loop nor keeps coefficients read from an
 * array in registers; written out, a Rodas5P attempt's twelve sums over 52 states took 1.6 µs
 * instead of 2.2 µs (per-stage-count switch) or 2.4 µs (generic loop) in a micro-benchmark.
 */
import { compileCached } from "./compile-cache.ts";

/** Writes u[i] = y[i] + Σ_{j<s} a_sj k[j·n + i] for the stage it was generated for. */
export type PointSum = (u: Float64Array, y: Float64Array, k: Float64Array) => void;

/** Writes k[s·n + i] = base[i] + Σ_{j<s} (C_sj · invH) k[j·n + i] for its stage s; invH = 1/h (1/s). */
export type SlopeSum = (k: Float64Array, base: Float64Array, invH: number) => void;

/** Per-stage sums of one method for one state count; index s is stage s (0-based); null where a row is empty. */
export interface RosenbrockSums {
  point: (PointSum | null)[];
  slope: (SlopeSum | null)[];
}

/** A coefficient as a JavaScript literal that parses back to the same double. */
function literal(v: number): string {
  if (!Number.isFinite(v)) throw new RangeError(`stage coefficient ${v} is not finite`);
  return `(${v})`;
}

/** The sum expression base[i] + Σ_j coef_j · k[j·n + i] (coef_j are code snippets). */
function sumExpression(base: string, coef: readonly string[], n: number): string {
  let e = `${base}[i]`;
  for (let j = 0; j < coef.length; j++) e += ` + ${coef[j]} * k[${j * n} + i]`;
  return e;
}

/**
 * Generates the point and slope sums of a Rosenbrock method in W-form (Hairer & Wanner, Solving
 * ODEs II, §IV.7): `a[s]` and `C[s]` are the strictly lower-triangular rows of stage s, `n` the
 * number of states. Functions are cached by source, so repeated solves reuse optimised code.
 */
export function rosenbrockSums(
  a: readonly (readonly number[])[], C: readonly (readonly number[])[], n: number,
): RosenbrockSums {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`rosenbrockSums: state count ${n}`);
  const point = a.map((row) => {
    if (row.length === 0) return null;
    const body = `for (let i = 0; i < ${n}; i++) u[i] = ${sumExpression("y", row.map(literal), n)};`;
    return compileCached<PointSum>(["u", "y", "k"], body);
  });
  const slope = C.map((row, s) => {
    if (row.length === 0) return null;
    if (row.length !== s) throw new RangeError(`rosenbrockSums: C row ${s} has ${row.length} entries`);
    const locals = row.map((c, j) => `const c${j} = ${literal(c)} * invH;`).join(" ");
    const coef = row.map((_, j) => `c${j}`);
    const body = `${locals}\nfor (let i = 0; i < ${n}; i++) k[${s * n} + i] = ${sumExpression("base", coef, n)};`;
    return compileCached<SlopeSum>(["k", "base", "invH"], body);
  });
  return { point, slope };
}

/** Writes a Rodas segment's interpolation vectors: out[(2 + r)·n + i] = Σ_j h_rj k[j·n + i] (rows 0..2). */
export type DenseSum = (out: Float64Array, k: Float64Array) => void;

/**
 * Generates the dense-output sums of a Rodas method with S stages from its two or three rows of
 * weights `h` (a missing third row writes zeros: the interpolant's θ³ term vanishes, as in
 * Rodas4's third-order interpolant).
 */
export function rosenbrockDense(h: readonly (readonly number[])[], S: number, n: number): DenseSum {
  if (h.length < 2 || h.length > 3 || h.some((row) => row.length !== S)) {
    throw new RangeError(`rosenbrockDense: need 2 or 3 rows of ${S} weights`);
  }
  const lines: string[] = [];
  for (let j = 0; j < S; j++) lines.push(`const k${j} = k[${j * n} + i];`);
  for (let r = 0; r < 3; r++) {
    const row = h[r];
    const e = row ? row.map((w, j) => `${literal(w)} * k${j}`).join(" + ") : "0";
    lines.push(`out[${(2 + r) * n} + i] = ${e};`);
  }
  return compileCached<DenseSum>(["out", "k"], `for (let i = 0; i < ${n}; i++) {\n${lines.join("\n")}\n}`);
}
