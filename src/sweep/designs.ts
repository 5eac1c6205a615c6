/**
 * Sensitivity-analysis designs as sweep samples, so Sobol' and Morris analyses run through the
 * worker pool, resume and shard like any sweep. Point s of a design is a pure function of s:
 *
 * - Saltelli (Saltelli 2002, Comput Phys Commun 145:280-297, doi:10.1016/S0010-4655(02)00280-1):
 *   row r = ⌊s/(k+2)⌋ takes Sobol point r+1 of dimension 2k (the origin is skipped) as A (first k
 *   coordinates) and B (last k); within the row come A, B, then A_B^(i) = A with column i from B.
 * - Morris (Morris 1991, doi:10.1080/00401706.1991.10484804): trajectory t = ⌊s/(k+1)⌋ is drawn
 *   from its own seeded stream: a start on the lower half of a p-level grid, a direction per
 *   factor, and a random factor order; step j of the trajectory has moved the first j factors by Δ.
 */
import { xoshiro128ss } from "./prng.ts";
import type { SobolSequence } from "./sobol.ts";

/** Fills `out` (length k) with point s of a k-factor Saltelli design in the unit cube. */
export function saltelliUnitPoint(sobol: SobolSequence, k: number, s: number, out: Float64Array, scratch = new Float64Array(2 * k)): Float64Array {
  const row = Math.floor(s / (k + 2));
  const which = s % (k + 2);
  sobol.point(row + 1, scratch);
  for (let j = 0; j < k; j++) {
    const fromB = which === 1 || which - 2 === j;
    out[j] = fromB ? scratch[k + j] : scratch[j];
  }
  return out;
}

/** One Morris trajectory: unit-cube start, the signed step of each factor, and the order of moves. */
export interface MorrisTrajectory {
  start: Float64Array;
  delta: Float64Array;
  order: number[];
}

/** Trajectory t of a k-factor Morris design on a p-level grid, from `seed` (Δ = p / (2(p − 1))). */
export function morrisTrajectory(t: number, k: number, levels: number, seed: number): MorrisTrajectory {
  const random = xoshiro128ss(seed, 0x4d4f0000 + t);
  const step = levels / (2 * (levels - 1));
  const start = new Float64Array(k);
  const delta = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const level = Math.floor(random() * (levels / 2)) / (levels - 1); // lower half: x + Δ stays on the grid
    const up = random() < 0.5;
    start[j] = up ? level : level + step;
    delta[j] = up ? step : -step;
  }
  const order = Array.from({ length: k }, (_, j) => j);
  for (let j = k - 1; j > 0; j--) {
    const r = Math.floor(random() * (j + 1));
    [order[j], order[r]] = [order[r], order[j]];
  }
  return { start, delta, order };
}

/** Fills `out` with point `step` (0..k) of a trajectory: the start with its first `step` moves made. */
export function morrisUnitPoint(tr: MorrisTrajectory, step: number, out: Float64Array): Float64Array {
  out.set(tr.start);
  for (let m = 0; m < step; m++) out[tr.order[m]] += tr.delta[tr.order[m]];
  return out;
}
