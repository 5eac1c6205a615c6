/**
 * Latin hypercube sampling (McKay, Beckman & Conover 1979, Technometrics 21(2):239-245,
 * doi:10.1080/00401706.1979.10489755): each of the n strata of every dimension holds exactly one
 * point. Permutations come from a seeded Fisher–Yates shuffle per dimension and the position
 * inside a stratum from a counter-based hash, so point i is a pure function of (n, seed, i).
 */
import { InputError } from "../errors.ts";
import { hashUniform, validateSeed, xoshiro128ss } from "./prng.ts";

/** A Latin hypercube of n points in [0, 1)^d; `point(i, out)` fills `out` with point i. */
export interface LatinHypercube {
  readonly size: number;
  readonly dimension: number;
  point(i: number, out?: Float64Array): Float64Array;
}

/** Creates an n-point, d-dimensional Latin hypercube from `seed` (memory: n 32-bit ints per dimension). */
export function latinHypercube(n: number, dimension: number, seed: number): LatinHypercube {
  if (!Number.isInteger(n) || n < 1) throw new InputError("sample.n", n, "a positive integer");
  if (n >= 4294967296) throw new InputError("sample.n", n, "fewer than 2^32 points");
  if (!Number.isInteger(dimension) || dimension < 1) {
    throw new InputError("sample.dimension", dimension, "a positive integer");
  }
  validateSeed(seed, "sample.seed");
  const perms: Uint32Array[] = [];
  for (let j = 0; j < dimension; j++) {
    const random = xoshiro128ss(seed, j + 1);
    const p = new Uint32Array(n);
    for (let k = 0; k < n; k++) p[k] = k;
    for (let k = n - 1; k > 0; k--) {
      const r = Math.floor(random() * (k + 1));
      const t = p[k];
      p[k] = p[r];
      p[r] = t;
    }
    perms.push(p);
  }
  return {
    size: n,
    dimension,
    point(i: number, out = new Float64Array(dimension)): Float64Array {
      if (!Number.isInteger(i) || i < 0 || i >= n) throw new InputError("lhs.index", i, `an integer in [0, ${n})`);
      for (let j = 0; j < dimension; j++) out[j] = (perms[j][i] + hashUniform(seed, 1000 + j, i)) / n;
      return out;
    },
  };
}
