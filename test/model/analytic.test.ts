import { describe, it, expect } from "vitest";
import { fileURLToPath } from "node:url";
import { solve } from "../../src/ode/index.ts";
import { compileModelFile, modelProblem } from "../../src/model/index.ts";

const example = (f: string) => fileURLToPath(new URL(`../../models/examples/${f}`, import.meta.url));

describe("compiled models match analytic solutions", () => {
  it("decay: c(t) = c0 exp(-ln2 t / halfLife), reported in ng/mL", () => {
    const m = compileModelFile(example("decay.yaml"));
    const p = m.parameterVector();
    const saveat = [0, 600, 1800, 3600, 7200];
    const sol = solve(modelProblem(m, { p, tspan: [0, 7200] }), { rtol: 1e-10, atol: 1e-16, saveat });
    expect(sol.status).toBe("success");
    sol.t.forEach((t, k) => {
      const declared = m.toDeclaredStates(sol.y[k]);
      const exact = 5 * Math.exp((-Math.LN2 * t) / (30 * 60));
      expect(declared[0]).toBeCloseTo(exact, 7);
    });
    const out = new Float64Array(1);
    m.outputs(3600, sol.y[3], p, new Float64Array(0), out);
    expect(out[0]).toBeCloseTo(0.25, 7); // two half-lives
  });

  it("Michaelis–Menten obeys the implicit time formula t = (S0 − S + Km ln(S0/S)) / Vmax", () => {
    const m = compileModelFile(example("michaelis-menten.yaml"));
    const p = m.parameterVector();
    const saveat = [0, 60, 120, 240, 300, 420];
    const sol = solve(modelProblem(m, { p, tspan: [0, 420] }), { rtol: 1e-10, atol: 1e-14, saveat });
    const vmax = 0.6 / 60; // mM/s
    const km = 0.5;
    const s0 = 2;
    sol.t.forEach((t, k) => {
      const s = m.toDeclaredStates(sol.y[k])[0];
      const tFromS = (s0 - s + km * Math.log(s0 / s)) / vmax;
      expect(Math.abs(tFromS - t)).toBeLessThan(1e-5 * 420);
    });
    // substrate falls well below Km by the end: the first-order tail is exercised
    expect(m.toDeclaredStates(sol.y[sol.y.length - 1])[0]).toBeLessThan(0.5);
    const out = new Float64Array(1);
    m.outputs(0, sol.y[0], p, new Float64Array(0), out);
    expect(out[0]).toBeCloseTo(2000, 9); // 2 mM in µM
  });

  it("two compartments follow the eigen-solution of the linear system", () => {
    const m = compileModelFile(example("two-compartment.yaml"));
    const a = 0.2 / 60, b = 0.05 / 60, c = 6 / 3600; // 1/s
    // y' = A y with A = [[-a, b], [a, -b-c]]; y(0) = (10, 0) nmol
    const tr = -a - b - c, det = a * (b + c) - a * b;
    const disc = Math.sqrt(tr * tr - 4 * det);
    const l1 = (tr + disc) / 2, l2 = (tr - disc) / 2;
    const exact = (t: number): [number, number] => {
      // muscle: y1 = α e^{l1 t} + β e^{l2 t}; plasma = (y1' + a y1)/b
      const alpha = (10 * (l2 + a)) / (l2 - l1), beta = 10 - alpha;
      const y1 = alpha * Math.exp(l1 * t) + beta * Math.exp(l2 * t);
      const dy1 = alpha * l1 * Math.exp(l1 * t) + beta * l2 * Math.exp(l2 * t);
      return [y1, (dy1 + a * y1) / b];
    };
    const saveat = [0, 300, 900, 1800, 3600];
    const sol = solve(modelProblem(m, { tspan: [0, 3600] }), { rtol: 1e-10, atol: 1e-20, saveat });
    sol.t.forEach((t, k) => {
      const [mu, pl] = m.toDeclaredStates(sol.y[k]);
      const [emu, epl] = exact(t);
      expect(mu).toBeCloseTo(emu, 6);
      expect(pl).toBeCloseTo(epl, 6);
    });
    // mass balance: what is left plus what was cleared equals the dose
    const [mu, pl] = m.toDeclaredStates(sol.y[sol.y.length - 1]);
    expect(mu + pl).toBeLessThan(10);
  });

  it("mathjs unit conversions are applied at the edges: mg/dL with a molar mass gives mmol/L", () => {
    const m = compileModelFile(fileURLToPath(new URL("./fixtures/glucose.yaml", import.meta.url)));
    const p = m.parameterVector();
    const out = new Float64Array(m.observables.length);
    m.outputs(0, m.initialState(p), p, new Float64Array(0), out);
    expect(out[m.index.outputs.glucoseMolar]).toBeCloseTo(90 / 18.016, 6); // mg/dL ÷ g/mol × 10 = mmol/L
    expect(out[m.index.outputs.clearancePerMin]).toBeCloseTo(0.5 * 60, 9); // 0.5 /s in 1/min
    expect(out[m.index.outputs.pressureKpa]).toBeCloseTo(150 * 0.133322, 6); // mmHg → kPa
  });
});
