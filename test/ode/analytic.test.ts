import { describe, expect, it } from "vitest";
import { expm, matrix, multiply } from "mathjs";
import { solve, type OdeProblem } from "../../src/ode/index.ts";
import { fixedStepSolve, riccatiExact, worstDenseError } from "./fixtures/fixed-step.ts";

const METHODS = ["dopri5", "rodas5p", "auto"] as const;

function last(sol: { y: Float64Array[] }): Float64Array {
  return sol.y[sol.y.length - 1];
}

/** Exact y(t) = expm(A t) y0 for a linear system. */
function expmSolution(A: number[][], y0: number[], t: number): number[] {
  const E = expm(matrix(A.map((r) => r.map((v) => v * t))));
  return (multiply(E, matrix(y0)) as unknown as { toArray(): number[] }).toArray();
}

function linearProblem(A: number[][], y0: number[], t1: number): OdeProblem {
  const n = y0.length;
  return {
    rhs(_t, y, f) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += A[i][j] * y[j];
        f[i] = s;
      }
    },
    y0,
    tspan: [0, t1],
  };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe("linear systems match the matrix exponential", () => {
  // A rotating, decaying system and a stiff one (eigenvalues −1 and −1000).
  const oscillating = [[-0.1, 2, 0], [-2, -0.1, 0], [0, 0, -0.5]];
  const stiff = [[-500.5, 499.5], [499.5, -500.5]];
  for (const method of METHODS) {
    it(`${method}: error shrinks as rtol tightens and stays near the tolerance`, () => {
      const y0 = [1, 0.5, -1];
      const exact = expmSolution(oscillating, y0, 5);
      const errs = [1e-4, 1e-7, 1e-10].map((rtol) => {
        const sol = solve(linearProblem(oscillating, y0, 5), { method, rtol, atol: rtol });
        expect(sol.status).toBe("success");
        return maxAbsDiff(last(sol), exact);
      });
      expect(errs[0]).toBeLessThan(1e-2);
      expect(errs[1]).toBeLessThan(errs[0] / 10);
      expect(errs[2]).toBeLessThan(errs[1] / 10);
      expect(errs[2]).toBeLessThan(1e-7);
    });
  }
  it("rodas5p and auto solve a stiff linear system (λ = −1, −1000) in few steps", () => {
    const y0 = [1, 0];
    const exact = expmSolution(stiff, y0, 10);
    for (const method of ["rodas5p", "auto"] as const) {
      const sol = solve(linearProblem(stiff, y0, 10), { method, rtol: 1e-8, atol: 1e-10 });
      expect(maxAbsDiff(last(sol), exact)).toBeLessThan(1e-7);
      expect(sol.stats.acceptedSteps).toBeLessThan(400);
    }
  });
});

describe("logistic growth and the harmonic oscillator", () => {
  const r = 0.8, K = 10, p0 = 0.1;
  const logistic: OdeProblem = {
    rhs: (_t, y, f) => { f[0] = r * y[0] * (1 - y[0] / K); },
    y0: [p0],
    tspan: [0, 15],
  };
  const logisticExact = (t: number) => K / (1 + (K / p0 - 1) * Math.exp(-r * t));
  for (const method of METHODS) {
    it(`${method}: logistic curve to 1e-7 relative at every saved step`, () => {
      const sol = solve(logistic, { method, rtol: 1e-9, atol: 1e-12 });
      for (let k = 0; k < sol.t.length; k++) {
        const ex = logisticExact(sol.t[k]);
        expect(Math.abs(sol.y[k][0] - ex) / ex).toBeLessThan(1e-7);
      }
    });
    it(`${method}: harmonic oscillator keeps phase and amplitude over 10 periods`, () => {
      const w = 2;
      const sol = solve(
        { rhs: (_t, y, f) => { f[0] = y[1]; f[1] = -w * w * y[0]; }, y0: [1, 0], tspan: [0, 10 * Math.PI] },
        { method, rtol: 1e-10, atol: 1e-12 },
      );
      const y = last(sol);
      expect(Math.abs(y[0] - Math.cos(w * 10 * Math.PI))).toBeLessThan(1e-7);
      expect(Math.abs(y[1] + w * Math.sin(w * 10 * Math.PI))).toBeLessThan(1e-7);
    });
  }
});

describe("order of convergence with fixed steps", () => {
  // fixtures/fixed-step.ts: y' = −2 t y², y = 1/(1 + t²); every step accepted at size h.
  const fixedStepError = (method: string, h: number) => Math.abs(last(fixedStepSolve(method, h))[0] - riccatiExact(2));
  for (const method of ["dopri5", "rodas5p"] as const) {
    it(`${method}: the dense output between fixed steps converges with order ≥ 4`, () => {
      const order = Math.log2(worstDenseError(method, 0.1) / worstDenseError(method, 0.05));
      expect(order).toBeGreaterThan(4);
      expect(order).toBeLessThan(6);
    });
    it(`${method}: halving h divides the error by about 2^5`, () => {
      const e1 = fixedStepError(method, 0.2);
      const e2 = fixedStepError(method, 0.1);
      const e3 = fixedStepError(method, 0.05);
      const p1 = Math.log2(e1 / e2);
      const p2 = Math.log2(e2 / e3);
      expect(p2).toBeGreaterThan(4.5);
      expect(p2).toBeLessThan(5.7);
      expect(p1).toBeGreaterThan(4.0);
    });
  }
});

describe("dense output", () => {
  for (const method of METHODS) {
    it(`${method}: sol(t) between steps is as accurate as the steps`, () => {
      const sol = solve(
        { rhs: (t, y, f) => { f[0] = -y[0] + Math.sin(t); }, y0: [1], tspan: [0, 6] },
        { method, rtol: 1e-9, atol: 1e-12, dense: true },
      );
      const exact = (t: number) => 1.5 * Math.exp(-t) + 0.5 * (Math.sin(t) - Math.cos(t));
      let worst = 0;
      for (let k = 0; k <= 600; k++) {
        const t = (6 * k) / 600;
        worst = Math.max(worst, Math.abs(sol.sol!(t)[0] - exact(t)));
      }
      expect(worst).toBeLessThan(1e-7);
      expect(() => sol.sol!(6.5)).toThrow(RangeError);
    });
  }
});
