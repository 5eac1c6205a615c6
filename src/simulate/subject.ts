/**
 * The simulated person: anthropometry, blood pressure, arterial occlusion pressure (AOP),
 * strength, muscle size and function. Units are in the field names (`…Kg`, `…Cm`, `…MmHg`).
 * Validation lives in `subject-validate.ts`; presets in `models/subjects/*.yaml`.
 */

/** Biological sex, as the AOP equations and the oestrogen term of the model use it. */
export type Sex = "female" | "male";

/** Menopausal status; `not_applicable` for men. Only `postmenopausal` switches the oestrogen term. */
export type MenopausalStatus = "premenopausal" | "postmenopausal" | "not_applicable";

/** Where the cuff sits: proximal thigh or proximal upper arm. */
export type CuffSite = "thigh" | "upper_arm";

/** Body position during an AOP measurement (AOP is higher seated/standing than supine). */
export type BodyPosition = "supine" | "seated" | "standing";

/** An arterial occlusion pressure measured on this subject (Doppler or device). */
export interface MeasuredAop {
  /** Limb the cuff was on. */
  site: CuffSite;
  /** Cuff bladder width used for the measurement, cm. */
  cuffWidthCm: number;
  /** Lowest cuff pressure that abolished the distal arterial pulse, mmHg. */
  aopMmHg: number;
  /** Body position during the measurement (informational). */
  position?: BodyPosition;
}

/** A validated subject. Construct with `validateSubject` or `loadSubject`; treat as frozen. */
export interface Subject {
  /** Short identifier (preset name or file stem). */
  name: string;
  /** One line saying who this is and where the numbers come from. */
  description?: string;
  /** Age, yr (18-110). */
  ageYr: number;
  sex: Sex;
  menopausalStatus: MenopausalStatus;
  /** Body mass, kg (25-250). */
  bodyMassKg: number;
  /** Standing height, cm (120-220). */
  heightCm: number;
  /** Thigh circumference at the cuff site (proximal/mid thigh), cm (25-100). */
  thighCircumferenceCm: number;
  /** Upper-arm circumference at the cuff site, cm (15-60). */
  armCircumferenceCm: number;
  /** Resting systolic blood pressure (brachial), mmHg (70-250). */
  sbpMmHg: number;
  /** Resting diastolic blood pressure (brachial), mmHg (30-150), below SBP. */
  dbpMmHg: number;
  /** Measured AOPs; when one matches the site and cuff width it is used instead of an estimate. */
  measuredAop: readonly MeasuredAop[];
  /** Knee-extension one-repetition maximum (bilateral machine), kg (1-300). Converts kg loads to %1RM. */
  oneRepMaxKg: number;
  /** Quadriceps anatomical cross-sectional area at mid-thigh, cm^2 (10-200). */
  baselineCsaCm2: number;
  /** Hand-grip strength (dominant hand, best trial), kg (1-90). */
  gripStrengthKg: number;
  /** Usual gait speed over 4-6 m, m/s (0.05-2.5). */
  gaitSpeedMPerS: number;
  /** Systemic inflammation relative to a typical person of this age, dimensionless (1 = typical; 0.1-5). */
  inflammationLevel: number;
  /** Resistance-training status, dimensionless (0 untrained … 1 trained). */
  trainingStatus: number;
  /** Where the preset's numbers come from (citation + DOI), free text per field or overall. */
  sources?: Readonly<Record<string, string>>;
}

/** Labels accepted for `trainingStatus` in files, mapped to the model's 0..1 scale. */
export const TRAINING_STATUS_LABELS: Readonly<Record<string, number>> = {
  untrained: 0,
  recreationally_active: 0.5,
  trained: 1,
};

/**
 * The model's subject parameters (docs/model-format.md, "Subject parameters"), keyed by the
 * top-level parameter name of `models/bfr-ageing.yaml`, each in that table's unit.
 */
export interface SubjectParameters {
  /** yr */
  age: number;
  /** 0 or 1 */
  isFemale: number;
  /** 0 or 1 */
  postmenopausal: number;
  /** mmHg, at the cuff site with the cuff used */
  aop: number;
  /** kg */
  bodyMass: number;
  /** cm^2 */
  baselineCsa: number;
  /** kg */
  baselineGripStrength: number;
  /** m/s */
  baselineGaitSpeed: number;
  /** 1 (1 = typical for age) */
  inflammationLevel: number;
  /** 1 (0 untrained … 1 trained) */
  trainingStatus: number;
  /** mmHg */
  sbp: number;
  /** mmHg */
  dbp: number;
}
