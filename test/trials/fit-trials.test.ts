import { describe, expect, it } from "vitest";
import { loadTrials } from "../../src/trials/load.ts";
import { mapTrials, type MappedArm, type MappedTrials } from "../../src/trials/mapping.ts";
import { trialFitPoints, trialFitProblem, validateByStudy, type SimulateArmOutcomes } from "../../src/trials/fit-trials.ts";
import { fitWeightedLeastSquares } from "../../src/trials/fit/least-squares.ts";
import type { Fitter } from "../../src/trials/fit/cross-validate.ts";
import type { FitParameter, ParameterValues } from "../../src/trials/fit/types.ts";

const trials = mapTrials(loadTrials());

/** A small known "model": effect = gain·(1 − e^(−weeks/2))·(1 + cuffBonus·hasCuff), per outcome row. */
function toyEffect(arm: MappedArm, p: ParameterValues): number {
  const weeks = arm.arm.design === "acute" ? 0.2 : arm.protocol.weeks;
  const cuff = arm.protocol.cuff.site === "none" ? 0 : 1;
  return p.gain * (1 - Math.exp(-weeks / 2)) * (1 + p.cuffBonus * cuff);
}
const parameters: FitParameter[] = [
  { name: "gain", initial: 5, range: [0, 100] },
  { name: "cuffBonus", initial: 0.1, range: [-0.9, 5] },
];
const truth = { gain: 12, cuffBonus: 0.6 };

/** The bundled trials with every numeric value replaced by the toy model at `truth` (noise-free). */
function syntheticTrials(): MappedTrials {
  const arms = new Map(trials.arms.map((a) => [a.key, a]));
  return {
    ...trials,
    outcomes: trials.outcomes.map((mo) =>
      mo.row.value === null || !mo.target ? mo : { ...mo, row: { ...mo.row, value: toyEffect(arms.get(mo.armKey)!, truth), sd: 1 } },
    ),
  };
}

describe("trial rows as fit points", () => {
  it("keeps numeric comparable rows and says why every other row is left out", () => {
    const sel = trialFitPoints(trials);
    const numericMapped = trials.outcomes.filter((o) => o.target && o.row.value !== null && !o.row.pooled);
    expect(sel.points).toHaveLength(numericMapped.length);
    expect(sel.points.length + sel.excluded.length).toBe(trials.outcomes.length);
    const reasons = new Set(sel.excluded.map((e) => e.reason.split(":")[0]));
    expect(reasons).toEqual(new Set(["not comparable", "direction only (no value to fit)"]));
    expect(sel.points[0]).toEqual({ id: "ozaki2011/bfr-walk/L2", studyId: "ozaki2011", observed: 5.9, sd: null });
    const high = trialFitPoints(trials, { confidences: ["high"] });
    expect(high.points.length).toBeLessThan(sel.points.length);
  });

  it("simulates each arm once per parameter vector", () => {
    const sel = trialFitPoints(trials);
    const calls: string[] = [];
    const sim: SimulateArmOutcomes = (arm, outcomes, p) => {
      calls.push(arm.key);
      return outcomes.map(() => toyEffect(arm, p));
    };
    const problem = trialFitProblem(trials, sel, parameters, sim);
    const values = problem.predict(truth, sel.points);
    expect(values).toHaveLength(sel.points.length);
    expect(new Set(calls).size).toBe(calls.length);
    expect(calls.length).toBe(new Set(sel.points.map((p) => sel.rowOf.get(p.id)!.armKey)).size);
  });

  it("recovers known parameters from data the toy model generated", () => {
    const synthetic = syntheticTrials();
    const sel = trialFitPoints(synthetic);
    const sim: SimulateArmOutcomes = (arm, outcomes, p) => outcomes.map(() => toyEffect(arm, p));
    const fit = fitWeightedLeastSquares(trialFitProblem(synthetic, sel, parameters, sim), { absoluteSigma: true });
    expect(fit.estimates[0].value).toBeCloseTo(truth.gain, 6);
    expect(fit.estimates[1].value).toBeCloseTo(truth.cuffBonus, 6);
    expect(fit.chiSquare).toBeLessThan(1e-8);
  });

  it("a simulation without a value stops the fit with the arm and row named", () => {
    const sel = trialFitPoints(trials);
    const problem = trialFitProblem(trials, sel, parameters, (_a, outs) => outs.map(() => null));
    expect(() => problem.predict(truth, sel.points.slice(0, 1))).toThrow(/arm ozaki2011\/bfr-walk gave no value for ozaki2011\/bfr-walk\/L2/);
  });
});

describe("validateByStudy", () => {
  it("holds out whole studies, never shows them to the fitter, and predicts them out of sample", () => {
    const synthetic = syntheticTrials();
    const sel = trialFitPoints(synthetic);
    const sim: SimulateArmOutcomes = (arm, outcomes, p) => outcomes.map(() => toyEffect(arm, p));
    const seen: Set<string>[] = [];
    const spy: Fitter = (problem, o) => {
      seen.push(new Set(problem.points.map((p) => p.studyId)));
      return fitWeightedLeastSquares(problem, o);
    };
    const { crossValidation, outOfSample } = validateByStudy(synthetic, sel, parameters, sim, { fitter: spy });
    const studies = [...new Set(sel.points.map((p) => p.studyId))].sort();
    expect(crossValidation.folds.map((f) => f.heldOutStudy)).toEqual(studies);
    crossValidation.folds.forEach((f, i) => expect(seen[i].has(f.heldOutStudy)).toBe(false));
    expect(outOfSample.rows).toHaveLength(sel.points.length);
    expect(outOfSample.summary.rmse!).toBeLessThan(1e-4); // the toy model is exact
    expect(outOfSample.summary.direction_agreement).toBe(1);
  });
});
