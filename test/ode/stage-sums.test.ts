/**
 * The generated Rosenbrock stage sums (src/ode/stage-sums.ts) compute exactly the left-to-right
 * sums a plain loop computes — bit for bit, for any coefficients, step and stage values — so
 * swapping them in cannot change a single solution value.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { rosenbrockSums } from "../../src/ode/stage-sums.ts";
import { RODAS5P } from "../../src/ode/tableaus.ts";

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });

/** Plain-loop reference: base[i] + c_0 k_0[i] + c_1 k_1[i] + …, summed left to right. */
function reference(base: Float64Array, coef: readonly number[], k: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = base[i];
    for (let j = 0; j < coef.length; j++) s += coef[j] * k[j * n + i];
    out[i] = s;
  }
  return out;
}

/** The raw bytes, so -0 vs +0 or any last-bit difference fails the comparison. */
const bits = (a: Float64Array) => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

describe("generated Rosenbrock stage sums", () => {
  it("Rodas5P point and slope sums equal the plain loop bit for bit", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((n) =>
          fc.record({
            n: fc.constant(n),
            y: fc.array(finite, { minLength: n, maxLength: n }),
            k: fc.array(finite, { minLength: 8 * n, maxLength: 8 * n }),
            h: fc.double({ min: 1e-9, max: 1e4, noNaN: true }),
          })),
        ({ n, y, k, h }) => {
          const sums = rosenbrockSums(RODAS5P.a, RODAS5P.C, n);
          const yv = Float64Array.from(y);
          const invH = 1 / h;
          for (let s = 1; s < RODAS5P.a.length; s++) {
            const u = new Float64Array(n);
            sums.point[s]!(u, yv, Float64Array.from(k));
            expect(bits(u)).toEqual(bits(reference(yv, RODAS5P.a[s], Float64Array.from(k), n)));
          }
          for (let s = 1; s < RODAS5P.C.length; s++) {
            const kv = Float64Array.from(k);
            sums.slope[s]!(kv, yv, invH);
            const want = reference(yv, RODAS5P.C[s].map((c) => c * invH), Float64Array.from(k), n);
            expect(bits(kv.subarray(s * n, (s + 1) * n))).toEqual(bits(want));
            // Earlier stages are read, never written.
            expect(kv.subarray(0, s * n)).toEqual(Float64Array.from(k).subarray(0, s * n));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("reuses the compiled functions for the same method and state count", () => {
    const a = rosenbrockSums(RODAS5P.a, RODAS5P.C, 7);
    const b = rosenbrockSums(RODAS5P.a, RODAS5P.C, 7);
    const c = rosenbrockSums(RODAS5P.a, RODAS5P.C, 8);
    expect(b.slope[3]).toBe(a.slope[3]);
    expect(c.slope[3]).not.toBe(a.slope[3]);
  });

  it("rejects a table whose C row does not match its stage", () => {
    expect(() => rosenbrockSums([[], [1]], [[], [1, 2]], 3)).toThrow(RangeError);
  });
});
