/**
 * Responder distributions of a virtual cohort's outcome: not just the mean, but the spread
 * (quantiles, SD), the share of members above a responder threshold and of those who got worse,
 * and a histogram — the inter-individual heterogeneity training studies report (e.g. Hubal et al.
 * 2005, Med Sci Sports Exerc 37:964-972, doi:10.1249/01.mss.0000170469.90461.5f: 12-week
 * strength gains from 0 to 250 %, CSA from −2 to +59 %).
 */
import { InputError } from "../errors.ts";

/** Quantiles reported for every outcome. */
export const REPORTED_QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/** The distribution of one outcome over a cohort. */
export interface OutcomeDistribution {
  /** Members with a finite value. */
  n: number;
  /** Members whose simulation failed or gave no value. */
  missing: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
  /** Quantile (as in REPORTED_QUANTILES) → value (linear interpolation, Hyndman & Fan type 7). */
  quantiles: Record<string, number>;
  /** Responder threshold used (null: none). */
  threshold: number | null;
  /** Fraction of members strictly above the threshold (null without one). */
  responderFraction: number | null;
  /** Fraction of members below zero (e.g. a loss instead of a gain). */
  negativeFraction: number;
  /** Equal-width histogram: bin edges (bins + 1) and counts. */
  histogram: { edges: number[]; counts: number[] };
}

/** The q-quantile of sorted values (type 7: linear interpolation between order statistics). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Summarises an outcome over cohort members (non-finite values count as missing). */
export function outcomeDistribution(values: ArrayLike<number | null>, options: { threshold?: number | null; bins?: number } = {}): OutcomeDistribution {
  const bins = options.bins ?? 10;
  if (!Number.isInteger(bins) || bins < 1) throw new InputError("bins", bins, "a positive integer");
  const threshold = options.threshold ?? null;
  if (threshold !== null && !Number.isFinite(threshold)) throw new InputError("threshold", threshold, "a finite number");
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === "number" && Number.isFinite(v)) finite.push(v);
  }
  const n = finite.length;
  const sorted = Float64Array.from(finite).sort();
  const mean = n ? finite.reduce((a, b) => a + b, 0) / n : NaN;
  const sd = n > 1 ? Math.sqrt(finite.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : NaN;
  const quantiles = Object.fromEntries(REPORTED_QUANTILES.map((q) => [String(q), quantileSorted(sorted, q)]));
  const min = n ? sorted[0] : NaN;
  const max = n ? sorted[n - 1] : NaN;
  const width = (max - min) / bins || 1;
  const edges = Array.from({ length: bins + 1 }, (_, k) => min + k * width);
  const counts = new Array<number>(bins).fill(0);
  for (const v of sorted) counts[Math.min(bins - 1, Math.floor((v - min) / width))]++;
  return {
    n, missing: values.length - n, mean, sd, min, max, quantiles, threshold,
    responderFraction: threshold === null || n === 0 ? null : finite.filter((v) => v > threshold).length / n,
    negativeFraction: n ? finite.filter((v) => v < 0).length / n : NaN,
    histogram: { edges, counts },
  };
}

/** A one-line text histogram (▁▂▃▄▅▆▇█ by count). */
export function sparkline(counts: readonly number[]): string {
  const blocks = "▁▂▃▄▅▆▇█";
  const max = Math.max(...counts, 1);
  return counts.map((c) => (c === 0 ? " " : blocks[Math.min(7, Math.floor((c / max) * 7.999))])).join("");
}
