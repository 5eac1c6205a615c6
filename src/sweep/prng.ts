/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna 2018, "Scrambled linear
 * pseudorandom number generators", ACM TOMS 47(4):36, doi:10.1145/3460772), seeded through
 * splitmix32 so that any integer seed and stream number give a well-mixed 128-bit state.
 *
 * Used in the d3 `randomLcg` style: a generator is a plain `() => number` in [0, 1).
 */
import { InputError } from "../errors.ts";

/** A source of uniform numbers in [0, 1), as d3's `random*.source()` expects. */
export type RandomSource = () => number;

const TWO_POW_32 = 4294967296;

/** Checks that `seed` is a non-negative safe integer; `field` names it in the error. */
export function validateSeed(seed: unknown, field = "seed"): number {
  if (typeof seed !== "number" || !Number.isSafeInteger(seed) || seed < 0) {
    throw new InputError(field, seed, "a non-negative integer (at most 2^53 - 1)");
  }
  return seed;
}

/** splitmix32 finaliser: a bijective 32-bit mix (used for seeding and counter hashing). */
export function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Counter-based uniform in (0, 1): a pure function of (seed, stream, counter), so point i of a
 * sample never depends on how many numbers were drawn before it.
 */
export function hashUniform(seed: number, stream: number, counter: number): number {
  const lo = seed % TWO_POW_32;
  const hi = Math.floor(seed / TWO_POW_32);
  let h = mix32(lo ^ mix32(hi ^ mix32(stream ^ mix32(counter))));
  h = mix32(h ^ counter);
  return (h + 0.5) / TWO_POW_32;
}

/** xoshiro128** generator seeded by (seed, stream); returns doubles in [0, 1) with 53 random bits. */
export function xoshiro128ss(seed: number, stream = 0): RandomSource {
  validateSeed(seed);
  const lo = seed % TWO_POW_32;
  const hi = Math.floor(seed / TWO_POW_32);
  const s = new Uint32Array(4);
  let z = mix32(lo) ^ mix32(hi + 0x6a09e667) ^ mix32(stream + 0x3c6ef372);
  for (let k = 0; k < 4; k++) {
    z = mix32(z + k);
    s[k] = z;
  }
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1; // the all-zero state is a fixed point
  const next32 = (): number => {
    const s1 = s[1];
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return r;
  };
  return () => {
    const a = next32() >>> 5; // 27 bits
    const b = next32() >>> 6; // 26 bits
    return (a * 67108864 + b) / 9007199254740992;
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Standard normal deviate from a uniform source (Box–Muller; one of the pair is discarded). */
export function normalDeviate(random: RandomSource): number {
  let u = 0;
  while (u === 0) u = random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Uniform integer in [0, n) from a uniform source. */
export function randomInt(random: RandomSource, n: number): number {
  return Math.floor(random() * n);
}
