import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compare, compareRow, spearmanOf, summarise, toComparisonJson } from "../../src/trials/compare.ts";
import { loadTrials } from "../../src/trials/load.ts";
import { mapTrials } from "../../src/trials/mapping.ts";
import type { TrialOutcome } from "../../src/trials/schema.ts";

function outcome(over: Partial<TrialOutcome>): TrialOutcome {
  return {
    studyId: "synth2020",
    armId: "bfr",
    outcome: "muscle_csa",
    site: "quadriceps",
    time: 12,
    timeUnit: "weeks",
    valueKind: "pct_change",
    value: 10,
    unit: "%",
    sd: null,
    ciLow: null,
    ciHigh: null,
    directionOnly: false,
    direction: null,
    measure: null,
    pooled: false,
    confidence: "high",
    sourceChecked: "synthetic",
    notes: "",
    origin: { file: "synthetic.csv", line: 2, cells: {} },
    ...over,
  };
}

describe("compareRow", () => {
  it("residual is simulated − observed; z divides by the SD; within means inside ±2 SD", () => {
    const r = compareRow(outcome({ value: 10, sd: 2 }), 13);
    expect(r).toMatchObject({ observed: 10, simulated: 13, residual: 3, z: 1.5, within: true, direction_match: true });
    expect(compareRow(outcome({ value: 10, sd: 2 }), 14).within).toBe(true);
    expect(compareRow(outcome({ value: 10, sd: 2 }), 14.5).within).toBe(false);
    expect(compareRow(outcome({ value: 10, sd: 2 }), 5.5).within).toBe(false);
  });

  it("uses the reported CI when there is one, and nulls when there is no spread", () => {
    expect(compareRow(outcome({ value: 7, sd: 10, ciLow: 5, ciHigh: 9 }), 9.5).within).toBe(false);
    expect(compareRow(outcome({ value: 7, ciLow: 5, ciHigh: 9 }), 6).within).toBe(true);
    const bare = compareRow(outcome({ value: 7 }), 6);
    expect(bare.within).toBeNull();
    expect(bare.z).toBeNull();
  });

  it("grades with the 10 % / 30 % rubric", () => {
    expect(compareRow(outcome({ value: 10 }), 10.5).rubric).toBe("green");
    expect(compareRow(outcome({ value: 10 }), 12).rubric).toBe("yellow");
    expect(compareRow(outcome({ value: -10 }), -7.5).rubric).toBe("yellow");
    expect(compareRow(outcome({ value: 10 }), 14).rubric).toBe("red");
    expect(compareRow(outcome({ value: 0 }), 1).rubric).toBeNull();
  });

  it("matches directions of direction-only rows against a no-change threshold", () => {
    const dir = (direction: "up" | "down" | "none") => outcome({ directionOnly: true, direction, value: null, valueKind: null });
    expect(compareRow(dir("up"), 10).direction_match).toBe(true);
    expect(compareRow(dir("up"), 3).direction_match).toBe(false);
    expect(compareRow(dir("down"), -6).direction_match).toBe(true);
    expect(compareRow(dir("none"), 3).direction_match).toBe(true);
    expect(compareRow(dir("none"), -8).direction_match).toBe(false);
    expect(compareRow(dir("none"), -8, { noChangeThresholdPct: 10 }).direction_match).toBe(true);
    const r = compareRow(dir("up"), 10);
    expect([r.observed, r.residual, r.z, r.within, r.rubric]).toEqual([null, null, null, null, null]);
  });

  it("compares fold changes' direction against 1", () => {
    expect(compareRow(outcome({ valueKind: "fold_change", value: 4 }), 1.5).direction_match).toBe(true);
    expect(compareRow(outcome({ valueKind: "fold_change", value: 4 }), 0.8).direction_match).toBe(false);
  });

  it("treats a non-finite simulation as missing", () => {
    const r = compareRow(outcome({ value: 10, sd: 1 }), Number.NaN);
    expect([r.simulated, r.residual, r.within, r.direction_match]).toEqual([null, null, null, null]);
  });
});

describe("summarise", () => {
  it("RMSE over % changes only, fraction within, directional agreement", () => {
    const rows = [
      compareRow(outcome({ value: 10, sd: 1 }), 13), // residual 3, not within
      compareRow(outcome({ value: 20, sd: 5 }), 16), // residual −4, within
      compareRow(outcome({ valueKind: "abs_change", value: 2.5, unit: "mL/kg/min" }), 100), // not in RMSE
      compareRow(outcome({ directionOnly: true, direction: "down", value: null, valueKind: null }), 8), // mismatch
    ];
    const s = summarise(rows);
    expect(s.n).toBe(4);
    expect(s.rmse).toBeCloseTo(Math.sqrt((9 + 16) / 2), 12);
    expect(s.fraction_within).toBe(0.5);
    expect(s.direction_agreement).toBe(3 / 4);
    expect(s.spearman).toBeNull(); // only 2 pct rows
  });

  it("is all null (and n = 0) when nothing was simulated", () => {
    expect(summarise([compareRow(outcome({}), null)])).toEqual({
      n: 0,
      rmse: null,
      fraction_within: null,
      direction_agreement: null,
      spearman: null,
    });
  });
});

describe("spearmanOf", () => {
  it("is 1 for any strictly increasing relation and −1 for a decreasing one", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 30 }), (xs) => {
        expect(spearmanOf(xs, xs.map((x) => x ** 3 + 7 * x))).toBeCloseTo(1, 12);
        expect(spearmanOf(xs, xs.map((x) => -x))).toBeCloseTo(-1, 12);
      }),
    );
  });

  it("matches a hand-computed value with ties (midranks)", () => {
    // ranks x: 1,2,3,4; y: 1.5,1.5,4,3; reference: scipy.stats.spearmanr gives 0.7378647873726218
    expect(spearmanOf([1, 2, 3, 4], [5, 5, 9, 7])).toBeCloseTo(0.7378647873726218, 12);
    expect(spearmanOf([1, 2], [1, 2])).toBeNull();
  });
});

describe("compare over the bundled trials with a synthetic simulator", () => {
  const trials = mapTrials(loadTrials());

  it("an exact simulator scores RMSE 0, Spearman 1 and full agreement", () => {
    const exact = compare(trials, (_arm, mo) =>
      mo.row.directionOnly ? { up: 20, down: -20, none: 0 }[mo.row.direction!] : mo.row.value,
    );
    const mappedCount = trials.outcomes.filter((o) => o.target).length;
    expect(exact.rows).toHaveLength(mappedCount);
    expect(exact.unmapped).toHaveLength(trials.outcomes.length - mappedCount);
    expect(exact.summary.rmse).toBe(0);
    expect(exact.summary.spearman).toBeCloseTo(1, 12);
    expect(exact.summary.direction_agreement).toBe(1);
    expect(exact.summary.n).toBe(mappedCount);
  });

  it("a simulator off by +2 % points has RMSE 2; one that throws keeps the row with its error", () => {
    const shifted = compare(trials, (arm, mo) => {
      if (arm.key === "ozaki2011/bfr-walk") throw new Error("solver failed");
      return mo.row.value === null ? null : mo.row.value + 2;
    });
    expect(shifted.summary.rmse).toBeCloseTo(2, 12);
    const failed = shifted.rows.filter((r) => r.error !== null);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((r) => r.study_id === "ozaki2011" && r.arm_id === "bfr-walk" && r.simulated === null)).toBe(true);
    expect(failed[0].error).toBe("solver failed");
  });

  it("writes exactly the issue-6 JSON shape, with null where not applicable", () => {
    const c = compare(trials, (_arm, mo) => (mo.row.value === null ? 5 : mo.row.value * 1.1));
    const json = JSON.parse(JSON.stringify(toComparisonJson(c)));
    expect(Object.keys(json)).toEqual(["rows", "summary"]);
    for (const r of json.rows) {
      expect(Object.keys(r)).toEqual([
        "study_id", "arm_id", "outcome", "site", "time", "time_unit", "value_kind",
        "observed", "simulated", "residual", "z", "within", "direction_match",
      ]);
    }
    expect(Object.keys(json.summary)).toEqual(["n", "rmse", "fraction_within", "direction_agreement", "spearman"]);
    const dir = json.rows.find((r: { observed: unknown }) => r.observed === null);
    expect(dir).toMatchObject({ residual: null, z: null, within: null, value_kind: null });
    const kim = json.rows.find((r: { study_id: string }) => r.study_id === "kim2014");
    expect(kim).toBeUndefined(); // GH as abs change is not comparable: reported in `unmapped`, not here
    expect(c.unmapped.find((u) => u.study_id === "kim2014" && u.outcome === "growth_hormone")!.reason).toMatch(/abs_change/);
  });
});
