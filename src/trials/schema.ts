/**
 * The trial-data schema (data/trials/README.md): the columns of arms.csv and outcomes.csv, their
 * enumerations, and the typed rows the loader produces. Empty cells mean "unknown" and become
 * `null`; nothing is filled in here.
 */
import type { Modality } from "../simulate/protocol.ts";

/** Study designs: a training programme, a single session, or a case report. */
export const DESIGNS = ["training", "acute", "case"] as const;
export type Design = (typeof DESIGNS)[number];

/** Sex of an arm's participants. */
export const ARM_SEXES = ["female", "male", "mixed"] as const;
export type ArmSex = (typeof ARM_SEXES)[number];

/** Exercise modalities (arms.csv `modality`); the same vocabulary as the protocol's. */
export const ARM_MODALITIES = [
  "knee_extension",
  "leg_press",
  "knee_extension_and_flexion",
  "squat",
  "elbow_flexion",
  "elastic_band",
  "walking",
  "cycling",
  "passive",
  "functional",
  "mixed_resistance",
  "none",
] as const satisfies readonly Modality[];

/** Where the cuff sits; `none` for arms without a cuff. */
export const CUFF_SITES = ["thigh", "upper_arm", "none"] as const;
export type ArmCuffSite = (typeof CUFF_SITES)[number];

/** How sure the extraction is of a row. */
export const CONFIDENCES = ["high", "medium", "low"] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** Outcome kinds (outcomes.csv `outcome`). */
export const OUTCOME_KINDS = [
  "strength_isometric",
  "strength_isokinetic",
  "strength_1rm",
  "strength_10rm",
  "strength_grip",
  "strength_unspecified",
  "muscle_csa",
  "muscle_thickness",
  "muscle_volume",
  "muscle_diameter",
  "appendicular_lean_mass",
  "fibre_area",
  "protein_synthesis_rate",
  "growth_hormone",
  "igf1",
  "il6",
  "myostatin_mrna",
  "lactate",
  "vo2peak",
  "other",
] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/** Units of an outcome's `time` (after the start of training, or after the session). */
export const TIME_UNITS = ["weeks", "days", "hours", "minutes"] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

/** How an outcome value is expressed relative to baseline. */
export const VALUE_KINDS = ["pct_change", "fold_change", "abs_change", "post_minus_pre_between_limbs"] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

/** Direction of a direction-only outcome, from the first word of its notes. */
export const DIRECTIONS = ["up", "down", "none"] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** Columns of arms.csv, in file order. */
export const ARM_COLUMNS = [
  "study_id",
  "arm_id",
  "citation",
  "doi",
  "pmid",
  "design",
  "population",
  "n",
  "age_mean",
  "sex",
  "modality",
  "load_pct_1rm",
  "intensity_note",
  "sets_reps",
  "rest_s",
  "cuff_pressure_mmhg",
  "cuff_pressure_pct_aop",
  "cuff_width_cm",
  "cuff_site",
  "sessions_per_week",
  "weeks",
  "detraining_weeks",
  "confidence",
  "source_checked",
  "notes",
] as const;

/** Columns of outcomes.csv, in file order. */
export const OUTCOME_COLUMNS = [
  "study_id",
  "arm_id",
  "outcome",
  "site",
  "time",
  "time_unit",
  "value_kind",
  "value",
  "unit",
  "sd",
  "ci_low",
  "ci_high",
  "direction_only",
  "confidence",
  "source_checked",
  "notes",
] as const;

/** Where a row came from: file, 1-based line of its first field, and each column's 1-based position. */
export interface RowOrigin {
  file: string;
  line: number;
  /** Column name → where that cell starts (line may differ from `line` after a quoted line break). */
  cells: Readonly<Record<string, { line: number; column: number }>>;
}

/** One arm of a published trial (arms.csv). `null` = not reported. */
export interface TrialArm {
  studyId: string;
  armId: string;
  citation: string;
  doi: string | null;
  pmid: string | null;
  design: Design;
  population: string;
  n: number | null;
  ageMeanYr: number | null;
  sex: ArmSex | null;
  modality: Modality | null;
  loadPct1Rm: number | null;
  intensityNote: string | null;
  setsReps: string | null;
  restS: number | null;
  cuffPressureMmHg: number | null;
  cuffPressurePctAop: number | null;
  cuffWidthCm: number | null;
  cuffSite: ArmCuffSite | null;
  sessionsPerWeek: number | null;
  weeks: number | null;
  detrainingWeeks: number | null;
  confidence: Confidence;
  sourceChecked: string;
  notes: string;
  origin: RowOrigin;
}

/** One outcome of one arm at one time (outcomes.csv). `null` = not reported. */
export interface TrialOutcome {
  studyId: string;
  armId: string;
  outcome: OutcomeKind;
  site: string | null;
  time: number | null;
  timeUnit: TimeUnit | null;
  valueKind: ValueKind | null;
  value: number | null;
  unit: string | null;
  sd: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  directionOnly: boolean;
  /** For direction-only rows, the reported direction (first word of notes); else null. */
  direction: Direction | null;
  /** For `other` rows, the `measure=<name>` of the notes; else null. */
  measure: string | null;
  /** True when the notes mark the value as pooled across arms (not independent evidence). */
  pooled: boolean;
  confidence: Confidence;
  sourceChecked: string;
  notes: string;
  origin: RowOrigin;
}

/** The loaded, validated trial data. */
export interface TrialData {
  arms: readonly TrialArm[];
  outcomes: readonly TrialOutcome[];
  files: { arms: string; outcomes: string };
}

/** Key of an arm: `study_id/arm_id`. */
export function armKey(studyId: string, armId: string): string {
  return `${studyId}/${armId}`;
}
