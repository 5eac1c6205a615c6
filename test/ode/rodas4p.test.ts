/**
 * Rodas4P (Steinebach 1995; table in src/ode/tableaus.ts), the 6-stage order-4 Rodas method:
 * correct digits on the stiff Test Set problems no worse than CVODE BDF (the floors of
 * testset.test.ts), fourth-order convergence with fixed steps, and a dense output whose error
 * between steps converges at least with order 3.
 */
import { describe, expect, it } from "vitest";
import { solve, type OdeProblem } from "../../src/ode/index.ts";
import { HIRES, ROBER, VDPOL, scd, type TestSetProblem } from "./fixtures/testset.ts";

const CASES: [TestSetProblem, number, number][] = [
  [HIRES, 1e-6, 5.0],
  [HIRES, 1e-8, 6.9],
  [ROBER, 1e-6, 3.9],
  [ROBER, 1e-8, 5.6],
  [VDPOL, 1e-6, 5.6],
  [VDPOL, 1e-8, 7.4],
];

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
  // y' = −2 t y², y(0) = 1: y = 1/(1 + t²) (non-linear and non-autonomous).
  const problem: OdeProblem = {
    rhs: (t, y, f) => { f[0] = -2 * t * y[0] * y[0]; },
    jacobian: (t, y, J) => { J[0] = -4 * t * y[0]; },
    y0: [1],
    tspan: [0, 2],
  };
  const fixed = (h: number, dense = false) => {
    const sol = solve(problem, { method: "rodas4p", h0: h, hmax: h, rtol: 1e3, atol: 1e3, dense });
    expect(sol.stats.rejectedSteps).toBe(0);
    expect(sol.stats.acceptedSteps).toBe(Math.round(2 / h));
    return sol;
  };
  it("halving h divides the error at t = 2 by about 2^4", () => {
    const e = [0.1, 0.05, 0.025].map((h) => Math.abs(fixed(h).y.at(-1)![0] - 1 / 5));
    const p = Math.log2(e[1] / e[2]);
    expect(p).toBeGreaterThan(3.6);
    expect(p).toBeLessThan(4.6);
  });
  it("the dense output between fixed steps converges with order ≥ 3", () => {
    const denseError = (h: number) => {
      const sol = fixed(h, true);
      let worst = 0;
      for (let k = 0; k < Math.round(2 / h); k++) {
        for (const theta of [0.25, 0.5, 0.75]) {
          const t = (k + theta) * h;
          worst = Math.max(worst, Math.abs(sol.sol!(t)[0] - 1 / (1 + t * t)));
        }
      }
      return worst;
    };
    expect(Math.log2(denseError(0.1) / denseError(0.05))).toBeGreaterThan(3);
  });
});
