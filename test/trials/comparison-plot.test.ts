import { describe, expect, it } from "vitest";
import { compareRow } from "../../src/trials/compare.ts";
import { comparisonPlotData, spreadsOf } from "../../src/trials/comparison-plot.ts";
import type { TrialOutcome } from "../../src/trials/schema.ts";

const row = (over: Partial<TrialOutcome>): TrialOutcome => ({
  studyId: "a2020", armId: "bfr", outcome: "muscle_csa", site: "thigh", time: 12, timeUnit: "weeks",
  valueKind: "pct_change", value: 10, unit: "%", sd: null, ciLow: null, ciHigh: null, directionOnly: false,
  direction: null, measure: null, pooled: false, confidence: "high", sourceChecked: "x", notes: "",
  origin: { file: "x", line: 2, cells: {} }, ...over,
});

describe("comparisonPlotData", () => {
  it("plots numeric % rows with CI or ±1 SD error bars, one legend entry per study, and the identity extent", () => {
    const rows = [
      row({ value: 10, sd: 2 }),
      row({ studyId: "b2021", value: 5, ciLow: 3, ciHigh: 9, site: "quadriceps" }),
      row({ studyId: "b2021", armId: "con", value: -4 }),
      row({ studyId: "c2022", valueKind: "fold_change", value: 4 }), // another kind: left out
      row({ studyId: "d2023", directionOnly: true, direction: "up", value: null, valueKind: null }), // no value: left out
    ];
    const sims = [14, 6, -1, 3, 8];
    const data = comparisonPlotData({ rows: rows.map((r, i) => compareRow(r, sims[i])) }, spreadsOf(rows.map((r) => ({ row: r }))));
    expect(data.studies).toEqual(["a2020", "b2021"]);
    expect(data.points.map((p) => [p.observed, p.simulated, p.observedLow, p.observedHigh])).toEqual([
      [10, 14, 8, 12],
      [5, 6, 3, 9],
      [-4, -1, null, null],
    ]);
    expect(data.identity).toEqual([-4, 14]);
  });
});
