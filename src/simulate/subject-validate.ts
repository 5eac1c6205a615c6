/**
 * Validation of subjects: physiologically impossible values are InputErrors naming the field,
 * the value and the allowed range. The ranges are deliberately generous (they reject typos and
 * unit mix-ups, not unusual people).
 */
import type { Locator } from "./yaml-source.ts";
import {
  asRecord,
  checkNumber,
  child,
  fail,
  readChoice,
  readNumber,
  readString,
  rejectUnknownKeys,
  type FieldContext,
  type NumberRange,
} from "./fields.ts";
import {
  TRAINING_STATUS_LABELS,
  type BodyPosition,
  type CuffSite,
  type MeasuredAop,
  type MenopausalStatus,
  type Sex,
  type Subject,
} from "./subject.ts";

/** Allowed ranges of the numeric subject fields (units in the names). */
export const SUBJECT_RANGES = {
  ageYr: { min: 18, max: 110, unit: "yr" },
  bodyMassKg: { min: 25, max: 250, unit: "kg" },
  heightCm: { min: 120, max: 220, unit: "cm" },
  thighCircumferenceCm: { min: 25, max: 100, unit: "cm" },
  armCircumferenceCm: { min: 15, max: 60, unit: "cm" },
  sbpMmHg: { min: 70, max: 250, unit: "mmHg" },
  dbpMmHg: { min: 30, max: 150, unit: "mmHg" },
  oneRepMaxKg: { min: 1, max: 300, unit: "kg" },
  baselineCsaCm2: { min: 10, max: 200, unit: "cm^2" },
  gripStrengthKg: { min: 1, max: 90, unit: "kg" },
  gaitSpeedMPerS: { min: 0.05, max: 2.5, unit: "m/s" },
  inflammationLevel: { min: 0.1, max: 5, unit: "(1 = typical for age)" },
  trainingStatus: { min: 0, max: 1, unit: "(0 untrained … 1 trained)" },
} as const satisfies Record<string, NumberRange>;

const MEASURED_AOP_RANGE = {
  cuffWidthCm: { min: 3, max: 25, unit: "cm" },
  aopMmHg: { min: 50, max: 600, unit: "mmHg" },
} as const satisfies Record<string, NumberRange>;

const SUBJECT_KEYS = [
  "name",
  "description",
  "sex",
  "menopausalStatus",
  "measuredAop",
  "sources",
  ...Object.keys(SUBJECT_RANGES),
];

/** Options for `validateSubject`. */
export interface ValidateSubjectOptions {
  /** Name used when the object has none (e.g. a file stem). */
  name?: string;
  /** Source positions, when the object came from a file. */
  locate?: Locator;
}

/** Validates a plain object (from a file or code) into a Subject; throws InputError on bad input. */
export function validateSubject(input: unknown, options: ValidateSubjectOptions = {}): Subject {
  const ctx: FieldContext = { root: "subject", path: [], locate: options.locate };
  const obj = asRecord(ctx, input);
  rejectUnknownKeys(ctx, obj, SUBJECT_KEYS);
  const num = (key: keyof typeof SUBJECT_RANGES): number => readNumber(ctx, obj, key, SUBJECT_RANGES[key]);

  const sex = readChoice<Sex>(ctx, obj, "sex", ["female", "male"]);
  const menopausalStatus = readChoice<MenopausalStatus>(
    ctx,
    obj,
    "menopausalStatus",
    ["premenopausal", "postmenopausal", "not_applicable"],
    sex === "male" ? "not_applicable" : undefined,
  );
  if (sex === "male" && menopausalStatus !== "not_applicable") {
    fail(child(ctx, "menopausalStatus"), menopausalStatus, '"not_applicable" for a male subject');
  }
  if (sex === "female" && menopausalStatus === "not_applicable") {
    fail(child(ctx, "menopausalStatus"), menopausalStatus, '"premenopausal" or "postmenopausal" for a female subject');
  }
  const sbpMmHg = num("sbpMmHg");
  const dbpMmHg = num("dbpMmHg");
  if (dbpMmHg >= sbpMmHg) {
    fail(child(ctx, "dbpMmHg"), dbpMmHg, `a diastolic pressure below the systolic (sbpMmHg = ${sbpMmHg}) mmHg`);
  }
  const subject: Subject = {
    name: readString(ctx, obj, "name") ?? options.name ?? "subject",
    description: readString(ctx, obj, "description"),
    ageYr: num("ageYr"),
    sex,
    menopausalStatus,
    bodyMassKg: num("bodyMassKg"),
    heightCm: num("heightCm"),
    thighCircumferenceCm: num("thighCircumferenceCm"),
    armCircumferenceCm: num("armCircumferenceCm"),
    sbpMmHg,
    dbpMmHg,
    measuredAop: readMeasuredAops(child(ctx, "measuredAop"), obj.measuredAop),
    oneRepMaxKg: num("oneRepMaxKg"),
    baselineCsaCm2: num("baselineCsaCm2"),
    gripStrengthKg: num("gripStrengthKg"),
    gaitSpeedMPerS: num("gaitSpeedMPerS"),
    inflammationLevel: readNumber(ctx, obj, "inflammationLevel", SUBJECT_RANGES.inflammationLevel, 1),
    trainingStatus: readTrainingStatus(child(ctx, "trainingStatus"), obj.trainingStatus),
    sources: readSources(child(ctx, "sources"), obj.sources),
  };
  return Object.freeze(subject);
}

function readTrainingStatus(ctx: FieldContext, value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === "string") {
    const mapped = TRAINING_STATUS_LABELS[value];
    if (mapped === undefined) {
      fail(ctx, value, `a number in [0, 1] or one of ${Object.keys(TRAINING_STATUS_LABELS).join(", ")}`);
    }
    return mapped;
  }
  return checkNumber(ctx, value, SUBJECT_RANGES.trainingStatus);
}

function readMeasuredAops(ctx: FieldContext, value: unknown): readonly MeasuredAop[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(ctx, value, "a list of { site, cuffWidthCm, aopMmHg }");
  return value.map((item, i) => {
    const c = child(ctx, i);
    const rec = asRecord(c, item);
    rejectUnknownKeys(c, rec, ["site", "cuffWidthCm", "aopMmHg", "position"]);
    return {
      site: readChoice<CuffSite>(c, rec, "site", ["thigh", "upper_arm"]),
      cuffWidthCm: readNumber(c, rec, "cuffWidthCm", MEASURED_AOP_RANGE.cuffWidthCm),
      aopMmHg: readNumber(c, rec, "aopMmHg", MEASURED_AOP_RANGE.aopMmHg),
      position:
        rec.position === undefined ? undefined : readChoice<BodyPosition>(c, rec, "position", ["supine", "seated", "standing"]),
    };
  });
}

function readSources(ctx: FieldContext, value: unknown): Readonly<Record<string, string>> | undefined {
  if (value === undefined || value === null) return undefined;
  const rec = asRecord(ctx, value);
  for (const [k, v] of Object.entries(rec)) if (typeof v !== "string") fail(child(ctx, k), v, "a citation string");
  return rec as Record<string, string>;
}
