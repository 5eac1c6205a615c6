import { describe, expect, it } from "vitest";
import { RODAS5P } from "../../src/ode/tableaus.ts";
import { DEFAULT_SOLVE_OPTIONS, remake, solve, type OdeProblem } from "../../src/ode/index.ts";

const decay: OdeProblem = { rhs: (_t, y, f) => { f[0] = -y[0]; }, jacobian: (_t, _y, J) => { J[0] = -1; }, y0: [1], tspan: [0, 3] };

describe("work statistics", () => {
  it("dopri5: 6 RHS calls per attempted step (FSAL) plus the initial derivative and the initial-step probe", () => {
    const sol = solve(decay, { method: "dopri5", rtol: 1e-9 });
    const s = sol.stats;
    expect(s.rhsEvaluations).toBe(6 * (s.acceptedSteps + s.rejectedSteps) + 2);
    expect(s.jacobianEvaluations).toBe(0);
    expect(s.luDecompositions).toBe(0);
    expect(s.methodSwitches).toBe(0);
  });
  it("rodas5p: one Jacobian per accepted point, one LU per attempt, 8 stages + ∂f/∂t per point", () => {
    const sol = solve(decay, { method: "rodas5p", rtol: 1e-9 });
    const s = sol.stats;
    expect(s.rejectedSteps).toBe(0);
    expect(s.jacobianEvaluations).toBe(s.acceptedSteps);
    expect(s.luDecompositions).toBe(s.acceptedSteps);
    // 1 derivative at each step start + 7 more stages + 1 for ∂f/∂t, plus the initial-step probe.
    expect(s.rhsEvaluations).toBe(9 * s.acceptedSteps + 1);
  });
  it("rodas5p reuses the Jacobian after a rejected step (refactoring W only)", () => {
    const sol = solve(
      { rhs: (t, y, f) => { f[0] = -50 * (y[0] - Math.cos(t)); }, jacobian: (_t, _y, J) => { J[0] = -50; }, y0: [0], tspan: [0, 2] },
      { method: "rodas5p", rtol: 1e-6, h0: 1 },
    );
    const s = sol.stats;
    expect(s.rejectedSteps).toBeGreaterThan(0);
    expect(s.jacobianEvaluations).toBe(s.acceptedSteps);
    expect(s.luDecompositions).toBe(s.acceptedSteps + s.rejectedSteps);
  });
});

describe("singular iteration matrix", () => {
  it("recovers when W = I/(hγ) − J is exactly singular for the first step size", () => {
    // J = c with c = 1/(h0·γ) computed as the solver does: the first W is exactly zero.
    const h0 = 2;
    const c = 1 / (h0 * RODAS5P.gamma);
    const tEnd = 10;
    const sol = solve(
      { rhs: (_t, y, f) => { f[0] = c * y[0]; }, jacobian: (_t, _y, J) => { J[0] = c; }, y0: [1], tspan: [0, tEnd] },
      { method: "rodas5p", h0, rtol: 1e-8 },
    );
    expect(sol.status).toBe("success");
    expect(sol.stats.rejectedSteps).toBeGreaterThanOrEqual(1);
    expect(Math.abs(sol.y[sol.y.length - 1][0] - Math.exp(tEnd * c))).toBeLessThan(1e-6 * Math.exp(tEnd * c));
  });
});

describe("auto switching", () => {
  // Stiff relaxation towards sin t while λ = 1e4 (t < 1), gentle (λ = 0.1) afterwards.
  const lambda = (t: number) => (t < 1 ? 1e4 : 0.1);
  const problem: OdeProblem = {
    rhs: (t, y, f) => { f[0] = -lambda(t) * (y[0] - Math.sin(t)) + Math.cos(t); },
    y0: [0],
    tspan: [0, 40],
    tstops: [1],
  };
  it("switches to Rodas5P while the problem is stiff and back to dopri5 when it is not", () => {
    const sol = solve(problem, { rtol: 1e-8, atol: 1e-10 });
    expect(sol.status).toBe("success");
    expect(sol.stats.methodSwitches).toBeGreaterThanOrEqual(2);
    // y = sin t solves both phases exactly (y(0) = 0).
    sol.t.forEach((t, k) => expect(Math.abs(sol.y[k][0] - Math.sin(t))).toBeLessThan(1e-6));
  });
  it("never switches on a non-stiff problem", () => {
    const sol = solve(remake(problem, { rhs: (t, _y, f) => { f[0] = Math.cos(t); } }), { rtol: 1e-8 });
    expect(sol.stats.methodSwitches).toBe(0);
    expect(sol.stats.luDecompositions).toBe(0);
  });
});

describe("defaults and remake", () => {
  it("DEFAULT_SOLVE_OPTIONS documents the defaults the solver uses", () => {
    expect(DEFAULT_SOLVE_OPTIONS.method).toBe("auto");
    expect(DEFAULT_SOLVE_OPTIONS.rtol).toBe(1e-6);
    expect(DEFAULT_SOLVE_OPTIONS.atol).toBe(1e-8);
    expect(Object.isFrozen(DEFAULT_SOLVE_OPTIONS)).toBe(true);
    const a = solve(decay);
    const b = solve(decay, { ...DEFAULT_SOLVE_OPTIONS });
    expect(Array.from(b.t)).toEqual(Array.from(a.t));
  });
  it("remake returns a frozen copy and leaves the original untouched", () => {
    const longer = remake(decay, { tspan: [0, 6] });
    expect(Object.isFrozen(longer)).toBe(true);
    expect(decay.tspan).toEqual([0, 3]);
    const sol = solve(longer);
    expect(sol.t[sol.t.length - 1]).toBe(6);
  });
});
