/**
 * Validation of protocols. Hard limits (impossible or unsafe input) are InputErrors naming the
 * field, the value and the allowed range; the review's soft limits come back as warnings.
 */
import type { Locator } from "./yaml-source.ts";
import {
  asRecord,
  checkNumber,
  child,
  fail,
  readBoolean,
  readChoice,
  readNumber,
  readOptionalNumber,
  readString,
  rejectUnknownKeys,
  type FieldContext,
} from "./fields.ts";
import {
  ENDURANCE_MODALITIES,
  MODALITIES,
  RESISTANCE_MODALITIES,
  type CuffPrescription,
  type CuffPressure,
  type Intensity,
  type Modality,
  type Progression,
  type Protocol,
  type ProtocolWarning,
  type SetPrescription,
  type ValidatedProtocol,
} from "./protocol.ts";
import { defaultContractionDuty } from "./schedule-physiology.ts";
import { parseSetsPattern, SETS_PATTERN_HELP, formatSetsPattern } from "./sets-pattern.ts";
import { checkProgressedLimits, softLimitWarnings } from "./protocol-limits.ts";

/** Defaults of optional protocol fields, in one place. */
export const PROTOCOL_DEFAULTS = {
  cadenceS: 2,
  repPauseS: 0,
  restBetweenSetsS: 30,
  exercisesPerSession: 1,
  releaseBetweenExercisesS: 90,
  passiveMotion: false,
  detrainingWeeks: 0,
  sessionStartHour: 10,
  cuffWidthCm: 11.5,
  inflation: "continuous",
} as const;

/** Hard ranges of protocol numbers (units in the names). */
export const PROTOCOL_RANGES = {
  loadPct1Rm: { min: 0, max: 100, unit: "%1RM" },
  walkingSpeedMPerMin: { min: 10, max: 150, unit: "m/min" },
  pctHrr: { min: 0, max: 100, unit: "%HRR" },
  cadenceS: { min: 0.5, max: 10, unit: "s per rep" },
  repPauseS: { min: 0, max: 10, unit: "s per rep" },
  contractionDuty: { min: 0, max: 1, exclusiveMin: true, unit: "(fraction of set time)" },
  restBetweenSetsS: { min: 0, max: 3600, unit: "s" },
  exercisesPerSession: { min: 1, max: 12, integer: true, unit: "exercises" },
  releaseBetweenExercisesS: { min: 0, max: 3600, unit: "s" },
  cuffWidthCm: { min: 3, max: 25, unit: "cm" },
  pctAop: { min: 0, max: 100, unit: "%AOP" },
  mmHg: { min: 0, max: 300, unit: "mmHg (hard ceiling)" },
  sessionsPerWeek: { min: 0, max: 21, exclusiveMin: true, unit: "sessions/week" },
  weeks: { min: 0, max: 104, exclusiveMin: true, unit: "weeks" },
  detrainingWeeks: { min: 0, max: 104, unit: "weeks" },
  sessionStartHour: { min: 0, max: 23, unit: "h" },
  reps: { min: 1, max: 500, integer: true, unit: "reps" },
  durationS: { min: 1, max: 14400, unit: "s" },
  sets: { min: 1, max: 20, integer: true, unit: "sets" },
} as const;

const PROTOCOL_KEYS = [
  "name", "description", "modality", "intensity", "sets", "cadenceS", "repPauseS", "contractionDuty", "restBetweenSetsS",
  "exercisesPerSession", "releaseBetweenExercisesS", "passiveMotion", "cuff", "sessionsPerWeek", "weeks",
  "detrainingWeeks", "sessionStartHour", "weekdays", "progression", "immobilisation", "sources",
];

/** Options for `validateProtocol`. */
export interface ValidateProtocolOptions {
  /** Name used when the object has none (e.g. a file stem). */
  name?: string;
  locate?: Locator;
}

/** Validates a plain object (ProtocolInput-shaped) into a Protocol plus soft-limit warnings. */
export function validateProtocol(input: unknown, options: ValidateProtocolOptions = {}): ValidatedProtocol {
  const ctx: FieldContext = { root: "protocol", path: [], locate: options.locate };
  const obj = asRecord(ctx, input);
  rejectUnknownKeys(ctx, obj, PROTOCOL_KEYS);
  const R = PROTOCOL_RANGES;
  const D = PROTOCOL_DEFAULTS;
  const warnings: ProtocolWarning[] = [];
  const modality = readChoice<Modality>(ctx, obj, "modality", MODALITIES);
  const sets = readSets(child(ctx, "sets"), obj.sets, modality);
  const cadenceS = readNumber(ctx, obj, "cadenceS", R.cadenceS, D.cadenceS);
  const repPauseS = readNumber(ctx, obj, "repPauseS", { ...R.repPauseS, max: cadenceS, exclusiveMax: true }, D.repPauseS);
  const protocol: Protocol = {
    name: readString(ctx, obj, "name") ?? options.name ?? "protocol",
    description: readString(ctx, obj, "description"),
    modality,
    intensity: readIntensity(child(ctx, "intensity"), obj.intensity, modality),
    sets,
    setsPattern: typeof obj.sets === "string" ? obj.sets : formatSetsPattern(sets),
    cadenceS,
    repPauseS,
    contractionDuty: readNumber(ctx, obj, "contractionDuty", R.contractionDuty, defaultContractionDuty(modality, cadenceS, repPauseS)),
    restBetweenSetsS: readNumber(ctx, obj, "restBetweenSetsS", R.restBetweenSetsS, D.restBetweenSetsS),
    exercisesPerSession: readNumber(ctx, obj, "exercisesPerSession", R.exercisesPerSession, D.exercisesPerSession),
    releaseBetweenExercisesS: readNumber(ctx, obj, "releaseBetweenExercisesS", R.releaseBetweenExercisesS, D.releaseBetweenExercisesS),
    passiveMotion: readBoolean(ctx, obj, "passiveMotion", D.passiveMotion),
    cuff: readCuff(child(ctx, "cuff"), obj.cuff, warnings),
    sessionsPerWeek: readSessionsPerWeek(ctx, obj, modality),
    weeks: readNumber(ctx, obj, "weeks", R.weeks),
    detrainingWeeks: readNumber(ctx, obj, "detrainingWeeks", R.detrainingWeeks, D.detrainingWeeks),
    sessionStartHour: readNumber(ctx, obj, "sessionStartHour", R.sessionStartHour, D.sessionStartHour),
    weekdays: undefined,
    progression: readProgressions(child(ctx, "progression"), obj.progression),
    immobilisation: readImmobilisation(child(ctx, "immobilisation"), obj.immobilisation),
    sources: readSources(child(ctx, "sources"), obj.sources),
  };
  protocol.weekdays = readWeekdays(child(ctx, "weekdays"), obj.weekdays, protocol.sessionsPerWeek);
  if ((modality === "passive" || modality === "none") && obj.contractionDuty !== undefined) {
    fail(child(ctx, "contractionDuty"), obj.contractionDuty, `no contraction duty for modality "${modality}" (no voluntary contraction)`);
  }
  checkProgressedLimits(ctx, protocol);
  warnings.push(...softLimitWarnings(protocol));
  return { protocol: Object.freeze(protocol), warnings };
}

function readSessionsPerWeek(ctx: FieldContext, obj: Record<string, unknown>, modality: Modality): number {
  if (obj.sessionsPerWeek === 0) {
    if (modality === "none") return 0;
    fail(child(ctx, "sessionsPerWeek"), 0, 'a number in (0, 21] sessions/week (0 only with modality "none")');
  }
  return readNumber(ctx, obj, "sessionsPerWeek", PROTOCOL_RANGES.sessionsPerWeek);
}

function readSets(ctx: FieldContext, value: unknown, modality: Modality): SetPrescription[] {
  let sets: SetPrescription[] | undefined;
  if (typeof value === "string") sets = parseSetsPattern(value);
  else if (Array.isArray(value)) sets = value.map((item, i) => readSet(child(ctx, i), item));
  if (!sets) fail(ctx, value, SETS_PATTERN_HELP);
  checkNumber(ctx, sets.length, PROTOCOL_RANGES.sets);
  sets.forEach((s, i) => {
    if (s.reps !== undefined) checkNumber(child(ctx, i), s.reps, PROTOCOL_RANGES.reps);
    else checkNumber(child(ctx, i), s.durationS, PROTOCOL_RANGES.durationS);
  });
  const timed = sets.every((s) => s.durationS !== undefined);
  const needsTime = ENDURANCE_MODALITIES.includes(modality) || modality === "passive";
  if (needsTime && !timed) fail(ctx, value, `timed bouts (e.g. "20 min continuous" or "5x5 min") for modality "${modality}"`);
  if (RESISTANCE_MODALITIES.includes(modality) && timed) {
    fail(ctx, value, `repetitions (e.g. "30-15-15-15" or "3x15") for modality "${modality}"`);
  }
  return sets;
}

function readSet(ctx: FieldContext, item: unknown): SetPrescription {
  const rec = asRecord(ctx, item);
  rejectUnknownKeys(ctx, rec, ["reps", "durationS"]);
  if ((rec.reps === undefined) === (rec.durationS === undefined)) fail(ctx, item, "exactly one of reps or durationS");
  return rec.reps !== undefined
    ? { reps: checkNumber(child(ctx, "reps"), rec.reps, PROTOCOL_RANGES.reps) }
    : { durationS: checkNumber(child(ctx, "durationS"), rec.durationS, PROTOCOL_RANGES.durationS) };
}

function readIntensity(ctx: FieldContext, value: unknown, modality: Modality): Intensity {
  const rec = value === undefined || value === null ? {} : asRecord(ctx, value);
  rejectUnknownKeys(ctx, rec, ["loadPct1Rm", "walkingSpeedMPerMin", "pctHrr"]);
  const R = PROTOCOL_RANGES;
  const intensity: Intensity = {
    loadPct1Rm: readOptionalNumber(ctx, rec, "loadPct1Rm", R.loadPct1Rm),
    walkingSpeedMPerMin: readOptionalNumber(ctx, rec, "walkingSpeedMPerMin", R.walkingSpeedMPerMin),
    pctHrr: readOptionalNumber(ctx, rec, "pctHrr", R.pctHrr),
  };
  if (RESISTANCE_MODALITIES.includes(modality) && intensity.loadPct1Rm === undefined) {
    fail(child(ctx, "loadPct1Rm"), undefined, `a number in [0, 100] %1RM (required for modality "${modality}")`);
  }
  if (modality === "walking" && intensity.walkingSpeedMPerMin === undefined && intensity.pctHrr === undefined) {
    fail(child(ctx, "walkingSpeedMPerMin"), undefined, "a walking speed in m/min or intensity.pctHrr for walking");
  }
  if (modality === "cycling" && intensity.pctHrr === undefined && intensity.loadPct1Rm === undefined) {
    fail(child(ctx, "pctHrr"), undefined, "a number in [0, 100] %HRR for cycling");
  }
  return intensity;
}

function readCuff(ctx: FieldContext, value: unknown, warnings: ProtocolWarning[]): CuffPrescription {
  if (value === undefined || value === null) {
    return { site: "none", widthCm: PROTOCOL_DEFAULTS.cuffWidthCm, pressure: { mmHg: 0 }, inflation: "continuous" };
  }
  const rec = asRecord(ctx, value);
  rejectUnknownKeys(ctx, rec, ["site", "widthCm", "pressure", "inflation"]);
  const site = readChoice(ctx, rec, "site", ["thigh", "upper_arm", "none"] as const, "none");
  if (site !== "none" && rec.widthCm === undefined) {
    warnings.push({
      field: "cuff.widthCm",
      value: undefined,
      message: `cuff width not given; assumed ${PROTOCOL_DEFAULTS.cuffWidthCm} cm (it changes the AOP that %AOP refers to)`,
    });
  }
  return {
    site,
    widthCm: readNumber(ctx, rec, "widthCm", PROTOCOL_RANGES.cuffWidthCm, PROTOCOL_DEFAULTS.cuffWidthCm),
    pressure: readPressure(child(ctx, "pressure"), rec.pressure, site),
    inflation: readChoice(ctx, rec, "inflation", ["continuous", "deflated_in_rests"] as const, PROTOCOL_DEFAULTS.inflation),
  };
}

function readPressure(ctx: FieldContext, value: unknown, site: string): CuffPressure {
  if ((value === undefined || value === null) && site === "none") return { mmHg: 0 };
  const rec = asRecord(ctx, value);
  rejectUnknownKeys(ctx, rec, ["pctAop", "mmHg"]);
  if ((rec.pctAop === undefined) === (rec.mmHg === undefined)) fail(ctx, value, "exactly one of pctAop or mmHg");
  const pressure: CuffPressure =
    rec.pctAop !== undefined
      ? { pctAop: checkNumber(child(ctx, "pctAop"), rec.pctAop, PROTOCOL_RANGES.pctAop) }
      : { mmHg: checkNumber(child(ctx, "mmHg"), rec.mmHg, PROTOCOL_RANGES.mmHg) };
  const level = pressure.pctAop ?? pressure.mmHg;
  if (site === "none" && level! > 0) fail(ctx, value, 'no pressure when cuff.site is "none" (or give a cuff site)');
  return pressure;
}

function readProgressions(ctx: FieldContext, value: unknown): Protocol["progression"] {
  if (value === undefined || value === null) return {};
  const rec = asRecord(ctx, value);
  const keys = ["loadPct1Rm", "pressure", "walkingSpeedMPerMin", "pctHrr"] as const;
  rejectUnknownKeys(ctx, rec, keys);
  const out: Record<string, Progression> = {};
  for (const key of keys) if (rec[key] !== undefined) out[key] = readProgression(child(ctx, key), rec[key]);
  return out;
}

function readProgression(ctx: FieldContext, value: unknown): Progression {
  const rec = asRecord(ctx, value);
  rejectUnknownKeys(ctx, rec, ["increment", "everyWeeks", "max"]);
  return {
    increment: readNumber(ctx, rec, "increment", { min: -100, max: 100 }),
    everyWeeks: readNumber(ctx, rec, "everyWeeks", { min: 1, max: 52, integer: true, unit: "weeks" }),
    max: readOptionalNumber(ctx, rec, "max", { min: 0, max: 300 }),
  };
}

function readWeekdays(ctx: FieldContext, value: unknown, sessionsPerWeek: number): readonly number[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) fail(ctx, value, "a list of weekday numbers (0 = Monday … 6 = Sunday)");
  value.forEach((d, i) => checkNumber(child(ctx, i), d, { min: 0, max: 6, integer: true, unit: "(0 = Monday)" }));
  const days = [...new Set(value as number[])].sort((a, b) => a - b);
  if (days.length !== value.length || days.length !== sessionsPerWeek) {
    fail(ctx, value, `${sessionsPerWeek} distinct weekdays (one per session of the week)`);
  }
  return days;
}

function readImmobilisation(ctx: FieldContext, value: unknown): Protocol["immobilisation"] {
  if (value === undefined || value === null) return undefined;
  const rec = asRecord(ctx, value);
  rejectUnknownKeys(ctx, rec, ["startDay", "durationDays"]);
  return {
    startDay: readNumber(ctx, rec, "startDay", { min: 0, max: 1000, unit: "days" }, 0),
    durationDays: readNumber(ctx, rec, "durationDays", { min: 0, max: 1000, exclusiveMin: true, unit: "days" }),
  };
}

function readSources(ctx: FieldContext, value: unknown): readonly string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((s) => typeof s !== "string")) fail(ctx, value, "a list of citation strings");
  return value as string[];
}
