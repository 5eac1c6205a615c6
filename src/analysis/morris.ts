/**
 * Morris elementary effects screening (Morris 1991, Technometrics 33(2):161-174,
 * doi:10.1080/00401706.1991.10484804) with μ* (Campolongo, Cariboni & Saltelli 2007, Environ
 * Model Softw 22:1509-1518, doi:10.1016/j.envsoft.2006.10.004). A trajectory starts at a random
 * point of a p-level grid and moves one factor at a time by Δ = p/(2(p−1)) in random order.
 * Effects are per unit of the scaled [0, 1] factor, i.e. per the factor's whole range.
 */
import { InputError } from "../errors.ts";
import { validateSeed, xoshiro128ss } from "../sweep/prng.ts";
import { scaleToRange, validateRange, type VariableRange } from "../sweep/scale.ts";

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
  const random = xoshiro128ss(validateSeed(options.seed), 77);
  const k = names.length;
  const delta = p / (2 * (p - 1));
  const points: Array<Record<string, number>> = [];
  const steps: MorrisDesign["steps"] = [];
  const x = new Float64Array(k);
  const toPoint = (): Record<string, number> => Object.fromEntries(names.map((n, j) => [n, scaleToRange(x[j], rs[j])]));
  for (let t = 0; t < r; t++) {
    const dir = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      const level = Math.floor(random() * (p / 2)) / (p - 1); // lower half, so x + Δ stays on the grid
      const up = random() < 0.5;
      x[j] = up ? level : level + delta;
      dir[j] = up ? delta : -delta;
    }
    const order = Array.from({ length: k }, (_, j) => j);
    for (let j = k - 1; j > 0; j--) {
      const s = Math.floor(random() * (j + 1));
      [order[j], order[s]] = [order[s], order[j]];
    }
    points.push(toPoint());
    for (const j of order) {
      x[j] += dir[j];
      points.push(toPoint());
      steps.push({ factor: j, delta: dir[j] });
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
