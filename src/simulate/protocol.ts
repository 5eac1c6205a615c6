/**
 * A training (or disuse) programme: what is done in a session, with what cuff, how often and for
 * how long, and how it progresses. Units are in the field names. A protocol is plain data; parse
 * and validate one with `parseProtocol` / `validateProtocol` (protocol-validate.ts), compile it to
 * model inputs with `compileSchedule` (schedule.ts).
 */
import type { CuffSite } from "./subject.ts";

/** Exercise modalities (the trial data's vocabulary, arms.csv `modality`). */
export const MODALITIES = [
  "knee_extension",
  "knee_extension_and_flexion",
  "leg_press",
  "squat",
  "elbow_flexion",
  "elastic_band",
  "functional",
  "mixed_resistance",
  "walking",
  "cycling",
  "passive",
  "none",
] as const;
export type Modality = (typeof MODALITIES)[number];

/** Modalities dosed by %1RM with sets of repetitions. */
export const RESISTANCE_MODALITIES: readonly Modality[] = [
  "knee_extension",
  "knee_extension_and_flexion",
  "leg_press",
  "squat",
  "elbow_flexion",
  "elastic_band",
  "functional",
  "mixed_resistance",
];

/** Modalities dosed by duration (and speed or %HRR for walking/cycling). */
export const ENDURANCE_MODALITIES: readonly Modality[] = ["walking", "cycling"];

/**
 * Cuff inflation during an exercise: `continuous` keeps the cuff inflated through sets and the
 * rests between them (the review's recommendation); `deflated_in_rests` inflates it for sets only.
 * Either way it is released between exercises.
 */
export type InflationScheme = "continuous" | "deflated_in_rests";

/** One set or bout: a number of repetitions (resistance) or a duration (walking, passive cycles). */
export type SetPrescription = { reps: number; durationS?: undefined } | { durationS: number; reps?: undefined };

/** Cuff pressure: relative to the subject's AOP, or absolute. Exactly one is given. */
export type CuffPressure = { pctAop: number; mmHg?: undefined } | { mmHg: number; pctAop?: undefined };

/** The cuff: site `none` means no cuff (pressure then must be 0 or absent). */
export interface CuffPrescription {
  site: CuffSite | "none";
  /** Bladder width, cm (3-25). Changes the AOP the %AOP refers to. */
  widthCm: number;
  /** Pressure in week 1 (progression may raise it). */
  pressure: CuffPressure;
  inflation: InflationScheme;
}

/** Stepwise progression: add `increment` every `everyWeeks` weeks, never beyond `max`. */
export interface Progression {
  /** Added at each step, in the unit of the quantity it progresses (%1RM, %AOP or mmHg, m/min, %HRR). */
  increment: number;
  /** Weeks between steps (≥ 1): the first step comes at the start of week `everyWeeks + 1`. */
  everyWeeks: number;
  /** Ceiling of the progressed quantity (same unit); defaults to no ceiling beyond the hard limits. */
  max?: number;
}

/** Exercise intensity: %1RM for resistance work; speed and/or %HRR for walking/cycling. */
export interface Intensity {
  /** External load as % of the baseline 1RM (0-100). */
  loadPct1Rm?: number;
  /** Walking speed, m/min (10-150). */
  walkingSpeedMPerMin?: number;
  /** Exercise heart rate as % of heart-rate reserve (0-100). */
  pctHrr?: number;
}

/** Time during which the limb is immobilised / the subject bed-bound (drives `unloading`). */
export interface Immobilisation {
  /** Start, days from the programme start (≥ 0). */
  startDay: number;
  /** Duration, days (> 0). */
  durationDays: number;
}

/** A validated protocol. Construct with `validateProtocol` or `parseProtocol`; treat as frozen. */
export interface Protocol {
  /** Short identifier (preset name or file stem). */
  name: string;
  /** One line: what it is and where it comes from. */
  description?: string;
  modality: Modality;
  intensity: Intensity;
  /** The sets of one exercise, in order (from a pattern such as "30-15-15-15", "3x15", "20 min continuous"). */
  sets: readonly SetPrescription[];
  /** The pattern string the sets came from, for display. */
  setsPattern: string;
  /** Seconds per repetition (metronome cadence, 0.5-10). Set duration = reps × cadence. */
  cadenceS: number;
  /** Relaxed seconds within each repetition (0 ≤ pause < cadence; default 0: continuous reps). */
  repPauseS: number;
  /**
   * Fraction of set time the muscle works (0-1], the model's `contractionDuty`.
   * Default from modality: see `defaultContractionDuty` in schedule-physiology.ts.
   */
  contractionDuty: number;
  /** Rest between sets of one exercise, s (≥ 0). */
  restBetweenSetsS: number;
  /** Exercises per session, each performed with the same sets (≥ 1). */
  exercisesPerSession: number;
  /** Gap between exercises with the cuff released, s (≥ 0). */
  releaseBetweenExercisesS: number;
  /** 1 for passive mobilisation during the bouts (modality `passive`); 0 for cuff-only passive BFR. */
  passiveMotion: boolean;
  cuff: CuffPrescription;
  /** Sessions per week (> 0; may exceed 7 for twice-daily schedules, or be fractional). 0 only for modality `none`. */
  sessionsPerWeek: number;
  /** Training weeks (> 0, may be fractional, e.g. 23 sessions in 19 days). */
  weeks: number;
  /** Follow-up without training after the programme, weeks (≥ 0). */
  detrainingWeeks: number;
  /** Clock time at which sessions start, h after midnight (0-23). */
  sessionStartHour: number;
  /** Explicit training weekdays (0 = Monday … 6 = Sunday); default spreads sessions over the week. */
  weekdays?: readonly number[];
  /** Progression of the load (%1RM), cuff pressure (in the cuff pressure's unit), speed or %HRR. */
  progression: {
    loadPct1Rm?: Progression;
    pressure?: Progression;
    walkingSpeedMPerMin?: Progression;
    pctHrr?: Progression;
  };
  immobilisation?: Immobilisation;
  /** Citations for the preset (free text with DOIs). */
  sources?: readonly string[];
}

/** A soft-limit breach: valid input that goes beyond what the review recommends. */
export interface ProtocolWarning {
  /** Dotted field path, e.g. `cuff.pressure.pctAop`. */
  field: string;
  value: unknown;
  message: string;
}

/** A parsed protocol with the soft-limit warnings found while validating it. */
export interface ValidatedProtocol {
  protocol: Protocol;
  warnings: ProtocolWarning[];
}

/**
 * What a protocol file or object may contain before validation: the Protocol's shape with
 * defaults left out, sets as a pattern string or list, and plain strings for the enumerations.
 */
export interface ProtocolInput {
  name?: string;
  description?: string;
  modality: string;
  intensity?: Intensity;
  /** A pattern ("30-15-15-15", "3x15", "20 min continuous", "5x5 min") or a list of sets. */
  sets: string | readonly SetPrescription[];
  cadenceS?: number;
  repPauseS?: number;
  contractionDuty?: number;
  restBetweenSetsS?: number;
  exercisesPerSession?: number;
  releaseBetweenExercisesS?: number;
  passiveMotion?: boolean;
  cuff?: {
    site?: string;
    widthCm?: number;
    pressure?: { pctAop?: number; mmHg?: number };
    inflation?: string;
  };
  sessionsPerWeek: number;
  weeks: number;
  detrainingWeeks?: number;
  sessionStartHour?: number;
  weekdays?: readonly number[];
  progression?: Protocol["progression"];
  immobilisation?: Immobilisation;
  sources?: readonly string[];
}
