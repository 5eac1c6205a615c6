/**
 * Calibration of model parameters to trial rows (`bfrsim fit`): select the rows, build the
 * weighted least-squares problem over the model's simulations, fit it either directly or on a
 * surrogate (one model run per design node, then no more), check the surrogate
 * against the model at the estimate, and profile the likelihood of chosen parameters.
 */
import { fitWeightedLeastSquares, type FitOptions } from "./fit/least-squares.ts";
import { profileParameter, type Profile } from "./fit/profile.ts";
import type { GridCache, GridCacheKey } from "./fit/grid-cache.ts";
import { evaluateDesign, startAtBestNode, type SurrogateDesign } from "./fit/surrogate-design.ts";
import type { FitParameter, FitProblem, FitResult, ParameterValues } from "./fit/types.ts";
import { trialFitPoints, trialFitProblem, type SimulateArmOutcomes, type TrialPointOptions, type TrialPoints } from "./fit-trials.ts";
import type { MappedTrials } from "./mapping.ts";

/** Defaults of a calibration against the model, in one place. */
export const CALIBRATION_DEFAULTS = Object.freeze({
  /**
   * Finite-difference step as a fraction of each range. The model's outputs carry the adaptive
   * solver's error (rtol 1e-5), so the optimiser's default 1e-6 would difference noise; 1e-3
   * moves outputs ~100× more than that error.
   */
  relativeStep: 1e-3,
  /** Fit % changes only by default: one scale (% points) for every residual. */
  valueKinds: ["pct_change"] as readonly string[],
  /** No surrogate: fit the model itself. */
  grid: 0,
});

/** Options of `calibrateToTrials`. */
export interface CalibrationOptions {
  parameters: readonly FitParameter[];
  points?: TrialPointOptions;
  fit?: FitOptions;
  /** Fit a surrogate built from model runs at this design's nodes (default: fit the model directly). */
  design?: SurrogateDesign;
  /** Parameters whose likelihood profile to compute (their 95 % profile intervals). */
  profile?: readonly string[];
  /** Fixed values of other parameters (e.g. from --params), applied to every simulation. */
  fixed?: ParameterValues;
  /** The model's predictions at the design's nodes, already computed (e.g. on worker threads by `evaluateGridInPool`). */
  gridTable?: readonly (readonly number[])[];
  /** Opens a store for the grid's model runs (e.g. `fileGridCache`), so an interrupted grid resumes. */
  gridCache?: (key: Omit<GridCacheKey, "context">) => GridCache;
  /** Called after each grid node (done of total, cached ones included) and each other full model evaluation (total null). */
  onEvaluation?: (phase: "grid" | "fit" | "check" | "profile", done: number, total: number | null) => void;
}

/** How well the surrogate reproduced the model at the estimate. */
export interface SurrogateCheck {
  /** Model runs of the design, and the design in words. */
  nodes: number;
  label: string;
  /** Largest and RMS |surrogate − model| over the fitted points, in the points' units. */
  maxAbsError: number;
  rmsError: number;
  /** χ² of the model's own predictions at the estimate (vs the surrogate's `fit.chiSquare`). */
  modelChiSquare: number;
}

/** A calibration: the rows used, the fit, profiles, and the surrogate's check. */
export interface Calibration {
  selected: TrialPoints;
  fit: FitResult;
  profiles: Profile[];
  surrogate: SurrogateCheck | null;
  /** Full model evaluations run (each simulates every selected arm once; cached grid nodes not counted). */
  evaluations: number;
}

/** Fits `options.parameters` to the selected trial rows through `simulateArm`. */
export function calibrateToTrials(trials: MappedTrials, simulateArm: SimulateArmOutcomes, options: CalibrationOptions): Calibration {
  const selected = calibrationPoints(trials, options.points);
  const fitOptions: FitOptions = { relativeStep: CALIBRATION_DEFAULTS.relativeStep, ...options.fit };
  let phase: "grid" | "fit" | "check" | "profile" = "fit";
  let evaluations = 0;
  const withFixed: SimulateArmOutcomes = (arm, outcomes, params) => simulateArm(arm, outcomes, { ...options.fixed, ...params });
  const model = trialFitProblem(trials, selected, options.parameters, withFixed);
  const problem: FitProblem = {
    ...model,
    predict: (params, pts) => {
      const out = model.predict(params, pts);
      evaluations++;
      if (phase !== "grid") options.onEvaluation?.(phase, evaluations, null);
      return out;
    },
  };
  const design = options.design;
  let fitted = problem;
  if (design) {
    phase = "grid";
    const onNode = (done: number, total: number) => options.onEvaluation?.("grid", done, total);
    const table = options.gridTable ?? evaluateDesign(problem, design.nodes, onNode, options.gridCache?.(gridKey(options.parameters, design.nodes, options.fixed, selected)));
    fitted = startAtBestNode(design.build(problem, table), design.nodes, fitOptions.defaultSigma);
    phase = "fit";
  }
  const fit = fitWeightedLeastSquares(fitted, fitOptions);
  let surrogate: SurrogateCheck | null = null;
  if (design) {
    phase = "check";
    const values = Object.fromEntries(fit.estimates.map((e) => [e.name, e.value]));
    const exact = problem.predict(values, selected.points);
    const errors = exact.map((y, i) => Math.abs(y - fit.predictions[i]));
    surrogate = {
      nodes: design.nodes.length,
      label: design.label,
      maxAbsError: Math.max(...errors),
      rmsError: Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / errors.length),
      modelChiSquare: exact.reduce((s, y, i) => s + ((selected.points[i].observed - y) / fit.sigmas[i]) ** 2, 0),
    };
  }
  phase = "profile";
  const profiles = (options.profile ?? []).map((name) => profileParameter(fitted, fit, name, fitOptions));
  return { selected, fit, profiles, surrogate, evaluations };
}

/** The rows a calibration fits: numeric, comparable, non-pooled, `pct_change` unless `points.valueKinds` says otherwise. */
export function calibrationPoints(trials: MappedTrials, points: TrialPointOptions = {}): TrialPoints {
  return trialFitPoints(trials, { valueKinds: CALIBRATION_DEFAULTS.valueKinds, ...points });
}

/** The cache key of design nodes over `parameters` for the selected rows (the caller adds the model and data). */
export function gridKey(
  parameters: readonly FitParameter[],
  nodes: readonly (readonly number[])[],
  fixed: ParameterValues | undefined,
  selected: TrialPoints,
): Omit<GridCacheKey, "context"> {
  return { parameters: parameters.map((p) => p.name), nodes, fixed: fixed ?? {}, pointIds: selected.points.map((p) => p.id) };
}
