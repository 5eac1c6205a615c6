/**
 * Morris elementary effects screening (Morris 1991, Technometrics 33(2):161-174,
 * doi:10.1080/00401706.1991.10484804) with μ* (Campolongo, Cariboni & Saltelli 2007, Environ
 * Model Softw 22:1509-1518, doi:10.1016/j.envsoft.2006.10.004). A trajectory starts at a random
 * point of a p-level grid and moves one factor at a time by Δ = p/(2(p−1)) in random order.
 * Effects are per unit of the scaled [0, 1] factor, i.e. per the factor's whole range. The design
 * is the one a sweep spec with `sample: { method: morris }` enumerates (src/sweep/designs.ts), so
 * `morrisFromSweep` analyses the rows of such a sweep.
 */
import { InputError } from "../errors.ts";
import { morrisTrajectory, morrisUnitPoint } from "../sweep/designs.ts";
import { validateSeed } from "../sweep/prng.ts";
import { scaleToRange, validateRange, type VariableRange } from "../sweep/scale.ts";
import type { SweepSpec } from "../sweep/spec.ts";

/** Options of `morrisDesign`. */
export interface MorrisOptions {
  /** Number of trajectories r. Default 20. */
  trajectories?: number;
  /** Grid levels p (even, ≥ 2). Default 4. */
  levels?: number;
  seed: number;
}

/** A Morris design: r (k+1) points, trajectory by trajectory. */
export interface MorrisDesign {
  names: string[];
  /** Points in factor units, r·(k+1) of them. */
  points: Array<Record<string, number>>;
  /** For each step (r·k of them): the factor moved and the signed unit-scale step. */
  steps: Array<{ factor: number; delta: number }>;
  trajectories: number;
}

/** Per-factor Morris statistics (effects per factor range). */
export interface MorrisIndex {
  name: string;
  /** Mean elementary effect. */
  mu: number;
  /** Mean absolute elementary effect μ*. */
  muStar: number;
  /** Standard deviation of the elementary effects (non-linearity / interactions). */
  sigma: number;
}

/** Builds a seeded Morris trajectory design over named ranges. */
export function morrisDesign(ranges: Record<string, VariableRange>, options: MorrisOptions): MorrisDesign {
  const names = Object.keys(ranges);
  if (names.length === 0) throw new InputError("ranges", ranges, "at least one factor range");
  const rs = names.map((n) => validateRange(ranges[n], `ranges.${n}`));
  const r = options.trajectories ?? 20;
  const p = options.levels ?? 4;
  if (!Number.isInteger(r) || r < 2) throw new InputError("trajectories", r, "an integer ≥ 2");
  if (!Number.isInteger(p) || p < 2 || p % 2 !== 0) throw new InputError("levels", p, "an even integer ≥ 2");
  const seed = validateSeed(options.seed);
  const k = names.length;
  const points: Array<Record<string, number>> = [];
  const steps: MorrisDesign["steps"] = [];
  const x = new Float64Array(k);
  for (let t = 0; t < r; t++) {
    const tr = morrisTrajectory(t, k, p, seed);
    for (let j = 0; j <= k; j++) {
      morrisUnitPoint(tr, j, x);
      points.push(Object.fromEntries(names.map((n, m) => [n, scaleToRange(x[m], rs[m])])));
      if (j < k) steps.push({ factor: tr.order[j], delta: tr.delta[tr.order[j]] });
    }
  }
  return { names, points, steps, trajectories: r };
}

/** μ, μ* and σ of each factor from outputs y of the design's points (same order). */
export function morrisIndices(design: MorrisDesign, y: ArrayLike<number>): MorrisIndex[] {
  const k = design.names.length;
  if (y.length !== design.points.length) throw new InputError("y", y.length, `one output per design point (${design.points.length})`);
  const effects: number[][] = design.names.map(() => []);
  for (let t = 0; t < design.trajectories; t++) {
    for (let s = 0; s < k; s++) {
      const step = design.steps[t * k + s];
      const i = t * (k + 1) + s;
      effects[step.factor].push((y[i + 1] - y[i]) / step.delta);
    }
  }
  return design.names.map((name, j) => {
    const e = effects[j];
    const mu = e.reduce((a, b) => a + b, 0) / e.length;
    const muStar = e.reduce((a, b) => a + Math.abs(b), 0) / e.length;
    const sigma = Math.sqrt(e.reduce((a, b) => a + (b - mu) ** 2, 0) / (e.length - 1));
    return { name, mu, muStar, sigma };
  });
}

/** Morris screening of a function of named factors: design, evaluation, indices. */
export function morris(
  f: (point: Record<string, number>) => number, ranges: Record<string, VariableRange>, options: MorrisOptions,
): MorrisIndex[] {
  const design = morrisDesign(ranges, options);
  return morrisIndices(design, design.points.map(f));
}

/**
 * Morris indices from the outcome column of a `method: morris` sweep (values in point-index order,
 * one factorial combination). Trajectories with a failed point (non-finite value) are left out;
 * `trajectoriesUsed` says how many remained.
 */
export function morrisFromSweep(spec: SweepSpec, y: ArrayLike<number>): MorrisIndex[] & { trajectoriesUsed: number } {
  const sample = spec.sample;
  if (!sample || sample.method !== "morris") throw new InputError("spec.sample.method", sample?.method ?? null, '"morris"');
  const names = Object.keys(sample.variables);
  const k = names.length;
  if (y.length !== sample.n * (k + 1)) throw new InputError("y", y.length, `one value per design point (${sample.n * (k + 1)})`);
  const steps: MorrisDesign["steps"] = [];
  const kept: number[] = [];
  for (let t = 0; t < sample.n; t++) {
    let complete = true;
    for (let j = 0; j <= k; j++) if (!Number.isFinite(y[t * (k + 1) + j])) complete = false;
    if (!complete) continue;
    const tr = morrisTrajectory(t, k, sample.levels ?? 4, spec.seed);
    for (const j of tr.order) steps.push({ factor: j, delta: tr.delta[j] });
    for (let j = 0; j <= k; j++) kept.push(y[t * (k + 1) + j]);
  }
  const used = kept.length / (k + 1);
  if (used < 2) throw new InputError("y", `${used} complete trajectories`, "at least 2 trajectories without a failed point");
  const placeholder = { length: kept.length } as unknown as MorrisDesign["points"];
  const indices = morrisIndices({ names, points: placeholder, steps, trajectories: used }, Float64Array.from(kept));
  return Object.assign(indices, { trajectoriesUsed: used });
}
