/**
 * Weighted least squares over bounded parameters with ml-levenberg-marquardt (a maintained
 * Levenberg-Marquardt with box constraints), followed by the Jacobian-based uncertainty: the
 * covariance σ²(JᵀWJ)⁻¹, 95 % t-intervals and parameter correlations.
 */
import { levenbergMarquardt } from "ml-levenberg-marquardt";
import { InputError } from "../../errors.ts";
import type { FitParameter, FitPoint, FitProblem, FitResult } from "./types.ts";
import { jacobianUncertainty } from "./uncertainty.ts";
import { toValues } from "./values.ts";

/** Options of `fitWeightedLeastSquares`, with defaults in FIT_DEFAULTS. */
export interface FitOptions {
  /** σ of points without an SD, in their unit (default 1: unweighted relative to each other). */
  defaultSigma?: number;
  /**
   * True: the σ are absolute (covariance (JᵀWJ)⁻¹, as when every point has a real SD);
   * false: scale by the reduced χ² (as scipy's curve_fit absolute_sigma=False). Default false.
   */
  absoluteSigma?: boolean;
  /** Iteration cap of Levenberg-Marquardt (default 300). */
  maxIterations?: number;
  /** Relative finite-difference step of the Jacobian, as a fraction of each parameter's range (default 1e-6). */
  relativeStep?: number;
  /** Initial damping of Levenberg-Marquardt (default 1e-2). */
  damping?: number;
}

/** Defaults of FitOptions, in one place. */
export const FIT_DEFAULTS: Required<FitOptions> = {
  defaultSigma: 1,
  absoluteSigma: false,
  maxIterations: 300,
  relativeStep: 1e-6,
  damping: 1e-2,
};

/** Iterations per round of the library between convergence checks. */
const ROUND_ITERATIONS = 20;
/** A round that lowers χ² by less than this fraction ends the fit. */
const CONVERGED_RELATIVE_CHANGE = 1e-10;

function chiSquareOf(whitened: readonly number[], y: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i] - whitened[i]) ** 2;
  return s;
}

/** Fits the parameters to the points by weighted least squares (weights 1/σ²) within their ranges. */
export function fitWeightedLeastSquares(problem: FitProblem, options: FitOptions = {}): FitResult {
  // An option given as undefined keeps its default (a spread would overwrite it with undefined).
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const o: Required<FitOptions> = { ...FIT_DEFAULTS, ...given };
  checkProblem(problem);
  const { parameters, points, predict } = problem;
  const names = parameters.map((p) => p.name);
  const sigmas = points.map((pt) => (pt.sd !== null && pt.sd > 0 ? pt.sd : o.defaultSigma));
  const steps = parameters.map((p) => o.relativeStep * (p.range[1] - p.range[0]));

  // The library asks for one prediction per x; x is the point index, and each parameter vector
  // is simulated once for all points (the model is expensive, the lookup is not). Residuals are
  // whitened (divided by σ) and the library run unweighted: its `weights` w multiply the squared
  // residuals by w² in the error but by 1/w² in the step, so weighted runs stop at the wrong
  // point (ml-levenberg-marquardt 5.1.0, src/error_calculation.ts vs src/step.ts).
  let cacheKey: number[] | null = null;
  let cache: number[] = [];
  const whitenedPredictions = (values: number[]): number[] => {
    if (!cacheKey || cacheKey.some((v, i) => v !== values[i])) {
      cache = predict(toValues(names, values), points).map((y, i) => y / sigmas[i]);
      cacheKey = values.slice();
    }
    return cache;
  };
  const data = { x: points.map((_, i) => i), y: points.map((pt, i) => pt.observed / sigmas[i]) };
  const model = (values: number[]) => {
    const predictions = whitenedPredictions(values);
    return (i: number) => predictions[i];
  };
  // The library stops only at an absolute error or its iteration cap: run it in rounds and stop
  // when a round no longer lowers χ² (relative change below CONVERGED_RELATIVE_CHANGE).
  let values = parameters.map((p) => p.initial);
  let chi2 = chiSquareOf(whitenedPredictions(values), data.y);
  let iterations = 0;
  while (iterations < o.maxIterations) {
    const round = levenbergMarquardt(data, model, {
      initialValues: values,
      minValues: parameters.map((p) => p.range[0]),
      maxValues: parameters.map((p) => p.range[1]),
      damping: o.damping,
      gradientDifference: steps,
      centralDifference: true,
      maxIterations: Math.min(ROUND_ITERATIONS, o.maxIterations - iterations),
      errorTolerance: 0,
    });
    iterations += round.iterations;
    const next = chiSquareOf(whitenedPredictions(round.parameterValues), data.y);
    const improved = next < chi2;
    if (improved) values = round.parameterValues;
    const done = !improved || (chi2 - next) <= CONVERGED_RELATIVE_CHANGE * Math.max(chi2, 1e-300) || round.iterations === 0;
    if (improved) chi2 = next;
    if (done) break;
  }
  const result = { parameterValues: values, iterations };
  const best = result.parameterValues;
  const predictions = predict(toValues(names, best), points);
  return jacobianUncertainty({ parameters, points, predict }, best, predictions, sigmas, steps, o.absoluteSigma, result.iterations);
}

function checkProblem(problem: FitProblem): void {
  const { parameters, points } = problem;
  if (parameters.length === 0) throw new InputError("fit.parameters", [], "at least one parameter to fit");
  parameters.forEach((p: FitParameter, i) => {
    const [lo, hi] = p.range;
    if (!(lo < hi)) throw new InputError(`fit.parameters[${i}].range`, p.range, "[lo, hi] with lo < hi");
    if (!(p.initial >= lo && p.initial <= hi)) {
      throw new InputError(`fit.parameters[${i}].initial`, p.initial, `a value in the range [${lo}, ${hi}]`);
    }
  });
  if (points.length < Math.max(2, parameters.length)) {
    throw new InputError("fit.points", points.length, `at least as many points as parameters (${parameters.length}), and at least 2 (the optimiser's minimum)`);
  }
  points.forEach((pt: FitPoint, i) => {
    if (!Number.isFinite(pt.observed)) throw new InputError(`fit.points[${i}].observed`, pt.observed, "a finite number");
  });
}
