/**
 * Virtual-cohort sweeps: every member of a cohort simulated under every arm (protocol variant) on
 * the sweep runner — parallel, streamed to disk, resumable, shardable — and their rows summarised
 * per arm as responder distributions, or as outcome populations for trial power.
 */
import { InputError } from "../errors.ts";
import { normaliseSweepSpec, readSweepRows, type SweepRow, type SweepSpec, type VariableValue } from "../sweep/index.ts";
import { POPULATIONS, type PopulationSpec } from "./cohort.ts";
import { outcomeDistribution, type OutcomeDistribution } from "./responders.ts";
import { didYouMean } from "../suggest.ts";

/** The cohort evaluator module (loaded in each worker). */
export const COHORT_EVALUATOR = new URL("./cohort-evaluator.ts", import.meta.url).href;

/** What a cohort sweep simulates. */
export interface CohortSweepOptions {
  /** Members in the cohort (each simulated in every arm). */
  members: number;
  /** Arm variables: override name → values (the factorial of all of them gives the arms). Default one arm. */
  arms?: Record<string, VariableValue[]>;
  /** Population name (POPULATIONS) or spec fields over the older-adults defaults. Default "older-adults". */
  population?: string | Partial<PopulationSpec>;
  /** Cohort seed. Default 0. */
  seed?: number;
  protocol?: string;
  model?: string;
  /** Outcomes to record (the cohort.* member characteristics are always added). Default all. */
  outcomes?: string[];
}

/** Resolves a population name or partial spec (unknown names get the closest suggested). */
export function populationFrom(p: string | Partial<PopulationSpec> | undefined): Partial<PopulationSpec> {
  if (p === undefined) return POPULATIONS["older-adults"];
  if (typeof p !== "string") return p;
  const found = POPULATIONS[p];
  if (!found) throw new InputError("population", p, `one of ${Object.keys(POPULATIONS).join(", ")}${didYouMean(p, Object.keys(POPULATIONS))}`);
  return found;
}

/** Member characteristics every cohort row carries. */
export const MEMBER_COLUMNS = ["cohort.ageYr", "cohort.female", "cohort.postmenopausal", "cohort.aopMmHg", "cohort.estimatedAopMmHg",
  "cohort.oneRepMaxKg", "cohort.baselineCsaCm2", "cohort.inflammationLevel"];

/** The sweep spec of a cohort: arm variables × `member` 0..members−1 (member varies fastest). */
export function cohortSweepSpec(o: CohortSweepOptions): SweepSpec {
  if (!Number.isInteger(o.members) || o.members < 2) throw new InputError("members", o.members, "an integer ≥ 2 cohort members");
  const arms = o.arms ?? {};
  if ("member" in arms) throw new InputError("arms.member", arms.member, "arm variables other than member (it indexes the cohort)");
  const config: Record<string, unknown> = { population: populationFrom(o.population), seed: o.seed ?? 0 };
  if (o.protocol) config.protocol = o.protocol;
  if (o.model) config.model = o.model;
  return normaliseSweepSpec({
    variables: { ...arms, member: Array.from({ length: o.members }, (_, i) => i) },
    outcomes: o.outcomes ? [...o.outcomes, ...MEMBER_COLUMNS.filter((c) => !o.outcomes!.includes(c))] : undefined,
    evaluator: { module: COHORT_EVALUATOR, config },
  });
}

/** One arm's responder distributions. */
export interface ArmSummary {
  /** The arm's variable values (without `member`). */
  arm: Record<string, VariableValue>;
  members: number;
  failed: number;
  outcomes: Record<string, OutcomeDistribution>;
  /** Outcome → member characteristic → Pearson correlation over the arm's members (who responds?). */
  correlates: Record<string, Record<string, number>>;
}

/** Pearson correlation of paired values, skipping pairs with a missing value (NaN with < 3 pairs or no spread). */
export function pearson(x: ReadonlyArray<number | null>, y: ReadonlyArray<number | null>): number {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    if (typeof a === "number" && typeof b === "number" && Number.isFinite(a) && Number.isFinite(b)) {
      xs.push(a);
      ys.push(b);
    }
  }
  const n = xs.length;
  if (n < 3) return NaN;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

function armKey(row: SweepRow, armNames: readonly string[]): string {
  return JSON.stringify(armNames.map((n) => row[n]));
}

/**
 * Groups a cohort output's rows by arm (every input column but `member`) and summarises each
 * `report` outcome; `thresholds` sets responder thresholds by outcome name.
 */
export function summariseCohort(
  file: string, options: { report: string[]; thresholds?: Record<string, number>; bins?: number },
): ArmSummary[] {
  const groups = new Map<string, { arm: Record<string, VariableValue>; failed: number; values: Record<string, Array<number | null>> }>();
  let armNames: string[] | null = null;
  let characteristics: string[] = [];
  for (const row of readSweepRows(file)) {
    if (!armNames) {
      const cols = Object.keys(row);
      characteristics = MEMBER_COLUMNS.filter((c) => cols.includes(c) && !options.report.includes(c));
      const m = cols.indexOf("member");
      if (m < 0) throw new InputError("file", file, "a cohort output (a member column)");
      armNames = cols.slice(1, m);
      for (const name of options.report) {
        if (!(name in row)) throw new InputError("outcome", name, `a column of ${file}${didYouMean(name, cols)}`);
      }
      for (const name of Object.keys(options.thresholds ?? {})) {
        if (!options.report.includes(name)) throw new InputError("responder", name, `one of the reported outcomes (${options.report.join(", ")})`);
      }
    }
    const key = armKey(row, armNames);
    let g = groups.get(key);
    if (!g) {
      g = { arm: Object.fromEntries(armNames.map((n) => [n, row[n] as VariableValue])), failed: 0, values: Object.fromEntries(options.report.map((n) => [n, []])) };
      groups.set(key, g);
    }
    if (row.error) g.failed++;
    for (const name of [...options.report, ...characteristics]) (g.values[name] ??= []).push(row[name] as number | null);
  }
  return [...groups.values()].map((g) => ({
    arm: g.arm,
    members: g.values[options.report[0]]?.length ?? 0,
    failed: g.failed,
    outcomes: Object.fromEntries(options.report.map((name) => [name, outcomeDistribution(g.values[name], { threshold: options.thresholds?.[name], bins: options.bins })])),
    correlates: Object.fromEntries(options.report.map((name) => [name,
      Object.fromEntries(characteristics.map((c) => [c, pearson(g.values[c] ?? [], g.values[name])]))])),
  }));
}

/** The outcome's values per value of `armVariable` (members in file order; failed members omitted). */
export function armPopulations(file: string, armVariable: string, outcome: string): Map<VariableValue, number[]> {
  const pops = new Map<VariableValue, number[]>();
  let checked = false;
  for (const row of readSweepRows(file)) {
    if (!checked) {
      const cols = Object.keys(row);
      for (const [field, name] of [["arms", armVariable], ["outcome", outcome]] as const) {
        if (!(name in row)) throw new InputError(field, name, `a column of ${file}${didYouMean(name, cols)}`);
      }
      checked = true;
    }
    const arm = row[armVariable] as VariableValue;
    if (!pops.has(arm)) pops.set(arm, []);
    const v = row[outcome];
    if (typeof v === "number" && Number.isFinite(v) && !row.error) pops.get(arm)!.push(v);
  }
  return pops;
}
