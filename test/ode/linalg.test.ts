import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { luFactor, luSolve } from "../../src/ode/index.ts";

describe("dense LU with partial pivoting", () => {
  it("solves A x = b for random well-conditioned matrices (diagonally dominant, shuffled rows)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }).chain((n) =>
          fc.record({
            n: fc.constant(n),
            a: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n * n, maxLength: n * n }),
            x: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n, maxLength: n }),
            perm: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
          }),
        ),
        ({ n, a, x, perm }) => {
          // Row-permuted diagonally dominant matrix: pivoting is required to factor it stably.
          const A = new Float64Array(n * n);
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) A[perm[i] * n + j] = a[i * n + j] + (i === j ? n + 1 : 0);
          }
          const b = new Float64Array(n);
          for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) b[i] += A[i * n + j] * x[j];
          const piv = new Int32Array(n);
          expect(luFactor(A, n, piv)).toBe(0);
          luSolve(A, n, piv, b);
          for (let i = 0; i < n; i++) expect(Math.abs(b[i] - x[i])).toBeLessThan(1e-10 * (1 + Math.abs(x[i])));
        },
      ),
      { numRuns: 200, seed: 1 },
    );
  });
  it("reports the column of a zero pivot (index + 1) for a singular matrix", () => {
    // Row 0 is half of row 1: elimination leaves nothing to pivot on in the last column.
    const A = Float64Array.from([1, 2, 3, 2, 4, 6, 1, 0, 1]);
    expect(luFactor(A, 3, new Int32Array(3))).toBe(3);
    expect(luFactor(new Float64Array(4), 2, new Int32Array(2))).toBe(1);
  });
  it("solves a vector stored at an offset inside a larger buffer", () => {
    const A = Float64Array.from([0, 2, 3, 1]); // needs a row swap
    const piv = new Int32Array(2);
    luFactor(A, 2, piv);
    const buf = Float64Array.from([9, 9, 4, 5, 9]); // solve [0 2; 3 1] x = [4, 5]
    luSolve(A, 2, piv, buf, 2);
    expect(buf[2]).toBeCloseTo(1, 14);
    expect(buf[3]).toBeCloseTo(2, 14);
    expect(buf[0]).toBe(9);
    expect(buf[4]).toBe(9);
  });
});
