import { describe, it, expect } from "vitest";
import { fileURLToPath } from "node:url";
import { solve } from "../../src/ode/index.ts";
import { InputError } from "../../src/errors.ts";
import { compileModelFile, modelProblem } from "../../src/model/index.ts";

const example = (f: string) => fileURLToPath(new URL(`../../models/examples/${f}`, import.meta.url));

describe("parameters and initial values are overridden by name without recompiling", () => {
  const m = compileModelFile(example("decay.yaml"));
  const rhs = m.rhs;

  it("a parameter override in declared units changes the dynamics as the analytic solution says", () => {
    const p = m.parameterVector({ halfLife: 60 }); // min
    expect(p[m.index.parameters.halfLife]).toBe(3600); // s inside
    const sol = solve(modelProblem(m, { p, tspan: [0, 3600] }), { rtol: 1e-10, atol: 1e-16, saveat: [3600] });
    expect(m.toDeclaredStates(sol.y[0])[0]).toBeCloseTo(2.5, 7); // one half-life of 5 ng/mL
    expect(m.rhs).toBe(rhs);
  });

  it("initial values follow the parameters they are written in, and can be overridden", () => {
    const p = m.parameterVector({ c0: 8 });
    expect(m.toDeclaredStates(m.initialState(p))[0]).toBeCloseTo(8, 12);
    expect(m.toDeclaredStates(m.initialState(p, { concentration: 3 }))[0]).toBeCloseTo(3, 12);
  });

  it("defaults are untouched by overrides", () => {
    m.parameterVector({ halfLife: 90 });
    expect(m.parameterVector()[m.index.parameters.halfLife]).toBe(1800);
  });

  it("an unknown name is an InputError suggesting the closest name", () => {
    expect(() => m.parameterVector({ halfLive: 10 })).toThrow(InputError);
    expect(() => m.parameterVector({ halfLive: 10 })).toThrow(/did you mean "halfLife"/);
    expect(() => m.initialState(m.parameterVector(), { concentraton: 1 })).toThrow(/did you mean "concentration"/);
    expect(() => m.parameterVector({ halfLife: Number.NaN })).toThrow(/finite number in min/);
  });

  it("metadata carries units, ranges, sources, evidence and a content hash", () => {
    const hl = m.parameters[m.index.parameters.halfLife];
    expect(hl).toMatchObject({ unit: "min", range: [10, 120], evidence: "speculative", value: 30, internalValue: 1800 });
    expect(hl.source).toMatch(/^assumed:/);
    expect(m.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const limb = compileModelFile(example("limb.yaml"));
    expect(limb.contentHash).not.toBe(m.contentHash);
    const aop = limb.parameters.find((p) => p.name === "aop")!;
    expect(aop.internalValue).toBeCloseTo(20000, 9);
    expect(limb.parameters.some((p) => p.name === "cuff.aop")).toBe(false); // replaced via connect
    expect(limb.inputs.map((i) => i.name).sort()).toEqual(["contractionDuty", "cuffPressure"]);
    const cuffRef = limb.parameters.find((p) => p.name === "cuff.occlusionSteepness")!;
    expect(cuffRef.file).toMatch(/cuff\.yaml$/);
  });
});

describe("a composed model solved with time-varying inputs", () => {
  it("inflating the cuff to the occlusion pressure drains the muscle O2 store; deflating refills it", () => {
    const m = compileModelFile(example("limb.yaml"));
    const cuff = m.index.inputs.cuffPressure, duty = m.index.inputs.contractionDuty;
    const inputs = (t: number, u: Float64Array) => {
      const on = t >= 60 && t < 360;
      u[cuff] = on ? 150 : 0; // mmHg
      u[duty] = on ? 0.5 : 0;
    };
    const problem = modelProblem(m, { tspan: [0, 900], inputs, tstops: [60, 360] });
    const sol = solve(problem, { rtol: 1e-8, atol: 1e-10, saveat: [59, 359, 900] });
    expect(sol.status).toBe("success");
    const store = (k: number) => m.toDeclaredStates(sol.y[k])[0];
    expect(store(0)).toBeGreaterThan(1); // near its resting level before the cuff
    expect(store(1)).toBeLessThan(0.5 * store(0)); // occlusion + contraction: store falls
    expect(store(2)).toBeGreaterThan(store(1)); // reperfusion refills
  });
});
