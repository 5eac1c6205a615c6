/**
 * Emax / Hill dose-response fits: E(d) = E0 + Emax·dⁿ/(EC50ⁿ + dⁿ) (Hill 1910, J Physiol 40:iv-vii;
 * the sigmoid Emax model of Holford & Sheiner 1981, Clin Pharmacokinet 6:429-453,
 * doi:10.2165/00003088-198106060-00002). Least squares by Levenberg–Marquardt
 * (ml-levenberg-marquardt) with an analytic Jacobian from several starts; confidence intervals from
 * the asymptotic covariance s²(JᵀJ)⁻¹ at the optimum with Student t quantiles (Bates & Watts 1988,
 * Nonlinear Regression Analysis and Its Applications, ch. 2).
 */
import { levenbergMarquardt } from "ml-levenberg-marquardt";
import { inverse, Matrix } from "ml-matrix";
import { InputError } from "../errors.ts";
import { studentTQuantile } from "./special.ts";

/** A fitted parameter: estimate, standard error and confidence interval. */
export interface FittedParameter {
  estimate: number;
  standardError: number;
  ci: [number, number];
}

/** A Hill fit. EC50 is in dose units; E0 and Emax in response units; hill is dimensionless. */
export interface HillFit {
  e0: FittedParameter;
  emax: FittedParameter;
  ec50: FittedParameter;
  hill: FittedParameter;
  /** Residual sum of squares, residual degrees of freedom, residual SD. */
  sse: number;
  dof: number;
  residualSd: number;
  /** Confidence level of the intervals. */
  level: number;
  /** The response predicted at dose d. */
  predict(d: number): number;
}

/** Options of `fitHill`. */
export interface HillFitOptions {
  /** Confidence level of the intervals. Default 0.95. */
  level?: number;
  /** Bounds of the Hill slope. Default [0.2, 10]. */
  hillBounds?: [number, number];
  /** Iterations per start. Default 500. */
  maxIterations?: number;
}

/** The Hill model E0 + Emax·dⁿ/(EC50ⁿ + dⁿ) at dose d ≥ 0. */
export function hillResponse(d: number, e0: number, emax: number, ec50: number, n: number): number {
  if (d <= 0) return e0;
  return e0 + emax / (1 + Math.pow(ec50 / d, n));
}

/** Partial derivatives of the Hill model with respect to [E0, Emax, EC50, n] at dose d. */
function hillGradient(d: number, p: ArrayLike<number>): number[] {
  const [, emax, c, n] = [p[0], p[1], p[2], p[3]];
  if (d <= 0) return [1, 0, 0, 0];
  const f = 1 / (1 + Math.pow(c / d, n));
  const g = f * (1 - f);
  return [1, f, (-emax * n * g) / c, emax * g * Math.log(d / c)];
}

/** Fits a Hill curve to responses y at doses x (x ≥ 0; at least 5 points over ≥ 3 distinct doses). */
export function fitHill(x: ArrayLike<number>, y: ArrayLike<number>, options: HillFitOptions = {}): HillFit {
  const m = x.length;
  if (m !== y.length) throw new InputError("y", y.length, `as many responses as doses (${m})`);
  if (m < 5) throw new InputError("x", m, "at least 5 observations to fit 4 parameters with a residual");
  for (let i = 0; i < m; i++) {
    if (!(x[i] >= 0) || !Number.isFinite(x[i])) throw new InputError(`x[${i}]`, x[i], "a finite dose ≥ 0");
    if (!Number.isFinite(y[i])) throw new InputError(`y[${i}]`, y[i], "a finite response");
  }
  const doses = Array.from(x);
  const positive = doses.filter((d) => d > 0).sort((a, b) => a - b);
  if (new Set(doses).size < 3 || positive.length === 0) throw new InputError("x", doses.slice(0, 8), "at least 3 distinct doses, some > 0");
  const level = options.level ?? 0.95;
  const [nLo, nHi] = options.hillBounds ?? [0.2, 10];
  const ys = Array.from(y);
  const iLo = doses.indexOf(Math.min(...doses));
  const iHi = doses.indexOf(Math.max(...doses));
  const e0Guess = ys[iLo];
  const emaxGuess = ys[iHi] - ys[iLo] || 1e-6;
  const span = Math.max(...ys) - Math.min(...ys) || 1;
  const data = { x: doses, y: ys };
  const model = (p: number[]) => (d: number) => hillResponse(d, p[0], p[1], p[2], p[3]);
  const lmOptions = {
    minValues: [-Infinity, -Infinity, positive[0] * 1e-3, nLo],
    maxValues: [Infinity, Infinity, positive[positive.length - 1] * 1e3, nHi],
    maxIterations: 20,
    errorTolerance: 0,
    improvementThreshold: 1e-6,
    damping: 1e-2,
    jacobianFunction: (p: number[]) => (d: number) => hillGradient(d, p),
  };
  let best: { p: number[]; sse: number } | null = null;
  for (const [q, n0] of [[0.5, 1.5], [0.25, 3], [0.75, 0.7]]) {
    // The library only stops on an absolute error, so run it in rounds of 20 iterations and stop
    // when a round improves the sum of squares by less than 1e-10 (relative).
    let p = [e0Guess, emaxGuess, positive[Math.floor(q * (positive.length - 1))], n0];
    let sse = sumSquares(doses, ys, p);
    const rounds = Math.ceil((options.maxIterations ?? 500) / 20);
    for (let k = 0; k < rounds; k++) {
      const next = levenbergMarquardt(data, model, { ...lmOptions, initialValues: p }).parameterValues;
      const nextSse = sumSquares(doses, ys, next);
      if (!(nextSse < sse)) break;
      const converged = sse - nextSse <= 1e-10 * sse;
      p = next;
      sse = nextSse;
      if (converged) break;
    }
    if (!best || sse < best.sse) best = { p, sse };
  }
  return summarise(doses, ys, best!.p, best!.sse, level);
}

function sumSquares(x: number[], y: number[], p: number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (y[i] - hillResponse(x[i], p[0], p[1], p[2], p[3])) ** 2;
  return s;
}

function summarise(x: number[], y: number[], p: number[], sse: number, level: number): HillFit {
  const dof = x.length - 4;
  const s2 = sse / dof;
  const J = new Matrix(x.map((d) => hillGradient(d, p)));
  let cov: Matrix;
  try {
    cov = inverse(J.transpose().mmul(J)).mul(s2);
  } catch {
    cov = Matrix.zeros(4, 4).add(NaN);
  }
  const tq = studentTQuantile(0.5 + level / 2, dof);
  const param = (k: number): FittedParameter => {
    const se = Math.sqrt(cov.get(k, k));
    return { estimate: p[k], standardError: se, ci: [p[k] - tq * se, p[k] + tq * se] };
  };
  return {
    e0: param(0), emax: param(1), ec50: param(2), hill: param(3), sse, dof, residualSd: Math.sqrt(s2), level,
    predict: (d) => hillResponse(d, p[0], p[1], p[2], p[3]),
  };
}
