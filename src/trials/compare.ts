/**
 * Simulated vs observed: per-row statistics (residual, z-score, within CI or ±2 SD, direction
 * match, the whole-body engines' 10 %/30 % rubric) and the summary (n, RMSE of % changes, fraction
 * within, directional agreement, Spearman correlation), as pure functions, plus `compare`, which
 * runs any simulator over the mapped trial rows. The JSON written for other tools has exactly the
 * shape of issue 6 (`toComparisonJson`).
 *
 * Conventions: residual = simulated − observed, in the row's reported unit and value kind (the
 * simulator must return values on that scale; see OutcomeTarget.observedScale). Direction-only
 * rows are compared as % changes.
 */
import { sampleRankCorrelation } from "simple-statistics";
import type { MappedArm, MappedOutcome, MappedTrials } from "./mapping.ts";
import type { TrialOutcome } from "./schema.ts";

/** Options of the comparison, with defaults in COMPARE_DEFAULTS. */
export interface CompareOptions {
  /**
   * A simulated change smaller than this (in %) counts as "no change" for direction-only rows
   * reported as `none`, and as neither up nor down for `up`/`down` rows. Default 5 %.
   */
  noChangeThresholdPct?: number;
  /** Rubric bands as fractions of |observed|: green within the first, yellow within the second. Default [0.1, 0.3]. */
  rubricBands?: [number, number];
}

/** Defaults of CompareOptions. */
export const COMPARE_DEFAULTS: Required<CompareOptions> = {
  // assumed: trials call changes of a few % "no significant change" (e.g. ozaki2016 +1.1 % ns).
  noChangeThresholdPct: 5,
  // BioGears/Pulse validation rubric: within 10 % green, 30 % yellow, beyond red (model-spec.md).
  rubricBands: [0.1, 0.3],
};

/** Rubric colour of a numeric row; null for direction-only rows or an observed value of 0. */
export type Rubric = "green" | "yellow" | "red";

/** One compared row: the issue-6 JSON fields plus what the report shows beside them. */
export interface ComparisonRow {
  study_id: string;
  arm_id: string;
  outcome: string;
  site: string | null;
  time: number | null;
  time_unit: string | null;
  value_kind: string | null;
  observed: number | null;
  simulated: number | null;
  residual: number | null;
  z: number | null;
  within: boolean | null;
  direction_match: boolean | null;
  /** Not in the JSON: rubric colour, the simulator's error if it failed, the assumptions made. */
  rubric: Rubric | null;
  error: string | null;
  assumptions: string[];
}

/** The summary of a comparison (issue-6 JSON). */
export interface ComparisonSummary {
  /** Rows with both an observed and a simulated value (numeric rows) or a direction verdict. */
  n: number;
  /** Root-mean-square residual over pct_change rows, in % points. */
  rmse: number | null;
  /** Fraction of rows with a CI or SD whose simulation falls within it. */
  fraction_within: number | null;
  /** Fraction of rows with a direction verdict whose direction matches. */
  direction_agreement: number | null;
  /** Spearman rank correlation of simulated vs observed over pct_change rows (needs ≥ 3). */
  spearman: number | null;
}

/** A comparison: rows, summary, and the outcome rows that could not be compared (with reasons). */
export interface Comparison {
  rows: ComparisonRow[];
  summary: ComparisonSummary;
  unmapped: { study_id: string; arm_id: string; outcome: string; reason: string }[];
}

/** Simulates one outcome row of one arm, on the row's reported scale; null when it cannot. */
export type SimulateOutcome = (arm: MappedArm, outcome: MappedOutcome) => number | null;

/** Compares one observed row with a simulated value (null = not simulated). */
export function compareRow(row: TrialOutcome, simulated: number | null, options: CompareOptions = {}): ComparisonRow {
  const o = { ...COMPARE_DEFAULTS, ...options };
  const observed = row.directionOnly ? null : row.value;
  const sim = simulated !== null && Number.isFinite(simulated) ? simulated : null;
  const residual = observed !== null && sim !== null ? sim - observed : null;
  const z = residual !== null && row.sd !== null && row.sd > 0 ? residual / row.sd : null;
  return {
    study_id: row.studyId,
    arm_id: row.armId,
    outcome: row.outcome,
    site: row.site,
    time: row.time,
    time_unit: row.timeUnit,
    value_kind: row.valueKind,
    observed,
    simulated: sim,
    residual,
    z,
    within: withinSpread(row, sim),
    direction_match: directionMatch(row, sim, o.noChangeThresholdPct),
    rubric: rubricOf(observed, residual, o.rubricBands),
    error: null,
    assumptions: [],
  };
}

/** Within the reported CI when there is one, else within ±2 SD of the observed mean; null without either. */
function withinSpread(row: TrialOutcome, sim: number | null): boolean | null {
  if (sim === null || row.directionOnly) return null;
  if (row.ciLow !== null && row.ciHigh !== null) return sim >= row.ciLow && sim <= row.ciHigh;
  if (row.sd !== null && row.value !== null) return Math.abs(sim - row.value) <= 2 * row.sd;
  return null;
}

/**
 * Direction-only rows: up/down need a simulated change beyond the threshold in that direction;
 * none needs one within it. Numeric change rows: the signs of simulated and observed changes agree
 * (fold changes against 1).
 */
function directionMatch(row: TrialOutcome, sim: number | null, thresholdPct: number): boolean | null {
  if (sim === null) return null;
  if (row.directionOnly) {
    if (row.direction === "up") return sim > thresholdPct;
    if (row.direction === "down") return sim < -thresholdPct;
    if (row.direction === "none") return Math.abs(sim) <= thresholdPct;
    return null;
  }
  if (row.value === null) return null;
  const neutral = row.valueKind === "fold_change" ? 1 : 0;
  return Math.sign(row.value - neutral) === Math.sign(sim - neutral);
}

function rubricOf(observed: number | null, residual: number | null, bands: [number, number]): Rubric | null {
  if (observed === null || residual === null || observed === 0) return null;
  const rel = Math.abs(residual) / Math.abs(observed);
  return rel <= bands[0] ? "green" : rel <= bands[1] ? "yellow" : "red";
}

/** Summary statistics over compared rows. */
export function summarise(rows: readonly ComparisonRow[]): ComparisonSummary {
  const numeric = rows.filter((r) => r.residual !== null);
  const pct = numeric.filter((r) => r.value_kind === "pct_change");
  const withinKnown = rows.filter((r) => r.within !== null);
  const dirKnown = rows.filter((r) => r.direction_match !== null);
  const n = rows.filter((r) => r.residual !== null || (r.observed === null && r.direction_match !== null)).length;
  return {
    n,
    rmse: pct.length ? Math.sqrt(pct.reduce((s, r) => s + r.residual! ** 2, 0) / pct.length) : null,
    fraction_within: withinKnown.length ? withinKnown.filter((r) => r.within).length / withinKnown.length : null,
    direction_agreement: dirKnown.length ? dirKnown.filter((r) => r.direction_match).length / dirKnown.length : null,
    spearman: spearmanOf(pct.map((r) => r.simulated!), pct.map((r) => r.observed!)),
  };
}

/** Spearman's rho with midranks; null with fewer than 3 pairs or no rank variance. */
export function spearmanOf(simulated: readonly number[], observed: readonly number[]): number | null {
  if (simulated.length < 3) return null;
  const rho = sampleRankCorrelation([...simulated], [...observed]);
  return Number.isFinite(rho) ? rho : null;
}

/** Runs `simulateOutcome` on every comparable row; a row whose simulation throws is kept with its error. */
export function compare(trials: MappedTrials, simulateOutcome: SimulateOutcome, options: CompareOptions = {}): Comparison {
  const arms = new Map(trials.arms.map((a) => [a.key, a]));
  const rows: ComparisonRow[] = [];
  for (const mo of trials.outcomes) {
    const arm = arms.get(mo.armKey);
    if (!mo.target || !arm) continue;
    let simulated: number | null = null;
    let error: string | null = null;
    try {
      simulated = simulateOutcome(arm, mo);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    rows.push({ ...compareRow(mo.row, simulated, options), error, assumptions: [...arm.assumptions, ...mo.target.assumptions] });
  }
  return { rows, summary: summarise(rows), unmapped: unmappedOf(trials) };
}

function unmappedOf(trials: MappedTrials): Comparison["unmapped"] {
  return trials.outcomes
    .filter((o) => o.target === null)
    .map((o) => ({ study_id: o.row.studyId, arm_id: o.row.armId, outcome: o.row.outcome, reason: o.unmappedReason ?? "not mapped" }));
}

/** The comparison as issue 6's JSON object: `{ rows: [...13 fields], summary: {...5 fields} }`. */
export function toComparisonJson(c: Pick<Comparison, "rows" | "summary">): {
  rows: Omit<ComparisonRow, "rubric" | "error" | "assumptions">[];
  summary: ComparisonSummary;
} {
  return {
    rows: c.rows.map((r) => ({
      study_id: r.study_id,
      arm_id: r.arm_id,
      outcome: r.outcome,
      site: r.site,
      time: r.time,
      time_unit: r.time_unit,
      value_kind: r.value_kind,
      observed: r.observed,
      simulated: r.simulated,
      residual: r.residual,
      z: r.z,
      within: r.within,
      direction_match: r.direction_match,
    })),
    summary: { ...c.summary },
  };
}
