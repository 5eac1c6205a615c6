/**
 * Sparse LU with a static pivot order (src/ode/sparse-lu.ts) against dense LU with partial
 * pivoting on random patterns; its fill-in on a pattern with a known fill-free order; its
 * threshold fallback; and `problem.jacobianSparsity` end to end in the Rosenbrock solver.
 */
import { describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { luFactor, luSolve, solve } from "../../src/ode/index.ts";
import { SparseLu } from "../../src/ode/sparse-lu.ts";
import { InputError } from "../../src/errors.ts";
import { HIRES, scd } from "./fixtures/testset.ts";

/** Pattern (rows, cols) of the nonzeros of a dense row-major matrix. */
function patternOf(J: Float64Array, n: number): { rows: number[]; cols: number[] } {
  const rows: number[] = [];
  const cols: number[] = [];
  for (let q = 0; q < n * n; q++) if (J[q] !== 0) { rows.push(Math.floor(q / n)); cols.push(q % n); }
  return { rows, cols };
}

describe("sparse LU with a fixed pivot order", () => {
  it("solves (c·I − J) x = b like dense partial-pivoting LU on random sparse patterns", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 24 }).chain((n) =>
          fc.record({
            n: fc.constant(n),
            mask: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n * n, maxLength: n * n }),
            vals: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n * n, maxLength: n * n }),
            density: fc.double({ min: 0.02, max: 0.6, noNaN: true }),
            b: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n, maxLength: n }),
          }),
        ),
        ({ n, mask, vals, density, b }) => {
          const J = new Float64Array(n * n);
          for (let q = 0; q < n * n; q++) if (mask[q] < density) J[q] = vals[q] || 0.5;
          // c above every column sum of |J|: W is column diagonally dominant, so no pivot fails.
          let c = 1;
          for (let j = 0; j < n; j++) {
            let s = 0;
            for (let i = 0; i < n; i++) s += Math.abs(J[i * n + j]);
            c = Math.max(c, 1.01 * s);
          }
          const lu = new SparseLu(n, patternOf(J, n));
          lu.loadShiftedNegative(J, c);
          expect(lu.factor()).toBe(true);
          const xs = Float64Array.from(b);
          lu.solve(xs);
          const W = new Float64Array(n * n);
          for (let q = 0; q < n * n; q++) W[q] = -J[q];
          for (let i = 0; i < n; i++) W[i * n + i] += c;
          const piv = new Int32Array(n);
          expect(luFactor(W, n, piv)).toBe(0);
          const xd = Float64Array.from(b);
          luSolve(W, n, piv, xd);
          for (let i = 0; i < n; i++) expect(Math.abs(xs[i] - xd[i])).toBeLessThan(1e-11 * (1 + Math.abs(xd[i])));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("orders an arrow pattern hub-last: no fill-in (3n − 2 nonzeros), whatever index the hub has", () => {
    // (With two nodes left, hub and leaf tie: either order is fill-free.)
    const n = 30;
    for (const hub of [0, 17, n - 1]) {
      const rows: number[] = [];
      const cols: number[] = [];
      for (let i = 0; i < n; i++) if (i !== hub) rows.push(hub, i), cols.push(i, hub);
      const lu = new SparseLu(n, { rows, cols });
      expect(lu.nnz).toBe(3 * n - 2);
      expect(Array.from(lu.perm.slice(n - 2))).toContain(hub);
    }
  });

  it("reports failure (so the caller pivots densely) when a pivot is below the threshold", () => {
    // [[ε, 1], [1, 1]] needs a row exchange: the static diagonal order must refuse it.
    const lu = new SparseLu(2, { rows: [0, 1, 1], cols: [1, 0, 1] });
    lu.loadShiftedNegative(Float64Array.from([0, -1, -1, -1]), 1e-6);
    expect(lu.factor()).toBe(false);
    lu.loadShiftedNegative(Float64Array.from([0, -1, -1, -1]), 1);
    expect(lu.factor()).toBe(true);
  });
});

describe("problem.jacobianSparsity in the solver", () => {
  it("HIRES with its sparsity pattern: the same steps and the same answer as dense LU", () => {
    const n = HIRES.problem.y0.length;
    const J = new Float64Array(n * n);
    const Jsum = new Float64Array(n * n);
    // Structural pattern: union of nonzeros at the start and at a perturbed state.
    for (const scale of [1, 0.37]) {
      const y = Float64Array.from(HIRES.problem.y0, (v, i) => v * scale + 0.01 * (i + 1));
      HIRES.problem.jacobian!(0, y, J);
      for (let q = 0; q < n * n; q++) Jsum[q] += Math.abs(J[q]);
    }
    const pattern = patternOf(Jsum, n);
    expect(pattern.rows.length).toBeLessThan(n * n / 2);
    const opts = { method: "rodas5p", rtol: 1e-6, atol: HIRES.atolFor(1e-6) };
    const dense = solve(HIRES.problem, opts);
    const sparse = solve({ ...HIRES.problem, jacobianSparsity: pattern }, opts);
    expect(sparse.status).toBe("success");
    expect(sparse.stats.acceptedSteps).toBe(dense.stats.acceptedSteps);
    const yd = dense.y[dense.y.length - 1];
    const ys = sparse.y[sparse.y.length - 1];
    for (let i = 0; i < n; i++) expect(Math.abs(ys[i] - yd[i])).toBeLessThanOrEqual(1e-9 * Math.abs(yd[i]) + 1e-15);
    expect(scd(ys, HIRES.reference)).toBeGreaterThanOrEqual(5.0);
  });

  it("falls back to pivoting when the diagonal is too small: harmonic oscillator with long steps", () => {
    // y'' = −y as a first-order system has a zero diagonal: W = I/(hγ) − J needs a row exchange once h·γ > 10.
    const problem = {
      rhs: (_t: number, y: Float64Array, d: Float64Array) => { d[0] = y[1]; d[1] = -y[0]; },
      jacobian: (_t: number, _y: Float64Array, J: Float64Array) => { J[0] = 0; J[1] = 1; J[2] = -1; J[3] = 0; },
      y0: [1, 0],
      tspan: [0, 50] as const,
      jacobianSparsity: { rows: [0, 1], cols: [1, 0] },
    };
    const factor = vi.spyOn(SparseLu.prototype, "factor");
    const sol = solve(problem, { method: "rodas5p", rtol: 1e-3, atol: 1e-3, h0: 200 });
    const outcomes = factor.mock.results.map((r) => r.value);
    factor.mockRestore();
    expect(outcomes).toContain(false);
    expect(outcomes).toContain(true);
    expect(sol.status).toBe("success");
    const y = sol.y[sol.y.length - 1];
    expect(Math.abs(y[0] - Math.cos(50))).toBeLessThan(0.05);
    expect(Math.abs(y[1] + Math.sin(50))).toBeLessThan(0.05);
  });

  it("rejects a pattern with an index out of range, and an analytic Jacobian writing outside it", () => {
    const base = {
      rhs: (_t: number, y: Float64Array, d: Float64Array) => { d[0] = -y[0] + y[1]; d[1] = -2 * y[1]; },
      jacobian: (_t: number, _y: Float64Array, J: Float64Array) => { J[0] = -1; J[1] = 1; J[2] = 0; J[3] = -2; },
      y0: [1, 1],
      tspan: [0, 1] as const,
    };
    const bad = (jacobianSparsity: { rows: number[]; cols: number[] }) => () => solve({ ...base, jacobianSparsity }, { method: "rodas5p" });
    expect(bad({ rows: [0, 2], cols: [1, 0] })).toThrow(/problem\.jacobianSparsity\.rows\[1\]/);
    expect(bad({ rows: [0], cols: [1, 0] })).toThrow(InputError);
    // (0, 1) is written by the Jacobian but missing from the pattern.
    expect(bad({ rows: [1], cols: [1] })).toThrow(/problem\.jacobianSparsity[\s\S]*\(0, 1\)/);
    expect(solve({ ...base, jacobianSparsity: { rows: [0], cols: [1] } }, { method: "rodas5p" }).status).toBe("success");
  });
});
