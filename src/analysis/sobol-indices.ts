/**
 * Variance-based global sensitivity: Sobol' first-order and total indices (Sobol' 2001, Math
 * Comput Simul 55:271-280, doi:10.1016/S0378-4754(00)00270-6) from a Saltelli design — matrices
 * A and B from one 2k-dimensional Sobol sequence and the k matrices A_B^(i) (A with column i from
 * B). Estimators as recommended by Saltelli et al. 2010 (Comput Phys Commun 181:259-270,
 * doi:10.1016/j.cpc.2009.09.018), Table 2: first order (b) V_i = mean(f(B)(f(A_B^i) − f(A))),
 * total (f, Jansen 1999) VT_i = mean((f(A) − f(A_B^i))²)/2. Percentile bootstrap CIs over rows.
 * The design is the one a sweep spec with `sample: { method: saltelli }` enumerates
 * (src/sweep/designs.ts), so `sobolFromSweep` analyses the rows of such a sweep.
 */
import { InputError } from "../errors.ts";
import { validateSeed, xoshiro128ss } from "../sweep/prng.ts";
import { scaleToRange, validateRange, type VariableRange } from "../sweep/scale.ts";
import { SOBOL_MAX_DIMENSION, sobolSequence } from "../sweep/sobol.ts";
import { saltelliUnitPoint } from "../sweep/designs.ts";
import type { SweepSpec } from "../sweep/spec.ts";

/** A Saltelli design: for each of n rows, k + 2 points in the order A, B, A_B^1 … A_B^k. */
export interface SaltelliDesign {
  names: string[];
  n: number;
  /** The points (absent when the outputs come from a sweep). */
  points?: Array<Record<string, number>>;
}

/** A sensitivity index with its bootstrap confidence interval. */
export interface IndexEstimate {
  estimate: number;
  ci: [number, number];
}

/** First-order and total Sobol' indices of one factor. */
export interface SobolIndex {
  name: string;
  first: IndexEstimate;
  total: IndexEstimate;
}

/** Builds a Saltelli design of n rows (n a power of 2 is best) over named ranges: n(k + 2) points. */
export function saltelliDesign(ranges: Record<string, VariableRange>, n: number): SaltelliDesign {
  const names = Object.keys(ranges);
  const k = names.length;
  if (k === 0) throw new InputError("ranges", ranges, "at least one factor range");
  if (2 * k > SOBOL_MAX_DIMENSION) throw new InputError("ranges", k, `at most ${SOBOL_MAX_DIMENSION / 2} factors`);
  if (!Number.isInteger(n) || n < 2) throw new InputError("n", n, "an integer ≥ 2 base samples");
  const rs = names.map((name) => validateRange(ranges[name], `ranges.${name}`));
  const seq = sobolSequence(2 * k);
  const u = new Float64Array(k);
  const scratch = new Float64Array(2 * k);
  const points: Array<Record<string, number>> = [];
  for (let s = 0; s < n * (k + 2); s++) {
    saltelliUnitPoint(seq, k, s, u, scratch);
    points.push(Object.fromEntries(names.map((name, j) => [name, scaleToRange(u[j], rs[j])])));
  }
  return { names, n, points };
}

/** Options of `sobolIndices`. */
export interface SobolIndicesOptions {
  /** Bootstrap resamples. Default 500. */
  bootstrap?: number;
  /** Confidence level. Default 0.95. */
  level?: number;
  /** Seed of the bootstrap. Default 0. */
  seed?: number;
}

function estimate(y: ArrayLike<number>, k: number, rows: ArrayLike<number>, i: number): [number, number] {
  const n = rows.length;
  let mean = 0;
  for (let r = 0; r < n; r++) mean += y[rows[r] * (k + 2)] + y[rows[r] * (k + 2) + 1];
  mean /= 2 * n;
  let v = 0;
  let vi = 0;
  let vt = 0;
  for (let r = 0; r < n; r++) {
    const base = rows[r] * (k + 2);
    const fa = y[base];
    const fb = y[base + 1];
    const fab = y[base + 2 + i];
    v += (fa - mean) ** 2 + (fb - mean) ** 2;
    vi += fb * (fab - fa);
    vt += (fa - fab) ** 2;
  }
  v /= 2 * n;
  return [vi / n / v, vt / (2 * n) / v];
}

/** First-order and total Sobol' indices from outputs y of a Saltelli design's points (same order). */
export function sobolIndices(design: SaltelliDesign, y: ArrayLike<number>, options: SobolIndicesOptions = {}): SobolIndex[] {
  const k = design.names.length;
  const size = design.n * (k + 2);
  if (y.length !== size) throw new InputError("y", y.length, `one output per design point (${size})`);
  const B = options.bootstrap ?? 500;
  const level = options.level ?? 0.95;
  const random = xoshiro128ss(validateSeed(options.seed ?? 0), 91);
  const all = Uint32Array.from({ length: design.n }, (_, r) => r);
  const boot: Float64Array[] = design.names.map(() => new Float64Array(2 * B));
  const rows = new Uint32Array(design.n);
  for (let b = 0; b < B; b++) {
    for (let r = 0; r < design.n; r++) rows[r] = Math.floor(random() * design.n);
    for (let i = 0; i < k; i++) {
      const [s, t] = estimate(y, k, rows, i);
      boot[i][b] = s;
      boot[i][B + b] = t;
    }
  }
  const interval = (xs: Float64Array): [number, number] => {
    const sorted = Float64Array.from(xs).sort();
    const lo = sorted[Math.floor(((1 - level) / 2) * (xs.length - 1))];
    const hi = sorted[Math.ceil(((1 + level) / 2) * (xs.length - 1))];
    return [lo, hi];
  };
  return design.names.map((name, i) => {
    const [s, t] = estimate(y, k, all, i);
    return {
      name,
      first: { estimate: s, ci: B > 0 ? interval(boot[i].subarray(0, B)) : [NaN, NaN] },
      total: { estimate: t, ci: B > 0 ? interval(boot[i].subarray(B)) : [NaN, NaN] },
    };
  });
}

/** Sobol' analysis of a function of named factors: Saltelli design of n rows, evaluation, indices. */
export function sobolAnalysis(
  f: (point: Record<string, number>) => number, ranges: Record<string, VariableRange>, n: number, options: SobolIndicesOptions = {},
): SobolIndex[] {
  const design = saltelliDesign(ranges, n);
  return sobolIndices(design, design.points!.map(f), options);
}

/**
 * Sobol' indices from the outcome column of a `method: saltelli` sweep (point-index order, one
 * factorial combination). Base rows with a failed point (non-finite value) are left out;
 * `rowsUsed` says how many remained.
 */
export function sobolFromSweep(spec: SweepSpec, y: ArrayLike<number>, options: SobolIndicesOptions = {}): SobolIndex[] & { rowsUsed: number } {
  const sample = spec.sample;
  if (!sample || sample.method !== "saltelli") throw new InputError("spec.sample.method", sample?.method ?? null, '"saltelli"');
  const names = Object.keys(sample.variables);
  const w = names.length + 2;
  if (y.length !== sample.n * w) throw new InputError("y", y.length, `one value per design point (${sample.n * w})`);
  const kept: number[] = [];
  for (let r = 0; r < sample.n; r++) {
    let complete = true;
    for (let j = 0; j < w; j++) if (!Number.isFinite(y[r * w + j])) complete = false;
    if (complete) for (let j = 0; j < w; j++) kept.push(y[r * w + j]);
  }
  const used = kept.length / w;
  if (used < 2) throw new InputError("y", `${used} complete rows`, "at least 2 Saltelli rows without a failed point");
  return Object.assign(sobolIndices({ names, n: used }, Float64Array.from(kept), options), { rowsUsed: used });
}
