/**
 * problem.timeDerivative (analytic ∂f/∂t for the Rosenbrock method): it replaces the forward
 * difference (one RHS call fewer per step), keeps the accuracy on a non-autonomous problem, is
 * validated, and a non-finite value fails loudly. Also the model-side check simulate() uses to
 * pass ∂f/∂t = 0: whether a compiled model's rates mention time.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.ts";
import { compileModelFile } from "../../src/model/compile.ts";
import { ratesDependOnTime } from "../../src/model/time-dependence.ts";
import { NonFiniteError, solve } from "../../src/ode/index.ts";

// y' = −10 (y − cos t): stiff-ish forced decay; exact y(t) = (100 cos t + 10 sin t)/101 + c e^{−10t}.
const exact = (t: number) => (100 * Math.cos(t) + 10 * Math.sin(t)) / 101 + (1 - 100 / 101) * Math.exp(-10 * t);
const forced = {
  rhs: (t: number, y: Float64Array, d: Float64Array) => { d[0] = -10 * (y[0] - Math.cos(t)); },
  jacobian: (_t: number, _y: Float64Array, J: Float64Array) => { J[0] = -10; },
  y0: [1],
  tspan: [0, 10] as const,
};

describe("problem.timeDerivative", () => {
  it("saves one RHS call per Jacobian and keeps the accuracy of the forward difference", () => {
    const opts = { method: "rodas5p", rtol: 1e-8, atol: 1e-10 };
    const fd = solve(forced, opts);
    const an = solve({ ...forced, timeDerivative: (t: number, _y: Float64Array, ft: Float64Array) => { ft[0] = -10 * Math.sin(t); } }, opts);
    expect(an.status).toBe("success");
    expect(fd.stats.rhsEvaluations - an.stats.rhsEvaluations).toBe(an.stats.jacobianEvaluations);
    const e = (s: typeof fd) => Math.abs(s.y[s.y.length - 1][0] - exact(10));
    expect(e(an)).toBeLessThan(1e-7);
    expect(e(an)).toBeLessThan(2 * e(fd) + 1e-12);
  });

  it("a wrong ∂f/∂t (zero for a time-dependent RHS) visibly costs accuracy: it is really used", () => {
    const opts = { method: "rodas5p", rtol: 1e-8, atol: 1e-10, hmax: 0.5 };
    const wrong = solve({ ...forced, timeDerivative: (_t: number, _y: Float64Array, ft: Float64Array) => { ft[0] = 0; } }, opts);
    const right = solve({ ...forced, timeDerivative: (t: number, _y: Float64Array, ft: Float64Array) => { ft[0] = -10 * Math.sin(t); } }, opts);
    expect(wrong.stats.acceptedSteps).toBeGreaterThan(right.stats.acceptedSteps);
  });

  it("must be a function; a non-finite value fails with the component and 'time derivative'", () => {
    expect(() => solve({ ...forced, timeDerivative: 3 as never })).toThrow(InputError);
    expect(() => solve({ ...forced, timeDerivative: 3 as never })).toThrow(/problem\.timeDerivative/);
    const sol = solve({ ...forced, timeDerivative: (_t: number, _y: Float64Array, ft: Float64Array) => { ft[0] = NaN; } }, { method: "rodas5p" });
    expect(sol.status).toBe("failed");
    expect(sol.error).toBeInstanceOf(NonFiniteError);
    expect(sol.message).toMatch(/time derivative/);
  });
});

describe("ratesDependOnTime (src/model/time-dependence.ts)", () => {
  it("is false for a model without t, true when an assignment uses t", () => {
    const decay = fileURLToPath(new URL("../../models/examples/decay.yaml", import.meta.url));
    expect(ratesDependOnTime(compileModelFile(decay))).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), "bfrsim-tdep-"));
    const file = join(dir, "tdep.yaml");
    writeFileSync(file, [
      "name: tdep",
      "parameters:",
      '  k: { value: 1, unit: 1/s, range: [0.1, 10], source: "assumed: test", evidence: speculative, description: rate }',
      "states:",
      '  x: { initial: "0", unit: "1", description: x }',
      "assignments:",
      '  drive: { expr: "tanh(k * t)", unit: "1", description: a ramp in time }',
      "rates:",
      '  x: "k * drive - k * x"',
    ].join("\n"));
    expect(ratesDependOnTime(compileModelFile(file))).toBe(true);
  });
});
