/**
 * Outcome rows → model outputs: a declarative table from outcome kind to the model output that
 * stands for it and how to read it (value at a time, % change vs baseline, fold change, peak over
 * the session, mean over a post-session window), plus `mapOutcome`, which resolves one row to a
 * concrete target (output, reading, time) or says why it cannot be compared. Unmapped rows are
 * reported with their reason, never silently dropped.
 *
 * Output names are the qualified names of models/bfr-ageing.yaml (`module.name`, outputs or
 * states, docs/model-format.md "Composition"); `missingOutputs` checks them against a model's
 * actual names so a renamed output is caught, not ignored.
 */
import type { OutcomeKind, TimeUnit, TrialArm, TrialOutcome, ValueKind } from "./schema.ts";

/**
 * How a simulated output series is turned into the number compared with the observation:
 * - `value_at`: the output at the time (the output is already the reported quantity, e.g. % change);
 * - `pct_change_at`, `abs_change_at`, `fold_change_at`: vs the pre-intervention baseline, at the time;
 * - `peak_abs_change`, `peak_fold_change`, `peak_pct_change`: the extreme over the post-session window vs baseline;
 * - `window_mean_pct_change`: the mean over the post-session window vs baseline.
 */
export type Reading =
  | "value_at"
  | "pct_change_at"
  | "abs_change_at"
  | "fold_change_at"
  | "peak_abs_change"
  | "peak_fold_change"
  | "peak_pct_change"
  | "window_mean_pct_change";

/** Transform applied to the read value: `sqrt_area` turns a % change of an area into that of a length. */
export type ReadTransform = "none" | "sqrt_area";

/** How one outcome kind maps to the model. */
export interface OutcomeRule {
  /** Model output name (docs/model-format.md outputs). */
  output: string;
  /** Unit of that output. */
  outputUnit: string;
  /** Reading per reported value kind for training (or case) designs; a missing kind is not comparable. */
  training: Partial<Record<ValueKind, Reading>>;
  /** Reading per value kind for single sessions (acute designs); a missing kind is not comparable. */
  acute: Partial<Record<ValueKind, Reading>>;
  transform: ReadTransform;
  /** Why this output stands for the measured quantity (shown with the comparison). */
  rationale: string;
  /** A different output for single sessions (e.g. fatigue rather than adaptation), with its unit. */
  acuteOutput?: { output: string; outputUnit: string; rationale: string };
}

const STRENGTH: OutcomeRule = {
  output: "adaptation.strengthChangePct",
  outputUnit: "%",
  training: { pct_change: "value_at" },
  acute: { pct_change: "pct_change_at" },
  transform: "none",
  rationale: "the model has one strength (neural × CSA × specific tension); every test mode reads it",
  acuteOutput: {
    output: "fatigue.forceCapacity",
    outputUnit: "1",
    rationale: "acute MVC loss is fatigue: the change of force capacity (fraction of the unfatigued maximum; Pi, H+) at the end of the session",
  },
};

/** The table: outcome kind → model output and readings; null = no model output. */
export const OUTCOME_RULES: Readonly<Record<OutcomeKind, OutcomeRule | null>> = {
  strength_isometric: STRENGTH,
  strength_isokinetic: STRENGTH,
  strength_1rm: STRENGTH,
  strength_10rm: STRENGTH,
  strength_unspecified: STRENGTH,
  strength_grip: {
    output: "function.gripStrength",
    outputUnit: "kg",
    training: { pct_change: "pct_change_at", abs_change: "abs_change_at" },
    acute: {},
    transform: "none",
    rationale: "hand-grip strength of the function layer",
  },
  muscle_csa: {
    output: "adaptation.csaChangePct",
    outputUnit: "%",
    training: { pct_change: "value_at" },
    acute: {},
    transform: "none",
    rationale: "anatomical CSA of the trained muscle",
  },
  muscle_volume: {
    output: "adaptation.csaChangePct",
    outputUnit: "%",
    training: { pct_change: "value_at" },
    acute: {},
    transform: "none",
    rationale: "volume ∝ CSA at constant muscle length (assumed)",
  },
  muscle_thickness: {
    output: "adaptation.csaChangePct",
    outputUnit: "%",
    training: { pct_change: "value_at" },
    acute: {},
    transform: "sqrt_area",
    rationale: "thickness ∝ √CSA under geometric similarity (assumed)",
  },
  muscle_diameter: {
    output: "adaptation.csaChangePct",
    outputUnit: "%",
    training: { pct_change: "value_at" },
    acute: {},
    transform: "sqrt_area",
    rationale: "diameter ∝ √CSA under geometric similarity (assumed)",
  },
  appendicular_lean_mass: {
    output: "adaptation.csaChangePct",
    outputUnit: "%",
    training: { pct_change: "value_at" },
    acute: {},
    transform: "none",
    rationale: "lean mass ∝ muscle volume ∝ CSA of the trained muscles (assumed; untrained muscles dilute it)",
  },
  fibre_area: {
    output: "adaptation.csaChangePct",
    outputUnit: "%",
    training: { pct_change: "value_at" },
    acute: {},
    transform: "none",
    rationale: "mean fibre area tracks whole-muscle CSA (assumed; early fibre swelling is not hypertrophy)",
  },
  protein_synthesis_rate: {
    output: "adaptation.mps",
    outputUnit: "1",
    training: { pct_change: "pct_change_at" },
    acute: { pct_change: "window_mean_pct_change" },
    transform: "none",
    rationale: "fractional synthesis rate (fold of basal) measured over hours after the session (tracer incorporation)",
  },
  growth_hormone: {
    output: "exerkines.gh",
    outputUnit: "1",
    training: { fold_change: "fold_change_at" },
    acute: { fold_change: "peak_fold_change" },
    transform: "none",
    rationale: "plasma GH as fold of baseline; absolute changes need the resting level and are not compared",
  },
  igf1: {
    output: "exerkines.igf1",
    outputUnit: "1",
    training: { fold_change: "fold_change_at" },
    acute: { fold_change: "peak_fold_change" },
    transform: "none",
    rationale: "plasma IGF-1 as fold of baseline",
  },
  il6: {
    output: "exerkines.il6",
    outputUnit: "1",
    training: { fold_change: "fold_change_at" },
    acute: { fold_change: "peak_fold_change" },
    transform: "none",
    rationale: "plasma IL-6 as fold of baseline",
  },
  myostatin_mrna: {
    output: "exerkines.myostatin",
    outputUnit: "1",
    training: { fold_change: "fold_change_at" },
    acute: { fold_change: "fold_change_at" },
    transform: "none",
    rationale: "muscle myostatin expression as fold of baseline",
  },
  lactate: {
    output: "energetics.bloodLactate",
    outputUnit: "mM",
    training: { abs_change: "abs_change_at" },
    acute: { abs_change: "peak_abs_change", fold_change: "peak_fold_change" },
    transform: "none",
    rationale: "venous blood lactate concentration",
  },
  vo2peak: {
    // No such output in models/bfr-ageing.yaml yet: `missingOutputs` reports it and the rows stay unsimulated.
    output: "vo2peak",
    outputUnit: "mL/kg/min",
    training: { abs_change: "abs_change_at", pct_change: "pct_change_at" },
    acute: {},
    transform: "none",
    rationale: "peak oxygen uptake per kg body mass",
  },
  other: null,
};

/** Observed units converted into an output's unit: factor such that value_in_output_unit = factor × observed. */
export const UNIT_FACTORS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  // Lactate, molar mass 90.08 g/mol: 1 mmol/L = 9.008 mg/dL.
  mM: { "mmol/L": 1, mM: 1, "mg/dL": 1 / 9.008 },
  kg: { kg: 1 },
  "mL/kg/min": { "mL/kg/min": 1 },
};

/** Post-session window for peak and mean readings of acute rows without a stated time, s. */
export const ACUTE_WINDOWS_S = {
  /** GH, lactate, IL-6 peaks: within 2 h after the session (GH peaks ~15-30 min; Takarada 2000). */
  peak: [0, 2 * 3600] as [number, number],
  /** MPS: 0-3 h after exercise, the tracer period of Fujita 2007 and Fry 2010 (assumed from their design). */
  mps: [0, 3 * 3600] as [number, number],
};

/** A resolved comparison target for one outcome row. */
export interface OutcomeTarget {
  output: string;
  outputUnit: string;
  reading: Reading;
  transform: ReadTransform;
  /** `programme_start` for training/case rows, `session_end` for single-session rows. */
  anchor: "programme_start" | "session_end";
  /** Time after the anchor, s (for `_at` readings). */
  timeS: number | null;
  /** Window after the anchor for peak/mean readings, s. */
  windowS: [number, number] | null;
  /** value_in_output_unit = observedScale × reported value (1 for %, fold and same units). */
  observedScale: number;
  rationale: string;
  assumptions: string[];
}

/** A row resolved to a target, or the reason it cannot be compared with the model. */
export type OutcomeMapping = { ok: true; target: OutcomeTarget } | { ok: false; reason: string };

const SECONDS: Record<TimeUnit, number> = { minutes: 60, hours: 3600, days: 86400, weeks: 7 * 86400 };

/** Resolves an outcome row (of `arm`) to the model output, reading and time to compare with. */
export function mapOutcome(row: TrialOutcome, arm: TrialArm, programmeWeeks: number): OutcomeMapping {
  let rule = OUTCOME_RULES[row.outcome];
  if (!rule) {
    return { ok: false, reason: `no model output for outcome "other"${row.measure ? ` (measure=${row.measure})` : ""}` };
  }
  const acute = arm.design === "acute" || (row.time === null && isSessionMeasure(row));
  const readings = acute ? rule.acute : rule.training;
  const assumptions: string[] = [];
  let reading: Reading | undefined;
  if (row.directionOnly) {
    reading = directionReading(rule, acute);
  } else {
    reading = row.valueKind ? readings[row.valueKind] : undefined;
    if (!reading) {
      const ok = Object.keys(readings);
      return {
        ok: false,
        reason: `${row.outcome} as ${row.valueKind ?? "(no value_kind)"} cannot be compared with ${rule.output} (${rule.outputUnit})${
          ok.length ? `; comparable value kinds: ${ok.join(", ")}` : ` in ${acute ? "a single session" : "training"}`
        }`,
      };
    }
  }
  if (acute && rule.acuteOutput) rule = { ...rule, ...rule.acuteOutput };
  const observedScale = scaleOf(rule, row, reading);
  if (observedScale === null) {
    return { ok: false, reason: `unit "${row.unit}" of ${row.outcome} cannot be converted to ${rule.outputUnit}` };
  }
  const anchor = acute ? "session_end" : "programme_start";
  let timeS = row.time !== null && row.timeUnit !== null ? row.time * SECONDS[row.timeUnit] : null;
  let windowS: [number, number] | null = null;
  if (reading.startsWith("peak_") || reading.startsWith("window_")) {
    windowS = row.outcome === "protein_synthesis_rate" ? ACUTE_WINDOWS_S.mps : ACUTE_WINDOWS_S.peak;
    if (timeS !== null) {
      reading = reading.replace(/^peak_|^window_mean_/, "").concat("_at") as Reading;
      if (reading === "pct_change_at" && rule.training.pct_change === "value_at") reading = "value_at";
      windowS = null;
    } else {
      assumptions.push(`sampling time not reported: ${reading.replace(/_/g, " ")} over ${windowS[0] / 3600}-${windowS[1] / 3600} h after the session`);
    }
  } else if (timeS === null) {
    timeS = acute ? 0 : programmeWeeks * SECONDS.weeks;
    assumptions.push(acute ? "time not reported: read at the end of the session" : `time not reported: read at the end of training (${programmeWeeks} weeks)`);
  }
  return {
    ok: true,
    target: { output: rule.output, outputUnit: rule.outputUnit, reading, transform: rule.transform, anchor, timeS, windowS, observedScale, rationale: rule.rationale, assumptions },
  };
}

/** Direction-only rows are compared as a % change (sign and size), whatever the output's unit. */
function directionReading(rule: OutcomeRule, acute: boolean): Reading {
  const readings = acute ? rule.acute : rule.training;
  if (readings.pct_change === "value_at") return "value_at";
  if (acute) return rule.output === "adaptation.mps" ? "window_mean_pct_change" : "peak_pct_change";
  return "pct_change_at";
}

/** Exerkine and metabolite rows of a training arm without a time are first-session measurements. */
function isSessionMeasure(row: TrialOutcome): boolean {
  return ["growth_hormone", "lactate", "protein_synthesis_rate", "il6"].includes(row.outcome) && /acute|session/i.test(row.notes);
}

function scaleOf(rule: OutcomeRule, row: TrialOutcome, reading: Reading): number | null {
  if (row.directionOnly || !reading.includes("abs_change")) return 1;
  const unit = row.unit ?? rule.outputUnit;
  if (unit === rule.outputUnit) return 1;
  return UNIT_FACTORS[rule.outputUnit]?.[unit] ?? null;
}

/** Output names of the table that a model does not provide (empty when all are there). */
export function missingOutputs(modelOutputs: Iterable<string>): string[] {
  const have = new Set(modelOutputs);
  const wanted = new Set(
    Object.values(OUTCOME_RULES).flatMap((r) => (r ? [r.output, ...(r.acuteOutput ? [r.acuteOutput.output] : [])] : [])),
  );
  return [...wanted].filter((name) => !have.has(name)).sort();
}
