/**
 * Trial rows as a calibration problem (`bfrsim fit`) and as out-of-sample validation
 * (`bfrsim validate`): numeric, comparable, non-pooled outcome rows become fit points weighted by
 * their SDs; the model is called once per arm per parameter vector; cross-validation holds out
 * whole studies and reports the out-of-sample comparison in the same shape as `compare`.
 */
import { BfrsimError } from "../errors.ts";
import { compareRow, summarise, type Comparison, type CompareOptions } from "./compare.ts";
import { leaveOneStudyOut, type CrossValidation, type Fitter } from "./fit/cross-validate.ts";
import { fitWeightedLeastSquares, type FitOptions } from "./fit/least-squares.ts";
import type { FitParameter, FitPoint, FitProblem, ParameterValues } from "./fit/types.ts";
import type { MappedArm, MappedOutcome, MappedTrials } from "./mapping.ts";

/**
 * Simulates one arm with parameter overrides; returns the value of each outcome (on the row's
 * reported scale, as `compare` expects), in the order given; null where it has none.
 */
export type SimulateArmOutcomes = (arm: MappedArm, outcomes: readonly MappedOutcome[], params: ParameterValues) => (number | null)[];

/** Which rows become fit points. */
export interface TrialPointOptions {
  /** Leave out rows marked POOLED (repeated across arms; not independent evidence). Default true. */
  excludePooled?: boolean;
  /** Keep only these confidences (default all: high, medium, low). */
  confidences?: readonly ("high" | "medium" | "low")[];
  /** Keep only these value kinds (default all). Mixing kinds mixes scales: % points, fold, mM. */
  valueKinds?: readonly string[];
}

/** Fit points from trial rows, the row behind each point, and the rows left out with the reason. */
export interface TrialPoints {
  points: FitPoint[];
  rowOf: Map<string, MappedOutcome>;
  excluded: { outcome: MappedOutcome; reason: string }[];
}

/** Stable point id of an outcome row: `study/arm/L<line>` (the row's line in outcomes.csv). */
export function trialPointId(mo: MappedOutcome): string {
  return `${mo.row.studyId}/${mo.row.armId}/L${mo.row.origin.line}`;
}

/** Selects the numeric, comparable rows as fit points (σ = reported SD, else the fit's default). */
export function trialFitPoints(trials: MappedTrials, options: TrialPointOptions = {}): TrialPoints {
  const excludePooled = options.excludePooled ?? true;
  const confidences = options.confidences ?? ["high", "medium", "low"];
  const points: FitPoint[] = [];
  const rowOf = new Map<string, MappedOutcome>();
  const excluded: TrialPoints["excluded"] = [];
  for (const mo of trials.outcomes) {
    const reason = !mo.target
      ? `not comparable: ${mo.unmappedReason}`
      : mo.row.directionOnly || mo.row.value === null
        ? "direction only (no value to fit)"
        : excludePooled && mo.row.pooled
          ? "POOLED across arms (not independent per-arm evidence)"
          : !confidences.includes(mo.row.confidence)
            ? `confidence ${mo.row.confidence} not selected`
            : options.valueKinds && !options.valueKinds.includes(mo.row.valueKind ?? "")
              ? `value kind ${mo.row.valueKind} not selected`
              : null;
    if (reason) {
      excluded.push({ outcome: mo, reason });
      continue;
    }
    const id = trialPointId(mo);
    rowOf.set(id, mo);
    points.push({ id, studyId: mo.row.studyId, observed: mo.row.value!, sd: mo.row.sd });
  }
  return { points, rowOf, excluded };
}

/** The calibration problem: predictions come from one simulation per arm per parameter vector. */
export function trialFitProblem(
  trials: MappedTrials,
  selected: TrialPoints,
  parameters: readonly FitParameter[],
  simulateArm: SimulateArmOutcomes,
): FitProblem {
  const arms = new Map(trials.arms.map((a) => [a.key, a]));
  const predict = (params: ParameterValues, pts: readonly FitPoint[]): number[] => {
    const byArm = new Map<string, number[]>();
    pts.forEach((pt, i) => {
      const key = selected.rowOf.get(pt.id)!.armKey;
      byArm.set(key, [...(byArm.get(key) ?? []), i]);
    });
    const out = new Array<number>(pts.length);
    for (const [key, indices] of byArm) {
      const outcomes = indices.map((i) => selected.rowOf.get(pts[i].id)!);
      const values = simulateArm(arms.get(key)!, outcomes, params);
      indices.forEach((i, k) => {
        const v = values[k];
        if (v === null || !Number.isFinite(v)) {
          throw new BfrsimError("E_FIT_SIMULATION", `arm ${key} gave no value for ${pts[i].id} with parameters ${JSON.stringify(params)}`);
        }
        out[i] = v;
      });
    }
    return out;
  };
  return { parameters, points: selected.points, predict };
}

/** Leave-one-study-out on trial rows, with the out-of-sample comparison (rows and summary as `compare`). */
export function validateByStudy(
  trials: MappedTrials,
  selected: TrialPoints,
  parameters: readonly FitParameter[],
  simulateArm: SimulateArmOutcomes,
  options: { fit?: FitOptions; compare?: CompareOptions; fitter?: Fitter } = {},
): { crossValidation: CrossValidation; outOfSample: Comparison } {
  const problem = trialFitProblem(trials, selected, parameters, simulateArm);
  const crossValidation = leaveOneStudyOut(problem, options.fit, options.fitter ?? fitWeightedLeastSquares);
  const rows = crossValidation.outOfSample.map(({ point, predicted }) => {
    const mo = selected.rowOf.get(point.id)!;
    return { ...compareRow(mo.row, predicted, options.compare), assumptions: mo.target?.assumptions ?? [] };
  });
  const failed = new Map(crossValidation.folds.filter((f) => f.error).map((f) => [f.heldOutStudy, f.error]));
  for (const r of rows) r.error = failed.get(r.study_id) ?? null;
  const unmapped = selected.excluded
    .filter((e) => !e.outcome.target)
    .map((e) => ({ study_id: e.outcome.row.studyId, arm_id: e.outcome.row.armId, outcome: e.outcome.row.outcome, reason: e.reason }));
  return { crossValidation, outOfSample: { rows, summary: summarise(rows), unmapped } };
}
