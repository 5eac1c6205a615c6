/**
 * Rodas4P (Steinebach 1995; table in src/ode/tableaus.ts), the 6-stage order-4 Rodas method:
 * correct digits on the stiff Test Set problems no worse than CVODE BDF (the floors of
 * testset.test.ts), fourth-order convergence with fixed steps, and a dense output whose error
 * between steps converges at least with order 3.
 */
import { describe, expect, it } from "vitest";
import { solve } from "../../src/ode/index.ts";
import { CVODE_DIGIT_FLOORS as CASES, scd } from "./fixtures/testset.ts";
import { fixedStepSolve, riccatiExact, worstDenseError } from "./fixtures/fixed-step.ts";


describe("Rodas4P on the stiff IVP test set", () => {
  for (const [P, rtol, floor] of CASES) {
    it(`${P.name}, rtol ${rtol}: ≥ ${floor} correct digits`, () => {
      const sol = solve(P.problem, { method: "rodas4p", rtol, atol: P.atolFor(rtol) });
      expect(sol.status).toBe("success");
      expect(sol.t[sol.t.length - 1]).toBe(P.problem.tspan[1]);
      expect(scd(sol.y[sol.y.length - 1], P.reference)).toBeGreaterThanOrEqual(floor);
      // Six stages: five new RHS calls per attempt (stage 1 reuses f(t, y)), plus f(t, y) and a
      // finite-difference ∂f/∂t once per accepted point, and the initial-step estimate.
      const { acceptedSteps, rejectedSteps, rhsEvaluations } = sol.stats;
      expect(rhsEvaluations).toBeLessThanOrEqual(5 * (acceptedSteps + rejectedSteps) + 2 * acceptedSteps + 2);
    });
  }
});

describe("Rodas4P order with fixed steps", () => {
  // fixtures/fixed-step.ts: y' = −2 t y², y = 1/(1 + t²); every step accepted at size h.
  it("halving h divides the error at t = 2 by about 2^4", () => {
    const e = [0.1, 0.05, 0.025].map((h) => Math.abs(fixedStepSolve("rodas4p", h).y.at(-1)![0] - riccatiExact(2)));
    const p = Math.log2(e[1] / e[2]);
    expect(p).toBeGreaterThan(3.6);
    expect(p).toBeLessThan(4.6);
  });
  it("the dense output between fixed steps converges with order ≥ 3", () => {
    expect(Math.log2(worstDenseError("rodas4p", 0.1) / worstDenseError("rodas4p", 0.05))).toBeGreaterThan(3);
  });
});
