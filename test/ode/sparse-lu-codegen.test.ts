/**
 * The straight-line load/factor/solve generated for a fixed pattern (src/ode/sparse-lu-codegen.ts)
 * does exactly what the loop forms do: the same factor values bit for bit, the same solves, the
 * same threshold verdict; and patterns too large to generate fall back to the loops.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SparseLu } from "../../src/ode/sparse-lu.ts";
import { MAX_GENERATED_ENTRIES } from "../../src/ode/sparse-lu-codegen.ts";
import { luFactor, luSolve } from "../../src/ode/index.ts";

function patternOf(J: Float64Array, n: number): { rows: number[]; cols: number[] } {
  const rows: number[] = [];
  const cols: number[] = [];
  for (let q = 0; q < n * n; q++) if (J[q] !== 0) { rows.push(Math.floor(q / n)); cols.push(q % n); }
  return { rows, cols };
}

const randomSystem = fc.integer({ min: 1, max: 30 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    mask: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n * n, maxLength: n * n }),
    vals: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n * n, maxLength: n * n }),
    density: fc.double({ min: 0.02, max: 0.5, noNaN: true }),
    c: fc.double({ min: 0.01, max: 20, noNaN: true }),
    b: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n, maxLength: n }),
  }),
);

describe("straight-line sparse LU", () => {
  it("factors and solves bit-identically to the loop forms, and agrees on threshold failures", () => {
    fc.assert(
      fc.property(randomSystem, ({ n, mask, vals, density, c, b }) => {
        const J = new Float64Array(n * n);
        for (let q = 0; q < n * n; q++) if (mask[q] < density) J[q] = vals[q] || 0.5;
        const pattern = patternOf(J, n);
        const generated = new SparseLu(n, pattern);
        const loops = new SparseLu(n, pattern, { straightLine: false });
        // Load twice with different shifts: the generated load must clear the fill-in each time.
        for (const shift of [c * 3, c]) {
          generated.loadShiftedNegative(J, shift);
          loops.loadShiftedNegative(J, shift);
          const ok = generated.factor();
          expect(loops.factor()).toBe(ok);
          if (!ok) continue;
          const xg = Float64Array.from(b);
          const xl = Float64Array.from([0, ...b]);
          generated.solve(xg);
          loops.solve(xl, 1);
          for (let i = 0; i < n; i++) expect(Object.is(xg[i], xl[i + 1]) || xg[i] === xl[i + 1]).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it(`a pattern beyond ${MAX_GENERATED_ENTRIES} entries uses the loops and still solves like dense LU`, () => {
    const n = 160; // dense pattern: 25 600 entries
    const J = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) J[i * n + j] = Math.sin(1 + i * 7 + j * 13) / n;
    const lu = new SparseLu(n, patternOf(J, n));
    expect(lu.nnz).toBeGreaterThan(MAX_GENERATED_ENTRIES);
    lu.loadShiftedNegative(J, 2);
    expect(lu.factor()).toBe(true);
    const b = Float64Array.from({ length: n }, (_, i) => Math.cos(i));
    const xs = Float64Array.from(b);
    lu.solve(xs);
    const W = new Float64Array(n * n);
    for (let q = 0; q < n * n; q++) W[q] = -J[q];
    for (let i = 0; i < n; i++) W[i * n + i] += 2;
    const piv = new Int32Array(n);
    expect(luFactor(W, n, piv)).toBe(0);
    luSolve(W, n, piv, b);
    for (let i = 0; i < n; i++) expect(Math.abs(xs[i] - b[i])).toBeLessThan(1e-12 * (1 + Math.abs(b[i])));
  });
});
