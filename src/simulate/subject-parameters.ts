/**
 * Maps a subject to the model's subject parameters (docs/model-format.md, "Subject parameters"),
 * each in the unit that table gives.
 */
import { resolveAop, type AopEstimate } from "./aop.ts";
import type { CuffSite, Subject, SubjectParameters } from "./subject.ts";

/** Cuff used for the `aop` parameter when a protocol has no cuff (the value then has no effect). */
export const NO_CUFF_REFERENCE = { site: "thigh", cuffWidthCm: 18 } as const;

/**
 * The model's subject parameters for a subject wearing a cuff of `cuffWidthCm` (cm) at `site`;
 * `aop` is in mmHg. With site `none` the AOP of an 18-cm thigh cuff is used.
 */
export function subjectParameters(
  subject: Subject,
  site: CuffSite | "none",
  cuffWidthCm: number,
): SubjectParameters {
  const aop = subjectAop(subject, site, cuffWidthCm);
  return {
    age: subject.ageYr,
    isFemale: subject.sex === "female" ? 1 : 0,
    postmenopausal: subject.menopausalStatus === "postmenopausal" ? 1 : 0,
    aop: aop.aopMmHg,
    bodyMass: subject.bodyMassKg,
    baselineCsa: subject.baselineCsaCm2,
    baselineGripStrength: subject.gripStrengthKg,
    baselineGaitSpeed: subject.gaitSpeedMPerS,
    inflammationLevel: subject.inflammationLevel,
    trainingStatus: subject.trainingStatus,
    sbp: subject.sbpMmHg,
    dbp: subject.dbpMmHg,
  };
}

/** The AOP used for a cuff (site `none` → the 18-cm thigh reference). */
export function subjectAop(subject: Subject, site: CuffSite | "none", cuffWidthCm: number): AopEstimate {
  return site === "none"
    ? resolveAop(subject, NO_CUFF_REFERENCE.site, NO_CUFF_REFERENCE.cuffWidthCm)
    : resolveAop(subject, site, cuffWidthCm);
}
