/**
 * Trials page data: the bundled published BFR trials compared with the model (the `compare`
 * API: each arm's cohort simulated, every comparable outcome read), as the predicted-vs-observed
 * table with reported error bars, plus each study's rows for the per-study view.
 */
import type { CompiledModel } from "../../src/model/types.ts";
import { loadTrials } from "../../src/trials/load.ts";
import { mapTrials, type MappedTrials } from "../../src/trials/mapping.ts";
import { compareWithModel } from "../../src/trials/model-simulator.ts";
import { comparisonPlotData, spreadsOf } from "../../src/trials/comparison-plot.ts";
import type { DataSize } from "./sizes.ts";

/** The first `n` arms (data order) that have a comparable percent-change outcome; all when n is null. */
export function selectArms(mapped: MappedTrials, n: number | null): MappedTrials {
  if (n === null) return mapped;
  const comparable = new Set(mapped.outcomes.filter((o) => o.target && o.row.valueKind === "pct_change").map((o) => o.armKey));
  const keep = new Set(mapped.arms.filter((a) => comparable.has(a.key)).slice(0, n).map((a) => a.key));
  return { arms: mapped.arms.filter((a) => keep.has(a.key)), outcomes: mapped.outcomes.filter((o) => keep.has(o.armKey)), failures: [] };
}

export function trialsData(model: CompiledModel, size: DataSize) {
  const all = mapTrials(loadTrials());
  const mapped = selectArms(all, size.trialArms);
  const comparison = compareWithModel(mapped, model);
  const plot = comparisonPlotData(comparison, spreadsOf(mapped.outcomes));
  return {
    armsCompared: mapped.arms.length,
    armsAvailable: all.arms.length,
    summary: comparison.summary,
    points: plot.points,
    studies: plot.studies,
    identity: plot.identity,
  };
}
