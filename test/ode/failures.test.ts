import { describe, expect, it } from "vitest";
import {
  MaxStepsError, NonFiniteError, OdeSolveError, StepUnderflowError, solve, solveOrThrow, type OdeProblem,
} from "../../src/ode/index.ts";

const decay: OdeProblem = { rhs: (_t, y, f) => { f[0] = -y[0]; }, y0: [1], tspan: [0, 10] };

function expectPartialIsCorrect(sol: ReturnType<typeof solve>): void {
  expect(sol.t.length).toBeGreaterThan(1);
  for (let k = 1; k < sol.t.length; k++) expect(sol.t[k]).toBeGreaterThan(sol.t[k - 1]);
}

describe("failures return the partial solution with a typed error", () => {
  it("too many steps: E_MAX_STEPS, the steps so far kept and correct", () => {
    const sol = solve(decay, { method: "dopri5", maxSteps: 12, rtol: 1e-10, atol: 1e-12 });
    expect(sol.status).toBe("failed");
    expect(sol.error).toBeInstanceOf(MaxStepsError);
    const err = sol.error as MaxStepsError;
    expect(err.code).toBe("E_MAX_STEPS");
    expect(err.partial).toBe(sol);
    expectPartialIsCorrect(sol);
    const tLast = sol.t[sol.t.length - 1];
    expect(tLast).toBeLessThan(10);
    expect(err.t).toBe(tLast);
    expect(err.y[0]).toBe(sol.y[sol.y.length - 1][0]);
    sol.t.forEach((t, k) => expect(Math.abs(sol.y[k][0] - Math.exp(-t))).toBeLessThan(1e-9));
  });

  it("a blow-up (y' = y², singular at t = 1) ends in step underflow near t = 1", () => {
    for (const method of ["dopri5", "rodas5p"]) {
      const sol = solve({ rhs: (_t, y, f) => { f[0] = y[0] * y[0]; }, y0: [1], tspan: [0, 2] }, { method });
      expect(sol.status).toBe("failed");
      expect(sol.error).toBeInstanceOf(OdeSolveError);
      expect([StepUnderflowError, NonFiniteError, MaxStepsError].some((C) => sol.error instanceof C)).toBe(true);
      const err = sol.error as OdeSolveError;
      expect(Math.abs(err.t - 1)).toBeLessThan(1e-3);
      expectPartialIsCorrect(sol);
    }
  });

  it("a non-finite derivative names the component and the time", () => {
    const problem: OdeProblem = {
      rhs: (t, y, f) => { f[0] = -y[0]; f[1] = t > 0.5 ? NaN : -2 * y[1]; },
      y0: [1, 1],
      tspan: [0, 1],
      names: ["pcr", "lactate"],
    };
    const sol = solve(problem, { method: "auto" });
    expect(sol.status).toBe("failed");
    const err = sol.error as NonFiniteError;
    expect(err).toBeInstanceOf(NonFiniteError);
    expect(err.code).toBe("E_NONFINITE");
    expect(err.componentName).toBe("lactate");
    expect(err.component).toBe(1);
    expect(err.tEval).toBeGreaterThan(0.5);
    expect(err.message).toContain("lactate");
    expect(err.t).toBeLessThanOrEqual(0.5);
    expect(err.t).toBeGreaterThan(0.5 - 1e-6);
    expectPartialIsCorrect(sol);
  });

  it("a non-finite derivative at the initial state fails at once, naming the index without names", () => {
    const sol = solve({ rhs: (_t, _y, f) => { f[0] = 0; f[1] = Infinity; }, y0: [1, 1], tspan: [0, 1] });
    const err = sol.error as NonFiniteError;
    expect(err).toBeInstanceOf(NonFiniteError);
    expect(err.componentName).toBe("y[1]");
    expect(err.tEval).toBe(0);
  });

  it("a non-finite analytic Jacobian is reported as such", () => {
    const sol = solve(
      { rhs: (_t, y, f) => { f[0] = -y[0]; }, jacobian: (_t, _y, J) => { J[0] = NaN; }, y0: [1], tspan: [0, 1], names: ["pcr"] },
      { method: "rodas5p" },
    );
    expect(sol.error).toBeInstanceOf(NonFiniteError);
    expect(sol.error!.message).toContain("Jacobian");
    expect(sol.error!.message).toContain("pcr");
  });

  it("solveOrThrow throws the typed error, which still holds the partial solution", () => {
    let caught: unknown;
    try {
      solveOrThrow(decay, { maxSteps: 5 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(MaxStepsError);
    const partial = (caught as MaxStepsError).partial!;
    expect(partial.status).toBe("failed");
    expect(partial.t.length).toBeGreaterThan(1);
    expect(solveOrThrow(decay).status).toBe("success");
  });

  it("an AbortSignal stops the run between steps with status 'aborted' and the work so far", () => {
    const controller = new AbortController();
    const sol = solve(
      { rhs: (t, y, f) => { if (t > 3) controller.abort(); f[0] = -y[0]; }, y0: [1], tspan: [0, 10] },
      { signal: controller.signal, rtol: 1e-8 },
    );
    expect(sol.status).toBe("aborted");
    const tLast = sol.t[sol.t.length - 1];
    expect(tLast).toBeGreaterThan(3);
    expect(tLast).toBeLessThan(10);
    expect(Math.abs(sol.y[sol.y.length - 1][0] - Math.exp(-tLast))).toBeLessThan(1e-6);
  });

  it("an exception thrown by the rhs becomes a failed run with the partial result", () => {
    const sol = solve({ rhs: (t, y, f) => { if (t > 2) throw new Error("table lookup out of range"); f[0] = -y[0]; }, y0: [1], tspan: [0, 5] });
    expect(sol.status).toBe("failed");
    expect((sol.error as OdeSolveError).code).toBe("E_CALLBACK");
    expect(sol.error!.message).toContain("table lookup out of range");
    expectPartialIsCorrect(sol);
  });
});
