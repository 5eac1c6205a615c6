/**
 * The data of the predicted-vs-observed figure (`bfrsim compare --plot`): one point per numeric
 * compared row with its error bar (reported CI, else ±1 SD, else none), grouped by study for one
 * colour per study, and the identity line over the common range. Rendering is left to src/plot;
 * this is the tidy table it draws.
 */
import type { Comparison, Rubric } from "./compare.ts";
import type { TrialOutcome } from "./schema.ts";

/** One plotted point: observed (x) with its error bar, simulated (y). */
export interface ComparisonPlotPoint {
  study: string;
  arm: string;
  outcome: string;
  /** Reported value kind (points of different kinds share the axes only when the caller filters them). */
  valueKind: string;
  observed: number;
  simulated: number;
  /** Error bar on the observed value: the CI, else ±1 SD; null when neither was reported. */
  observedLow: number | null;
  observedHigh: number | null;
  rubric: Rubric | null;
}

/** The figure's data: points, the studies in legend order, and the identity line's extent. */
export interface ComparisonPlotData {
  points: ComparisonPlotPoint[];
  studies: string[];
  identity: [number, number];
}

/** Builds the predicted-vs-observed table; `valueKind` keeps one kind (default `pct_change`, the common axis). */
export function comparisonPlotData(
  comparison: Pick<Comparison, "rows">,
  spreads: ReadonlyMap<string, { sd: number | null; ciLow: number | null; ciHigh: number | null }> = new Map(),
  valueKind: string | null = "pct_change",
): ComparisonPlotData {
  const points: ComparisonPlotPoint[] = [];
  for (const r of comparison.rows) {
    if (r.observed === null || r.simulated === null) continue;
    if (valueKind !== null && r.value_kind !== valueKind) continue;
    const spread = spreads.get(rowKey(r.study_id, r.arm_id, r.outcome, r.time, r.time_unit, r.site));
    const [lo, hi] =
      spread?.ciLow != null && spread.ciHigh != null
        ? [spread.ciLow, spread.ciHigh]
        : spread?.sd != null
          ? [r.observed - spread.sd, r.observed + spread.sd]
          : [null, null];
    points.push({
      study: r.study_id,
      arm: r.arm_id,
      outcome: r.outcome,
      valueKind: r.value_kind ?? "",
      observed: r.observed,
      simulated: r.simulated,
      observedLow: lo,
      observedHigh: hi,
      rubric: r.rubric,
    });
  }
  const studies = [...new Set(points.map((p) => p.study))];
  const values = points.flatMap((p) => [p.observed, p.simulated, p.observedLow ?? p.observed, p.observedHigh ?? p.observed]);
  const identity: [number, number] = values.length ? [Math.min(0, ...values), Math.max(0, ...values)] : [0, 1];
  return { points, studies, identity };
}

/** Key matching a compared row to its outcome row's spread (study, arm, outcome, time, unit, site). */
export function rowKey(
  study: string,
  arm: string,
  outcome: string,
  time: number | null,
  timeUnit: string | null,
  site: string | null,
): string {
  return [study, arm, outcome, time ?? "", timeUnit ?? "", site ?? ""].join("|");
}

/** The reported spreads of every outcome row, keyed like `rowKey`, for the error bars. */
export function spreadsOf(outcomes: readonly { row: TrialOutcome }[]): Map<string, { sd: number | null; ciLow: number | null; ciHigh: number | null }> {
  return new Map(
    outcomes.map(({ row }) => [
      rowKey(row.studyId, row.armId, row.outcome, row.time, row.timeUnit, row.site),
      { sd: row.sd, ciLow: row.ciLow, ciHigh: row.ciHigh },
    ]),
  );
}
