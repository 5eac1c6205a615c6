/**
 * Arterial occlusion pressure (AOP) of a subject at a cuff site and width: the measured value
 * when there is one, otherwise an estimate with its standard error. %AOP ↔ mmHg conversions.
 *
 * Evidence (see docs/protocols.md for the full argument):
 * - Thigh, 18-cm cuff, seated: AOP = 65.290 + 1.110·TC + 0.178·SBP + 1.153·age − 7.984·sex
 *   (sex 1 = male, 2 = female), r² = 0.397, SEE = 15.289 mmHg; n = 51 adults aged 23 ± 5 y
 *   (Rev Bras Med Esporte 2019, SciELO S1517-86922019000600494).
 * - Cuff width, thigh: a 5-cm cuff needs 235 (42) mmHg vs 144 (17) mmHg for 13.5 cm (Loenneke
 *   2012, Eur J Appl Physiol 112:2903, doi 10.1007/s00421-011-2266-8); 13 vs 18 cm do not differ
 *   (161 vs 170 mmHg, p = .222; Brown 2018, doi 10.1080/17461391.2017.1421712). Narrow-cuff thigh
 *   AOP "cannot be estimated with precision": 95 % limits of agreement −134…+148 mmHg (Spitz 2024,
 *   Physiol Meas).
 * - Upper arm: no verified equation. A correctly sized arm cuff occludes the brachial artery near
 *   systolic pressure (the auscultatory principle); a narrow 6-cm cuff needs 161 (16) vs 133 (12)
 *   mmHg for 13 cm (Brown 2018).
 */
import { InputError } from "../errors.ts";
import type { CuffSite, Subject } from "./subject.ts";

/** How an AOP was obtained. */
export type AopMethod =
  | "measured"
  | "measured-width-adjusted"
  | "thigh-equation-18cm"
  | "thigh-equation-width-adjusted"
  | "upper-arm-sbp";

/** An AOP with its uncertainty and provenance. */
export interface AopEstimate {
  /** Arterial occlusion pressure, mmHg. */
  aopMmHg: number;
  method: AopMethod;
  /** Standard error of the value, mmHg (measurement resolution for measured values). */
  seMmHg: number;
  /** Citation(s) of the equation or "measured on the subject". */
  source: string;
}

/** Coefficients and error of the 18-cm thigh equation (Rev Bras Med Esporte 2019). */
export const THIGH_18CM_EQUATION = {
  intercept: 65.29,
  perThighCircumferenceCm: 1.11,
  perSbpMmHg: 0.178,
  perAgeYr: 1.153,
  /** Multiplies the sex code (1 male, 2 female). */
  perSexCode: -7.984,
  seeMmHg: 15.289,
  /** Derivation sample: 23.23 ± 5.24 y; ages beyond mean + 2 SD are extrapolation. */
  maxDerivationAgeYr: 23.23 + 2 * 5.24,
  referenceWidthCm: 18,
  source:
    "Rev Bras Med Esporte 2019;25(6):494 (SciELO S1517-86922019000600494): 18-cm thigh cuff, seated, n = 51, r² = 0.397, SEE 15.3 mmHg",
} as const;

/** Cuff-width evidence used to adjust AOPs away from wide cuffs. */
export const CUFF_WIDTH_EVIDENCE = {
  thigh: {
    /** At and above this width AOP no longer falls with width (13 vs 18 cm n.s., Brown 2018). */
    wideCm: 13.5,
    narrowCm: 5,
    /** 235 / 144 mmHg (Loenneke 2012). */
    narrowToWideRatio: 235 / 144,
    /** SD implied by Spitz 2024 limits of agreement (±141 mmHg / 1.96), mmHg at the narrow width. */
    narrowExtraSdMmHg: (147.8 + 133.6) / 2 / 1.96,
  },
  upperArm: {
    wideCm: 13,
    narrowCm: 6,
    /** 161 / 133 mmHg (Brown 2018). */
    narrowToWideRatio: 161 / 133,
    /** assumed: spread of upper-limb AOP with 13-cm cuffs (SD 12 mmHg, Brown 2018) plus the unverified SBP → AOP offset. */
    wideSeMmHg: 25,
    /** assumed: extra SD at 6 cm, as large as the narrow/wide difference itself. */
    narrowExtraSdMmHg: 28,
  },
} as const;

/** Two measured AOPs of the same site count as the same cuff when widths differ by at most this, cm. */
const SAME_WIDTH_TOLERANCE_CM = 1;

/** Measured AOPs are recorded to the nearest 10 mmHg (Loenneke 2012 method): SE of rounding ≈ 10/√12. */
const MEASURED_SE_MMHG = 10 / Math.sqrt(12);

/**
 * Relative AOP of a cuff of `widthCm` versus a wide cuff at the same site (≥ 1; 1 for wide cuffs),
 * interpolated linearly in 1/width between the narrow and wide reference cuffs.
 */
export function cuffWidthFactor(site: CuffSite, widthCm: number): number {
  const e = site === "thigh" ? CUFF_WIDTH_EVIDENCE.thigh : CUFF_WIDTH_EVIDENCE.upperArm;
  if (widthCm >= e.wideCm) return 1;
  const frac = (1 / widthCm - 1 / e.wideCm) / (1 / e.narrowCm - 1 / e.wideCm);
  return 1 + (e.narrowToWideRatio - 1) * frac;
}

/** Extra standard error from a narrow cuff, mmHg (0 for wide cuffs), scaled like the width factor. */
function narrowCuffExtraSe(site: CuffSite, widthCm: number): number {
  const e = site === "thigh" ? CUFF_WIDTH_EVIDENCE.thigh : CUFF_WIDTH_EVIDENCE.upperArm;
  const frac = (cuffWidthFactor(site, widthCm) - 1) / (e.narrowToWideRatio - 1);
  return e.narrowExtraSdMmHg * frac;
}

/**
 * Thigh AOP of a seated subject with an 18-cm cuff, mmHg, from the Rev Bras Med Esporte 2019
 * equation. Ages beyond the derivation sample are clamped to its mean + 2 SD and the dropped age
 * term is added to the standard error (the equation's age slope comes from 18-35-year-olds).
 */
export function thighAop18cm(subject: Subject): { aopMmHg: number; seMmHg: number } {
  const q = THIGH_18CM_EQUATION;
  const ageUsed = Math.min(subject.ageYr, q.maxDerivationAgeYr);
  const sexCode = subject.sex === "male" ? 1 : 2;
  const aopMmHg =
    q.intercept +
    q.perThighCircumferenceCm * subject.thighCircumferenceCm +
    q.perSbpMmHg * subject.sbpMmHg +
    q.perAgeYr * ageUsed +
    q.perSexCode * sexCode;
  const extrapolationMmHg = q.perAgeYr * (subject.ageYr - ageUsed);
  return { aopMmHg, seMmHg: Math.hypot(q.seeMmHg, extrapolationMmHg) };
}

/** The AOP at a site and cuff width: measured if available (width-adjusted if needed), else estimated. */
export function resolveAop(subject: Subject, site: CuffSite, cuffWidthCm: number): AopEstimate {
  if (!(cuffWidthCm >= 3 && cuffWidthCm <= 25)) {
    throw new InputError("cuff.widthCm", cuffWidthCm, "a number in [3, 25] cm");
  }
  const sameSite = subject.measuredAop.filter((m) => m.site === site);
  const exact = sameSite.find((m) => Math.abs(m.cuffWidthCm - cuffWidthCm) <= SAME_WIDTH_TOLERANCE_CM);
  if (exact) {
    return { aopMmHg: exact.aopMmHg, method: "measured", seMmHg: MEASURED_SE_MMHG, source: "measured on the subject" };
  }
  if (sameSite.length > 0) {
    // The measurement with the closest cuff width needs the smallest adjustment.
    const m = sameSite.reduce((best, x) =>
      Math.abs(x.cuffWidthCm - cuffWidthCm) < Math.abs(best.cuffWidthCm - cuffWidthCm) ? x : best,
    );
    const ratio = cuffWidthFactor(site, cuffWidthCm) / cuffWidthFactor(site, m.cuffWidthCm);
    const extra = Math.abs(narrowCuffExtraSe(site, cuffWidthCm) - narrowCuffExtraSe(site, m.cuffWidthCm));
    return {
      aopMmHg: m.aopMmHg * ratio,
      method: "measured-width-adjusted",
      seMmHg: Math.hypot(MEASURED_SE_MMHG * ratio, extra),
      source: `measured with a ${m.cuffWidthCm}-cm cuff, width-adjusted (Loenneke 2012 doi 10.1007/s00421-011-2266-8; Brown 2018 doi 10.1080/17461391.2017.1421712)`,
    };
  }
  return site === "thigh" ? estimateThighAop(subject, cuffWidthCm) : estimateUpperArmAop(subject, cuffWidthCm);
}

function estimateThighAop(subject: Subject, cuffWidthCm: number): AopEstimate {
  const base = thighAop18cm(subject);
  const factor = cuffWidthFactor("thigh", cuffWidthCm);
  const adjusted = factor !== 1;
  return {
    aopMmHg: base.aopMmHg * factor,
    method: adjusted ? "thigh-equation-width-adjusted" : "thigh-equation-18cm",
    seMmHg: Math.hypot(base.seMmHg * factor, narrowCuffExtraSe("thigh", cuffWidthCm)),
    source: adjusted
      ? `${THIGH_18CM_EQUATION.source}; width factor ${factor.toFixed(3)} from Loenneke 2012 (5 vs 13.5 cm: 235 vs 144 mmHg, doi 10.1007/s00421-011-2266-8), extra error from Spitz 2024 (Physiol Meas)`
      : THIGH_18CM_EQUATION.source,
  };
}

function estimateUpperArmAop(subject: Subject, cuffWidthCm: number): AopEstimate {
  const e = CUFF_WIDTH_EVIDENCE.upperArm;
  const factor = cuffWidthFactor("upper_arm", cuffWidthCm);
  return {
    aopMmHg: subject.sbpMmHg * factor,
    method: "upper-arm-sbp",
    seMmHg: Math.hypot(e.wideSeMmHg * factor, narrowCuffExtraSe("upper_arm", cuffWidthCm)),
    source: `brachial SBP × cuff-width factor ${factor.toFixed(3)} (wide cuffs occlude near SBP; 6 vs 13 cm: 161 vs 133 mmHg, Brown 2018 doi 10.1080/17461391.2017.1421712); no verified upper-arm equation`,
  };
}

/** Cuff pressure as a percentage of AOP (mmHg → %AOP). */
export function pressureToPctAop(pressureMmHg: number, aopMmHg: number): number {
  if (!(aopMmHg > 0)) throw new InputError("aopMmHg", aopMmHg, "a positive pressure in mmHg");
  return (100 * pressureMmHg) / aopMmHg;
}

/** Cuff pressure in mmHg from a percentage of AOP (%AOP → mmHg). */
export function pctAopToPressure(pctAop: number, aopMmHg: number): number {
  if (!(aopMmHg > 0)) throw new InputError("aopMmHg", aopMmHg, "a positive pressure in mmHg");
  return (pctAop * aopMmHg) / 100;
}
