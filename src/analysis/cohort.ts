/**
 * Virtual cohorts: member m of a cohort is a pure function of (population, seed, m) — a subject
 * (age, sex, menopause, body size, blood pressure and so AOP, baseline strength and muscle size,
 * inflammation) plus inter-individual variability of the model parameters, with widths set by
 * each parameter's evidence grade. Because a member does not depend on which arm or shard
 * simulates it, the same person can be simulated under every protocol of a sweep.
 */
import { InputError } from "../errors.ts";
import type { ParameterInfo } from "../model/types.ts";
import type { Subject } from "../simulate/subject.ts";
import { remakeSubject } from "../simulate/remake.ts";
import { normalDeviate, validateSeed, xoshiro128ss, type RandomSource } from "../sweep/prng.ts";
import type { EvidenceGrade } from "../model/load.ts";

/** How a subject trait varies between people: additive normal (sd, in the field's unit) or multiplicative log-normal (cv). */
export interface TraitSpread {
  sd?: number;
  cv?: number;
  /** Paper + DOI, or "assumed: why". */
  source: string;
}

/** A population to sample members from. */
export interface PopulationSpec {
  /** Age range, yr, sampled uniformly. */
  ageYr: { min: number; max: number };
  /** Fraction of women, 0..1. */
  femaleFraction: number;
  /** Women at or above this age are postmenopausal, yr. */
  menopauseAgeYr: number;
  /** Spread of each numeric subject field around the base subject of that sex. */
  spread: Readonly<Record<string, TraitSpread>>;
  /** SD of the log of each parameter's multiplier, by evidence grade (scaled by `parameterVariability`). */
  parameterSdLog: Readonly<Record<EvidenceGrade, number>>;
  /** Multiplies every parameter spread; 0 turns parameter variability off. */
  parameterVariability: number;
  /** Draw each member's true AOP around the estimate with the equation's standard error. */
  aopEstimationError: boolean;
}

/** Older adults (60-80 y, half women): the default population of `bfrsim cohort` and `bfrsim power`. */
export const OLDER_ADULTS: PopulationSpec = Object.freeze({
  // older-adult arms of the trial table (shared/trials/arms.csv) have mean ages 63-76 y (two
  // nonagenarian arms aside); uniform 60-80 y gives a cohort mean of 70 y
  ageYr: { min: 60, max: 80 },
  femaleFraction: 0.5,
  // Schoenaker et al. 2014, Int J Epidemiol 43:1542-1562, doi:10.1093/ije/dyu094: mean age at natural menopause 48.8 y (all cohorts)
  menopauseAgeYr: 49,
  spread: Object.freeze({
    bodyMassKg: { cv: 0.15, source: "assumed: typical between-person CV of body mass in older-adult cohorts" },
    heightCm: { sd: 6.5, source: "assumed: typical within-sex SD of adult stature" },
    thighCircumferenceCm: { sd: 4.5, source: "assumed: within-sex SD of thigh girth in AOP-equation derivation samples (45-60 cm span, shared/trials/aop.md)" },
    armCircumferenceCm: { sd: 3, source: "assumed: within-sex SD of mid-upper-arm girth" },
    sbpMmHg: { sd: 17, source: "assumed: SD of resting systolic pressure in adults over 65 (isolated systolic hypertension common)" },
    dbpMmHg: { sd: 9, source: "assumed: SD of resting diastolic pressure in adults over 65" },
    oneRepMaxKg: { cv: 0.25, source: "assumed: between-person CV of knee-extension 1RM in untrained older adults" },
    baselineCsaCm2: { cv: 0.2, source: "mid-thigh muscle CSA of women ≥ 70 y 72.3 ± 14.5 cm² (CV 0.20), as in the older-woman preset's sources" },
    gripStrengthKg: { cv: 0.2, source: "assumed: Dodds 2014 (doi:10.1371/journal.pone.0113637) centiles span about ±20 % (10th-90th) around the median at 70 y" },
    gaitSpeedMPerS: { cv: 0.18, source: "assumed: Bohannon 1997 (doi:10.1093/ageing/26.1.15) SDs of comfortable gait speed are ~15-20 % of the mean" },
    inflammationLevel: { cv: 0.6, source: "assumed: circulating CRP/IL-6 are log-normal with wide between-person spread in older adults" },
  }),
  // assumed: between-person variability of most model parameters is not reported; weaker evidence → wider spread
  parameterSdLog: Object.freeze({ strong: 0.05, moderate: 0.1, limited: 0.15, speculative: 0.2 }),
  parameterVariability: 1,
  aopEstimationError: true,
});

/** Named populations for the CLI. */
export const POPULATIONS: Readonly<Record<string, PopulationSpec>> = Object.freeze({
  "older-adults": OLDER_ADULTS,
  "older-women": Object.freeze({ ...OLDER_ADULTS, femaleFraction: 1 }),
  "older-men": Object.freeze({ ...OLDER_ADULTS, femaleFraction: 0 }),
});

/** A sampled cohort member. */
export interface VirtualCohortMember {
  subject: Subject;
  /** Model-parameter multipliers drawn for this member (declared units), by parameter name. */
  parameters: Record<string, number>;
  /** Standard normal deviate of the member's true AOP around the estimate. */
  aopDeviate: number;
}

/** Bases of a cohort: the subject of each sex every member varies around, and the model's parameters. */
export interface CohortBase {
  female: Subject;
  male: Subject;
  /** Model parameters to vary (subject-derived parameters should be left out). */
  parameters: readonly ParameterInfo[];
}

/** Validates a population, filling missing fields from OLDER_ADULTS. */
export function resolvePopulation(p: Partial<PopulationSpec> = {}): PopulationSpec {
  const pop = { ...OLDER_ADULTS, ...p, spread: { ...OLDER_ADULTS.spread, ...(p.spread ?? {}) } };
  if (!(pop.ageYr.min >= 18 && pop.ageYr.max >= pop.ageYr.min && pop.ageYr.max <= 110)) {
    throw new InputError("population.ageYr", pop.ageYr, "{ min, max } with 18 ≤ min ≤ max ≤ 110 yr");
  }
  if (!(pop.femaleFraction >= 0 && pop.femaleFraction <= 1)) throw new InputError("population.femaleFraction", pop.femaleFraction, "a fraction in [0, 1]");
  if (!(pop.parameterVariability >= 0 && Number.isFinite(pop.parameterVariability))) {
    throw new InputError("population.parameterVariability", pop.parameterVariability, "a finite number ≥ 0 (0 = none, 1 = the grade widths)");
  }
  for (const [field, s] of Object.entries(pop.spread)) {
    const w = s.sd ?? s.cv;
    if (w === undefined || !(w >= 0) || !Number.isFinite(w)) throw new InputError(`population.spread.${field}`, s, "{ sd } or { cv } ≥ 0");
  }
  return pop;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function spreadValue(base: number, s: TraitSpread, random: RandomSource): number {
  const z = normalDeviate(random);
  // log-normal with median `base` (the preset is the typical person) and coefficient of variation cv
  return s.cv !== undefined ? base * Math.exp(Math.sqrt(Math.log(1 + s.cv * s.cv)) * z) : base + (s.sd ?? 0) * z;
}

/** Member `member` (0-based) of the cohort drawn from `population` with `seed`. */
export function sampleCohortMember(population: PopulationSpec, base: CohortBase, seed: number, member: number): VirtualCohortMember {
  if (!Number.isInteger(member) || member < 0) throw new InputError("member", member, "an integer ≥ 0");
  const random = xoshiro128ss(validateSeed(seed), 0x5eed0000 + member);
  const female = random() < population.femaleFraction;
  const ageYr = population.ageYr.min + random() * (population.ageYr.max - population.ageYr.min);
  const template = female ? base.female : base.male;
  const fields: Record<string, unknown> = {
    ageYr,
    sex: female ? "female" : "male",
    menopausalStatus: female ? (ageYr >= population.menopauseAgeYr ? "postmenopausal" : "premenopausal") : "not_applicable",
    measuredAop: [], // the AOP is estimated from the sampled girth and pressures
  };
  for (const [field, s] of Object.entries(population.spread)) {
    const v = (template as unknown as Record<string, unknown>)[field];
    if (typeof v !== "number") throw new InputError(`population.spread.${field}`, field, "a numeric subject field");
    fields[field] = spreadValue(v, s, random);
  }
  fields.dbpMmHg = Math.min(Number(fields.dbpMmHg), Number(fields.sbpMmHg) - 20); // keep a physiological pulse pressure
  clampToSubjectRanges(fields);
  const subject = remakeSubject({ ...template, name: `member-${member}` }, fields);
  const aopDeviate = population.aopEstimationError ? clamp(normalDeviate(random), -3, 3) : 0;
  const parameters: Record<string, number> = {};
  const scale = population.parameterVariability;
  for (const p of base.parameters) {
    const z = normalDeviate(random); // always drawn, so the stream does not depend on the scale
    const sdLog = scale * (population.parameterSdLog[p.evidence] ?? 0);
    if (sdLog === 0 || p.value === 0) continue;
    parameters[p.name] = clamp(p.value * Math.exp(sdLog * clamp(z, -3, 3)), Math.min(...p.range), Math.max(...p.range));
  }
  return { subject, parameters, aopDeviate };
}

/** Keeps sampled fields inside the subject validator's ranges (a tail draw should not fail a member). */
function clampToSubjectRanges(fields: Record<string, unknown>): void {
  const limits: Record<string, [number, number]> = {
    bodyMassKg: [35, 200], heightCm: [130, 210], thighCircumferenceCm: [30, 90], armCircumferenceCm: [18, 55],
    sbpMmHg: [90, 220], dbpMmHg: [45, 130], oneRepMaxKg: [2, 250], baselineCsaCm2: [12, 190],
    gripStrengthKg: [4, 85], gaitSpeedMPerS: [0.2, 2.2], inflammationLevel: [0.2, 5],
  };
  for (const [k, [lo, hi]] of Object.entries(limits)) if (typeof fields[k] === "number") fields[k] = clamp(fields[k] as number, lo, hi);
}
