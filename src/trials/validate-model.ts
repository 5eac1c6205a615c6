/**
 * Leave-one-study-out validation of the model (`bfrsim validate`): for each study, fit the chosen
 * parameters to every other study's rows, then simulate the held-out study with those estimates
 * and compare all of its comparable rows (numeric and direction-only) as `compare` does. Studies
 * with no fitted rows are predicted from the fit to all fitted rows (they never entered it). The
 * fits may run on a tensor-grid surrogate laid over the parameter ranges (data-independent), but
 * the held-out predictions always come from the model itself.
 */
import { BfrsimError } from "../errors.ts";
import type { CompiledModel } from "../model/types.ts";
import type { SimulateOptions } from "../simulate/simulate.ts";
import { CALIBRATION_DEFAULTS, calibrationPoints, gridKey } from "./calibrate.ts";
import type { GridCache, GridCacheKey } from "./fit/grid-cache.ts";
import { summarise, type Comparison, type CompareOptions, type ComparisonRow } from "./compare.ts";
import { leaveOneStudyOut, type Fitter } from "./fit/cross-validate.ts";
import { fitWeightedLeastSquares, type FitOptions } from "./fit/least-squares.ts";
import { evaluateDesign, startAtBestNode, type SurrogateDesign } from "./fit/surrogate-design.ts";
import type { FitParameter, FitProblem, FitResult, ParameterValues } from "./fit/types.ts";
import { trialFitProblem, trialPointId, type TrialPointOptions } from "./fit-trials.ts";
import type { MappedTrials } from "./mapping.ts";
import { compareWithModel, modelArmSimulator, type RunSimulation } from "./model-simulator.ts";
import { selectTrialRows, type RowSelection } from "./row-selection.ts";

/** Options of `validateModel`. */
export interface ValidationOptions {
  parameters: readonly FitParameter[];
  points?: TrialPointOptions;
  /** Fit only rows this selection keeps (all rows are still predicted and compared). Default: every row. */
  fitSelection?: RowSelection;
  fit?: FitOptions;
  /** The fits' surrogate design (default: fit the model in every fold; slow). */
  design?: SurrogateDesign;
  /** Fixed values of other parameters, applied to every simulation. */
  fixed?: ParameterValues;
  simulate?: SimulateOptions;
  compare?: CompareOptions;
  /** The model's predictions at the design's nodes, already computed (e.g. on worker threads by `evaluateGridInPool`). */
  gridTable?: readonly (readonly number[])[];
  /** Opens a store for the grid's model runs (e.g. `fileGridCache`), so an interrupted grid resumes. */
  gridCache?: (key: Omit<GridCacheKey, "context">) => GridCache;
  /** Replaces the weighted least-squares fitter (tests spy on what it sees). */
  fitter?: Fitter;
  /** Replaces simulate() (tests). */
  run?: RunSimulation;
  /** Progress: model evaluations of the grid, then held-out studies simulated. */
  onProgress?: (phase: "grid" | "predict", done: number, total: number) => void;
  /** Stops before the next held-out study; the rest keep their rows with an "aborted" error. */
  signal?: AbortSignal;
}

/** One held-out study: the estimates fitted without it (null when that fit failed). */
export interface ValidationFold {
  heldOutStudy: string;
  /** Fitted rows of the other studies the estimates came from. */
  trainingPoints: number;
  /** Fitted rows of the held-out study (0: it had none, and the all-rows fit predicts it). */
  heldOutPoints: number;
  estimates: ParameterValues | null;
  /** Parameters whose estimate sits on a bound of its range (the data push beyond it). */
  atBound: string[];
  error: string | null;
}

/** The validation: folds, the pooled out-of-sample comparison, and the fit to every fitted row. */
export interface ModelValidation {
  folds: ValidationFold[];
  outOfSample: Comparison;
  /** The fit to all fitted rows (the in-sample calibration, for reference). */
  allRowsFit: FitResult | null;
  /** Model evaluations spent on the surrogate grid (0 without one). */
  gridEvaluations: number;
  /** How far the fold fits' surrogate was from the model on the held-out fitted rows (null without one). */
  surrogateError: { max: number; rms: number; n: number } | null;
}

/** Runs leave-one-study-out over every study with comparable rows. */
export function validateModel(trials: MappedTrials, model: CompiledModel, options: ValidationOptions): ModelValidation {
  const fixed = options.fixed ?? {};
  const simulateArm = modelArmSimulator(model, options.simulate, options.run);
  const selected = calibrationPoints(options.fitSelection ? selectTrialRows(trials, options.fitSelection) : trials, options.points);
  const fitOptions: FitOptions = { relativeStep: CALIBRATION_DEFAULTS.relativeStep, ...options.fit };
  const baseFitter = options.fitter ?? fitWeightedLeastSquares;
  const design = selected.points.length > 0 ? options.design : undefined;
  // On a surrogate, every fit starts at the node that best fits its own (training) points.
  const fitter: Fitter = (p, o) => baseFitter(design ? startAtBestNode(p, design.nodes, o?.defaultSigma) : p, o);
  const exact = trialFitProblem(trials, selected, options.parameters, (arm, outs, p) => simulateArm(arm, outs, { ...fixed, ...p }));
  let problem: FitProblem = exact;
  let gridEvaluations = 0;
  if (design) {
    const total = design.nodes.length;
    const table = options.gridTable ??
      evaluateDesign(exact, design.nodes, (done) => options.onProgress?.("grid", done, total), options.gridCache?.(gridKey(options.parameters, design.nodes, fixed, selected)));
    problem = design.build(exact, table);
    gridEvaluations = total;
  }
  const cv = leaveOneStudyOut(problem, fitOptions, fitter);
  let allRowsFit: FitResult | null = null;
  let allRowsError: string | null = null;
  try {
    allRowsFit = selected.points.length ? fitter(problem, fitOptions) : null;
  } catch (err) {
    allRowsError = err instanceof Error ? err.message : String(err);
  }
  const comparable = trials.outcomes.filter((o) => o.target);
  const studies = [...new Set(comparable.map((o) => o.row.studyId))].sort();
  const foldOf = new Map(cv.folds.map((f) => [f.heldOutStudy, f]));
  const folds: ValidationFold[] = studies.map((study) => {
    const f = foldOf.get(study);
    const source = f ? f.fit : allRowsFit;
    return {
      heldOutStudy: study,
      trainingPoints: f ? f.trainingPoints : selected.points.length,
      heldOutPoints: f ? f.predictions.length : 0,
      estimates: source ? Object.fromEntries(source.estimates.map((e) => [e.name, e.value])) : null,
      atBound: source ? source.estimates.filter((e) => e.atBound).map((e) => e.name) : [],
      error: f ? f.error : source ? null : (allRowsError ?? (selected.points.length ? "fit failed" : "no fitted rows: nothing to estimate the parameters from")),
    };
  });
  const rows: ComparisonRow[] = [];
  const armKeys = new Set(trials.arms.map((a) => a.key));
  const modelAt = new Map<string, number | null>();
  folds.forEach((fold, k) => {
    options.onProgress?.("predict", k, folds.length);
    const held: MappedTrials = { ...trials, outcomes: trials.outcomes.filter((o) => o.row.studyId === fold.heldOutStudy) };
    const reason = options.signal?.aborted ? "aborted before this study was predicted" : fold.estimates ? null : `fold fit failed: ${fold.error}`;
    const c = compareWithModel(held, model, {
      simulate: options.simulate,
      compare: options.compare,
      parameters: { ...fixed, ...(fold.estimates ?? {}) },
      run: reason ? () => { throw new BfrsimError("E_VALIDATE_FOLD", reason); } : options.run,
    });
    rows.push(...c.rows);
    // compare() keeps, in order, the rows with a target whose arm was mapped
    const compared = held.outcomes.filter((o) => o.target && armKeys.has(o.armKey));
    compared.forEach((mo, i) => modelAt.set(trialPointId(mo), c.rows[i]?.simulated ?? null));
  });
  options.onProgress?.("predict", folds.length, folds.length);
  const unmapped = trials.outcomes
    .filter((o) => !o.target)
    .map((o) => ({ study_id: o.row.studyId, arm_id: o.row.armId, outcome: o.row.outcome, reason: o.unmappedReason ?? "not mapped" }));
  return { folds, outOfSample: { rows, summary: summarise(rows), unmapped }, allRowsFit, gridEvaluations, surrogateError: surrogateErrorOf(design ? cv.outOfSample : [], modelAt) };
}

/** |surrogate − model| over held-out fitted rows, each at its fold's estimates; null without a surrogate. */
function surrogateErrorOf(
  outOfSample: readonly { point: { id: string }; predicted: number | null }[],
  modelAt: ReadonlyMap<string, number | null>,
): { max: number; rms: number; n: number } | null {
  const errors: number[] = [];
  for (const { point, predicted } of outOfSample) {
    const y = modelAt.get(point.id);
    if (predicted !== null && y !== null && y !== undefined) errors.push(Math.abs(predicted - y));
  }
  if (errors.length === 0) return null;
  return { max: Math.max(...errors), rms: Math.sqrt(errors.reduce((t, e) => t + e * e, 0) / errors.length), n: errors.length };
}
