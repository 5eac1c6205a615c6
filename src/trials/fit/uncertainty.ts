/**
 * Uncertainty at a least-squares optimum from the Jacobian: J by central differences (one-sided
 * at a bound), covariance = s²(JᵀWJ)⁻¹ with W = diag(1/σ²) and s² = χ²/(n − p) unless the σ are
 * absolute, 95 % t-intervals and the correlation matrix.
 */
import { Matrix, inverse } from "ml-matrix";
import type { FitProblem, FitResult, ParameterEstimate } from "./types.ts";
import { studentTQuantile } from "./student-t.ts";
import { toValues } from "./values.ts";

/** Builds the FitResult at `best`: Jacobian, covariance, intervals and correlations. */
export function jacobianUncertainty(
  problem: FitProblem,
  best: readonly number[],
  predictions: number[],
  sigmas: number[],
  steps: readonly number[],
  absoluteSigma: boolean,
  iterations: number,
): FitResult {
  const { parameters, points } = problem;
  const n = points.length;
  const p = parameters.length;
  const dof = n - p;
  const chiSquare = points.reduce((s, pt, i) => s + ((pt.observed - predictions[i]) / sigmas[i]) ** 2, 0);
  const varianceScale = absoluteSigma ? 1 : dof > 0 ? chiSquare / dof : Number.NaN;
  const jac = jacobian(problem, best, steps);
  const covariance = covarianceOf(jac, sigmas, varianceScale);
  const tq = dof > 0 ? studentTQuantile(0.975, dof) : Number.NaN;
  const estimates: ParameterEstimate[] = parameters.map((par, j) => {
    const value = best[j];
    const variance = covariance?.[j][j];
    const se = variance !== undefined && variance >= 0 && Number.isFinite(variance) ? Math.sqrt(variance) : null;
    const width = par.range[1] - par.range[0];
    return {
      name: par.name,
      value,
      unit: par.unit,
      range: [par.range[0], par.range[1]],
      se,
      ci95: se !== null && Number.isFinite(tq) ? [value - tq * se, value + tq * se] : null,
      atBound: value - par.range[0] <= 1e-6 * width || par.range[1] - value <= 1e-6 * width,
    };
  });
  const correlations = covariance
    ? covariance.map((row, i) => row.map((c, j) => c / Math.sqrt(covariance[i][i] * covariance[j][j])))
    : null;
  return { estimates, correlations, covariance, chiSquare, n, p, dof, varianceScale, iterations, predictions, sigmas };
}

/** ∂prediction_i/∂θ_j by central differences, one-sided where a step would leave the range. */
export function jacobian(problem: FitProblem, at: readonly number[], steps: readonly number[]): number[][] {
  const { parameters, points, predict } = problem;
  const names = parameters.map((q) => q.name);
  const columns = parameters.map((par, j) => {
    const h = steps[j];
    const up = Math.min(at[j] + h, par.range[1]);
    const down = Math.max(at[j] - h, par.range[0]);
    const plus = predict(toValues(names, at.map((v, k) => (k === j ? up : v))), points);
    const minus = predict(toValues(names, at.map((v, k) => (k === j ? down : v))), points);
    return plus.map((yp, i) => (yp - minus[i]) / (up - down));
  });
  return points.map((_, i) => columns.map((col) => col[i]));
}

function covarianceOf(jac: number[][], sigmas: number[], scale: number): number[][] | null {
  if (!Number.isFinite(scale)) return null;
  const J = new Matrix(jac);
  const WJ = new Matrix(jac.map((row, i) => row.map((v) => v / sigmas[i] ** 2)));
  try {
    const info = J.transpose().mmul(WJ);
    const cov = inverse(info).mul(scale).to2DArray();
    return cov.every((row) => row.every(Number.isFinite)) && cov.every((row, i) => row[i] > 0) ? cov : null;
  } catch {
    return null;
  }
}
