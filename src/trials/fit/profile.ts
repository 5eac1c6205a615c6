/**
 * Profile likelihood of one parameter: fix it on a grid, refit the others, and read the 95 %
 * interval where the weighted sum of squares rises by q·s² above its minimum (q = t²(0.975, n − p),
 * the F(1, n − p) quantile, when σ is estimated; q = χ²₁(0.95) = 3.84 when σ is absolute).
 * Unlike the Jacobian interval it follows a curved or bounded objective.
 */
import { InputError } from "../../errors.ts";
import { fitWeightedLeastSquares, type FitOptions } from "./least-squares.ts";
import { CHI_SQUARE_1_95, studentTQuantile } from "./student-t.ts";
import type { FitProblem, FitResult } from "./types.ts";

/** One grid point of a profile. */
export interface ProfilePoint {
  value: number;
  /** Minimum χ² over the other parameters with this one fixed. */
  chiSquare: number;
}

/** A parameter's profile and the interval read from it. */
export interface Profile {
  name: string;
  points: ProfilePoint[];
  /** χ² rise that bounds the 95 % interval. */
  threshold: number;
  /** 95 % interval; an end is null when the profile stays below the threshold up to the range bound. */
  ci95: [number | null, number | null];
}

/** Options: grid size and span (in Jacobian standard errors, clipped to the range). */
export interface ProfileOptions extends FitOptions {
  /** Grid points on each side of the estimate (default 8). */
  pointsPerSide?: number;
  /** Half-width of the grid in standard errors (default 4); the full range when se is unknown. */
  spanSe?: number;
}

/** Profiles parameter `name` around the fit `best` of `problem`. */
export function profileParameter(problem: FitProblem, best: FitResult, name: string, options: ProfileOptions = {}): Profile {
  const j = problem.parameters.findIndex((p) => p.name === name);
  if (j < 0) throw new InputError("profile.parameter", name, `one of: ${problem.parameters.map((p) => p.name).join(", ")}`);
  const perSide = options.pointsPerSide ?? 8;
  const span = options.spanSe ?? 4;
  const par = problem.parameters[j];
  const est = best.estimates[j];
  const [lo, hi] = par.range;
  const half = est.se !== null ? span * est.se : Math.max(est.value - lo, hi - est.value);
  const grid = [
    ...Array.from({ length: perSide }, (_, k) => Math.max(lo, est.value - (half * (perSide - k)) / perSide)),
    est.value,
    ...Array.from({ length: perSide }, (_, k) => Math.min(hi, est.value + (half * (k + 1)) / perSide)),
  ].filter((v, i, a) => i === 0 || v !== a[i - 1]);
  const others = problem.parameters.filter((_, k) => k !== j);
  const start = Object.fromEntries(best.estimates.map((e) => [e.name, e.value]));
  const points = grid.map((value): ProfilePoint => {
    if (others.length === 0) {
      const pred = problem.predict({ [name]: value }, problem.points);
      return { value, chiSquare: pred.reduce((s, y, i) => s + ((problem.points[i].observed - y) / best.sigmas[i]) ** 2, 0) };
    }
    const fixed: FitProblem = {
      parameters: others.map((p) => ({ ...p, initial: clamp(start[p.name], p.range) })),
      points: problem.points,
      predict: (params, pts) => problem.predict({ ...params, [name]: value }, pts),
    };
    return { value, chiSquare: fitWeightedLeastSquares(fixed, options).chiSquare };
  });
  const q = options.absoluteSigma ? CHI_SQUARE_1_95 : studentTQuantile(0.975, best.dof) ** 2;
  const threshold = q * best.varianceScale;
  const minimum = Math.min(best.chiSquare, ...points.map((p) => p.chiSquare));
  return { name, points, threshold, ci95: crossings(points, est.value, minimum + threshold) };
}

/** Where the profile crosses `level` on each side of the estimate (linear interpolation). */
function crossings(points: ProfilePoint[], estimate: number, level: number): [number | null, number | null] {
  const below = points.filter((p) => p.value <= estimate).reverse();
  const above = points.filter((p) => p.value >= estimate);
  const cross = (side: ProfilePoint[]): number | null => {
    for (let k = 1; k < side.length; k++) {
      const a = side[k - 1];
      const b = side[k];
      if (a.chiSquare <= level && b.chiSquare > level) {
        return a.value + ((level - a.chiSquare) / (b.chiSquare - a.chiSquare)) * (b.value - a.value);
      }
    }
    return null;
  };
  return [cross(below), cross(above)];
}

function clamp(v: number, [lo, hi]: [number, number]): number {
  return Math.min(hi, Math.max(lo, v));
}
