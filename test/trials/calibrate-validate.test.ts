// Calibration and leave-one-study-out validation on the bundled arms, with a known stand-in for
// simulate(): CSA change = gain·(1 − e^(−t/2 wk))·(1 + cuffBonus if the arm wears a cuff).
import { describe, expect, it } from "vitest";
import type { CompiledModel } from "../../src/model/types.ts";
import type { SimulationResult } from "../../src/simulate/simulate.ts";
import { calibrateToTrials } from "../../src/trials/calibrate.ts";
import { quadraticDesign, tensorGridDesign } from "../../src/trials/fit/surrogate-design.ts";
import type { Fitter } from "../../src/trials/fit/cross-validate.ts";
import { fitWeightedLeastSquares } from "../../src/trials/fit/least-squares.ts";
import type { FitParameter, FitProblem, ParameterValues } from "../../src/trials/fit/types.ts";
import { loadTrials } from "../../src/trials/load.ts";
import { mapTrials, type MappedTrials } from "../../src/trials/mapping.ts";
import { modelArmSimulator, type RunSimulation } from "../../src/trials/model-simulator.ts";
import { selectTrialRows } from "../../src/trials/row-selection.ts";
import { validateModel } from "../../src/trials/validate-model.ts";

const WEEK = 7 * 86400;
const toyModel = { name: "toy", observables: [], states: [{ name: "adaptation.csaChangePct" }] } as unknown as CompiledModel;
const fakeRun: RunSimulation = (_model, _subject, protocol, options) => {
  const p = options?.parameters ?? {};
  const tEnd = options?.tEndS ?? WEEK;
  const time = Float64Array.from({ length: 401 }, (_, i) => (tEnd * i) / 400);
  const cuff = protocol.cuff.site === "none" ? 1 : 1 + p.cuffBonus;
  const values = time.map((t) => p.gain * (1 - Math.exp(-t / (2 * WEEK))) * cuff);
  return { time, outputs: [], states: [{ name: "adaptation.csaChangePct", unit: "percent", values }], schedule: { sessions: [] } } as unknown as SimulationResult;
};
const parameters: FitParameter[] = [
  { name: "gain", initial: 5, range: [0, 40] },
  { name: "cuffBonus", initial: 0, range: [-0.5, 3] },
];
const truth = { gain: 9, cuffBonus: 0.8 };

/** The bundled CSA rows with values replaced by the stand-in at `truth` plus seeded noise (σ = 0.5 % points). */
function syntheticTrials(): MappedTrials {
  const rows = selectTrialRows(mapTrials(loadTrials()), { targets: ["adaptation.csaChangePct"] });
  const simulate = modelArmSimulator(toyModel, {}, fakeRun);
  const arms = new Map(rows.arms.map((a) => [a.key, a]));
  let seed = 12345;
  const normal = () => {
    const u = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) + 1) / (2 ** 31 + 1);
    return Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  };
  return {
    ...rows,
    outcomes: rows.outcomes.map((mo) => {
      if (mo.row.value === null) return mo;
      const [v] = simulate(arms.get(mo.armKey)!, [mo], truth);
      return { ...mo, row: { ...mo.row, value: v! + 0.5 * normal(), valueKind: "pct_change" as const } };
    }),
  };
}
const synthetic = syntheticTrials();

describe("calibrating to trial rows", () => {
  it("recovers the parameters that generated noisy synthetic rows within their 95 % intervals, directly and on a surrogate", () => {
    const sim = modelArmSimulator(toyModel, {}, fakeRun);
    const direct = calibrateToTrials(synthetic, sim, { parameters });
    const onGrid = calibrateToTrials(synthetic, sim, { parameters, design: tensorGridDesign(parameters, 9), profile: ["cuffBonus"] });
    const onQuadratic = calibrateToTrials(synthetic, sim, { parameters, design: quadraticDesign(parameters) });
    expect(direct.fit.n).toBeGreaterThan(20);
    for (const c of [direct, onGrid, onQuadratic]) {
      c.fit.estimates.forEach((e) => {
        const t = truth[e.name as keyof typeof truth];
        expect(e.ci95![0]).toBeLessThan(t);
        expect(e.ci95![1]).toBeGreaterThan(t);
        expect(Math.abs(e.value - t)).toBeLessThan(0.1 * Math.abs(t));
      });
    }
    expect(Math.sqrt(direct.fit.chiSquare / direct.fit.dof)).toBeCloseTo(0.5, 0); // residual SD ≈ the noise
    const [lo, hi] = onGrid.profiles[0].ci95;
    expect(lo!).toBeLessThan(truth.cuffBonus);
    expect(hi!).toBeGreaterThan(truth.cuffBonus);
    expect(onGrid.surrogate!.nodes).toBe(81);
    expect(onGrid.surrogate!.maxAbsError).toBeLessThan(0.05);
    expect(onGrid.evaluations).toBe(82); // the grid, then one check at the estimate
    // CSA rows are bilinear in gain and cuffBonus (exactly quadratic); thickness rows pass through √, so not quite
    expect(onQuadratic.surrogate!.nodes).toBe(9);
    expect(onQuadratic.surrogate!.maxAbsError).toBeLessThan(1);
    expect(onQuadratic.surrogate!.maxAbsError).toBeGreaterThan(onGrid.surrogate!.maxAbsError);
  });
});

describe("leave-one-study-out validation", () => {
  it("never lets the optimiser see the held-out study, and predicts it with the model at the fold's estimates", () => {
    const seen: { points: Set<string>; evaluated: Set<string> }[] = [];
    const spy: Fitter = (problem, options) => {
      const record = { points: new Set(problem.points.map((p) => p.studyId)), evaluated: new Set<string>() };
      seen.push(record);
      const watched: FitProblem = {
        ...problem,
        predict: (params: ParameterValues, pts) => {
          for (const pt of pts) record.evaluated.add(pt.studyId);
          return problem.predict(params, pts);
        },
      };
      return fitWeightedLeastSquares(watched, options);
    };
    const v = validateModel(synthetic, toyModel, { parameters, design: tensorGridDesign(parameters, 7), fitter: spy, run: fakeRun });
    const fitted = v.folds.filter((f) => f.heldOutPoints > 0);
    expect(fitted.length).toBeGreaterThan(5);
    expect(seen).toHaveLength(fitted.length + 1); // one fit per fold, then the all-rows fit
    fitted.forEach((fold, i) => {
      expect(seen[i].points.has(fold.heldOutStudy)).toBe(false);
      expect(seen[i].evaluated.has(fold.heldOutStudy)).toBe(false);
      expect(seen[i].points.size).toBe(new Set(fitted.map((f) => f.heldOutStudy)).size - 1);
    });
    expect(seen[fitted.length].points.size).toBe(fitted.length);
    // held-out rows carry the stand-in's own value at that fold's estimates (not the surrogate's)
    const fold = fitted[0];
    const rows = v.outOfSample.rows.filter((r) => r.study_id === fold.heldOutStudy && r.observed !== null);
    const sim = modelArmSimulator(toyModel, {}, fakeRun);
    for (const r of rows) {
      const mo = synthetic.outcomes.find((o) => o.row.studyId === r.study_id && o.row.armId === r.arm_id && o.row.value === r.observed)!;
      const [expected] = sim(synthetic.arms.find((a) => a.key === mo.armKey)!, [mo], fold.estimates!);
      expect(r.simulated).toBeCloseTo(expected!, 10);
    }
    // a correct model predicts unseen studies to within the noise
    expect(v.outOfSample.summary.rmse!).toBeLessThan(1);
    for (const r of v.outOfSample.rows) if (r.residual !== null) expect(Math.abs(r.residual)).toBeLessThan(2.5); // 5 σ
    expect(v.gridEvaluations).toBe(49);
    expect(v.surrogateError!.n).toBe(fitted.reduce((t, f) => t + f.heldOutPoints, 0));
    expect(v.surrogateError!.max).toBeLessThan(0.05); // 7 spline nodes per parameter on a smooth stand-in
  });

  it("fits only the rows of --fit-* selections but predicts and compares every row", () => {
    const fittedIds: string[][] = [];
    const spy: Fitter = (problem, options) => {
      fittedIds.push(problem.points.map((p) => p.id));
      return fitWeightedLeastSquares(problem, options);
    };
    const v = validateModel(synthetic, toyModel, {
      parameters, design: quadraticDesign(parameters), fitter: spy, run: fakeRun, fitSelection: { outcomes: ["muscle_csa"] },
    });
    const csaIds = new Set(synthetic.outcomes.filter((o) => o.row.outcome === "muscle_csa").map((o) => `${o.row.studyId}/${o.row.armId}/L${o.row.origin.line}`));
    for (const ids of fittedIds) for (const id of ids) expect(csaIds.has(id)).toBe(true);
    expect(v.outOfSample.rows.some((r) => r.outcome === "muscle_thickness" && r.simulated !== null)).toBe(true);
    expect(v.outOfSample.rows).toHaveLength(synthetic.outcomes.filter((o) => o.target).length);
  });
});
