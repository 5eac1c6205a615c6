/**
 * A one-parameter surrogate that makes repeated fits affordable: the expensive model is evaluated
 * once per grid value of the fitted parameter (all other parameters fixed), and every later
 * prediction interpolates each point's value along the grid with a natural cubic spline. Leave-
 * one-study-out then costs one grid of simulations instead of one full fit per fold.
 */
import { InputError } from "../../errors.ts";
import type { FitParameter, FitPoint, FitProblem, ParameterValues } from "./types.ts";

/** Second derivatives of the natural cubic spline through (xs, ys) (Thomas algorithm on the tridiagonal system). */
export function naturalSplineSecondDerivatives(xs: readonly number[], ys: readonly number[]): Float64Array {
  const n = xs.length;
  const m = new Float64Array(n);
  if (n < 3) return m;
  const c = new Float64Array(n);
  const d = new Float64Array(n);
  // Interior rows: h[i-1]·m[i-1] + 2(h[i-1]+h[i])·m[i] + h[i]·m[i+1] = 6(Δ[i] − Δ[i-1]); m[0] = m[n-1] = 0.
  for (let i = 1; i < n - 1; i++) {
    const h0 = xs[i] - xs[i - 1];
    const h1 = xs[i + 1] - xs[i];
    const rhs = 6 * ((ys[i + 1] - ys[i]) / h1 - (ys[i] - ys[i - 1]) / h0);
    const diag = 2 * (h0 + h1) - (i > 1 ? h0 * c[i - 1] : 0);
    c[i] = h1 / diag;
    d[i] = (rhs - (i > 1 ? h0 * d[i - 1] : 0)) / diag;
  }
  for (let i = n - 2; i >= 1; i--) m[i] = d[i] - c[i] * m[i + 1];
  return m;
}

/** Evaluates the natural cubic spline (with second derivatives `m`) at x, clamped to the grid. */
export function splineAt(xs: readonly number[], ys: readonly number[], m: Float64Array, x: number): number {
  const n = xs.length;
  if (n === 1) return ys[0];
  const t = Math.min(Math.max(x, xs[0]), xs[n - 1]);
  let k = 0;
  while (k < n - 2 && t > xs[k + 1]) k++;
  const h = xs[k + 1] - xs[k];
  const a = (xs[k + 1] - t) / h;
  const b = (t - xs[k]) / h;
  return a * ys[k] + b * ys[k + 1] + ((a ** 3 - a) * m[k] + (b ** 3 - b) * m[k + 1]) * (h * h) / 6;
}

/**
 * A FitProblem for `parameter` alone whose predictions interpolate the expensive model evaluated
 * once on `grid` (strictly increasing, inside the parameter's range); `fixed` holds the others.
 */
export function gridSurrogate(problem: FitProblem, parameter: FitParameter, grid: readonly number[], fixed: ParameterValues = {}): FitProblem {
  if (grid.length < 2 || grid.some((g, i) => i > 0 && !(g > grid[i - 1]))) {
    throw new InputError("surrogate.grid", grid, "at least two strictly increasing values");
  }
  if (grid[0] < parameter.range[0] || grid[grid.length - 1] > parameter.range[1]) {
    throw new InputError("surrogate.grid", grid, `values inside the range [${parameter.range[0]}, ${parameter.range[1]}] of ${parameter.name}`);
  }
  const table = grid.map((value) => problem.predict({ ...fixed, [parameter.name]: value }, problem.points));
  const curves = new Map<string, { ys: number[]; m: Float64Array }>();
  problem.points.forEach((pt, i) => {
    const ys = table.map((row) => row[i]);
    curves.set(pt.id, { ys, m: naturalSplineSecondDerivatives(grid, ys) });
  });
  const predict = (params: ParameterValues, pts: readonly FitPoint[]): number[] =>
    pts.map((pt) => {
      const curve = curves.get(pt.id);
      if (!curve) throw new InputError("surrogate.point", pt.id, "a point the surrogate was built with");
      return splineAt(grid, curve.ys, curve.m, params[parameter.name]);
    });
  return { parameters: [{ ...parameter, range: [grid[0], grid[grid.length - 1]] }], points: problem.points, predict };
}
