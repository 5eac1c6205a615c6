/**
 * Trial power: Welch's two-sample t test (Welch 1947, Biometrika 34:28-35,
 * doi:10.1093/biomet/34.1-2.28), Monte-Carlo power over simulated trials, and analytic power from
 * the noncentral t distribution to check it against.
 */
import { InputError } from "../errors.ts";
import { validateSeed, xoshiro128ss, type RandomSource } from "../sweep/prng.ts";
import { noncentralTCdf, normalQuantile, studentTCdf, studentTQuantile } from "./special.ts";

/** Result of a two-sided Welch t test. */
export interface WelchResult {
  t: number;
  df: number;
  pValue: number;
  meanDifference: number;
}

function meanVar(x: ArrayLike<number>): [number, number] {
  let m = 0;
  for (let i = 0; i < x.length; i++) m += x[i];
  m /= x.length;
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += (x[i] - m) ** 2;
  return [m, ss / (x.length - 1)];
}

/** Two-sided Welch t test of mean(a) − mean(b) = 0 (unequal variances, Welch–Satterthwaite df). */
export function welchTTest(a: ArrayLike<number>, b: ArrayLike<number>): WelchResult {
  if (a.length < 2 || b.length < 2) throw new InputError("samples", [a.length, b.length], "at least 2 values in each arm");
  const [ma, va] = meanVar(a);
  const [mb, vb] = meanVar(b);
  const sa = va / a.length;
  const sb = vb / b.length;
  const se2 = sa + sb;
  const t = (ma - mb) / Math.sqrt(se2);
  const df = (se2 * se2) / ((sa * sa) / (a.length - 1) + (sb * sb) / (b.length - 1));
  const pValue = se2 === 0 ? (ma === mb ? 1 : 0) : 2 * studentTCdf(-Math.abs(t), df);
  return { t, df, pValue, meanDifference: ma - mb };
}

/** Inputs of the analytic power of a two-sided Welch test (population means, SDs, arm sizes). */
export interface AnalyticPowerInput {
  meanDifference: number;
  sdA: number;
  sdB: number;
  nA: number;
  nB: number;
  /** Default 0.05. */
  alpha?: number;
}

/** Power of the two-sided Welch test from the noncentral t with Welch–Satterthwaite df at the true SDs. */
export function analyticWelchPower(p: AnalyticPowerInput): number {
  const alpha = p.alpha ?? 0.05;
  const sa = p.sdA ** 2 / p.nA;
  const sb = p.sdB ** 2 / p.nB;
  const df = (sa + sb) ** 2 / (sa ** 2 / (p.nA - 1) + sb ** 2 / (p.nB - 1));
  const delta = p.meanDifference / Math.sqrt(sa + sb);
  const tc = studentTQuantile(1 - alpha / 2, df);
  return 1 - noncentralTCdf(tc, df, delta) + noncentralTCdf(-tc, df, delta);
}

/** Options of `simulatePower`. */
export interface PowerSimulationOptions {
  /** Draws one participant's outcome in `arm` (0 or 1) from `random`. */
  sampleOutcome: (arm: number, random: RandomSource) => number;
  /** Participants per arm: one number for both, or [nA, nB]. */
  nPerArm: number | [number, number];
  /** Simulated trials. Default 2000. */
  replicates?: number;
  /** Two-sided significance level. Default 0.05. */
  alpha?: number;
  seed: number;
}

/** Monte-Carlo power with its standard error and a 95 % Wilson interval. */
export interface PowerEstimate {
  power: number;
  standardError: number;
  ci95: [number, number];
  replicates: number;
  rejections: number;
}

/** Estimates the power of a two-arm trial by simulating it `replicates` times and Welch-testing each. */
export function simulatePower(o: PowerSimulationOptions): PowerEstimate {
  const [nA, nB] = typeof o.nPerArm === "number" ? [o.nPerArm, o.nPerArm] : o.nPerArm;
  for (const [k, n] of [["nPerArm[0]", nA], ["nPerArm[1]", nB]] as const) {
    if (!Number.isInteger(n) || n < 2) throw new InputError(k, n, "an integer ≥ 2 participants per arm");
  }
  const replicates = o.replicates ?? 2000;
  if (!Number.isInteger(replicates) || replicates < 1) throw new InputError("replicates", replicates, "a positive integer");
  const alpha = o.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new InputError("alpha", alpha, "a level between 0 and 1");
  const random = xoshiro128ss(validateSeed(o.seed));
  const a = new Float64Array(nA);
  const b = new Float64Array(nB);
  let rejections = 0;
  for (let r = 0; r < replicates; r++) {
    for (let i = 0; i < nA; i++) a[i] = o.sampleOutcome(0, random);
    for (let i = 0; i < nB; i++) b[i] = o.sampleOutcome(1, random);
    if (welchTTest(a, b).pValue < alpha) rejections++;
  }
  return powerEstimate(rejections, replicates);
}

/** Power from resampling simulated outcome populations (e.g. a virtual cohort per protocol), with replacement. */
export function powerFromPopulations(
  populationA: ArrayLike<number>, populationB: ArrayLike<number>,
  options: Omit<PowerSimulationOptions, "sampleOutcome">,
): PowerEstimate {
  if (populationA.length === 0 || populationB.length === 0) throw new InputError("population", 0, "non-empty outcome populations");
  const pops = [populationA, populationB];
  return simulatePower({ ...options, sampleOutcome: (arm, random) => pops[arm][Math.floor(random() * pops[arm].length)] });
}

function powerEstimate(rejections: number, n: number): PowerEstimate {
  const p = rejections / n;
  const z = normalQuantile(0.975);
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return { power: p, standardError: Math.sqrt((p * (1 - p)) / n), ci95: [centre - half, centre + half], replicates: n, rejections };
}

/** Smallest n per arm (equal arms) whose analytic Welch power reaches `target` (default 0.8); searches up to maxN. */
export function sampleSizeForPower(p: Omit<AnalyticPowerInput, "nA" | "nB"> & { target?: number; maxN?: number }): number | null {
  const target = p.target ?? 0.8;
  for (let n = 2; n <= (p.maxN ?? 10000); n++) {
    if (analyticWelchPower({ ...p, nA: n, nB: n }) >= target) return n;
  }
  return null;
}
