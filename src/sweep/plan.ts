/**
 * A sweep plan: the points of a spec, enumerated lazily. Point i is a pure function of
 * (spec, i) — never of worker count, shard or evaluation order — which is what makes sharded and
 * resumed sweeps reproduce an uninterrupted run exactly.
 *
 * Order: index i = factorialIndex * n + sampleIndex; inside the factorial the last variable
 * varies fastest (nested loops in spec order).
 */
import { createHash } from "node:crypto";
import { InputError } from "../errors.ts";
import { morrisTrajectory, morrisUnitPoint, saltelliUnitPoint, type MorrisTrajectory } from "./designs.ts";
import { latinHypercube } from "./lhs.ts";
import { scaleToRange } from "./scale.ts";
import { sobolSequence } from "./sobol.ts";
import type { Point, SweepSpec } from "./spec.ts";
import { didYouMean } from "../suggest.ts";

/** The enumerable points of a sweep. */
export interface SweepPlan {
  readonly spec: SweepSpec;
  /** Total number of points. */
  readonly size: number;
  /** Input column names: factorial variables, sampled variables, fixed values. */
  readonly variableNames: readonly string[];
  /** sha256 of the canonical spec (evaluator module path excluded, so shards on other machines agree). */
  readonly hash: string;
  /** Point i (0 ≤ i < size). */
  pointAt(i: number): Point;
}

/** Builds the plan of a validated spec. */
export function planSweep(spec: SweepSpec): SweepPlan {
  const factorNames = Object.keys(spec.variables);
  const factorValues = factorNames.map((n) => spec.variables[n]);
  const factorialSize = factorValues.reduce((p, v) => p * v.length, 1);
  const sampleNames = spec.sample ? Object.keys(spec.sample.variables) : [];
  const ranges = sampleNames.map((n) => spec.sample!.variables[n]);
  const k = sampleNames.length;
  const n = !spec.sample ? 1 : designSize(spec.sample.method, spec.sample.n, k);
  const size = factorialSize * n;
  if (!Number.isSafeInteger(size)) throw new InputError("spec", size, "a sweep of fewer than 2^53 points");
  const fixedEntries = Object.entries(spec.fixed);
  let unit: ((i: number, out: Float64Array) => Float64Array) | null = null;
  const unitPoint = (s: number, out: Float64Array): Float64Array => {
    if (!unit) {
      const method = spec.sample!.method;
      if (method === "sobol") {
        const seq = sobolSequence(k);
        unit = (i, o) => seq.point(i, o);
      } else if (method === "saltelli") {
        const seq = sobolSequence(2 * k);
        const scratch = new Float64Array(2 * k);
        unit = (i, o) => saltelliUnitPoint(seq, k, i, o, scratch);
      } else if (method === "morris") {
        const levels = spec.sample!.levels ?? 4;
        let cached: { t: number; tr: MorrisTrajectory } | null = null;
        unit = (i, o) => {
          const t = Math.floor(i / (k + 1));
          if (!cached || cached.t !== t) cached = { t, tr: morrisTrajectory(t, k, levels, spec.seed) };
          return morrisUnitPoint(cached.tr, i % (k + 1), o);
        };
      } else {
        const lhs = latinHypercube(n, sampleNames.length, spec.seed);
        unit = (i, o) => lhs.point(i, o);
      }
    }
    return unit(s, out);
  };
  const u = new Float64Array(sampleNames.length);
  return Object.freeze({
    spec,
    size,
    variableNames: Object.freeze([...factorNames, ...sampleNames, ...fixedEntries.map(([k]) => k)]),
    hash: specHash(spec),
    pointAt(i: number): Point {
      if (!Number.isInteger(i) || i < 0 || i >= size) throw new InputError("point index", i, `an integer in [0, ${size})`);
      const point: Point = {};
      let f = Math.floor(i / n);
      const idx = new Array<number>(factorNames.length);
      for (let k = factorNames.length - 1; k >= 0; k--) {
        const len = factorValues[k].length;
        idx[k] = f % len;
        f = Math.floor(f / len);
      }
      for (let k = 0; k < factorNames.length; k++) point[factorNames[k]] = factorValues[k][idx[k]];
      if (spec.sample) {
        unitPoint(i % n, u);
        for (let k = 0; k < sampleNames.length; k++) point[sampleNames[k]] = scaleToRange(u[k], ranges[k]);
      }
      for (const [k, v] of fixedEntries) point[k] = v;
      return point;
    },
  });
}

/** Points per factorial combination of a sample: n, n(k+2) for Saltelli, n(k+1) for Morris. */
export function designSize(method: string, n: number, k: number): number {
  return method === "saltelli" ? n * (k + 2) : method === "morris" ? n * (k + 1) : n;
}

/**
 * Points that exercise every input value a sweep will use, for a cheap check before it runs:
 * point 0, then point 0 with each other value of each factorial variable and with each end of
 * each sampled range. Duplicates are skipped; at most sum-of-lengths + 2 × sampled points.
 */
export function* preflightPoints(plan: SweepPlan): Generator<Point> {
  if (plan.size === 0) return;
  const base = plan.pointAt(0);
  yield base;
  const spec = plan.spec;
  for (const [name, values] of Object.entries(spec.variables)) {
    for (const v of values) if (v !== base[name]) yield { ...base, [name]: v };
  }
  for (const [name, r] of Object.entries(spec.sample?.variables ?? {})) {
    for (const v of [r.min, r.max]) if (v !== base[name]) yield { ...base, [name]: v };
  }
}

/** Checks the plan's names against what an evaluator declares (either list may be absent). */
export function checkAgainstEvaluator(
  plan: SweepPlan,
  declared: { variables?: readonly string[]; outcomes?: readonly string[] },
): void {
  if (declared.variables) {
    const known = new Set(declared.variables);
    for (const name of plan.variableNames) {
      if (!known.has(name)) {
        throw new InputError(`variables.${name}`, name,
          `a variable the evaluator declares${didYouMean(name, known)} (known: ${[...known].join(", ")})`);
      }
    }
  }
  if (declared.outcomes && plan.spec.outcomes) {
    const known = new Set(declared.outcomes);
    for (const name of plan.spec.outcomes) {
      if (!known.has(name)) {
        throw new InputError("outcomes", name,
          `an outcome the evaluator returns${didYouMean(name, known)} (known: ${[...known].join(", ")})`);
      }
    }
  }
}

/** sha256 (hex) of a spec's canonical JSON with sorted keys, without the evaluator module path. */
export function specHash(spec: SweepSpec): string {
  // Variable order decides enumeration order, so ordered maps are hashed as [name, value] lists.
  const ordered = {
    variables: Object.entries(spec.variables),
    sample: spec.sample && { method: spec.sample.method, n: spec.sample.n, levels: spec.sample.levels ?? null, variables: Object.entries(spec.sample.variables) },
    fixed: Object.entries(spec.fixed),
    outcomes: spec.outcomes,
    seed: spec.seed,
    evaluatorConfig: spec.evaluator.config ?? null,
  };
  return createHash("sha256").update(canonicalJson(ordered)).digest("hex");
}

/** JSON with object keys sorted, so equal data always hashes equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
