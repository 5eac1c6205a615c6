/**
 * Power curves of a simulated parallel-group trial: for each n per arm, participants are drawn
 * with replacement from two simulated outcome populations (e.g. a virtual cohort's IL-6 AUC under
 * 40 and 80 %AOP), each replicate trial is Welch-tested, and the rejection rate is the power. The
 * normal-theory power from the populations' means and SDs (noncentral t) is given alongside.
 */
import { InputError } from "../errors.ts";
import { analyticWelchPower, powerFromPopulations, sampleSizeForPower, type PowerEstimate } from "./power.ts";

/** Options of `powerCurve`. */
export interface PowerCurveOptions {
  /** Participants per arm to evaluate (each ≥ 2). */
  nPerArm: readonly number[];
  /** Simulated trials per n. Default 2000. */
  replicates?: number;
  /** Two-sided significance level. Default 0.05. */
  alpha?: number;
  /** Target power for the sample-size answer. Default 0.8. */
  target?: number;
  seed?: number;
}

/** The effect in the populations: means, SDs, difference and Cohen's d (pooled SD). */
export interface PopulationEffect {
  meanA: number;
  meanB: number;
  sdA: number;
  sdB: number;
  nA: number;
  nB: number;
  meanDifference: number;
  cohensD: number;
}

/** A power curve: Monte-Carlo and analytic power per n, and the smallest n reaching the target. */
export interface PowerCurve {
  effect: PopulationEffect;
  points: Array<{ nPerArm: number; simulated: PowerEstimate; analytic: number }>;
  /** Smallest listed n whose simulated power reaches the target (null if none). */
  smallestSimulatedN: number | null;
  /** Smallest n (any) whose analytic power reaches the target (null beyond 10 000). */
  analyticN: number | null;
  alpha: number;
  target: number;
}

function moments(x: readonly number[]): [number, number] {
  const m = x.reduce((a, b) => a + b, 0) / x.length;
  const sd = Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, x.length - 1));
  return [m, sd];
}

/** Population means, SDs and Cohen's d (B − A over the pooled SD). */
export function populationEffect(a: readonly number[], b: readonly number[]): PopulationEffect {
  if (a.length < 2 || b.length < 2) throw new InputError("population", Math.min(a.length, b.length), "at least 2 simulated members per arm");
  const [meanA, sdA] = moments(a);
  const [meanB, sdB] = moments(b);
  const pooled = Math.sqrt(((a.length - 1) * sdA ** 2 + (b.length - 1) * sdB ** 2) / (a.length + b.length - 2));
  return { meanA, meanB, sdA, sdB, nA: a.length, nB: b.length, meanDifference: meanB - meanA, cohensD: pooled > 0 ? (meanB - meanA) / pooled : Infinity };
}

/** Power per n per arm for a two-arm trial resampled from populations a and b. */
export function powerCurve(a: readonly number[], b: readonly number[], o: PowerCurveOptions): PowerCurve {
  if (o.nPerArm.length === 0) throw new InputError("nPerArm", o.nPerArm, "at least one sample size");
  const alpha = o.alpha ?? 0.05;
  const target = o.target ?? 0.8;
  if (!(target > 0 && target < 1)) throw new InputError("target", target, "a power between 0 and 1");
  const effect = populationEffect(a, b);
  const seed = o.seed ?? 0;
  const points = o.nPerArm.map((n, k) => ({
    nPerArm: n,
    simulated: powerFromPopulations(a, b, { nPerArm: n, replicates: o.replicates ?? 2000, alpha, seed: seed + k }),
    analytic: analyticWelchPower({ meanDifference: effect.meanDifference, sdA: effect.sdA, sdB: effect.sdB, nA: n, nB: n, alpha }),
  }));
  const reached = points.find((p) => p.simulated.power >= target);
  const analyticN = effect.sdA + effect.sdB > 0
    ? sampleSizeForPower({ meanDifference: effect.meanDifference, sdA: effect.sdA, sdB: effect.sdB, alpha, target })
    : null;
  return { effect, points, smallestSimulatedN: reached ? reached.nPerArm : null, analyticN, alpha, target };
}
