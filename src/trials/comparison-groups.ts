/**
 * A comparison summarised per study and outcome kind, as model-spec.md asks validation to be
 * reported: rows, the 10 %/30 % rubric counts, RMSE and mean residual of % changes, direction
 * agreement; and the rows the model misses most.
 */
import type { ComparisonRow, Rubric } from "./compare.ts";

/** One study × outcome kind of a comparison. */
export interface ComparisonGroup {
  study: string;
  outcome: string;
  /** Numeric rows with a simulated value. */
  numeric: number;
  green: number;
  yellow: number;
  red: number;
  /** Mean of simulated − observed over the numeric rows (their own value kinds). */
  meanResidual: number | null;
  /** RMSE of % changes (pct_change rows), % points. */
  rmsePct: number | null;
  /** Rows with a direction verdict, and how many match. */
  directionRows: number;
  directionMatches: number;
  /** Rows the simulator could not do (with an error). */
  failed: number;
  /** The worst rubric colour in the group (null without numeric rows). */
  worst: Rubric | null;
}

const ORDER: Rubric[] = ["green", "yellow", "red"];

/** Groups compared rows by study and outcome kind, in the rows' order of first appearance. */
export function groupComparison(rows: readonly ComparisonRow[]): ComparisonGroup[] {
  const groups = new Map<string, ComparisonRow[]>();
  for (const r of rows) {
    const key = `${r.study_id}\u0000${r.outcome}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((rs) => {
    const numeric = rs.filter((r) => r.residual !== null);
    const pct = numeric.filter((r) => r.value_kind === "pct_change");
    const count = (c: Rubric) => numeric.filter((r) => r.rubric === c).length;
    const directed = rs.filter((r) => r.direction_match !== null);
    const rubrics = numeric.map((r) => r.rubric).filter((c): c is Rubric => c !== null);
    return {
      study: rs[0].study_id,
      outcome: rs[0].outcome,
      numeric: numeric.length,
      green: count("green"),
      yellow: count("yellow"),
      red: count("red"),
      meanResidual: numeric.length ? mean(numeric.map((r) => r.residual!)) : null,
      rmsePct: pct.length ? Math.sqrt(mean(pct.map((r) => r.residual! ** 2))) : null,
      directionRows: directed.length,
      directionMatches: directed.filter((r) => r.direction_match).length,
      failed: rs.filter((r) => r.error !== null).length,
      worst: rubrics.length ? ORDER[Math.max(...rubrics.map((c) => ORDER.indexOf(c)))] : null,
    };
  });
}

/** Rubric counts over all numeric rows. */
export function rubricCounts(rows: readonly ComparisonRow[]): Record<Rubric, number> {
  const out: Record<Rubric, number> = { green: 0, yellow: 0, red: 0 };
  for (const r of rows) if (r.rubric) out[r.rubric]++;
  return out;
}

/** The `count` numeric rows with the largest |residual| relative to |observed| (the model's biggest misses). */
export function largestMisses(rows: readonly ComparisonRow[], count = 10): ComparisonRow[] {
  const rel = (r: ComparisonRow) => Math.abs(r.residual!) / Math.max(Math.abs(r.observed!), 1e-12);
  return rows
    .filter((r) => r.residual !== null && r.observed !== null && r.observed !== 0)
    .sort((a, b) => rel(b) - rel(a))
    .slice(0, count);
}

function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}
