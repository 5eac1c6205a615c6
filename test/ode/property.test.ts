import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { expm, matrix, multiply } from "mathjs";
import { solve } from "../../src/ode/index.ts";

/** A = −(B Bᵀ + 0.1 I) + (S − Sᵀ): symmetric part negative definite, so every solution decays. */
function stableMatrix(b: number[], s: number[], n: number): number[][] {
  const A: number[][] = [];
  for (let i = 0; i < n; i++) {
    A.push([]);
    for (let j = 0; j < n; j++) {
      let bbt = 0;
      for (let k = 0; k < n; k++) bbt += b[i * n + k] * b[j * n + k];
      A[i].push(-bbt - (i === j ? 0.1 : 0) + s[i * n + j] - s[j * n + i]);
    }
  }
  return A;
}

describe("random stable linear systems (fast-check)", () => {
  const n = 3;
  const coef = fc.double({ min: -3, max: 3, noNaN: true });
  const arb = fc.record({
    b: fc.array(coef, { minLength: n * n, maxLength: n * n }),
    s: fc.array(coef, { minLength: n * n, maxLength: n * n }),
    y0: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: n, maxLength: n }),
    t1: fc.double({ min: 0.2, max: 4, noNaN: true }),
    method: fc.constantFrom("dopri5", "rodas5p", "auto"),
  });
  it("every method matches expm(A t) y0 within a small multiple of the tolerance", () => {
    fc.assert(
      fc.property(arb, ({ b, s, y0, t1, method }) => {
        const A = stableMatrix(b, s, n);
        const sol = solve(
          {
            rhs: (_t, y, f) => {
              for (let i = 0; i < n; i++) f[i] = A[i][0] * y[0] + A[i][1] * y[1] + A[i][2] * y[2];
            },
            y0,
            tspan: [0, t1],
          },
          { method, rtol: 1e-8, atol: 1e-10 },
        );
        const exact = (multiply(expm(matrix(A.map((r) => r.map((v) => v * t1)))), matrix(y0)) as unknown as { toArray(): number[] }).toArray();
        const y = sol.y[sol.y.length - 1];
        const scale = Math.max(1, ...y0.map(Math.abs));
        for (let i = 0; i < n; i++) expect(Math.abs(y[i] - exact[i])).toBeLessThan(1e-5 * scale);
        // Decay: the norm never grows for a matrix with negative definite symmetric part.
        const norm = (v: ArrayLike<number>) => Math.hypot(...Array.from(v));
        expect(norm(y)).toBeLessThanOrEqual(norm(y0) * (1 + 1e-6) + 1e-9);
      }),
      { numRuns: 40, seed: 20261123 },
    );
  });
  it("solving twice gives bit-identical results (no hidden state between calls)", () => {
    fc.assert(
      fc.property(arb, ({ b, s, y0, t1, method }) => {
        const A = stableMatrix(b, s, n);
        const problem = {
          rhs: (_t: number, y: Float64Array, f: Float64Array) => {
            for (let i = 0; i < n; i++) f[i] = A[i][0] * y[0] + A[i][1] * y[1] + A[i][2] * y[2];
          },
          y0,
          tspan: [0, t1] as const,
        };
        const a = solve(problem, { method });
        const c = solve(problem, { method });
        expect(Array.from(c.t)).toEqual(Array.from(a.t));
        expect(c.y.map((v) => Array.from(v))).toEqual(a.y.map((v) => Array.from(v)));
      }),
      { numRuns: 15, seed: 7 },
    );
  });
  it("extra tstops and saveat never change a smooth solution beyond the tolerance", () => {
    const exact = (t: number) => [Math.cos(2 * t) * Math.exp(-0.1 * t), -Math.exp(-0.1 * t) * (2 * Math.sin(2 * t) + 0.1 * Math.cos(2 * t))];
    const problem = {
      rhs: (_t: number, y: Float64Array, f: Float64Array) => { f[0] = y[1]; f[1] = -4.01 * y[0] - 0.2 * y[1]; },
      y0: exact(0),
      tspan: [0, 6] as const,
    };
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 6, noNaN: true }), { maxLength: 12 }),
        fc.array(fc.double({ min: 0, max: 6, noNaN: true }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom("dopri5", "rodas5p", "auto"),
        (tstops, times, method) => {
          const saveat = [...times].sort((a, b) => a - b);
          const sol = solve({ ...problem, tstops }, { method, rtol: 1e-9, atol: 1e-11, saveat, dense: true });
          expect(sol.status).toBe("success");
          expect(Array.from(sol.t)).toEqual(saveat);
          sol.t.forEach((t, k) => {
            const ex = exact(t);
            expect(Math.abs(sol.y[k][0] - ex[0])).toBeLessThan(1e-7);
            expect(Math.abs(sol.y[k][1] - ex[1])).toBeLessThan(1e-7);
            const d = sol.sol!(t);
            expect(Math.abs(d[0] - sol.y[k][0])).toBeLessThan(1e-12);
          });
        },
      ),
      { numRuns: 40, seed: 11 },
    );
  });
});
