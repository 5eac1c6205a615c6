/**
 * Trial data → what the model simulates and what it is compared with: each arm becomes a cohort
 * of subjects and a protocol, each outcome row a model output at a time. Every assumption the
 * mapping makes is listed on the mapped arm or outcome, so a comparison can show it.
 */
import { BfrsimError } from "../errors.ts";
import { pressureToPctAop, resolveAop, type AopEstimate } from "../simulate/aop.ts";
import type { Protocol, ProtocolWarning } from "../simulate/protocol.ts";
import { mapArmProtocol } from "./map-protocol.ts";
import { mapArmSubjects, type CohortMember } from "./map-subject.ts";
import { mapOutcome, type OutcomeTarget } from "./outcome-map.ts";
import { armKey, type TrialArm, type TrialData, type TrialOutcome } from "./schema.ts";

/** A cuff pressure given in mmHg, expressed as %AOP of the arm's (largest-share) subject. */
export interface PressureEstimate {
  pressureMmHg: number;
  aop: AopEstimate;
  /** Pressure as % of the estimated AOP. */
  pctAop: number;
  /** ±1 SE of the %AOP from the AOP's standard error. */
  pctAopRange: [number, number];
}

/** One arm ready to simulate. */
export interface MappedArm {
  arm: TrialArm;
  /** Key `study_id/arm_id`. */
  key: string;
  /** The simulated participants, with shares summing to 1. */
  cohort: CohortMember[];
  protocol: Protocol;
  /** Soft-limit warnings of the protocol (e.g. pressure above the review's limits for older adults). */
  warnings: ProtocolWarning[];
  /** Set when the arm's pressure is in mmHg: the equivalent %AOP for the representative subject. */
  pressureEstimate: PressureEstimate | null;
  /** Every choice the data did not dictate, in words. */
  assumptions: string[];
}

/** One outcome row with its comparison target, or the reason it has none. */
export interface MappedOutcome {
  row: TrialOutcome;
  armKey: string;
  target: OutcomeTarget | null;
  /** Why the row cannot be compared (null when it can). */
  unmappedReason: string | null;
}

/** An arm the simulate layer rejected (its protocol or subject is invalid), with the error. */
export interface ArmMappingFailure {
  arm: TrialArm;
  key: string;
  message: string;
}

/** The mapped trial data. */
export interface MappedTrials {
  arms: MappedArm[];
  outcomes: MappedOutcome[];
  failures: ArmMappingFailure[];
}

/** Maps one arm (with its study's other arms, for "same as" references) to cohort and protocol. */
export function mapArm(arm: TrialArm, studyArms: readonly TrialArm[] = [arm]): MappedArm {
  const assumptions: string[] = [];
  const cohort = mapArmSubjects(arm, assumptions);
  const { protocol, warnings } = mapArmProtocol(arm, studyArms, assumptions);
  const pressureEstimate = estimatePressure(protocol, cohort, assumptions);
  return { arm, key: armKey(arm.studyId, arm.armId), cohort, protocol, warnings, pressureEstimate, assumptions };
}

/** Maps every arm and outcome row; an arm that cannot be mapped, and rows without a target, say why. */
export function mapTrials(data: TrialData): MappedTrials {
  const byStudy = new Map<string, TrialArm[]>();
  for (const a of data.arms) byStudy.set(a.studyId, [...(byStudy.get(a.studyId) ?? []), a]);
  const arms: MappedArm[] = [];
  const failures: ArmMappingFailure[] = [];
  for (const a of data.arms) {
    try {
      arms.push(mapArm(a, byStudy.get(a.studyId)!));
    } catch (err) {
      if (!(err instanceof BfrsimError)) throw err;
      failures.push({ arm: a, key: armKey(a.studyId, a.armId), message: err.message });
    }
  }
  const byKey = new Map(arms.map((m) => [m.key, m]));
  const failed = new Map(failures.map((f) => [f.key, f]));
  const outcomes = data.outcomes.map((row): MappedOutcome => {
    const key = armKey(row.studyId, row.armId);
    const mapped = byKey.get(key);
    if (!mapped) {
      const why = failed.get(key)?.message;
      return { row, armKey: key, target: null, unmappedReason: why ? `arm ${key} could not be mapped: ${why}` : `no arm ${key}` };
    }
    const m = mapOutcome(row, mapped.arm, mapped.protocol.weeks);
    return m.ok
      ? { row, armKey: key, target: m.target, unmappedReason: null }
      : { row, armKey: key, target: null, unmappedReason: m.reason };
  });
  return { arms, outcomes, failures };
}

/** A pressure in mmHg with no AOP reported → %AOP via the representative subject's estimated AOP. */
function estimatePressure(protocol: Protocol, cohort: CohortMember[], assumptions: string[]): PressureEstimate | null {
  const { cuff } = protocol;
  if (cuff.site === "none" || cuff.pressure.mmHg === undefined) return null;
  const representative = cohort.reduce((a, b) => (b.share > a.share ? b : a));
  const aop = resolveAop(representative.subject, cuff.site, cuff.widthCm);
  const mmHg = cuff.pressure.mmHg;
  const pctAop = pressureToPctAop(mmHg, aop.aopMmHg);
  const pctAopRange: [number, number] = [
    pressureToPctAop(mmHg, aop.aopMmHg + aop.seMmHg),
    pressureToPctAop(mmHg, Math.max(1, aop.aopMmHg - aop.seMmHg)),
  ];
  assumptions.push(
    `cuff pressure ${mmHg} mmHg with no AOP reported: ≈ ${pctAop.toFixed(0)} %AOP (${pctAopRange[0].toFixed(0)}-${pctAopRange[1].toFixed(0)} %AOP for ±1 SE) using an AOP of ${aop.aopMmHg.toFixed(0)} ± ${aop.seMmHg.toFixed(0)} mmHg (${aop.method}: ${aop.source})`,
  );
  return { pressureMmHg: mmHg, aop, pctAop, pctAopRange };
}
