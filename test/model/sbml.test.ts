import { describe, it, expect } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { solve } from "../../src/ode/index.ts";
import { compileModelFile, modelProblem, sbmlId, stateTolerances, toSbml, type CompiledModel } from "../../src/model/index.ts";

const path = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));
const script = path("./sbml_roundtrip.py");
const dir = mkdtempSync(join(tmpdir(), "bfrsim-sbml-"));

interface RoundTrip { errors: string[]; warnings: number; ids: string[]; y: number[] }

/** Exports, validates with libSBML and simulates the SBML in Python (RK4, SI inputs). */
function roundTrip(m: CompiledModel, inputsSi: Record<string, number>, tEnd: number): RoundTrip {
  const file = join(dir, `${m.name}.xml`);
  writeFileSync(file, toSbml(m));
  const out = execFileSync("/usr/bin/python3", [script, file, JSON.stringify(inputsSi), String(tEnd), "0.05"], { encoding: "utf8" });
  return JSON.parse(out) as RoundTrip;
}

function ourSolution(m: CompiledModel, inputsDeclared: Record<string, number>, tEnd: number): Float64Array {
  const inputs = (_t: number, u: Float64Array) => { for (const [k, v] of Object.entries(inputsDeclared)) u[m.index.inputs[k]] = v; };
  const sol = solve(modelProblem(m, { tspan: [0, tEnd], inputs }), { rtol: 1e-10, atol: stateTolerances(m, 1e-12), saveat: [tEnd] });
  return sol.y[0];
}

describe("SBML Level 3 Version 2 export", () => {
  it.each([
    ["decay", "../../models/examples/decay.yaml"],
    ["Michaelis–Menten", "../../models/examples/michaelis-menten.yaml"],
    ["two compartments", "../../models/examples/two-compartment.yaml"],
  ])("%s: libSBML validation (units included) finds zero errors, and the SBML simulates the same", (_, rel) => {
    const m = compileModelFile(path(rel));
    const rt = roundTrip(m, {}, 120);
    expect(rt.errors).toEqual([]);
    const ours = ourSolution(m, {}, 120);
    expect(rt.ids).toEqual(m.states.map((s) => s.name.replace(/\./g, "__")));
    rt.y.forEach((v, i) => expect(Math.abs(v - ours[i])).toBeLessThanOrEqual(1e-7 * Math.abs(ours[i]) + 1e-20));
  });

  it("a model using every helper and branch round-trips through libSBML's function-definition expansion", () => {
    const m = compileModelFile(path("./fixtures/helpers.yaml"));
    const rt = roundTrip(m, { drive: 0.7 }, 100);
    expect(rt.errors).toEqual([]);
    const ours = ourSolution(m, { drive: 0.7 }, 100);
    rt.y.forEach((v, i) => expect(v).toBeCloseTo(ours[i], 6));
  });

  it("a composed model (imports, connect) exports qualified ids and simulates the same", () => {
    const m = compileModelFile(path("../../models/examples/limb.yaml"));
    const rt = roundTrip(m, { cuffPressure: 120 * 133.322, contractionDuty: 0.5 }, 100);
    expect(rt.errors).toEqual([]);
    expect(rt.ids).toEqual(["oxygen__o2Store"]);
    const ours = ourSolution(m, { cuffPressure: 120, contractionDuty: 0.5 }, 100);
    expect(rt.y[0]).toBeCloseTo(ours[0], 6);
    const sbml = toSbml(m);
    expect(sbml).toContain('<parameter id="aop" name="aop" value="20000"');
    expect(sbml).toContain("source: assumed: example subject"); // provenance travels in notes
  });

  it("the full BFR model (bfr-ageing.yaml) passes libSBML's unit validation and simulates the same under a cuff and exercise", () => {
    const m = compileModelFile(path("../../models/bfr-ageing.yaml"));
    const declared: Record<string, number> = {};
    for (const i of m.inputs) declared[i.name] = i.unit === "mmHg" ? 180 : 0.5; // cuff at 180 mmHg, half duty and load
    const si = Object.fromEntries(m.inputs.map((i) => [sbmlId(i.name), declared[i.name] * i.scale]));
    const rt = roundTrip(m, si, 20);
    expect(rt.errors).toEqual([]);
    expect(rt.ids).toEqual(m.states.map((s) => sbmlId(s.name)));
    const ours = ourSolution(m, declared, 20);
    const y0 = m.initialState(m.parameterVector());
    const moved = rt.y.filter((v, i) => Math.abs(ours[i] - y0[i]) > 1e-3 * Math.abs(y0[i]) + 1e-9 * m.states[i].scale).length;
    expect(moved).toBeGreaterThan(3); // the inputs really drive the model
    rt.y.forEach((v, i) => expect(Math.abs(v - ours[i])).toBeLessThanOrEqual(1e-6 * Math.abs(ours[i]) + 1e-12 * m.states[i].scale));
  });
});

