/**
 * Sobol low-discrepancy sequence (Sobol' 1967, USSR Comput. Math. Math. Phys. 7(4):86-112,
 * doi:10.1016/0041-5553(67)90144-9) with Joe–Kuo direction numbers, in Gray-code order
 * (Antonov & Saleev 1979). Point n is computed directly from n, so any point of a sweep is a pure
 * function of its index. Unscrambled: point 0 is the origin, as in SciPy's `qmc.Sobol(scramble=False)`.
 */
import { InputError } from "../errors.ts";
import { JOE_KUO_DIRECTIONS } from "./sobol-directions.ts";

const BITS = 32;
const SCALE = 4294967296; // 2^32

/** Largest dimension the bundled direction numbers support. */
export const SOBOL_MAX_DIMENSION = JOE_KUO_DIRECTIONS.length + 1;

/** A Sobol sequence of fixed dimension: `point(n, out)` fills `out` with point n in [0, 1)^d. */
export interface SobolSequence {
  readonly dimension: number;
  point(n: number, out?: Float64Array): Float64Array;
}

/** Builds the 32 direction integers v_1..v_32 of every dimension up to `dimension`. */
function directionIntegers(dimension: number): Uint32Array[] {
  const dirs: Uint32Array[] = [];
  const first = new Uint32Array(BITS);
  for (let k = 0; k < BITS; k++) first[k] = (1 << (BITS - 1 - k)) >>> 0;
  dirs.push(first);
  for (let j = 1; j < dimension; j++) {
    const [s, a, m] = JOE_KUO_DIRECTIONS[j - 1];
    const v = new Uint32Array(BITS);
    for (let k = 0; k < s && k < BITS; k++) v[k] = (m[k] << (BITS - 1 - k)) >>> 0;
    for (let k = s; k < BITS; k++) {
      // v_k = v_{k-s} xor (v_{k-s} >> s) xor sum_l a_l v_{k-l}  (Bratley & Fox 1988, eq. 2)
      let x = v[k - s] ^ (v[k - s] >>> s);
      for (let l = 1; l < s; l++) {
        if ((a >>> (s - 1 - l)) & 1) x ^= v[k - l];
      }
      v[k] = x >>> 0;
    }
    dirs.push(v);
  }
  return dirs;
}

/** Creates a Sobol sequence of `dimension` (1..64) dimensions. */
export function sobolSequence(dimension: number): SobolSequence {
  if (!Number.isInteger(dimension) || dimension < 1 || dimension > SOBOL_MAX_DIMENSION) {
    throw new InputError("sample.dimension", dimension, `an integer from 1 to ${SOBOL_MAX_DIMENSION}`);
  }
  const dirs = directionIntegers(dimension);
  return {
    dimension,
    point(n: number, out = new Float64Array(dimension)): Float64Array {
      if (!Number.isInteger(n) || n < 0 || n >= SCALE) {
        throw new InputError("sobol.index", n, "an integer in [0, 2^32)");
      }
      const gray = (n ^ (n >>> 1)) >>> 0;
      for (let j = 0; j < dimension; j++) {
        const v = dirs[j];
        let x = 0;
        for (let k = 0, g = gray; g !== 0; k++, g >>>= 1) {
          if (g & 1) x ^= v[k];
        }
        out[j] = (x >>> 0) / SCALE;
      }
      return out;
    },
  };
}
