import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { luFactor, luSolve } from "../../src/ode/index.ts";
import { luNonzeros, luNonzerosFor, luSolveNonzeros } from "../../src/ode/linalg.ts";

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

describe("dense LU solves that skip the factors' zeros", () => {
  it("give luSolve's result (zeros compared without their sign) for random sparse matrices", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 14 }).chain((n) =>
          fc.record({
            n: fc.constant(n),
            a: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n * n, maxLength: n * n }),
            keep: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n * n, maxLength: n * n }),
            b: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 2 * n, maxLength: 2 * n }),
          }),
        ),
        ({ n, a, keep, b }) => {
          const A = new Float64Array(n * n);
          for (let q = 0; q < n * n; q++) if (keep[q] < 0.25) A[q] = a[q];
          for (let i = 0; i < n; i++) A[i * n + i] += 2; // nonsingular
          const piv = new Int32Array(n);
          expect(luFactor(A, n, piv)).toBe(0);
          const nz = luNonzerosFor(n);
          luNonzeros(A, n, nz);
          const want = Float64Array.from(b);
          const got = Float64Array.from(b);
          luSolve(A, n, piv, want, n);
          luSolveNonzeros(A, n, piv, nz, got, n);
          // Bit for bit, except that an exact zero may differ in sign (a skipped −0 − (−0)).
          for (let i = 0; i < 2 * n; i++) expect(got[i] === want[i]).toBe(true);
          for (let i = 0; i < 2 * n; i++) if (want[i] !== 0) expect(Object.is(got[i], want[i])).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("lists exactly the off-diagonal nonzeros of each factor row", () => {
    const n = 3;
    // Upper triangular already: L is empty, U has (0,2) only.
    const A = Float64Array.from([2, 0, 1, 0, 3, 0, 0, 0, 4]);
    const piv = new Int32Array(n);
    luFactor(A, n, piv);
    const nz = luNonzerosFor(n);
    luNonzeros(A, n, nz);
    expect(Array.from(nz.lo)).toEqual([0, 1, 1, 1]);
    expect(Array.from(nz.mid)).toEqual([0, 1, 1]);
    expect(nz.cols[0]).toBe(2);
  });
});
