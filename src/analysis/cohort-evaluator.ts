/**
 * Sweep evaluator for virtual cohorts: a point's `member` picks a cohort member (src/analysis/cohort.ts);
 * every other variable is a `bfrsim simulate --set` override (the arm: e.g. protocol.cuff.pressure.pctAop),
 * and a variable named `protocol` picks the base protocol by preset or file (arms: low-load, high-load …).
 * The member's protocol cuff pressure is prescribed from the estimated AOP, while the model's `aop`
 * (the true occlusion pressure) is the estimate plus the member's deviate × the equation's standard
 * error — as when trials prescribe from an equation rather than a Doppler measurement.
 * Rows get the outcomes of the simulate evaluator plus the member's characteristics (`cohort.*`).
 */
import { loadModel, DEFAULT_MODEL_FILE } from "../simulate/default-model.ts";
import { applyOverrides } from "../simulate/overrides.ts";
import { simulate } from "../simulate/simulate.ts";
import { loadSubject } from "../simulate/subject-load.ts";
import { subjectAop } from "../simulate/subject-parameters.ts";
import type { PointEvaluator } from "../sweep/evaluator.ts";
import { checkParameterNames, outcomeSeries, overridesOf, protocolCache, simulationOutcomes } from "../sweep/simulate-evaluator.ts";
import type { Point } from "../sweep/spec.ts";
import { resolvePopulation, sampleCohortMember, type CohortBase, type PopulationSpec, type VirtualCohortMember } from "./cohort.ts";
import { InputError } from "../errors.ts";
import type { CompiledModel } from "../model/types.ts";
import type { Subject } from "../simulate/subject.ts";
import type { Protocol } from "../simulate/protocol.ts";

/** Model parameters set from the subject (docs/model-format.md "Subject parameters"): never varied as parameters. */
export const SUBJECT_PARAMETER_NAMES = ["age", "isFemale", "postmenopausal", "aop", "bodyMass", "baselineCsa",
  "baselineGripStrength", "baselineGaitSpeed", "inflammationLevel", "trainingStatus", "sbp", "dbp"];

/** Config of the cohort evaluator. */
export interface CohortEvaluatorConfig {
  /** A population name of POPULATIONS or a (partial) PopulationSpec. Default older-adults. */
  population?: Partial<PopulationSpec>;
  /** Cohort seed (default 0). */
  seed?: number;
  protocol?: string;
  model?: string;
  /** Base subjects the members vary around. Defaults older-woman / older-man. */
  femaleBase?: string;
  maleBase?: string;
}

/** Checks a point without simulating (arm overrides on the base subjects, parameter names). Throws InputError. */
export function checkPoint(point: Point, config: CohortEvaluatorConfig | null): void {
  const cfg = config ?? {};
  resolvePopulation(cfg.population);
  const m = point.member;
  if (typeof m !== "number" || !Number.isInteger(m) || m < 0) throw new InputError("member", m ?? null, "a cohort member index (an integer ≥ 0)");
  const rest = overridesOf(point, ["member", "protocol"]);
  // the preflight visits every member with the same arm settings: check each arm once
  const key = JSON.stringify([cfg, point.protocol ?? null, rest]);
  if (checkedArms.has(key)) return;
  const base = protocolCache(cfg.protocol)(point);
  for (const subject of [loadSubject(cfg.femaleBase ?? "older-woman"), loadSubject(cfg.maleBase ?? "older-man")]) {
    const run = applyOverrides({ protocol: base.protocol, subject, warnings: base.warnings }, rest);
    checkParameterNames(loadModel(cfg.model ?? DEFAULT_MODEL_FILE), run.parameters);
  }
  checkedArms.add(key);
}

const checkedArms = new Set<string>();

/** The base subjects members are drawn around and the model parameters they vary (all but the subject-derived ones). */
export function cohortBases(model: CompiledModel, femaleBase = "older-woman", maleBase = "older-man"): CohortBase {
  return {
    female: loadSubject(femaleBase),
    male: loadSubject(maleBase),
    parameters: model.parameters.filter((p) => !SUBJECT_PARAMETER_NAMES.includes(p.name)),
  };
}

/**
 * A member's true AOP at this cuff, mmHg: the equation's estimate for `subject` plus the member's
 * deviate × the equation's standard error, at least 50 mmHg. The protocol's %AOP pressure stays
 * prescribed from the estimate.
 */
export function memberTrueAopMmHg(member: VirtualCohortMember, subject: Subject, cuff: Pick<Protocol["cuff"], "site" | "widthCm">): { trueAopMmHg: number; estimatedAopMmHg: number } {
  const aop = subjectAop(subject, cuff.site, cuff.widthCm);
  return { trueAopMmHg: Math.max(50, aop.aopMmHg + member.aopDeviate * aop.seMmHg), estimatedAopMmHg: aop.aopMmHg };
}

/** Creates the evaluator: point `member` → sampled subject and parameters → simulate → outcomes. */
export function createEvaluator(config: CohortEvaluatorConfig | null): PointEvaluator {
  const cfg = config ?? {};
  const population = resolvePopulation(cfg.population);
  const seed = cfg.seed ?? 0;
  const baseFor = protocolCache(cfg.protocol);
  const model = loadModel(cfg.model ?? DEFAULT_MODEL_FILE);
  const series = outcomeSeries(model); // only what the outcome row reads (bit-identical to the full run)
  const bases = cohortBases(model, cfg.femaleBase, cfg.maleBase);
  return {
    evaluate(point) {
      const m = point.member;
      if (typeof m !== "number") throw new InputError("member", m ?? null, "a cohort member index (a number)");
      const member = sampleCohortMember(population, bases, seed, m);
      const overrides = overridesOf(point, ["member", "protocol"]);
      const base = baseFor(point);
      const run = applyOverrides({ protocol: base.protocol, subject: member.subject, warnings: base.warnings }, overrides);
      const { trueAopMmHg, estimatedAopMmHg } = memberTrueAopMmHg(member, run.subject, run.protocol.cuff);
      const parameters = { ...member.parameters, aop: trueAopMmHg, ...run.parameters };
      const s = run.subject;
      let result;
      try {
        result = simulate(model, s, run.protocol, { parameters, series });
      } catch (err) {
        // the failed row has no outcome columns, so say who the member was
        const who = `member ${m} (${s.sex}, ${s.ageYr.toFixed(0)} y, AOP ${trueAopMmHg.toFixed(0)} mmHg, inflammation ${s.inflammationLevel.toFixed(2)})`;
        throw new Error(`${who}: ${(err as Error).message}`);
      }
      return {
        ...simulationOutcomes(result),
        "cohort.ageYr": s.ageYr,
        "cohort.female": s.sex === "female" ? 1 : 0,
        "cohort.postmenopausal": s.menopausalStatus === "postmenopausal" ? 1 : 0,
        "cohort.aopMmHg": trueAopMmHg,
        "cohort.estimatedAopMmHg": estimatedAopMmHg,
        "cohort.oneRepMaxKg": s.oneRepMaxKg,
        "cohort.baselineCsaCm2": s.baselineCsaCm2,
        "cohort.inflammationLevel": s.inflammationLevel,
      };
    },
  };
}
