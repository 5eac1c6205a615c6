/**
 * Limits that depend on the whole programme: progressed loads and pressures must stay within the
 * hard limits (errors), and the review's soft limits for older adults become warnings.
 * Soft limits: cuff pressure > 80 %AOP and rests > 60 s between sets with the cuff on
 * (the seed review's proposed older-adult protocol: 40-80 %AOP, 30-60 s rests).
 */
import { child, fail, type FieldContext } from "./fields.ts";
import type { Progression, Protocol, ProtocolWarning } from "./protocol.ts";

/** Review limits for older adults (soft: warnings, not errors). */
export const SOFT_LIMITS = {
  maxPctAopOlderAdults: 80,
  /** The review proposes 40-50 %AOP for the upper limb (60-80 % for the lower limb). */
  maxPctAopUpperLimb: 50,
  maxRestWithCuffS: 60,
} as const;

/** Modalities that work the legs (a cuff belongs on the thigh). */
const LOWER_LIMB: readonly string[] = ["knee_extension", "knee_extension_and_flexion", "leg_press", "squat", "walking", "cycling"];

/** The value of a progressed quantity in training week `week` (0-based). */
export function progressedValue(start: number, progression: Progression | undefined, week: number): number {
  if (!progression) return start;
  const steps = Math.floor(week / progression.everyWeeks);
  const value = start + progression.increment * steps;
  if (progression.max === undefined) return value;
  return progression.increment >= 0 ? Math.min(value, Math.max(progression.max, start)) : Math.max(value, Math.min(progression.max, start));
}

/** Number of training weeks that contain sessions (the last, possibly partial, week included). */
export function trainingWeekCount(protocol: Protocol): number {
  return Math.ceil(protocol.weeks - 1e-9);
}

/** Largest and smallest values a progressed quantity reaches over the programme. */
export function progressedRange(start: number, progression: Progression | undefined, weeks: number): [number, number] {
  let lo = start;
  let hi = start;
  for (let w = 0; w < weeks; w++) {
    const v = progressedValue(start, progression, w);
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return [lo, hi];
}

/** Throws an InputError when a progression takes a load or pressure past its hard limit. */
export function checkProgressedLimits(ctx: FieldContext, protocol: Protocol): void {
  const weeks = trainingWeekCount(protocol);
  const p = protocol.progression;
  const check = (key: string, start: number | undefined, lo: number, hi: number, unit: string) => {
    if (start === undefined) return;
    const [min, max] = progressedRange(start, p[key as keyof typeof p], weeks);
    if (min < lo || max > hi) {
      const bad = max > hi ? max : min;
      fail(child(child(ctx, "progression"), key), bad, `a progression that stays within [${lo}, ${hi}] ${unit} (reaches ${bad})`);
    }
  };
  check("loadPct1Rm", protocol.intensity.loadPct1Rm, 0, 100, "%1RM");
  check("walkingSpeedMPerMin", protocol.intensity.walkingSpeedMPerMin, 10, 150, "m/min");
  check("pctHrr", protocol.intensity.pctHrr, 0, 100, "%HRR");
  const pr = protocol.cuff.pressure;
  if (pr.pctAop !== undefined) check("pressure", pr.pctAop, 0, 100, "%AOP");
  else check("pressure", pr.mmHg, 0, 300, "mmHg");
}

/** The review's soft limits, as warnings. */
export function softLimitWarnings(protocol: Protocol): ProtocolWarning[] {
  const out: ProtocolWarning[] = [];
  const cuff = protocol.cuff;
  if (cuff.site === "none") return out;
  const weeks = trainingWeekCount(protocol);
  const pr = cuff.pressure;
  if (pr.pctAop !== undefined) {
    const [, max] = progressedRange(pr.pctAop, protocol.progression.pressure, weeks);
    if (max > SOFT_LIMITS.maxPctAopOlderAdults) {
      out.push({
        field: "cuff.pressure.pctAop",
        value: max,
        message: `${max} %AOP is above the review's ${SOFT_LIMITS.maxPctAopOlderAdults} %AOP limit for older adults (discomfort and endothelial stress rise steeply, little extra hypertrophy)`,
      });
    }
  }
  if (pr.pctAop !== undefined && cuff.site === "upper_arm") {
    const [, max] = progressedRange(pr.pctAop, protocol.progression.pressure, weeks);
    if (max > SOFT_LIMITS.maxPctAopUpperLimb && max <= SOFT_LIMITS.maxPctAopOlderAdults) {
      out.push({ field: "cuff.pressure.pctAop", value: max, message: `${max} %AOP on the upper arm is above the review's 40-50 %AOP for the upper limb` });
    }
  }
  const limbMismatch =
    (cuff.site === "upper_arm" && LOWER_LIMB.includes(protocol.modality)) ||
    (cuff.site === "thigh" && protocol.modality === "elbow_flexion");
  if (limbMismatch) {
    out.push({ field: "cuff.site", value: cuff.site, message: `a ${cuff.site} cuff does not restrict the muscles that ${protocol.modality} works` });
  }
  const level = pr.pctAop ?? pr.mmHg ?? 0;
  if (level === 0 && !(protocol.progression.pressure && protocol.progression.pressure.increment > 0)) {
    out.push({ field: "cuff.pressure", value: 0, message: `a ${cuff.site} cuff at 0 pressure: this is the same as no cuff` });
  }
  const hasRests = protocol.sets.length > 1;
  if (hasRests && protocol.restBetweenSetsS > SOFT_LIMITS.maxRestWithCuffS && protocol.modality !== "passive") {
    out.push({
      field: "restBetweenSetsS",
      value: protocol.restBetweenSetsS,
      message: `rests of ${protocol.restBetweenSetsS} s between BFR sets exceed the review's 30-60 s`,
    });
  }
  return out;
}
