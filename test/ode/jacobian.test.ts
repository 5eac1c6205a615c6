import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { evaluateJacobian, evaluateTimeDerivative } from "../../src/ode/jacobian.ts";
import { RhsEvaluator } from "../../src/ode/stepper.ts";
import type { SolveStats } from "../../src/ode/index.ts";
import { HIRES, ROBER } from "./fixtures/testset.ts";

const stats = (): SolveStats => ({ acceptedSteps: 0, rejectedSteps: 0, rhsEvaluations: 0, jacobianEvaluations: 0, luDecompositions: 0, methodSwitches: 0 });

function fdJacobian(rhs: RhsEvaluator["rhs"], n: number, y: Float64Array, atol: number): Float64Array {
  const ev = new RhsEvaluator(rhs, undefined, n, stats());
  const f0 = new Float64Array(n);
  ev.f(0, y, f0);
  const J = new Float64Array(n * n);
  expect(evaluateJacobian(ev, 0, y, f0, J, new Float64Array(n), new Float64Array(n), new Float64Array(n).fill(atol))).toBe(true);
  expect(ev.stats.rhsEvaluations).toBe(n + 1);
  return J;
}

describe("finite-difference Jacobian", () => {
  it("matches HIRES's analytic Jacobian to within the rounding of its increments", () => {
    // HIRES is linear or bilinear in each component, so the forward difference has no truncation
    // error in y_j; what remains is rounding: ≈ u·(size of the terms of f_i)/increment_j.
    const u = Number.EPSILON;
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1e-6, max: 1, noNaN: true }), { minLength: 8, maxLength: 8 }), (ys) => {
        const y = Float64Array.from(ys);
        const J = fdJacobian(HIRES.problem.rhs, 8, y, 1e-10);
        const Ja = new Float64Array(64);
        HIRES.problem.jacobian!(0, y, Ja);
        for (let i = 0; i < 8; i++) {
          let terms = 1e-3;
          for (let k = 0; k < 8; k++) terms += Math.abs(Ja[i * 8 + k] * y[k]);
          for (let j = 0; j < 8; j++) {
            const increment = Math.sqrt(u) * Math.max(y[j], 1e-10);
            const bound = (16 * u * terms) / increment + 1e-12 * Math.abs(Ja[i * 8 + j]);
            expect(Math.abs(J[i * 8 + j] - Ja[i * 8 + j])).toBeLessThan(bound);
          }
        }
      }),
      { numRuns: 50, seed: 3 },
    );
  });
  it("resolves Robertson's tiny y2 (8e-14) well enough for the quadratic term", () => {
    const y = Float64Array.from([2.083e-8, 8.333e-14, 1]);
    const J = fdJacobian(ROBER.problem.rhs, 3, y, 1e-14);
    const Ja = new Float64Array(9);
    ROBER.problem.jacobian!(0, y, Ja);
    // ∂(y3')/∂y2 = 6e7·y2 ≈ 5e-6: the entry that a fixed 1e-5-floored increment gets 300× wrong.
    expect(Math.abs(J[7] - Ja[7])).toBeLessThan(1e-3 * Ja[7]);
  });
  it("reports a non-finite analytic entry with its row", () => {
    const ev = new RhsEvaluator((_t, _y, f) => { f[0] = 0; f[1] = 0; }, (_t, _y, J) => { J[0] = 0; J[1] = 0; J[2] = Infinity; J[3] = 0; }, 2, stats());
    const ok = evaluateJacobian(ev, 1.5, new Float64Array(2), new Float64Array(2), new Float64Array(4), new Float64Array(2), new Float64Array(2), new Float64Array(2).fill(1e-8));
    expect(ok).toBe(false);
    expect(ev.badComponent).toBe(1);
    expect(ev.badT).toBe(1.5);
    expect(ev.badWhat).toContain("Jacobian");
  });
});

describe("time derivative", () => {
  it("∂f/∂t of f = sin(t)·y matches cos(t)·y", () => {
    const ev = new RhsEvaluator((t, y, f) => { f[0] = Math.sin(t) * y[0]; }, undefined, 1, stats());
    for (const t of [0, 0.3, 2, 50]) {
      const y = Float64Array.from([2]);
      const f0 = new Float64Array(1);
      ev.f(t, y, f0);
      const ft = new Float64Array(1);
      expect(evaluateTimeDerivative(ev, t, y, f0, ft, new Float64Array(1))).toBe(true);
      expect(Math.abs(ft[0] - Math.cos(t) * 2)).toBeLessThan(1e-6);
    }
  });
});
