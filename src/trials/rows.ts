/**
 * Decoding of single rows of arms.csv and outcomes.csv into typed records, with the checks that
 * concern one row only (enumerations, numbers, direction-only consistency, `measure=` on `other`
 * rows). Checks across rows (duplicates, outcomes without an arm) live in load.ts.
 */
import type { RowCells } from "./cells.ts";
import {
  ARM_MODALITIES,
  ARM_SEXES,
  CONFIDENCES,
  CUFF_SITES,
  DESIGNS,
  DIRECTIONS,
  OUTCOME_KINDS,
  TIME_UNITS,
  VALUE_KINDS,
  type Direction,
  type RowOrigin,
  type TrialArm,
  type TrialOutcome,
} from "./schema.ts";

const STUDY_ID = /^[a-z][a-z0-9_]*$/;
const ARM_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Decodes one arms.csv row; problems go to the cells' issue list. */
export function decodeArm(c: RowCells, origin: RowOrigin): TrialArm {
  const arm: TrialArm = {
    studyId: identifier(c, "study_id", STUDY_ID, "a lowercase id such as ozaki2011"),
    armId: identifier(c, "arm_id", ARM_ID, "a kebab-case arm id such as bfr-walk"),
    citation: c.requiredText("citation"),
    doi: c.text("doi"),
    pmid: c.text("pmid"),
    design: c.enumeration("design", DESIGNS, true) ?? "training",
    population: c.text("population") ?? "",
    n: c.number("n", { min: 1, integer: true }),
    ageMeanYr: c.number("age_mean", { min: 0, max: 120 }),
    sex: c.enumeration("sex", ARM_SEXES),
    modality: c.enumeration("modality", ARM_MODALITIES),
    loadPct1Rm: c.number("load_pct_1rm", { min: 0, max: 100 }),
    intensityNote: c.text("intensity_note"),
    setsReps: c.text("sets_reps"),
    restS: c.number("rest_s", { min: 0 }),
    cuffPressureMmHg: c.number("cuff_pressure_mmhg", { min: 0, max: 500 }),
    cuffPressurePctAop: c.number("cuff_pressure_pct_aop", { min: 0, max: 150 }),
    cuffWidthCm: c.number("cuff_width_cm", { min: 1, max: 40 }),
    cuffSite: c.enumeration("cuff_site", CUFF_SITES),
    sessionsPerWeek: c.number("sessions_per_week", { min: 0, max: 21 }),
    weeks: c.number("weeks", { min: 0 }),
    detrainingWeeks: c.number("detraining_weeks", { min: 0 }),
    confidence: c.enumeration("confidence", CONFIDENCES, true) ?? "low",
    sourceChecked: c.requiredText("source_checked", "the page the row was read from"),
    notes: c.text("notes") ?? "",
    origin,
  };
  checkArmCuff(c, arm);
  return arm;
}

/** A cuff-less arm (site `none`) cannot have a positive pressure. */
function checkArmCuff(c: RowCells, arm: TrialArm): void {
  if (arm.cuffSite !== "none") return;
  if (arm.cuffPressureMmHg !== null && arm.cuffPressureMmHg > 0) {
    c.report("cuff_pressure_mmhg", c.text("cuff_pressure_mmhg"), "0 or empty when cuff_site is none");
  }
  if (arm.cuffPressurePctAop !== null && arm.cuffPressurePctAop > 0) {
    c.report("cuff_pressure_pct_aop", c.text("cuff_pressure_pct_aop"), "0 or empty when cuff_site is none");
  }
}

/** Decodes one outcomes.csv row; problems go to the cells' issue list. */
export function decodeOutcome(c: RowCells, origin: RowOrigin): TrialOutcome {
  const notes = c.text("notes") ?? "";
  const outcome = c.enumeration("outcome", OUTCOME_KINDS, true);
  const row: TrialOutcome = {
    studyId: identifier(c, "study_id", STUDY_ID, "a lowercase id such as ozaki2011"),
    armId: identifier(c, "arm_id", ARM_ID, "a kebab-case arm id such as bfr-walk"),
    outcome: outcome ?? "other",
    site: c.text("site"),
    time: c.number("time", { min: 0 }),
    timeUnit: c.enumeration("time_unit", TIME_UNITS),
    valueKind: c.enumeration("value_kind", VALUE_KINDS),
    value: c.number("value"),
    unit: c.text("unit"),
    sd: c.number("sd", { min: 0 }),
    ciLow: c.number("ci_low"),
    ciHigh: c.number("ci_high"),
    directionOnly: c.boolean("direction_only"),
    direction: null,
    measure: measureOf(notes),
    pooled: /\bPOOLED\b/.test(notes),
    confidence: c.enumeration("confidence", CONFIDENCES, true) ?? "low",
    sourceChecked: c.requiredText("source_checked", "the page the row was read from"),
    notes,
    origin,
  };
  checkTime(c, row);
  checkValue(c, row);
  if (row.directionOnly) row.direction = directionOf(c, notes);
  if (outcome === "other" && row.measure === null) {
    c.report("notes", notes, "measure=<name> on every `other` row");
  }
  return row;
}

function identifier(c: RowCells, column: string, pattern: RegExp, expected: string): string {
  const v = c.requiredText(column, expected);
  if (v !== "" && !pattern.test(v)) c.report(column, v, expected);
  return v;
}

function measureOf(notes: string): string | null {
  const m = /measure=([^;]+)/.exec(notes);
  return m ? m[1].trim() : null;
}

function directionOf(c: RowCells, notes: string): Direction | null {
  const first = /^\s*([a-z]+)/.exec(notes)?.[1];
  if (first && (DIRECTIONS as readonly string[]).includes(first)) return first as Direction;
  c.report("notes", notes, "notes of a direction-only row to start with up, down or none");
  return null;
}

/** `time` and `time_unit` come together. */
function checkTime(c: RowCells, row: TrialOutcome): void {
  if (row.time !== null && row.timeUnit === null && c.text("time_unit") === null) {
    c.report("time_unit", "", `a time unit (one of: ${TIME_UNITS.join(", ")}) when time is given`);
  }
  if (row.time === null && c.text("time") === null && row.timeUnit !== null) {
    c.report("time", "", "a time when time_unit is given");
  }
}

/** A numeric row has a value and a value_kind; a direction-only row has neither; spreads are sane. */
function checkValue(c: RowCells, row: TrialOutcome): void {
  const hasValueText = c.text("value") !== null;
  if (row.directionOnly) {
    if (hasValueText) c.report("value", c.text("value"), "empty when direction_only is true");
    if (c.text("value_kind") !== null) c.report("value_kind", c.text("value_kind"), "empty when direction_only is true");
  } else {
    if (!hasValueText) c.report("value", "", "a number when direction_only is false");
    if (c.text("value_kind") === null) {
      c.report("value_kind", "", `one of: ${VALUE_KINDS.join(", ")} when direction_only is false`);
    }
  }
  if (row.ciLow !== null && row.ciHigh !== null && row.ciLow > row.ciHigh) {
    c.report("ci_high", c.text("ci_high"), `a number ≥ ci_low (${row.ciLow})`);
  }
  if ((row.ciLow === null) !== (row.ciHigh === null) && (c.text("ci_low") === null) !== (c.text("ci_high") === null)) {
    const missing = row.ciLow === null ? "ci_low" : "ci_high";
    c.report(missing, "", "both ci_low and ci_high, or neither");
  }
}
